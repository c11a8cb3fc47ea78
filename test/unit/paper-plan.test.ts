import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { buildSummary, checkTables, paperDocument, paperMarkdown, readTables, type SheetGrid } from "../../src/core/table";
import { checkWorkbook, paperOf } from "../../src/app";
import { serialFromYmd } from "../../src/core/years";
import { OVERDUE_GRACE_DAYS } from "../../src/core/actions";
import { commentEntries, cutAtWord, firstSentence, latestComment, leadLine, leadWithoutDates, shortNames } from "../../src/core/table/plan-lines";
import { CORPUS_DIR } from "../helpers/corpus";
import { SAMPLES_DIR, readSampleGrid } from "../helpers/samples";

const grid = (name: string, rows: string[]): SheetGrid => ({ name, values: rows.map((r) => r.split("\t")) });
const sample = (file: string): SheetGrid => ({ name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) });
const asOf = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return serialFromYmd(y!, m!, d!);
};

/** The action tracker as a PDF gives it when every long cell wraps, the names too, and the statuses were colours. */
const WRAPPED = [
  "Key Improvement Action\tExpected Outcomes\tRisks\tKey Milestones\tLead\tStart Date\tEnd Date\tProgress (RAG)",
  "1. NURTURE GROUPS Pilot nurture groups in two\tFewer exclusions of primary\tSavings depend on small\tPilot launched in both\tJB\tJan 2024\tMarch 2025\tStaff trained; pilot running",
  "primary schools for children with social,\tchildren at risk of exclusion.\tnumbers\tschools\t\t\t\tin both schools.",
  "emotional and mental health needs\t\t\t\t\t\t\t",
  "\t\t\tExtend to four schools\tJB\tNovember 2025\tApril 2026\tPaper to Schools Forum in September.",
  "2. INCLUSION PANEL Schools agree support for\tNeeds met earlier without an EHCP\tSchools do not engage\tPanel terms of reference agreed\tKP/AT\tNov 2025\tApril 2026\tPanel meets monthly; 30 cases heard.",
  "pupils before an assessment is requested\t\t\t\t\t\t\t",
  "\t\t\tCluster funding model\tKP\tSep 25\tMar 26\tModel ideas shared with head teachers.",
  "",
  "Jane Bloggs (JB), Kamal Patel (KP), Anita Thomas (AT)",
];

describe("one line per initiative, as the plan defines them", () => {
  it("reads a name a PDF wrapped over several lines as one initiative, not one per line", () => {
    const summary = buildSummary(readTables(grid("Tracker", WRAPPED)));
    expect(summary.initiatives.map((i) => [i.name, i.rows])).toEqual([
      ["1. NURTURE GROUPS", 2],
      ["2. INCLUSION PANEL", 2],
    ]);
    expect(summary.initiatives[0]!.fullName).toBe("1. NURTURE GROUPS Pilot nurture groups in two primary schools for children with social, emotional and mental health needs");
    // The wrapped lines are no actions: two milestones each.
    expect(summary.statusCounts.find((c) => c.status === "No status")?.count).toBe(4);
  });

  it("joins the wrapped ends of every cell of the row, a status column of notes included", () => {
    const [table] = readTables(grid("Tracker", WRAPPED));
    expect(table!.rows.filter((r) => r.role === "wrapped").map((r) => r.index)).toEqual([2, 3, 6]);
    expect(latestComment(table!.rows.filter((r) => r.group.startsWith("1.")).slice(0, 1), table!.columns.find((c) => c.field === "progress"))).toBe("Staff trained; pilot running in both schools.");
  });

  it("keeps the three initiatives of the action tracker copied out of a PDF", () => {
    const summary = buildSummary(readTables(sample("action-tracker-pdf.tsv")));
    expect(summary.initiatives.map((i) => i.name)).toEqual(["1. NURTURE GROUPS", "2. INCLUSION PANEL", "3. VALUE FOR MONEY REVIEW"]);
  });

  it("names an initiative numbered by a bare reference by its action too", () => {
    const summary = buildSummary(readTables(grid("Plan", ["Number\tAction\tEnd date\tLead\tRAG", "1.1\tWSoA is produced and submitted on time. Governance arrangements are in place to track progress over the next 18 months.\tJuly 2020\tMS\tGreen"])));
    expect(summary.initiatives[0]!.name).toBe("1.1 WSoA is produced and submitted on time.");
  });

  it("keeps the summary and detail plan's six lines", () => {
    expect(buildSummary(readTables(sample("recovery-plan-summary-and-detail.tsv"))).initiatives).toHaveLength(6);
  });
});

