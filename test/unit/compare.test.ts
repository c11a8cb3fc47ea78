import { readFileSync } from "fs";
import { basename, join } from "path";
import { paperOf, type Paper } from "../../src/app";
import {
  comparePapers,
  comparisonDocument,
  documentText,
  gridFromFile,
  leadingRef,
  renderMarkdown,
  sinceBlocks,
  type BudgetSummary,
  type FigureMove,
  type PaperComparison,
  type PaperSummary,
  type ScorecardSummary,
} from "../../src/core/table";
import { readAmount } from "../../src/core";
import { CORPUS_DIR, corpusGrid } from "../helpers/corpus";
import { SAMPLES_DIR } from "../helpers/samples";

const EARLIER_DIR = join(__dirname, "..", "fixtures", "earlier");

function paperFrom(path: string): Paper {
  return paperOf([gridFromFile(basename(path), readFileSync(path))]);
}

function compareFiles(earlierPath: string, laterPath: string): { comparison: PaperComparison; earlier: Paper; later: Paper; text: string[] } {
  const earlier = paperFrom(earlierPath);
  const later = paperFrom(laterPath);
  const comparison = comparePapers(earlier.summary, later.summary);
  const text = documentText(comparisonDocument(comparison, { laterSummary: later.summary, later: later.options, earlier: earlier.options }));
  return { comparison, earlier, later, text };
}

const corpus = (name: string) => join(CORPUS_DIR, `${name}.tsv`);
const earlierSample = (name: string) => join(EARLIER_DIR, name);
const sample = (name: string) => join(SAMPLES_DIR, name);

/** The figures that moved, as [line, measure, then, now, change]. */
const moves = (c: PaperComparison, part?: FigureMove["part"]) => c.figures.filter((f) => part === undefined || f.part === part).map((f) => [f.line, f.measure, f.then, f.now, f.change]);

/** A figure on a corpus table's line, by its label in the first column and the column number (0 the label). */
function cellOf(file: string, label: string, column: number): number {
  const row = corpusGrid(`${file}.tsv`).values.find((r) => r[0]?.trim() === label);
  const v = readAmount(row?.[column] ?? "");
  if (v === null || Number.isNaN(v)) throw new Error(`no figure for ${label} in ${file}`);
  return v;
}

/** What the document says, apart from tables: no cell reference, no sheet row. */
const CELL_OR_ROW = /'[^']{1,40}'!\$?[A-Z]{1,3}\$?\d|\b[A-Z]{1,2}\d{1,5}:[A-Z]{1,2}\d{1,5}\b|\b[Rr]ows? \d/;

/** Text outside “…”: what the section says, not what it quotes from a cell. */
const unquoted = (text: string) => text.replace(/“[^”]{0,2000}”/g, "“…”");

describe("what moved between two months of a council's DSG monitoring (West Berkshire, month 5 → month 9)", () => {
  const M5 = "b02-westberks-dsg-month5-2015-16";
  const M9 = "b01-westberks-dsg-month9-2015-16";
  const { comparison, text } = compareFiles(corpus(M5), corpus(M9));

  it("says which blocks' forecast and variance moved and by how much, and the total movement", () => {
    expect(moves(comparison)).toEqual([
      ["Schools Block (inc ISB)", "forecast", 65464140, 65461440, -2700],
      ["Schools Block (inc ISB)", "variance", 0, -2700, -2700],
      ["High Needs Block", "forecast", 16413890, 16639240, 225350],
      ["High Needs Block", "variance", 272880, 498230, 225350],
      ["Total Net Expenditure", "forecast", 89507780, 89730430, 222650],
      ["Total Net Expenditure", "variance", 272880, 495530, 222650],
      ["Total Expenditure", "forecast", 90228670, 90451320, 222650],
      ["Total Expenditure", "variance", 272880, 495530, 222650],
      ["Net Position", "forecast", 272880, 495530, 222650],
      ["Net Position", "variance", 272880, 495530, 222650],
    ]);
    expect(text).toContain("The forecast for “High Needs Block” rose by £225,350, from £16,413,890 to £16,639,240; its variance rose by £225,350, from £272,880 to £498,230.");
    expect(text).toContain("The forecast for “Schools Block (inc ISB)” fell by £2,700, from £65,464,140 to £65,461,440; its variance fell by £2,700, from £0 to (£2,700).");
    expect(text).toContain("In all (“Total Net Expenditure”), the forecast rose by £222,650, from £89,507,780 to £89,730,430; its variance rose by £222,650, from £272,880 to £495,530.");
    expect(text.join("\n")).not.toContain("“Early Years Block” rose");
  });

  it("gives figures that agree with the two tables as pasted, the forecast column being each month's own", () => {
    for (const f of comparison.figures.filter((x) => x.measure === "forecast")) {
      expect(f.then).toBe(cellOf(M5, f.line, 2));
      expect(f.now).toBe(cellOf(M9, f.line, 2));
      expect(f.change).toBe(f.now - f.then);
    }
    expect(text).toContain("The forecast is the column “Forecast Year End” here, and “Actual Spend Forecast” in the last paper.");
  });

  it("heads the section 'Since the last paper', as neither month gives a report date, and names no cell", () => {
    const blocks = sinceBlocks(comparison, null);
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "Since the last paper" });
    expect(text.join("\n")).not.toMatch(CELL_OR_ROW);
  });
});

