import { cellRanges, foldFindings, groupReference, type Finding } from "../../src/core/table";

const missing = (row: number, column = "H", sheet = "Savings plan"): Finding => ({
  rule: "rag.missing",
  severity: "warning",
  location: `'${sheet}'!${column}${row}`,
  message: "No RAG status. (If the status was a cell colour, it was lost when the table was pasted.)",
});

describe("folding findings", () => {
  it("writes runs of rows as ranges", () => {
    expect(cellRanges("H", [3, 4, 5, 14, 16, 15, 20])).toBe("H3:H5, H14:H16, H20");
  });

  it("folds one rule on three or more cells of a column into one finding that names them", () => {
    const findings = [3, 4, 5, 6, 8].map((r) => missing(r));
    const [group, ...rest] = foldFindings(findings);
    expect(rest).toEqual([]);
    expect(group!.message).toBe(`5 cells in column H (H3:H6, H8): ${findings[0]!.message}`);
    expect(group!.findings).toEqual(findings);
    expect(group!.locations).toEqual(findings.map((f) => f.location));
    expect(group!.location).toBe("'Savings plan'!H3");
  });

  it("leaves two alike findings as two", () => {
    expect(foldFindings([missing(3), missing(4)]).map((g) => g.findings.length)).toEqual([1, 1]);
  });

  it("keeps columns, sheets and rules apart", () => {
    const findings = [missing(3), missing(4), missing(5, "G"), missing(6), missing(7, "H", "Other")];
    expect(foldFindings(findings).map((g) => g.locations.length)).toEqual([3, 1, 1]);
  });

  it("lists the value each cell holds when the messages differ only in their particulars", () => {
    const unknown = (row: number, status: string): Finding => ({ rule: "rag.unknown", severity: "warning", location: `Plan!F${row}`, message: `“${status}” is not a status in the key (Green, Amber, Red).`, actual: status });
    const [group] = foldFindings([unknown(2, "TBC"), unknown(3, "Amber/Green"), unknown(4, "TBC")]);
    expect(group!.message).toBe("Status not in the key: 3 cells in column F (F2:F4), holding “TBC” (F2, F4), “Amber/Green” (F3). As at F2: “TBC” is not a status in the key (Green, Amber, Red).");
  });

  it("folds 200,000 cells holding two values into one line, each value with its first cells and how many more, in one pass", () => {
    // Each value's cells were once copied afresh for every cell: 100,000 took 36 s. Within the
    // test's time limit only if the fold is linear in the cells.
    const findings = Array.from({ length: 200_000 }, (_, i): Finding => {
      const status = i % 2 ? "Purple" : "Orange";
      return { rule: "rag.unknown", severity: "warning", location: `Plan!E${i + 2}`, message: `“${status}” is not a status in the key (Green, Amber, Red).`, actual: status };
    });
    const [group, ...rest] = foldFindings(findings);
    expect(rest).toEqual([]);
    expect(group!.message).toBe(
      "Status not in the key: 200,000 cells in column E (E2:E200001), holding “Orange” (E2, E4, E6 and 99,997 more), “Purple” (E3, E5, E7 and 99,997 more). As at E2: “Orange” is not a status in the key (Green, Amber, Red).",
    );
  });

  it("does not fold findings that open by saying different things", () => {
    const a: Finding = { rule: "date.unreadable", severity: "warning", location: "Plan!D2", message: "“Spring” is not a date." };
    const b: Finding = { rule: "date.unreadable", severity: "warning", location: "Plan!D3", message: "“TBC” is a placeholder: no date yet." };
    const c: Finding = { ...a, location: "Plan!D4" };
    expect(foldFindings([a, b, c])).toHaveLength(3);
  });

  it("never folds rows put back in line: each has its own remedy", () => {
    const row = (r: number): Finding => ({ rule: "row.misaligned", severity: "error", location: `Plan!K${r}`, message: `Row ${r} looks shifted 2 columns to the right.` });
    expect(foldFindings([row(4), row(5), row(6)])).toHaveLength(3);
  });

  it("gives one range as the reference of a folded run, and the first cell otherwise", () => {
    const [run] = foldFindings([3, 4, 5].map((r) => missing(r)));
    expect(groupReference(run!)).toBe("'Savings plan'!H3:H5");
    const [broken] = foldFindings([3, 4, 6].map((r) => missing(r)));
    expect(groupReference(broken!)).toBe("'Savings plan'!H3");
  });

  it("keeps the order findings were found in", () => {
    const other: Finding = { rule: "lead.unknown", severity: "warning", location: "'Savings plan'!E9", message: "“SW” is not in the lead legend." };
    const groups = foldFindings([missing(3), other, missing(4), missing(5)]);
    expect(groups.map((g) => g.rule)).toEqual(["rag.missing", "lead.unknown"]);
  });
});
