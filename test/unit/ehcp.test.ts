/*
 * The DSG management plan's EHCP tables (src/core/ehcp.ts): DfE's categories, age groups and
 * needs, councils' words for them, the checks the tables must pass, and caseload × unit cost.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import {
  AGE_GROUPS,
  EHCP_CATEGORIES,
  PRIMARY_NEEDS,
  breakdownPlan,
  ehcpLayoutPlan,
  ehcpChecks,
  ehcpVerdict,
  matchAgeGroup,
  matchCategory,
  matchNeed,
  placementCost,
  projectCost,
  readBreakdown,
  type PlanFigures,
} from "../../src/core";
import { checkReading, readGridByShape } from "../../src/core/table";

const DOMAIN = join(__dirname, "..", "..", "..", "shared", "DOMAIN.md");

describe("DfE's categories, age groups and primary needs", () => {
  (existsSync(DOMAIN) ? it : it.skip)("are DOMAIN.md's, in its order and words", () => {
    const text = readFileSync(DOMAIN, "utf8").replace(/\s+/g, " ");
    const italic = (from: string, to: string) => {
      const start = text.indexOf(from) + from.length;
      const part = text.slice(start, text.indexOf(to, start));
      return [...part.matchAll(/\*([^*]+)\*/g)].map((m) => m[1]!);
    };
    const categories = italic("in this order —", "— the number of EHCPs")[0]!.split("; ");
    expect(EHCP_CATEGORIES.map((c) => c.name)).toEqual(categories);
    const ages = italic("**by age group**", "post-16 has only")[0]!.split("; ");
    expect(AGE_GROUPS.map((a) => a.name)).toEqual(ages);
    const needs = italic("**by primary need**", "by January census year")[0]!.split("; ");
    expect(PRIMARY_NEEDS.map((n) => n.name)).toEqual(needs);
  });

  it("read DfE's own labels as certain and a council's words as a guess", () => {
    expect(matchCategory("Non-maintained special schools or independent (NMSS or independent)")).toEqual({ category: EHCP_CATEGORIES[3], exact: true });
    expect(matchCategory("NMSS or independent")?.exact).toBe(true);
    const guesses: [string, string][] = [
      ["Mainstream school – LA maintained", "mainstream"],
      ["Academy (mainstream)", "mainstream"],
      ["Resourced provision", "resourced"],
      ["SEN unit", "resourced"],
      ["Special school – academy/free", "special"],
      ["Independent special school", "independent"],
      ["Out of county", "independent"],
      ["Pupil referral unit", "ap"],
      ["Hospital school", "ap"],
      ["FE college", "post16"],
      ["Independent specialist provider", "post16"],
      ["Supported internship", "post16"],
      ["Elective home education", "other"],
      ["Direct payments", "other"],
    ];
    for (const [words, id] of guesses) expect([words, matchCategory(words)]).toEqual([words, { category: EHCP_CATEGORIES.find((c) => c.id === id), exact: false }]);
    expect(matchCategory("Waiting list")).toBeNull();
  });

  it("read age groups as labels, ranges or single ages, and needs by name or abbreviation", () => {
    expect(["under 5", "Age 5 to 10", "age 11 to 15", "16-19", "Aged 20 to 25", 3, "17", "26"].map(matchAgeGroup)).toEqual(["under5", "5to10", "11to15", "16to19", "20to25", "under5", "16to19", null]);
    expect(matchAgeGroup("5 to 9")).toBeNull();
    expect(PRIMARY_NEEDS.map((n) => matchNeed(n.name))).toEqual(PRIMARY_NEEDS.map((n) => n.id));
    expect(PRIMARY_NEEDS.map((n) => matchNeed(n.abbreviation))).toEqual(PRIMARY_NEEDS.map((n) => n.id));
    expect(matchNeed("Autism")).toBe("asd");
  });
});

const YEARS = ["January 2024", "January 2025", "January 2026 (forecast)"];

