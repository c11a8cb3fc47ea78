/*
 * The office adapter through a recording fake of Office.js (office-fake.ts): the port's
 * contract, what Excel is asked to do for each operation, reads, the load/sync discipline the
 * fake enforces, and the round trips and payload sizes the issue sets (≤ 4 syncs per command at
 * 100 and 20,000 rows; no request or response over 4 MB).
 */
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { MAX_GET_CELLS, PAYLOAD_BUDGET, ReadQueue, SyncPlan, columnWidthPoints, excelWouldReinterpret, runs, splitAreas } from "../../src/adapters/office/batching";
import type { WorkbookOperation } from "../../src/port/port";
import { ALL_TEMPLATES, buildTemplates } from "../../src/app/templates";
import { describeWorkbookContract, type ContractWorkbook } from "./contract";
import { FakeExcel, FakeRichApiError, FakeSheet, RAG_FILLS, checkMarkOperations, importOperations, planRows } from "./office-fake";
import { WriteStopped } from "../../src/port/port";

function contractWorkbook(excel: FakeExcel): ContractWorkbook {
  return Object.assign(new OfficeWorkbook(excel.run), { inspect: excel.inspection() });
}

describeWorkbookContract("office (through a recording fake of Office.js)", async (seed) => contractWorkbook(seed ? FakeExcel.fromGrids(seed) : new FakeExcel()));

function fresh(): { excel: FakeExcel; workbook: OfficeWorkbook } {
  const excel = new FakeExcel();
  return { excel, workbook: new OfficeWorkbook(excel.run) };
}

