/*
 * src/engine/calc.ts over an exceljs workbook (src/adapters/xlsx/calc.ts): HNB formulas worked
 * out with the add-in's own functions inside fast-formula-parser, and their results stored as
 * cached values. Workbooks are written to a buffer and read back before and after, as `hnb calc`
 * sees files.
 */
import { BOOLEAN_SHOWN, readCachedBoolean } from "../../src/adapters/xlsx-read";
import { Workbook } from "exceljs";
import type { Worksheet } from "exceljs";
import * as functions from "../../src/functions/implementations";
import { calculateWorkbook } from "../../src/adapters/xlsx";
import { readGridsFromBytes } from "../../src/adapters/xlsx-read";
import { parseAddress } from "../../src/port";
import {
  LEDGER_NAME,
  callsHnb,
  hnbId,
  resolveTableReference,
  writeHnbNames,
  type CalcOptions,
  type CalcReport,
} from "../../src/engine";

/** Writes and reads back, as a file would be. */
async function roundTrip(workbook: Workbook): Promise<Workbook> {
  const copy = new Workbook();
  await copy.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return copy;
}

/** calc on a round-tripped copy, then the result round-tripped again. */
async function calc(workbook: Workbook, options?: CalcOptions): Promise<{ book: Workbook; report: CalcReport }> {
  const input = await roundTrip(workbook);
  const report = calculateWorkbook(input, options);
  return { book: await roundTrip(input), report };
}

