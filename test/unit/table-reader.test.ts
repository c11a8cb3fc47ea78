import fc from "fast-check";
import { type Finding, type SheetGrid, checkTables, importTable, readTables } from "../../src/core/table";

const grid = (values: unknown[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({ name: "Plan", values, ...extra });
const rules = (findings: Finding[]) => findings.map((f) => `${f.rule}@${f.location.replace(/^.*!/, "")}`);

describe("reading headings councils write differently", () => {
  it("maps owners, deadlines, status and years written long", () => {
    const [t] = readTables(grid([
      ["Project", "Owner", "Deadline", "Status", "2024-25 (£)", "FY 2025/26", "Update"],
      ["Travel training", "JB", "Mar 25", "On target", "£5,000", "£8,000", "Going well"],
    ]));
    expect(t!.kind).toBe("savings-plan");
    expect(t!.columns.map((c) => c.field)).toEqual(["initiative", "lead", "end", "rag", "amount", "amount", "progress"]);
    expect(t!.columns.filter((c) => c.year).map((c) => c.year)).toEqual([2024, 2025]);
  });

  it("says which headings it could not map, and keeps them", () => {
    const [t] = readTables(grid([["Action", "Lead", "RAG", "Ward"], ["Do it", "JB", "Green", "North"]]));
    expect(t!.unmapped).toEqual([{ index: 3, header: "Ward" }]);
    expect(importTable(t!).headers).toEqual(["Action", "Lead", "RAG", "Ward"]);
    expect(importTable(t!).notes.some((n) => n.message.startsWith("“Ward” is not a heading the reader knows"))).toBe(true);
  });

  it("finds a table that starts below a title and to the right, and gives sheet locations", () => {
    const values = [
      ["High Needs recovery plan: actions", null, null, null],
      [null, null, null, null],
      [null, "Action", "End date", "RAG"],
      [null, "Review bandings", "Mar 25", "TBC"],
    ];
    const findings = checkTables(readTables({ name: "Recovery plan", values, origin: { row: 4, column: 2 } }));
    expect(findings.map((f) => f.location)).toEqual(["'Recovery plan'!F8"]);
  });

  it("reads two tables on one sheet", () => {
    const tables = readTables(grid([
      ["Initiative", "RAG", "Lead"],
      ["Autism outreach", "Green", "JB"],
      [],
      [],
      ["Initiative", "Milestone", "RAG", "End date"],
      ["Autism outreach", "Recruit", "Green", "Sep 24"],
      ["Autism outreach", "Evaluate", "Red", "Jul 25"],
    ]));
    expect(tables.map((t) => [t.kind, t.headerRow, t.rows.length])).toEqual([
      ["action-plan", 0, 1],
      ["action-plan", 4, 2],
    ]);
  });
});

describe("rows pasted out of line", () => {
  const header = ["Initiative", "RAG", "Lead", "24/25", "25/26", "Savings note"];

  it("moves back a row with one cell too many", () => {
    const [t] = readTables(grid([header, ["Transport", "Green", null, "Jo Smith", "£1,000", "£2,000", "Calc: 2 x £500"]]));
    const r = t!.rows[0]!.realignment!;
    expect(r.moves.map((m) => [m.from[0], m.to])).toEqual([[3, 2], [4, 3], [5, 4], [6, 5]]);
    expect(r.cells.slice(0, 6)).toEqual(["Transport", "Green", "Jo Smith", "£1,000", "£2,000", "Calc: 2 x £500"]);
  });

  it("moves forward a row that lost an empty cell", () => {
    const [t] = readTables(grid([header, ["Transport", "Amber", "£1,000", "£2,000", "Calc: 2 x £500"]]));
    const r = t!.rows[0]!.realignment!;
    expect(r.moves.map((m) => [m.from[0], m.to])).toEqual([[2, 3], [3, 4], [4, 5]]);
    expect(r.cells).toEqual(["Transport", "Amber", null, "£1,000", "£2,000", "Calc: 2 x £500"]);
  });

  it("proposes nothing when no shift makes every cell fit, and still reports the text in an amount column", () => {
    const [t] = readTables(grid([header, ["Transport", "Amber", "Jo", "see note", "£2,000", "x"]]));
    expect(t!.rows[0]!.realignment).toBeUndefined();
    expect(rules(checkTables([t!]))).toEqual(["amount.text@D2"]);
  });

  it("imports a misaligned row as laid out unless asked to realign it", () => {
    const [t] = readTables(grid([header, ["Transport", "Amber", "£1,000", "£2,000", "Calc"]]));
    expect(importTable(t!).rows[0]).toEqual(["Transport", "Amber", "£1,000", 2000, "Calc", null]);
    expect(importTable(t!, { realign: true }).rows[0]).toEqual(["Transport", "Amber", null, 1000, 2000, "Calc"]);
  });
});

describe("RAG colours", () => {
  const values = [
    ["Action", "RAG", "Lead"],
    ["One", null, "JB"],
    ["Two", "Green", "JB"],
    ["Three", "Amber", "JB"],
  ];
  const fills = [[null, null, null], [null, "#00B050", null], [null, "#FFC7CE", null], [null, "FFFFEB9C", null]];

  it("finds a status carried only by its fill, and a fill that disagrees with the text", () => {
    const findings = checkTables(readTables(grid(values, { fills })));
    expect(findings.map((f) => [f.rule, f.location.replace(/^.*!/, ""), f.expected])).toEqual([
      ["rag.colour-only", "B2", "Green"],
      ["rag.colour-mismatch", "B3", "Green"],
    ]);
  });
});

describe("lines under a table that look like a key but cannot be one", () => {
  it("keeps a count by status (Green 12, Amber 12) as notes instead of failing, and checks by the built-in key", () => {
    const values = [
      ["Initiative", "RAG", "2024/25"],
      ["Outreach", "Green", 100],
      ["Fund", "Amber", 200],
      [],
      ["Green", 12],
      ["Amber", 12],
      ["Red", 3],
    ];
    const [t] = readTables(grid(values));
    expect(t!.key).toBeUndefined();
    expect(t!.notes?.map((n) => n.row)).toEqual([4, 5, 6]);
    expect(checkTables([t!], {})).toEqual([]);
  });
});

describe("a RAG key written as descriptions alone under the table", () => {
  it("reads the descriptions by their wording", () => {
    const [t] = readTables(grid([
      ["Action", "RAG"],
      ["One", "Purple"],
      [],
      ["Completed"],
      ["On track"],
      ["Delayed but able to make progress"],
      ["Issue requiring escalation"],
      ["Not started or on hold"],
    ]));
    expect(t!.key!.key.statuses.map((s) => s.name)).toEqual(["Blue", "Green", "Amber", "Red", "Grey"]);
    expect(t!.rows.map((r) => r.role)).toEqual(["data"]);
  });

  it("reads three lines in the usual order when most of them say which colour they are", () => {
    const [t] = readTables(grid([["Action", "RAG"], ["One", "Green"], [], ["On target"], ["At risk of slipping"], ["Not achievable"]]));
    expect(t!.key!.key.statuses.map((s) => `${s.name}=${s.description}`)).toEqual([
      "Green=On target",
      "Amber=At risk of slipping",
      "Red=Not achievable",
    ]);
    expect(t!.key!.how).toMatch(/usual key order/);
  });

  it("does not take footnotes under a table for a key", () => {
    const [t] = readTables(grid([
      ["Ref", "Action", "Lead", "Deadline", "RAG"],
      ["1", "Publish Local Offer", "JB", "Mar-25", "Blue"],
      ["Source: SEND Partnership Board, January 2025"],
      ["Figures exclude post-16 placements"],
      ["Next update due to Schools Forum in April 2025"],
    ]));
    expect(t!.key).toBeUndefined();
    expect(t!.notes!.map((n) => n.text)).toEqual([
      "Source: SEND Partnership Board, January 2025",
      "Figures exclude post-16 placements",
      "Next update due to Schools Forum in April 2025",
    ]);
    expect(checkTables([t!])).toEqual([]);
  });
});

describe("leads", () => {
  it("names initials two people share", () => {
    const findings = checkTables(readTables(grid([
      ["Action", "Lead", "RAG"],
      ["One", "AM", "Green"],
      ["Andrew Merry (AM), Alice Moore (AM), Jo Bloggs (JB)"],
    ])));
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ["lead.ambiguous", "“AM” could be Andrew Merry or Alice Moore: the legend gives those initials to more than one person."],
    ]);
  });
});