function sheetOf(excel: FakeExcel, name: string) {
  const sheet = excel.sheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe("the office adapter: what Excel is asked to do", () => {
  it("writes a block's values, one number format per column run, and nothing for blank format entries", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "S" },
      { kind: "write", sheet: "S", at: "B2", values: [["Item", 1, 2], ["Other", 3, 4]], numberFormats: ["@", "£#,##0", "£#,##0"] },
      { kind: "write", sheet: "S", at: "B5", values: [[5, 6]], numberFormats: ["", "0%"] },
    ]);
    const s = sheetOf(excel, "S");
    expect(s.cell(1, 1)).toMatchObject({ value: "Item", format: "@" });
    expect(s.cell(2, 3)).toMatchObject({ value: 4, format: "£#,##0" });
    expect(s.cell(4, 1)).toMatchObject({ value: 5, format: "General" });
    expect(s.cell(4, 2)).toMatchObject({ value: 6, format: "0%" });
  });

  it("keeps text Excel would turn into a formula, number, date or boolean as the text written", async () => {
    const { excel, workbook } = fresh();
    const risky = ["=1+1", "+44 20 7946 0000", "-£5", "@SUM(A1)", "00123", "12%", "Apr-25", "31/03/2025", "TRUE", "'quoted'", "#N/A"];
    const plain = ["Green", "Reduce requests by 10%", "Spring 2025", "1.1 Recruit"];
    await workbook.apply([
      { kind: "addSheet", name: "T" },
      { kind: "write", sheet: "T", at: "A1", values: [risky, plain] },
      { kind: "write", sheet: "T", at: "A3", values: [["=1+1", "00123"]], numberFormats: "@" },
    ]);
    const [read] = await workbook.readSheets(["T"]);
    expect(read!.values[0]).toEqual(risky);
    expect(read!.values[1]!.slice(0, plain.length)).toEqual(plain);
    expect(read!.formulas.flat().every((f) => f === null)).toBe(true);
    const t = sheetOf(excel, "T");
    // An apostrophe only where Excel would otherwise change the text, and none in a text-formatted cell.
    expect(risky.map((_, c) => t.cell(0, c)!.quotePrefix)).toEqual(risky.map(() => true));
    expect(plain.map((_, c) => t.cell(1, c)!.quotePrefix)).toEqual(plain.map(() => false));
    expect([t.cell(2, 0)!.quotePrefix, t.cell(2, 1)!.quotePrefix]).toEqual([false, false]);
    expect(read!.values[2]!.slice(0, 2)).toEqual(["=1+1", "00123"]);
  });

  it("clears the cells a block's blanks cover, and writes formulas where asked", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "F" },
      { kind: "write", sheet: "F", at: "A1", values: [[1, 2, "x"]] },
      { kind: "write", sheet: "F", at: "A2", values: [["=A1*10", "=SUM(A1:B1)", null]], formulas: true },
      { kind: "write", sheet: "F", at: "C1", values: [[null]] },
    ]);
    const f = sheetOf(excel, "F");
    expect(f.cell(0, 2)!.value).toBeNull();
    expect(f.cell(1, 0)!.formula).toBe("=A1*10");
    const [read] = await workbook.readSheets(["F"]);
    expect(read!.formulas).toEqual([
      [null, null],
      ["=A1*10", "=SUM(A1:B1)"],
    ]);
    expect(read!.values[1]![0]).toBe(10);
  });

  it("gives a date the date format only where the cell's format is General, counting formats set earlier in the batch", async () => {
    const { excel, workbook } = fresh();
    const day = new Date(Date.UTC(2025, 2, 31));
    await workbook.apply([
      { kind: "addSheet", name: "D" },
      { kind: "numberFormat", sheet: "D", range: "B1", format: "d mmm yyyy" },
    ]);
    await workbook.apply([
      { kind: "numberFormat", sheet: "D", range: "C1", format: "yyyy-mm-dd" },
      { kind: "write", sheet: "D", at: "A1", values: [[day, day, day]] },
    ]);
    const d = sheetOf(excel, "D");
    expect([0, 1, 2].map((c) => d.cell(0, c)!.format)).toEqual(["dd/mm/yyyy", "d mmm yyyy", "yyyy-mm-dd"]);
    expect(d.cell(0, 0)!.value).toBe(45747);
  });

  it("sends 20,000 single-cell fills as cell properties in a few calls, and the last fill of a cell wins", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([{ kind: "addSheet", name: "R" }, { kind: "write", sheet: "R", at: "A1", values: [["x"]] }]);
    const ops: WorkbookOperation[] = [];
    for (let r = 1; r <= 20_000; r++) ops.push({ kind: "fill", sheet: "R", range: `B${r}`, colour: r % 2 ? "#00B050" : "#FF0000" });
    ops.push({ kind: "fill", sheet: "R", range: "B1:B10", colour: null }); // a later clear wins over the single fills
    ops.push({ kind: "fill", sheet: "R", range: "B5", colour: "#0070c0" }); // and a later single fill over the clear
    excel.reset();
    const report = await workbook.apply(ops);
    expect(report.changes).toHaveLength(20_002);
    expect(excel.syncs.reduce((n, s) => n + s.calls, 0)).toBeLessThan(40);
    const r = sheetOf(excel, "R");
    expect(r.cell(0, 1)!.fill).toBeNull();
    expect(r.cell(4, 1)!.fill).toBe("#0070C0");
    expect(r.cell(9, 1)!.fill).toBeNull();
    expect(r.cell(10, 1)!.fill).toBe("#00B050");
    expect(r.cell(19_999, 1)!.fill).toBe("#FF0000");
  });

  it("sets fonts, column widths in points, tables with their name and style, and frozen panes", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "P" },
      { kind: "write", sheet: "P", at: "A1", values: [["Ref", 2024, true], ["1.1", 5, false]] },
      { kind: "font", sheet: "P", range: "A1:C1", bold: true, colour: "#1f4e79" },
      { kind: "columnWidths", sheet: "P", widths: [{ column: "B", width: 20 }] },
      { kind: "addTable", sheet: "P", range: "A1:C2", name: "Plan", style: "TableStyleLight9" },
      { kind: "freeze", sheet: "P", rows: 1 },
    ]);
    const p = sheetOf(excel, "P");
    expect(p.cell(0, 2)!.font).toEqual({ bold: true, color: "#1F4E79" });
    expect(p.widths.get(1)).toBe(columnWidthPoints(20));
    expect(columnWidthPoints(20)).toBe(105);
    expect(excel.tables).toEqual([expect.objectContaining({ name: "Plan", style: "TableStyleLight9", rect: { top: 0, left: 0, bottom: 1, right: 2 } })]);
    // Excel makes a table's headers text.
    expect([p.cell(0, 1)!.value, p.cell(0, 2)!.value]).toEqual(["2024", "TRUE"]);
    expect(p.frozen).toEqual({ rows: 1, columns: 0 });

    await workbook.apply([{ kind: "freeze", sheet: "P", rows: 0, columns: 2 }]);
    expect(p.frozen).toEqual({ rows: 0, columns: 2 });
    await workbook.apply([{ kind: "freeze", sheet: "P", rows: 3, columns: 1 }]);
    expect(p.frozen).toEqual({ rows: 3, columns: 1 });
  });

  it("colours cells equal to a text (not merely containing it) with a cell-value rule, quotes doubled", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "C" },
      { kind: "conditionalFill", sheet: "C", range: "H2:H20", text: 'Say "Red"', fill: "#ff0000", font: "#ffffff" },
    ]);
    expect(sheetOf(excel, "C").conditionalFormats).toEqual([
      { type: "CellValue", rect: { top: 1, left: 7, bottom: 19, right: 7 }, fill: "#FF0000", font: "#FFFFFF", rule: { formula1: '="Say ""Red"""', operator: "EqualTo" } },
    ]);
  });

  it("clears a range's validation before giving it an in-cell list, from values or from a reference", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "RAG Key" },
      { kind: "namedRange", name: "RAGKey", sheet: "RAG Key", range: "A2:A6" },
      { kind: "listValidation", sheet: "RAG Key", range: "C2:C9", source: ["Yes", "No"] },
      { kind: "listValidation", sheet: "RAG Key", range: "D2", source: "=RAGKey" },
    ]);
    expect(sheetOf(excel, "RAG Key").validations).toEqual([
      { rect: { top: 1, left: 2, bottom: 8, right: 2 }, rule: null },
      { rect: { top: 1, left: 2, bottom: 8, right: 2 }, rule: { list: { inCellDropDown: true, source: "Yes,No" } } },
      { rect: { top: 1, left: 3, bottom: 1, right: 3 }, rule: null },
      { rect: { top: 1, left: 3, bottom: 1, right: 3 }, rule: { list: { inCellDropDown: true, source: "=RAGKey" } } },
    ]);
    expect(excel.names).toEqual([expect.objectContaining({ name: "RAGKey", rect: { top: 1, left: 0, bottom: 5, right: 0 } })]);
  });

  it("draws a line chart from the first series, then names each series and points it at the categories", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([
      { kind: "addSheet", name: "Data" },
      { kind: "addSheet", name: "Summary" },
      { kind: "write", sheet: "Summary", at: "A1", values: [["", "24/25", "25/26"], ["Unmitigated", -10, -20]] },
      { kind: "write", sheet: "Data", at: "B3", values: [[-10, -5]] },
      {
        kind: "lineChart",
        sheet: "Summary",
        at: "E2",
        title: "Deficit path",
        categories: "B1:C1",
        series: [
          { name: "Unmitigated", values: "B2:C2" },
          { name: "Mitigated", values: "Data!B3:C3" },
        ],
      },
    ]);
    expect(sheetOf(excel, "Summary").charts).toEqual([
      {
        type: "Line",
        title: "Deficit path",
        at: { top: 1, left: 4, bottom: 1, right: 4 },
        series: [
          { name: "Unmitigated", values: "Summary!B2:C2", categories: "Summary!B1:C1" },
          { name: "Mitigated", values: "Data!B3:C3", categories: "Summary!B1:C1" },
        ],
      },
    ]);
  });

  it("selects a range on its sheet in one sync, activating the sheet", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([{ kind: "addSheet", name: "One" }, { kind: "addSheet", name: "Two" }]);
    excel.reset();
    await workbook.select("one", "$B$2:C3");
    expect(excel.syncCount).toBe(1);
    expect(excel.activeSheet?.name).toBe("One");
    expect(excel.selection).toEqual({ sheet: "One", address: "B2:C3" });
  });

  it("changes nothing in Excel when the planner refuses a batch: the refusal comes before any write is queued", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([{ kind: "addSheet", name: "S" }]);
    excel.reset();
    await expect(workbook.apply([{ kind: "addSheet", name: "New" }, { kind: "fill", sheet: "S", range: "A1", colour: "red" }])).rejects.toThrow(/^Nothing was changed/);
    expect(excel.sheets.map((s) => s.name)).toEqual(["S"]);
    expect(excel.syncs.every((s) => s.calls <= 3)).toBe(true); // the loads of sheets, tables and names only
  });
});

