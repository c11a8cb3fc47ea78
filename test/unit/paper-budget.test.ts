import { readdirSync } from "fs";
import { paperOf, paperSheetOperations } from "../../src/app";
import { buildSummary, documentText, paperDocument, paperMarkdown, readTables, type BudgetSummary } from "../../src/core/table";
import { corpusFiles, corpusGrid } from "../helpers/corpus";
import { SAMPLES_DIR, readSampleGrid } from "../helpers/samples";
import { MemoryWorkbook } from "../../src/adapters/memory";

/** A shared sample as a sheet. */
const sample = (file: string) => ({ name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) });
const budgetsOf = (grid: { name: string; values: unknown[][] }) => paperOf([grid]).summary.budgets;

/** Every shared sample and corpus table, with the budget sections its paper gives. */
const everyTable: [string, BudgetSummary[]][] = [
  ...readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith(".tsv"))
    .sort()
    .map((f): [string, BudgetSummary[]] => [f, budgetsOf(sample(f))]),
  ...corpusFiles().map((f): [string, BudgetSummary[]] => [f, budgetsOf(corpusGrid(f))]),
];

/**
 * Whether a total line's figure in a column is what the lines the paper shows add to, in one of the
 * ways a council's table adds: the lines since the last total or section, the subtotals and loose
 * lines above, the last total and the lines after it, every line above, or the lines under it.
 */
function addsUp(b: BudgetSummary, at: number, k: number): boolean {
  const lines = b.lines;
  const stated = lines[at]!.values[k]!;
  const places = b.decimals ?? (b.unit === "£m" ? 2 : 0);
  const tol = 0.5 * 10 ** -places + 1e-9;
  const v = (i: number) => lines[i]!.values[k] ?? 0;
  const isData = (i: number) => !lines[i]!.total && !lines[i]!.section;
  const candidates: number[] = [];
  // Lines since the last total, subtotal or section heading.
  let from = at - 1;
  while (from >= 0 && isData(from)) from--;
  let sum = 0;
  for (let i = from + 1; i < at; i++) sum += v(i);
  candidates.push(sum);
  // The total just above and the lines since.
  if (from >= 0 && lines[from]!.total) candidates.push(v(from) + sum);
  // Every line above; and the subtotals above in place of their lines.
  let every = 0;
  let above = 0;
  let block = 0;
  for (let i = 0; i < at; i++) {
    if (lines[i]!.section) continue;
    if (isData(i)) {
      every += v(i);
      block += v(i);
    } else {
      above += v(i);
      block = 0;
    }
  }
  candidates.push(every, above + block);
  // The lines under it (a heading line that states its block's sum), as far as its block runs.
  let below = 0;
  for (let i = at + 1; i < lines.length && isData(i); i++) candidates.push((below += v(i)));
  return candidates.some((c) => Math.abs(c - stated) <= tol);
}

/** Whether the section itself says a total does not add up (its sentences, or how its figures were read). */
function saysSo(b: BudgetSummary, label: string): boolean {
  const start = `“${label.slice(0, 20)}`;
  return [...b.sentences, ...b.notes].some((s) => s.includes(start));
}

