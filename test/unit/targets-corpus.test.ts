/*
 * Targets as councils write them (issue 23): every reading in the corpus's targets.tsv (real
 * phrasings out of plans, scorecards and minutes, with what each sets for which year) holds, and
 * the cases a new user found read wrong give the right answers. TARGET(phrase, year, baseline)
 * gives each level; a change on the baseline ("+170", "-0.5") is read as that change; a phrase
 * that sets no figure is #N/A.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import * as hnb from "../../src/functions/implementations";
import { run } from "../../src/functions/args";
import { HnbError, readTargets } from "../../src/core";
import { CORPUS_DIR } from "../helpers/corpus";

/** TARGET's answer, or the kind of error and its message. */
function target(phrase: string, year: unknown, baseline: number | null = null): number | string {
  try {
    return run(() => hnb.target(phrase, year, baseline));
  } catch (error) {
    if (error instanceof HnbError) return `${error.kind === "na" ? "#N/A" : "#VALUE!"} ${error.message}`;
    throw error;
  }
}

interface Row {
  phrase: string;
  baseline: number | null;
  readings: { year: string; value: string }[];
  kind: string;
}

const ROWS: Row[] = readFileSync(join(CORPUS_DIR, "targets.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [phrase = "", , baseline = "", expected = "", kind = ""] = line.split("\t");
    const readings = expected.split(";").map((r) => r.trim()).filter((r) => r !== "").map((r) => {
      const [year = "", value = ""] = r.split("=");
      return { year: year.trim(), value: value.trim() };
    });
    return { phrase, baseline: baseline === "" ? null : Number(baseline), readings, kind };
  });

/** The year TARGET is asked for: a phrase with no year sets the target for whichever is asked. */
const asked = (year: string) => (year === "undated" ? "2026/27" : year);