describe("names cut at a sentence, the whole kept in the appendix", () => {
  it("shows a long name's first sentence", () => {
    expect(shortNames(["Commission an external review of early years pathways. The review will report to the SEND board and to Schools Forum in the spring."])).toEqual([
      "Commission an external review of early years pathways.",
    ]);
  });

  it("does not end a sentence at a number, an initial or an abbreviation", () => {
    expect(firstSentence("1. Pilot groups, e.g. nurture groups. Then more")).toBe("1. Pilot groups, e.g. nurture groups.");
    expect(firstSentence("No sentence ends here")).toBeNull();
  });

  it("cuts a long name with no short first sentence cleanly at a word, with no hanging word, and marks the cut", () => {
    const cut = cutAtWord("Develop and implement a city wide joint commissioning strategy for children and young people aged 0 to 25 with SEND", 80);
    expect(cut).toBe("Develop and implement a city wide joint commissioning strategy for children…");
    expect(cut.length).toBeLessThanOrEqual(80);
  });

  it("leaves a short name as it is", () => {
    expect(shortNames(["A1: Front door", "Transport review"])).toEqual(["A1: Front door", "Transport review"]);
  });

  it("cuts every name of a table at its heading in capitals where one is cut so, and gives the names in full under “Where the figures are”", () => {
    const summary = buildSummary(readTables(sample("action-tracker-pdf.tsv")));
    const md = paperMarkdown(summary);
    expect(md).toContain("| 1. NURTURE GROUPS | Jane Bloggs |");
    expect(md).toContain("- “1. NURTURE GROUPS”: Action plan (action-tracker-pdf); in full, “1. NURTURE GROUPS Pilot nurture groups in two primary schools for children with social, emotional and mental health needs”.");
    expect(md).toContain("in full, “3. VALUE FOR MONEY REVIEW External review of early years pathways”");
  });

  it("does not take an acronym for a heading", () => {
    expect(shortNames(["SEND CCG joint commissioning of speech and language therapy across the city, with health and the schools"])[0]).toMatch(/…$/);
  });
});

describe("leads: the legend's names or the initials, never half and half", () => {
  const legend = [
    { name: "Jane Bloggs", initials: "JB" },
    { name: "Kamal Patel", initials: "KP" },
    { name: "Anita Thomas", initials: "AT" },
  ];
  const leadRows = (...leads: string[]) => readTables(grid("Plan", ["Action\tLead\tRAG", ...leads.map((l, i) => `Action ${i + 1}\t${l}\tGreen`)]))[0]!;

  it("takes off the dates and date pieces a PDF glued to a lead", () => {
    expect(leadWithoutDates("LCJ/HC Ma 202")).toBe("LCJ/HC");
    expect(leadWithoutDates("KP/AT Nov2025")).toBe("KP/AT");
    expect(leadWithoutDates("RD Jun")).toBe("RD");
    expect(leadWithoutDates("HC/KP Dec 2025 June 2026")).toBe("HC/KP");
    expect(leadWithoutDates("Ma 202")).toBe("");
    expect(leadWithoutDates("Head of SEND")).toBe("Head of SEND");
    expect(leadWithoutDates("Transport Manager")).toBe("Transport Manager");
  });

  it("expands every initial where the legend settles them all", () => {
    const t = leadRows("KP/AT", "JB Sep 25");
    expect(leadLine(t.rows, t.columns.find((c) => c.field === "lead"), legend)).toEqual({ lead: "Kamal Patel, Anita Thomas and Jane Bloggs", unsettled: [] });
  });

  it("leaves every initial as initials where one is not in the legend, and says which", () => {
    const t = leadRows("KP/AT", "HC/KP Dec 2025");
    expect(leadLine(t.rows, t.columns.find((c) => c.field === "lead"), legend)).toEqual({ lead: "KP, AT and HC", unsettled: ["“HC” is not in the lead legend"] });
  });

  it("shows no date debris as a lead, and keeps a post as written", () => {
    const t = leadRows("Ma 202", "Head of Commissioning");
    expect(leadLine(t.rows, t.columns.find((c) => c.field === "lead"), legend).lead).toBe("Head of Commissioning");
  });

  it("gives the action tracker's leads whole: names, or initials for the initiative with HC in it", () => {
    const summary = buildSummary(readTables(sample("action-tracker-pdf.tsv")));
    expect(summary.initiatives.map((i) => i.lead)).toEqual(["Jane Bloggs", "KP, AT and HC", "Rosa Diaz"]);
    expect(summary.notRead).toContain("The leads of “2. INCLUSION PANEL” are left as initials, none expanded: “HC” is not in the lead legend.");
  });
});

