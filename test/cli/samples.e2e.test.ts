/*
 * End to end over the shared samples: `hnb check` and `hnb import` with the real table reader,
 * checks and import, against what ../shared/samples/README.md says a careful reader finds.
 */
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Finding } from "../../src/core/table/types";
import { SAMPLES_DIR } from "../helpers/samples";
import { hnb } from "../helpers/run-cli";



async function findings(file: string, ...options: string[]): Promise<{ code: number; findings: Finding[] }> {
  const run = await hnb("check", file, "--json", ...options);
  expect(run.stderr).toBe("");
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: Finding[] }).findings };
}

const sample = (name: string) => join(SAMPLES_DIR, name);
const at = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule).map((f) => f.location);
const rules = (list: Finding[]) => [...new Set(list.map((f) => f.rule))].sort();

describe("hnb check on the shared samples", () => {
  describe("savings-plan-messy.tsv", () => {
    let result: { code: number; findings: Finding[] };
    beforeAll(async () => {
      result = await findings(sample("savings-plan-messy.tsv"));
    });

    it("exits 1: the 26/27 total is wrong", () => {
      expect(result.code).toBe(1);
    });

    it("finds TBC and Awaiting funding outside the key, and no synonym of it", () => {
      expect(at(result.findings, "rag.unknown")).toEqual(["'savings-plan-messy'!F8", "'savings-plan-messy'!F9"]);
    });

    it("finds the Transport review row shifted two columns right, with text in 25/26", () => {
      expect(at(result.findings, "row.misaligned")).toHaveLength(1);
      expect(at(result.findings, "row.misaligned")[0]).toMatch(/^'savings-plan-messy'!\w+12$/);
      expect(at(result.findings, "amount.text")).toEqual(["'savings-plan-messy'!I12"]);
    });

    it("finds 26/27 adding to £675,000 against a stated £657,000, a transposition", () => {
      const errors = result.findings.filter((f) => f.rule === "total.mismatch" && f.severity === "error");
      expect(errors.map((f) => f.location)).toEqual(["'savings-plan-messy'!J13"]);
      expect(errors[0]).toMatchObject({ expected: 675_000, actual: 657_000 });
      expect(errors[0]!.message).toMatch(/18,000/);
      expect(errors[0]!.message).toMatch(/transpos/i);
    });

    it("does not call 24/25 or 25/26 wrong once the row is realigned", () => {
      const wrong = result.findings.filter((f) => f.rule === "total.mismatch" && f.severity === "error");
      expect(wrong.map((f) => f.location)).not.toContain("'savings-plan-messy'!H13");
      expect(wrong.map((f) => f.location)).not.toContain("'savings-plan-messy'!I13");
    });

    it("reads every target date and takes (£10,000) as a net cost", () => {
      expect(at(result.findings, "date.unreadable")).toEqual([]);
      expect(result.findings.some((f) => f.location.endsWith("!H11"))).toBe(false);
    });

    it("reports nothing spurious", () => {
      expect(rules(result.findings)).toEqual(["amount.text", "rag.unknown", "row.misaligned", "total.mismatch"]);
    });
  });

  describe("action-plan-messy.tsv as of 1 April 2025", () => {
    let result: { code: number; findings: Finding[] };
    beforeAll(async () => {
      result = await findings(sample("action-plan-messy.tsv"), "--as-of", "2025-04-01");
    });

    it("finds the empty RAG cell", () => {
      expect(at(result.findings, "rag.missing")).toEqual(["'action-plan-messy'!G4"]);
    });

    it("finds Grey outside this file's three-point key, and accepts On track", () => {
      expect(at(result.findings, "rag.unknown")).toEqual(["'action-plan-messy'!G11"]);
      expect(result.findings.some((f) => f.location === "'action-plan-messy'!G10")).toBe(false);
    });

    it("finds the resourced provision ending before it starts", () => {
      expect(at(result.findings, "date.inverted")).toEqual(["'action-plan-messy'!F9"]);
    });

    it("lists the three actions past their end date", () => {
      expect(at(result.findings, "date.overdue")).toEqual([
        "'action-plan-messy'!F3",
        "'action-plan-messy'!F4",
        "'action-plan-messy'!F9",
      ]);
    });

    it("reads every date form, and resolves LM/ AT through the legend", () => {
      expect(at(result.findings, "date.unreadable")).toEqual([]);
      expect(result.findings.some((f) => f.location === "'action-plan-messy'!D10")).toBe(false);
    });

    it("reports nothing spurious", () => {
      // SW (D12) is not in the legend line, though the samples README does not list it.
      expect(at(result.findings, "lead.unknown")).toEqual(["'action-plan-messy'!D12"]);
      for (const rule of rules(result.findings)) {
        expect(["date.due", "date.inverted", "date.overdue", "lead.unknown", "rag.missing", "rag.unknown"]).toContain(rule);
      }
    });

    it("judges no deadline without --as-of", async () => {
      const { findings: without } = await findings(sample("action-plan-messy.tsv"));
      expect(at(without, "date.overdue")).toEqual([]);
    });
  });

  describe("the DSG budget corkscrews", () => {
    it("find nothing in dsg-budget.tsv, and exit 0", async () => {
      expect(await findings(sample("dsg-budget.tsv"))).toEqual({ code: 0, findings: [] });
    });

    it("find the 2025/26 break in dsg-budget-broken.tsv at both checks, and exit 1", async () => {
      const result = await findings(sample("dsg-budget-broken.tsv"));
      expect(result.code).toBe(1);
      expect(result.findings.map((f) => [f.rule, f.location])).toEqual([
        ["corkscrew.balance", "'dsg-budget-broken'!D3"],
        ["corkscrew.column", "'dsg-budget-broken'!D7"],
      ]);
      expect(result.findings[0]).toMatchObject({ expected: 1522, actual: 1552 });
      expect(result.findings[1]).toMatchObject({ expected: 2192, actual: 2162 });
    });
  });
});

