import { execFileSync } from "node:child_process";
import { buildSummary, paperHtml, paperMarkdown, readTables } from "../../src/core/table";
import { readSampleGrid } from "../helpers/samples";

const tablesOf = (...files: string[]) => files.flatMap((f) => readTables({ name: f.replace(/\.tsv$/, ""), values: readSampleGrid(f) }));

describe("the Schools Forum paper from the shared samples", () => {
  const summary = buildSummary(tablesOf("action-plan-messy.tsv", "savings-plan-messy.tsv", "dsg-budget.tsv"));

  it("has every initiative of the savings plan, rolled up worst-of, with its latest comment", () => {
    const savings = summary.initiatives.filter((i) => i.source.startsWith("Savings plan"));
    expect(savings.map((i) => [i.name, i.status, i.rows])).toEqual([
      ["Autism outreach team", "Green", 3],
      ["Early years inclusion fund", "Amber", 2],
      ["Independent placement review", "Red", 3],
      ["Post-16 pathways", "Grey", 1],
      ["Alternative provision framework", "Amber", 1],
      ["Transport review", "Green", 1],
    ]);
    expect(savings[2]!.unread).toEqual(["TBC", "Awaiting funding"]);
    expect(savings[0]!.comment).toBe("Survey drafted.");
  });

  it("expands the action plan's initials through its legend", () => {
    const actions = summary.initiatives.filter((i) => i.source.startsWith("Action plan"));
    expect(actions.map((i) => [i.name, i.lead, i.status])).toEqual([
      ["A1: Front door", "Jane Bloggs, Kamal Patel and Rosa Diaz", "Red"],
      ["A2: Quality", "Rosa Diaz and Jane Bloggs", "Amber"],
      ["B1: Places", "Lee Morgan and Anita Thomas", "Amber"],
      ["B2: Transition", "SW", "Amber"],
    ]);
  });

  it("counts statuses by the key each table uses", () => {
    expect(summary.statusCounts).toEqual([
      { status: "Blue", count: 1 },
      { status: "Green", count: 6 },
      { status: "Amber", count: 6 },
      { status: "Red", count: 2 },
      { status: "Grey", count: 1 },
      { status: "Outside the key", count: 3 },
      { status: "No status", count: 1 },
    ]);
  });

  it("gives savings by year stated, realigned and risk-adjusted, saying how the figures were read", () => {
    expect(summary.savings).toEqual([
      {
        sheet: "savings-plan-messy",
        years: ["2024/25", "2025/26", "2026/27"],
        stated: [225_000, 580_000, 657_000],
        calculated: [225_000, 580_000, 675_000],
        riskAdjusted: [67_500, 177_500, 212_500],
        unit: "£",
        riskNote: null,
        notes: [
          "Row 12 was out of line in the paper (cells under the wrong headings): each cell is read under the heading it belongs to, and every figure counted in its own year.",
          expect.stringMatching(/^“24\/25 Target Savings”: as laid out the rows add to £205,000, £20,000 short of the stated £225,000\. The £20,000 gap is row 12's £20,000/),
          expect.stringMatching(/^“25\/26 Target Savings”: /),
          expect.stringMatching(/^“26\/27 Target Savings”: The rows add to £675,000 but the total says £657,000: a gap of £18,000\. Swapping two adjacent digits/),
        ],
      },
    ]);
  });

  it("gives the deficit with and without the recovery plan, and the recovery year", () => {
    expect(summary.deficits).toEqual([
      {
        sheet: "dsg-budget",
        years: ["2023/24", "2024/25", "2025/26", "2026/27", "2027/28"],
        unmitigated: [1082, 1522, 2162, 2972, 3992],
        mitigated: [1037, 1357, 1787, 2337, 3057],
        recoveryYear: "Not recovered by 2027/28",
        unit: "£000",
        impact: {
          label: "Recovery Plan Impact",
          values: [-45, -120, -210, -260, -300],
          reading: expect.stringMatching(/^“Recovery Plan Impact” is read as each year's in-year effect of the recovery plan \(a saving as a negative figure\); the effects accumulate/),
        },
        // No grant line in the sample: what the 2026 rules would give, said as such.
        rules2026: {
          lines: [
            { label: "Deficit at 31 March 2026 (carried forward 2025/26)", value: 2162 },
            { label: "Eligible deficit", value: 2162 },
            { label: "High Needs Stability Grant (income in 2026/27)", value: expect.closeTo(1945.8, 9) },
            { label: "Residual deficit after the grant", value: expect.closeTo(216.2, 9) },
            { label: "Forecast deficit at 31 March 2028, the end of the statutory override, without the recovery plan", value: 3992 },
            { label: "Forecast deficit at 31 March 2028, with the recovery plan", value: 3057 },
          ],
          grantNote: expect.stringMatching(/^The table has no grant line: the grant shown is what the rules give \(90% of the eligible deficit/),
          sources: null,
        },
      },
    ]);
  });

  it("gives the deficit under the 2026 rules in every format", () => {
    const md = paperMarkdown(summary);
    expect(md).toContain("### The deficit under the 2026 rules: the High Needs Stability Grant and the end of the statutory override (£000)");
    expect(md).toContain("| Residual deficit after the grant | 216.20 |");
    expect(paperHtml(summary)).toContain("Forecast deficit at 31 March 2028, with the recovery plan");
  });

  it("shows the impact row and how it is read, in every format", () => {
    const md = paperMarkdown(summary);
    expect(md).toContain("| Recovery plan impact (“Recovery Plan Impact”) | (45) | (120) | (210) | (260) | (300) |");
    expect(md).toContain(summary.deficits[0]!.impact!.reading);
    expect(paperHtml(summary)).toContain("Recovery plan impact (“Recovery Plan Impact”)");
  });

  it("lists at the end what could not be read", () => {
    expect(summary.notRead).toEqual(expect.arrayContaining([expect.stringMatching(/^“TBC”, the status of a row of “Independent placement review”, is not in the key/)]));
    const md = paperMarkdown(summary);
    expect(md.indexOf("## Not read")).toBeGreaterThan(md.indexOf("## High Needs DSG deficit"));
  });

  it("renders HTML for Word with status as text on its colour, and an SVG chart", () => {
    const html = paperHtml(summary, { asAt: "As at 31 March 2025" });
    expect(html).toContain('lang="en-GB"');
    expect(html).toMatch(/background:#FF0000;color:#000000;font-weight:bold;">Red<\/td>/);
    expect(html).toContain("£657,000");
    expect(html).toContain("£212,500");
    expect(html).toContain("<svg");
    expect(html).toContain("Not recovered by 2027/28");
  });

  it("renders Markdown tables", () => {
    const md = paperMarkdown(summary);
    expect(md).toContain("| Independent placement review | Head of Commissioning | Red | Bid submitted to capital programme. (not counted in the RAG: TBC, Awaiting funding) |");
    expect(md).toContain("| With the recovery plan (mitigated) | 1,037 | 1,357 | 1,787 | 2,337 | 3,057 |");
  });
});

describe("the paper from a plan written as a summary and its detail", () => {
  const summary = buildSummary(tablesOf("recovery-plan-summary-and-detail.tsv"));

  it("has one line per initiative: the summary's five, merged with their detail, and the detail's one it lacks", () => {
    expect(summary.initiatives.map((i) => [i.name, i.status, i.stated ?? null, i.rows])).toEqual([
      ["Speech & language in schools", "Green", "Green", 2],
      ["Independent placement review", "Red", "Amber", 3],
      ["Early help for families", "Amber", "“TBC”, which is not in the key", 2],
      ["Post-16 pathways", "Green", "Green", 2],
      ["Alternative provision commissioning", "Amber", null, 1],
      ["Inclusion quality mark", "Green", null, 1],
    ]);
  });

  it("takes the lead and comment from the summary, and counts actions from the detail rows only", () => {
    const placements = summary.initiatives[1]!;
    expect(placements.lead).toBe("Tom Reed");
    expect(placements.comment).toBe("Officer in post; local schools reluctant to take more complex needs.");
    expect(placements.source).toMatch(/as “Review of independent placements”/);
    expect(summary.statusCounts.reduce((n, s) => n + s.count, 0)).toBe(10);
  });

  it("says in every format where the summary's status differs from its milestones", () => {
    const said = "The summary says Amber; its milestones roll up to Red.";
    expect(paperHtml(summary)).toContain(said);
    expect(paperMarkdown(summary)).toContain(said);
    expect(paperMarkdown(summary)).toContain("The summary says “TBC”, which is not in the key; its milestones roll up to Amber.");
  });
});

describe("the paper's budget section", () => {
  const summary = buildSummary(tablesOf("hnb-budget-monitoring.tsv", "dsg-outturn-by-block.tsv", "dsg-balance-scenarios.tsv"));

  it("keeps budget lines out of the initiatives and the counts by status", () => {
    expect(summary.initiatives).toEqual([]);
    expect(summary.statusCounts).toEqual([]);
    expect(summary.budgets.map((b) => b.title)).toEqual(["High Needs budget: forecast against budget", "DSG by block", "DSG reserve: scenarios"]);
  });

  it("gives the in-year position, the largest variances worked out from budget and outturn, and how it moves the deficit, money with its unit", () => {
    const monitoring = summary.budgets[0]!;
    expect(monitoring.sentences[0]).toBe("The in-year position (“In-year High Needs overspend / (underspend)”): an overspend of £6,152k forecast, against an overspend of £2,640k in the budget.");
    expect(monitoring.sentences[1]).toMatch(/^The largest variances: “1\.2\.3 Top-up: independent and non-maintained special schools” over by £1,715k \(49% of the overspend\), “1\.2\.1 Top-up: maintained schools” over by £745k/);
    expect(monitoring.sentences[2]).toBe("Spending over the grant adds to the High Needs deficit: this forecast adds £6,152k to the DSG deficit carried forward at the year end, unless it is met from elsewhere.");
    // 1.2.3's variance is the worked-out 1,715, and the paper says why the table's 1,751 is not used.
    expect(monitoring.lines.find((l) => l.label.startsWith("1.2.3"))).toEqual({ label: "1.2.3 Top-up: independent and non-maintained special schools", values: [11905, 13620, 1715] });
    expect(monitoring.lines.filter((l) => l.total).map((l) => l.label)).toEqual(["Subtotal top-up funding", "Total High Needs expenditure", "In-year High Needs overspend / (underspend)"]);
    expect(monitoring.notes).toHaveLength(1);
    expect(monitoring.notes[0]).toContain("“Variance” says 1,751");
  });

  it("gives every block line with the blocks' totals, and every scenario line with the closing balances", () => {
    expect(summary.budgets[1]!.lines.map((l) => l.label)).toEqual(["Delegated expenditure", "Retained items", "De-delegated services", "Total"]);
    expect(summary.budgets[1]!.lines[3]).toEqual({ label: "Total", values: [-335, 4145, -207, -15, 3588], total: true });
    expect(summary.budgets[1]!.sentences[0]).toBe("Across the blocks, “Total” comes to £3,588k (“Total all Blocks”); the largest is the High Needs Block at £4,145k.");
    const scenarios = summary.budgets[2]!;
    expect(scenarios.lines.map((l) => l.values)).toEqual([[3.2, 3.2, 3.2], [-7.45, -7.45, -7.45], [-4.25, -4.25, -4.25], [-8.1, -5.6, -3.2], [-12.35, -9.85, -7.54]]);
    expect(scenarios.headline).toContain("“Forecast with no action” a deficit of £12.35m");
  });

  it("says the same in HTML and Markdown", () => {
    const html = paperHtml(summary);
    const md = paperMarkdown(summary);
    for (const b of summary.budgets) {
      for (const sentence of b.sentences) {
        expect(md).toContain(sentence.replace(/\|/g, "\\|"));
        expect(html).toContain(sentence.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
      }
    }
    expect(md).toContain("| **In-year High Needs overspend / (underspend)** | **2,640** | **6,152** | **3,512** |");
    expect(md).toContain("| **Closing DSG balance 31 March 2027** | **(12.35)** | **(9.85)** | **(7.54)** |");
    expect(html).toContain("High Needs budget: forecast against budget (£000)</h2>");
  });
});

describe("the paper's risk-adjusted savings, by the rule HNB.SAVINGSBYYEAR follows on the checks sheet", () => {
  const plan = (statuses: (string | null)[] | null) => ({
    name: "Savings",
    values: [
      ["Initiative", ...(statuses ? ["RAG"] : []), "2024/25", "2025/26"],
      ...["Transport", "Therapies", "Placements"].map((name, i) => [name, ...(statuses ? [statuses[i]] : []), 1000 * (i + 1), 2000 * (i + 1)]),
    ],
  });

  it("are the checks sheet's figures where every row's status is in the key", () => {
    const [s] = buildSummary(readTables(plan(["Green", "Amber", "Red"]))).savings;
    expect([s!.riskAdjusted, s!.riskNote]).toEqual([[2000, 4000], null]);
  });

  it("are not worked out, saying which sheet row and why, where a status is outside the key: never a row silently counted at nothing", () => {
    const [s] = buildSummary(readTables(plan(["Green", "TBC", "Red"]))).savings;
    expect(s!.riskAdjusted).toBeNull();
    expect(s!.riskNote).toBe("Risk-adjusted savings are not worked out: row 3's status “TBC” is not in the RAG key (Blue, Green, Amber, Red, Grey).");
    const md = paperMarkdown(buildSummary(readTables(plan(["Green", "TBC", "Red"]))));
    expect(md).not.toMatch(/Risk-adjusted \(by RAG status\) \|/);
    expect(md).toContain("Risk-adjusted savings are not worked out: row 3's status “TBC” is not in the RAG key");
  });

  it("have no line at all for a savings list with no statuses", () => {
    const summary = buildSummary(readTables(plan(null)));
    expect([summary.savings[0]!.riskAdjusted, summary.savings[0]!.riskNote]).toEqual([null, null]);
    expect(paperMarkdown(summary)).not.toMatch(/Risk-adjusted/);
    expect(paperHtml(summary)).not.toMatch(/Risk-adjusted/);
  });
});

describe("the Markdown paper, for cells holding markup", () => {
  it("shows HTML in cells as text, never as tags a Markdown renderer would run", () => {
    const hostile = [
      ["Initiative", "Lead", "RAG", "Progress"],
      ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "Green", "<svg onload=alert(1)> & more | piped"],
    ];
    const summary = buildSummary(readTables({ name: "Plan", values: hostile }));
    const md = paperMarkdown(summary, { title: "Paper <b>bold</b>", asAt: "As at <i>today</i>" });
    // Every angle bracket backslash-escaped: CommonMark shows it as written, never as a tag.
    expect(md.match(/(?<!\\)[<>]/g)).toBeNull();
    expect(md).toContain("\\<script\\>alert(1)\\</script\\>");
    // An ampersand that starts no entity is left as written: "& more", not "&amp; more".
    expect(md).toContain("\\<svg onload=alert(1)\\> & more \\| piped");
    expect(md).toContain("# Paper \\<b\\>bold\\</b\\>");
    // Rendered by a CommonMark renderer (marked is ESM-only, so in a child Node rather than under jest).
    const rendered = execFileSync(process.execPath, ["--input-type=module", "-e", "import { marked } from 'marked'; let s = ''; for await (const c of process.stdin) s += c; process.stdout.write(marked.parse(s));"], { input: md, encoding: "utf8" });
    for (const tag of ["<script", "<img", "<svg", "<b>", "<i>"]) expect(rendered).not.toContain(tag);
    expect(rendered).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("writes no remote image, no link and no control character: a cell's image syntax and escapes are shown as text", () => {
    const hostile = [
      ["Initiative", "Lead", "RAG", "Progress"],
      ["Beacon ![](https://tracker.example/p.gif)", "AB", "Green", "See [the plan](https://example.org) \u001b[2J\u0007 done \\ here"],
    ];
    const summary = buildSummary(readTables({ name: "Plan", values: hostile }));
    const md = paperMarkdown(summary);
    expect(md).not.toMatch(/!\[\]\(/);
    expect(md).not.toMatch(/(?<!\\)\[the plan(?<!\\)\]\(/);
    expect(md).toContain("Beacon !\\[\\](https://tracker.example/p.gif)");
    expect(md).toContain("\\[the plan\\](https://example.org) \\u001B\\[2J\\u0007 done \\\\ here");
    // eslint-disable-next-line no-control-regex -- no control character at all may be written
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const html = paperHtml(summary);
    expect(html).toContain("\\u001B[2J\\u0007");
  });
});
