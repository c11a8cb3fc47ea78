/*
 * Layouts found in real councils' papers beyond the shared samples, each a small paste in
 * test/fixtures/layouts: the table's kind and every finding (rule@cell, severity when not an
 * error), as a careful reader would expect them, as of 1 April 2025.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { serialFromYmd } from "../../src/core";
import { checkTables, importTable, readTables } from "../../src/core/table";
import { parseDelimited } from "../../src/core/table/delimited";

const dir = join(__dirname, "..", "fixtures", "layouts");

function read(file: string) {
  return readTables({ name: "S", values: parseDelimited(readFileSync(join(dir, file), "utf8"), "\t") });
}

function summary(file: string): string {
  const tables = read(file);
  const findings = checkTables(tables, { asOf: serialFromYmd(2025, 4, 1) });
  const listed = findings.map((f) => `${f.rule}@${f.location.replace(/^.*!/, "")}${f.severity === "error" ? "" : `(${f.severity})`}`);
  return [tables.map((t) => t.kind).join(","), ...listed].join(" ");
}

describe.each([
  ["f01-deficit-bf-cf-abbrev.tsv", "“b/f” and “c/f” for brought and carried forward", "deficit corkscrew.balance@D2 corkscrew.column@D4"],
  ["f02-deficit-blank-spacer.tsv", "a blank spacer row inside the corkscrew", "deficit corkscrew.balance@D2 corkscrew.column@D5"],
  ["f03-deficit-millions-tolerance.tsv", "£m to one decimal place: £300k is not rounding", "deficit corkscrew.column@C5"],
  ["f04-deficit-recovery-line-inside.tsv", "a recovery-plan line between brought and carried forward", "deficit"],
  ["f05-deficit-fy-short-years.tsv", "years written FY24, FY25", "deficit"],
  ["f06-deficit-title-in-corner.tsv", "a title in the corner cell", "deficit"],
  ["f07-deficit-notes-column.tsv", "a notes column beside the years", "deficit"],
  ["f08-deficit-actual-forecast-row.tsv", "“Actual” and “Forecast” under the years", "deficit"],
  ["f09-deficit-cumulative-closing.tsv", "“Cumulative deficit” as the closing line", "deficit corkscrew.column@C4"],
  ["f10-deficit-approval-footnote.tsv", "a transfer above 0.5% with the Secretary of State's approval noted below", "deficit"],
  ["f11-savings-subtotals.tsv", "subtotals and a grand total, in £000", "savings-plan"],
  ["f12-savings-two-row-header.tsv", "years on a second heading row, and a transposed total", "savings-plan total.mismatch@E5"],
  ["f13-savings-gap-midtable.tsv", "a page break's blank rows inside the table", "savings-plan total.mismatch@D6"],
  ["f14-action-owner-status-headers.tsv", "“Action Owner” and “Action Status” headings", "action-plan date.overdue@D2(warning) lead.unknown@C2(warning)"],
  ["f15-footnotes-read-as-key.tsv", "footnotes under the table", "action-plan"],
  ["f16-nbsp-in-status-and-header.tsv", "non-breaking spaces from Word", "action-plan date.overdue@D2(warning)"],
  ["f17-tbc-spurious-realign.tsv", "“TBC” in the last year beside an empty notes column", "savings-plan amount.text@E2(warning)"],
  ["f18-shift-left-wrong-column.tsv", "a row that lost its empty lead cell", "savings-plan row.misaligned@B3 amount.text@E3"],
  ["f19-original-revised-dates.tsv", "original and revised target dates", "action-plan date.overdue@E3(warning)"],
  ["f20-date-without-year.tsv", "a day and month with no year", "action-plan date.unreadable@D2(warning)"],
  ["f21-date-range-in-cell.tsv", "a date range in one cell", "action-plan date.due@D2(info) date.overdue@D3(warning)"],
  ["f22-pdf-split-header.tsv", "headings wrapped onto a second row", "action-plan date.overdue@D3(warning)"],
  ["f23-legend-3-cells-letter-key.tsv", "a legend over three cells and a key of letters", "action-plan lead.unknown@C3(warning)"],
  ["f24-legend-key-prefix.tsv", "a legend starting “Key:”", "action-plan lead.unknown@C3(warning)"],
  ["f25-rag-abbrev.tsv", "RAG shorthands: A/R, G/A, Complete (Blue)", "action-plan"],
  ["f26-workstream-not-filled-on-import.tsv", "a workstream merged over rows", "action-plan"],
  ["f27-numbered-subheading.tsv", "numbered sub-headings", "action-plan"],
  ["f28-money-footnote-marker.tsv", "footnote markers and “c.”, “pa” on money", "savings-plan"],
])("%s", (file, layout, expected) => {
  it(`reads ${layout}: ${expected}`, () => {
    expect(summary(file)).toBe(expected);
  });
});

describe("importing those layouts", () => {
  it("fills a merged workstream down into the rows under it", () => {
    const imported = importTable(read("f26-workstream-not-filled-on-import.tsv")[0]!);
    expect(imported.rows.map((r) => r[1])).toEqual(["Early identification", "Early identification"]);
  });

  it("keeps footnotes under the table, and puts a £000 savings plan in £000", () => {
    const [footnoted] = read("f15-footnotes-read-as-key.tsv");
    expect(importTable(footnoted!).footer.flat()).toContain("Figures exclude post-16 placements");
    expect(importTable(read("f11-savings-subtotals.tsv")[0]!).unit).toBe("£000");
  });
});
