/**
 * A figure as a council paper writes it, read once with how it was written: `65,464,140`,
 * `(0.495)`, `-2,700`, `£472k`, `£ 0.4m`, `£(10,000)`, `4.26%`, `14395.6`, `1,230*`.
 *
 * The table reader types every cell with this, so the value travels with its decimals, its scale
 * (`k`, `m`) and whether it carried £ or %: a total is checked to the rounding its own figures
 * allow, and a table whose cells say `£472k` is read in £000 without rescaling anything.
 * A hand-written scanner, linear in the text, with no regular expression that can backtrack.
 */
export interface Figure {
  /** The number as written, sign applied, scale not applied (`£472k` is 472). */
  readonly value: number;
  /** Digits after the decimal point as written. */
  readonly decimals: number;
  /** 1, or 1e3 / 1e6 / 1e9 where the text says k, m, bn (or thousand, million, billion). */
  readonly scale: number;
  readonly currency: boolean;
  readonly percent: boolean;
  /** Written with brackets, which is how a paper shows a negative (or, rarely, a footnote). */
  readonly bracketed: boolean;
  /** Digits grouped with commas. */
  readonly grouped: boolean;
}

/** Longer text than this is never a figure on its own. */
const MAX_FIGURE_TEXT = 40;

const STARTS = "0123456789-\u2212\u2013+(\u00a3. ";
const FOOTNOTE = "*\u2020\u2021\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079";
/** A minus sign as papers type it: hyphen, minus, en dash. An em dash stands for nothing, never for a sign. */
const MINUS = "-\u2212\u2013";
const SCALES: ReadonlyArray<readonly [string, number]> = [
  ["thousand", 1e3],
  ["million", 1e6],
  ["billion", 1e9],
  ["bn", 1e9],
  ["mn", 1e6],
  ["k", 1e3],
  ["m", 1e6],
];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160 || c === 0x202f || c === 0x2009;
}

/** Whether "GBP" (any case) starts at `i`: the currency written out, before a figure or after it. */
function gbpAt(s: string, i: number): boolean {
  return i + 3 <= s.length && (s.charCodeAt(i) | 32) === 103 /* g */ && s.slice(i, i + 3).toLowerCase() === "gbp";
}

/** A whole number a year could be (2015, "(2002)"): plain, no £, %, grouping or scale, 1990–2040 either sign. */
export function looksLikeYear(f: Figure): boolean {
  const v = Math.abs(f.value);
  return f.decimals === 0 && !f.grouped && !f.currency && !f.percent && f.scale === 1 && v >= 1990 && v <= 2040;
}

/** The figure a cell's text is, or null when it is anything else (a label, a date, a year). */
export function readFigure(raw: string): Figure | null {
  let s = raw.trim();
  if (s.length === 0 || s.length > MAX_FIGURE_TEXT) return null;
  // Most cells are words: a figure starts with a digit, a sign, a bracket, a point, £ or GBP.
  if (!STARTS.includes(s[0]!) && !/^gbp/i.test(s)) return null;
  while (s.length > 1 && FOOTNOTE.includes(s[s.length - 1]!)) s = s.slice(0, -1).trimEnd();

  let i = 0;
  const n = s.length;
  let negative = false;
  let bracketed = false;
  let currency = false;
  let signs = 0;
  // Prefix: brackets, a sign and £ (or GBP) in any order ("-£5", "£-5", "(£5)", "£(5)", "GBP -5").
  for (; i < n; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === "(" && !bracketed) bracketed = true;
    else if (ch === "\u00a3" && !currency) currency = true;
    else if (!currency && gbpAt(s, i)) {
      currency = true;
      i += 2;
    }
    else if (MINUS.includes(ch)) {
      negative = true;
      signs++;
    } else if (ch === "+") signs++;
    else if (isSpace(c)) continue;
    else break;
  }
  if (signs > 1) return null;

  // Digits: plain, or grouped in threes with commas.
  const start = i;
  let grouped = false;
  let intDigits = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      intDigits++;
      i++;
    } else if (c === 44 /* , */ && intDigits > 0 && (grouped || intDigits <= 3) && i + 3 < n + 1 && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3)) && !isDigit(s.charCodeAt(i + 4))) {
      grouped = true;
      i++;
    } else break;
  }
  let decimals = 0;
  if (i < n && s[i] === "." && isDigit(s.charCodeAt(i + 1))) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      decimals++;
      i++;
    }
  }
  if (intDigits === 0 && decimals === 0) return null;
  const digits = grouped ? s.slice(start, i).replace(/,/g, "") : s.slice(start, i);
  if (grouped && /^0\d/.test(digits)) return null;

  // Suffix: a scale or %, then the closing bracket.
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let scale = 1;
  let percent = false;
  // Most figures end with their digits: nothing after them to look for.
  const rest = i < n ? s.slice(i).toLowerCase() : "";
  for (const [word, factor] of rest ? SCALES : []) {
    if (rest.startsWith(word) && !/[a-z]/.test(rest.charAt(word.length))) {
      scale = factor;
      i += word.length;
      break;
    }
  }
  if (scale === 1 && s[i] === "%") {
    percent = true;
    i++;
  } else if (!currency && gbpAt(s, i)) {
    // "1,234 GBP", as some finance systems export it.
    currency = true;
    i += 3;
  }
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  if (bracketed) {
    if (s[i] !== ")") return null;
    i++;
  }
  if (i < n && (s[i] === "-" || s[i] === "\u2212") && signs === 0 && !bracketed) {
    // A trailing minus, as some ledgers print a credit; never a dash, which may be a range cut short ("12–").
    negative = true;
    i++;
  }
  if (i !== n) return null;
  if (bracketed && negative) return null; // "(-5)" says negative twice: not a figure to guess at.
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return { value: negative || bracketed ? -value : value, decimals, scale, currency, percent, bracketed, grouped };
}