describe("a breakdown as a range", () => {
  it("reads category and group labels, the year headings and forecasts, and leaves total rows out", () => {
    const b = readBreakdown(
      [
        ["EHCPs by age group", ...YEARS],
        ["Post 16 and further education (FE)", null, null, null],
        ["Age 16 to 19", 40, 44, 47],
        ["Age 20 to 25", 8, "c", 10],
        ["Total", 48, 52, 57],
      ],
      "byAge",
    );
    expect(b.years).toEqual(YEARS);
    expect(b.forecast).toEqual([false, false, true]);
    expect(b.lines.map((l) => [l.category, l.label, l.values, l.suppressed])).toEqual([
      ["Post 16 and further education (FE)", "Age 16 to 19", [40, 44, 47], []],
      ["Post 16 and further education (FE)", "Age 20 to 25", [8, null, 10], [1]],
    ]);
  });

  it("reads a range of counts alone as one category with unnamed years, and refuses text that is not a count", () => {
    const b = readBreakdown([[1, 2], [3, 4]], "byAge");
    expect([b.named, b.width, b.lines.map((l) => l.values)]).toEqual([false, 2, [[1, 2], [3, 4]]]);
    expect(() => readBreakdown([[1, "TBC"]], "byNeed")).toThrow('ByNeed, row 1, column 2 (“TBC”) is not a count');
  });
});

describe("the plan's checks", () => {
  const plan = (overrides: Partial<PlanFigures> = {}): PlanFigures => ({
    years: YEARS,
    forecast: [false, false, true],
    categories: [
      {
        name: "Mainstream schools or academies",
        byAge: [{ label: "Age 5 to 10", values: [100, 110, 121] }, { label: "Age 11 to 15", values: [50, 55, 60] }],
        byNeed: [{ label: "Autistic Spectrum Disorder", values: [90, 100, 110] }, { label: "Social, Emotional and Mental Health", values: [60, 65, 72] }],
      },
      {
        name: "Post 16 and further education (FE)",
        byAge: [{ label: "Age 11 to 15", values: [0, 2, 0] }, { label: "Age 16 to 19", values: [40, 40, 44] }],
        byNeed: [{ label: "Moderate Learning Difficulty", values: [40, 42, 44] }],
      },
    ],
    ...overrides,
  });

  it("finds a forecast's difference within the tolerance as information with its size, an actual's as an error", () => {
    const findings = ehcpChecks(plan(), { tolerance: 1 });
    expect(findings.filter((f) => f.rule === "ehcp.breakdowns").map((f) => [f.severity, f.message])).toEqual([
      ["info", "Mainstream schools or academies, January 2026: 181 by age group but 182 by primary need, a difference of 1 (within the tolerance of 1 for a forecast rounded cell by cell)."],
    ]);
    const strict = ehcpChecks(plan({ categories: [{ ...plan().categories[0]!, byNeed: [{ label: "ASD", values: [91, 100, 110] }, { label: "SEMH", values: [60, 65, 71] }] }] }));
    expect(strict.filter((f) => f.severity === "error").map((f) => f.message)).toEqual(["Mainstream schools or academies, January 2024: 150 by age group but 151 by primary need, a difference of 1."]);
  });

  it("finds an age group a category cannot have as an error", () => {
    const age = ehcpChecks(plan(), { tolerance: 1 }).filter((f) => f.rule === "ehcp.age");
    expect(age.map((f) => [f.severity, f.year, f.message])).toEqual([
      ["error", 1, "Post 16 and further education (FE) has 2 EHCPs in “Age 11 to 15” in January 2025: Post 16 and further education (FE) is for ages 16 to 19 and 20 to 25 only."],
    ]);
  });

  it("checks the summary against the categories and its total, growth beyond the threshold, and cost against caseload × unit cost", () => {
    const findings = ehcpChecks(
      plan({
        summary: {
          lines: [
            { label: "Mainstream schools or academies", values: [150, 165, 181] },
            { label: "Post 16 and further education (FE)", values: [40, 42, 47] },
          ],
          total: [190, 207, 229],
        },
        costs: [{ label: "Mainstream schools or academies", caseload: [150, 165, 181], unitCost: [8000, 8200, 8400], cost: [1_200_000, 1_353_000, 1_502_400] }],
      }),
      { tolerance: 1, growth: 0.1 },
    );
    expect(findings.filter((f) => f.rule === "ehcp.summary").map((f) => f.message)).toEqual([
      "The summary gives 47 for Post 16 and further education (FE) in January 2026, but its table adds to 44: a difference of 3.",
      "The categories add to 228 in January 2026 but the summary's total says 229: a difference of 1.",
    ]);
    expect(findings.filter((f) => f.rule === "ehcp.cost").map((f) => f.message)).toEqual([
      "Mainstream schools or academies, January 2026: the cost is 1,502,400 but 181 EHCPs × 8,400 is 1,520,400, a difference of 18,000.",
    ]);
    expect(findings.filter((f) => f.rule === "ehcp.growth").every((f) => f.severity === "info")).toBe(true);
    expect(ehcpChecks(plan(), { growth: 0.09 }).filter((f) => f.rule === "ehcp.growth").map((f) => f.message)).toContain(
      "EHCPs in Mainstream schools or academies rise by 10% from January 2024 to January 2025 (150 to 165), beyond 9% a year.",
    );
  });

  it("says the errors in words for HNB.EHCPCHECK: the first few in full, the rest counted", () => {
    expect(ehcpVerdict([])).toBe(true);
    const errors = Array.from({ length: 5 }, (_, i) => ({ rule: "ehcp.breakdowns" as const, severity: "error" as const, category: "", year: i, message: `M${i}.` }));
    expect(ehcpVerdict(errors)).toBe("M0. M1. M2. 2 more differences.");
  });

  it("matches the categories of two breakdowns by name, DfE's or a council's", () => {
    const byAge = readBreakdown([["Mainstream", null], ["Age 5 to 10", 10], ["Special schools", null], ["Age 5 to 10", 4]], "byAge");
    const byNeed = readBreakdown([["Mainstream schools or academies", null], ["ASD", 9], ["Maintained special schools or special academies", null], ["SLD", 4]], "byNeed");
    expect(ehcpVerdict(ehcpChecks(breakdownPlan(byAge, byNeed)))).toBe("Mainstream, year 1 (column 1 of the counts): 10 by age group but 9 by primary need, a difference of 1.");
  });
});

