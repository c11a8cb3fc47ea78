import { isOpenEnded, readDateRange } from "./dates";
import { quote, valueError, naError } from "./errors";
import { isBlank } from "./grid";
import { DEFAULT_KEY, type RagKey, statusIndex } from "./rag";


/**
 * An action is overdue when its end date (the end of the month or year it names) has passed by
 * `asOf` and its status is not a complete one. A key without a complete status (the
 * three-point Green/Amber/Red key) cannot mark anything finished, so only the date decides.
 * Blank or "Ongoing" end dates have no deadline. Unreadable dates are #N/A.
 */
export function isOverdue(endDate: unknown, status: unknown, asOf: number, key: RagKey = DEFAULT_KEY): boolean {
  if (isBlank(endDate) || (typeof endDate === "string" && isOpenEnded(endDate))) return false;
  const range = readDateRange(endDate);
  if (!range) throw naError(`The end date ${quote(endDate)} is not a date.`);
  if (range.end >= Math.floor(asOf)) return false;
  const i = statusIndex(status, key);
  return !(i >= 0 && key.statuses[i]!.complete);
}

/** The as-of date argument: a date serial or date text, required. */
export function readAsOf(raw: unknown): number {
  if (isBlank(raw)) throw valueError("Give the as-of date (the report date): OVERDUE does not assume today.");
  const range = readDateRange(raw);
  if (!range) throw valueError(`The as-of date ${quote(raw)} is not a date.`);
  return range.start;
}