describe("the office adapter: reads", () => {
  it("reads values, formats, per-cell fills and formulas of the used range, from its origin", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Ref", "RAG"], ["1.1", "Green"], ["1.2", "Red"]], fills: [[null, null], [null, "#00b050"], [null, "#FF0000"]], origin: { row: 2, column: 1 } }]);
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([
      { kind: "write", sheet: "Plan", at: "D3", values: [["Total"], ["=2+3"]], formulas: true, numberFormats: ["£#,##0"] },
      { kind: "fill", sheet: "Plan", range: "B3", colour: "#FFFFFF" },
    ]);
    const [read] = await workbook.readSheets();
    expect(read).toEqual({
      name: "Plan",
      origin: { row: 2, column: 1 },
      values: [["Ref", "RAG", "Total"], ["1.1", "Green", 5], ["1.2", "Red", null]],
      // A white fill reads as no fill: Excel reports an unfilled cell as #FFFFFF too.
      fills: [[null, null, null], [null, "#00B050", null], [null, "#FF0000", null]],
      numberFormats: [["General", "General", "£#,##0"], ["General", "General", "£#,##0"], ["General", "General", "General"]],
      formulas: [[null, null, null], [null, null, "=2+3"], [null, null, null]],
    });
  });

  it("reads a sheet with one fill everywhere without asking for any cell's fill", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Amber", values: [["a", "b"], ["c", "d"]], fills: [["#FFC000", "#FFC000"], ["#FFC000", "#FFC000"]] }]);
    const [read] = await new OfficeWorkbook(excel.run).readSheets(["amber"]);
    expect(read!.name).toBe("Amber");
    expect(read!.fills).toEqual([["#FFC000", "#FFC000"], ["#FFC000", "#FFC000"]]);
  });

  it("reads the fills of a large sheet column by column, cell by cell only where a column is mixed", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply(importOperations(20_000, "Big"));
    await workbook.apply(checkMarkOperations(20_000, "Big"));
    excel.reset();
    const [read] = await workbook.readSheets(["Big"]);
    const statuses = planRows(20_000).map((r) => String(r[5]));
    const expected = statuses.map((s) => RAG_FILLS[s === "On track" ? "Green" : s === "Delayed" ? "Amber" : s] ?? null);
    expect(read!.fills!.slice(1).map((row) => row[5])).toEqual(expected);
    expect(read!.fills!.slice(1).every((row) => row.every((f, c) => c === 5 || f === null))).toBe(true);
    expect(read!.values[20_000]![14]).toMatch(/^[✓✗]$/);
    expect(excel.syncCount).toBeLessThanOrEqual(4);
  });

  it("names sheets as Excel does whatever the case asked for, refuses a missing one, and asks nothing for none", async () => {
    const { excel, workbook } = fresh();
    await workbook.apply([{ kind: "addSheet", name: "Savings plan" }]);
    expect((await workbook.readSheets(["SAVINGS PLAN"]))[0]!.name).toBe("Savings plan");
    await expect(workbook.readSheets(["Savings plan", "Budget"])).rejects.toThrow('There is no sheet called "Budget".');
    excel.reset();
    expect(await workbook.readSheets([])).toEqual([]);
    expect(excel.syncCount).toBe(0);
  });

  it("asks for less when Excel on the web refuses a response as too large, and still reads every cell", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Long", values: Array.from({ length: 3_000 }, (_, r) => Array.from({ length: 8 }, (_, c) => `${"Long comment ".repeat(4)}${r}.${c}`)) }]);
    excel.limit = 300_000; // as if the text were far longer than the sample suggested
    const workbook = new OfficeWorkbook(excel.run);
    const [read] = await workbook.readSheets(["Long"]);
    expect(read!.values).toHaveLength(3_000);
    expect(read!.values[2_999]![7]).toBe(`${"Long comment ".repeat(4)}2999.7`);
    expect(excel.syncs.some((s) => s.response > excel.limit)).toBe(true);
  });
});

