import { valueError } from "./errors";
import { readFigure, type Figure } from "./figures";

/**
 * Money as councils write it: `£7,000`, `£1.2m`, `£25k`, `(£10,000)`, `(126)`, `1,028`,
 * `-£5,000`, `£(10,000)`, `1 028`, `£2.5 million`, `-` or `nil` for nothing. Around the figure,
 * a footnote marker (`£40,000*`, `£40,000¹`), an approximation (`c.£50k`, `circa £50k`, `~£50k`),
 * a rate (`£120k pa`, `£120k per annum`) or a note in brackets (`£10,000 (FYE)`) is passed over.
 * Brackets mean negative (income, surplus, a net cost). A figure is never rescaled unless its
 * own text says so (`k`, `m`, `million`): `1,028` in a £000 table stays 1,028.
 */

/** Returned by readAmount for text that is not an amount. NaN keeps the hot path allocation-free. */
export const NOT_AN_AMOUNT = Number.NaN;

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const SPACE = /[\s\u00a0\u202f\u2009]/;
const NIL = /^(?:£\s*)?(?:-|–|—|nil|none)$/i;

/**
 * A cell's amount: a finite number, `null` for a blank (blanks count as nothing), or
 * NOT_AN_AMOUNT (NaN) for anything that is not money. Never throws.
 */
export function readAmount(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : NOT_AN_AMOUNT;
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "string") return NOT_AN_AMOUNT;
  return parseMoneyText(raw);
}

/** The largest number an Excel cell holds (9.99999999999999E+307): a figure beyond it is not one. */
export const LARGEST_CELL_NUMBER = 9.99999999999999e307;

export function parseMoneyText(text: string): number | null {
  const value = readMoney(text, false);
  // 309 digits read as Infinity: no figure a council types, and one that would poison every sum.
  return value !== null && !(Math.abs(value) <= LARGEST_CELL_NUMBER) ? NOT_AN_AMOUNT : value;
}

