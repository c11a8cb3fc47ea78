import { readFigure } from "../../src/core/figures";
import { typeCell } from "../../src/core/table/shape/typed";

describe("readFigure reads a figure as a paper writes it, with how it was written", () => {
  it.each([
    ["65,464,140", 65464140, 0, 1],
    ["(0.495)", -0.495, 3, 1],
    ["-2,700", -2700, 0, 1],
    ["£472k", 472, 0, 1e3],
    ["£ 0.4m", 0.4, 1, 1e6],
    ["£(10,000)", -10000, 0, 1],
    ["-£5,000", -5000, 0, 1],
    ["1,230*", 1230, 0, 1],
    ["14395.6", 14395.6, 1, 1],
    ["£2.5 million", 2.5, 1, 1e6],
    ["0.50", 0.5, 2, 1],
  ])("%s is %d (%d decimals, scale %d)", (text, value, decimals, scale) => {
    const f = readFigure(text);
    expect(f).not.toBeNull();
    expect(f!.value).toBeCloseTo(value, 9);
    expect(f!.decimals).toBe(decimals);
    expect(f!.scale).toBe(scale);
  });

  it("keeps brackets, £, % and grouping as written", () => {
    expect(readFigure("(1,378)")).toMatchObject({ value: -1378, bracketed: true, grouped: true, currency: false });
    expect(readFigure("4.26%")).toMatchObject({ value: 4.26, percent: true });
    expect(readFigure("£4,294.88")).toMatchObject({ value: 4294.88, currency: true, decimals: 2 });
  });

  it.each(["", "-", "2015/16", "4,7m", "12,34", "(-5)", "Total", "£", "1.2.3", "Q2", "(3", "1,2345"])("refuses %j: not a figure", (text) => {
    expect(readFigure(text)).toBeNull();
  });

  it("gives up at once on text far longer than a figure", () => {
    expect(readFigure("1".repeat(100_000))).toBeNull();
    expect(readFigure(`£1${"*".repeat(28)}x`)).toBeNull();
  });
});

describe("typeCell types each cell once", () => {
  it.each([
    ["£000", "unit"],
    ["£’000", "unit"],
    ["(£ million)", "unit"],
    ["£k", "unit"],
    ["2015 -16", "year"],
    ["2020 to 2021", "year"],
    ["Green", "status"],
    ["n/a", "marker"],
    ["-", "marker"],
    ["c", "marker"],
    ["OP12", "ref"],
    ["VSB09_05", "ref"],
    ["LM/ AT", "initials"],
    ["(2002)", "label"],
    ["Schools Block", "label"],
    ["(1,378)", "figure"],
    ["12.8%", "percent"],
  ])("%s is %s", (text, kind) => {
    expect(typeCell(text).kind).toBe(kind);
  });

  it("gives a year label its start year and a nil marker its nothing", () => {
    expect(typeCell("2016 -17").year).toBe(2016);
    expect(typeCell("–").nil).toBe(true);
    expect(typeCell("x").nil).toBeUndefined();
  });
});