describe("the recording fake keeps the adapter to Office.js's rules", () => {
  it("refuses a property read before the sync that loads it, or never loaded", async () => {
    const excel = FakeExcel.fromGrids([{ name: "S", values: [["a"]] }]);
    await excel.run(async (context) => {
      // The mistakes below are deliberate, so the lint rules that would catch them are off here.
      const range = context.workbook.worksheets.getItem("S").getRange("A1");
      /* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load -- reading too early on purpose: the fake must refuse it */
      expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([["a"]]);
      expect(() => range.numberFormat).toThrow(/not available/);
      /* eslint-enable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load */
    });
  });

  it("queues writes until the sync, applies a failing batch up to the failure, and counts each sync", async () => {
    const excel = FakeExcel.fromGrids([{ name: "S", values: [] }]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["written"]];
      expect(excel.sheet("S")!.cell(0, 0)).toBeUndefined();
      context.workbook.worksheets.getItem("Nowhere").getRange("A1").values = [["lost"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
    expect(excel.sheet("S")!.cell(0, 0)!.value).toBe("written");
    expect(excel.syncCount).toBe(1);
  });

  it("gives null objects that say so, and refuses anything else asked of them", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Empty", values: [] }]);
    await excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject();
      used.load("address");
      await context.sync();
      expect(used.isNullObject).toBe(true);
      expect(() => used.address).toThrow(/not available/);
    });
  });

  it("refuses a request or a response over Excel on the web's 5 MB", async () => {
    const excel = FakeExcel.fromGrids([{ name: "S", values: [] }]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 60_000, 10).values = Array.from({ length: 60_000 }, () => new Array(10).fill("ten bytes"));
      await expect(context.sync()).rejects.toEqual(new FakeRichApiError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit."));
    });
  });
});

describe("the office adapter: round trips and payload per command", () => {
  const MB4 = PAYLOAD_BUDGET;

  describe.each([100, 20_000])("at %i rows", (rows) => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    const sheet = "Savings plan import";

    async function measured(run: () => Promise<unknown>): Promise<{ syncs: number; request: number; response: number }> {
      excel.reset();
      await run();
      return { syncs: excel.syncCount, request: Math.max(...excel.payloads), response: Math.max(...excel.responses) };
    }

    // In order, each on the workbook the one before left, as the bench runs them.
    it("writes an import in at most 4 syncs, none over 4 MB", async () => {
      const m = await measured(() => workbook.apply(importOperations(rows, sheet)));
      expect(m.syncs).toBeLessThanOrEqual(4);
      expect(m.request).toBeLessThanOrEqual(MB4);
      expect(sheetOf(excel, sheet).cell(rows, 12)).toBeDefined();
    });

    it("writes every template in at most 4 syncs", async () => {
      const m = await measured(() => workbook.apply(buildTemplates(ALL_TEMPLATES, excel.sheets.map((s) => s.name)).operations));
      expect(m.syncs).toBeLessThanOrEqual(4);
      expect(m.request).toBeLessThanOrEqual(MB4);
    });

    it("lists sheets in 2 syncs", async () => {
      const m = await measured(() => workbook.listSheets());
      expect(m.syncs).toBe(2);
      const listed = await workbook.listSheets();
      expect(listed[0]).toEqual({ name: sheet, usedRange: `A1:M${rows + 1}`, tables: [{ name: "SavingsImport", address: `A1:M${rows + 1}`, headers: expect.arrayContaining(["Initiative", "RAG"]) }] });
    });

    it("reads every sheet in at most 4 syncs, no response over 4 MB", async () => {
      const m = await measured(() => workbook.readSheets());
      expect(m.syncs).toBeLessThanOrEqual(4);
      expect(m.response).toBeLessThanOrEqual(MB4);
    });

    it("reads a named sheet in at most 3 syncs", async () => {
      const m = await measured(() => workbook.readSheets([sheet]));
      expect(m.syncs).toBeLessThanOrEqual(3);
      expect(m.response).toBeLessThanOrEqual(MB4);
    });

    it("writes check marks, a fill per status cell and the change log in at most 4 syncs", async () => {
      const m = await measured(() => workbook.apply(checkMarkOperations(rows, sheet)));
      expect(m.syncs).toBeLessThanOrEqual(4);
      expect(m.request).toBeLessThanOrEqual(MB4);
      expect(sheetOf(excel, "HNB change log").usedRange()).toEqual({ top: 0, left: 0, bottom: rows, right: 3 });
    });

    it("selects in 1 sync", async () => {
      expect((await measured(() => workbook.select(sheet, "F2"))).syncs).toBe(1);
    });

    it("reads every sheet again, now with the change log's rows too, in at most 4 syncs, no response over 4 MB", async () => {
      const m = await measured(() => workbook.readSheets());
      expect(m.syncs).toBeLessThanOrEqual(4);
      expect(m.response).toBeLessThanOrEqual(MB4);
    });
  });
});

