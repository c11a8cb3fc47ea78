import { valueError } from "./errors";

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
const CURRENCY_OUTSIDE_BRACKETS = /^(£|gbp)\s*\((.*)\)$/i;
const NIL = /^(?:£\s*)?(?:-|–|—|nil|none)$/i;
const MONEY_TEXT =
  /^([+\-\u2212\u2013])?(£|gbp)?([+\-\u2212\u2013])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(k|m|mn|bn|thousand|million|billion)?(gbp)?([-\u2212])?$/i;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

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

// Kept apart from MONEY_TEXT, and tried only when it fails, so plain figures pay nothing for them.
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

function readMoney(text: string, annotated: boolean): number | null {
  if (text.length === 0) return null;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  let t = text.trim();
  if (t.length === 0) return null;
  if (PLAIN_NUMBER.test(t)) return Number(t);

  let negative = false;
  if (t.charCodeAt(0) === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */) {
    negative = true;
    t = t.slice(1, -1);
  } else if (t.charCodeAt(t.length - 1) === 41) {
    // `£(10,000)`: the currency sign outside the brackets.
    const outside = CURRENCY_OUTSIDE_BRACKETS.exec(t);
    if (outside) {
      negative = true;
      t = `${outside[1]}${outside[2]}`;
    }
  }
  if (SPACE.test(t)) {
    // Spaces around signs, currency and multipliers carry no meaning; spaces between digit
    // groups (`1 028 000`, common in PDF text) do, so keep single spaces between digits only.
    t = t.replace(/[\s\u00a0\u202f\u2009]+/g, " ").replace(/(?<!\d) | (?!\d)/g, "");
  }

  const m = MONEY_TEXT.exec(t);
  if (!m) {
    if (NIL.test(t)) return 0;
    return annotated ? NOT_AN_AMOUNT : readAnnotated(text);
  }
  const signBefore = m[1];
  const signAfter = m[3];
  const trailingMinus = m[7];
  const signCount = (signBefore ? 1 : 0) + (signAfter ? 1 : 0) + (trailingMinus ? 1 : 0);
  if (signCount > 1) return NOT_AN_AMOUNT;
  if (signCount === 1 && (signBefore ?? signAfter ?? trailingMinus) !== "+") {
    if (negative) return NOT_AN_AMOUNT; // "(-5)" says negative twice: do not guess.
    negative = true;
  }
  const digits = m[4]!;
  let value = Number(digits.indexOf(",") >= 0 || digits.indexOf(" ") >= 0 ? digits.replace(/[, ]/g, "") : digits);
  const multiplierWord = m[5];
  if (multiplierWord) {
    value = value * MULTIPLIERS[multiplierWord.toLowerCase()]!;
    value = Math.round(value * 100) / 100; // to the penny, so £1.2m is exactly 1,200,000
  }
  return negative ? -value : value;
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
