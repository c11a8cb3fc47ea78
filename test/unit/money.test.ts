import { formatFigure, formatMoney, maxOf, minOf, parseUnit, readAmount, requireAmount, unitIn } from "../../src/core";

describe("reading money as councils write it", () => {
  it.each([
    ["£7,000", 7000],
    ["£1.2m", 1_200_000],
    ["£25k", 25_000],
    ["(£10,000)", -10_000],
    ["(126)", -126],
    ["1,028", 1028],
    ["-£5,000", -5000],
    ["£-5,000", -5000],
    ["£(10,000)", -10_000],
    ["−150", -150],
    [" £ 7,000 ", 7000],
    ["£2.5 million", 2_500_000],
    ["£1bn", 1e9],
    ["1 028 000", 1_028_000],
    ["GBP 300", 300],
    ["£0.5m", 500_000],
    ["4,468", 4468],
    ["£60k", 60_000],
    ["500-", -500],
    ["+£20", 20],
    ["12.50", 12.5],
    ["-", 0],
    ["nil", 0],
    ["£ -", 0],
  ])("reads %j as %d", (text, expected) => {
    expect(readAmount(text)).toBe(expected);
  });

  it.each([
    ["£40,000*", 40_000],
    ["£40,000 *", 40_000],
    ["£40,000**", 40_000],
    ["£40,000\u2020", 40_000],
    ["£40,000\u00b9", 40_000],
    ["£40,000\u00b2", 40_000],
    ["(£10,000)*", -10_000],
  ])("reads %j with a footnote marker as %d", (text, expected) => {
    expect(readAmount(text)).toBe(expected);
  });

  it.each([
    ["c.£50k", 50_000],
    ["c £50k", 50_000],
    ["circa £50k", 50_000],
    ["approx. £50k", 50_000],
    ["approx £50k", 50_000],
    ["~£50k", 50_000],
    ["c.(£10,000)", -10_000],
  ])("reads the approximate figure %j as %d", (text, expected) => {
    expect(readAmount(text)).toBe(expected);
  });

  it.each([
    ["£120k pa", 120_000],
    ["£120k p.a.", 120_000],
    ["£120k per annum", 120_000],
    ["£120k per year", 120_000],
    ["£2.5 million pa", 2_500_000],
  ])("reads the yearly rate %j as %d", (text, expected) => {
    expect(readAmount(text)).toBe(expected);
  });

  it.each([
    ["£10,000 (FYE)", 10_000],
    ["£10,000 (full year effect)", 10_000],
    ["£10,000 (one-off)", 10_000],
    ["£10,000 (recurrent)", 10_000],
    ["(£10,000) (FYE)", -10_000],
    ["£(10,000) (one-off)", -10_000],
  ])("passes over a note in brackets after %j", (text, expected) => {
    expect(readAmount(text)).toBe(expected);
  });

  it.each(["(TBC)", "(one-off)", "- (tbc)", "TBC*", "cash", "c.", "£10,000 (24/25)"])(
    "still says the noted text %j is not an amount",
    (text) => {
      expect(Number.isNaN(readAmount(text))).toBe(true);
    },
  );

  it("keeps figures in the sheet's own unit: 1,028 in a £000 table stays 1,028", () => {
    expect(readAmount("1,028")).toBe(1028);
  });

  it("reads GBP before a sign or brackets, and spaces however many, but never a continental decimal comma as thousands", () => {
    expect(readAmount("GBP -12,500.00")).toBe(-12500);
    expect(readAmount("GBP (5,000)")).toBe(-5000);
    expect(readAmount("1  000")).toBe(1000);
    expect(readAmount("12 345 678")).toBe(12345678);
    expect(readAmount("1 234,567")).toBeNaN();
  });

  it("counts blanks as nothing", () => {
    expect(readAmount("")).toBeNull();
    expect(readAmount("   ")).toBeNull();
    expect(readAmount(null)).toBeNull();
  });

  it.each(["Transport Manager", "£", "$500", "€20", "5%", "(-5)", "1,00", "12,3456", "TRUE", "1.2.3", "£1.2mm"])(
    "says %j is not an amount",
    (text) => {
      expect(Number.isNaN(readAmount(text))).toBe(true);
    },
  );

  it("refuses booleans rather than counting TRUE as 1", () => {
    expect(Number.isNaN(readAmount(true))).toBe(true);
  });

  it("names the cell when text is required to be money", () => {
    expect(() => requireAmount("Transport Manager", "Row 11, column 9")).toThrow(
      "Row 11, column 9 is not an amount of money.",
    );
  });
});

describe("units", () => {
  it.each([
    ["£", "£"],
    ["£000", "£000"],
    ["£'000", "£000"],
    ["£k", "£000"],
    ["(£000)", "£000"],
    ["£m", "£m"],
    ["£ millions", "£m"],
  ])("reads the unit %j as %s", (text, unit) => {
    expect(parseUnit(text)).toBe(unit);
  });

  it("does not mistake other text for a unit", () => {
    expect(parseUnit("Placement costs")).toBeNull();
  });
});

describe("formatting money for papers", () => {
  it("puts negatives in brackets with a pound sign", () => {
    expect(formatMoney(-10_000)).toBe("(£10,000)");
    expect(formatMoney(675_000)).toBe("£675,000");
  });

  it("shows pence only when there are any", () => {
    expect(formatMoney(12.5)).toBe("£12.50");
    expect(formatMoney(12)).toBe("£12");
  });

  it("never shows a bracketed zero", () => {
    expect(formatMoney(-0.001)).toBe("£0");
  });

  it("formats figures of unknown unit without a pound sign", () => {
    expect(formatFigure(-150)).toBe("(150)");
    expect(formatFigure(2192)).toBe("2,192");
  });
});

describe("unitIn", () => {
  it.each([
    ["Budget (£000)", "£000"],
    ["DSG reserve: three scenarios (£m)", "£m"],
    ["£'000", "£000"],
    ["Forecast £k", "£000"],
    ["Figures in £ millions", "£m"],
    ["£000", "£000"],
    ["Budget", null],
    ["2024/25", null],
  ])("finds the unit %j names: %s", (text, unit) => {
    expect(unitIn(text)).toBe(unit);
  });
});

describe("maxOf and minOf", () => {
  it("take the largest and smallest of a list too long to spread into Math.max (half a million)", () => {
    const many = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(() => Math.max(...many)).toThrow(RangeError);
    expect(maxOf(many)).toBe(499_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([], 0)).toBe(0);
  });
});

describe("money with a note at its end, read in time linear in the note", () => {
  it("reads a figure with several notes, and refuses £1 and a run of asterisks ending in a letter at once (it backtracked exponentially)", () => {
    expect(readAmount("£40,000** (FYE)")).toBe(40000);
    expect(readAmount("£120k per annum")).toBe(120000);
    // Work done, not a timer: the old pattern took seconds here; the bounded loop takes one pass a note.
    for (const n of [8, 28, 150]) expect(Number.isNaN(readAmount(`£1${"*".repeat(n)}x`))).toBe(true);
    expect(readAmount(`£1${"*".repeat(28)}`)).toBe(1);
  });
});
