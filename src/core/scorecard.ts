/**
 * Strategy scorecards: an indicator's target for a year, its status against that target, the
 * straight-line milestones to it and its trend. The functions (TARGET, KPISTATUS, TRAJECTORY,
 * TREND), the Scorecard template, the checks and the paper all judge indicators here.
 */
import { HnbError, grouped, naError, quote, valueError } from "./errors";
import { trimEndWhile } from "./grid";
import { LARGEST_CELL_NUMBER } from "./money";
import { type Colour, type RagKey, statusIndex } from "./rag";
import { type Target, type TargetReading, type TargetYear, figureWritten, readTargets, yearsWritten } from "./targets";
import { monthName, ymdFromSerial, yearLabel } from "./years";

export type Direction = "higher" | "lower";

const HIGHER = /^(?:higher|high|up|increase|increasing|more|rise|higher is better|up is good|bigger|maximise|max)$/;
const LOWER = /^(?:lower|low|down|decrease|decreasing|reduce|reduction|fewer|less|lower is better|down is good|smaller|minimise|min)$/;

/** "higher" or "lower" as scorecards write it ("Higher is better", "↓"); null when it is neither. */
export function parseDirection(raw: unknown): Direction | null {
  if (raw === null || raw === undefined) return null;
  const text = trimEndWhile(String(raw).trim().toLowerCase().replace(/\s+/g, " "), (c) => c === "." || c === "!");
  if (text === "↑" || HIGHER.test(text)) return "higher";
  if (text === "↓" || LOWER.test(text)) return "lower";
  return null;
}

/** Where a year ends, to compare a calendar year with a financial one: 2026-27 ends in 2027. */
export function yearEnding(year: TargetYear): number {
  return year.kind === "pair" ? year.year + 1 : year.year;
}

/** A year as written in a target, for messages: "2026/27", "2027", "July 2027". */
export function describeYear(year: TargetYear): string {
  if (year.kind === "pair") return yearLabel(year.year);
  if (year.month) return `${monthName(year.month)} ${year.year}`;
  return String(year.year);
}

const EARLIEST = 1990;
const LATEST = 2100;

/**
 * A year a user gives: 2027, "2026/27", "2026-27", "7/2027", "Target 2026/27" (a heading) or a
 * date (its calendar year and month). Null when it names no single year.
 */
export function readYear(raw: unknown): TargetYear | null {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return null;
    if (Number.isInteger(raw) && raw >= EARLIEST && raw <= LATEST) return { text: String(raw), year: raw, kind: "calendar" };
    // A larger number is a date, as Excel stores one.
    if (raw > LATEST && raw < 2_958_466) {
      const { year, month } = ymdFromSerial(Math.floor(raw));
      return { text: String(raw), year, kind: "calendar", month };
    }
    return null;
  }
  if (typeof raw !== "string") return null;
  // A heading ("Target 2026/27") is read by every formula under it: read each text once.
  if (yearsRead.has(raw)) return yearsRead.get(raw)!;
  const years = raw.length > 200 ? [] : yearsWritten(raw);
  const year = years.length === 1 ? Object.freeze(years[0]!) : null;
  if (yearsRead.size >= 1_024) yearsRead.clear();
  yearsRead.set(raw, year);
  return year;
}

const yearsRead = new Map<string, TargetYear | null>();

/** Whether a target set for `set` is the target for `asked`: the same year, or years ending together. */
function sameYear(set: TargetYear, asked: TargetYear): boolean {
  if (set.kind === asked.kind && set.year === asked.year) return !set.month || !asked.month || set.month === asked.month;
  return yearEnding(set) === yearEnding(asked);
}

/** A target's figure as a cell holds it: a percentage as a fraction, a change worked out from the baseline. */
export function targetValue(target: Omit<Target, "year">, baseline: number | null): number {
  if (!target.change) return target.unit === "%" ? target.value / 100 : target.value;
  if (baseline === null) {
    throw valueError(`The target ${quote(target.text)} is a${target.change === "increase" ? "n" : ""} ${target.change} on a baseline: give the baseline (the figure it starts from).`);
  }
  // "5% reduction" of a figure is 95% of it; "5 percentage points" is 0.05 off a share; "a reduction of 3" is 3 fewer.
  const step = target.points ? target.value / 100 : target.unit === "%" ? (Math.abs(baseline) * target.value) / 100 : target.value;
  return target.change === "reduction" ? baseline - step : baseline + step;
}

function yearsHeld(targets: Target[]): string {
  const years = [...new Set(targets.map((t) => describeYear(t.year)))];
  return years.length === 1 ? years[0]! : `${years.slice(0, -1).join(", ")} and ${years[years.length - 1]}`;
}

