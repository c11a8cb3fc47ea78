import { readTables } from "../../src/core/table/reader";
import { findReportDate, reportDateSource } from "../../src/core/table/report-date";
import { serialFromYmd } from "../../src/core/years";

const grid = (values: unknown[][], name = "Plan") => ({ name, values });

describe("finding the report date", () => {
  it("reads a Report date label with the date beside it, as the Action Plan template writes it", () => {
    expect(findReportDate([grid([["Report date", serialFromYmd(2025, 3, 31)]], "Action Plan")])).toEqual({
      serial: serialFromYmd(2025, 3, 31),
      location: "'Action Plan'!B1",
      label: "Report date",
      how: "beside",
    });
  });

  it("reads a date typed as UK text beside or under an 'As at:' label", () => {
    expect(findReportDate([grid([["As at:", null, "01/04/2025"]])])?.serial).toBe(serialFromYmd(2025, 4, 1));
    expect(findReportDate([grid([["Position as at"], ["1 April 2025"]])])).toMatchObject({ serial: serialFromYmd(2025, 4, 1), location: "Plan!A2" });
  });

  it("reads the date out of a title such as 'High Needs recovery plan: position as at 31 March 2025'", () => {
    const found = findReportDate([grid([["High Needs recovery plan: position as at 31 March 2025"]])]);
    expect(found).toMatchObject({ serial: serialFromYmd(2025, 3, 31), how: "in" });
    expect(reportDateSource(found!)).toBe("Plan!A1, in the heading “High Needs recovery plan: position as…”");
  });

  it("takes a month written without a day as its last day", () => {
    expect(findReportDate([grid([["Reporting date", "March 2025"]])])?.serial).toBe(serialFromYmd(2025, 3, 31));
  });

  it("gives the first in tab order and ignores labels with no date near them", () => {
    const found = findReportDate([grid([["Report date", "TBC"]], "Cover"), grid([["As at", serialFromYmd(2024, 9, 30)]], "Budget")]);
    expect(found?.location).toBe("Budget!B1");
  });

  it("does not take a year or a small number for a date, nor a heading that only mentions dates", () => {
    expect(findReportDate([grid([["As at", 2025], ["Start date", "End date"], ["Action", "01/04/2025"]])])).toBeNull();
  });

  it("finds none where nothing names a report date", () => {
    expect(findReportDate([grid([["Initiative", "RAG"], ["Front door", "Green"]])])).toBeNull();
  });

  it("says where it came from, beside or under its label, in words", () => {
    expect(reportDateSource(findReportDate([grid([["As at", "31/03/2025"]])])!)).toBe("Plan!B1, beside “As at”");
    expect(reportDateSource(findReportDate([grid([["As at"], ["31/03/2025"]])])!)).toBe("Plan!A2, under “As at”");
  });

  it("passes over a table's own columns and rows: a column headed 'Position as at' is not the report date", () => {
    const values = [
      ["Action", "Position as at", "RAG", "Lead"],
      ["Front door", "30/09/2024", "Green", "JB"],
      ["Report numbers as of 2025-26", "31/12/2024", "Amber", "KP"],
    ];
    expect(findReportDate([grid(values)], readTables(grid(values)))).toBeNull();
  });

  it("does not take a year for a report date: 'as of 2025-26' names no day to judge deadlines by", () => {
    expect(findReportDate([grid([["Figures as of 2025-26"]])])).toBeNull();
  });
});