describe("caseload × unit cost", () => {
  it("is caseload × unit cost for the years given, a row per category", () => {
    expect(placementCost([[10, 12], [3, 4]], [[1000, 1100], [50_000, 52_000]])).toEqual([[10_000, 13_200], [150_000, 208_000]]);
  });

  it("carries each input on past its last year, grown by its rate: as PROJECTCOST for one category", () => {
    expect(placementCost([[10]], [[1000]], [0.05], [0.03], 4)).toEqual([projectCost(10, 1000, 0.05, 0.03, 4)]);
    // Unit costs given for one year, caseloads for two: the cost is inflated, the caseload grown after its second year.
    expect(placementCost([[10, 20]], [[100]], [0.5], [0.1], 3)).toEqual([[1000, 2200, 3630]]);
    // One row of unit costs for every category; a rate per category.
    expect(placementCost([[1], [2]], [[100]], [0, 1], [0], 2)).toEqual([[100, 100], [200, 400]]);
  });

  it("refuses a shape or rate it cannot use, saying which", () => {
    expect(() => placementCost([[1], [2], [3]], [[1], [2]])).toThrow("The unit costs must be a row per category (3 rows, as the caseload), or one row for every category: they have 2 rows.");
    expect(() => placementCost([[1]], [[1]], [-1])).toThrow("Growth must be above -100%.");
    expect(() => placementCost([[1]], [[1]], [0], [0], 0)).toThrow("Years must be a whole number from 1 to 100.");
  });
});

