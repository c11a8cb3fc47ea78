import { serialFromYmd } from "../../src/core";
import { buildSummary, checkTables, paperHtml, paperMarkdown, readTables } from "../../src/core/table";
import type { Finding } from "../../src/core/table";

/** A scorecard as the template lays it out, figures typed as a council would. */
function scorecard(rows: unknown[][]) {
  const header = ["Ref", "Perspective", "Objective", "Measure", "Baseline", "Baseline year", "Target (as written)", "Actual Q1 2025/26", "Actual Q2 2025/26", "Direction", "Tolerance", "Status"];
  return readTables({ name: "Scorecard", values: [header, ...rows] });
}

const rules = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => `${f.location.replace(/^.*!/, "")} ${f.message}`);

describe("checks of a scorecard", () => {
  const tables = scorecard([
    ["S1", "Stakeholder", "Parents are satisfied", "Satisfaction", 0.52, "2024/25", "55% by 2024/25; 65% 2026", 0.55, 0.58, "Higher", 0.1, "Amber"],
    ["S2", "Stakeholder", "Better outcomes", "KS2 expected standard", 0.12, "2024/25", "15% by 2025/26", 0.13, null, "Higher", 0.1, "Red"],
    ["S3", "Stakeholder", "Fewer tribunals", "Tribunals", 14, "2024/25", "11 by 2024/25; 7 by 2026/27", 13, 12, "Lower", 0.1, "Red"],
    ["I1", "Internal", "Identify needs earlier", "SEN support", 0.085, "2024/25", "12% by 2025/26", 9.8, 10.4, "Higher", 0.1, "Red"],
    ["I2", "Internal", "Local places", "Out of county", 0.43, "2024/25", "30% by 2026/27; 80% of new placements within 20 miles by 2028", 0.42, 0.4, "Lower", 0.1, ""],
  ]);
  const findings = checkTables(tables, { asOf: serialFromYmd(2025, 11, 1) });

  it("is read as a scorecard with its tracking columns", () => {
    expect(tables.map((t) => t.kind)).toEqual(["scorecard"]);
    expect(tables[0]!.columns.map((c) => c.field)).toEqual(["ref", "perspective", "aims", "measure", "current", "baselineYear", "target", "actual", "actual", "direction", "tolerance", "rag"]);
  });

  it("names an indicator with no actual for the latest period the others report", () => {
    expect(rules(findings, "kpi.no-actual")).toEqual(["I3 S2 (KS2 expected standard) has no actual under “Actual Q2 2025/26”, the latest period others report; its latest is Q1 2025/26."]);
  });

  it("says a target whose year has ended was not met, and is quiet about one that was", () => {
    // S1's 55% for 2024/25 was met (58%); S3's 11 for 2024/25 was not (12).
    expect(rules(findings, "kpi.target-missed")).toEqual(["G4 S3 (Tribunals): the target of 11 for 2024/25 ended on 31 March 2025 and was not met: the latest actual is 12 (Q2 2025/26)."]);
  });

  it("finds a percentage typed as a whole number", () => {
    expect(rules(findings, "kpi.out-of-range")).toEqual([
      "H5 I1 (SEN support) is a percentage, but “Actual Q1 2025/26” holds 9.8, which as a percentage is 980%: type it as 9.8%.",
      "I5 I1 (SEN support) is a percentage, but “Actual Q2 2025/26” holds 10.4, which as a percentage is 1,040%: type it as 10.4%.",
    ]);
    expect(findings.find((f) => f.rule === "kpi.out-of-range")!.severity).toBe("error");
  });

  it("finds targets for two measures in one cell, and no missing status where one waits for a figure", () => {
    expect(rules(findings, "target.measures")).toHaveLength(1);
    expect(rules(findings, "target.measures")[0]).toMatch(/^G6 .* sets targets for 2 measures \(“the indicator itself” and “new placements within 20 miles”\)/);
    expect(rules(findings, "rag.missing")).toEqual([]);
  });

  it("does not take one ref with two measures for a duplicate, but does the same measure twice", () => {
    const twice = scorecard([
      ["I2", "Internal", "Local places", "Out of county", 0.43, "2024/25", "30% by 2026/27", 0.42, 0.4, "Lower", 0.1, "Amber"],
      ["I2", "Internal", "Local places", "Within 20 miles", null, null, "80% by 2028", null, null, "Higher", 0.1, ""],
      ["I2", "Internal", "Local places", "Out of county", 0.43, "2024/25", "30% by 2026/27", 0.42, 0.4, "Lower", 0.1, "Amber"],
    ]);
    expect(rules(checkTables(twice), "ref.duplicate").map((r) => r.slice(0, 3))).toEqual(["A4 "]);
  });
});

describe("the paper's scorecard section", () => {
  const tables = scorecard([
    ["S1", "Stakeholder", "Parents are satisfied", "Satisfaction", 0.52, "2024/25", "65% 2026; 80% 2027", 0.55, 0.63, "Higher", 0.1, null],
    ["S3", "Stakeholder", "Fewer tribunals", "Tribunals", 14, "2024/25", "11 by 2025/26; 50% reduction by 2026-27", 13, 11, "Lower", 0.1, null],
    ["I1", "Internal", "Identify needs earlier", "SEN support", 0.085, "2024/25", "12% by 2025/26; 15% by 2027", 0.098, 0.104, "Higher", 0.1, null],
    ["F2", "Financial", "Personal budgets", "EHCPs with a personal budget", 0, "2024/25", "25% by 2027/28", 0.03, 0.06, "Higher", 0.1, null],
  ]);
  const summary = buildSummary(tables, { asOf: serialFromYmd(2025, 11, 1) });

  it("works out each status as KPISTATUS would where the sheet states none, with the trend", () => {
    expect(summary.initiatives).toEqual([]);
    const [s] = summary.scorecards;
    expect(s!.year).toBe("2025/26");
    expect(s!.lines.map((l) => [l.ref, l.latest, l.target, l.status, l.trend])).toEqual([
      ["S1", "63% (Q2 2025/26)", "65% for 2026", "Amber", "improving"],
      ["S3", "11 (Q2 2025/26)", "11 for 2025/26", "Green", "improving"],
      ["I1", "10.4% (Q2 2025/26)", "12% for 2025/26", "Red", "improving"],
      ["F2", "6% (Q2 2025/26)", "25% by 2027/28 (next due)", "No status", "improving"],
    ]);
    expect(s!.counts).toEqual([
      { status: "Green", count: 1 },
      { status: "Amber", count: 1 },
      { status: "Red", count: 1 },
      { status: "No status", count: 1 },
    ]);
  });

  it("is in the HTML and the Markdown, by perspective, with the counts in words and in a table", () => {
    const html = paperHtml(summary);
    expect(html).toContain("Strategy scorecard (Scorecard): statuses for 2025/26");
    expect(html).toContain("4 indicators: 1 Green, 1 Amber, 1 Red and 1 with no status.");
    expect(html).toMatch(/<td colspan="6"[^>]*>Stakeholder<\/td>/);
    expect(html).toMatch(/<td style="[^"]*background:#[0-9A-Fa-f]{6};[^"]*">Amber<\/td>/);
    const md = paperMarkdown(summary);
    expect(md).toContain("| S3 | Tribunals | 11 (Q2 2025/26) | 11 for 2025/26 | Green | improving |");
    expect(md).toContain("| **Financial** | | | | | |");
    expect(md).toContain("| No status | 1 |");
  });
});
