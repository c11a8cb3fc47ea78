import { looksLikeYear, readFigure, type Figure } from "../../figures";
import { statusIndex, type RagKey } from "../../rag";
import { findYearLabel, parseYearLabel } from "../../years";
import { INITIALS, isProse } from "../cells";

/**
 * Every cell typed once, before anything looks for tables: what it is, and the figure it holds
 * as written. Everything after (bands, headings, totals, kinds) reads these, never the raw text.
 */
export type CellKind =
  | "blank"
  /** A figure: money, a number or a count (its Figure says which). */
  | "figure"
  | "percent"
  /** A suppression or nil marker: c, x, z, :, -, –, n/a, nil, "fewer than 5". */
  | "marker"
  /** A year label: 2025/26, 2015 -16, 2020 to 2021. */
  | "year"
  /** A unit on its own: £, £000, £'000, £k, £m, (£ million), %. */
  | "unit"
  | "status"
  | "initials"
  /** A short code: OP12, CH01, 1.1, VSB09_05, 5.a. */
  | "ref"
  | "label"
  | "prose";

export type Unit = "£" | "£000" | "£m" | "%" | "count";

export interface TypedCell {
  readonly kind: CellKind;
  /** The text as written, trimmed. */
  readonly text: string;
  /** For a figure or percent. */
  readonly figure?: Figure;
  /** For a marker that means nothing (-, nil): 0; for a suppressed count (c, x): undefined. */
  readonly nil?: boolean;
  /** For a year label: the year it starts. */
  readonly year?: number;
  /** For a unit cell. */
  readonly unit?: Unit;
}

export const BLANK: TypedCell = Object.freeze({ kind: "blank", text: "" });

const NIL_MARKERS = new Set(["-", "\u2013", "\u2014", "nil", "none", "0-"]);
const SUPPRESSED = /^(?:[cxz:*]|n\/?a|\.\.|~|<\s?\d{1,2}|fewer than \d{1,2}|low|suppressed)$/i;
const REF = /^(?:[A-Za-z]{1,6}[_-]?\d{1,3}(?:[._-]\d{1,3}){0,3}[a-z]?|\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}\.?[a-z]|\d{1,2}[.)])[.:)]?$/;
// Spaces are taken after each part, not on both sides of an optional one, so no two "\s*" meet.
const UNIT = /^\(?\s*(?:£\s*(?:['’]\s*)?(?:(0'000|000|'000|k|m|s|bn|million|thousands?)\s*)?|(?:%|per\s?cent|percentage|gbp)\s*)\)?$/i;

/** The unit a short cell such as "£000", "(£ million)" or "£'000" names. */
export function unitOf(text: string): Unit | null {
  const t = text.trim();
  if (t.length > 16) return null;
  const m = UNIT.exec(t);
  if (!m) return null;
  if (/%|per\s?cent|percentage/i.test(t)) return "%";
  const word = (m[1] ?? "").toLowerCase();
  if (word === "m" || word === "million") return "£m";
  if (word === "k" || word.includes("000") || word.startsWith("thousand")) return "£000";
  return "£";
}

/** The unit a heading or title mentions: "Figures in £m", "Sub total (£m)", "£’000", "£k". */
export function unitMentioned(text: string): Unit | null {
  if (text.length > 400) return null;
  // "£m", "£'000", "(£ million)"; never the £ of an amount ("over £2m of this").
  const m = /£\s*(?:'|’)?\s*(0'000|'000|000|k|m|bn|million|thousands?)?(?![a-z\d.,])/i.exec(text);
  if (!m) return /\bper\s?cent\b|%/i.test(text) ? "%" : null;
  const word = (m[1] ?? "").toLowerCase();
  if (word === "m" || word === "million") return "£m";
  if (word === "k" || word.includes("000") || word.startsWith("thousand")) return "£000";
  return "£";
}

/** A year a long label names ("Target 2022/23", "2020-21 over/under spending"), or null. */
export function yearIn(text: string): number | null {
  return text.length > 200 ? null : findYearLabel(text);
}

/**
 * The type of one cell. A workbook's own key (when it has one) decides what a status is;
 * without one the built-in five-point key does.
 */
export function typeCell(raw: unknown, key?: RagKey, statusLetters = false): TypedCell {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "label", text: String(raw) };
    const decimals = Number.isInteger(raw) ? 0 : Math.min(10, (String(raw).split(".")[1] ?? "").length);
    return { kind: "figure", text: String(raw), figure: { value: raw, decimals, scale: 1, currency: false, percent: false, bracketed: false, grouped: false } };
  }
  if (raw instanceof Date) return { kind: "label", text: raw.toISOString().slice(0, 10) };
  const text = (typeof raw === "string" ? raw : String(raw)).trim();
  if (text.length === 0) return BLANK;
  const lower = text.toLowerCase();
  if (NIL_MARKERS.has(lower)) return { kind: "marker", text, nil: true };
  if (text.length <= 20 && SUPPRESSED.test(text)) return { kind: "marker", text };
  // "£000" is a unit, not a pound sign over three noughts.
  const unitFirst = text.length <= 16 && /£\s*'?0{3}|0'000/.test(text) ? unitOf(text) : null;
  if (unitFirst) return { kind: "unit", text, unit: unitFirst };
  const figure = readFigure(text);
  if (figure) {
    // "(2002)" after a baseline is the year it was measured, not a negative figure.
    if (figure.bracketed && figure.value < 0 && looksLikeYear(figure)) {
      return { kind: "label", text };
    }
    if (figure.percent) return { kind: "percent", text, figure };
    return { kind: "figure", text, figure };
  }
  if (text.length <= 24) {
    // Runs of spaces are single spaces by then, so " ?" takes all "\s*" did, without the rescan.
    const year = parseYearLabel(text.replace(/\s+/g, " ").replace(/ ?([/-]) ?/g, "$1"));
    if (year !== null) return { kind: "year", text, year };
    const unit = unitOf(text);
    if (unit) return { kind: "unit", text, unit };
    // A code has a digit, a status seldom does: codes are told first, the cheaper test.
    if (/\d/.test(text) && REF.test(text)) return { kind: "ref", text };
    // "G", "A", "R" are statuses in a RAG column, and letters anywhere else.
    if (!/\d/.test(text) && statusIndex(text, key) >= 0 && (statusLetters || !/^[a-z]$/i.test(text))) return { kind: "status", text };
    if (text.length > 1 && INITIALS.test(text) && !/^(?:TOTAL|NET|GRAND TOTAL|RED|AMBER|GREEN|N\/A)$/.test(text)) return { kind: "initials", text };
  }
  return isProse(text) ? { kind: "prose", text } : { kind: "label", text };
}

/** A figure or a nil marker: what a total adds up. */
export function isFigure(cell: TypedCell): boolean {
  return cell.kind === "figure" || cell.kind === "percent" || (cell.kind === "marker" && cell.nil === true);
}

/** Text that names something: a label, a long label, a ref. */
export function isText(cell: TypedCell): boolean {
  return cell.kind === "label" || cell.kind === "prose" || cell.kind === "ref" || cell.kind === "initials" || cell.kind === "status";
}

/** The value a cell adds to a total: its figure, 0 for a nil marker, null for anything else. */
export function valueOf(cell: TypedCell): number | null {
  if (cell.figure) return cell.figure.value;
  if (cell.kind === "marker" && cell.nil) return 0;
  return null;
}