describe("what moved across three versions of the DSG headroom by block (first estimate → after settlement → table 2)", () => {
  const D07 = corpus("d07-westberks-dsg-headroom-shortfall-2016-17-first-estimate");
  const D08 = corpus("d08-westberks-dsg-headroom-shortfall-2016-17-after-settlement");
  const D09 = corpus("d09-westberks-dsg-headroom-shortfall-2016-17-table2");

  it("says each block's funding, budget and headroom moved from the first estimate to after the settlement", () => {
    const { comparison, text } = compareFiles(D07, D08);
    expect(moves(comparison).filter((m) => m[0] === "High Needs Block")).toEqual([
      ["High Needs Block", "headroom (shortfall)", -2017, -1915, 102],
      ["High Needs Block", "budget", 21126, 21379, 253],
      ["High Needs Block", "funding", 19109, 19464, 355],
    ]);
    expect(moves(comparison).filter((m) => m[0] === "Total")).toEqual([
      ["Total", "headroom (shortfall)", -2919, -1425, 1494],
      ["Total", "budget", 125118, 124315, -803],
      ["Total", "funding", 122199, 122890, 691],
    ]);
    expect(text).toContain("The headroom (shortfall) for “Schools Block” rose by 741, from (135) to 606; its budget fell by 116, from 96,228 to 96,112; its funding rose by 625, from 96,093 to 96,718.");
    expect(text.some((t) => t.startsWith("Neither table has a column both papers take for the forecast"))).toBe(true);
  });

  it("says what moved from after the settlement to table 2, in £000 as both state", () => {
    const { comparison, text } = compareFiles(D08, D09);
    expect(moves(comparison).filter((m) => m[1] === "headroom (shortfall)")).toEqual([
      ["Schools Block", "headroom (shortfall)", 606, 0, -606],
      ["Early Years Block", "headroom (shortfall)", -116, 203, 319],
      ["High Needs Block", "headroom (shortfall)", -1915, -1378, 537],
      ["Total", "headroom (shortfall)", -1425, -1175, 250],
    ]);
    expect(comparison.sections.map((s) => s.heading)).toEqual([expect.stringMatching(/^DSG by block.{0,60} \(£000\)$/)]);
    expect(text).toContain("In all (“Total”), the headroom (shortfall) rose by 250, from (1,425) to (1,175); its budget rose by 273, from 124,315 to 124,588; its funding rose by 523, from 122,890 to 123,413.");
  });
});

