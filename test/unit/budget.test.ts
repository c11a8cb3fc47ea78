/*
 * Budget tables as councils keep them: the reader's budget kind, its checks (each wrong cell
 * named once, at its cell) and the arithmetic they share with HNB.VARIANCE and HNB.CROSSFOOT.
 */
import { conventionOf, crossFoot, readConvention, variance } from "../../src/core";
import { budgetSums, checkTables, readTables, type Finding, type Table } from "../../src/core/table";
import { readSampleGrid } from "../helpers/samples";

function read(sample: string): Table[] {
  return readTables({ name: sample.replace(/\.tsv$/, ""), values: readSampleGrid(sample) });
}

function findingsOf(values: unknown[][]): Finding[] {
  return checkTables(readTables({ name: "Budget", values }));
}

describe("variance and its sign convention", () => {
  it("takes outturn less budget unless told budget less outturn", () => {
    expect(variance(11905, 13620)).toBe(1715);
    expect(variance(11905, 13620, "budget-outturn")).toBe(-1715);
  });

  it.each([
    ["", "outturn-budget"],
    ["outturn - budget", "outturn-budget"],
    ["Forecast − Budget", "outturn-budget"],
    ["budget - outturn", "budget-outturn"],
    ["underspend positive", "budget-outturn"],
    ["overspend is positive", "outturn-budget"],
  ])("reads %j as %s", (text, expected) => {
    expect(readConvention(text)).toBe(expected);
  });

  it("refuses a convention it cannot read, saying what it takes", () => {
    expect(() => readConvention("sideways")).toThrow(/“sideways” is not a variance convention: give "outturn - budget"/);
  });

  it("reads a table's convention from how most of its lines take it", () => {
    const lines = [
      { budget: 100, outturn: 90, variance: 10 },
      { budget: 50, outturn: 60, variance: -10 },
      { budget: 20, outturn: 20, variance: 0 },
      { budget: 10, outturn: 15, variance: 5 },
    ];
    expect(conventionOf(lines)).toEqual({ convention: "budget-outturn", agreeing: 2 });
    expect(conventionOf([])).toEqual({ convention: "outturn-budget", agreeing: 0 });
  });
});

describe("crossFoot", () => {
  const table = [
    [-312, 2880, -145, 0, 2432],
    [-48, 1265, -62, -15, 1140],
    [25, 0, 0, 0, 25],
    [-335, 4145, -207, -15, 3588],
  ];

  it("names the first line that does not add across, with the transposition, and counts the others", () => {
    const verdict = crossFoot(table)!;
    expect(verdict).toMatchObject({ along: "row", index: 0, sum: 2423, stated: 2432 });
    expect(verdict.message).toBe("Row 1 adds across to 2,423 but its total says 2,432: a gap of 9. Swapping two adjacent digits of 2,432 gives 2,423: it looks like a transposition. (1 other row or column does not add either.)");
  });

  it("passes once the transposed total is put right", () => {
    expect(crossFoot([[...table[0]!.slice(0, 4), 2423], ...table.slice(1)])).toBeNull();
  });

  it("names a column that does not add down to the Total row", () => {
    expect(crossFoot([[1, 2, 3], [4, 5, 9], [5, 8, 13]])).toMatchObject({ along: "column", index: 1, sum: 7, stated: 8 });
  });

  it("refuses a block too small to cross-foot, and figures too large to add", () => {
    expect(() => crossFoot([[1, 2]])).toThrow(/at least two rows and two columns/);
    expect(() => crossFoot([[1e300, 1], [1, 1e300]])).toThrow(/too large/);
  });
});

describe("the budget reader", () => {
  it("reads High Needs monitoring by section 251 line: codes, descriptions, measures, sections, a subtotal and totals, in £000", () => {
    const [t] = read("hnb-budget-monitoring.tsv");
    expect(t).toMatchObject({ kind: "budget", unit: "£000", headerRow: 2, unitRow: 3 });
    expect(t!.columns.map((c) => [c.header, c.field])).toEqual([
      ["Line", "code"],
      ["Description", "label"],
      ["Budget", "budget"],
      ["Forecast Outturn", "outturn"],
      ["Variance", "variance"],
    ]);
    expect(t!.rows.filter((r) => r.role === "section").map((r) => r.group)).toEqual(["Place funding", "Top-up funding"]);
    expect(t!.rows.filter((r) => r.role === "subtotal").map((r) => r.group)).toEqual(["Subtotal top-up funding"]);
    expect(t!.rows.filter((r) => r.role === "total").map((r) => r.group)).toEqual(["Total High Needs expenditure"]);
    // The in-year position is the total plus the allocation under it.
    const sums = budgetSums(t!.rows).map((s) => [s.kind, s.row.group, s.parts.length]);
    expect(sums).toEqual([
      ["subtotal", "Subtotal top-up funding", 3],
      ["total", "Total High Needs expenditure", 10],
      ["net", "In-year High Needs overspend / (underspend)", 2],
    ]);
  });

  it("reads DSG outturn by block: blocks across, a Total column, lines labelled under no heading", () => {
    const [t] = read("dsg-outturn-by-block.tsv");
    expect(t!.kind).toBe("budget");
    expect(t!.columns.map((c) => c.field)).toEqual(["label", "block", "block", "block", "block", "total"]);
    expect(t!.kindReason).toMatch(/^DSG blocks across/);
  });

  it("reads reserve scenarios in £m from the title, and closes up the stray empty cell", () => {
    const [t] = read("dsg-balance-scenarios.tsv");
    expect(t).toMatchObject({ kind: "budget", unit: "£m" });
    expect(t!.columns.filter((c) => c.field === "scenario")).toHaveLength(3);
    const slid = t!.rows.find((r) => r.realignment)!;
    expect(slid.group).toBe("2025/26 forecast overspend");
    expect(slid.realignment!.cells.slice(1, 5)).toEqual(["-7.45", "-7.45", "-7.45", null]);
  });

  it("leaves plans to the plan reader: no savings plan or action plan sample reads as a budget", () => {
    for (const sample of ["savings-plan-messy.tsv", "action-plan-messy.tsv", "dsg-budget.tsv", "strategy-scorecard.tsv"]) {
      expect(read(sample).map((t) => t.kind)).not.toContain("budget");
    }
  });
});

