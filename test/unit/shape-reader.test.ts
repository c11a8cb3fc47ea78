/*
 * Tables found by their shape: made-up tables laid out the ways real papers are (headings that
 * wrap, a heading with no corner cell, rows whose blanks the copy dropped, totals with and without
 * the word, a table run into one line of text), read for kind, headings, columns, roles and totals.
 */
import { checkReading, readGridByShape, type Reading } from "../../src/core/table";

function grid(text: string, name = "Pasted"): { name: string; values: string[][] } {
  return { name, values: text.split("\n").map((l) => l.split("\t")) };
}

function only(text: string, kind?: Parameters<typeof readGridByShape>[1]): Reading {
  const read = readGridByShape(grid(text), kind);
  expect(read).toHaveLength(1);
  return read[0]!;
}

const role = (r: Reading, line: number) => r.rows.find((x) => x.line === line)?.role;

describe("a table is found by its shape, not its heading words", () => {
  it("joins a heading wrapped over three lines and reads what each column means", () => {
    const r = only(
      [
        "Northshire DSG monitoring",
        "Block\tBudget\tForecast outturn\tVariance\tVariance",
        "\t£\t£\tQuarter 2\tQuarter 1",
        "\t\t\t£\t£",
        "Schools Block\t1,000\t1,010\t10\t5",
        "High Needs Block\t2,000\t2,300\t300\t250",
        "Early Years Block\t500\t480\t-20\t-10",
        "Total\t3,500\t3,790\t290\t245",
      ].join("\n"),
    );
    expect(r.headingRows).toEqual([2, 3, 4]);
    expect(r.labelColumn).toBe(1);
    expect(r.figureColumns.map((c) => c.meaning)).toEqual(["budget", "forecast", "variance", "previous"]);
    expect(r.kind).toBe("movement");
    expect(["note", "section"]).toContain(role(r, 1));
    expect(role(r, 8)).toBe("total");
    expect(r.totals.every((t) => t.agrees)).toBe(true);
    expect(r.variances.map((v) => v.convention)).toContain("outturn-budget");
  });

  it("puts a heading with no corner cell over the figures, and rows whose blanks were dropped under their columns", () => {
    const r = only(
      [
        "Opening balance\tTransfers\tIn year\tClosing balance",
        "£000\t£000\t£000\t£000",
        "High Needs\t1,200.0\t300.0\t1,500.0",
        "Early Years\t-100.0\t50.0\t20.0\t-30.0",
        "Total\t1,100.0\t320.0\t1,470.0",
      ].join("\n"),
    );
    expect(r.kind).toBe("reserve");
    expect(r.figureColumns.map((c) => c.col)).toEqual([2, 3, 4, 5]);
    // High Needs had no transfer: its 300.0 is the year's, its 1,500.0 the closing balance.
    const totals = new Map(r.totals.map((t) => [t.col, t]));
    expect(totals.get(2)).toMatchObject({ stated: 1100, agrees: true });
    expect(totals.get(4)).toMatchObject({ stated: 320, agrees: true });
    expect(totals.get(5)).toMatchObject({ stated: 1470, agrees: true });
    expect(r.notes.join(" ")).toMatch(/dropped blank cells/);
    // The total row gives no transfers, so its closing balance does not add across (as in a real
    // reserve table); the finding points at the cell as pasted, the row's fourth.
    const cross = r.crossFoot.find((x) => x.line === 5);
    expect(cross).toMatchObject({ stated: 1470, computed: 1420, agrees: false, cell: "D5" });
  });

  it("takes a row that adds up the rows above it for a total whatever its label says, and reports a Total that does not add up", () => {
    const r = only(["Line\tBudget", "Place funding\t100", "Top-ups\t250", "High Needs Block\t350", "Hospital education\t40", "Total\t399"].join("\n"));
    expect(role(r, 4)).toBe("subtotal");
    expect(role(r, 6)).toBe("total");
    const bad = r.totals.find((t) => t.line === 6)!;
    expect(bad).toMatchObject({ stated: 399, computed: 390, agrees: false, transposition: true });
    const findings = checkReading(r);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "total.mismatch", severity: "error", location: "Pasted!B6" });
    expect(findings[0]!.message).toMatch(/two digits swapped/);
  });

  it("never counts a subtotal twice: a grand total of subtotals adds the subtotals", () => {
    const r = only(
      ["Line\tBudget\tOutturn", "A\t10\t11", "B\t20\t19", "Sub-total\t30\t30", "C\t5\t6", "D\t5\t4", "Sub-total\t10\t10", "Grand total\t40\t40"].join("\n"),
    );
    expect([4, 7, 8].map((l) => role(r, l))).toEqual(["subtotal", "subtotal", "total"]);
    expect(r.totals.filter((t) => t.line === 8).every((t) => t.agrees && t.computed === 40)).toBe(true);
  });

  it("catches a figure changed under a total that agreed", () => {
    const text = ["Block\tAllocation 2025/26", "Schools\t96,093", "Early Years\t6,997", "High Needs\t19,109", "Total\t122,199"].join("\n");
    expect(only(text).totals[0]!.agrees).toBe(true);
    const changed = only(text.replace("19,109", "19,190")).totals[0]!;
    expect(changed).toMatchObject({ agrees: false, computed: 122280 });
  });

  it("checks a count times a rate as caseload × unit cost, in the unit the total names", () => {
    const r = only(["Item\t2025/26\t2026/27", "Pupils\t1,000\t1,100", "Funding rate\t£5,000.00\t£5,100.00", "Sub total (£m)\t5.000\t5.610"].join("\n"));
    expect(r.totals.map((t) => [t.col, t.agrees])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it("checks a row that says average as the mean of the rows above it, to the decimals it gives", () => {
    const text = ["Month\tReferrals 2025/26\tReferrals 2024/25", "November\t1,307\t1,319", "December\t1,215\t1,263", "January\t1,169\t1,262", "3 month average\t1,230\t1,281"].join("\n");
    const r = only(text);
    expect(r.totals.map((t) => [t.col, t.computed.toFixed(2), t.agrees])).toEqual([
      [2, "1230.33", true],
      [3, "1281.33", true],
    ]);
    const changed = only(text.replace("1,169", "1,196"));
    expect(changed.totals.find((t) => t.col === 2)).toMatchObject({ agrees: false, stated: 1230 });
  });

  it("reads a total stated in the words above a list", () => {
    const r = only(["It was agreed that the underspend of £300,000 be carried forward as follows:", "Growth fund\t£100,000", "High Needs Block\t£150,000", "Early Years Block\t£50,000"].join("\n"));
    expect(r.totals).toEqual([expect.objectContaining({ line: 1, stated: 300000, agrees: true, of: "text" })]);
    expect(role(r, 1)).toBe("total");
  });
});

describe("a kind's own checks", () => {
  it("checks a movement as the latest less the previous, and names the row that is not", () => {
    const r = only(["Block\tLatest forecast\tPrevious forecast\tMovement", "Schools\t(1.24)\t(1.22)\t(0.20)", "Early Years\t(2.11)\t(0.61)\t(1.50)", "High Needs\t0.79\t1.56\t(0.77)", "Total\t(2.56)\t(0.27)\t(2.47)"].join("\n"));
    expect(r.kind).toBe("movement");
    // The total's movement adds up the wrong one, so it is not the latest less the previous either.
    expect(r.kindChecks.filter((k) => !k.agrees).map((k) => [k.line, k.label, k.computed])).toEqual([
      [2, "Schools", -0.02],
      [5, "Total", -2.29],
    ]);
    const findings = checkReading(r).filter((f) => f.rule === "movement.mismatch");
    expect(findings.map((f) => f.location)).toEqual(["Pasted!D2", "Pasted!D5"]);
    expect(findings[0]!.message).toBe("“Schools” gives a movement of (0.2), but “Latest forecast” less “Previous forecast” is (0.02), as the table's other lines take it.");
  });
});

describe("text that is a table", () => {
  it("reads a table run into one line back into its heading and rows, keeping every word", () => {
    const r = only(
      [
        "Table 3 – Northshire DSG 2026-27",
        "Item 2025 -26 2026 -27 Change Early Years Block: Hours 1,000 1,200 200 Rate 5.00 5.50 0.50 Sub total 1,005.00 1,205.50 200.50",
        "High Needs Block: Place funding 12.000 12.500 0.500 Top-ups 8.000 9.000 1.000 High Needs Block DSG (£m) 20.000 21.500 1.500",
      ].join("\n"),
    );
    expect(r.figureColumns.map((c) => c.meaning)).toEqual(["year:2025/26", "year:2026/27", "movement"]);
    const labels = r.rows.filter((x) => x.line === 2 || x.line === 3).map((x) => `${x.line} ${x.role} ${x.label}`);
    expect(labels).toEqual([
      "2 heading Item",
      "2 section Early Years Block:",
      "2 data Hours",
      "2 data Rate",
      "2 total Sub total",
      "3 section High Needs Block:",
      "3 data Place funding",
      "3 data Top-ups",
      "3 total High Needs Block DSG (£m)",
    ]);
    expect(r.totals.filter((t) => t.line === 3).every((t) => t.agrees)).toBe(true);
    expect(r.notes.join(" ")).toMatch(/run into one line/);
  });

  it("reads an FOI answer's numbered lines that state figures as rows", () => {
    const read = readGridByShape(grid(["Our response", "1.a 17 schools in deficit", "1.b £5.6m", "2.a 16 schools in deficit", "2.b £5.5m"].join("\n")));
    const rows = read.flatMap((r) => r.rows.filter((x) => x.role === "data").map((x) => x.line));
    expect(rows).toEqual([2, 3, 4, 5]);
  });
});

describe("Read as", () => {
  it("reads a band as the kind asked, and says when it does not look like one", () => {
    const r = only(["Block\tBudget", "Schools\t10", "High Needs\t20", "Total\t30"].join("\n"), { kind: "ehcp-numbers" });
    expect(r.kind).toBe("ehcp-numbers");
    expect(r.why[0]).toBe("chosen by you");
  });

  it("finds no table only where there are no figures and no statuses", () => {
    expect(readGridByShape(grid("Minutes of the meeting\nApologies were received."))).toEqual([]);
  });
});

describe("plans out of a PDF", () => {
  it("flags a paragraph sitting in the Lead column, naming the column it belongs under", async () => {
    const { checkTables, readTables } = await import("../../src/core/table");
    const g = grid(
      [
        "Ref\tAction\tLead\tStart Date\tEnd Date\tRAG\tProgress",
        "1.1\tSet up the inclusion panel\tJB\tApr 25\tSep 25\tGreen\tPanel met twice.",
        "1.2\tReview top-up bandings\tThe task and finish group has met three times since the last report and has agreed draft bandings for consultation with schools.\tMay 25\tDec 25\tAmber\t",
        "1.3\tCommission outreach\tKP\tJun 25\tMar 26\tGreen\tOn track.",
      ].join("\n"),
      "Plan",
    );
    const findings = checkTables(readTables(g)).filter((f) => f.rule === "row.misaligned");
    expect(findings).toEqual([expect.objectContaining({ location: "Plan!C3", severity: "warning" })]);
    expect(findings[0]!.message).toMatch(/^The “Lead” cell holds a paragraph \(“The task and finish group.*”\), not a person or post: it reads as a comment, and belongs under “Progress”\./);
  });
});

describe("a lead glued to two dates", () => {
  it("is split into the lead, the start and the end, never moved whole to a date column", async () => {
    const { checkTables, importTable, readTables } = await import("../../src/core/table");
    const g = grid(
      [
        "Ref\tAction\tLead\tStart Date\tEnd Date\tRAG\tProgress",
        "1.1\tSet up the inclusion panel\tJB\tApr 25\tSep 25\tGreen\tPanel met twice.",
        "1.2\tReview top-up bandings\tHC/KP Dec 2025 June 2026\tAmber\tDraft bandings agreed.",
        "1.3\tCommission outreach\tKP\tJun 25\tMar 26\tGreen\tOn track.",
      ].join("\n"),
      "Plan",
    );
    const tables = readTables(g);
    const finding = checkTables(tables).find((f) => f.rule === "row.misaligned")!;
    expect(finding.message).toMatch(/“HC\/KP Dec 2025 June 2026” holds three things in one cell \(“HC\/KP”, “Dec 2025” and “June 2026”\)/);
    const row = importTable(tables[0]!, { realign: true }).rows[1]!;
    // A start month is its first day, an end month its last: 1 December 2025 to 30 June 2026.
    expect(row.slice(2, 6)).toEqual(["HC/KP", 45992, 46203, "Amber"]);
  });
});

describe("any grid at all", () => {
  it("is read by shape without an exception, every row and total on a line of the grid", async () => {
    const fc = (await import("fast-check")).default;
    const cell = fc.oneof(
      { weight: 4, arbitrary: fc.constant("") },
      { weight: 3, arbitrary: fc.constantFrom("Schools Block", "High Needs", "Total", "Sub-total", "Net total", "Opening balance", "Closing balance", "3 month average", "Latest forecast", "Previous forecast", "Movement", "Budget", "Outturn", "Variance", "£000", "(£m)", "2025/26", "2024 -25", "Green", "c", "-", "n/a", "Income") },
      { weight: 4, arbitrary: fc.constantFrom("1,000", "(250)", "-2,700", "£472k", "£4,294.88", "0.575", "12.8%", "0", "00", "14395.6", "(2002)", "1.1", "OP12") },
      { weight: 1, arbitrary: fc.constantFrom("Item 2015 -16 2016 -17 Change Early Years Block: Pupils 6,596 6,596 - Rate £4,294.88 £4,294.88 - Sub total (£m) 28.329 28.329 -", "1.b £5.6m", "The underspend of £1,099,530 be carried forward as follows:", "Central services £111k") },
      { weight: 1, arbitrary: fc.string({ maxLength: 14 }) },
    );
    const grids = fc.array(fc.array(cell, { maxLength: 8 }), { minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(grids, (values) => {
        const readings = readGridByShape({ name: "Pasted", values });
        for (const r of readings) {
          for (const row of r.rows) expect(row.line).toBeGreaterThanOrEqual(1);
          for (const row of r.rows) expect(row.line).toBeLessThanOrEqual(values.length);
          for (const t of r.totals) expect(Number.isFinite(t.computed)).toBe(true);
          expect(() => JSON.stringify(r.totals)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });
});
