/**
 * A scorecard table's indicators as the checks and the paper read them: each row's baseline,
 * targets, actuals by period, latest actual, the target it is judged against, status and trend,
 * worked out by the same rules as HNB.TARGET, KPISTATUS and TREND (core/scorecard).
 */
import { HnbError } from "../errors";
import { formatFigure, formatMoney } from "../money";
import { type RagKey, statusIndex } from "../rag";
import {
  DEFAULT_TOLERANCE,
  type Direction,
  type Trend,
  describeYear,
  figureValue,
  guessDirection,
  keyWordFor,
  kpiColour,
  parseDirection,
  targetValue,
  trend as trendOf,
  yearEnding,
} from "../scorecard";
import { readShare } from "../shares";
import { type TargetReading, type TargetYear, figureWritten, readTargets, yearsWritten } from "../targets";
import { financialYearStart, yearLabel } from "../years";
import { keyOf } from "./key-sheet";
import { isItemRow, placedCells } from "./rows";
import type { ColumnMapping, Field, Table, TableRow } from "./types";

export interface Actual {
  /** The period as its heading names it: "Actual Q2 2025/26". */
  period: string;
  column: number;
  value: number | null;
  raw: unknown;
}

export interface IndicatorTarget {
  value: number;
  year: TargetYear;
  /** "now": set for the year being reported; "next": the next one due, for a year to come. */
  due: "now" | "next";
}

export interface Indicator {
  row: TableRow;
  ref: string;
  perspective: string;
  objective: string;
  measure: string;
  /** What the paper calls it: the measure, else the objective, else the ref. */
  name: string;
  baseline: number | null;
  /** The baseline's year as written ("2024/25"), or "". */
  baselineYear: string;
  targetText: string;
  reading: TargetReading;
  unit: "%" | "£" | "count" | null;
  actuals: Actual[];
  /** The latest figure: the last actual given, or the current performance where there are no actual columns. */
  latest: { period: string; value: number } | null;
  direction: Direction;
  /** True when the direction was not given and was read from the target or the objective's words. */
  directionGuessed: boolean;
  tolerance: number;
  target: IndicatorTarget | null;
  /** The status the row states, in the key's words, or null for none. */
  stated: string | null;
  /** The status worked out from the latest actual and the target for the year, or null when it cannot be. */
  worked: string | null;
  trend: Trend | null;
}

