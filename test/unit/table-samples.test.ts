import { serialFromYmd } from "../../src/core";
import { type Finding, checkTables, readTables } from "../../src/core/table";
import { readSampleGrid } from "../helpers/samples";

const asOf = serialFromYmd(2025, 4, 1);

function check(file: string, withAsOf = true): Finding[] {
  const tables = readTables({ name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) });
  return checkTables(tables, withAsOf ? { asOf } : {});
}

const where = (findings: Finding[], rule: string) =>
  findings.filter((f) => f.rule === rule).map((f) => f.location.replace(/^.*!/, ""));

describe("action-plan-messy.tsv, as the samples README reads it", () => {
  const findings = check("action-plan-messy.tsv");

  it("reads one action plan with its legend and its three-point key", () => {
    const [table] = readTables({ name: "a", values: readSampleGrid("action-plan-messy.tsv") });
    expect(table!.kind).toBe("action-plan");
    expect(table!.legend!.entries.map((e) => e.initials)).toEqual(["JB", "KP", "RD", "LM", "AT"]);
    expect(table!.key!.key.statuses.map((s) => s.name)).toEqual(["Green", "Amber", "Red"]);
    expect(table!.rows.filter((r) => r.role === "section").map((r) => r.section)).toEqual([
      "Section A: Identifying needs early",
      "Section B: Meeting needs locally",
    ]);
  });

  it("reads continuation rows as part of the ref above", () => {
    const [table] = readTables({ name: "a", values: readSampleGrid("action-plan-messy.tsv") });
    expect(table!.rows.filter((r) => r.role === "continuation").map((r) => [r.index + 1, r.group])).toEqual([
      [4, "A1: Front door"],
      [5, "A1: Front door"],
      [7, "A2: Quality"],
      [10, "B1: Places"],
      [11, "B1: Places"],
    ]);
  });

  it("finds the empty RAG cell whose colour was lost", () => {
    expect(where(findings, "rag.missing")).toEqual(["G4"]);
  });

  it("finds Grey outside this file's key, and accepts On track as a synonym of Green", () => {
    expect(where(findings, "rag.unknown")).toEqual(["G11"]);
    expect(findings.find((f) => f.location.endsWith("!G10"))).toBeUndefined();
  });

  it("finds the resourced provision ending before it starts", () => {
    const inverted = findings.filter((f) => f.rule === "date.inverted");
    expect(inverted.map((f) => f.location)).toEqual(["'action-plan-messy'!F9"]);
    expect(inverted[0]!.message).toBe("Ends “Aug 24” (31 August 2024) before it starts “Jan 25” (1 January 2025).");
  });

  it("lists the three actions past their end date as of 1 April 2025, without guessing which are done", () => {
    expect(where(findings, "date.overdue")).toEqual(["F3", "F4", "F9"]);
    expect(findings.find((f) => f.location.endsWith("!F3"))!.message).toMatch(/no “complete” status/);
  });

  it("mentions deadlines that passed in the last month as just due, not overdue", () => {
    expect(where(findings, "date.due")).toEqual(["F5", "F10"]);
    expect(findings.filter((f) => f.rule === "date.due").every((f) => f.severity === "info")).toBe(true);
  });

  it("reads every date form in the file", () => {
    expect(where(findings, "date.unreadable")).toEqual([]);
  });

  it("resolves LM/ AT through the legend, and names the one lead the legend lacks", () => {
    expect(findings.some((f) => f.location.endsWith("!D10"))).toBe(false);
    expect(findings.filter((f) => f.rule.startsWith("lead.")).map((f) => [f.location, f.message])).toEqual([
      ["'action-plan-messy'!D12", "“SW” is not in the lead legend (row 13)."],
    ]);
  });

  it("judges nothing overdue when no as-of date is given", () => {
    expect(where(check("action-plan-messy.tsv", false), "date.overdue")).toEqual([]);
  });
});

describe("savings-plan-messy.tsv, as the samples README reads it", () => {
  const findings = check("savings-plan-messy.tsv", false);

  it("finds the statuses outside the key, and only those", () => {
    expect(findings.filter((f) => f.rule === "rag.unknown").map((f) => [f.location, f.actual])).toEqual([
      ["'savings-plan-messy'!F8", "TBC"],
      ["'savings-plan-messy'!F9", "Awaiting funding"],
    ]);
  });

  it("finds the Transport review row shifted two columns right, with the lead in the 25/26 column", () => {
    const [misaligned] = findings.filter((f) => f.rule === "row.misaligned");
    expect(misaligned!.location).toBe("'savings-plan-messy'!I12");
    expect(misaligned!.message).toMatch(/shifted 2 columns to the right: “Transport Manager” sits under “25\/26 Target Savings” where “Lead” would hold it/);
    expect(where(findings, "amount.text")).toEqual(["I12"]);
  });

  it("agrees 24/25 and 25/26 with the stated totals once realigned, and says how far short they fall as laid out", () => {
    const info = findings.filter((f) => f.rule === "total.mismatch" && f.severity === "info");
    expect(info.map((f) => f.location.replace(/^.*!/, ""))).toEqual(["H13", "I13"]);
    expect(info[0]!.message).toMatch(/£205,000, £20,000 short of the stated £225,000.*add to £225,000, which agrees/);
    expect(info[1]!.message).toMatch(/£550,000, £30,000 short of the stated £580,000.*add to £580,000, which agrees/);
  });

  it("finds 26/27 adding to £675,000 against a stated £657,000, and calls it a transposition", () => {
    const errors = findings.filter((f) => f.rule === "total.mismatch" && f.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ location: "'savings-plan-messy'!J13", expected: 675_000, actual: 657_000 });
    expect(errors[0]!.message).toMatch(/gap of £18,000.*transposition/);
  });

  it("takes the bracketed (£10,000) as a net cost, not a problem", () => {
    expect(findings.some((f) => f.location.endsWith("!H11"))).toBe(false);
  });

  it("reads every target date, the season and the academic year included", () => {
    expect(where(findings, "date.unreadable")).toEqual([]);
  });

  it("reports nothing else", () => {
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual(["amount.text", "rag.unknown", "row.misaligned", "total.mismatch"]);
  });
});

describe("the DSG budget corkscrews", () => {
  it("find nothing wrong in dsg-budget.tsv", () => {
    expect(check("dsg-budget.tsv")).toEqual([]);
  });

  it("find the 2025/26 typing error in dsg-budget-broken.tsv at both cells", () => {
    expect(check("dsg-budget-broken.tsv")).toEqual([
      {
        rule: "corkscrew.balance",
        severity: "error",
        location: "'dsg-budget-broken'!D3",
        message: "2025/26 brought forward is 1,552 but 2024/25 carried forward 1,522: a gap of 30.",
        expected: 1522,
        actual: 1552,
      },
      {
        rule: "corkscrew.column",
        severity: "error",
        location: "'dsg-budget-broken'!D7",
        message: "2025/26 lines add to 2,192 but carried forward says 2,162: a gap of 30.",
        expected: 2192,
        actual: 2162,
      },
    ]);
  });
});