function sheet(book: Workbook, name: string): Worksheet {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The cached result of a formula cell, or the value of a plain one (exceljs's `value` drops 0 and FALSE results). */
/** A cell as the file shows it: a formula's cached result, a boolean cached as 1 or 0 in its TRUE/FALSE format as the boolean. */
function shown(book: Workbook, sheetName: string, address: string): unknown {
  const cell = sheet(book, sheetName).getCell(address);
  const model = cell.model as { formula?: string; result?: unknown };
  return model.formula !== undefined ? readCachedBoolean(cell, model.result) : cell.value;
}

function formulaOf(book: Workbook, sheetName: string, address: string): string | undefined {
  return (sheet(book, sheetName).getCell(address).model as { formula?: string }).formula;
}

function set(ws: Worksheet, address: string, value: unknown): void {
  ws.getCell(address).value = value as never;
}

const f = (formula: string) => ({ formula });

// ---------------------------------------------------------------------------------------------

describe("formula text", () => {
  it("recognises HNB calls as typed and as Excel stores them, and nothing inside strings or sheet names", () => {
    expect(hnbId("HNB.RAG")).toBe("RAG");
    expect(hnbId("hnb.ragRollup")).toBe("RAGROLLUP");
    expect(hnbId("_xldudf_HNB_SAVINGSTOTAL")).toBe("SAVINGSTOTAL");
    expect(hnbId("SUM")).toBeNull();
    expect(callsHnb("IF(A1>0,HNB.RAG(B2),\"\")")).toBe(true);
    expect(callsHnb('"HNB.RAG(B2)"&A1')).toBe(false);
    expect(callsHnb("'HNB.RAG(x)'!A1+1")).toBe(false);
  });

  it("writes HNB calls in Excel's stored form or as typed, leaving the rest alone", () => {
    const formula = `IF(hnb.rag(B2)="Green",HNB.MONEY("HNB.RAG(1)"),'HNB.X('!A1)+_xldudf_HNB_SAVINGSTOTAL(C2:C4)+HNB.NOSUCH(1)`;
    expect(writeHnbNames(formula, "excel")).toBe(
      `IF(_xldudf_HNB_RAG(B2)="Green",_xldudf_HNB_MONEY("HNB.RAG(1)"),'HNB.X('!A1)+_xldudf_HNB_SAVINGSTOTAL(C2:C4)+HNB.NOSUCH(1)`,
    );
    expect(writeHnbNames(formula, "dotted")).toBe(
      `IF(HNB.RAG(B2)="Green",HNB.MONEY("HNB.RAG(1)"),'HNB.X('!A1)+HNB.SAVINGSTOTAL(C2:C4)+HNB.NOSUCH(1)`,
    );
  });

  it("reads table references", () => {
    // A table at B2:E7: headers in row 2, data in 3–6, totals in 7; columns Ref, Action, RAG, End.
    // Rows and blocks are 0-based, as the port's: row 3 in the sheet is 2.
    const table = { range: parseAddress("B2:E7")!, headerRow: true, totalsRow: true, columns: ["Ref", "Action", "RAG", "End"] };
    const at = (address: string) => parseAddress(address)!;
    expect(resolveTableReference(table, "[RAG]", -1)).toEqual(at("D3:D6"));
    expect(resolveTableReference(table, "[[#Data],[rag]]", -1)).toEqual(at("D3:D6"));
    expect(resolveTableReference(table, "[[Action]:[End]]", -1)).toEqual(at("C3:E6"));
    expect(resolveTableReference(table, "[#All]", -1)).toEqual(at("B2:E7"));
    expect(resolveTableReference(table, "[[#Headers],[#Data],[Ref]]", -1)).toEqual(at("B2:B6"));
    expect(resolveTableReference(table, "[[#Totals],[End]]", -1)).toEqual(at("E7"));
    expect(resolveTableReference(table, "[[#This Row],[RAG]]", 3)).toEqual(at("D4"));
    expect(resolveTableReference(table, "[@RAG]", 4)).toEqual(at("D5"));
    expect(resolveTableReference(table, "[@[RAG]]", 4)).toEqual(at("D5"));
    expect(resolveTableReference(table, "[@RAG]", 1)).toBe("#VALUE!");
    expect(resolveTableReference(table, "[Lead]", -1)).toBe("#REF!");
  });
});

// ---------------------------------------------------------------------------------------------

/** A recovery-plan workbook: a RAG key (named range), a savings plan, a deficit table and a summary. */
function planWorkbook(): Workbook {
  const book = new Workbook();
  const key = book.addWorksheet("RAG Key");
  key.addRow(["Status", "Description", "Also written as"]);
  key.addRow(["Blue", "Complete", "Done"]);
  key.addRow(["Green", "On track", "OK"]);
  key.addRow(["Amber", "Some risk", "At risk"]);
  key.addRow(["Red", "Off track", "Requires escalation"]);
  key.addRow(["Grey", "Not started", "TBC"]);
  book.definedNames.add("'RAG Key'!$A$2:$C$6", "RagKey");

  const plan = book.addWorksheet("Savings Plan");
  plan.addRow(["Initiative", "Status", "2024/25", "2025/26", "RAG"]);
  plan.addRow(["Specialist places", "OK", "£250k", 300000]);
  plan.addRow(["Early help", "At risk", 532000, "£200k"]);
  plan.addRow(["Transport", "Requires escalation", 300000, 100000]);
  set(plan, "E2", f("HNB.RAG(B2,RagKey)"));
  set(plan, "E3", f("HNB.RAG(B3,RagKey)"));
  set(plan, "E4", f("HNB.RAG(B4,RagKey)"));
  set(plan, "A6", "Total");
  set(plan, "C6", f("HNB.SAVINGSTOTAL(C2:C4)"));
  set(plan, "A7", "Risk-adjusted");
  set(plan, "C7", f("HNB.SAVINGSBYYEAR(C2:D4,B2:B4,,RagKey)"));
  set(plan, "A8", "Nested");
  set(plan, "C8", f('IF(SUM(C6,D7)>1000000,"Over £1m",HNB.MONEY(C2,"£000"))'));
  set(plan, "A9", "Bad amount");
  set(plan, "C9", f('HNB.MONEY("lots")'));
  set(plan, "C10", f("HNB.RAG(C9)")); // an error argument is the result
  set(plan, "C11", f("HNB.MONEY(A1,B1,C1)")); // too many arguments

  const budget = book.addWorksheet("DSG Budget");
  budget.addRow(["£000", "2024/25", "2025/26", "2026/27"]);
  budget.addRow(["Spend", 9100, 9650, 10200]);
  budget.addRow(["Income", -8000, -8200, -8400]);
  budget.addRow(["Deficit", f("HNB.DEFICITPATH(1200,B2:D3)")]);
  budget.addRow(["Recovery", f("HNB.RECOVERYYEAR(B4:D4,B1:D1)")]);
  budget.addRow(["Total of path", f("SUM(B4:D4)")]); // reads spilled cells

  const summary = book.addWorksheet("Summary");
  set(summary, "A1", f("HNB.SAVINGSTOTAL('Savings Plan'!C2:D4)"));
  set(summary, "A2", f("HNB.RAGROLLUP('Savings Plan'!E2:E4)"));
  set(summary, "A3", f("'DSG Budget'!D4*1000")); // an ordinary formula using a spilled HNB result
  set(summary, "A4", { formula: "1+1", result: 5 }); // no HNB anywhere: left as it was
  set(summary, "A5", f('HNB.TOTALCHECK(1082000,\'Savings Plan\'!C2:C4)'));
  set(summary, "A6", f("HNB.TRANSFERCHECK(1500,300000)"));
  return book;
}

describe("calculating a recovery-plan workbook", () => {
  let book: Workbook;
  let report: CalcReport;
  beforeAll(async () => {
    ({ book, report } = await calc(planWorkbook()));
  });

  it("works out HNB formulas with cell and range arguments and a named range", () => {
    expect(shown(book, "Savings Plan", "E2")).toBe("Green");
    expect(shown(book, "Savings Plan", "E3")).toBe("Amber");
    expect(shown(book, "Savings Plan", "E4")).toBe("Red");
    expect(shown(book, "Savings Plan", "C6")).toBe(1_082_000);
  });

  it("reads other sheets, including the results of HNB formulas there", () => {
    expect(shown(book, "Summary", "A1")).toBe(1_082_000 + 600_000);
    expect(shown(book, "Summary", "A2")).toBe("Red");
    expect(shown(book, "Summary", "A5")).toBe(true);
    expect(shown(book, "Summary", "A6")).toMatch(/0\.5%.*Schools Forum/);
  });

  it("spills a row of results: the formula holds the first, the cells to its right plain values", () => {
    // Risk-adjusted: Green 100%, Amber 50%, Red 0%; the omitted weights argument is null.
    expect(shown(book, "Savings Plan", "C7")).toBe(250_000 + 266_000);
    expect(shown(book, "Savings Plan", "D7")).toBe(300_000 + 100_000);
    expect(formulaOf(book, "Savings Plan", "D7")).toBeUndefined();
    expect(["B4", "C4", "D4"].map((a) => shown(book, "DSG Budget", a))).toEqual([2300, 3750, 5550]);
    const anchor = sheet(book, "DSG Budget").getCell("B4").model as { shareType?: string; ref?: string };
    expect(anchor.shareType).toBeUndefined();
    expect(report.spills.map((s) => s.range)).toEqual(["'Savings Plan'!C7:D7", "'DSG Budget'!B4:D4"]);
  });

  it("gives formulas that read spilled cells their values", () => {
    expect(shown(book, "DSG Budget", "B5")).toBe("Not recovered by 2026/27");
    expect(shown(book, "DSG Budget", "B6")).toBe(2300 + 3750 + 5550);
    expect(shown(book, "Summary", "A3")).toBe(5_550_000);
  });

  it("works out ordinary functions around HNB ones", () => {
    expect(shown(book, "Savings Plan", "C8")).toBe("Over £1m");
  });

  it("stores error values, with the function's message in the report", () => {
    expect(shown(book, "Savings Plan", "C9")).toEqual({ error: "#VALUE!" });
    expect(shown(book, "Savings Plan", "C10")).toEqual({ error: "#VALUE!" });
    expect(shown(book, "Savings Plan", "C11")).toEqual({ error: "#N/A" });
    const messages = Object.fromEntries(report.errors.map((e) => [e.location, e.message]));
    expect(messages["'Savings Plan'!C9"]).toMatch(/lots/);
    expect(messages["'Savings Plan'!C11"]).toMatch(/HNB\.MONEY takes 1 to 2 arguments, not 3/);
  });

  it("writes HNB calls as Excel stores them and leaves formulas without HNB results alone", () => {
    expect(formulaOf(book, "Savings Plan", "E2")).toBe("_xldudf_HNB_RAG(B2,RagKey)");
    expect(formulaOf(book, "Savings Plan", "C8")).toBe('IF(SUM(C6,D7)>1000000,"Over £1m",_xldudf_HNB_MONEY(C2,"£000"))');
    expect(formulaOf(book, "Summary", "A3")).toBe("'DSG Budget'!D4*1000");
    expect(shown(book, "Summary", "A4")).toBe(5);
  });

  it("reports what it did", () => {
    expect(report.formulas).toBe(15);
    expect(report.dependents).toBe(2); // DSG Budget!B6 and Summary!A3
    expect(report.errors.map((e) => e.location)).toEqual(["'Savings Plan'!C9", "'Savings Plan'!C10", "'Savings Plan'!C11"]);
    expect(report.unresolved).toEqual([]);
    expect(report.cleared).toBe(0);
  });

  it("records the spilled cells in defined names, one per sheet", () => {
    const names = (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    const ledger = names.filter((n) => n.name.startsWith(LEDGER_NAME)).map((n) => n.ranges);
    expect(ledger).toEqual([["'Savings Plan'!$D$7"], ["'DSG Budget'!$C$4:$D$4"]]);
    expect(names.find((n) => n.name === "RagKey")?.ranges).toEqual(["'RAG Key'!$A$2:$C$6"]);
  });

  it("can write HNB calls as typed instead", async () => {
    const dotted = await calc(planWorkbook(), { formulaNames: "dotted" });
    expect(formulaOf(dotted.book, "Savings Plan", "E2")).toBe("HNB.RAG(B2,RagKey)");
    expect(shown(dotted.book, "Savings Plan", "E2")).toBe("Green");
  });

  it("gives the same workbook when run again on its own output", async () => {
    const again = await calc(book);
    expect(again.report.errors.map((e) => e.location)).toEqual(report.errors.map((e) => e.location));
    expect(again.report.spills.map((s) => s.range)).toEqual(report.spills.map((s) => s.range));
    expect(again.report.cleared).toBe(0);
    for (const [name, address] of [["DSG Budget", "D4"], ["Savings Plan", "D7"], ["Summary", "A3"], ["Savings Plan", "E3"]] as const) {
      expect(shown(again.book, name, address)).toEqual(shown(book, name, address));
    }
  });
});

describe("spills", () => {
  it("are blocked by a typed value, and then show #REF! with the reason (Excel shows #SPILL!)", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("Costs");
    set(ws, "A1", f("HNB.PROJECTCOST(10,1000,5%,3%,4)"));
    set(ws, "C1", "a note");
    const { book, report } = await calc(input);
    expect(shown(book, "Costs", "A1")).toEqual({ error: "#REF!" });
    expect(shown(book, "Costs", "C1")).toBe("a note");
    expect(report.errors[0]!.message).toMatch(/would spill into C1, which is not empty/);
    expect(report.spills).toEqual([]);
  });

  it("are not made into or out of a table, as in Excel", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("Plan");
    ws.addTable({ name: "Savings", ref: "A1", headerRow: true, columns: [{ name: "Initiative" }, { name: "Saving" }], rows: [["A", 1], ["B", 2]] });
    set(ws, "A5", f("HNB.PROJECTCOST(10,1000,0,0,3)")); // would cover A5:C5, clear of the table
    set(ws, "B4", f("HNB.PROJECTCOST(10,1000,0,0,3)")); // would cover B4:D4, clear too
    set(ws, "C2", f("HNB.PROJECTCOST(10,1000,0,0,2)")); // next to the table, not in it
    set(ws, "E1", f("HNB.SAVINGSBYYEAR(Savings[Saving])"));
    const { book, report } = await calc(input);
    expect(shown(book, "Plan", "C2")).toBe(10000);
    expect(shown(book, "Plan", "E1")).toBe(3);
    expect(report.errors).toEqual([]);

    const blocked = new Workbook();
    const sheetWithTable = blocked.addWorksheet("Plan");
    sheetWithTable.addTable({ name: "Savings", ref: "C1", headerRow: true, columns: [{ name: "Initiative" }], rows: [["A"]] });
    set(sheetWithTable, "A2", f("HNB.PROJECTCOST(10,1000,0,0,3)")); // A2:C2 reaches the table
    const result = await calc(blocked);
    expect(shown(result.book, "Plan", "A2")).toEqual({ error: "#REF!" });
    expect(result.report.errors[0]!.message).toMatch(/would spill into the table Savings/);
  });

  it("that shrink leave no stale values behind; the cells they left are emptied", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("Costs");
    set(ws, "A1", 4);
    set(ws, "A2", f("HNB.PROJECTCOST(10,1000,0,0,A1)"));
    const first = await calc(input);
    expect(["A2", "B2", "C2", "D2"].map((a) => shown(first.book, "Costs", a))).toEqual([10000, 10000, 10000, 10000]);
    set(sheet(first.book, "Costs"), "A1", 2);
    const second = await calc(first.book);
    expect(["A2", "B2", "C2", "D2"].map((a) => shown(second.book, "Costs", a))).toEqual([10000, 10000, null, null]);
    expect(second.report.cleared).toBe(2);
  });

  it("refill the range of an array formula Excel saved", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("Budget");
    ws.addRow([9100, 9650]);
    ws.addRow([-8000, -8200]);
    set(ws, "A3", { formula: "_xldudf_HNB_DEFICITPATH(100,A1:B2)", shareType: "array", ref: "A3:C3", result: 1 });
    set(ws, "B3", 2);
    set(ws, "C3", 3); // from a wider result before
    const { book } = await calc(input);
    expect(["A3", "B3", "C3"].map((a) => shown(book, "Budget", a))).toEqual([1200, 2650, null]);
    expect((sheet(book, "Budget").getCell("A3").model as { shareType?: string }).shareType).toBeUndefined();
  });
});