// Tried only when the figure alone fails, so plain figures pay nothing for them.
const APPROXIMATE = /^(?:circa|approximately|approx\.?|around|about|est\.?|ca\.?|c\.?|~|\u2248)\s*(?=[£(+\-\u2212\u2013\d.]|gbp)/i;
/**
 * One note at the end of a figure: footnote marks, "(FYE)", "pa", "per annum", "/yr". Taken off
 * one at a time in a bounded loop: a repeated group around a repeated class ("(\s*[*]+)+$")
 * backtracks exponentially on "£1" and a run of asterisks followed by anything else.
 */
const ANNOTATION = /(?:[*\u2020\u2021\u00b9\u00b2\u00b3\u2070\u2074-\u2079]|\([a-z][a-z\s.'\u2019/-]*\)|p\.?\s?a\.?|per\s+(?:annum|year|yr)|a\s+year|\/\s*(?:yr|year|annum))$/i;
/** A figure with a note is short: longer text is not read as one. */
const MAX_ANNOTATED = 200;

/**
 * A figure with a note around it: "£40,000*", "c.£50k", "£120k pa", "£10,000 (FYE)". The note
 * is dropped and the figure read as usual, once; what is left must be a figure on its own, so
 * "(TBC)", "(one-off)" or "- (tbc)" stays text.
 */
function readAnnotated(text: string): number {
  let t = text.trim();
  const before = t.length;
  if (before > MAX_ANNOTATED) return NOT_AN_AMOUNT;
  for (let i = 0; i < before; i++) {
    // The space before a note is trimmed apart: "\s*" in front of the pattern would be tried
    // from every space in the text.
    const next = t.replace(ANNOTATION, "").trimEnd();
    if (next === t) break;
    t = next;
  }
  const approx = APPROXIMATE.exec(t);
  if (approx) t = t.slice(approx[0].length);
  t = t.trim();
  // A note on a nil ("- (tbc)") says the figure is not yet known, not that it is nothing.
  if (t.length === before || !/\d/.test(t)) return NOT_AN_AMOUNT;
  const value = readMoney(t, true);
  return value === null ? NOT_AN_AMOUNT : value;
}

/**
 * The figure itself is read by readFigure (figures.ts), the one reading of a figure as a paper
 * writes it that the table reader types cells with too; money adds what is passed over around it
 * (readAnnotated), digits grouped with spaces as PDF text has them, and nil words.
 */
function readMoney(text: string, annotated: boolean): number | null {
  if (text.length === 0) return null;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  let t = text.trim();
  if (t.length === 0) return null;
  if (PLAIN_NUMBER.test(t)) return Number(t);
  // Runs of spaces as one; digits grouped by spaces as by commas, where the figure has no comma
  // of its own ("1 234,567" is a continental decimal, not a figure to read as a million).
  if (SPACE.test(t)) {
    t = t.replace(/[\s\u00a0\u202f\u2009]+/g, " ");
    if (!t.includes(",")) t = spaceGroupsAsCommas(t);
  }
  const figure = readFigure(t);
  if (figure && !figure.percent) return amountOfFigure(figure);
  if (NIL.test(t)) return 0;
  return annotated ? NOT_AN_AMOUNT : readAnnotated(text);
}

/** A figure's amount: its scale applied, to the penny, so that £1.2m is exactly 1,200,000. */
export function amountOfFigure(figure: Figure): number {
  return figure.scale === 1 ? figure.value : Math.round(figure.value * figure.scale * 100) / 100;
}

/**
 * "1 028 000" as "1,028,000": spaces between groups of three digits (common in PDF text) are a
 * grouping, where a space anywhere else is not. Each space is looked at once, from where the
 * last left off.
 */
function spaceGroupsAsCommas(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 1; i < text.length - 3; i++) {
    if (!SPACE.test(text[i]!)) continue;
    const before = text.charCodeAt(i - 1);
    // One space, a digit before it, and exactly three digits after it.
    if (before < 48 || before > 57 || !/^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5))) continue;
    out += `${text.slice(from, i)},`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Like readAmount but an error for text that is not money. `where` names the cell; pass a
 * function when building the name costs something, so the hot path never pays for it.
 */
export function requireAmount(raw: unknown, where: string | (() => string)): number | null {
  const value = readAmount(raw);
  if (value !== null && value !== value) {
    throw valueError(`${typeof where === "string" ? where : where()} is not an amount of money.`);
  }
  return value;
}

export type MoneyUnit = "£" | "£000" | "£m";

const UNIT_FACTORS: Record<MoneyUnit, number> = { "£": 1, "£000": 1e3, "£m": 1e6 };

/** Reads a unit as officers write it in column headings: £, £000, £'000, £k, £m, £ millions. */
export function parseUnit(raw: unknown): MoneyUnit | null {
  if (raw === null || raw === undefined) return null;
  const t = String(raw)
    .toLowerCase()
    .replace(/[\s'’`]/g, "")
    .replace(/^\((.*)\)$/, "$1");
  switch (t) {
    case "":
      return null;
    case "£":
    case "gbp":
    case "pounds":
    case "£s":
      return "£";
    case "£000":
    case "000":
    case "£000s":
    case "£k":
    case "k":
    case "£thousands":
    case "thousands":
      return "£000";
    case "£m":
    case "m":
    case "£mn":
    case "£millions":
    case "millions":
      return "£m";
    default:
      return null;
  }
}

/** A unit a heading or title names among other words: "Budget (£000)", "DSG reserve (£m)", "£'000". */
export function unitIn(text: string): MoneyUnit | null {
  const whole = parseUnit(text);
  if (whole) return whole;
  const m = /£\s*'?000|£k\b|£m\b|£\s*millions?\b|£\s*thousands?\b/i.exec(text);
  return m ? parseUnit(m[0]) ?? (/m/i.test(m[0]) ? "£m" : "£000") : null;
}

export function unitFactor(unit: MoneyUnit): number {
  return UNIT_FACTORS[unit];
}

/** Whether a cell reads as a unit label (`£000`) rather than a figure. */
export function isUnitLabel(raw: unknown): boolean {
  return typeof raw === "string" && parseUnit(raw) !== null;
}

export interface FormatOptions {
  /** Prefix with £ (default true). Messages about figures whose unit is unknown pass false. */
  symbol?: boolean;
  /** Decimal places; default 0 for whole figures, else up to 2. */
  decimals?: number;
}

const formatters = new Map<number, Intl.NumberFormat>();
function formatter(decimals: number): Intl.NumberFormat {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, f);
  }
  return f;
}

/** `£1,234`, `(£1,234)` for negatives, as council papers print money. */
export function formatMoney(value: number, options: FormatOptions = {}): string {
  const symbol = options.symbol ?? true;
  let decimals = options.decimals;
  if (decimals === undefined) {
    decimals = Number.isInteger(Math.round(value * 100) / 100) ? 0 : 2;
  }
  const body = formatter(decimals).format(Math.abs(value));
  const signed = `${symbol ? "£" : ""}${body}`;
  // A value that rounds to zero is shown without brackets: "(£0)" would alarm a reader.
  return value < 0 && Number(body.replace(/,/g, "")) !== 0 ? `(${signed})` : signed;
}

/** A figure in a message where the unit is the user's (`1,552`, `(150)`): no £, never rescaled. */
export function formatFigure(value: number): string {
  return formatMoney(value, { symbol: false });
}