describe("hnb import, then hnb check on what it wrote", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hnb-e2e-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rules and severities, counted: locations move on import (sections become a column, the unit row goes). */
  const tally = (list: Finding[]) =>
    list
      .map((f) => `${f.severity} ${f.rule}`)
      .sort()
      .join("\n");

  it.each([
    ["savings-plan-messy.tsv", []],
    ["action-plan-messy.tsv", ["--as-of", "2025-04-01"]],
    ["dsg-budget.tsv", []],
    ["dsg-budget-broken.tsv", []],
  ])("finds the same in the imported %s as in the original", async (name, options) => {
    const out = join(dir, name.replace(/\.tsv$/, ".xlsx"));
    const imported = await hnb("import", sample(name), "--out", out);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const before = await findings(sample(name), ...options);
    const after = await findings(out, ...options);
    expect(tally(after.findings)).toBe(tally(before.findings));
    expect(after.code).toBe(before.code);
  });

  it("reads a table as the --kind given when the guess from its headings is wrong", async () => {
    const out = join(dir, "as-plan.xlsx");
    const run = await hnb("import", sample("dsg-budget.tsv"), "--out", out, "--kind", "savings-plan");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/"Savings plan"\s+savings plan, 7 rows/);
    const refused = await hnb("import", sample("dsg-budget.tsv"), "--out", join(dir, "never.xlsx"), "--kind", "pie");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--kind must be one of action-plan, savings-plan, deficit, budget-lines, budget-by-block, movement, reserve, scorecard, ehcp-numbers, other; not "pie"/);
    // "deficit" is the corkscrew by year, "budget" lines by measure.
    expect((await hnb("import", sample("dsg-budget.tsv"), "--out", join(dir, "deficit.xlsx"), "--kind", "deficit")).stdout).toMatch(/"DSG budget"\s+deficit table, 6 rows/);
    expect((await hnb("import", sample("hnb-budget-monitoring.tsv"), "--out", join(dir, "budget.xlsx"), "--kind", "budget")).stdout).toMatch(/"Budget"\s+budget table, 16 rows/);
    expect(existsSync(join(dir, "never.xlsx"))).toBe(false);
  });

  it("imports all four samples into one workbook, one sheet each, and notes what it inferred", async () => {
    const out = join(dir, "all.xlsx");
    const names = ["savings-plan-messy.tsv", "action-plan-messy.tsv", "dsg-budget.tsv", "dsg-budget-broken.tsv"];
    const run = await hnb("import", ...names.map(sample), "--out", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Imported 4 tables into /);
    expect(run.stdout).toMatch(/savings plan, 11 rows/);
    expect(run.stdout).toMatch(/import notes? \(/);
  });
});
