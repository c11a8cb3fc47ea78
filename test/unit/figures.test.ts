import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { readFigure } from "../../src/core/figures";
import { amountOfFigure, readAmount } from "../../src/core/money";
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

  it.each(["", "-", "2015/16", "4,7m", "12,34", "(-5)", "Total", "£", "1.2.3", "Q2", "(3", "1,2345", "1231,234", "01,234", "+12-", "-12-", "\u2014 11"])("refuses %j: not a figure", (text) => {
    expect(readFigure(text)).toBeNull();
  });

  it("takes a trailing minus as a ledger's credit, but never a dash, which may be a range cut short", () => {
    expect(readFigure("1,234-")).toMatchObject({ value: -1234 });
    expect(readFigure("12\u2013")).toBeNull();
    expect(readFigure("1,234 GBP")).toMatchObject({ value: 1234, currency: true });
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

/** Every cell of the shared samples and the test fixtures, and of the real corpus where it is beside the project. */
function cellsOnDisk(): string[] {
  const dirs = [join(__dirname, "..", "fixtures", "samples"), join(__dirname, "..", "fixtures", "preview"), join(__dirname, "..", "..", "..", "shared", "corpus")];
  const cells = new Set<string>();
  for (const dir of dirs) {
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => /\.(tsv|txt|csv)$/.test(f));
    } catch {
      continue;
    }
    for (const f of files) for (const line of readFileSync(join(dir, f), "utf8").split(/\r?\n/)) for (const cell of line.split("\t")) if (cell.trim()) cells.add(cell.trim());
  }
  return [...cells];
}

describe("one reading of a figure: the custom functions' money and the table reader's typed cells agree", () => {
  const agrees = (text: string) => {
    const figure = readFigure(text);
    if (!figure || figure.percent) return;
    expect([text, readAmount(text)]).toEqual([text, amountOfFigure(figure)]);
  };

  it("on every cell of the samples (and the corpus, where it is beside the project)", () => {
    const cells = cellsOnDisk();
    // The samples alone (a clone away from ../shared) hold some five hundred.
    expect(cells.length).toBeGreaterThan(400);
    for (const text of cells) agrees(text);
  });

  it("on figures written every way a paper writes them", () => {
    const figure = fc
      .tuple(
        fc.constantFrom("", "-", "\u2212", "(", "£", "-£", "£-", "(£", "£(", "gbp "),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.constantFrom("", ".5", ".25", ".125"),
        fc.boolean(),
        fc.constantFrom("", "k", "m", " million", "bn", "*", "%", ")", "-"),
      )
      .map(([before, whole, decimals, group, after]) => `${before}${group ? whole.toLocaleString("en-GB") : String(whole)}${decimals}${after}`);
    fc.assert(fc.property(figure, (text) => agrees(text)), { numRuns: 2_000 });
  });

  it("money still passes over what is around a figure, which the reader leaves as text", () => {
    expect(readAmount("circa £5k")).toBe(5000);
    expect(readAmount("£120k pa")).toBe(120000);
    expect(readAmount("1 028 000")).toBe(1028000);
    expect(readFigure("circa £5k")).toBeNull();
  });
});
