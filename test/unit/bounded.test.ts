/*
 * Every algorithm over a row, a column or a cell's text is bounded (issue 22): a paste of a few
 * hundred kilobytes is read and checked in a moment, never in minutes and gigabytes. Each test
 * here would run for minutes, past the test's time limit, were the work quadratic again.
 */
import { checkTables, readTables, type SheetGrid } from "../../src/core/table";

const HEAD = ["Action", "Lead", "Start date", "End date", "RAG"];
const grid = (values: unknown[][]): SheetGrid => ({ name: "Plan", values });

describe("putting rows back in line, bounded by the row's cells", () => {
  it("a row of 16,000 cells is read and checked, its cells past the headings said once for the row", () => {
    const wide = Array.from({ length: 16_000 }, (_, i) => `x${i}`);
    const [table] = readTables(grid([HEAD, ["Review the panel", "AB", "01/04/2024", "31/03/2025", "Green"], wide, ["Train SENCOs", "CD", "01/04/2024", "31/03/2025", "Amber"]]));
    const findings = checkTables([table!]);
    const beyond = findings.filter((f) => f.rule === "cell.beyond");
    expect(beyond).toHaveLength(1);
    expect(beyond[0]!.message).toMatch(/^Row 3 holds 15,995 cells past the last heading, in columns F to WQJ \(the first “x5”\): no heading says what they are\. They are kept/);
  });

  it("a row too wide to work out where each cell belongs is left as pasted, and said to be", () => {
    // 8,000 cells spread over 16,000 columns: 64 million placements to weigh.
    const spread: unknown[] = [];
    for (let i = 0; i < 8_000; i++) spread.push(`y${i}`, null);
    const [table] = readTables(grid([HEAD, ["Review the panel", "AB", "01/04/2024", "31/03/2025", "Green"], spread, ["Train SENCOs", "CD", "01/04/2024", "31/03/2025", "Amber"]]));
    const row = table!.rows.find((r) => r.index === 2)!;
    expect(row.realignment).toBeUndefined();
    expect(row.notRealigned).toEqual({ cells: 8_000 });
    const said = checkTables([table!]).filter((f) => f.rule === "row.misaligned");
    expect(said.map((f) => [f.location, f.message])).toEqual([["Plan!A3", "Row 3 is out of line with its headings, but holds 8,000 cells, too many to work out where each belongs: it is left as pasted. Check it against the paper by hand."]]);
  });

  it("a row shifted one column still comes back in line, as before the band", () => {
    const [table] = readTables(grid([HEAD, ["Review the panel", "AB", "01/04/2024", "31/03/2025", "Green"], [null, "Train SENCOs", "CD", "01/04/2024", "31/03/2025", "Amber"], ["Open a base", "EF", "01/09/2024", "31/08/2025", "Red"]]));
    const moves = table!.rows.find((r) => r.index === 2)!.realignment!.moves;
    expect(moves.map((m) => [m.from[0], m.to])).toEqual([[1, 0], [2, 1], [3, 2], [4, 3], [5, 4]]);
  });
});