/**
 * The target a cell sets for a year: "65% 2026; 80% 2027" for 2027 is 80%; "50% reduction by
 * 2026-27" for 2026/27 on a baseline of 14 is 7. No target for the year is #N/A naming the years
 * there are; targets for different measures in one cell, or two for one year, are refused
 * rather than guessed between.
 */
export function targetFor(cell: unknown, year: TargetYear, baseline: number | null): number {
  const result = targetResult(cell, year, baseline);
  if (result instanceof HnbError) throw result;
  return result;
}

/**
 * targetFor's answer, with the error handed back rather than thrown: most cells of a scorecard
 * sheet ask for a year their target cell has no target for, and a throw costs more than the rule.
 */
export function targetResult(cell: unknown, year: TargetYear, baseline: number | null): number | HnbError {
  const chosen = targetsFor(cell, year);
  if (chosen instanceof HnbError) return chosen;
  if (chosen.length === 1) return targetValue(chosen[0]!, baseline);
  const values = [...new Set(chosen.map((t) => targetValue(t, baseline)))];
  if (values.length > 1) return valueError(`${quote(cell)} gives ${values.length} different targets for ${describeYear(year)}: keep one.`);
  return values[0]!;
}

/**
 * The targets a cell sets for a year, or why it sets none. A scorecard sheet asks each cell for
 * the same years at every recalculation, mostly to be told there is no target for that year: the
 * answer is kept with the cell's reading, so a repeated question costs a lookup.
 */
function targetsFor(cell: unknown, year: TargetYear): readonly Omit<Target, "year">[] | HnbError {
  const reading = readTargets(cell);
  const key = `${year.kind}${year.year}/${year.month ?? ""}`;
  let answers = answersByReading.get(reading);
  const known = answers?.get(key);
  if (known) return known;
  const answer = answerFor(reading, cell, year);
  if (!Object.isFrozen(reading)) return answer;
  if (!answers) answersByReading.set(reading, (answers = new Map()));
  // A cell is asked for a few years; a text typed as a year each time would grow this without end.
  if (answers.size < 64) answers.set(key, answer);
  return answer;
}

/** Kept only for readings readTargets keeps (frozen): they go when it lets them go. */
const answersByReading = new WeakMap<TargetReading, Map<string, readonly Omit<Target, "year">[] | HnbError>>();

function answerFor(reading: TargetReading, cell: unknown, year: TargetYear): readonly Omit<Target, "year">[] | HnbError {
  if (reading.tooLong) {
    return valueError(`The target cell holds ${grouped(String(cell).length)} characters: a target is a sentence or two, so it is not read. Put the targets in a cell of their own.`);
  }
  if (reading.targets.length === 0 && reading.undated.length === 0) {
    // Words and ratings ("Good by 2/2017", "in line with national") set no figure: never one made from a date or a grade.
    return naError(`${quote(cell)} sets no figure to measure against: write the target as a figure, such as "65% by 2026/27".`);
  }
  if (reading.severalMeasures) {
    const measures = [...new Set([...reading.targets, ...reading.undated].map((t) => t.measure || "the indicator itself"))];
    return valueError(`${quote(cell)} holds targets for different measures (${measures.join("; ")}): give each measure its own row.`);
  }
  const matching = reading.targets.filter((t) => sameYear(t.year, year));
  // A target for the year itself comes before one written with no year, which holds for any.
  const exact = matching.filter((t) => t.year.kind === year.kind && t.year.year === year.year);
  const chosen: readonly Omit<Target, "year">[] = exact.length > 0 ? exact : matching.length > 0 ? matching : reading.undated;
  if (chosen.length === 0) {
    return naError(`No target for ${describeYear(year)}: the cell sets targets for ${yearsHeld(reading.targets)}.`);
  }
  return chosen;
}

export type KpiColour = Extract<Colour, "Green" | "Amber" | "Red">;

/** Short of target by no more than this share of it is Amber rather than Red. */
export const DEFAULT_TOLERANCE = 0.1;

/**
 * An indicator's status: met (or beaten) is Green; short by no more than the tolerance, a share
 * of the target, is Amber; further short is Red. `direction` says which way is better.
 */
export function kpiColour(actual: number, target: number, direction: Direction = "higher", tolerance = DEFAULT_TOLERANCE): KpiColour {
  if (!(tolerance >= 0)) throw valueError("The tolerance must be zero or more: how far short of the target, as a share of it, still counts as Amber (10% by default).");
  const short = direction === "higher" ? target - actual : actual - target;
  // Figures as Excel sums them (0.1 + 0.2) are compared to the penny's worth, not the last bit.
  const slack = 1e-9 * Math.max(1, Math.abs(target));
  if (short <= slack) return "Green";
  return short <= tolerance * Math.abs(target) + slack ? "Amber" : "Red";
}