describe("the latest comment by date", () => {
  const plan = (...rows: [string, string][]) => readTables(grid("Plan", ["Action\tLead\tRAG\tProgress", ...rows.map(([a, p]) => `${a}\tJB\tGreen\t${p}`)]))[0]!;
  const progress = (t: ReturnType<typeof plan>) => t.columns.find((c) => c.field === "progress");

  it("takes a dated comment over a later row's undated one", () => {
    const t = plan(["Review panel", "12/03/2020: Panel met and agreed terms."], ["\t", "Work continues."]);
    expect(latestComment(t.rows, progress(t))).toBe("12/03/2020: Panel met and agreed terms.");
  });

  it("takes the later of two dated comments whatever their rows' order", () => {
    const t = plan(["Review panel", "Update 15 May 2020 – report agreed."], ["\t", "12/03/2020: Panel met."]);
    expect(latestComment(t.rows, progress(t))).toBe("Update 15 May 2020 – report agreed.");
  });

  it("takes the latest dated entry of a cell that holds several", () => {
    expect(commentEntries("12/03/2020: Panel met. 15/05/2020: Report agreed.").map((e) => e.text)).toEqual(["12/03/2020: Panel met.", "15/05/2020: Report agreed."]);
    const t = plan(["Review panel", "12/03/2020: Panel met. 15/05/2020: Report agreed."]);
    expect(latestComment(t.rows, progress(t))).toBe("15/05/2020: Report agreed.");
  });

  it("takes the last written where no comment carries a date, as before", () => {
    const t = plan(["Review panel", "Panel met."], ["\t", "Target 2020 met."]);
    expect(latestComment(t.rows, progress(t))).toBe("Target 2020 met.");
  });
});

describe("overdue actions: the paper lists what hnb check lists", () => {
  const files = [
    ...readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".tsv")).map((f) => ({ name: f.replace(/\.tsv$/, ""), values: readSampleGrid(f) })),
    ...["p01-york-wsoa-area1-leadership-2020.tsv", "p02-york-wsoa-area2-joint-commissioning-2020.tsv"].map((f) => ({
      name: f.replace(/\.tsv$/, ""),
      values: readFileSync(join(CORPUS_DIR, f), "utf8").replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n").map((l) => l.split("\t")),
    })),
  ];
  const withEndDates = files.filter((g) => readTables(g).some((t) => t.columns.some((c) => c.field === "end")));
  const dates = ["2020-09-30", "2024-10-01", "2025-04-01", "2025-11-01", "2026-12-31"];

  it("has samples with end dates to compare", () => {
    expect(withEndDates.map((g) => g.name)).toEqual(expect.arrayContaining(["action-plan-messy", "action-tracker-pdf", "savings-plan-messy", "savings-plan-shifted", "recovery-plan-summary-and-detail"]));
  });

  for (const g of withEndDates) {
    for (const d of dates) {
      it(`${g.name} as of ${d}`, () => {
        const serial = asOf(d);
        const checked = checkWorkbook([g], { asOf: serial }).findings.filter((f) => f.rule === "date.overdue").map((f) => f.location);
        const paper = paperOf([g], { asOf: serial }).summary.overdue;
        expect(paper).toBeDefined();
        expect(paper!.map((o) => o.cell)).toEqual(checked);
      });
    }
  }

  it("lists the action plan's three overdue actions at 1 April 2025 with their end dates and statuses", () => {
    const { summary } = paperOf([sample("action-plan-messy.tsv")], { asOf: asOf("2025-04-01") });
    expect(summary.overdue).toEqual([
      { name: "A1: Front door – Single referral route for SEND and early help", end: "30 September 2024", status: "Green", cell: "'action-plan-messy'!F3" },
      { name: "A1: Front door – Response timescales for inclusion referrals", end: "31 December 2024", status: "No status", cell: "'action-plan-messy'!F4" },
      { name: "B1: Places – Open 16-place resourced provision at Hillside", end: "31 August 2024", status: "Amber", cell: "'action-plan-messy'!F9" },
    ]);
    const md = paperMarkdown(summary);
    expect(md).toContain("## Overdue actions");
    expect(md).toContain("| A1: Front door – Response timescales for inclusion referrals | 31 December 2024 | No status |");
    expect(md).toContain("3 actions are overdue: listed under “Overdue actions”.");
    // Where they are, in the closing appendix.
    expect(md).toContain("- The overdue actions' end dates: cells F3, F4 and F9 of “action-plan-messy”.");
  });

  it("counts an action within the grace days after its end date as not yet overdue, as hnb check does", () => {
    // "Sep 24" ends 30 September 2024: overdue only once the grace days have passed.
    const t = readTables(grid("Plan", ["Action\tEnd date\tRAG", "Front door\tSep 24\tGreen"]));
    const justPassed = serialFromYmd(2024, 9, 30) + OVERDUE_GRACE_DAYS;
    expect(buildSummary(t, { asOf: justPassed }).overdue).toEqual([]);
    expect(checkTables(t, { asOf: justPassed }).some((f) => f.rule === "date.overdue")).toBe(false);
    expect(buildSummary(t, { asOf: justPassed + 1 }).overdue).toHaveLength(1);
  });

  it("lists none, and says nothing of them, where the paper has no date", () => {
    const summary = buildSummary(readTables(sample("action-plan-messy.tsv")));
    expect(summary.overdue).toBeUndefined();
    expect(paperMarkdown(summary)).not.toMatch(/overdue/i);
  });

  it("says that an overdue action's status was a colour lost on paste", () => {
    const { summary } = paperOf([sample("action-tracker-pdf.tsv")], { asOf: asOf("2025-11-01") });
    expect(summary.overdue).toEqual([{ name: "1. NURTURE GROUPS – Pilot launched in both schools", end: "31 March 2025", status: "Not known (colour lost)", cell: "'action-tracker-pdf'!G2" }]);
  });
});