describe("the calling convention", () => {
  afterEach(() => jest.restoreAllMocks());

  it("passes empty cells and omitted optional arguments as null, ranges as 2-D arrays", async () => {
    const spy = jest.spyOn(functions, "ragRollup");
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    ws.addRow(["Green"]);
    ws.addRow([null]);
    ws.addRow(["Red"]);
    set(ws, "B1", f("HNB.RAGROLLUP(A1:A3)"));
    set(ws, "B2", f("HNB.RAGROLLUP(A1:A3,,)"));
    set(ws, "B3", f('HNB.RAGROLLUP(A1,"average")'));
    const { book } = await calc(input);
    expect(spy.mock.calls).toEqual([
      [[["Green"], [null], ["Red"]], null, null],
      [[["Green"], [null], ["Red"]], null, null],
      [[["Green"]], "average", null],
    ]);
    expect(shown(book, "S", "B1")).toBe("Red");
  });

  it("passes dates as Excel serial numbers", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    set(ws, "A1", new Date(Date.UTC(2024, 8, 1)));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    set(ws, "B1", f("HNB.FYLABEL(A1)"));
    set(ws, "C1", f("HNB.AYLABEL(A1)"));
    set(ws, "D1", f('HNB.PARSEDATE("Sep 24")'));
    set(ws, "E1", f('HNB.OVERDUE(D1,"Green",A1)'));
    const { book } = await calc(input);
    expect(shown(book, "S", "B1")).toBe("2024/25");
    expect(shown(book, "S", "C1")).toBe("2024/25");
    expect(shown(book, "S", "D1")).toBe(45565); // 30/09/2024
    expect(shown(book, "S", "E1")).toBe(false);
  });

  it("caches a boolean result as 1 or 0 shown TRUE or FALSE (LibreOffice recalculates a cached boolean to #NAME?), and reads it back as the boolean", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    set(ws, "A1", f('HNB.OVERDUE("1/1/2020","Red","1/6/2020")'));
    set(ws, "A2", f('HNB.OVERDUE("1/1/2020","Complete","1/6/2020")'));
    ws.getCell("A2").numFmt = "#,##0";
    const { book } = await calc(input);
    const [a1, a2] = ["A1", "A2"].map((a) => sheet(book, "S").getCell(a));
    expect([(a1!.model as { result?: unknown }).result, a1!.numFmt]).toEqual([1, BOOLEAN_SHOWN]);
    // A boolean never showed the cell's own number format: it takes the TRUE/FALSE one.
    expect([(a2!.model as { result?: unknown }).result, a2!.numFmt]).toEqual([0, BOOLEAN_SHOWN]);
    expect([shown(book, "S", "A1"), shown(book, "S", "A2")]).toEqual([true, false]);
  });

  /** A workbook in the 1900 or the 1904 date system, with 30/09/2024 date-formatted in S!A1. */
  function datedWorkbook(date1904: boolean) {
    const input = new Workbook();
    input.properties.date1904 = date1904;
    const ws = input.addWorksheet("S");
    set(ws, "A1", new Date(Date.UTC(2024, 8, 30)));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    return { input, ws };
  }

  it("reads a date as hnb check does, in a workbook in the 1904 date system (old Mac Excel) too", async () => {
    for (const date1904 of [false, true]) {
      const { input, ws } = datedWorkbook(date1904);
      set(ws, "B1", f("A1"));
      set(ws, "C1", f("HNB.FYLABEL(A1)"));
      set(ws, "D1", f('HNB.OVERDUE(A1,"Green",DATE(2024,11,1))'));
      const bytes = (await input.xlsx.writeBuffer()) as ArrayBuffer;
      // hnb check reads the file through readWorkbookGrids, which is readGridsFromBytes on its bytes.
      const checked = (await readGridsFromBytes(bytes))[0]!.values[0]![0];
      const { book } = await calc(input);
      expect({ date1904, checked }).toEqual({ date1904, checked: 45565 }); // 30/09/2024 in the 1900 system
      expect({ date1904, calculated: shown(book, "S", "B1") }).toEqual({ date1904, calculated: checked });
      expect({ date1904, label: shown(book, "S", "C1"), overdue: shown(book, "S", "D1") }).toEqual({ date1904, label: "2024/25", overdue: true });
    }
  });

  it("stores a date result in a date-formatted cell so that a 1904-system workbook shows the same day", async () => {
    for (const date1904 of [false, true]) {
      const { input, ws } = datedWorkbook(date1904);
      set(ws, "B1", f("A1+30"));
      ws.getCell("B1").numFmt = "dd/mm/yyyy";
      set(ws, "C1", f('HNB.PARSEDATE("Sep 24")'));
      ws.getCell("C1").numFmt = "d mmm yyyy";
      const { book } = await calc(input);
      const read = (await readGridsFromBytes((await book.xlsx.writeBuffer()) as ArrayBuffer))[0]!.values[0]!;
      expect({ date1904, later: read[1], parsed: read[2] }).toEqual({ date1904, later: 45595, parsed: 45565 }); // 30/10/2024, 30/09/2024
    }
  });

  it("reads table columns and this-row references", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("Action Plan");
    ws.addTable({
      name: "Actions",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Ref" }, { name: "Status" }, { name: "RAG" }],
      rows: [
        ["A1", "On track", null],
        ["A2", "Requires escalation", null],
        ["A3", "Complete", null],
      ],
    });
    for (const row of [2, 3, 4]) set(ws, `C${row}`, f("HNB.RAG(Actions[[#This Row],[Status]])"));
    set(ws, "E1", f("HNB.RAGROLLUP(Actions[RAG])"));
    set(ws, "E2", f('HNB.RAGCOUNT(Actions[Status],"Red")'));
    const { book, report } = await calc(input);
    expect(["C2", "C3", "C4"].map((a) => shown(book, "Action Plan", a))).toEqual(["Green", "Red", "Blue"]);
    expect(shown(book, "Action Plan", "E1")).toBe("Red");
    expect(shown(book, "Action Plan", "E2")).toBe(1);
    expect(report.unresolved).toEqual([]);
  });

  it("works out shared formulas filled down, each with its own references", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    ws.addRow(["On track", null]);
    ws.addRow(["Off track", null]);
    ws.addRow(["Not started", null]);
    set(ws, "B1", { formula: "HNB.RAG(A1)", shareType: "shared", ref: "B1:B3" });
    set(ws, "B2", { sharedFormula: "B1" });
    set(ws, "B3", { sharedFormula: "B1" });
    const { book } = await calc(input);
    expect(["B1", "B2", "B3"].map((a) => shown(book, "S", a))).toEqual(["Green", "Red", "Grey"]);
    expect(formulaOf(book, "S", "B3")).toBe("_xldudf_HNB_RAG(A3)");
  });
});