describe("each sample against its earlier version (test/fixtures/earlier/README.md)", () => {
  it("the recovery plan since 30 June 2025: statuses moved, the acronym matched, the guess said as one, added, dropped and completed", () => {
    const { comparison, text, earlier, later } = compareFiles(earlierSample("recovery-plan-summary-and-detail.tsv"), sample("recovery-plan-summary-and-detail.tsv"));
    expect(comparison.statusMoves.map((m) => [m.name, m.earlierName, m.from, m.to, m.guess])).toEqual([
      ["Independent placement review", "Independent placement review", "Amber", "Red", false],
      ["Early help for families", "Early help for families", "Green", "Amber", false],
      ["Alternative provision commissioning", "AP commissioning", "Green", "Amber", false],
    ]);
    expect(comparison.added).toEqual([{ part: "initiative", name: "Inclusion quality mark", status: "Green" }]);
    expect(comparison.dropped).toEqual([{ part: "initiative", name: "Autism outreach", status: "Amber" }]);
    expect(comparison.completed).toEqual([]);
    expect(comparison.figures).toEqual([]);
    expect(text).toEqual(
      expect.arrayContaining([
        "Since 30 June 2025",
        "“Independent placement review” moved from Amber to Red.",
        "“Early help for families” moved from Green to Amber.",
        "“Early help for families” has a new lead: Sam Okafor (it was Jo Patel).",
        "“Alternative provision commissioning” moved from Green to Amber. The last paper called it “AP commissioning”.",
        "“Inclusion quality mark” is new since the last paper (Green).",
        "“Autism outreach” was in the last paper (Amber) and is not in this one.",
        "“Speech & language in schools”, still Green. Taken to be “Speech & language support in schools” of the last paper: a guess, as the names only share most of their words.",
        "1 more action is complete (Blue): 1 action now, none at the last paper.",
        "Green: 3 actions now, 7 actions at the last paper.",
        "Amber: 4 actions now, 2 actions at the last paper.",
        "Red: 1 action now, none at the last paper.",
      ]),
    );
    // Grey did not move: said nowhere as a movement.
    expect(text.some((t) => t.startsWith("Grey:"))).toBe(false);
    expect(comparison.movements).toBe(10);
    // The earlier paper is dated and the sample is not: where the paper lists overdue actions, only the earlier has a list.
    expect(later.summary.overdue).toBeUndefined();
    const overdue = text.filter((t) => t.includes("overdue"));
    if (earlier.summary.overdue) expect(overdue).toEqual([expect.stringMatching(/^The last paper lists 1 action overdue: “[^”]{0,40}Appoint placements officer” \(due by 30 April 2025, Green\); this paper gives no list of overdue actions \(it has no report date\), so which are new cannot be said\.$/)]);
    else expect(overdue).toEqual([]);
    expect(comparison.overdue).toBeNull();
  });

  it("the savings plan since 31 July 2024: statuses moved, one initiative dropped, an action completed, savings re-profiled by year and in total", () => {
    const { comparison, text } = compareFiles(earlierSample("savings-plan-messy.tsv"), sample("savings-plan-messy.tsv"));
    expect(comparison.statusMoves.map((m) => [m.name, m.from, m.to, m.guess])).toEqual([
      ["Early years inclusion fund", "Green", "Amber", false],
      ["Independent placement review", "Amber", "Red", false],
      ["Transport review", "Grey", "Green", false],
    ]);
    expect(comparison.dropped.map((d) => d.name)).toEqual(["Short breaks recommissioning"]);
    expect(comparison.added).toEqual([]);
    expect(moves(comparison, "savings")).toEqual([
      ["2024/25", "savings", 175000, 225000, 50000],
      ["2025/26", "savings", 575000, 580000, 5000],
      ["2026/27", "savings", 775000, 675000, -100000],
      ["Total", "savings", 1525000, 1480000, -45000],
      ["Total", "risk-adjusted savings", 872500, 457500, -415000],
    ]);
    expect(text).toEqual(
      expect.arrayContaining([
        "Since 31 July 2024",
        "“Independent placement review” moved from Amber to Red. The last paper called it “Independent placements review”.",
        "“Short breaks recommissioning” was in the last paper (Green) and is not in this one.",
        "1 more action is complete (Blue): 1 action now, none at the last paper.",
        "11 actions in all now, 12 at the last paper.",
        "2026/27 savings fell by £100,000, from £775,000 to £675,000.",
        "The total fell by £45,000, from £1,525,000 to £1,480,000, and the savings were re-profiled between years.",
        "Weighted by RAG status, the total fell by £415,000, from £872,500 to £457,500.",
        "The figures compared are the totals of the initiatives' rows: this paper's stated total differs from them for 2026/27 (£657,000, where the rows add to £675,000).",
      ]),
    );
    expect(text.join("\n")).not.toMatch(CELL_OR_ROW);
  });

  it("the budget monitoring from month 5 to month 7: the lines whose forecast moved, by how much, and the total movement", () => {
    const { comparison, text } = compareFiles(earlierSample("hnb-budget-monitoring.tsv"), sample("hnb-budget-monitoring.tsv"));
    const forecast = moves(comparison, "budget").filter((m) => m[1] === "forecast");
    // The README's lines and totals; the subtotal and 1.2.7 too where the paper's table shows them (it may show the largest variances only).
    expect(forecast).toEqual(
      expect.arrayContaining([
        ["1.2.1 Top-up: maintained schools", "forecast", 6700, 6955, 255],
        ["1.2.3 Top-up: independent and non-maintained special schools", "forecast", 13100, 13620, 520],
        ["Total High Needs expenditure", "forecast", 47577, 48462, 885],
        ["In-year High Needs overspend / (underspend)", "forecast", 5267, 6152, 885],
      ]),
    );
    const allowed = new Set(["1.2.1 Top-up: maintained schools", "1.2.3 Top-up: independent and non-maintained special schools", "1.2.7 Other alternative provision", "Subtotal top-up funding", "Total High Needs expenditure", "In-year High Needs overspend / (underspend)"]);
    expect(forecast.filter((m) => !allowed.has(m[0] as string))).toEqual([]);
    expect(moves(comparison, "budget").filter((m) => m[1] === "budget")).toEqual([]);
    expect(text).toContain("In all (“Total High Needs expenditure”), the forecast rose by 885, from 47,577 to 48,462; its variance rose by 885, from 2,627 to 3,512.");
    expect(text).toContain("The forecast for “1.2.3 Top-up: independent and non-maintained special schools” rose by 520, from 13,100 to 13,620; its variance rose by 520, from 1,195 to 1,715.");
    expect(text).toContain("Since the last paper");
  });

  it("the deficit a year earlier in £ against the sample in £000: converted before it is compared, never 2,762,000 beside 2,972", () => {
    const { comparison, text } = compareFiles(earlierSample("dsg-budget.tsv"), sample("dsg-budget.tsv"));
    expect(moves(comparison, "deficit")).toEqual([
      ["2024/25", "without the recovery plan", 1502, 1522, 20],
      ["2025/26", "without the recovery plan", 2062, 2162, 100],
      ["2026/27", "without the recovery plan", 2762, 2972, 210],
      ["2025/26", "with the recovery plan", 1717, 1787, 70],
      ["2026/27", "with the recovery plan", 2167, 2337, 170],
    ]);
    expect(text).toEqual(
      expect.arrayContaining([
        "High Needs DSG deficit (£000)",
        "The deficit forecast at the end of 2026/27, without the recovery plan, rose by 210, from 2,762 to 2,972.",
        "The forecast now runs to 2027/28: 3,992 without the recovery plan and 3,057 with it (it ran to 2026/27).",
        "The last paper's figures are in £ and this one's in £000: the last paper's are converted to £000 to compare them.",
      ]),
    );
  });
});

