import { hasNoDeadline, readDateRange } from "../dates";
import { readAmount } from "../money";
import { statusIndex } from "../rag";
import type { ColumnMapping, Field, TableRow } from "./types";
import { decimalsOf } from "../budget";

/**
 * What a cell holds, judged from the cell alone: the evidence the reader weighs when it decides
 * which column a cell pasted out of line belongs to. Coarse on purpose — a column's profile is
 * learned from its own rows, so the types need only tell columns apart, not name every value.
 */
export type CellType =
  | "money"
  | "number"
  | "percent"
  | "date"
  | "status"
  | "initials"
  | "ref"
  | "label"
  | "prose"
  | "placeholder";

export const CELL_TYPES: readonly CellType[] = ["money", "number", "percent", "date", "status", "initials", "ref", "label", "prose", "placeholder"];

/** Initials-like text: "JB", "LM/ AT", "KP & RD". */
export const INITIALS = /^[A-Z]{1,5}(?:\s*(?:\/|,|&|\+|and)\s*[A-Z]{1,5})*$/;
const PLACEHOLDER = /^(?:tbc|tba|tbd|to be confirmed|to be agreed|unknown|not known|n\/?k|n\/?a|pending|-|–|—|\?+)$/i;
const REF = /^(?:[A-Za-z]{1,3}\s?)?\d{1,3}(?:[.-]\d{1,3}){0,3}[a-z]?[.:)]?$/;
const PERCENT = /^[-+]?\d+(?:\.\d+)?\s*%$/;
const SENTENCE_END = /[.!?]["”’)]?$/;

/** Words in a text, counted cheaply (runs of non-spaces). */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** A paragraph rather than a name, a date or a short label: what a progress note looks like. */
export function isProse(text: string): boolean {
  const words = wordCount(text);
  return words >= 7 || text.length > 45 || (words >= 3 && SENTENCE_END.test(text));
}

/** The type of a non-blank cell. */
export function cellType(v: unknown): CellType {
  if (typeof v === "number") {
    // Workbooks keep dates as serial numbers; a figure of a thousand or more reads as money.
    return Math.abs(v) >= 1000 ? "money" : "number";
  }
  if (v instanceof Date) return "date";
  const t = typeof v === "string" ? v.trim() : String(v);
  if (t === "") return "placeholder";
  if (PLACEHOLDER.test(t)) return "placeholder";
  if (PERCENT.test(t)) return "percent";
  const first = t.charCodeAt(0);
  const digitOrMoney = (first >= 48 && first <= 57) || first === 163 || first === 40 || first === 45 || first === 8722 || first === 43;
  if (/^(?:19|20)\d{2}$/.test(t)) return "date";
  if (digitOrMoney || /\d/.test(t)) {
    const a = readAmount(t);
    if (a !== null && !Number.isNaN(a)) return /^-?\d{1,3}(?:\.\d+)?$/.test(t) ? "number" : "money";
  }
  if (t.length <= 24 && INITIALS.test(t) && t.length > 1) return "initials";
  if (t.length <= 40 && statusIndex(t) >= 0) return "status";
  if (t.length <= 40 && (readDateRange(t) !== null || hasNoDeadline(t))) return "date";
  if (t.length <= 12 && REF.test(t)) return "ref";
  return isProse(t) ? "prose" : "label";
}

type Prior = Partial<Record<CellType, number>>;

const TEXT: Prior = { prose: 0.5, label: 0.38, placeholder: 0.03, ref: 0.02, number: 0.02, initials: 0.02, date: 0.02, status: 0.01 };
const NAME: Prior = { label: 0.65, prose: 0.2, ref: 0.05, initials: 0.03, placeholder: 0.03, number: 0.02, date: 0.01, status: 0.01 };

/** What a column's heading leads one to expect of its cells before any row is read. */
const PRIORS: Partial<Record<Field, Prior>> = {
  amount: { money: 0.55, number: 0.3, placeholder: 0.1, percent: 0.03 },
  total: { money: 0.55, number: 0.3, placeholder: 0.1, percent: 0.03 },
  rag: { status: 0.82, placeholder: 0.08, label: 0.06, initials: 0.02 },
  lead: { initials: 0.45, label: 0.45, placeholder: 0.05, status: 0.01, prose: 0.02 },
  start: { date: 0.8, number: 0.06, placeholder: 0.08, label: 0.03 },
  end: { date: 0.8, number: 0.06, placeholder: 0.08, label: 0.03 },
  ref: { ref: 0.55, label: 0.3, number: 0.1, initials: 0.03 },
  initiative: NAME,
  action: { ...TEXT, label: 0.45, prose: 0.45 },
  milestone: { ...TEXT, label: 0.45, prose: 0.45 },
  outcomes: TEXT,
  aims: TEXT,
  risks: TEXT,
  progress: { prose: 0.62, label: 0.28, placeholder: 0.03, date: 0.02, status: 0.03 },
  savingsNote: { prose: 0.5, label: 0.35, money: 0.05, placeholder: 0.05 },
  costs: { label: 0.35, prose: 0.3, money: 0.25, placeholder: 0.05 },
  priority: { label: 0.7, prose: 0.15, placeholder: 0.05, ref: 0.05 },
  current: { percent: 0.3, label: 0.3, prose: 0.2, number: 0.1, money: 0.1 },
  target: { label: 0.4, prose: 0.3, percent: 0.2, number: 0.05, money: 0.05 },
  label: NAME,
};

/** Even odds: a column whose heading the reader does not know. */
const UNIFORM: Prior = Object.fromEntries(CELL_TYPES.map((t) => [t, 1 / CELL_TYPES.length]));

export function priorFor(field: Field | undefined): Prior {
  return (field && PRIORS[field]) || UNIFORM;
}

/**
 * Whether a cell plainly breaks what its column holds: text under a year's savings, money or a
 * paragraph under a status, a paragraph under a lead or a date. Only clear breaks count — a date
 * the reader cannot read is the date checks' business, and anything goes under a heading the
 * reader does not know. `beyond` is a cell past the last heading. Asked of every cell of every
 * row, so each column's test looks only as far as it must: most cells fit at the first look.
 */
export function clearMisfit(field: Field | undefined, v: unknown, beyond: boolean): boolean {
  if (v === null || v === undefined) return false;
  if (beyond) return true;
  if (typeof v !== "string") {
    // Numbers: a serial date or a figure. Only a status column is plainly the wrong place for one.
    return field === "rag" && typeof v === "number" && Math.abs(v) >= 1000;
  }
  const t = v.trim();
  switch (field) {
    case undefined:
    case "costs":
    case "label":
    case "current":
    case "target":
      return false;
    case "amount":
    case "total": {
      const a = readAmount(t);
      if (a !== null && !Number.isNaN(a)) return false;
      return !PLACEHOLDER.test(t) && !PERCENT.test(t);
    }
    case "ref":
      return looksLikeMoney(t) || isProse(t);
    case "rag":
      if (statusIndex(t) >= 0) return false;
      return looksLikeMoney(t) || isProse(t) || (t.length <= 40 && readDateRange(t) !== null);
    case "lead":
      if (INITIALS.test(t)) return false;
      if (looksLikeMoney(t) || (t.length <= 40 && statusIndex(t) >= 0) || wordCount(t) >= 9) return true;
      return t.length <= 30 && !hasNoDeadline(t) && readDateRange(t) !== null;
    case "start":
    case "end":
      if (/^\d{1,3}$/.test(t)) return true;
      if (looksLikeMoney(t) || (t.length <= 40 && statusIndex(t) >= 0)) return true;
      return isProse(t) && !hasNoDeadline(t) && readDateRange(t) === null;
    default:
      // Elsewhere a number may be a count; only text that is plainly money is out of place.
      return looksLikeMoney(t);
  }
}

// "(…)" holding a digit: up to the first digit, then anything (`.` stops at line breaks, so the
// first part does too), so the two runs cannot trade digits.
const MONEY_MARKS = /£|^\([^\d\n\r\u2028\u2029]*\d.*\)$|\d,\d{3}|\d\s*(?:k|m|bn)$/i;

/** Text that is plainly money (a £ sign, brackets, thousands commas, k/m) or a large number. */
export function looksLikeMoney(v: unknown): boolean {
  if (typeof v === "number") return Math.abs(v) >= 1000;
  if (typeof v !== "string") return false;
  const t = v.trim();
  // An amount, even with a note ("c.£50k per annum", "(£1,234,567.89)"), is short; a sentence
  // that mentions one ("Calculation: 10 placements x £45,000") is not money.
  if (t.length > 30) return false;
  // The pattern first: it turns away ordinary text at once, so readAmount sees only candidates.
  if (!MONEY_MARKS.test(t)) return false;
  const a = readAmount(t);
  return a !== null && !Number.isNaN(a);
}

/**
 * Half a unit of the last decimal place a table's figures are given to (up to six): the rounding
 * a stated total or balance may carry, so "3.20" against a sum of 3.2049 passes and 7.54 against
 * 7.45 does not.
 */
export function roundingTolerance(rows: readonly TableRow[], columns: readonly ColumnMapping[]): number {
  let decimals = 0;
  for (const row of rows) for (const col of columns) decimals = Math.max(decimals, Math.min(decimalsOf(row.cells[col.index]), 6));
  return 0.5 * 10 ** -decimals;
}