describe("summary statuses against their milestones", () => {
  it("finds a summary that says Amber where a milestone needs escalation, matching names loosely", () => {
    const summary = readTables({ name: "Summary", values: [["Initiative", "RAG"], ["Autism Outreach & Training", "Amber"], ["Ghost project", "Green"]] });
    const detail = readTables({ name: "Detail", values: [
      ["Initiative", "Milestone", "RAG"],
      ["Autism outreach and training", "Recruit", "Green"],
      ["Autism outreach and training", "Evaluate", "Requires escalation"],
    ] });
    const findings = checkTables([...summary, ...detail]);
    expect(findings.map((f) => [f.rule, f.location, f.expected ?? null])).toEqual([
      ["rag.rollup", "Summary!B2", "Red"],
      ["rag.rollup", "Summary!B3", null],
    ]);
    expect(findings[0]!.message).toBe("“Autism Outreach & Training” says Amber but its 2 detail rows roll up to Red (worst of: Green, Requires escalation).");
  });
});

describe("transfers from the Schools Block in a deficit table", () => {
  it("flags a year whose transfer is above 0.5% of the block", () => {
    const findings = checkTables(readTables(grid([
      [null, "2024/25", "2025/26"],
      [null, "£000", "£000"],
      ["Schools Block", "40,000", "41,000"],
      ["Transfer from Schools Block", "(150)", "(250)"],
    ])));
    expect(findings.map((f) => [f.rule, f.location])).toEqual([["transfer.cap", "Plan!C4"]]);
  });
});

describe("any grid at all", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.integer(),
    fc.constantFrom("RAG", "Lead", "24/25", "Total", "£1,000", "(£5)", "Green", "TBC", "Sep-24", "Initiative", "Action", "End date", "Jo Bloggs (JB), Al Merry (AM)", "B/Fwd", "C/Fwd", "£000", "Schools Block"),
  );

  it("reads, checks and imports without throwing", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }), (values) => {
        const tables = readTables(grid(values));
        checkTables(tables, { asOf: 45748 });
        for (const t of tables) importTable(t, { realign: true });
      }),
      { numRuns: 1500 },
    );
  });
});