function columnOf(table: Table, field: Field): ColumnMapping | undefined {
  return table.columns.find((c) => c.field === field);
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** An indicator of money, where nothing else gives its unit: "Reduce independent placement costs". */
const MONEY_WORDS = /(?:£|\b(?:costs?|spend|spending|expenditure|funding|overspend|budget|savings?)\b)/i;

/** The year a report as of `asOf` judges targets for: the financial year it falls in. */
export function reportYear(asOf: number | undefined): TargetYear | null {
  if (asOf === undefined) return null;
  const start = financialYearStart(asOf);
  return { text: yearLabel(start), year: start, kind: "pair" };
}

/**
 * The year a scorecard's statuses are for: the year its "Target for" heading names, which its own
 * status formulas judge by, else the financial year of the report date.
 */
export function scorecardYear(table: Table, asOf: number | undefined): TargetYear | null {
  const now = columnOf(table, "targetNow");
  if (now?.year !== undefined) return { text: yearLabel(now.year), year: now.year, kind: "pair" };
  return reportYear(asOf);
}

/** A figure shown as the indicator's unit shows it: 52%, £9,120,000, 7. */
export function formatIndicatorFigure(value: number, unit: Indicator["unit"]): string {
  if (unit === "%") return `${Number((value * 100).toFixed(2))}%`;
  if (unit === "£") return formatMoney(value);
  return formatFigure(value);
}

function targetNow(reading: TargetReading, year: TargetYear | null, baseline: number | null): IndicatorTarget | null {
  if (reading.severalMeasures || reading.targets.length === 0) return null;
  const value = (t: (typeof reading.targets)[number]): number | null => {
    try {
      return targetValue(t, baseline);
    } catch (error) {
      if (error instanceof HnbError) return null;
      throw error;
    }
  };
  const sorted = [...reading.targets].sort((a, b) => yearEnding(a.year) - yearEnding(b.year));
  if (year) {
    const now = sorted.find((t) => yearEnding(t.year) === yearEnding(year));
    const v = now ? value(now) : null;
    if (now && v !== null) return { value: v, year: now.year, due: "now" };
  }
  const next = sorted.find((t) => !year || yearEnding(t.year) > yearEnding(year));
  const v = next ? value(next) : null;
  return next && v !== null ? { value: v, year: next.year, due: "next" } : null;
}

/** The scorecard's indicators, row by row, judged as of `asOf` (an Excel date) when one is given. */
export function indicatorsOf(table: Table, asOf?: number): Indicator[] {
  const { key } = keyOf(table);
  const col = (f: Field) => columnOf(table, f)?.index;
  const ref = col("ref");
  const perspective = col("perspective");
  const objective = col("aims") ?? col("outcomes") ?? col("action");
  const measure = col("measure");
  const current = col("current");
  const target = col("target");
  const now = columnOf(table, "targetNow");
  const rag = col("rag");
  const direction = col("direction");
  const tolerance = col("tolerance");
  const actualColumns = table.columns.filter((c) => c.field === "actual").sort((a, b) => a.index - b.index);
  const year = scorecardYear(table, asOf);
  const out: Indicator[] = [];
  for (const row of table.rows) {
    if (!isItemRow(row)) continue;
    const cells = placedCells(row);
    const cell = (c: number | undefined) => (c === undefined ? null : cells[c] ?? null);
    const baselineRaw = cell(current);
    const baseline = figureValue(baselineRaw);
    const targetText = text(cell(target));
    const reading = readTargets(targetText);
    const written = typeof baselineRaw === "string" ? figureWritten(baselineRaw) : null;
    // A change ("5% reduction") is in the baseline's unit, not a percentage of its own.
    const unit = reading.targets.find((t) => !t.change)?.unit ?? written?.unit ?? (MONEY_WORDS.test(`${text(cell(objective))} ${text(cell(measure))}`) ? "£" : null);
    const actuals = actualColumns.map((c) => ({ period: c.header.replace(/^\s*actuals?\s*/i, "") || c.header, column: c.index, raw: cell(c.index), value: figureValue(cell(c.index)) }));
    const last = [...actuals].reverse().find((a) => a.value !== null);
    const baselineYear = typeof baselineRaw === "string" ? yearsWritten(baselineRaw)[0] : undefined;
    const latest = last
      ? { period: last.period, value: last.value! }
      : actualColumns.length === 0 && baseline !== null
        ? { period: baselineYear ? `current, ${describeYear(baselineYear)}` : "current", value: baseline }
        : null;
    const given = parseDirection(cell(direction));
    const objectiveText = text(cell(objective));
    const guessed = guessDirection(reading.targets, baseline, objectiveText);
    let share = DEFAULT_TOLERANCE;
    const tol = cell(tolerance);
    if (tol !== null && text(tol) !== "") {
      try {
        share = readShare(tol, "The tolerance");
      } catch {
        share = DEFAULT_TOLERANCE;
      }
    }
    const stated = (() => {
      if (rag === undefined) return null;
      const i = statusIndex(cell(rag), key);
      return i >= 0 ? key.statuses[i]!.name : null;
    })();
    const nowValue = now ? figureValue(cell(now.index)) : null;
    const chosen: IndicatorTarget | null =
      nowValue !== null && now?.year !== undefined ? { value: nowValue, year: { text: yearLabel(now.year), year: now.year, kind: "pair" }, due: "now" } : targetNow(reading, year, baseline);
    const dir = given ?? guessed;
    const worked = chosen && chosen.due === "now" && latest ? statusWord(kpiColour(latest.value, chosen.value, dir, share), key) : null;
    const name = text(cell(measure)) || objectiveText || text(cell(ref));
    out.push({
      row,
      ref: text(cell(ref)),
      perspective: text(cell(perspective)) || row.section || "",
      objective: objectiveText,
      measure: text(cell(measure)),
      name,
      baseline,
      baselineYear: text(cell(col("baselineYear"))) || (baselineYear ? describeYear(baselineYear) : ""),
      targetText,
      reading,
      unit,
      actuals,
      latest,
      direction: dir,
      directionGuessed: given === null,
      tolerance: share,
      target: chosen,
      stated,
      worked,
      trend: trendOf(actuals.map((a) => a.value), dir),
    });
  }
  return out;
}

function statusWord(colour: Parameters<typeof keyWordFor>[0], key: RagKey): string {
  try {
    return keyWordFor(colour, key);
  } catch {
    return colour;
  }
}

/** "7 by 2026/27", "65% for 2025/26": a target as the paper states it. */
export function describeTarget(t: IndicatorTarget, unit: Indicator["unit"]): string {
  return `${formatIndicatorFigure(t.value, unit)} ${t.due === "now" ? "for" : "by"} ${describeYear(t.year)}`;
}

export interface ScorecardLine {
  ref: string;
  perspective: string;
  name: string;
  /** "58% (Actual Q2 2025/26)", or "" with none. */
  latest: string;
  /** "65% for 2025/26", "7 by 2026/27 (next due)", or "" with none read. */
  target: string;
  status: string;
  /** Where the status came from: the sheet's own, worked out here, or none. */
  statusFrom: "stated" | "worked" | "none";
  trend: string;
}

export interface ScorecardSummary {
  sheet: string;
  /** The year the statuses are judged for ("2025/26"), or null with no report date. */
  year: string | null;
  lines: ScorecardLine[];
  /** Green, Amber, Red in the key's words, then "No status". */
  counts: { status: string; count: number }[];
  notes: string[];
}

export const NO_STATUS = "No status";

/** A scorecard's section of the paper: each indicator's latest actual against its target, status and trend. */
export function scorecardSummary(table: Table, asOf?: number): ScorecardSummary {
  const { key } = keyOf(table);
  const indicators = indicatorsOf(table, asOf);
  const year = scorecardYear(table, asOf);
  const lines: ScorecardLine[] = indicators.map((i) => {
    const status = i.stated ?? i.worked;
    return {
      ref: i.ref,
      perspective: i.perspective,
      name: i.name,
      latest: i.latest
        ? `${formatIndicatorFigure(i.latest.value, i.unit)} (${i.latest.period})`
        : i.baseline !== null
          ? `none yet (baseline ${formatIndicatorFigure(i.baseline, i.unit)}${i.baselineYear ? `, ${i.baselineYear}` : ""})`
          : "",
      target: i.target ? `${describeTarget(i.target, i.unit)}${i.target.due === "next" ? " (next due)" : ""}` : "",
      status: status ?? NO_STATUS,
      statusFrom: i.stated ? "stated" : i.worked ? "worked" : "none",
      trend: i.trend ?? "",
    };
  });
  const order = (["Green", "Amber", "Red"] as const).map((c) => statusWord(c, key));
  const counts = order.map((status) => ({ status, count: lines.filter((l) => l.status === status).length }));
  for (const l of lines) if (!order.includes(l.status) && !counts.some((c) => c.status === l.status)) counts.push({ status: l.status, count: lines.filter((x) => x.status === l.status).length });
  const notes: string[] = [];
  const worked = lines.filter((l) => l.statusFrom === "worked").length;
  if (worked > 0) notes.push(`${worked === lines.length ? "Every status is" : `${worked} of the ${lines.length} statuses are`} worked out from the latest actual against the target for ${year ? year.text : "the year"}: met is Green, short by no more than the tolerance (10% of the target unless the sheet says otherwise) Amber, further short Red.`);
  const none = lines.filter((l) => l.statusFrom === "none").length;
  if (none > 0) notes.push(`${none} indicator${none === 1 ? " has" : "s have"} no status: no actual yet, or no target ${year ? `for ${year.text}` : "for the year"} (the next target due is shown).`);
  const several = indicators.filter((i) => i.reading.severalMeasures);
  for (const i of several) notes.push(`${i.ref || i.name}: the target “${i.targetText}” sets targets for more than one measure, so no status is given; give each measure its own row.`);
  return { sheet: table.sheet, year: year?.text ?? null, lines, counts, notes };
}
