/**
 * Targets as strategy scorecards write them: "2026: 15%; 2027: 18%", "65% 2026; 80% 2027",
 * "50% reduction by 2026-27", "£9.12m by 2026-27", "0 tribunals 2017-18". Each is read as a
 * (year, figure) pair with what the figure measures, so a later check can set actuals against
 * it. Anything that does not give both a year and a figure is handed back unread, word for word.
 */
import { parseMoneyText } from "./money";
import { replaceBetween } from "./grid";
import { expandYear, parseYearLabel } from "./years";

export interface TargetYear {
  /** The year as the paper wrote it: "2026", "2026-27", "Jul 2027". */
  text: string;
  /** The calendar year, or the first year of a financial/academic pair. */
  year: number;
  kind: "calendar" | "pair";
  /** 1–12 where the target names a month. */
  month?: number;
}

export interface Target {
  year: TargetYear;
  value: number;
  unit: "%" | "£" | "count";
  change?: "reduction" | "increase";
  /** What the figure counts, where the target says ("new placements within 20 miles"); "" when it is the row's indicator. */
  measure: string;
  /** The piece of the cell this target was read from. */
  text: string;
}

export interface TargetReading {
  targets: Target[];
  /** Pieces of the cell with no year or no figure in them, as written. */
  unread: string[];
  /** True when the cell's targets measure different things (a second indicator in one cell). */
  severalMeasures: boolean;
}

interface Span {
  start: number;
  end: number;
}
interface YearToken extends Span {
  year: TargetYear;
}
interface FigureToken extends Span {
  value: number;
  unit: Target["unit"];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_WORD = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

// Tried in order; a later pattern never claims text an earlier one took.
const YEAR_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => TargetYear | null }[] = [
  {
    // 2026-27, 2026/27, 26/27, 2026/2027, 2026 to 2027
    re: /(?<![\d£.,])((?:20)?\d{2})\s*(?:\/|-|–|—|to)\s*(\d{4}|\d{2})(?![\d%])/gi,
    read: (m) => {
      if (m[1]!.length === 2 && m[2]!.length === 2 && !/[/–—-]/.test(m[0])) return null;
      const start = parseYearLabel(`${m[1]}/${m[2]}`);
      return start === null || start < 2000 ? null : { text: m[0], year: start, kind: "pair" };
    },
  },
  {
    // Jul 2027, July 2027, Jul-27
    re: new RegExp(`\\b${MONTH_WORD}\\.?[\\s-]*('?\\d{2}|\\d{4})(?![\\d%])`, "gi"),
    read: (m) => {
      const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
      const digits = m[2]!.replace("'", "");
      return { text: m[0], year: expandYear(Number(digits), digits.length), kind: "calendar", month };
    },
  },
  {
    // 7/2027, 07/2027
    re: /(?<![\d£.,/])(\d{1,2})\/(20\d{2})(?![\d%])/g,
    read: (m) => {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { text: m[0], year: Number(m[2]), kind: "calendar", month } : null;
    },
  },
  {
    re: /(?<![\d£.,])(20\d{2})(?![\d%.,])/g,
    read: (m) => ({ text: m[0], year: Number(m[1]), kind: "calendar" }),
  },
];

const FIGURE = /(?<![\w.])(£\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|m|k|million|thousand)?\b|\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|pc\b)|\d[\d,]*(?:\.\d+)?)(?![\w%])?/gi;

/**
 * The characters of a text already claimed by a token: whether a new span overlaps one costs the
 * span's length, not the number of tokens found (which made a cell of many years quadratic).
 */
class Claimed {
  private readonly taken: Uint8Array;
  constructor(length: number, spans: readonly Span[] = []) {
    this.taken = new Uint8Array(length);
    for (const s of spans) this.claim(s);
  }
  overlaps(span: Span): boolean {
    for (let i = span.start; i < span.end; i++) if (this.taken[i]) return true;
    return false;
  }
  claim(span: Span): void {
    this.taken.fill(1, span.start, span.end);
  }
}