describe("the office adapter: the sheets as last seen, tried first", () => {
  const names = (reads: { name: string }[]) => reads.map((r) => r.name);

  it("reads every sheet with one sync fewer when they are as last seen, and follows sheets added, moved, renamed and deleted since", async () => {
    const excel = FakeExcel.fromGrids([
      { name: "Plan", values: [["Status"], ["Green"]] },
      { name: "Budget", values: [["Line", "Budget"], ["Top-up", 10]] },
    ]);
    const workbook = new OfficeWorkbook(excel.run);
    const syncs = async () => {
      excel.reset();
      const read = await workbook.readSheets();
      return { names: names(read), syncs: excel.syncCount, values: read.map((r) => r.values) };
    };
    const first = await syncs();
    expect(first).toEqual({ names: ["Plan", "Budget"], syncs: 3, values: [[["Status"], ["Green"]], [["Line", "Budget"], ["Top-up", 10]]] });
    // As last seen: the names come with the used ranges.
    expect(await syncs()).toEqual({ ...first, syncs: 2 });
    // Someone adds a sheet in Excel: the names that came back are probed, as without a guess.
    excel.sheets.push(new FakeSheet("Added"));
    expect(await syncs()).toEqual({ names: ["Plan", "Budget", "Added"], syncs: 3, values: [...first.values, []] });
    // Moves one: read in the new order.
    excel.sheets.unshift(excel.sheets.pop()!);
    expect((await syncs()).names).toEqual(["Added", "Plan", "Budget"]);
    // Renames one: the guess fails, the names are asked for first.
    excel.sheet("Budget")!.name = "Budget 2025-26";
    const renamed = await syncs();
    expect(renamed.names).toEqual(["Added", "Plan", "Budget 2025-26"]);
    expect(renamed.values[2]).toEqual([["Line", "Budget"], ["Top-up", 10]]);
    // Deletes one.
    excel.sheets.splice(0, 1);
    expect((await syncs()).names).toEqual(["Plan", "Budget 2025-26"]);
    expect((await syncs()).syncs).toBe(2);
  });

  it("learns the sheets a write adds, and a listing's", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status"], ["Green"]] }]);
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([{ kind: "addSheet", name: "Summary" }, { kind: "write", sheet: "Summary", at: "A1", values: [["Total"]] }]);
    excel.reset();
    expect(names(await workbook.readSheets())).toEqual(["Plan", "Summary"]);
    expect(excel.syncCount).toBe(2);
    const listed = new OfficeWorkbook(excel.run);
    await listed.listSheets();
    excel.reset();
    expect(names(await listed.readSheets())).toEqual(["Plan", "Summary"]);
    expect(excel.syncCount).toBe(2);
  });
});

describe("office batching rules", () => {
  it("knows which text Excel would reinterpret", () => {
    for (const text of ["=A1", "+1", "-", "@x", "'a", "1", " 2.5 ", "1,000", "£5", "(£5)", "12%", "1e5", "1/4/25", "2025-03-31", "10:30", "10:30 am", "Apr-25", "1 April", "March 2025", "31 Mar 2026", "true", "#N/A", "#DIV/0!"]) {
      expect([text, excelWouldReinterpret(text)]).toEqual([text, true]);
    }
    for (const text of ["", "Green", "On track", "Spring 2025", "Academic Year 2024-25", "Phase 2", "Reduce by 10%", "£5k", "Q1", "FY24"]) {
      expect([text, excelWouldReinterpret(text)]).toEqual([text, false]);
    }
  });

  it("packs work into syncs under the budget, splitting rows but never reordering", () => {
    const plan = new SyncPlan(100);
    const order: string[] = [];
    plan.add(30, () => order.push("a"));
    plan.addRows([20, 20, 20, 20, 20], 10, (start, count) => order.push(`rows ${start}+${count}`));
    plan.add(90, () => order.push("b"));
    expect(plan.syncs).toBe(3);
    const context = { sync: async () => void order.push("sync") } as unknown as Excel.RequestContext;
    return plan.send(context).then(() => expect(order).toEqual(["a", "rows 0+3", "sync", "rows 3+2", "sync", "b", "sync"]));
  });

  it("never asks for more than Excel's five million cells in one get, however small the cells are guessed to be", async () => {
    const queue = new ReadQueue({ sync: async () => undefined } as unknown as Excel.RequestContext);
    const pieces: number[] = [];
    queue.add({ rows: 12_000, rowBytes: 0.01, fixedBytes: 0, columns: 1_000, queue: (_start, count) => (pieces.push(count), () => undefined) });
    await queue.drain();
    expect(pieces).toEqual([5_000, 5_000, 2_000]);
    expect(Math.max(...pieces) * 1_000).toBeLessThanOrEqual(MAX_GET_CELLS);
  });

  it("finds runs, and splits an area list only outside quoted sheet names", () => {
    expect(runs([1, 2, 3, 7, 8, 10])).toEqual([[1, 3], [7, 2], [10, 1]]);
    expect(splitAreas("'A, B'!A1:B2,Sheet2!C3, 'It''s'!D4")).toEqual(["'A, B'!A1:B2", "Sheet2!C3", "'It''s'!D4"]);
  });
});