describe("a budget section of the paper shows every line", () => {
  it.each(everyTable.filter(([, budgets]) => budgets.length > 0))("%s: each figure column adds to every total the paper shows, or the paper says it does not", (_file, budgets) => {
    for (const b of budgets) {
      b.lines.forEach((line, at) => {
        // An average is not a sum.
        if (!line.total || /\baverage\b/i.test(line.label)) return;
        line.values.forEach((value, k) => {
          // Shares do not add; a line in another unit than its parts (b07's sub total of pupils × rate) is not a sum.
          if (value === null || b.columnUnits?.[k] === "%") return;
          const above = b.lines.slice(0, at).filter((l) => !l.total && !l.section);
          if (above.some((l) => (l.unit ?? null) !== (line.unit ?? null))) return;
          if (!addsUp(b, at, k) && !saysSo(b, line.label)) throw new Error(`${b.title}: “${line.label}”, column “${b.columns[k]}”, says ${value}; no lines the paper shows add to it, and the paper does not say so`);
        });
      });
    }
  });

  it("keeps the High Needs monitoring's sections, subtotal and totals, bold, with every s251 line", () => {
    const [b] = budgetsOf(sample("hnb-budget-monitoring.tsv"));
    expect(b!.lines.map((l) => l.label)).toEqual([
      "Place funding",
      "1.0.2 Place funding: special schools and resourced provision",
      "Top-up funding",
      "1.2.1 Top-up: maintained schools",
      "1.2.2 Top-up: academies, free schools and colleges",
      "1.2.3 Top-up: independent and non-maintained special schools",
      "Subtotal top-up funding",
      "1.2.4 Targeted mainstream funding",
      "1.2.5 SEN support services",
      "1.2.6 Hospital education",
      "1.2.7 Other alternative provision",
      "1.2.11 Direct payments",
      "1.2.13 Therapies",
      "Total High Needs expenditure",
      "High Needs Block allocation",
      "In-year High Needs overspend / (underspend)",
    ]);
    expect(b!.lines.filter((l) => l.section).map((l) => l.label)).toEqual(["Place funding", "Top-up funding"]);
    const md = paperMarkdown(paperOf([sample("hnb-budget-monitoring.tsv")]).summary);
    expect(md).toContain("| **Top-up funding** | | | |");
    expect(md).toContain("| **Subtotal top-up funding** | **26,545** | **29,687** | **3,142** |");
    expect(md).toContain("| High Needs Block allocation | (42,310) | (42,310) | 0 |");
  });

  it("takes subtotals the heading words read as lines from the table's shape, so DfE's s251 lines add to their net totals", () => {
    const [b] = budgetsOf(corpusGrid("b14-dfe-s251-hn-city-of-london.tsv"));
    expect(b!.lines.filter((l) => l.total).map((l) => l.label)).toEqual([
      "highNeedsAmount.totalPlaceFunding",
      "highNeedsAmount.topUpFundingMaintained",
      "highNeedsAmount.topUpFundingNonMaintained",
      "total",
    ]);
    expect(b!.notes.join(" ")).not.toMatch(/£511,000/);
  });
});

describe("a budget section says what its columns mean, money with its unit", () => {
  it("names an overspend with its unit, never a bare figure: £747k, not 747", () => {
    const grid = {
      name: "Blocks",
      values: [
        ["DSG by block: month 7"],
        [null, "Budget", "Forecast", "Variance"],
        [null, "£000", "£000", "£000"],
        ["Schools Block", 100000, 100000, 0],
        ["High Needs Block", 40000, 40747, 747],
        ["Early Years Block", 20000, 19900, -100],
        ["Total", 160000, 160647, 647],
      ],
    };
    const [b] = buildSummary(readTables(grid)).budgets;
    expect(b!.title).toBe("DSG by block: forecast against budget");
    expect(b!.sentences).toContain("“High Needs Block”: £40,747k forecast against a budget of £40,000k, an overspend of £747k.");
    expect(b!.headline).toBe("“Total”: £160,647k forecast against a budget of £160,000k, an overspend of £647k.");
    expect(b!.sentences).toContain("“Variance” is “Forecast” less “Budget”: an overspend positive, an underspend in brackets, as the table takes it; each line's variance is worked out from the two.");
  });

  it("gives every budget section's sentences with money in its unit: no bare amount outside a quoted label", () => {
    for (const [, budgets] of everyTable) {
      for (const b of budgets) {
        if (b.unit !== "£" && b.unit !== "£000" && b.unit !== "£m") continue;
        for (const s of b.sentences) {
          const unquoted = s.replace(/“[^”]*”/g, "“”");
          // A grouped amount (25,105.8) or one with decimals (12.35) must carry £ before it or % after it.
          expect([unquoted, unquoted.match(/(?<![£\d,.])\(?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d%km])|(?<![£\d,./])\d+\.\d+(?![\d%km])/g)]).toEqual([unquoted, null]);
        }
      }
    }
  });

  it("says what each column of a reserve means, and which way its balances are signed, once", () => {
    const [b] = budgetsOf(corpusGrid("b03-kirklees-dsg-reserve-2020-21.tsv"));
    expect(b!.sentences).toContain("Balances here are as the table gives them: a deficit positive, a surplus in brackets.");
    expect(b!.sentences.find((s) => s.startsWith("The columns:"))).toBe(
      "The columns: “Opening Balance £k” the opening balance (brought forward), “Correction £k” an adjustment to the balance, “Agreed carry-forwards £k” an adjustment to the balance, “2020-21 over/under spending £k” the in-year over- or underspend and “Closing balance 31.03.21 £k” the closing balance (carried forward).",
    );
  });

  it("explains a total line's blank column where its figures across fall short by that column's lines", () => {
    const [b] = budgetsOf(corpusGrid("b03-kirklees-dsg-reserve-2020-21.tsv"));
    expect(b!.sentences).toContain(
      "“Net DSG Reserve account deficit” says £25,105.8k in its total column, but its figures across come to £24,525.1k: the gap, £580.7k, is what “Agreed carry-forwards £k” adds to down the lines, a column the total line leaves blank.",
    );
  });
});