/** The key's own word for a colour. */
export function keyWordFor(colour: Colour, key: RagKey): string {
  // The status the key reads the colour's name as ("At risk", described as Amber), else one named after it.
  const index = statusIndex(colour, key);
  const status = index >= 0 ? key.statuses[index] : key.statuses.find((s) => s.colour === colour);
  if (!status) throw valueError(`The key has no ${colour} status: add one (KPISTATUS gives Green, Amber or Red).`);
  return status.name;
}

/**
 * The straight-line milestone for `year` between a baseline and a target. Years before the
 * baseline are refused; years after the target hold the target (the line does not run on past it).
 */
export function trajectory(baseline: number, baselineYear: TargetYear, target: number, targetYear: TargetYear, year: TargetYear): number {
  const from = yearEnding(baselineYear);
  const to = yearEnding(targetYear);
  const at = yearEnding(year);
  if (to <= from) throw valueError(`The target year (${describeYear(targetYear)}) must come after the baseline year (${describeYear(baselineYear)}).`);
  if (at < from) throw naError(`${describeYear(year)} is before the baseline year (${describeYear(baselineYear)}): there is no milestone for it.`);
  if (at >= to) return target;
  return baseline + ((target - baseline) * (at - from)) / (to - from);
}

export type Trend = "improving" | "worse" | "no change";

/**
 * The trend in words from the last two figures of a series (blanks skipped): null with fewer
 * than two. A change of less than a millionth of the figure is no change.
 */
export function trend(values: readonly (number | null)[], direction: Direction = "higher"): Trend | null {
  const figures = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (figures.length < 2) return null;
  const latest = figures[figures.length - 1]!;
  const before = figures[figures.length - 2]!;
  if (Math.abs(latest - before) <= 1e-6 * Math.max(1, Math.abs(before))) return "no change";
  return latest > before === (direction === "higher") ? "improving" : "worse";
}

/**
 * A figure as a scorecard cell holds it, as a cell value: 0.52 for "52%" or "Satisfaction 52%",
 * 14 for "Tribunals 2024-25: 14", 9,600,000 for "£9.6m (2024-25)". Null for a blank or a text
 * that states no figure.
 */
export function figureValue(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (raw === null || raw === undefined) return null;
  const read = figureWritten(String(raw));
  if (!read || !(Math.abs(read.value) <= LARGEST_CELL_NUMBER)) return null;
  return read.unit === "%" ? read.value / 100 : read.value;
}

/** Whether a scorecard cell states a percentage: typed with "%", so its figure is a share. */
export function writtenAsPercentage(raw: unknown): boolean {
  if (typeof raw !== "string") return false;
  return figureWritten(raw)?.unit === "%";
}

/**
 * An actual and a target compared only where they measure alike: 55 against "60%" is a count
 * against a share, and reading it as 55 (5,500%) against 60% would call it Green. A plain number
 * of at most 1 may be a percentage Excel holds as a fraction (55% is 0.55), so it is let through.
 */
export function requireAlike(actual: { raw: unknown; value: number }, target: { raw: unknown; value: number }): void {
  const mismatch = (share: { raw: unknown }, other: { raw: unknown; value: number }) => writtenAsPercentage(share.raw) && !writtenAsPercentage(other.raw) && Math.abs(other.value) > 1;
  if (mismatch(target, actual)) {
    throw valueError(`The actual (${quote(actual.raw)}) is a count or an amount but the target (${quote(target.raw)}) is a percentage: give the actual as a percentage too.`);
  }
  if (mismatch(actual, target)) {
    throw valueError(`The actual (${quote(actual.raw)}) is a percentage but the target (${quote(target.raw)}) is a count or an amount: give the target as a percentage too.`);
  }
}

const FEWER_WORDS = /\b(?:fewer|reduc\w*|lower|less|cut|decreas\w*|down)\b/i;

/**
 * Which way is better when a scorecard does not say: lower where a target is a reduction or lies
 * below the baseline, higher where it lies above; failing both, lower where the objective says
 * fewer, less or reduce. A guess, to be shown as one.
 */
export function guessDirection(targets: readonly Target[], baseline: number | null, objective: string): Direction {
  if (targets.some((t) => t.change === "reduction")) return "lower";
  if (targets.some((t) => t.change === "increase")) return "higher";
  const plain = targets.find((t) => !t.change);
  if (plain && baseline !== null) {
    const value = plain.unit === "%" ? plain.value / 100 : plain.value;
    if (value < baseline) return "lower";
    if (value > baseline) return "higher";
  }
  return FEWER_WORDS.test(objective) ? "lower" : "higher";
}