describe("the office adapter: watching for edits", () => {
  it("adds one handler for every sheet's changes, calls back on each, and removes it on its own context", async () => {
    const calls: string[] = [];
    let handler: (() => Promise<void>) | null = null;
    const context = {
      workbook: {
        worksheets: {
          onChanged: {
            add(h: () => Promise<void>) {
              calls.push("add");
              handler = h;
              return { context, remove: () => calls.push("remove") };
            },
          },
          load: () => calls.push("load names"),
          items: [{ name: "Sheet1" }],
        },
      },
      sync: async () => {
        calls.push("sync");
      },
    };
    const run = (async (_options: unknown, batch: (c: unknown) => Promise<unknown>) => batch(context)) as unknown as ConstructorParameters<typeof OfficeWorkbook>[0];
    let edits = 0;
    const stop = await new OfficeWorkbook(run).watchChanges(() => edits++);
    expect(calls).toEqual(["add", "load names", "sync"]);
    await handler!();
    await handler!();
    expect(edits).toBe(2);
    // The echo of the add-in's own write is left out (the pane knows of it already); a co-author's edit is not.
    await (handler as unknown as (e: unknown) => Promise<void>)({ source: "Local", triggerSource: "ThisLocalAddin" });
    expect(edits).toBe(2);
    await (handler as unknown as (e: unknown) => Promise<void>)({ source: "Remote", triggerSource: "Unknown" });
    expect(edits).toBe(3);
    await stop();
    expect(calls).toEqual(["add", "load names", "sync", "remove", "sync"]);
  });

  it("learns the sheet names as it registers, so the pane's first read, started meanwhile, makes no sync to ask for them", async () => {
    const workbook = async () => {
      const { excel, workbook: setUp } = fresh();
      await setUp.apply([{ kind: "addSheet", name: "Plan" }, { kind: "write", sheet: "Plan", at: "A1", values: [["Initiative", "RAG"], ["Panel", "Green"]] }, { kind: "addSheet", name: "Notes" }]);
      return { excel, reader: new OfficeWorkbook(excel.run) };
    };
    // A session's first read on its own: the names, then the sheets.
    const first = await workbook();
    let before = first.excel.syncCount;
    const alone = (await first.reader.readSheets()).map((g) => g.name);
    const aloneSyncs = first.excel.syncCount - before;
    // As the pane does: the watch registered (one sync), and Home's read started before it is back.
    const second = await workbook();
    before = second.excel.syncCount;
    const watching = second.reader.watchChanges(() => undefined);
    const read = second.reader.readSheets();
    const stop = await watching;
    expect((await read).map((g) => g.name)).toEqual(alone);
    expect(second.excel.syncCount - before).toBe(1 + aloneSyncs - 1);
    await stop();
  });
});

describe("the office adapter: a write Excel stops part-way", () => {
  async function syncsOf(operations: WorkbookOperation[]): Promise<number> {
    const { excel, workbook } = fresh();
    await workbook.apply(operations);
    return excel.syncCount;
  }

  it("says what was made, what perhaps in part, and what not, when a later sync is refused; never that nothing changed", async () => {
    const operations = [...importOperations(20_000, "Big"), { kind: "addSheet" as const, name: "After" }, { kind: "write" as const, sheet: "After", at: "A1", values: [["last"]] }];
    const total = await syncsOf(operations);
    expect(total).toBeGreaterThan(2);
    const { excel, workbook } = fresh();
    excel.refuseSync = { sync: total, after: 0, error: new FakeRichApiError("GeneralException", "An internal error has occurred.") };
    const error = await workbook.apply(operations).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WriteStopped);
    const stopped = error as WriteStopped;
    expect(stopped.message).toMatch(/^Excel stopped part-way through the change \(An internal error has occurred\)\. Made: Added sheet "Big"/);
    expect(stopped.message).not.toMatch(/Nothing was changed/);
    expect(stopped.made[0]).toBe('Added sheet "Big"');
    expect(stopped.partly.length + stopped.notMade.length).toBeGreaterThan(0);
    // What it says was made is in the workbook.
    expect(excel.sheet("Big")).toBeTruthy();
  });

  it("when the first sync of the write is refused, says Excel may have made some of it, naming what (a cell being edited in plain words)", async () => {
    const operations: WorkbookOperation[] = [{ kind: "addSheet", name: "Only" }, { kind: "write", sheet: "Only", at: "A1", values: [["x"]] }];
    const total = await syncsOf(operations);
    const { excel, workbook } = fresh();
    excel.refuseSync = { sync: total, after: 1, error: new FakeRichApiError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.") };
    await expect(workbook.apply(operations)).rejects.toThrow(
      /^Excel stopped at the change \(Excel is busy editing a cell\)\. Excel may have made some of these before stopping: Added sheet "Only"; Wrote 1 row to Only!A1\. Finish the edit \(Enter or Esc\) first\.$/,
    );
  });
});