describe("a council's EHCP table in the plan's layout", () => {
  const line = (label: string) => ({ label, role: "line" as const });

  it("goes by age group (single ages too), a category over its lines heading them, post-16 only 16 to 25", () => {
    const plan = ehcpLayoutPlan(
      [{ label: "Post 16 and further education (FE)", role: "section" }, line("16-19"), line("20 to 25"), { label: "Special schools", role: "section" }, line("7"), line("8"), line("age 11 to 15"), { label: "Total", role: "total" }],
      [{ heading: "January 2024", total: false }, { heading: "January 2025", total: false }, { heading: "Total", total: true }],
    )!;
    expect([plan.by, plan.columns, plan.headings]).toEqual(["age", [0, 1], ["January 2024", "January 2025"]]);
    expect(plan.blocks.map((b) => [b.category?.id, b.groups.map((g) => [g.name, g.rows])])).toEqual([
      ["post16", [["Age 16 to 19", [1]], ["Age 20 to 25", [2]]]],
      ["special", [["Under 5", []], ["Age 5 to 10", [4, 5]], ["Age 11 to 15", [6]], ["Age 16 to 19", []], ["Age 20 to 25", []]]],
    ]);
  });

  it("goes by placement, saying which are guesses and which have no place, and carries the total column where no heading names a year", () => {
    const plan = ehcpLayoutPlan([line("Mainstream schools or academies"), line("Out of county"), line("Waiting list"), line("Special school")], [{ heading: "Boys", total: false }, { heading: "All", total: true }])!;
    expect([plan.by, plan.columns]).toEqual(["category", [1]]);
    expect(plan.guesses).toEqual([
      { row: 1, label: "Out of county", to: "Non-maintained special schools or independent (NMSS or independent)" },
      { row: 3, label: "Special school", to: "Maintained special schools or special academies" },
    ]);
    expect(plan.unplaced).toEqual([{ row: 2, label: "Waiting list" }]);
  });

  it("is nothing for a table whose lines are not DfE's groups (requests by who asked)", () => {
    expect(ehcpLayoutPlan([line("Schools and colleges"), line("Parent carers or guardians"), line("Young people"), line("Other")], [{ heading: "2023", total: false }])).toBeNull();
  });
});

describe("EHCP numbers in the plan's layout, read by their shape", () => {
  /** Two categories by age group, then by primary need, each block closed by its Total, as tab-separated text. */
  const grid = (needCell: number) => {
    const years = ["January 2024", "January 2025 (forecast)"];
    const rows: (string | number | null)[][] = [
      ["EHCP numbers by placement category (DSG management plan)"],
      [],
      ["EHCPs by age group", ...years],
      ["Mainstream schools or academies", null, null],
      ["Age 5 to 10", 40, 44],
      ["Age 11 to 15", 30, 33],
      ["Total", 70, 77],
      ["Maintained special schools or special academies", null, null],
      ["Age 5 to 10", 12, 13],
      ["Age 11 to 15", 18, 19],
      ["Total", 30, 32],
      [],
      ["EHCPs by primary need", ...years],
      ["Mainstream schools or academies", null, null],
      ["Autistic Spectrum Disorder", 35, 38],
      ["Speech, Language and Communications needs", needCell, 40],
      ["Total", 35 + needCell, 78],
      ["Maintained special schools or special academies", null, null],
      ["Autistic Spectrum Disorder", 14, 15],
      ["Severe Learning Difficulty", 16, 17],
      ["Total", 30, 32],
    ];
    return { name: "EHCP Numbers", values: rows };
  };

  it("finds nothing where each category's breakdowns agree, and an actual year's difference as an error, a forecast's as information", () => {
    const findings = (needCell: number) => readGridByShape(grid(needCell)).flatMap(checkReading);
    expect(findings(35)).toEqual([
      expect.objectContaining({ rule: "ehcp.breakdowns", severity: "info", location: "'EHCP Numbers'!C17", message: "Under “January 2025 (forecast)” the EHCPs by primary need add to 78 (to “Total”, line 17) but the same category's EHCPs by age group (lines 5–6) add to 77: a difference of 1, in a forecast year (rounded cell by cell, perhaps)." }),
    ]);
    expect(findings(36).map((f) => [f.rule, f.severity, f.location])).toEqual([
      ["ehcp.breakdowns", "error", "'EHCP Numbers'!B17"],
      ["ehcp.breakdowns", "info", "'EHCP Numbers'!C17"],
    ]);
  });
});
