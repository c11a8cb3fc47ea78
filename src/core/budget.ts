import { valueError } from "./errors";
import { type RangeOrigin, cleanSum } from "./grid";
import { columnLetters } from "./table/location";
import { formatFigure } from "./money";
import { transpositionOf } from "./savings";

/**
 * Budget monitoring arithmetic: variance by a stated sign convention, and a table that must
 * cross-foot (rows across to a Total column, columns down to a Total row, both to the grand
 * total). The checks on imported budget tables and the HNB functions share these.
 */

/**
 * Which way round a variance is taken. Councils differ: most report outturn − budget (an
 * overspend positive), some budget − outturn (an underspend positive).
 */
export type VarianceConvention = "outturn-budget" | "budget-outturn";

export const CONVENTION_WORDS: Record<VarianceConvention, string> = {
  "outturn-budget": "outturn − budget: an overspend is positive, an underspend in brackets",
  "budget-outturn": "budget − outturn: an underspend is positive, an overspend in brackets",
};

/** The convention a cell names: blank for the usual outturn − budget. */
export function readConvention(raw: unknown): VarianceConvention {
  if (raw === null || raw === undefined || raw === "") return "outturn-budget";
  const text = String(raw).toLowerCase().replace(/\s+/g, " ").trim();
  const budgetFirst = /budget\s*[-−–]\s*(?:forecast|outturn|actual)/.test(text) || /underspend\s+(?:is\s+)?positive|positive\s+(?:is\s+)?(?:an\s+)?underspend/.test(text);
  const outturnFirst = /(?:forecast|outturn|actual)\s*[-−–]\s*budget/.test(text) || /overspend\s+(?:is\s+)?positive|positive\s+(?:is\s+)?(?:an\s+)?overspend/.test(text);
  if (budgetFirst && !outturnFirst) return "budget-outturn";
  if (outturnFirst && !budgetFirst) return "outturn-budget";
  throw valueError(`“${String(raw)}” is not a variance convention: give "outturn - budget" (an overspend positive) or "budget - outturn" (an underspend positive).`);
}

export function variance(budget: number, outturn: number, convention: VarianceConvention = "outturn-budget"): number {
  const result = cleanSum(convention === "outturn-budget" ? outturn - budget : budget - outturn);
  if (!Number.isFinite(result)) throw valueError("The budget and outturn are too large to take one from the other.");
  return result;
}

/** "two transposed digits" in words, when swapping two adjacent digits of `stated` gives `target`, or the gap divides by 9. */
export function transpositionHint(stated: number, target: number, tolerance: number, format: (value: number) => string = formatFigure): string {
  const swapped = transpositionOf(stated, target, tolerance);
  if (swapped !== null) return ` Swapping two adjacent digits of ${format(stated)} gives ${format(swapped)}: it looks like a transposition.`;
  const gap = cleanSum(stated - target);
  if (Number.isInteger(gap) && gap !== 0 && gap % 9 === 0) return ` The gap of ${format(Math.abs(gap))} divides by 9, the mark of two transposed digits.`;
  return "";
}

export interface CrossFootBreak {
  /** What does not add: a row across to its total, a column down to its total, or the two grand totals. */
  along: "row" | "column" | "grand";
  /** 0-based row or column within the range (the total row or column for "grand"). */
  index: number;
  sum: number;
  stated: number;
  message: string;
}

/**
 * A block whose last column totals each row and whose last row totals each column: every row,
 * every column and the grand total checked. The first break is returned with the others
 * counted, so one wrong cell is named once rather than as the row and column it throws out.
 */
export function crossFoot(values: number[][], tolerance = 0.5, format: (value: number) => string = formatFigure, origin?: RangeOrigin): CrossFootBreak | null {
  const rows = values.length;
  const width = values[0]?.length ?? 0;
  if (rows < 2 || width < 2) throw valueError("A cross-foot needs at least two rows and two columns: the figures, with a Total column on the right and a Total row at the foot.");
  if (values.some((row) => row.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e15))) throw valueError("The figures are too large to add up reliably (over a thousand million million).");
  const breaks: CrossFootBreak[] = [];
  for (let r = 0; r < rows; r++) {
    const row = values[r]!;
    const sum = cleanSum(row.slice(0, width - 1).reduce((a, b) => a + b, 0));
    const stated = row[width - 1]!;
    if (Math.abs(sum - stated) > tolerance) {
      // Rows and columns as Excel shows them where the range's place on the sheet is known.
      const what = r === rows - 1 ? "The Total row" : origin ? `Row ${origin.row + r + 1}` : `Row ${r + 1}`;
      breaks.push({ along: "row", index: r, sum, stated, message: `${what} adds across to ${format(sum)} but its total says ${format(stated)}: a gap of ${format(Math.abs(cleanSum(stated - sum)))}.${transpositionHint(stated, sum, tolerance, format)}` });
    }
  }
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let r = 0; r < rows - 1; r++) sum += values[r]![c]!;
    sum = cleanSum(sum);
    const stated = values[rows - 1]![c]!;
    if (Math.abs(sum - stated) > tolerance) {
      const what = c === width - 1 ? "The Total column" : origin ? `Column ${columnLetters(origin.column + c)}` : `Column ${c + 1}`;
      breaks.push({ along: "column", index: c, sum, stated, message: `${what} adds down to ${format(sum)} but the Total row says ${format(stated)}: a gap of ${format(Math.abs(cleanSum(stated - sum)))}.${transpositionHint(stated, sum, tolerance, format)}` });
    }
  }
  if (breaks.length === 0) return null;
  const first = breaks[0]!;
  const others = breaks.length - 1;
  return others === 0 ? first : { ...first, message: `${first.message} (${others === 1 ? "1 other row or column does" : `${others} other rows or columns do`} not add either.)` };
}

/** Decimal places a figure is given to, as typed (" -8.1" → 1, "3.20" → 2) or as held. */
export function decimalsOf(raw: unknown): number {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.replace(/[,\s£()]/g, "") : "";
  const m = /\.(\d+)/.exec(text);
  return m ? m[1]!.length : 0;
}

/**
 * The sign convention a table's own lines follow: the way most of them take the variance (lines
 * with no variance pass no vote), outturn − budget when they are even. With how many agree.
 */
export function conventionOf(lines: readonly { budget: number; outturn: number; variance: number }[], tolerance = 0.5): { convention: VarianceConvention; agreeing: number } {
  let over = 0;
  let under = 0;
  for (const l of lines) {
    if (Math.abs(l.variance) <= tolerance) continue;
    if (Math.abs(l.variance - (l.outturn - l.budget)) <= tolerance) over++;
    else if (Math.abs(l.variance - (l.budget - l.outturn)) <= tolerance) under++;
  }
  return under > over ? { convention: "budget-outturn", agreeing: under } : { convention: "outturn-budget", agreeing: over };
}