describe("a budget section shows percentages as percentages and counts as counts", () => {
  const grid = {
    name: "Blocks",
    values: [
      [null, "Budget", "Forecast", "Variance", "% of the block"],
      [null, "£000", "£000", "£000", null],
      ["Schools Block", 100000, 100500, 500, 0.005],
      ["High Needs Block", 40000, 40747, 747, 0.125],
      ["Total", 140000, 141247, 1247, 0.0089],
    ],
  };

  it("shows a “% of the block” column Excel holds as fractions as 12.50%, never £0, and writes it to the sheet under a percent format", () => {
    const summary = buildSummary(readTables(grid));
    const [b] = summary.budgets;
    expect(b!.columns).toEqual(["Budget", "Forecast", "Variance", "% of the block"]);
    expect(b!.columnUnits).toEqual([null, null, null, "%"]);
    const table = paperDocument(summary).blocks.find((x) => x.kind === "table")!;
    if (table.kind !== "table") throw new Error("no table");
    const row = table.rows.find((r) => r.cells[0]!.text === "High Needs Block")!;
    expect(row.cells[4]).toEqual({ text: "12.50%", value: 0.125, format: "0.00%;(0.00%)" });
    expect(row.cells[1]).toEqual({ text: "40,000", value: 40000, format: "#,##0;(#,##0)" });
    // Shares are not added down: the checks say nothing of the "% of the block" total.
    expect(b!.notes.join(" ")).not.toMatch(/% of the block/);
    expect(b!.sentences).toContain("“% of the block” is a percentage, shown as such.");
  });

  it("shows a typed percentage column as typed (4.26%), beside its money in £000", async () => {
    const [b] = budgetsOf(corpusGrid("b11-brighton-school-balances-2021-22.tsv"));
    expect(b!.unit).toBe("£000");
    expect(b!.columnUnits).toEqual([null, "%", null, "%"]);
    const md = paperMarkdown(paperOf([corpusGrid("b11-brighton-school-balances-2021-22.tsv")]).summary);
    expect(md).toContain("| Special and AP | 74 | 1.24% | (91) | (1.50%) |");
    const workbook = MemoryWorkbook.fromGrids([corpusGrid("b11-brighton-school-balances-2021-22.tsv")]);
    const { operations } = paperSheetOperations(paperOf(await workbook.readSheets()).summary, ["b11-brighton-school-balances-2021-22"]);
    const formats = operations.filter((op) => op.kind === "numberFormat").map((op) => (op as { format: string }).format);
    expect(formats).toEqual(expect.arrayContaining(["0.00%;(0.00%)", "#,##0;(#,##0)"]));
  });

  it("shows pupils as counts, rates in £ and sub totals in £m where one table holds all three", () => {
    const [b] = budgetsOf(corpusGrid("b07-derbyshire-dsg-settlement-2016-17.tsv"));
    const md = paperMarkdown(paperOf([corpusGrid("b07-derbyshire-dsg-settlement-2016-17.tsv")]).summary);
    expect(b!.unit).toBe("mixed");
    expect(md).toContain("| Pupils (3 & 4 year olds) | 6,596 | 6,596 |  |");
    expect(md).toContain("| 3 & 4 year olds – funding rate | £4,294.88 | £4,294.88 |  |");
    expect(md).toContain("| **Sub total (£m)** | **£28.329m** | **£28.329m** |  |");
    expect(md).toContain("| **Early Years Block:** | | | |");
  });
});