const budget = (over: Partial<BudgetSummary>): BudgetSummary => ({ sheet: "Budget", title: "High Needs budget: forecast against budget", unit: "£000", columns: ["Budget", "Forecast Outturn", "Variance"], lines: [], sentences: [], notes: [], ...over });
const paper = (over: Partial<PaperSummary>): PaperSummary => ({ initiatives: [], notRead: [], statusCounts: [], savings: [], deficits: [], budgets: [], scorecards: [], ...over });

describe("units must agree before figures are compared", () => {
  it("converts £m to £000 and compares the figures in one unit", () => {
    const earlier = paper({ budgets: [budget({ unit: "£m", decimals: 2, lines: [{ label: "Top-ups", values: [11.9, 13.1, 1.2] }] })] });
    const later = paper({ budgets: [budget({ lines: [{ label: "Top-ups", values: [11900, 13620, 1720] }] })] });
    const c = comparePapers(earlier, later);
    expect(moves(c)).toEqual([
      ["Top-ups", "forecast", 13100, 13620, 520],
      ["Top-ups", "variance", 1200, 1720, 520],
    ]);
    expect(c.sections[0]!.notes).toContain("The last paper's figures are in £m and this one's in £000: the last paper's are converted to £000 to compare them.");
  });

  it("refuses to compare counts with money, saying why, and gives no figure", () => {
    const earlier = paper({ budgets: [budget({ unit: "count", lines: [{ label: "Top-ups", values: [747, 760, 13] }] })] });
    const later = paper({ budgets: [budget({ lines: [{ label: "Top-ups", values: [747000, 760000, 13000] }] })] });
    const c = comparePapers(earlier, later);
    expect(c.figures).toEqual([]);
    expect(c.sections[0]!.sentences).toEqual(["Not compared: the last paper's figures are counts and this one's in £000, which cannot be converted one into the other."]);
    expect(c.notCompared).toHaveLength(1);
  });
});