function yearsIn(piece: string): YearToken[] {
  const found: YearToken[] = [];
  const claimed = new Claimed(piece.length);
  for (const { re, read } of YEAR_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(piece); m; m = re.exec(piece)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (claimed.overlaps(span)) continue;
      const year = read(m);
      if (year) {
        found.push({ ...span, year });
        claimed.claim(span);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function figuresIn(piece: string, years: Span[]): FigureToken[] {
  const found: FigureToken[] = [];
  const claimed = new Claimed(piece.length, years);
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(piece); m; m = FIGURE.exec(piece)) {
    const raw = m[1]!;
    const span = { start: m.index, end: m.index + raw.length };
    if (claimed.overlaps(span)) continue;
    // A digit glued to letters (KS2, Year 11 is fine, but "S1" or "20mins") is a label, not a figure.
    if (/[a-z]/i.test(piece[span.end] ?? "") && !/^£/.test(raw)) continue;
    if (/%|per\s?cent|pc$/i.test(raw)) {
      found.push({ ...span, value: Number(raw.replace(/[^\d.]/g, "")), unit: "%" });
    } else if (raw.startsWith("£")) {
      const value = parseMoneyText(raw.replace(/\s/g, ""));
      if (value !== null && Number.isFinite(value)) found.push({ ...span, value, unit: "£" });
    } else {
      const value = Number(raw.replace(/,/g, ""));
      if (Number.isFinite(value)) found.push({ ...span, value, unit: "count" });
    }
  }
  return found;
}

const HALVE_OR_DOUBLE = /\b(?:halv(?:e|ed|ing)|doubl(?:e|ed|ing))\b/i;
const REDUCTION = /\b(?:reduc\w*|decreas\w*|fewer|lower|down|cut)\b/i;
const INCREASE = /\b(?:increas\w*|rise|raise\w*|more|higher|up|grow\w*)\b/i;

/** What the figure counts: the piece without its year, figure, direction and asides. */
function measureOf(piece: string, spans: Span[]): string {
  let text = "";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    text += `${piece.slice(at, s.start)} `;
    at = s.end;
  }
  text += piece.slice(at);
  const cut = replaceBetween(text, "(", ")", " ")
    .replace(REDUCTION, " ")
    .replace(INCREASE, " ")
    .replace(/\b(?:by|in|for|from|at|of|to|target|targets|the end of|end of|year|fy|ay)\b(?=\s*(?:[:;,.-]|$))/gi, " ")
    .replace(/^\s*(?:[:;,.–—-]|\bof\b|\bby\b|\bin\b|\s)+/i, "");
  return withoutTrailingJoiners(cut)
    .replace(/\s+/g, " ")
    .trim();
}


const SPACE = /\s/;
const TRAILING_WORDS = ["by", "in", "for", "from"];

/**
 * The text without the punctuation, spaces and words "by", "in", "for" and "from" that end it, as
 * text.replace(/(?:[:;,.–—-]|\bby\b|\bin\b|\bfor\b|\bfrom\b|\s)+$/i, "") would. Read from the
 * end by hand because that expression, tried at every space of a long run, is slow. Only one of
 * them can end at any place (the words end in different letters), so stripping from the end
 * finds the same start as the expression; word edges are judged in the whole text, as \b is.
 */
function withoutTrailingJoiners(text: string): string {
  let end = text.length;
  for (;;) {
    const c = text[end - 1];
    if (c === undefined) break;
    if (":;,.–—-".includes(c) || SPACE.test(c)) {
      end--;
      continue;
    }
    const word = TRAILING_WORDS.find((w) => endsWithWord(text, end, w));
    if (!word) break;
    end -= word.length;
  }
  return text.slice(0, end);
}

/** Whether `word` (lower case) ends at `end` in the text, in any case, with a word edge each side. */
function endsWithWord(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let i = 0; i < word.length; i++) {
    if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false;
  }
  return !isWordChar(text.charCodeAt(start - 1)) && !isWordChar(text.charCodeAt(end));
}