describe("a table of years across is titled as what it is", () => {
  it("names the DSG settlement by block and its years, not “DSG by block”", () => {
    const [b] = budgetsOf(corpusGrid("b07-derbyshire-dsg-settlement-2016-17.tsv"));
    expect(b!.title).toBe("DSG settlement by block, 2015/16 and 2016/17: Table 1 – DSG Settlement 2016-17");
    expect(b!.headline).toBe("“High Needs Block DSG (£m)”: £63.386m in 2016/17, against £62.375m in 2015/16, a rise of £1.011m.");
  });

  it("names allocations by block for two years in the order the table gives them", () => {
    const grid = {
      name: "Allocations",
      values: [
        ["DSG allocations by block"],
        ["", "2015/16", "2014/15"],
        ["", "£m", "£m"],
        ["Schools Block", "300.10", "295.20"],
        ["High Needs Block", "60.50", "58.90"],
        ["Early Years Block", "30.20", "29.80"],
        ["Total", "390.80", "383.90"],
      ],
    };
    const budgets = budgetsOf(grid);
    expect(budgets.map((b) => b.title)).toEqual(["DSG allocations by block, 2015/16 and 2014/15: DSG allocations by block"]);
  });

  it("names school balances by year as balances, with the latest year's total against the year before", () => {
    const [b] = budgetsOf(corpusGrid("b11-brighton-school-balances-2021-22.tsv"));
    expect(b!.title).toBe("Balances, 2020/21 and 2021/22: (a) Summary of balances");
    expect(b!.headline).toBe("“Total”: £8,135k in 2021/22 (5.56% of budget), against £6,912k in 2020/21, a rise of £1,223k.");
  });
});

