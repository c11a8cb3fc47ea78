import { count, naError, quote, valueError } from "./errors";
import { amountGrid, cleanSum, isBlank, sumGrid } from "./grid";
import { formatFigure } from "./money";
import { DEFAULT_KEY, type RagKey, describeKey, statusIndex } from "./rag";
import { readShare } from "./shares";

/** Savings stated per initiative per year; totals, risk-adjusted totals and stated-total checks. */

export function savingsTotal(amounts: unknown[][], skipText = false): number {
  return sumGrid(amountGrid(amounts, { skipText }));
}

/**
 * Default confidence in a saving by its status, for risk-adjusted totals: complete and on track
 * count in full, delayed at half, escalated and not started not at all.
 */
export const DEFAULT_WEIGHTS: Record<string, number> = {
  Blue: 1,
  Green: 1,
  Amber: 0.5,
  Red: 0,
  Grey: 0,
};

/** Weight per status of the key (by index). Statuses the key names but the defaults do not are NaN until given. */
export function weightsFor(key: RagKey, overrides?: unknown[][] | null): number[] {
  const weights = key.statuses.map((s) => (s.colour !== null ? DEFAULT_WEIGHTS[s.colour]! : Number.NaN));
  if (!overrides || overrides.length === 0) return weights;
  // Two columns (status, weight) down the rows, or two rows (statuses, weights) across.
  const pairs: [unknown, unknown][] = [];
  if (overrides.every((row) => row.length === 2)) {
    for (const row of overrides) pairs.push([row[0], row[1]]);
  } else if (overrides.length === 2 && overrides[0]!.length === overrides[1]!.length) {
    overrides[0]!.forEach((status, i) => pairs.push([status, overrides[1]![i]]));
  } else {
    throw valueError("Weights must be two columns (status, weight) or two rows (statuses above weights).");
  }
  for (const [status, weight] of pairs) {
    if (isBlank(status)) continue;
    const i = statusIndex(status, key);
    if (i < 0) {
      // A header row such as "Status | Weight" is allowed.
      if (typeof weight === "string" && !/\d/.test(weight)) continue;
      throw naError(`The weight for ${quote(status)} names a status that is not in the RAG key (${describeKey(key)}).`);
    }
    weights[i] = readShare(weight, `The weight for ${key.statuses[i]!.name}`);
  }
  return weights;
}

/**
 * Column totals of a block of savings (initiatives down, years across). With one status per
 * row, each row counts at its status's weight: risk-adjusted savings.
 */
export function savingsByYear(
  amounts: unknown[][],
  statuses?: unknown[] | null,
  weightRows?: unknown[][] | null,
  key: RagKey = DEFAULT_KEY,
  /** How a row is named in a message: "Row 3" of the range by default; the paper gives sheet rows. */
  rowName: (r: number) => string = (r) => `Row ${r + 1}`,
): number[] {
  const values = amountGrid(amounts);
  const years = values[0]?.length ?? 0;
  const totals = new Array<number>(years).fill(0);
  if (!statuses) {
    for (const row of values) for (let y = 0; y < years; y++) totals[y]! += row[y]!;
    return totals.map(cleanSum);
  }
  if (statuses.length !== values.length) {
    throw valueError(
      `There ${values.length === 1 ? "is" : "are"} ${count(values.length, "row")} of savings but ${count(statuses.length, "status", "statuses")}: select one status per row.`,
    );
  }
  const weights = weightsFor(key, weightRows);
  values.forEach((row, r) => {
    const hasSavings = row.some((v) => v !== 0);
    const i = statusIndex(statuses[r], key);
    if (!hasSavings) return;
    if (i === -2) throw valueError(`${rowName(r)} has savings but no RAG status, so its confidence is unknown.`);
    if (i === -1) {
      throw naError(`${rowName(r)}'s status ${quote(statuses[r])} is not in the RAG key (${describeKey(key)}).`);
    }
    const w = weights[i]!;
    if (Number.isNaN(w)) {
      throw valueError(`No weight is given for ${key.statuses[i]!.name}: add it to the weights range.`);
    }
    for (let y = 0; y < years; y++) totals[y]! += row[y]! * w;
  });
  return totals.map(cleanSum);
}

export interface TotalVerdict {
  ok: boolean;
  sum: number;
  stated: number;
  gap: number;
  /** The stated total with two adjacent digits swapped, when that gives the sum. */
  transposed: number | null;
  message: string;
}

/** Swapping two adjacent digits of `stated` gives `target` (within tolerance)? Returns that figure. */
export function transpositionOf(stated: number, target: number, tolerance: number): number | null {
  const pennies = String(Math.round(Math.abs(stated) * 100));
  const sign = stated < 0 ? -1 : 1;
  for (let i = 0; i + 1 < pennies.length; i++) {
    if (pennies[i] === pennies[i + 1]) continue;
    const swapped = pennies.slice(0, i) + pennies[i + 1] + pennies[i] + pennies.slice(i + 2);
    const candidate = (sign * Number(swapped)) / 100;
    if (Math.abs(candidate - target) <= tolerance) return candidate;
  }
  return null;
}

export function totalCheck(
  stated: number,
  amounts: number[][],
  tolerance = 0.5,
  format: (value: number) => string = formatFigure,
): TotalVerdict {
  return compareTotal(stated, sumGrid(amounts), tolerance, format);
}

/** A stated total against a sum already taken: the message, the gap and any transposition. */
export function compareTotal(
  stated: number,
  sum: number,
  tolerance = 0.5,
  format: (value: number) => string = formatFigure,
): TotalVerdict {
  const gap = cleanSum(stated - sum);
  if (Math.abs(gap) <= tolerance) {
    return { ok: true, sum, stated, gap, transposed: null, message: "" };
  }
  const transposed = transpositionOf(stated, sum, tolerance);
  let message = `The rows add to ${format(sum)} but the total says ${format(stated)}: a gap of ${format(Math.abs(gap))}.`;
  if (transposed !== null) {
    message += ` Swapping two adjacent digits of the total gives ${format(transposed)}, the rows' sum: it looks like a transposition.`;
  } else if (Number.isInteger(gap) && gap % 9 === 0) {
    message += " The gap divides by 9, the mark of two transposed digits: check the figures in the rows.";
  }
  return { ok: false, sum, stated, gap, transposed, message };
}
