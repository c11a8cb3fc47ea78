/**
 * The Scorecard template's layout, shared by the template (app/templates) and the import of a
 * pasted scorecard, so both give the same sheet that reads back the same way: the targets as the
 * strategy wrote them, read for each year in a heading by HNB.TARGET; actuals by period; the
 * status by HNB.KPISTATUS against the target for the year the "Target for" heading names; the
 * trend by HNB.TREND.
 */
import { columnLetters } from "./location";
import type { ColumnFormat, Field } from "./types";

export type ScorecardColumn =
  | "ref"
  | "perspective"
  | "objective"
  | "measure"
  | "baseline"
  | "baselineYear"
  | "target"
  | "direction"
  | "tolerance"
  | "targetNow"
  | "status"
  | "trend";

export interface ScorecardValues {
  ref: unknown;
  perspective: unknown;
  objective: unknown;
  measure: unknown;
  baseline: unknown;
  baselineYear: unknown;
  target: unknown;
  actuals: readonly unknown[];
  direction: unknown;
  tolerance: unknown;
}

export interface ScorecardLayout {
  headers: string[];
  fields: (Field | null)[];
  formats: ColumnFormat[];
  /** The last column's letters. */
  lastColumn: string;
  index(column: ScorecardColumn): number;
  column(column: ScorecardColumn): string;
  /** Columns that hold formulas, and the formula for one of them on a sheet row (1-based). */
  formulaColumns: number[];
  formula(column: number, row: number): string;
  /** A row's cells: values, with the formulas in their columns. */
  row(row: number, values: ScorecardValues): unknown[];
  /** The actuals' columns, one a period, in order. */
  actualColumns: number[];
  /** A row's figures (baseline, targets, actuals, the target for the year), which take its unit's format. */
  figureColumns: number[];
  explanation: string[];
  widths: { column: string; width: number }[];
}

const FIXED_BEFORE: [ScorecardColumn, string, Field, number][] = [
  ["ref", "Ref", "ref", 6],
  ["perspective", "Perspective", "perspective", 16],
  ["objective", "Objective", "aims", 30],
  ["measure", "Measure", "measure", 36],
  ["baseline", "Baseline", "current", 12],
  ["baselineYear", "Baseline year", "baselineYear", 10],
  ["target", "Target (as written)", "target", 34],
];
const FIXED_AFTER: [ScorecardColumn, string, Field, number][] = [
  ["direction", "Direction", "direction", 10],
  ["tolerance", "Tolerance", "tolerance", 10],
];

/**
 * The layout for targets in `years` ("2025/26"), actuals for `periods` ("Q1 2025/26") and
 * statuses for `reportYear`; `key` names the RAG key range the status takes its words from.
 */
export function scorecardLayout(years: readonly string[], periods: readonly string[], reportYear: string, key?: string): ScorecardLayout {
  const headers: string[] = [];
  const fields: (Field | null)[] = [];
  const formats: ColumnFormat[] = [];
  const widths: { column: string; width: number }[] = [];
  const at = new Map<ScorecardColumn, number>();
  const add = (header: string, field: Field, format: ColumnFormat, width: number, name?: ScorecardColumn) => {
    if (name) at.set(name, headers.length);
    widths.push({ column: columnLetters(headers.length), width });
    headers.push(header);
    fields.push(field);
    formats.push(format);
  };
  for (const [name, header, field, width] of FIXED_BEFORE) add(header, field, name === "baseline" ? "number" : "text", width, name);
  const yearColumns = years.map((y) => {
    add(`Target ${y}`, "targetYear", "number", 11);
    return headers.length - 1;
  });
  const actualColumns = periods.map((p) => {
    add(`Actual ${p}`, "actual", "number", 11);
    return headers.length - 1;
  });
  for (const [name, header, field, width] of FIXED_AFTER) add(header, field, name === "tolerance" ? "number" : "text", width, name);
  add(`Target for ${reportYear}`, "targetNow", "number", 12, "targetNow");
  add("Status", "rag", "status", 9, "status");
  add("Trend", "trend", "text", 11, "trend");

  const index = (c: ScorecardColumn) => at.get(c)!;
  const letter = (c: ScorecardColumn) => columnLetters(index(c));
  const cell = (c: ScorecardColumn, row: number) => `$${letter(c)}${row}`;
  const actuals = (row: number) =>
    actualColumns.length === 0 ? null : `${columnLetters(actualColumns[0]!)}${row}:${columnLetters(actualColumns[actualColumns.length - 1]!)}${row}`;
  // A year with no target, or a target that cannot be read, leaves the cell blank: the checks say why.
  const targetFormula = (column: number, row: number) => `=IFERROR(HNB.TARGET(${cell("target", row)},${columnLetters(column)}$1,${cell("baseline", row)}),"")`;
  const formula = (column: number, row: number): string => {
    if (yearColumns.includes(column) || column === index("targetNow")) return targetFormula(column, row);
    const range = actuals(row);
    if (column === index("status")) {
      if (!range) return "";
      const now = `${letter("targetNow")}${row}`;
      return `=IF(OR(${now}="",COUNT(${range})=0),"",HNB.KPISTATUS(${range},${now},${letter("direction")}${row},${letter("tolerance")}${row}${key ? `,${key}` : ""}))`;
    }
    if (column === index("trend")) return range ? `=HNB.TREND(${range},${letter("direction")}${row})` : "";
    return "";
  };
  const formulaColumns = [...yearColumns, index("targetNow"), index("status"), index("trend")];
  const lastColumn = columnLetters(headers.length - 1);
  return {
    headers,
    fields,
    formats,
    lastColumn,
    index,
    column: letter,
    formulaColumns,
    formula,
    row(row, v) {
      const out: unknown[] = new Array(headers.length).fill(null);
      out[index("ref")] = v.ref;
      out[index("perspective")] = v.perspective;
      out[index("objective")] = v.objective;
      out[index("measure")] = v.measure;
      out[index("baseline")] = v.baseline;
      out[index("baselineYear")] = v.baselineYear;
      out[index("target")] = v.target;
      actualColumns.forEach((c, i) => (out[c] = v.actuals[i] ?? null));
      out[index("direction")] = v.direction;
      out[index("tolerance")] = v.tolerance;
      for (const c of formulaColumns) out[c] = formula(c, row) || null;
      return out;
    },
    actualColumns,
    figureColumns: [index("baseline"), ...yearColumns, ...actualColumns, index("targetNow")],
    explanation: [
      `Each "Target" column reads the year in its heading from the targets as written (HNB.TARGET): change the heading's year and the column follows. A target that is a reduction or increase is worked out from the baseline.`,
      `Status is HNB.KPISTATUS of the latest actual against the target for ${reportYear} (the year in the "Target for" heading): met is Green, short by no more than the tolerance (a share of the target) Amber, further short Red. Direction says whether higher or lower is better.`,
      `Trend is HNB.TREND of the last two actuals: improving, worse or no change.`,
    ],
    widths,
  };
}