describe("reserves and movements", () => {
  it("shows every scenario line, the closing balances bold, and each scenario's closing balance in the headline", () => {
    const summary = paperOf([sample("dsg-balance-scenarios.tsv")]).summary;
    const [b] = summary.budgets;
    expect(b!.lines.map((l) => [l.label, l.total === true])).toEqual([
      ["Opening DSG balance 1 April 2025", false],
      ["2025/26 forecast overspend", false],
      ["Closing DSG balance 31 March 2026", true],
      ["2026/27 forecast overspend", false],
      ["Closing DSG balance 31 March 2027", true],
    ]);
    expect(b!.headline).toBe(
      "“Closing DSG balance 31 March 2027”: “Forecast with no action” a deficit of £12.35m, “Forecast with recovery actions” a deficit of £9.85m and “Forecast with recovery actions and a 0.5% block transfer” a deficit of £7.54m.",
    );
    expect(b!.sentences).toContain("“Closing DSG balance 31 March 2026”: a deficit of £4.25m in every scenario.");
    expect(b!.sentences.filter((s) => s.includes("a surplus positive, a deficit in brackets"))).toHaveLength(1);
    // A 0.5% in a scenario's name is not a share: the column is money.
    expect(b!.columnUnits).toBeUndefined();
  });

  it("gives a reserve by line with its closing balances, the total's in the headline", () => {
    const [b] = budgetsOf(corpusGrid("b03-kirklees-dsg-reserve-2020-21.tsv"));
    expect(b!.lines).toHaveLength(7);
    expect(b!.headline).toBe(
      "At the close (“Closing balance 31.03.21 £k”), “Net DSG Reserve account deficit” is a deficit of £25,105.8k, from a deficit of £14,395.6k at the opening (“Opening Balance £k”).",
    );
    expect(b!.sentences.find((s) => s.startsWith("The closing balance line by line"))).toContain("“High Needs” a deficit of £23,424.8k, “Early Years” a surplus of £1,225.7k");
  });

  it("gives a movement with both forecasts and the movement, its sign convention said once", () => {
    const [b] = budgetsOf(corpusGrid("b08-unnamed-slideplayer-dsg-movement-2014-15.tsv"));
    expect(b!.columns).toEqual(["Latest forecast", "Previous forecast", "Movement"]);
    expect(b!.headline).toBe("“TOTAL”: (£2.56m) at the latest (“Latest forecast”), against (£0.27m) at the previous report (“Previous forecast”): a movement of (£2.29m).");
    expect(b!.sentences.filter((s) => s.includes("less “Previous forecast”"))).toEqual(["“Movement” is “Latest forecast” less “Previous forecast”, as the table takes it: a rise positive, a fall in brackets."]);
  });

  it("works out a movement between two variances where the table gives none", () => {
    const [b] = budgetsOf(corpusGrid("b01-westberks-dsg-month9-2015-16.tsv"));
    expect(b!.headline).toBe(
      "“Net Position”: an overspend of £495,530 at the latest (“Outturn Variance Month 9 £”), against an overspend of £680,570 at the previous report (“Outturn Variance Month 7 £”): down £185,040.",
    );
  });

  it("adds a total the text above the table gives under its lines, and says whether they add to it", () => {
    const [b] = budgetsOf(corpusGrid("d05-westberks-dsg-underspend-carry-forward-2014-15.tsv"));
    expect(b!.lines[b!.lines.length - 1]).toEqual({ label: "Total, as the text above the table gives it", values: [1099530], total: true });
    expect(b!.headline).toBe("The text above the table gives the total as £1,099,530; the lines add to that.");
  });
});

describe("the paper's “In brief” gives one sentence a budget, in its unit", () => {
  it("has the in-year position, the blocks, the closing balances, the movement and the shortfall", () => {
    const brief = (grid: { name: string; values: unknown[][] }) => {
      const text = documentText(paperDocument(paperOf([grid]).summary));
      return text.slice(text.indexOf("In brief") + 1, text.findIndex((t, i) => i > text.indexOf("In brief") && /^(?:High Needs|DSG|Movement|Balances|Budget)/.test(t)));
    };
    expect(brief(sample("hnb-budget-monitoring.tsv"))).toEqual(["The in-year position (“In-year High Needs overspend / (underspend)”): an overspend of £6,152k forecast, against an overspend of £2,640k in the budget."]);
    expect(brief(sample("dsg-outturn-by-block.tsv"))).toEqual(["Across the blocks, “Total” comes to £3,588k (“Total all Blocks”); the largest is the High Needs Block at £4,145k."]);
    expect(brief(corpusGrid("d07-westberks-dsg-headroom-shortfall-2016-17-first-estimate.tsv"))).toEqual([
      "“Total”: a shortfall of £2,919k, “Budget Estimate £’000” £125,118k against “DSG Funding £’000” £122,199k.",
    ]);
    expect(brief(corpusGrid("b12-brighton-school-balances-movement-2021-22.tsv"))).toEqual(["“Total”: a movement of £1,223k, as the table gives it (a rise positive, a fall in brackets)."]);
  });
});

