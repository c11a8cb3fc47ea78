import { readTargets, type Target } from "../../src/core";

const brief = (t: Target) => ({ year: t.year.text, first: t.year.year, kind: t.year.kind, value: t.value, unit: t.unit, change: t.change, measure: t.measure });

describe("reading a scorecard's targets", () => {
  it("reads year: value pairs separated by semicolons", () => {
    const r = readTargets("2026: 15%; 2027: 18%");
    expect(r.targets.map(brief)).toEqual([
      { year: "2026", first: 2026, kind: "calendar", value: 15, unit: "%", change: undefined, measure: "" },
      { year: "2027", first: 2027, kind: "calendar", value: 18, unit: "%", change: undefined, measure: "" },
    ]);
    expect(r.unread).toEqual([]);
    expect(r.severalMeasures).toBe(false);
  });

  it("reads value-then-year pairs", () => {
    expect(readTargets("65% 2026; 80% 2027").targets.map((t) => [t.year.year, t.value])).toEqual([[2026, 65], [2027, 80]]);
  });

  it("reads several pairs in one piece when each year has one figure", () => {
    expect(readTargets("2026: 15%, 2027: 18%").targets.map((t) => [t.year.year, t.value])).toEqual([[2026, 15], [2027, 18]]);
  });

  it("reads a reduction by a financial year as a pair year with its direction", () => {
    const [t] = readTargets("50% reduction by 2026-27").targets;
    expect(brief(t!)).toEqual({ year: "2026-27", first: 2026, kind: "pair", value: 50, unit: "%", change: "reduction", measure: "" });
    expect(readTargets("5% reduction 2026-27").targets.map(brief)).toEqual([
      { year: "2026-27", first: 2026, kind: "pair", value: 5, unit: "%", change: "reduction", measure: "" },
    ]);
  });

  it("treats a bracketed aside as a comment, not a measure", () => {
    const [t] = readTargets("15% (national average) by 2027").targets;
    expect(t!.measure).toBe("");
    expect(t!.value).toBe(15);
  });

  it("notices a second indicator hidden in the same cell", () => {
    const r = readTargets("30% by 2026/27; 80% of new placements within 20 miles by 2028");
    expect(r.targets.map((t) => [t.year.text, t.value, t.measure])).toEqual([
      ["2026/27", 30, ""],
      ["2028", 80, "new placements within 20 miles"],
    ]);
    expect(r.severalMeasures).toBe(true);
  });

  it("keeps what the percentage is of", () => {
    const [t] = readTargets("25% of EHCPs with a personal budget by 2027/28").targets;
    expect(brief(t!)).toMatchObject({ year: "2027/28", first: 2027, value: 25, measure: "EHCPs with a personal budget" });
  });

  it("reads a bare count with what it counts", () => {
    const [t] = readTargets("0 tribunals 2017-18").targets;
    expect(brief(t!)).toMatchObject({ first: 2017, kind: "pair", value: 0, unit: "count", measure: "tribunals" });
  });

  it("reads an amount in millions", () => {
    const [t] = readTargets("£9.12m by 2026-27").targets;
    expect(brief(t!)).toMatchObject({ value: 9_120_000, unit: "£", first: 2026 });
  });

  it("reads a month and year", () => {
    const [t] = readTargets("1,200 EHCPs by March 2027").targets;
    expect(t!.year).toMatchObject({ year: 2027, month: 3 });
    expect(t!.value).toBe(1200);
  });

  it("hands back a target with no figure as unread, word for word", () => {
    const r = readTargets("Good by 7/2027");
    expect(r.targets).toEqual([]);
    expect(r.unread).toEqual(["Good by 7/2027"]);
  });

  it("hands back the unreadable piece and keeps the readable one", () => {
    const r = readTargets("20% by 2026; improve further");
    expect(r.targets.map((t) => t.value)).toEqual([20]);
    expect(r.unread).toEqual(["improve further"]);
  });

  it("reads nothing from an empty cell and never throws on odd values", () => {
    expect(readTargets(null)).toEqual({ targets: [], undated: [], unread: [], severalMeasures: false });
    // A figure on its own is the target for whichever year is asked.
    expect(readTargets(0.15)).toMatchObject({ targets: [], undated: [{ value: 0.15, unit: "count" }], unread: [] });
  });

  it("does not take a key stage or a ref for a figure", () => {
    const r = readTargets("KS2 70% by 2027");
    expect(r.targets.map((t) => [t.year.year, t.value, t.unit])).toEqual([[2027, 70, "%"]]);
  });
});
