/*
 * The four samples carrying patterns from real council papers (see the samples README): rows
 * whose cells slid by different amounts, cells past the last heading, wrapped lines, a lead
 * glued to a date, a date cut across cells, statuses lost with their colours, a key whose
 * colour names were lost, and a strategy scorecard. Judged as of 1 November 2025.
 */
import { serialFromYmd } from "../../src/core";
import { type Finding, type Table, checkTables, importTable, readTables } from "../../src/core/table";
import { readSampleGrid } from "../helpers/samples";
import { target } from "../../src/functions/implementations";

const asOf = serialFromYmd(2025, 11, 1);

function read(file: string): Table[] {
  return readTables({ name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) });
}

function check(file: string): Finding[] {
  return checkTables(read(file), { asOf });
}

const where = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.location.replace(/^.*!/, ""));

describe("savings-plan-shifted.tsv: rows that slid by different amounts", () => {
  const [table] = read("savings-plan-shifted.tsv");
  const row = (n: number) => table!.rows.find((r) => r.index === n - 1)!;
  const findings = check("savings-plan-shifted.tsv");

  it("puts row 4 back: lead and amounts four columns left, note and progress three", () => {
    const r = row(4).realignment!;
    expect(r.cells.slice(6, 13)).toEqual([
      "Place Planning Lead",
      "£150,000",
      "£300,000",
      "£300,000",
      null,
      "Calculation: 10 placements moved in county x £30,000 less each",
      "Officer in post from 1/9/25; no deputy yet.",
    ]);
    expect(r.cells.slice(13).every((v) => v === null)).toBe(true);
    expect(r.moves.map((m) => m.from[0]! - m.to)).toEqual([4, 4, 4, 4, 3, 3]);
  });

  it("says row 4's cells slid by different amounts, naming where each goes", () => {
    const [f] = findings.filter((x) => x.rule === "row.misaligned" && x.location.endsWith("!K4"));
    expect(f!.severity).toBe("error");
    expect(f!.message).toMatch(/^Row 4's cells slid by different amounts \(2 cells 3 columns to the right, 4 cells 4 columns to the right\)/);
    expect(f!.message).toMatch(/Lead “Place Planning Lead”, 24\/25 Target Savings “£150,000”/);
  });

  it("names row 4 as the cause of each year's gap, and finds every year adds up once it is put back", () => {
    const totals = findings.filter((f) => f.rule === "total.mismatch");
    expect(totals.map((f) => [f.location.replace(/^.*!/, ""), f.severity])).toEqual([
      ["H11", "info"],
      ["I11", "info"],
      ["J11", "info"],
    ]);
    expect(totals[0]!.message).toMatch(/as laid out the rows add to £100,000, £150,000 short of the stated £250,000\. The £150,000 gap is row 4's £150,000, which sits under “Savings Note”; put back, the rows add to £250,000, which agrees\./);
    expect(totals[1]!.message).toMatch(/The £300,000 gap is row 4's £300,000, which sits under “Progress & Comments”/);
    expect(totals[2]!.message).toMatch(/The £300,000 gap is row 4's £300,000, which sits under “Strategy Priority”/);
  });

  it("puts row 7's note, progress and priority back two columns right, keeping its amounts", () => {
    const r = row(7).realignment!;
    expect(r.cells.slice(7, 14)).toEqual([
      "£50,000",
      "£80,000",
      null,
      null,
      "Calculation: 8 assessments avoided x £6,000 plus 2 tribunals avoided",
      "Recruitment restarted after no suitable applicants.",
      "Early Help",
    ]);
  });

  it("moves the progress comments of rows 8 and 9 from 27/28 to Progress & Comments", () => {
    expect(row(8).realignment!.cells[12]).toBe("Survey design with parent carer forum.");
    expect(row(9).realignment!.cells[12]).toBe("Dependent on evaluation.");
    expect(row(8).realignment!.cells[10]).toBeNull();
  });

  it("reads row 5's paragraph under Lead as a misplaced comment that belongs in Progress & Comments", () => {
    const r = row(5).realignment!;
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0]).toMatchObject({ from: [6], to: 12 });
    const [f] = findings.filter((x) => x.rule === "row.misaligned" && x.location.endsWith("!G5"));
    expect(f!.severity).toBe("warning");
    expect(f!.message).toMatch(/the “Lead” cell holds a paragraph .* not a person or post: it reads as a comment, and belongs under “Progress & Comments”/);
  });

  it("keeps row 10's fifteenth cell, past the last heading, and says so", () => {
    expect(row(10).realignment).toBeUndefined();
    expect(where(findings, "cell.beyond")).toEqual(["O10"]);
  });

  it("leaves rows that fit alone, and reads Requires Escalation by the key under the table", () => {
    for (const n of [2, 3, 6, 10]) expect(row(n).realignment).toBeUndefined();
    expect(where(findings, "rag.unknown")).toEqual([]);
    expect(table!.key!.key.statuses.map((s) => s.name)).toEqual(["Blue", "Green", "Amber", "Red", "Grey"]);
  });

  it("finds rows 2, 4, 5 and 10 overdue and row 7's deadline just passed, as of 1 November 2025", () => {
    expect(where(findings, "date.overdue")).toEqual(["D2", "D4", "D5", "D10"]);
    expect(where(findings, "date.due")).toEqual(["D7"]);
  });

  it("finds the grand total under Savings Note agrees with the years", () => {
    expect(findings.some((f) => f.location.endsWith("!L11"))).toBe(false);
  });

  it("imported with realignment, the rows add up to every stated total", () => {
    const imported = importTable(table!, { realign: true });
    const again = readTables({ name: "again", values: [imported.headers, ...imported.rows, ...imported.footer] });
    expect(checkTables(again).filter((f) => f.rule === "total.mismatch")).toEqual([]);
  });
});

describe("action-tracker-pdf.tsv: a tracker copied out of a PDF", () => {
  const [table] = read("action-tracker-pdf.tsv");
  const row = (n: number) => table!.rows.find((r) => r.index === n - 1)!;
  const findings = check("action-tracker-pdf.tsv");

  it("reads “Progress (RAG)” as progress notes and reports the lost colours once, at the heading", () => {
    expect(table!.columns.find((c) => c.index === 7)!.field).toBe("progress");
    expect(findings.filter((f) => f.rule === "rag.colours-lost").map((f) => [f.location.replace(/^.*!/, ""), f.severity])).toEqual([["H1", "warning"]]);
    expect(where(findings, "rag.unknown")).toEqual([]);
    expect(where(findings, "rag.missing")).toEqual([]);
  });

  it("joins row 3's fragment to row 2's Expected Outcomes instead of reading it as an action", () => {
    expect(row(3).role).toBe("wrapped");
    expect(row(2).wrapped).toEqual([{ row: 2, column: 1, text: "children at risk of exclusion." }]);
    expect(where(findings, "row.wrapped")).toEqual(["B3"]);
  });

  it("splits a lead glued to a start date and puts the end date and progress back (rows 6 to 8)", () => {
    expect(row(6).realignment!.cells.slice(4, 8)).toEqual(["KP/AT", "Nov2025", "April 2026", "Panel meets monthly; 30 cases heard."]);
    expect(row(7).realignment!.cells.slice(4, 8)).toEqual(["KP", "Sep 25", "Mar 26", "Model ideas shared with head teachers."]);
    expect(row(8).realignment!.cells.slice(4, 8)).toEqual(["HC/KP", "Dec 2025", "June 2026", "Task and finish group set up."]);
    const split = findings.filter((f) => f.rule === "row.misaligned" && ["E6", "E7", "E8"].includes(f.location.replace(/^.*!/, "")));
    expect(split).toHaveLength(3);
    expect(split[0]!.message).toMatch(/“KP\/AT Nov2025” holds two things in one cell/);
  });

  it("puts row 10's cut dates back only as a marked guess, never reading “5” as a date", () => {
    const r = row(10).realignment!;
    expect(r.cells.slice(4, 8)).toEqual(["RD", "June 2025", "Dec 2025", "Review commissioned."]);
    expect(r.guess).toMatch(/guess/);
    const [f] = findings.filter((x) => x.location.endsWith("!E10"));
    expect(f).toMatchObject({ rule: "row.misaligned", severity: "warning" });
    expect(where(findings, "date.unreadable")).toEqual([]);
  });

  it("names HC, whom the bulleted legend does not list", () => {
    expect(table!.legend!.entries.map((e) => `${e.name} (${e.initials})`)).toEqual(["Jane Bloggs (JB)", "Kamal Patel (KP)", "Anita Thomas (AT)", "Rosa Diaz (RD)"]);
    expect(findings.filter((f) => f.rule.startsWith("lead.")).map((f) => [f.location.replace(/^.*!/, ""), f.actual])).toEqual([["E8", "HC"]]);
  });

  it("reads the six wrapped lines as the usual three-point key, not a key of six or four statuses", () => {
    expect(table!.key!.key.statuses.map((s) => `${s.name}: ${s.description}`)).toEqual([
      "Green: Action on target and key milestones met",
      "Amber: Potential risk of delay or missing target",
      "Red: Off target, milestones not met",
    ]);
    expect(table!.notes ?? []).toEqual([]);
  });

  it("finds row 2 past its end date with its status unknown", () => {
    expect(where(findings, "date.overdue")).toEqual(["G2"]);
    expect(findings.find((f) => f.rule === "date.overdue")!.message).toMatch(/its status is unknown/);
  });
});

describe("a lead named in words with its dates run into the Lead cell, as a PDF gives it", () => {
  const grid = {
    name: "Actions",
    values: [
      ["Ref", "Action", "Lead", "Start date", "End date", "RAG"],
      ["1.1", "Set up panel", "Head of SEND", "01/04/2025", "31/03/2026", "Green"],
      ["1.2", "Review placements", "Head of Commissioning 01/05/2025 30/09/2025", null, null, "Amber"],
      ["1.3", "Training for settings", "Early Years SEND Manager Sep 2025", null, "31/12/2025", "Red"],
      ["1.4", "Annual review audit", "SEND Commissioning Lead", "April 2026", "March 2027", "Green"],
      ["1.5", "Inclusion panel", "Inclusion Team 2025/26", "01/05/2025", "30/09/2025", "Amber"],
      ["1.6", "Panel review", "Inclusion Team 2025", null, null, "Green"],
      ["1.7", "Outreach", "Head of SEND 01/04/2025 - 31/03/2026", null, null, "Red"],
    ],
  };
  const [table] = readTables(grid);
  const row = (n: number) => table!.rows.find((r) => r.index === n - 1)!;

  it("splits the lead from its start and end dates, never moving the lead", () => {
    expect(row(3).realignment!.cells.slice(2, 5)).toEqual(["Head of Commissioning", "01/05/2025", "30/09/2025"]);
    expect(row(4).realignment!.cells.slice(2, 5)).toEqual(["Early Years SEND Manager", "Sep 2025", "31/12/2025"]);
    // A range's two ends, without the dash that joins them.
    expect(row(8).realignment!.cells.slice(2, 5)).toEqual(["Head of SEND", "01/04/2025", "31/03/2026"]);
  });

  it("never takes a year in a lead's name for a date, nor splits a lead whose dates are in their own columns", () => {
    expect(row(6).realignment).toBeUndefined();
    expect(row(7).realignment).toBeUndefined();
    expect(where(checkTables([table!], { asOf }), "row.misaligned")).not.toContain("C6");
  });

  it("flags each such row as one cell holding several things, with where each goes", () => {
    const findings = checkTables([table!], { asOf });
    expect(where(findings, "row.misaligned")).toEqual(["C3", "C4", "C8"]);
    expect(findings.find((f) => f.location.endsWith("!C3"))!.message).toContain("Lead “Head of Commissioning”, Start date “01/05/2025”, End date “30/09/2025”");
  });

  it("leaves alone a lead with no date in it, and a date written in words under a date heading", () => {
    expect(row(2).realignment).toBeUndefined();
    expect(row(5).realignment).toBeUndefined();
  });

  it("imported with realignment, writes the lead and its dates each under its own heading", () => {
    const imported = importTable(table!, { realign: true });
    expect(imported.rows[1]!.slice(2, 5)).toEqual(["Head of Commissioning", serialFromYmd(2025, 5, 1), serialFromYmd(2025, 9, 30)]);
  });
});

describe("strategy-scorecard.tsv: indicators against dated targets", () => {
  const tables = read("strategy-scorecard.tsv");
  const findings = check("strategy-scorecard.tsv");

  it("reads one scorecard with its three perspectives, not an action plan", () => {
    expect(tables.map((t) => t.kind)).toEqual(["scorecard"]);
    const sections = [...new Set(tables[0]!.rows.filter((r) => r.role === "data").map((r) => r.section))];
    expect(sections).toEqual(["Stakeholder / User Perspective", "Internal Business Perspective", "Financial Perspective"]);
  });

  it("reads nothing in it as an end date", () => {
    expect(findings.filter((f) => f.rule.startsWith("date."))).toEqual([]);
    expect(tables[0]!.columns.map((c) => c.field)).toEqual(["ref", "aims", "current", "target", "action"]);
  });

  it("keeps the unheaded objective column, named as a guess", () => {
    const objective = tables[0]!.columns.find((c) => c.index === 1)!;
    expect(objective.named).toBe("Objective");
    const imported = importTable(tables[0]!);
    expect(imported.headers).toContain("Objective (no heading in the paper)");
    expect(imported.rows.map((r) => r[imported.headers.indexOf("Objective (no heading in the paper)")])).toContain("Better outcomes at key stages");
  });

  it("flags I2, used twice", () => {
    expect(findings.filter((f) => f.rule === "ref.duplicate").map((f) => [f.location.replace(/^.*!/, ""), f.actual])).toEqual([["A11", "I2"]]);
  });

  it("lays it out as the Scorecard template, each target read for its year as the samples README says", () => {
    const imported = importTable(tables[0]!, { asOf: serialFromYmd(2025, 11, 1) });
    const col = (header: string) => imported.headers.indexOf(header);
    expect(imported.headers).toEqual([
      "ref", "Perspective", "Objective (no heading in the paper)", "Measure", "Baseline (Current Perf)", "Baseline year", "Target (as written)",
      "Target 2025/26", "Target 2026/27", "Target 2027/28", "Actual 2025/26", "Direction", "Tolerance", "Target for 2025/26", "Status", "Trend", "Possible Actions",
    ]);
    expect(imported.rows.map((r) => r[0])).toEqual(["S1", "S2", "S3", "I1", "I2", "I2", "I2", "F1", "F2"]);
    // What the formulas of each "Target" column give, worked out by the function they call.
    const years = ["Target 2025/26", "Target 2026/27", "Target 2027/28"];
    const targets = imported.rows.map((r) =>
      years.map((y) => {
        try {
          return Number(target(r[col("Target (as written)")], y, r[col("Baseline (Current Perf)")]).toFixed(6));
        } catch {
          return "";
        }
      }),
    );
    expect(targets).toEqual([
      [0.15, 0.18, ""], // S1: 15% by 2026, 18% by 2027 (each under the year ending in it)
      [0.65, 0.8, ""], // S2
      ["", 7, ""], // S3: a 50% reduction on 14 tribunals by 2026-27
      ["", 0.15, ""], // I1: 15% by 2027
      ["", 0.3, ""], // I2: 30% by 2026/27 …
      ["", "", 0.8], // … and, its own row, 80% of new placements within 20 miles by 2028
      ["", 0.3, ""], // I2 again, as the paper repeats it
      ["", 9_120_000, ""], // F1: 5% off £9.6m by 2026-27
      ["", "", 0.25], // F2: 25% by 2027/28 from 0
    ]);
    expect(imported.rows[5]![col("Measure")]).toBe("New placements within 20 miles");
    expect(imported.rows[5]![col("Baseline (Current Perf)")]).toBeNull();
    expect(imported.rows.map((r) => r[col("Direction")])).toEqual(["Higher", "Higher", "Lower", "Higher", "Lower", "Higher", "Lower", "Lower", "Higher"]);
    for (const f of imported.formulas!) expect(f.formulas[0]).toMatch(/HNB\.(TARGET|KPISTATUS|TREND)\(/);
    expect(imported.notes[0]!.kind).toBe("attention");
    expect(imported.notes[0]!.message).toMatch(/sets targets for 2 measures, so each has its own row/);
  });
});

describe("recovery-plan-summary-and-detail.tsv: one plan written twice, its names differing", () => {
  const findings = check("recovery-plan-summary-and-detail.tsv");
  const rollups = findings.filter((f) => f.rule === "rag.rollup");

  it("finds the summary understating an initiative whose detail is named the other way round", () => {
    const f = rollups.find((x) => x.location.endsWith("!C5"))!;
    expect(f.severity).toBe("warning");
    expect(f.message).toBe(
      "“Independent placement review” says “Delayed” (Amber) but its 3 detail rows (the detail's “Review of independent placements”) roll up to Red (worst of: Delayed, Delayed, Requires Escalation).",
    );
    expect(f.expected).toBe("Red");
  });

  it("sets a summary status outside the key against what its detail rolls up to", () => {
    const f = rollups.find((x) => x.location.endsWith("!C6"))!;
    expect(f.message).toBe("“Early help for families” says “TBC”, which is not a status in the key, while its 2 detail rows roll up to Amber (worst of: Delayed, Delayed).");
    expect(where(findings, "rag.unknown")).toEqual(["C6"]);
  });

  it("names the summary row with no detail and the detail initiative missing from the summary", () => {
    expect(rollups.find((x) => x.location.endsWith("!C8"))!.message).toMatch(/^No rows of the detail table .* match “Alternative provision commissioning”/);
    expect(rollups.find((x) => x.location.endsWith("!A22"))!.message).toMatch(/^“Inclusion quality mark” has 1 detail row but no line in the summary table/);
  });

  it("says which names it matched though they differ, and how sure; agreeing initiatives give nothing", () => {
    const f = rollups.find((x) => x.severity === "info")!;
    expect(f.location).toMatch(/!A3$/);
    expect(f.message).toContain("“Independent placement review” = “Review of independent placements” (the same words)");
    expect(rollups.map((x) => x.location.replace(/^.*!/, "")).sort()).toEqual(["A22", "A3", "C5", "C6", "C8"]);
  });
});