describe("a table of EHC plans in the paper", () => {
  const rows = [
    ["EHCPs by placement category", "January 2024", "January 2025", "January 2026 (forecast)"],
    ["Mainstream schools or academies", "110", "122", "134"],
    ["Maintained special schools or special academies", "52", "56", "60"],
    ["Total EHCPs", "162", "178", "194"],
    ["Average cost per EHCP (£ a year)", "", "", ""],
    ["Mainstream schools or academies", "£6,000", "£6,200", "£6,400"],
    ["Maintained special schools or special academies", "£22,000", "£22,600", "£23,200"],
  ];
  const paper = paperOf([{ name: "EHCP Numbers", values: rows }], { kind: "ehcp-numbers" });
  const budget = paper.summary.budgets[0]!;
  const doc = paperDocument(paper.summary, paper.options);
  const table = doc.blocks.find((b) => b.kind === "table" && b.rows.some((r) => r.cells[0]?.text === "Total EHCPs"));

  it("shows the plans as counts, never as money, and the costs under their own band in £", () => {
    expect(budget).toBeDefined();
    expect(table).toBeDefined();
    if (table?.kind !== "table") return;
    const line = (label: string, n = 0) => table.rows.filter((r) => r.cells[0]?.text === label)[n]!;
    expect(line("Mainstream schools or academies").cells.map((c) => c.text)).toEqual(["Mainstream schools or academies", "110", "122", "134"]);
    expect(line("Total EHCPs").cells.map((c) => c.text)).toEqual(["Total EHCPs", "162", "178", "194"]);
    expect(line("Average cost per EHCP (£ a year)").band).toBe(true);
    expect(line("Mainstream schools or academies", 1).cells.map((c) => c.text)).toEqual(["Mainstream schools or academies", "£6,000", "£6,200", "£6,400"]);
  });
});

describe("the paper's EHCPs and placements section", () => {
  const rows = [
    ["EHC plans", "January 2024", "January 2025", "January 2026 (forecast)"],
    ["Mainstream schools or academies", "", "", ""],
    ["Autistic Spectrum Disorder", "40", "45", "50"],
    ["Other Difficulty/Disability", "1", "2", "2"],
    ["Total", "41", "47", "52"],
    ["EHCPs by placement category", "", "", ""],
    ["Mainstream schools or academies", "41", "47", "52"],
    ["Maintained special schools or special academies", "20", "22", "25"],
    ["Other placements or direct payments", "5", "5", "6"],
    ["Total EHCPs", "66", "74", "83"],
    ["Average cost per EHCP (£ a year)", "", "", ""],
    ["Mainstream schools or academies", "£6,000", "£6,200", "£6,400"],
    ["Maintained special schools or special academies", "£22,000", "£22,600", "£23,200"],
    ["Other placements or direct payments", "£8,000", "£8,200", "£8,400"],
    ["Cost of placements (£): EHCPs × average cost", "", "", ""],
    ["Mainstream schools or academies", "£246,000", "£291,400", "£332,800"],
    ["Maintained special schools or special academies", "£440,000", "£497,200", "£580,000"],
    ["Other placements or direct payments", "£40,000", "£41,000", "£50,400"],
  ];
  const paper = paperOf([{ name: "EHCP Numbers", values: rows }], { kind: "ehcp-numbers" });
  const placements = paper.summary.placements?.[0];

  it("takes each category's plans from the lines by placement, never a need of the same word, and they add to the stated total", () => {
    expect(placements).toBeDefined();
    expect(placements!.actualYear).toBe("January 2025");
    expect(placements!.forecastYear).toBe("January 2026");
    expect(placements!.lines.map((l) => [l.category, l.actual, l.forecast])).toEqual([
      ["Mainstream schools or academies", 47, 52],
      ["Maintained special schools or special academies", 22, 25],
      ["Other placements or direct payments", 5, 6],
    ]);
    expect([placements!.total.actual, placements!.total.forecast]).toEqual([74, 83]);
  });

  it("costs each category from the cost lines, not the unit costs, and says it in brief", () => {
    expect(placements!.lines.map((l) => [l.costActual, l.costForecast])).toEqual([
      [291_400, 332_800],
      [497_200, 580_000],
      [41_000, 50_400],
    ]);
    const brief = paperDocument(paper.summary, paper.options).blocks.find((b) => b.kind === "paragraph" && b.text.startsWith("EHCPs:"));
    expect(brief).toEqual({ kind: "paragraph", text: "EHCPs: 74 in January 2025, forecast 83 by January 2026 (up 12.2%); the cost of placements £829,600, rising to £963,200." });
  });
});