describe("what cannot be worked out", () => {
  it("a circular reference through an HNB formula is an error value in every cell of the circle", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    set(ws, "A1", f("HNB.MONEY(A2)"));
    set(ws, "A2", f("A1+1"));
    const { book, report } = await calc(input);
    expect(shown(book, "S", "A1")).toEqual({ error: "#VALUE!" });
    expect(shown(book, "S", "A2")).toEqual({ error: "#VALUE!" });
    expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(/Circular reference/), expect.stringMatching(/Circular reference/)]);
  });

  it("so is a circle longer than the evaluation goes deep before restarting", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    const n = 150;
    for (let r = 1; r < n; r++) set(ws, `A${r}`, f(`A${r + 1}+1`));
    set(ws, `A${n}`, f("HNB.MONEY(A1)"));
    const { book, report } = await calc(input);
    expect(report.errors).toHaveLength(n);
    for (const address of ["A1", "A75", `A${n}`]) expect(shown(book, "S", address)).toEqual({ error: "#VALUE!" });
  });

  it("a long chain of formulas is worked out without running out of stack", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    const n = 1500;
    // Each cell needs the one below it: the first needs all the others first.
    for (let r = 1; r < n; r++) set(ws, `A${r}`, f(`A${r + 1}+1`));
    set(ws, `A${n}`, f('HNB.MONEY("£1k")'));
    const { book, report } = await calc(input);
    expect(shown(book, "S", "A1")).toBe(1000 + n - 1);
    expect(report.dependents).toBe(n - 1);
  });

  it("a function fast-formula-parser lacks, or an unknown HNB function, leaves the formula as it was and says why", async () => {
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    set(ws, "A1", { formula: 'XLOOKUP("a",B1:B2,C1:C2)&HNB.RAG("ok")', result: "cached" });
    set(ws, "A2", { formula: "HNB.NOSUCH(1)", result: 3 });
    const { book, report } = await calc(input);
    expect(shown(book, "S", "A1")).toBe("cached");
    expect(formulaOf(book, "S", "A2")).toBe("HNB.NOSUCH(1)");
    expect(report.unresolved.map((u) => [u.location, u.reason])).toEqual([
      ["S!A1", "hnb calc cannot work out XLOOKUP"],
      ["S!A2", "HNB.NOSUCH is not an HNB function"],
    ]);
  });

  it("needs no CustomFunctions global: core's errors become #VALUE! and #N/A with their messages", async () => {
    expect((globalThis as { CustomFunctions?: unknown }).CustomFunctions).toBeUndefined();
    const input = new Workbook();
    const ws = input.addWorksheet("S");
    set(ws, "A1", f('HNB.MONEY("plenty")'));
    set(ws, "A2", f('HNB.FYLABEL("not a date")'));
    const { book, report } = await calc(input);
    expect(shown(book, "S", "A1")).toEqual({ error: "#VALUE!" });
    expect(shown(book, "S", "A2")).toEqual({ error: "#N/A" });
    expect(report.errors.map((e) => [e.location, e.value])).toEqual([
      ["S!A1", "#VALUE!"],
      ["S!A2", "#N/A"],
    ]);
    expect(report.errors[0]!.message).toMatch(/plenty/);
    expect(report.errors[1]!.message).toMatch(/not a date/);
  });
});
