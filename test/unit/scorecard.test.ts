import { HnbError, figureValue, kpiColour, parseDirection, readTargets, readYear, targetFor, trajectory, trend } from "../../src/core";

const year = (raw: unknown) => {
  const y = readYear(raw);
  if (!y) throw new Error(`no year in ${String(raw)}`);
  return y;
};

function failure(body: () => unknown): HnbError {
  try {
    body();
  } catch (error) {
    if (error instanceof HnbError) return error;
    throw error;
  }
  throw new Error("expected an HnbError");
}

describe("the target a cell sets for a year", () => {
  it("reads years as 2027, 2026-27, 2026/27, 7/2027, a heading or a date", () => {
    expect(year(2027)).toMatchObject({ year: 2027, kind: "calendar" });
    expect(year("2026-27")).toMatchObject({ year: 2026, kind: "pair" });
    expect(year("Target 2026/27")).toMatchObject({ year: 2026, kind: "pair" });
    expect(year("7/2027")).toMatchObject({ year: 2027, month: 7 });
    expect(year(46_600)).toMatchObject({ year: 2027, kind: "calendar" });
    expect(readYear("2026 and 2027")).toBeNull();
    expect(readYear(12)).toBeNull();
  });

  it("finds a financial year's target from the calendar year it ends in, and the other way round", () => {
    expect(targetFor("30% by 2026/27", year(2027), null)).toBeCloseTo(0.3, 12);
    expect(targetFor("65% 2026; 80% 2027", year("2026/27"), null)).toBeCloseTo(0.8, 12);
    expect(targetFor("15% 2026/27; 18% 2027", year(2027), null)).toBeCloseTo(0.18, 12);
  });

  it("works out halve, double and increases on the baseline", () => {
    expect(targetFor("Halve the number of tribunals by 2027", year(2027), 14)).toBe(7);
    expect(targetFor("double by 2028", year(2028), 40)).toBe(80);
    expect(targetFor("10% increase by 2027", year(2027), 200)).toBe(220);
    expect(readTargets("halve by 2027").targets[0]).toMatchObject({ change: "reduction", value: 50, unit: "%" });
  });

  it("names the years it has when there is no target for the year asked", () => {
    const e = failure(() => targetFor("2026: 15%; 2027: 18%; 2028: 20%", year(2029), null));
    expect(e.kind).toBe("na");
    expect(e.message).toBe("No target for 2029: the cell sets targets for 2026, 2027 and 2028.");
  });

  it("refuses two different targets for one year rather than choosing one", () => {
    expect(failure(() => targetFor("15% by 2027; 18% by 2027", year(2027), null)).message).toMatch(/2 different targets for 2027/);
  });
});

describe("an indicator's status and trend", () => {
  it("is Green when met, Amber within the tolerance of the target, Red beyond it, either way round", () => {
    expect(kpiColour(0.65, 0.65)).toBe("Green");
    expect(kpiColour(0.585, 0.65)).toBe("Amber");
    expect(kpiColour(0.58, 0.65)).toBe("Red");
    expect(kpiColour(7.7, 7, "lower")).toBe("Amber");
    expect(kpiColour(8, 7, "lower")).toBe("Red");
    expect(kpiColour(0.6, 0.65, "higher", 0)).toBe("Red");
    // 0.1 + 0.2 as Excel adds it meets a target of 0.3.
    expect(kpiColour(0.1 + 0.2, 0.3)).toBe("Green");
  });

  it("reads directions as scorecards write them", () => {
    expect(["Higher is better", "up", "↑", "Lower", "fewer", "↓", "sideways"].map(parseDirection)).toEqual(["higher", "higher", "higher", "lower", "lower", "lower", null]);
  });

  it("draws the straight line from baseline to target and holds the target after it", () => {
    expect(trajectory(0.52, year(2025), 0.8, year(2027), year(2026))).toBeCloseTo(0.66, 12);
    expect(trajectory(14, year("2024/25"), 7, year("2026/27"), year("2025/26"))).toBe(10.5);
    expect(trajectory(14, year("2024/25"), 7, year("2026/27"), year("2028/29"))).toBe(7);
    expect(failure(() => trajectory(14, year(2025), 7, year(2027), year(2023))).kind).toBe("na");
  });

  it("words the trend from the last two figures, blanks skipped", () => {
    expect(trend([0.5, null, 0.55])).toBe("improving");
    expect(trend([14, 12, 13], "lower")).toBe("worse");
    expect(trend([3, 3])).toBe("no change");
    expect(trend([3, null])).toBeNull();
  });

  it("reads the figure a current-performance cell states, its year aside", () => {
    expect(figureValue("Satisfaction 52%")).toBeCloseTo(0.52, 12);
    expect(figureValue("Tribunals 2024-25: 14")).toBe(14);
    expect(figureValue("£9.6m (2024-25)")).toBe(9_600_000);
    expect(figureValue("43% (81) placed out of county")).toBeCloseTo(0.43, 12);
    expect(figureValue("12% of pupils with EHCPs reach the expected standard at KS2")).toBeCloseTo(0.12, 12);
    expect(figureValue("Not yet measured")).toBeNull();
  });
});