describe("every target phrasing in the corpus (targets.tsv)", () => {
  it("has the file's readings to check", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  const levels = ROWS.flatMap((row) => row.readings.filter((r) => !/^[+-]/.test(r.value) && row.kind !== "several-measures").map((r) => [row.phrase, r.year, r.value, row.baseline] as const));
  it.each(levels)("%s: TARGET for %s is %s", (phrase, year, value, baseline) => {
    expect(target(phrase, asked(year), baseline)).toBeCloseTo(Number(value), 9);
  });

  const changes = ROWS.flatMap((row) => row.readings.filter((r) => /^[+-]/.test(r.value) || row.kind === "several-measures").map((r) => [row.phrase, r.year, r.value] as const));
  it.each(changes)("%s: read as %s %s", (phrase, year, value) => {
    const reading = readTargets(phrase);
    const forYear = [...reading.targets.filter((t) => year === "undated" || String(t.year.year) === year.slice(0, 4)), ...reading.undated];
    const v = Number(value);
    const signed = /^[+-]/.test(value);
    const found = forYear.some((t) => {
      const figure = t.unit === "%" ? t.value / 100 : t.value;
      return signed ? t.change === (v > 0 ? "increase" : "reduction") && Math.abs(figure - Math.abs(v)) < 1e-9 : !t.change && Math.abs(figure - v) < 1e-9;
    });
    expect(found).toBe(true);
  });

  const none = ROWS.filter((row) => row.readings.length === 0).map((row) => [row.phrase] as const);
  it.each(none)("%s: sets no figure, #N/A", (phrase) => {
    expect(target(phrase, "2026/27")).toMatch(/^#N\/A /);
  });
});

describe("the target cells a new user found read wrong", () => {
  it("pairs each figure with the year in its own clause, in either order", () => {
    expect(target("70% by 2025, 85% by 2026", 2026)).toBeCloseTo(0.85);
    expect(target("70% by 2025, 85% by 2026", 2025)).toBeCloseTo(0.7);
    expect(target("85% by 2026, 70% by 2025", 2025)).toBeCloseTo(0.7);
    expect(target("85% by 2026 and 70% by 2025", 2026)).toBeCloseTo(0.85);
  });

  it("reads 'increase to' and 'reduce to' as a level, and 'reduce by' as a change", () => {
    expect(target("Increase to 15% by 2017, 18% by 2018", 2017)).toBeCloseTo(0.15);
    expect(target("Increase to 15% by 2017, 18% by 2018", 2018)).toBeCloseTo(0.18);
    expect(target("Reduce to 10 by 2026/27 and 8 by 2027/28", "2027/28")).toBe(8);
    expect(target("Reduce by 10 by 2026/27", "2026/27", 40)).toBe(30);
    expect(target("Reduce by 10% by 2026/27", "2026/27", 40)).toBe(36);
    expect(target("+5 percentage points by 2027", 2027, 0.4)).toBeCloseTo(0.45);
    expect(target("+800 by 2027", 2027, 1000)).toBe(1800);
    expect(target("from 47 to 35 by March 2027", 2027)).toBe(35);
    expect(target("at least 90% by 2026/27", "2026/27")).toBeCloseTo(0.9);
    expect(target("no more than 5 by 2026/27", "2026/27")).toBe(5);
  });

  it("takes a label in front of a cell's targets as the measure's name, not a second measure", () => {
    expect(target("Satisfaction: 70% 2025; 85% 2026", 2026)).toBeCloseTo(0.85);
    expect(target("Satisfaction: 70% 2025; 85% 2026", 2025)).toBeCloseTo(0.7);
  });

  it("never makes a number from a date or a grade", () => {
    expect(target("Good by 2/2017 Outstanding by 2/2018", 2017)).toMatch(/^#N\/A .* sets no figure/);
    expect(target("Increase use of personal budgets", 2018)).toMatch(/^#N\/A /);
    expect(target("Above statistical neighbour average", 2026)).toMatch(/^#N\/A /);
    expect(target("No target", 2026)).toMatch(/^#N\/A /);
  });

  it("refuses a cell holding targets for different measures, keeping every figure in the reading", () => {
    expect(target("25% EHC have PB by 2018/19 10% reduction in equivalent cost by 12/2018", "2018/19")).toMatch(/^#VALUE! .* holds targets for different measures/);
    const reading = readTargets("65% 2017; 80% 2018; 50% reduction complaints; 0 tribunals 2017-18");
    expect(reading.severalMeasures).toBe(true);
    expect(reading.targets.map((t) => [t.year.text, t.value, t.measure])).toEqual([["2017", 65, ""], ["2018", 80, ""], ["2017-18", 0, "tribunals"]]);
    expect(reading.undated.map((t) => [t.value, t.change, t.measure])).toEqual([[50, "reduction", "complaints"]]);
  });

  it("takes a figure with no year as the target for whichever year is asked, a dated one first", () => {
    expect(target("below the target of 18 per cent", "2021/22")).toBeCloseTo(0.18);
    expect(target("90%; 95% by 2027", 2027)).toBeCloseTo(0.95);
    expect(target("90%; 95% by 2027", 2026)).toBeCloseTo(0.9);
  });

  it("refuses a cell too long to be a target rather than reading it for minutes", () => {
    expect(target("60% by 2026/27 ".repeat(200), "2026/27")).toMatch(/^#VALUE! The target cell holds 3,000 characters/);
  });
});

describe("TARGET, metamorphic: the same targets written another way give the same answers", () => {

  const TEMPLATES = [(f: number, y: string) => `${f}% by ${y}`, (f: number, y: string) => `${y}: ${f}%`, (f: number, y: string) => `${f}% ${y}`, (f: number, y: string) => `${f}% in ${y}`, (f: number, y: string) => `${y} = ${f}%`];
  const SEPARATORS = ["; ", ", ", " and ", "\n", ";"];
  const yearText = (y: number, pair: boolean) => (pair ? `${y}/${String((y + 1) % 100).padStart(2, "0")}` : String(y));
  const targets = fc.uniqueArray(fc.integer({ min: 2015, max: 2035 }), { minLength: 1, maxLength: 4 }).chain((years) =>
    fc.record({
      years: fc.constant(years),
      figures: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: years.length, maxLength: years.length }),
      pair: fc.boolean(),
      templates: fc.array(fc.integer({ min: 0, max: TEMPLATES.length - 1 }), { minLength: years.length, maxLength: years.length }),
      separator: fc.constantFrom(...SEPARATORS),
      label: fc.constantFrom("", "Satisfaction: ", "EHCPs issued within 20 weeks: "),
    }),
  );
  const cell = (t: { years: number[]; figures: number[]; pair: boolean; templates: number[]; separator: string; label: string }, order: number[]) =>
    t.label + order.map((i) => TEMPLATES[t.templates[i]!]!(t.figures[i]!, yearText(t.years[i]!, t.pair))).join(t.separator);

  it("gives each year its own figure, whatever the order, separator, wording or label", () => {
    fc.assert(
      fc.property(targets, fc.integer(), (t, seed) => {
        const order = t.years.map((_, i) => i);
        const shuffled = [...order].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        for (const written of [cell(t, order), cell(t, shuffled)]) {
          t.years.forEach((y, i) => {
            expect([written, target(written, yearText(y, t.pair))]).toEqual([written, t.figures[i]! / 100]);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("changes only that year's answer when one figure changes", () => {
    fc.assert(
      fc.property(targets, fc.nat(), (t, which) => {
        const i = which % t.years.length;
        const changed = { ...t, figures: t.figures.map((f, k) => (k === i ? (f % 99) + 1 : f)) };
        const order = t.years.map((_, k) => k);
        t.years.forEach((y, k) => {
          expect(target(cell(changed, order), yearText(y, t.pair))).toBeCloseTo(changed.figures[k]! / 100, 9);
        });
      }),
      { numRuns: 200 },
    );
  });
});
