import { count, valueError } from "./errors";
import { cleanSum } from "./grid";
import { formatFigure } from "./money";

/**
 * The DSG deficit corkscrew: for each financial year, brought forward + the year's movements
 * (transfer from the Schools Block, High Needs allocation, placement costs…) = carried forward,
 * and each year's brought forward is the year before's carried forward. Deficits are positive;
 * income and surplus are negative (brackets on the sheet). Figures stay in the sheet's unit.
 */

export function carryForward(broughtForward: number, movements: number[][]): number {
  let total = broughtForward;
  for (const row of movements) for (const v of row) total += v;
  return cleanSum(total);
}

/** Each year's movements: the sum of every line (row) in that year's column. */
export function yearTotals(movements: number[][]): number[] {
  const years = movements[0]?.length ?? 0;
  const totals = new Array<number>(years).fill(0);
  for (const row of movements) {
    if (row.length !== years) throw valueError("Every budget line must have a figure cell for each year.");
    for (let y = 0; y < years; y++) totals[y]! += row[y]!;
  }
  return totals;
}

/**
 * Carried-forward balance for each year from an opening balance. With an impact row (in-year
 * recovery-plan effects, negative = saving) the effects are added year by year, so they
 * accumulate in the balance: the mitigated path.
 */
export function deficitPath(opening: number, movements: number[][], impact?: number[] | null): number[] {
  const totals = yearTotals(movements);
  if (impact && impact.length !== totals.length) {
    throw valueError(
      `The impact row has ${count(impact.length, "year")} but the movements have ${totals.length}.`,
    );
  }
  const path = new Array<number>(totals.length);
  let balance = opening;
  for (let y = 0; y < totals.length; y++) {
    balance += totals[y]! + (impact ? impact[y]! : 0);
    path[y] = cleanSum(balance);
  }
  return path;
}

export type CorkscrewBreakKind = "balance" | "column";

export interface CorkscrewBreak {
  /** 0-based year (column) index */
  year: number;
  label: string;
  kind: CorkscrewBreakKind;
  /** balance: the previous year's carried forward; column: what the lines add to */
  expected: number;
  /** balance: this year's brought forward; column: the carried forward the sheet states */
  actual: number;
  gap: number;
  message: string;
}

export function defaultYearLabel(index: number): string {
  return `year ${index + 1}`;
}

/**
 * Every break in a corkscrew, in year order, balance before column within a year. `tolerance`
 * (default 0.5, half a unit) allows for rounding: use 1 for tables rounded to the nearest £000.
 */
export function corkscrewBreaks(
  broughtForward: number[],
  movements: number[][],
  carriedForward: number[],
  labels: string[] = [],
  tolerance = 0.5,
): CorkscrewBreak[] {
  const years = broughtForward.length;
  if (carriedForward.length !== years) {
    throw valueError(
      `Brought forward has ${count(years, "year")} but carried forward has ${carriedForward.length}: select the same years for both.`,
    );
  }
  const totals = movements.length === 0 ? new Array<number>(years).fill(0) : yearTotals(movements);
  if (totals.length !== years) {
    throw valueError(`The movements cover ${count(totals.length, "year")} but brought forward has ${years}.`);
  }
  if (labels.length > 0 && labels.length !== years) {
    throw valueError(`There ${labels.length === 1 ? "is" : "are"} ${count(labels.length, "year label")} for ${count(years, "year")}.`);
  }
  const label = (y: number): string => labels[y] || defaultYearLabel(y);
  const breaks: CorkscrewBreak[] = [];
  for (let y = 0; y < years; y++) {
    if (y > 0) {
      const expected = carriedForward[y - 1]!;
      const actual = broughtForward[y]!;
      const gap = cleanSum(actual - expected);
      if (Math.abs(gap) > tolerance) {
        breaks.push({
          year: y,
          label: label(y),
          kind: "balance",
          expected,
          actual,
          gap,
          message: `${label(y)} brought forward is ${formatFigure(actual)} but ${label(y - 1)} carried forward ${formatFigure(expected)}: a gap of ${formatFigure(Math.abs(gap))}.`,
        });
      }
    }
    const expected = cleanSum(broughtForward[y]! + totals[y]!);
    const actual = carriedForward[y]!;
    const gap = cleanSum(actual - expected);
    if (Math.abs(gap) > tolerance) {
      breaks.push({
        year: y,
        label: label(y),
        kind: "column",
        expected,
        actual,
        gap,
        message: `${label(y)} lines add to ${formatFigure(expected)} but carried forward says ${formatFigure(actual)}: a gap of ${formatFigure(Math.abs(gap))}.`,
      });
    }
  }
  return breaks;
}

/** TRUE when the corkscrew holds, else one sentence on the first year that breaks (all its breaks). */
export function corkscrewVerdict(breaks: CorkscrewBreak[]): true | string {
  if (breaks.length === 0) return true;
  const first = breaks[0]!.year;
  const inYear = breaks.filter((b) => b.year === first).map((b) => b.message);
  const more = breaks.filter((b) => b.year !== first).length;
  const tail = more > 0 ? ` ${count(more, "more break")} in later years.` : "";
  return `${inYear.join(" ")}${tail}`;
}

/** The first year whose balance is no longer a deficit (zero or a surplus). */
export function recoveryYear(closingBalances: number[], labels: string[]): string {
  if (labels.length !== closingBalances.length) {
    throw valueError(
      `There ${closingBalances.length === 1 ? "is" : "are"} ${count(closingBalances.length, "balance")} but ${count(labels.length, "year label")}: select one label per balance.`,
    );
  }
  if (closingBalances.length === 0) throw valueError("Select at least one year's closing balance.");
  for (let y = 0; y < closingBalances.length; y++) {
    if (closingBalances[y]! <= 0) return labels[y] || defaultYearLabel(y);
  }
  const last = closingBalances.length - 1;
  return `Not recovered by ${labels[last] || defaultYearLabel(last)}`;
}

/** The share of the Schools Block that Schools Forum may approve moving to High Needs. */
export const SCHOOLS_FORUM_LIMIT = 0.005;

export interface TransferVerdict {
  share: number;
  approver: "Schools Forum" | "Secretary of State";
  message: string;
}

export function transferCheck(transfer: number, schoolsBlock: number): TransferVerdict {
  if (!(schoolsBlock > 0)) {
    throw valueError("The Schools Block must be a positive amount (the block's total for the year).");
  }
  // A transfer is often shown in brackets as income to High Needs: its size is what matters.
  const share = Math.abs(transfer) / schoolsBlock;
  // A share no percentage can show ("Infinity%") is a figure typed wrong, not a transfer.
  if (!Number.isFinite(share) || share > 1e9) {
    throw valueError("The transfer is far larger than the Schools Block: check both figures are in the same unit (£, £000 or £m).");
  }
  const within = share <= SCHOOLS_FORUM_LIMIT + 1e-12;
  let percent = (share * 100).toFixed(2);
  if (!within && percent === "0.50") percent = (share * 100).toFixed(3);
  if (within) {
    return {
      share,
      approver: "Schools Forum",
      message: `${percent}% of the Schools Block: within the 0.5% limit, so Schools Forum may approve it.`,
    };
  }
  return {
    share,
    approver: "Secretary of State",
    message: `${percent}% of the Schools Block: above the 0.5% limit, so it needs the Secretary of State's approval (a disapplication request).`,
  };
}
