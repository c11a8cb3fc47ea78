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
/**
 * Days after its end date an action not complete is "just passed" rather than overdue: one figure
 * for HNB.OVERDUE, `hnb check`, the checks sheet and the paper, so they count the same actions
 * overdue. A month, as papers go to Forum monthly: an action due by "Mar 25" is not overdue in the
 * paper of 1 April, but its deadline is said to have just passed (hnb check), to confirm it was done.
 */
export const OVERDUE_GRACE_DAYS = 30;

/** Days past the end date at `asOf`, or null where the end date is not passed (or there is none). */
export function daysPastDue(end: number, asOf: number): number | null {
  const days = Math.floor(asOf) - end;
  return days > 0 ? days : null;
}

export function isOverdue(endDate: unknown, status: unknown, asOf: number, key: RagKey = DEFAULT_KEY): boolean {
  if (isBlank(endDate) || (typeof endDate === "string" && isOpenEnded(endDate))) return false;
  const range = readDateRange(endDate);
  if (!range) throw naError(`The end date ${quote(endDate)} is not a date.`);
  const days = daysPastDue(range.end, asOf);
  if (days === null || days <= OVERDUE_GRACE_DAYS) return false;
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