/** A character of \w: ASCII letters, digits and the underscore. NaN (off either end) is not. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function readPiece(piece: string): Target[] | null {
  const years = yearsIn(piece);
  if (years.length === 0) return null;
  const all = figuresIn(piece, years);
  const marked = all.filter((f) => f.unit !== "count");
  const change = REDUCTION.test(piece) ? "reduction" : INCREASE.test(piece) ? "increase" : undefined;
  const made = (year: YearToken, figure: FigureToken, measure: string, text: string): Target => ({
    year: year.year,
    value: figure.value,
    unit: figure.unit,
    ...(change ? { change } : {}),
    measure,
    text,
  });
  if (years.length === 1) {
    // A percentage or an amount is the target; a bare number only when there is nothing else.
    // "Halve" and "double" are a change of 50% and 100% with no figure written.
    const word = all.length === 0 ? HALVE_OR_DOUBLE.exec(piece) : null;
    if (word) {
      const halve = /^halv/i.test(word[0]);
      const figure: FigureToken = { start: word.index, end: word.index + word[0].length, value: halve ? 50 : 100, unit: "%" };
      const text = piece.trim();
      return [{ ...made(years[0]!, figure, measureOf(text, [years[0]!, figure]), text), change: halve ? "reduction" : "increase" }];
    }
    const figure = marked[0] ?? (all.length === 1 ? all[0] : undefined);
    if (!figure) return null;
    const text = piece.trim();
    return [made(years[0]!, figure, measureOf(text, [years[0]!, figure]), text)];
  }
  // Several years in one piece ("2026: 15%, 2027: 18%"): pair them in order, one figure each.
  const figures = marked.length === years.length ? marked : all.length === years.length ? all : null;
  if (!figures) return null;
  const measure = measureOf(piece, [...years, ...figures]);
  // One measure for the piece, worked out once: not once a year, which made a long cell quadratic.
  return years.map((y, i) => made(y, figures[i]!, measure, `${y.year.text}: ${piece.slice(figures[i]!.start, figures[i]!.end)}`));
}

/** The years written in a text, in order ("2026-27", "Jul 2027", "7/2027", "2027"). */
export function yearsWritten(text: string): TargetYear[] {
  return yearsIn(text).map((t) => t.year);
}

/**
 * The figure a text states, its years aside: "Satisfaction 52%" is 52%, "Tribunals 2024-25: 14"
 * is 14, "£9.6m (2024-25)" is £9,600,000, "43% (81) placed out of county" is 43% (the first
 * figure, a percentage or an amount before a bare count). Null when it states none.
 */
export function figureWritten(text: string): { value: number; unit: Target["unit"] } | null {
  const years = yearsIn(text);
  const all = figuresIn(text, years);
  const figure = all.find((f) => f.unit !== "count") ?? all[0];
  return figure ? { value: figure.value, unit: figure.unit } : null;
}

/**
 * Readings by text: a scorecard row's target cell is read by a formula for each year and for the
 * year judged, and again by the checks and the paper. Frozen, since every caller shares them.
 */
const readings = new Map<string, TargetReading>();
const READINGS_KEPT = 2_048;
const LONGEST_KEPT = 1_000;

/** Reads the targets in a cell. Never throws; what cannot be read comes back in `unread`. */
export function readTargets(raw: unknown): TargetReading {
  if (raw === null || raw === undefined) return { targets: [], unread: [], severalMeasures: false };
  const text = typeof raw === "string" ? raw : String(raw);
  if (text.length > LONGEST_KEPT) return readTargetText(text);
  const known = readings.get(text);
  if (known) return known;
  const reading = readTargetText(text);
  for (const t of reading.targets) Object.freeze(Object.freeze(t).year);
  Object.freeze(reading.targets);
  Object.freeze(reading.unread);
  Object.freeze(reading);
  if (readings.size >= READINGS_KEPT) readings.clear();
  readings.set(text, reading);
  return reading;
}

function readTargetText(text: string): TargetReading {
  const targets: Target[] = [];
  const unread: string[] = [];
  for (const piece of text.split(/[;\n\r]+/).map((p) => p.trim()).filter((p) => p !== "")) {
    const read = readPiece(piece);
    if (read) targets.push(...read);
    else unread.push(piece);
  }
  const measures = new Set(targets.map((t) => t.measure.toLowerCase()));
  return { targets, unread, severalMeasures: measures.size > 1 };
}