describe("initiatives matched by ref and by name", () => {
  const line = (name: string, status: string) => ({ name, source: "", lead: "", status, unread: [], comment: "", rows: 1 });

  it("says an initiative is complete, matches by ref where the name was reworded, and says a match on shared words is a guess in the sentence itself", () => {
    const earlier = paper({ initiatives: [line("A1: Front door", "Amber"), line("B2: Transition to secondary", "Green"), line("Speech & language support in schools", "Green")] });
    const later = paper({ initiatives: [line("A1: Single front door", "Complete"), line("B2: Transition", "Amber"), line("Speech & language in schools", "Amber")] });
    const c = comparePapers(earlier, later);
    expect(c.completed).toEqual(["A1: Single front door"]);
    expect(c.statusMoves.map((m) => [m.name, m.guess])).toEqual([
      ["A1: Single front door", false],
      ["B2: Transition", false],
      ["Speech & language in schools", true],
    ]);
    expect(c.sections[0]!.sentences).toEqual([
      "“A1: Single front door” is complete (it was Amber). The last paper called it “A1: Front door”.",
      "“B2: Transition” moved from Green to Amber. The last paper called it “B2: Transition to secondary”.",
      "“Speech & language in schools” moved from Green to Amber. Taken to be “Speech & language support in schools” of the last paper: a guess, as the names only share most of their words.",
    ]);
    expect(c.sections[0]!.table!.rows.map((r) => r.cells.map((x) => x.text))).toEqual([
      ["A1: Single front door", "Amber", "Complete"],
      ["B2: Transition", "Green", "Amber"],
      ["Speech & language in schools", "Green", "Amber"],
    ]);
  });
});

describe("overdue actions, where the papers list them", () => {
  const overdue = (name: string, end: string, status = "Amber") => ({ name, end, status });

  it("says which are newly overdue, no longer overdue, and whose end date moved", () => {
    const earlier = paper({ overdue: [overdue("Appoint placements officer", "30 April 2025"), overdue("Travel training offer", "31 July 2025"), overdue("Recruit second specialist teacher", "30 June 2025")] });
    const later = paper({ overdue: [overdue("Appoint placements officer", "30 June 2025", "Red"), overdue("Identify placements due for review", "31 July 2025"), overdue("Recruit second specialist teacher", "30 June 2025")] });
    const c = comparePapers(earlier, later);
    expect(c.overdue).toEqual({
      newly: ["Identify placements due for review"],
      noLonger: ["Travel training offer"],
      datesMoved: [{ name: "Appoint placements officer", from: "30 April 2025", to: "30 June 2025" }],
      still: ["Recruit second specialist teacher"],
    });
    expect(c.sections[0]!.sentences).toEqual([
      "“Identify placements due for review” is newly overdue (due by 31 July 2025, Amber).",
      "“Appoint placements officer” is still overdue; its end date moved from 30 April 2025 to 30 June 2025.",
      "“Travel training offer” is no longer overdue (the last paper had it due by 31 July 2025, Amber).",
      "Still overdue since the last paper: “Recruit second specialist teacher”.",
    ]);
  });

  it("says once that nothing moved, and what cannot be said where only one paper lists them", () => {
    const same = paper({ overdue: [overdue("Front door", "30 September 2024")] });
    expect(comparePapers(same, same).sections[0]).toMatchObject({ moved: false, sentences: ["No action is newly overdue or no longer overdue. Still overdue since the last paper: “Front door”."] });
    const c = comparePapers(paper({}), same);
    expect(c.overdue).toBeNull();
    expect(c.sections[0]!.sentences).toEqual(["This paper lists 1 action overdue: “Front door” (due by 30 September 2024, Amber); the last paper gives no list of overdue actions (it has no report date), so which are new cannot be said."]);
  });
});

