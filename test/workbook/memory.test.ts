import { formatAddress, columnIndex } from "../../src/port/a1";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { planOperations } from "../../src/port/plan";
import { readSampleGrid } from "../helpers/samples";
import { describeWorkbookContract, type ContractWorkbook } from "./contract";

function contractWorkbook(workbook: MemoryWorkbook): ContractWorkbook {
  const sheet = (name: string) => {
    const found = workbook.sheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  return Object.assign(workbook, {
    inspect: {
      async namedRange(name: string) {
        const named = workbook.namedRanges.find((n) => n.name.toLowerCase() === name.toLowerCase());
        return named ? { sheet: named.sheet, range: formatAddress(named.range) } : null;
      },
      async listValidation(name: string, cell: string) {
        const source = sheet(name).validationAt(cell)?.source;
        return source === undefined ? null : typeof source === "string" ? source : [...source];
      },
      async conditionalFills(name: string) {
        return sheet(name).conditionalFills.map((f) => ({
          range: formatAddress(f.range),
          text: f.text,
          fill: f.fill,
          ...(f.font ? { font: f.font } : {}),
        }));
      },
      async frozen(name: string) {
        return { ...sheet(name).frozen };
      },
      async activeCell() {
        const selected = workbook.selection;
        if (!selected) return null;
        return { sheet: selected.sheet, cell: selected.address.split(":")[0]!.replace(/\$/g, "").toUpperCase() };
      },
      async font(name: string, cell: string) {
        const font = sheet(name).cell(cell).font;
        return { bold: font?.bold ?? false, italic: font?.italic ?? false, colour: font?.colour ?? null };
      },
      async wrapped(name: string, cell: string) {
        return sheet(name).cell(cell).wrap === true;
      },
      async columnWidth(name: string, column: string) {
        return sheet(name).columnWidths.get(columnIndex(column)) ?? null;
      },
      async charts(name: string) {
        return sheet(name).charts.map((c) => ({ title: c.title }));
      },
    },
  });
}

describeWorkbookContract("memory", async (seed) =>
  contractWorkbook(seed ? MemoryWorkbook.fromGrids(seed) : new MemoryWorkbook()),
);

describe("the memory workbook", () => {
  it("seeds sheets from pasted grids, making names valid and unique and keeping text that looks like a formula", async () => {
    const workbook = MemoryWorkbook.fromGrids([
      { name: "Savings plan", values: [["=SUM(A1)", 5, "", null]] },
      {
        name: "savings plan",
        values: [[new Date(Date.UTC(2024, 8, 30)), Number.NaN, { text: "x" }]],
        fills: [[null, "#00b050"]],
      },
      { name: "a/b", values: [] },
    ]);
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Savings plan", "savings plan (2)", "a b"]);
    const [first, second] = await workbook.readSheets();
    expect(first!.values).toEqual([["=SUM(A1)", 5]]);
    expect(first!.formulas).toEqual([[null, null]]);
    expect(second!.values).toEqual([[45565, null, "[object Object]"]]);
    expect(second!.fills).toEqual([[null, "#00B050", null]]);
  });

  it("reads a shared sample pasted as a grid", async () => {
    const grid = readSampleGrid("action-plan-messy.tsv");
    const workbook = MemoryWorkbook.fromGrids([{ name: "Action plan", values: grid }]);
    const [info] = await workbook.listSheets();
    expect(info!.name).toBe("Action plan");
    expect(info!.usedRange).toMatch(/^A1:[A-Z]+\d+$/);
    const [read] = await workbook.readSheets();
    expect(read!.values[0]).toEqual(grid[0]!.map((v) => (v === "" ? null : v)));
  });

  it("holds a formula's cached value only once one is set, and forgets it when the formula is written again", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply([
      { kind: "addSheet", name: "F" },
      { kind: "write", sheet: "F", at: "A1", values: [["=HNB.RAG(B1)", "text"]], formulas: true },
    ]);
    expect((await workbook.readSheets())[0]!.values).toEqual([[null, "text"]]);
    workbook.setCachedValues("F", "A1", [["Green", "ignored: not a formula"]]);
    const sheet = workbook.sheet("F")!;
    expect(sheet.cell("A1")).toMatchObject({ value: "Green", formula: "=HNB.RAG(B1)" });
    expect(sheet.cell("B1").value).toBe("text");
    await workbook.apply([{ kind: "write", sheet: "F", at: "A1", values: [["=HNB.RAG(B2)"]], formulas: true }]);
    expect(sheet.cell("A1")).toMatchObject({ value: null, formula: "=HNB.RAG(B2)" });
  });

  it("keeps what a browser preview needs: charts, tables with live headers, validations, fills, the selection", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply([
      { kind: "addSheet", name: "Summary" },
      {
        kind: "write",
        sheet: "Summary",
        at: "A1",
        values: [
          ["Year", "24/25"],
          ["Deficit", -5],
        ],
      },
      { kind: "addTable", sheet: "Summary", range: "A1:B2", name: "Paths", style: "TableStyleLight9" },
      {
        kind: "lineChart",
        sheet: "Summary",
        at: "D2:H10",
        title: "Deficit",
        categories: "B1:B1",
        series: [{ name: "Deficit", values: "B2" }],
      },
      { kind: "write", sheet: "Summary", at: "B1", values: [["2024-25"]] },
    ]);
    await workbook.select("summary", "B2:B3");
    const sheet = workbook.sheet("Summary")!;
    expect(sheet.tables).toEqual([{ name: "Paths", range: { top: 0, left: 0, bottom: 1, right: 1 }, style: "TableStyleLight9" }]);
    expect((await workbook.listSheets())[0]!.tables[0]!.headers).toEqual(["Year", "2024-25"]);
    expect(sheet.charts).toEqual([
      { at: "D2", title: "Deficit", categories: "Summary!B1", series: [{ name: "Deficit", values: "Summary!B2" }] },
    ]);
    expect(workbook.selection).toEqual({ sheet: "Summary", address: "B2:B3" });
    expect([...sheet.cells()].length).toBe(4);
  });

  it("lets a later list validation over the same cells replace an earlier one", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply([
      { kind: "addSheet", name: "S" },
      { kind: "listValidation", sheet: "S", range: "A1:A10", source: ["a", "b"] },
      { kind: "listValidation", sheet: "S", range: "A5", source: ["c"] },
    ]);
    expect(workbook.sheet("S")!.validationAt("A4")?.source).toEqual(["a", "b"]);
    expect(workbook.sheet("S")!.validationAt("A5")?.source).toEqual(["c"]);
  });

  it("plans without touching the state it is given", () => {
    const state = { sheets: ["A"], tables: [], names: [], value: () => null };
    const plan = planOperations(state, [
      { kind: "addSheet", name: "A" },
      { kind: "write", sheet: "A", at: "B2", values: [[1, 2]] },
    ]);
    expect(plan.sheetsAdded).toEqual(["A (2)"]);
    expect(plan.operations[1]).toMatchObject({ kind: "write", sheet: "A (2)", range: { top: 1, left: 1, bottom: 1, right: 2 } });
    expect(state.sheets).toEqual(["A"]);
  });

  it("says which panes it froze in words", async () => {
    const workbook = new MemoryWorkbook();
    const report = await workbook.apply([
      { kind: "addSheet", name: "Plan" },
      { kind: "freeze", sheet: "Plan", rows: 1 },
      { kind: "freeze", sheet: "Plan", rows: 0, columns: 2 },
      { kind: "freeze", sheet: "Plan", rows: 2, columns: 1 },
      { kind: "freeze", sheet: "Plan", rows: 0 },
    ]);
    expect(report.changes.slice(1)).toEqual([
      "Froze the top 1 row of Plan",
      "Froze the first 2 columns of Plan",
      "Froze the top 2 rows and the first 1 column of Plan",
      "Unfroze the panes of Plan",
    ]);
  });

  it("writes an empty block as nothing, and says so", async () => {
    const workbook = new MemoryWorkbook();
    const report = await workbook.apply([
      { kind: "addSheet", name: "S" },
      { kind: "write", sheet: "S", at: "C3", values: [] },
    ]);
    expect(report.changes[1]).toBe("Wrote nothing to S!C3 (no values)");
    expect((await workbook.listSheets())[0]!.usedRange).toBeNull();
  });
});