describe("statuses that lost their colours", () => {
  it("says so beside the counts, where the status column holds notes, and counts the actions as having no status", () => {
    const summary = buildSummary(readTables(sample("action-tracker-pdf.tsv")));
    expect(summary.coloursLost).toBe(
      "The statuses in “action-tracker-pdf” were cell colours, lost when the table was pasted: “Progress (RAG)” holds progress notes, not statuses, so its 7 actions have no status to count. Write each status in words: colour alone is lost on paste.",
    );
    expect(summary.statusCounts.find((c) => c.status === "No status")?.count).toBe(7);
    const text = paperDocument(summary).blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    expect(text.some((t) => t.startsWith("7 actions by status: 7 No status. The statuses in “action-tracker-pdf” were cell colours"))).toBe(true);
  });

  it("says so where every status cell is empty and has no fill", () => {
    const summary = buildSummary(readTables(grid("Plan", ["Action\tLead\tRAG\tProgress", "Front door\tJB\t\tLive.", "Panel\tKP\t\tMeets monthly."])));
    expect(summary.coloursLost).toBe(
      "No action in “Plan” has a status under “RAG”: the statuses were probably cell colours, lost when the table was pasted, so its 2 actions have no status to count. Write each status in words: colour alone is lost on paste.",
    );
  });

  it("says nothing where the statuses are there, or only some are missing", () => {
    expect(buildSummary(readTables(sample("action-plan-messy.tsv"))).coloursLost).toBeUndefined();
    expect(buildSummary(readTables(sample("savings-plan-messy.tsv"))).coloursLost).toBeUndefined();
  });
});

describe("statuses shown only by a cell's fill", () => {
  const values = [
    ["Ref", "Action", "Lead", "RAG", "Progress"],
    ["A1", "Single referral route", "JB", "", "Pilot live."],
    ["A2", "Inclusion quality mark", "RD", "Green", "Ten schools enrolled."],
    ["A3", "Post-16 pathways", "LM", "", "Employers signed up."],
  ];
  const fills = [
    [null, null, null, null, null],
    [null, null, null, "#FF0000", null],
    [null, null, null, "#00B050", null],
    [null, null, null, "#00B050", null],
  ];
  const summary = buildSummary(readTables({ name: "Plan", values, fills }));

  it("are counted as no status, as the checks flag them, and the paper says which rows and their colours", () => {
    expect(summary.statusCounts).toEqual(expect.arrayContaining([{ status: "No status", count: 2 }, { status: "Green", count: 1 }]));
    expect(summary.notRead).toContain(
      "2 rows show their status only by the cell's fill, so they are counted as no status: “A1 Single referral route” (red) and “A3 Post-16 pathways” (green). Write the status in the cell: colour alone is lost when the table is copied.",
    );
  });
});