describe("scorecard indicators", () => {
  const line = (ref: string, name: string, status: string) => ({ ref, perspective: "Stakeholder", name, latest: "", target: "", status, statusFrom: "stated" as const, trend: "" });
  const card = (lines: ReturnType<typeof line>[]): ScorecardSummary => ({ sheet: "Scorecard", year: "2025/26", lines, counts: [], notes: [] });

  it("says which indicators' statuses moved, matched by ref where the name was reworded, and which were added or dropped", () => {
    const earlier = paper({ scorecards: [card([line("S1", "EHCPs issued within 20 weeks", "Amber"), line("S2", "Parent confidence", "Red"), line("F9", "Transport cost per pupil", "Green")])] });
    const later = paper({ scorecards: [card([line("S1", "EHCPs issued in 20 weeks", "Green"), line("S2", "Parent confidence", "Red"), line("I1", "Local places", "No status")])] });
    const c = comparePapers(earlier, later);
    expect(c.statusMoves).toEqual([{ part: "indicator", name: "EHCPs issued in 20 weeks", earlierName: "EHCPs issued within 20 weeks", from: "Amber", to: "Green", guess: false }]);
    expect(c.sections[0]!.sentences).toEqual([
      "S1 “EHCPs issued in 20 weeks” moved from Amber to Green. The last paper called it “EHCPs issued within 20 weeks”.",
      "I1 “Local places” is a new indicator (no status).",
      "F9 “Transport cost per pupil” was in the last paper's scorecard (Green) and is not in this one.",
    ]);
  });
});

describe("a paper compared with itself", () => {
  it("says in each part, once, that nothing moved", () => {
    const { summary, options } = paperFrom(sample("savings-plan-messy.tsv"));
    const c = comparePapers(summary, summary);
    expect(c.movements).toBe(0);
    expect(c.sections.map((s) => [s.heading, s.moved, s.sentences])).toEqual([
      ["Initiatives", false, ["No initiative's status moved, and none was added or dropped (6 initiatives)."]],
      ["Actions by status", false, ["The count of actions by status is as it was (11 actions)."]],
      ["Savings by year", false, ["The savings by year are as they were: £1,480,000 in all."]],
    ]);
    const md = renderMarkdown(comparisonDocument(c, { laterSummary: summary, later: options, earlier: { asAt: "As at 31 March 2025" } }));
    expect(md).toMatch(/^# Recovery plan: paper for Schools Forum — since 31 March 2025\n\n## Since 31 March 2025\n\nWhat has moved since the last paper, as at 31 March 2025\. Nothing has moved\./);
  });
});

describe("refs at the start of a name", () => {
  it.each([
    ["A1: Front door", "A1"],
    ["1.2.3 Top-up: independent", "1.2.3"],
    ["s2 Attendance", "S2"],
    ["3. Travel training", "3"],
    ["16-place resourced provision", ""],
    ["2024/25 savings", ""],
    ["Autism outreach team", ""],
  ])("reads %j as ref %j", (name, ref) => {
    expect(leadingRef(name)).toBe(ref);
  });
});

describe("the since section meets the paper's standard on every pair", () => {
  const pairs: [string, string, string][] = [
    ["month 5 → month 9", corpus("b02-westberks-dsg-month5-2015-16"), corpus("b01-westberks-dsg-month9-2015-16")],
    ["first estimate → after settlement", corpus("d07-westberks-dsg-headroom-shortfall-2016-17-first-estimate"), corpus("d08-westberks-dsg-headroom-shortfall-2016-17-after-settlement")],
    ["after settlement → table 2", corpus("d08-westberks-dsg-headroom-shortfall-2016-17-after-settlement"), corpus("d09-westberks-dsg-headroom-shortfall-2016-17-table2")],
    ...["recovery-plan-summary-and-detail.tsv", "savings-plan-messy.tsv", "hnb-budget-monitoring.tsv", "dsg-budget.tsv"].map((f): [string, string, string] => [f, earlierSample(f), sample(f)]),
  ];

  it.each(pairs)("%s: a title ending 'since …', no cell or row named, each sentence once", (_, earlierPath, laterPath) => {
    const earlier = paperFrom(earlierPath);
    const later = paperFrom(laterPath);
    const doc = comparisonDocument(comparePapers(earlier.summary, later.summary), { laterSummary: later.summary, later: later.options, earlier: earlier.options });
    expect(doc.title).toMatch(/: paper for Schools Forum — since (?:the last paper|\d{1,2} [A-Z][a-z]{2,8} \d{4})$/);
    const said = doc.blocks.flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : []));
    for (const sentence of said) {
      expect({ sentence, ref: CELL_OR_ROW.test(unquoted(sentence)) || /\b[Ll]ines? \d/.test(unquoted(sentence)) }).toEqual({ sentence, ref: false });
    }
    const headings = new Set(doc.blocks.filter((b) => b.kind === "heading").map((b) => (b as { text: string }).text));
    const sentences = said.filter((t) => !headings.has(t));
    expect(sentences.filter((t, i) => sentences.indexOf(t) !== i)).toEqual([]);
  });
});
