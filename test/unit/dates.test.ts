import {
  academicYearStart,
  financialYearStart,
  findYearLabel,
  formatDate,
  isOpenEnded,
  parseDate,
  parseYearLabel,
  readDateRange,
  serialFromYmd,
  yearLabel,
  ymdFromSerial,
} from "../../src/core";

const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

describe("Excel date serials", () => {
  it("match Excel's numbering", () => {
    expect(d(2024, 9, 30)).toBe(45565);
    expect(d(1900, 3, 1)).toBe(61);
    expect(ymdFromSerial(45565)).toEqual({ year: 2024, month: 9, day: 30 });
  });

  it("print as UK long dates", () => {
    expect(formatDate(d(2024, 9, 1))).toBe("1 September 2024");
  });
});

describe("reading the dates councils type", () => {
  it.each([
    ["Jan 2020", d(2020, 1, 1), d(2020, 1, 31)],
    ["Apr 19", d(2019, 4, 1), d(2019, 4, 30)],
    ["Sep-21", d(2021, 9, 1), d(2021, 9, 30)],
    ["Sept 24", d(2024, 9, 1), d(2024, 9, 30)],
    ["November 2021", d(2021, 11, 1), d(2021, 11, 30)],
    ["Nov2021", d(2021, 11, 1), d(2021, 11, 30)],
    ["Feb 24", d(2024, 2, 1), d(2024, 2, 29)],
    ["03/17", d(2017, 3, 1), d(2017, 3, 31)],
    ["3/2017", d(2017, 3, 1), d(2017, 3, 31)],
    ["01/09/2024", d(2024, 9, 1), d(2024, 9, 1)],
    ["31/08/2025", d(2025, 8, 31), d(2025, 8, 31)],
    ["1/9/24", d(2024, 9, 1), d(2024, 9, 1)],
    ["1.9.2024", d(2024, 9, 1), d(2024, 9, 1)],
    ["2024-09-01", d(2024, 9, 1), d(2024, 9, 1)],
    ["1 September 2024", d(2024, 9, 1), d(2024, 9, 1)],
    ["1st Sept 2024", d(2024, 9, 1), d(2024, 9, 1)],
    ["1-Sep-24", d(2024, 9, 1), d(2024, 9, 1)],
    ["September 1, 2024", d(2024, 9, 1), d(2024, 9, 1)],
    ["2021/22", d(2021, 4, 1), d(2022, 3, 31)],
    ["21/22", d(2021, 4, 1), d(2022, 3, 31)],
    ["2021-22", d(2021, 4, 1), d(2022, 3, 31)],
    ["2021 to 2022", d(2021, 4, 1), d(2022, 3, 31)],
    ["FY21/22", d(2021, 4, 1), d(2022, 3, 31)],
    ["Academic Year 2022-23", d(2022, 9, 1), d(2023, 8, 31)],
    ["Academic Year 2025-26", d(2025, 9, 1), d(2026, 8, 31)],
    ["AY 22/23", d(2022, 9, 1), d(2023, 8, 31)],
    ["Q1 2025/26", d(2025, 4, 1), d(2025, 6, 30)],
    ["Q4 2024/25", d(2025, 1, 1), d(2025, 3, 31)],
    ["Q3 2024", d(2024, 7, 1), d(2024, 9, 30)],
    ["Spring 2025", d(2025, 1, 1), d(2025, 3, 31)],
    ["Summer term 2025", d(2025, 4, 1), d(2025, 7, 31)],
    ["Autumn 2024", d(2024, 9, 1), d(2024, 12, 31)],
    ["Winter 2024", d(2024, 12, 1), d(2025, 2, 28)],
    ["2025", d(2025, 1, 1), d(2025, 12, 31)],
    ["by end of March 2025", d(2025, 3, 1), d(2025, 3, 31)],
    ["w/c 3 March 2025", d(2025, 3, 3), d(2025, 3, 3)],
    ["Jan '25", d(2025, 1, 1), d(2025, 1, 31)],
    ["JULY 2025", d(2025, 7, 1), d(2025, 7, 31)],
  ])("reads %j as a range of days", (text, start, end) => {
    expect(readDateRange(text)).toEqual({ start, end });
  });

  it("narrows a month by early, mid and late", () => {
    const late = readDateRange("late March 2025")!;
    expect(late.end).toBe(d(2025, 3, 31));
    expect(late.start).toBeGreaterThan(d(2025, 3, 15));
  });

  it.each(["Ongoing", "TBC", "n/a", "ongoing ", "JB", "Sep", "31/02/2024", "13/2024", "Term 1", "FY2025", "the spring"])(
    "says %j is not a date",
    (text) => {
      expect(readDateRange(text)).toBeNull();
    },
  );

  it.each(["31 March", "1 Sept", "24 March", "31-Mar", "Term 1 2025", "Term 2", "term 3 2024/25"])(
    "says %j is not a date: no year, or a term by number",
    (text) => {
      expect(readDateRange(text)).toBeNull();
    },
  );

  it("still reads a month then a two-digit year, and a year then a month", () => {
    expect(readDateRange("Apr 19")).toEqual({ start: d(2019, 4, 1), end: d(2019, 4, 30) });
    expect(readDateRange("2025 March")).toEqual({ start: d(2025, 3, 1), end: d(2025, 3, 31) });
    expect(readDateRange("31 March 2025")).toEqual({ start: d(2025, 3, 31), end: d(2025, 3, 31) });
  });

  it.each([
    ["Sept 2024 \u2013 March 2025", d(2024, 9, 1), d(2025, 3, 31)],
    ["Sept 2024\u2014March 2025", d(2024, 9, 1), d(2025, 3, 31)],
    ["Apr 24 - Dec 24", d(2024, 4, 1), d(2024, 12, 31)],
    ["Sep 24 to Mar 25", d(2024, 9, 1), d(2025, 3, 31)],
    ["01/09/2024 - 31/03/2025", d(2024, 9, 1), d(2025, 3, 31)],
    ["from April 2025 to March 2026", d(2025, 4, 1), d(2026, 3, 31)],
    ["Sept 2024 \u2013 March 2025 (tbc)", d(2024, 9, 1), d(2025, 3, 31)],
  ])("reads the range %j from the start of one to the end of the other", (text, start, end) => {
    expect(readDateRange(text)).toEqual({ start, end });
  });

  it("keeps year pairs as years, not ranges", () => {
    expect(readDateRange("2021 to 2022")).toEqual({ start: d(2021, 4, 1), end: d(2022, 3, 31) });
    expect(readDateRange("2021 - 22")).toEqual({ start: d(2021, 4, 1), end: d(2022, 3, 31) });
    expect(readDateRange("2021\u201322")).toEqual({ start: d(2021, 4, 1), end: d(2022, 3, 31) });
  });

  it.each(["Mar 25 - Dec 24", "Sept - Dec 24", "Sep 24 - TBC", "Jan 25 - Mar 25 - Jun 25"])("says the range %j is not a date", (text) => {
    expect(readDateRange(text)).toBeNull();
  });

  it.each([
    ["Dec-24 (revised Mar-25)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Dec 24 (revised to Mar 25)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Dec 24 - revised to Mar 25", d(2025, 3, 1), d(2025, 3, 31)],
    ["Dec 24, now Mar 25", d(2025, 3, 1), d(2025, 3, 31)],
    ["Dec 24 (now Mar 25)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Mar-25 (was Dec-24)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Mar 25 (tbc)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Mar 25 (revised)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Dec 24 - revised to Mar 25 (tbc)", d(2025, 3, 1), d(2025, 3, 31)],
    ["Mar-25 (was Dec-24) (provisional)", d(2025, 3, 1), d(2025, 3, 31)],
  ])("reads the date that now binds in %j", (text, start, end) => {
    expect(readDateRange(text)).toEqual({ start, end });
  });

  it.each(["Mar 25 (Dec 24)", "Dec 24 (revised tbc)", "Dec 24 - revised to be agreed"])(
    "does not guess between two dates or at an unreadable revision: %j",
    (text) => {
      expect(readDateRange(text)).toBeNull();
    },
  );

  it("reads a start written as open-ended, and says it is open-ended", () => {
    expect(readDateRange("Mar 2025 onwards")).toEqual({ start: d(2025, 3, 1), end: d(2025, 3, 31) });
    expect(readDateRange("from April 2025")).toEqual({ start: d(2025, 4, 1), end: d(2025, 4, 30) });
    expect(isOpenEnded("Mar 2025 onwards")).toBe(true);
    expect(isOpenEnded("Mar 2025")).toBe(false);
  });

  it("reads a two-digit pair that could be a month or a year pair as a month", () => {
    expect(readDateRange("10/11")).toEqual({ start: d(2011, 10, 1), end: d(2011, 10, 31) });
  });

  it("takes the end of a month or year unless asked for the start", () => {
    expect(parseDate("Sep-24")).toBe(d(2024, 9, 30));
    expect(parseDate("Sep-24", "start")).toBe(d(2024, 9, 1));
    expect(parseDate("2021/22")).toBe(d(2022, 3, 31));
  });

  it("passes Excel dates through", () => {
    expect(parseDate(45565.75)).toBe(45565);
  });

  it("says what it could not read, quoting it", () => {
    expect(() => parseDate("Ongoing")).toThrow(/“Ongoing” is not a date/);
  });

  it("treats a blank as nothing", () => {
    expect(parseDate("")).toBeNull();
  });
});