describe("budget checks: every finding the samples README lists, at its cell, and nothing else", () => {
  it("hnb-budget-monitoring: 1.2.3's transposed variance, with the subtotal that confirms 1,715", () => {
    const findings = checkTables(read("hnb-budget-monitoring.tsv"));
    expect(findings.map((f) => [f.rule, f.location])).toEqual([["variance.mismatch", "'hnb-budget-monitoring'!E10"]]);
    const m = findings[0]!.message;
    expect(m).toContain("“Variance” says 1,751, but “Forecast Outturn” less “Budget” is 13,620 less 11,905 = 1,715: a difference of 36.");
    expect(m).toContain("it looks like a transposition");
    expect(m).toContain("This table takes variance as outturn − budget");
    expect(m).toContain("“Subtotal top-up funding” (3,142 under “Variance”) agrees once this line reads 1,715; as laid out the 3 lines it adds up come to 3,178.");
  });

  it("dsg-outturn-by-block: Delegated expenditure's Total column, and the grand total the blocks confirm", () => {
    const findings = checkTables(read("dsg-outturn-by-block.tsv"));
    expect(findings.map((f) => [f.rule, f.location])).toEqual([["crossfoot.mismatch", "'dsg-outturn-by-block'!F5"]]);
    expect(findings[0]!.message).toMatch(/the blocks add across to 2,423 .* but “Total all Blocks” says 2,432: a gap of 9\. Swapping two adjacent digits of 2,432 gives 2,423/);
    expect(findings[0]!.message).toContain("“Total” (3,588 under “Total all Blocks”) agrees once this line reads 2,423; as laid out the 3 lines it adds up come to 3,597.");
  });

  it("dsg-balance-scenarios: the slid row, scenario 3's transposed closing balance, mixed precision as information", () => {
    const findings = checkTables(read("dsg-balance-scenarios.tsv"));
    expect(findings.map((f) => [f.rule, f.severity, f.location])).toEqual([
      ["row.misaligned", "error", "'dsg-balance-scenarios'!D5"],
      ["balance.mismatch", "error", "'dsg-balance-scenarios'!D8"],
      ["figures.precision", "info", "'dsg-balance-scenarios'!B7"],
    ]);
    expect(findings[1]!.message).toContain("make (4.25) + (3.20) = (7.45), but the balance says (7.54)");
    expect(findings[1]!.message).toContain("it looks like a transposition");
  });
});

describe("budget checks on tables of other shapes", () => {
  it("reads a budget − outturn table by its own lines and says so, flagging a line taken the other way round", () => {
    const findings = findingsOf([
      ["Line", "Budget", "Outturn", "Variance"],
      ["Top-ups", "1,000", "900", "100"],
      ["Therapies", "500", "450", "50"],
      ["Direct payments", "200", "260", "60"],
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "variance.mismatch", location: "Budget!D4", expected: -60, actual: 60 });
    expect(findings[0]!.message).toMatch(/opposite sign.*budget − outturn: an underspend is positive.*as 2 other lines do/s);
  });

  it("reports a total that is simply wrong as a total, with its figures", () => {
    const findings = findingsOf([
      ["Service", "Budget", "Forecast"],
      ["Top-ups", "1,000", "1,100"],
      ["Therapies", "500", "450"],
      ["Total", "1,600", "1,550"],
    ]);
    expect(findings.map((f) => [f.rule, f.location])).toEqual([["total.mismatch", "Budget!B4"]]);
    expect(findings[0]!.message).toContain("The rows add to £1,500 but the total says £1,600");
  });

  it("checks an in-year position against the total and the lines between", () => {
    const findings = findingsOf([
      ["Line", "Budget", "Forecast"],
      ["Top-ups", "1,000", "1,100"],
      ["Therapies", "500", "450"],
      ["Total expenditure", "1,500", "1,550"],
      ["Grant", "(1,400)", "(1,400)"],
      ["In-year overspend", "100", "250"],
    ]);
    expect(findings.map((f) => [f.rule, f.location])).toEqual([["total.mismatch", "Budget!C6"]]);
    expect(findings[0]!.message).toContain("is £150, but the line says £250");
  });
});