describe("the office adapter: a used range over Excel's five million cells a get", () => {
  it("is probed in bands when the whole-range probe is refused, and only its values' cells are read when formatting alone takes it that far", async () => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    // Values in A1:B2, a formula and a fill among them; a fill alone at XFD400 makes Excel's used
    // range 400 rows to the last column: 6.5 million cells, beyond a get and beyond the limits.
    await workbook.apply([
      { kind: "addSheet", name: "Wide" },
      { kind: "write", sheet: "Wide", at: "A1", values: [["Status", "=1+1"], ["Green", null]], formulas: true },
      { kind: "fill", sheet: "Wide", range: "A2", colour: "#00B050" },
      { kind: "fill", sheet: "Wide", range: "XFD400", colour: "#FFFF00" },
    ]);
    const [read] = await workbook.readSheets(["Wide"]);
    expect(read!.values).toEqual([
      ["Status", 2],
      ["Green", null],
    ]);
    expect(read!.formulas[0]![1]).toBe("=1+1");
    expect(read!.fills![1]![0]).toBe("#00B050");
    expect(read!.fills![0]![0]).toBeNull();
  }, 60_000);
});

describe("the office adapter: a read cancelled part-way", () => {
  async function planWorkbook(rows: number) {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply(importOperations(rows, "Plan"));
    excel.reset();
    return { excel, workbook };
  }

  it("starts no sync after its signal is aborted: Cancel during a read of several syncs stops the rest", async () => {
    // 20,000 rows: the used ranges (with the sheet names, as last seen), then the cells in two syncs.
    const whole = await planWorkbook(20_000);
    await whole.workbook.readSheets();
    const all = whole.excel.syncCount;
    expect(all).toBe(3);

    const { excel, workbook } = await planWorkbook(20_000);
    const controller = new AbortController();
    // The user presses Cancel while the second sync (the first of the cells) is on its way.
    excel.onSync = (sync) => {
      if (sync === 2) controller.abort();
    };
    const read = workbook.readSheets(undefined, { signal: controller.signal });
    await expect(read).rejects.toMatchObject({ name: "ReadCancelled" });
    expect(excel.syncCount).toBe(2);
  });

  it("asks Excel nothing when cancelled before it starts, nor after the sheet names", async () => {
    const { excel, workbook } = await planWorkbook(100);
    const before = new AbortController();
    before.abort();
    await expect(workbook.readSheets(undefined, { signal: before.signal })).rejects.toMatchObject({ name: "ReadCancelled" });
    expect(excel.syncCount).toBe(0);
    const after = new AbortController();
    excel.onSync = (sync) => sync === 1 && after.abort();
    await expect(workbook.readSheets(undefined, { signal: after.signal })).rejects.toMatchObject({ name: "ReadCancelled" });
    expect(excel.syncCount).toBe(1);
  });

  it("reads as before when its signal is never aborted", async () => {
    const { workbook } = await planWorkbook(100);
    const plain = await workbook.readSheets();
    expect(await workbook.readSheets(undefined, { signal: new AbortController().signal })).toEqual(plain);
  });
});