describe("financial and academic years", () => {
  it("start a financial year on 1 April", () => {
    expect(financialYearStart(d(2022, 3, 31))).toBe(2021);
    expect(financialYearStart(d(2022, 4, 1))).toBe(2022);
  });

  it("start an academic year on 1 September", () => {
    expect(academicYearStart(d(2024, 8, 31))).toBe(2023);
    expect(academicYearStart(d(2024, 9, 1))).toBe(2024);
  });

  it("label years long and short", () => {
    expect(yearLabel(2021)).toBe("2021/22");
    expect(yearLabel(2021, "short")).toBe("21/22");
    expect(yearLabel(1999)).toBe("1999/00");
  });

  it.each([
    ["2021/22", 2021],
    ["21/22", 2021],
    ["2021-22", 2021],
    ["2021 to 2022", 2021],
    ["FY21/22", 2021],
    ["2021/2022", 2021],
    ["99/00", 1999],
  ])("reads the year label %j", (text, start) => {
    expect(parseYearLabel(text)).toBe(start);
  });

  it("refuses year pairs that do not follow on", () => {
    expect(parseYearLabel("2021/23")).toBeNull();
  });

  it("finds a year inside a column heading", () => {
    expect(findYearLabel("24/25 Target Savings")).toBe(2024);
    expect(findYearLabel("Savings 2025-26 (£)")).toBe(2025);
    expect(findYearLabel("Progress & Comments")).toBeNull();
  });
});