describe("the office adapter: the limits a file is held to, before any cell is read", () => {
  it("refuses a sheet whose values are beyond them with the message a file gets, having read no cell", async () => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([
      { kind: "addSheet", name: "Wide" },
      { kind: "write", sheet: "Wide", at: "A1", values: [["Status"]] },
      { kind: "write", sheet: "Wide", at: "XFD400", values: [["far corner"]] },
    ]);
    excel.reset();
    const read = workbook.readSheets();
    await expect(read).rejects.toThrow(
      "The sheet “Wide” (its values span A1:XFD400) holds 6,553,600 cells (400 rows by 16,384 columns); at most 1,000,000 cells can be read at once: copy the table's own rows to a new workbook or text file and use that.",
    );
    await expect(read).rejects.toMatchObject({ name: "TooLarge" });
    // The used ranges (refused: the whole-range probes are too large), the names, the used ranges
    // again (refused), then without the whole-range probes: no cells.
    expect(excel.syncCount).toBeLessThanOrEqual(4);
    expect(Math.max(...excel.responses)).toBeLessThan(100_000);
  });

  it("counts the cells of every sheet together, as for a file, and the rows of each sheet", async () => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([
      { kind: "addSheet", name: "Tall" },
      { kind: "write", sheet: "Tall", at: "A1", values: [["Line"]] },
      { kind: "write", sheet: "Tall", at: "A200001", values: [["last"]] },
    ]);
    await expect(workbook.readSheets()).rejects.toThrow(
      "The sheet “Tall” (its values span A1:A200001) holds 200,001 rows; at most 200,000 rows of a sheet can be read at once: copy the table's own rows to a new workbook or text file and use that.",
    );
    const two = new FakeExcel();
    const both = new OfficeWorkbook(two.run);
    await both.apply([
      { kind: "addSheet", name: "One" },
      { kind: "write", sheet: "One", at: "A1", values: [["x"]] },
      { kind: "write", sheet: "One", at: "J60000", values: [["y"]] },
      { kind: "addSheet", name: "Two" },
      { kind: "write", sheet: "Two", at: "A1", values: [["x"]] },
      { kind: "write", sheet: "Two", at: "J50000", values: [["y"]] },
    ]);
    await expect(both.readSheets()).rejects.toThrow(
      "The sheet “Two” (its values span A1:J50000) holds 1,100,000 cells with the sheets before it; at most 1,000,000 cells can be read at once: copy the table's own rows to a new workbook or text file and use that.",
    );
  });

  it("does not count cells that only carry formatting: a fill down a sheet does not make it too large", async () => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([
      { kind: "addSheet", name: "Plan" },
      { kind: "write", sheet: "Plan", at: "A1", values: [["Status"], ["Green"]] },
      { kind: "fill", sheet: "Plan", range: "A250000", colour: "#FFFF00" },
    ]);
    const [read] = await workbook.readSheets();
    expect(read!.values).toEqual([["Status"], ["Green"]]);
  });
});

describe("the office adapter: writes refused before anything is written", () => {
  it("refuses to write on a protected sheet, naming it, and writes nothing anywhere", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status"], ["On track"]] }]);
    excel.sheet("Plan")!.protected = true;
    const workbook = new OfficeWorkbook(excel.run);
    await expect(workbook.apply([{ kind: "addSheet", name: "HNB change log" }, { kind: "write", sheet: "Plan", at: "A2", values: [["Green"]] }])).rejects.toThrow(
      'Nothing was changed: the sheet "Plan" is protected. Unprotect it (Review › Unprotect Sheet) and try again.',
    );
    expect(excel.sheets.map((s) => s.name)).toEqual(["Plan"]);
    expect(excel.sheet("Plan")!.cell(1, 0)!.value).toBe("On track");
    // A protected sheet the batch does not touch is no obstacle.
    await workbook.apply([{ kind: "addSheet", name: "Summary" }, { kind: "write", sheet: "Summary", at: "A1", values: [["ok"]] }]);
    expect(excel.sheets.map((s) => s.name)).toEqual(["Plan", "Summary"]);
  });
});

describe("the office adapter: merged cells in the way", () => {
  it("refuses a write to part of a merged cell before anything is written, and allows one that leaves it alone", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Title", null, null], ["Status", "On track", null]] }]);
    excel.sheet("Plan")!.merged.push({ top: 0, left: 0, bottom: 0, right: 2 });
    const workbook = new OfficeWorkbook(excel.run);
    await expect(workbook.apply([{ kind: "addSheet", name: "Log" }, { kind: "write", sheet: "Plan", at: "B1", values: [["x"]] }])).rejects.toThrow(
      "Nothing was changed: Plan!A1:C1 is merged with the cells beside it, and Excel will not write to part of a merged cell. Unmerge it (Home › Merge & Centre) and try again.",
    );
    expect(excel.sheets.map((s) => s.name)).toEqual(["Plan"]);
    await workbook.apply([{ kind: "write", sheet: "Plan", at: "B2", values: [["Green"]] }]);
    expect(excel.sheet("Plan")!.cell(1, 1)!.value).toBe("Green");
  });
});

describe("the office adapter: dynamic arrays in the way", () => {
  it("refuses a write into cells another formula spills into, naming the formula's cell, and writes nothing", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status", "Count"], ["On track", null], ["Delayed", null]] }]);
    excel.sheet("Plan")!.spills.push({ anchor: { row: 0, column: 3 }, rect: { top: 0, left: 3, bottom: 2, right: 3 } });
    const workbook = new OfficeWorkbook(excel.run);
    await expect(workbook.apply([{ kind: "write", sheet: "Plan", at: "D2", values: [["Green"]] }])).rejects.toThrow(
      "Nothing was changed: Plan!D2 shows part of the result of the formula at Plan!D1, which spills into it; writing there would break that formula (#SPILL!). Change the formula instead.",
    );
    expect(excel.sheet("Plan")!.cell(1, 3)?.value ?? null).toBeNull();
    // Cells no formula spills into are written as asked.
    await workbook.apply([{ kind: "write", sheet: "Plan", at: "A2", values: [["Green"]] }]);
    expect(excel.sheet("Plan")!.cell(1, 0)!.value).toBe("Green");
  });
});
