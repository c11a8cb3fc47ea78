import { naError, quote, valueError } from "./errors";
import { trimEndWhile } from "./grid";
import {
  daysInMonth,
  endOfMonth,
  expandYear,
  isDateSerial,
  serialFromYmd,
} from "./years";

/**
 * Dates as councils type them into trackers. Each reading is a range of days, because a
 * deadline written `Sep 24` means the whole of September 2024 and its end is the deadline.
 *
 * Read forms (case and spacing ignored):
 * - a day: `01/09/2024`, `1/9/24`, `1.9.2024` (UK day/month order), `2024-09-01` (ISO),
 *   `1 September 2024`, `1st Sept 2024`, `1-Sep-24`, `September 1, 2024`;
 * - a month: `Jan 2020`, `Apr 19`, `Sep-21`, `Sept 24`, `November 2021`, `Nov2021`, `Jan '25`,
 *   `03/17`, `3/2017`, optionally narrowed by `early`, `mid` or `late`;
 * - a financial year: `2021/22`, `21/22`, `2021-22`, `2021 to 2022`, `FY21/22`;
 *   an academic year: `Academic Year 2022-23`, `AY 22/23`;
 * - a quarter: `Q1 2025/26` (financial: Q1 is April–June), `Q3 2024` (calendar);
 * - a school term or season: `Autumn 2024` or `Autumn term 2024` (September–December),
 *   `Spring 2025` (January–March), `Summer 2025` (April–July), `Winter 2024` (December–February);
 * - a calendar year: `2025`;
 * - leading words such as `by`, `end of`, `due`, `w/c`, `from` and a trailing `onwards` are ignored
 *   (see isOpenEnded for telling an open-ended date from a deadline);
 * - a range in one cell: `Sept 2024 – March 2025`, `Apr 24 - Dec 24`, `Sep 24 to Mar 25`,
 *   `01/09/2024 - 31/03/2025`, from the start of the first to the end of the second;
 * - a revised date: `Dec-24 (revised Mar-25)`, `Dec 24 - revised to Mar 25`, `Dec 24, now Mar 25`
 *   read as the revised date; `Mar-25 (was Dec-24)` as Mar-25; a trailing note with no date in
 *   it, `Mar 25 (tbc)`, is passed over.
 * Two-digit pairs that could be a month or a year pair (`10/11`) read as a month.
 * Not dates: a day and month with no year (`31 March`: `24 March` could be 2024 or the 24th),
 * a school term by number (`Term 1 2025`: councils number terms differently), a range whose
 * end is before its start.
 */
export interface DateRange {
  start: number;
  end: number;
}

export type DateBound = "start" | "end";

const MONTHS: Record<string, number> = {
  jan: 1, january: 1,
  feb: 2, february: 2, febuary: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

type Season = "spring" | "summer" | "autumn" | "winter";
const SEASONS: Record<string, Season> = {
  spring: "spring",
  summer: "summer",
  autumn: "autumn",
  fall: "autumn",
  winter: "winter",
};

/** Words that carry no date meaning in a deadline cell. */
const IGNORED = new Set([
  "by", "end", "of", "the", "due", "before", "deadline", "target", "w", "c", "wc", "week",
  "commencing", "beginning", "start", "starting", "from", "until", "till", "in", "on", "term",
  "approx", "approximately", "circa", "ca", "date", "st", "nd", "rd", "th", "year", "financial",
  "onwards", "onward",
]);

/** Text that means "no date": read as not a date without trying harder. */
const NO_DATE = /^(?:ongoing|on-going|continuous|tbc|tbd|tba|n\/?a|none|various|asap|as required|as needed|rolling|annual|monthly|termly|weekly|quarterly|-|–)$/i;

const TOKEN = /[a-z]+|\d+|'/g;

interface Token {
  kind: "num" | "word";
  text: string;
  value: number;
}

function tokenise(lower: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    const text = m[0];
    const c = text.charCodeAt(0);
    if (c >= 48 && c <= 57) tokens.push({ kind: "num", text, value: Number(text) });
    else tokens.push({ kind: "word", text, value: 0 });
  }
  return tokens;
}

function monthRange(year: number, month: number): DateRange {
  return { start: serialFromYmd(year, month, 1), end: endOfMonth(year, month) };
}

function dayRange(year: number, month: number, day: number): DateRange | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const s = serialFromYmd(year, month, day);
  return { start: s, end: s };
}

function financialYear(startYear: number): DateRange {
  return { start: serialFromYmd(startYear, 4, 1), end: serialFromYmd(startYear + 1, 3, 31) };
}

function academicYear(startYear: number): DateRange {
  return { start: serialFromYmd(startYear, 9, 1), end: serialFromYmd(startYear + 1, 8, 31) };
}

function seasonRange(season: Season, year: number): DateRange {
  switch (season) {
    case "autumn":
      return { start: serialFromYmd(year, 9, 1), end: serialFromYmd(year, 12, 31) };
    case "spring":
      return { start: serialFromYmd(year, 1, 1), end: serialFromYmd(year, 3, 31) };
    case "summer":
      return { start: serialFromYmd(year, 4, 1), end: serialFromYmd(year, 7, 31) };
    case "winter":
      return { start: serialFromYmd(year, 12, 1), end: endOfMonth(year + 1, 2) };
  }
}

function isYearPair(first: Token, second: Token): boolean {
  const a = expandYear(first.value, first.text.length);
  if (second.text.length === 4) return second.value === a + 1;
  return second.text.length === 2 && second.value === (a + 1) % 100;
}

function narrow(range: DateRange, part: "early" | "mid" | "late"): DateRange {
  const length = range.end - range.start + 1;
  const third = Math.floor(length / 3);
  if (part === "early") return { start: range.start, end: range.start + third - 1 };
  if (part === "mid") return { start: range.start + third, end: range.end - third };
  return { start: range.end - third + 1, end: range.end };
}

/** Reads free text as a range of days, or returns null when it is not a date. Never throws. */
export function readDateRange(raw: unknown): DateRange | null {
  if (typeof raw === "number") return isDateSerial(raw) ? { start: Math.floor(raw), end: Math.floor(raw) } : null;
  if (raw instanceof Date) {
    const t = raw.getTime();
    if (Number.isNaN(t)) return null;
    const s = serialFromYmd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    return { start: s, end: s };
  }
  if (typeof raw !== "string") return null;
  // A table's dates repeat ("Mar-25" on many rows) and each is read by the reader, the checks and
  // the import: read once. Bounded, so a column of all-different dates costs a clear, not memory.
  const known = READ.get(raw);
  if (known !== undefined) return known && { start: known.start, end: known.end };
  const range = readText(raw);
  if (READ.size >= READ_LIMIT) READ.clear();
  READ.set(raw, range);
  return range && { start: range.start, end: range.end };
}

const READ = new Map<string, DateRange | null>();
const READ_LIMIT = 20_000;

function readText(raw: string): DateRange | null {
  const lower = raw.trim().toLowerCase();
  if (lower.length === 0 || lower.length > 60) return null;
  const quick = readCommonForm(lower);
  if (quick !== undefined) return quick;
  if (NO_DATE.test(lower)) return null;
  const single = readGeneral(lower);
  if (single !== null || !MAYBE_COMPOUND.test(lower)) return single;
  return readCompound(lower);
}

/** One date as written, through the quick forms and then the general reader. */
function readSingle(lower: string): DateRange | null {
  if (lower.length === 0) return null;
  const quick = readCommonForm(lower);
  if (quick !== undefined) return quick;
  return NO_DATE.test(lower) ? null : readGeneral(lower);
}

function readGeneral(lower: string): DateRange | null {
  let academic = false;
  let financial = false;
  let part: "early" | "mid" | "late" | null = null;
  let quarter = 0;
  let season: Season | null = null;
  const nums: Token[] = [];
  const shape: string[] = [];
  let month = 0;
  let numberedTerm = false;

  const tokens = tokenise(lower);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "num") {
      if (t.text.length > 4) return null;
      nums.push(t);
      shape.push("n");
      continue;
    }
    const w = t.text;
    const mo = MONTHS[w];
    if (mo !== undefined) {
      if (month !== 0) return null;
      month = mo;
      shape.push("m");
    } else if (w === "academic" || w === "ay") {
      academic = true;
    } else if (w === "fy") {
      financial = true;
    } else if (w === "early" || w === "mid" || w === "late") {
      part = w;
    } else if (w === "q" && tokens[i + 1]?.kind === "num" && tokens[i + 1]!.text.length === 1) {
      quarter = tokens[++i]!.value;
      if (quarter < 1 || quarter > 4) return null;
    } else if (/^q[1-4]$/.test(w)) {
      quarter = Number(w[1]);
    } else if (SEASONS[w] !== undefined) {
      season = SEASONS[w]!;
    } else if (w === "term" && tokens[i + 1]?.kind === "num" && tokens[i + 1]!.text.length === 1) {
      numberedTerm = true; // "Term 1 2025" must not fall through to January 2025
      i++;
    } else if (w === "to" || w === "and" || w === "'") {
      // joins a year pair, or marks a two-digit year
    } else if (!IGNORED.has(w)) {
      return null; // an unknown word: "Ongoing", initials, a note. Not a date.
    }
  }
  // Ordinals written "1st" tokenise as 1 + "st": already dropped above.
  // Councils number terms differently (three terms or six half terms): only a season settles it.
  if (numberedTerm && !season) return null;

  const result = readShape(shape.join(""), nums, month, { academic, financial, quarter, season });
  if (!result) return null;
  return part ? narrow(result, part) : result;
}

/** Text that might hold a range, a revision or a note: the only text worth a second reading. */
const MAYBE_COMPOUND = /[()\u2013\u2014]|\s-\s|\sto\s|revised|\bnow\b/;
const REVISION = /^\s*(?:revised|now)\b(?:\s+to\b)?[\s:]*/;
// The text after the word starts with neither a space nor a colon, so that `[\s:]*` and the
// captured text cannot trade characters (which backtracks badly); the capture is unchanged.
const INLINE_REVISION = /(?:^|[\s,;\u2013\u2014-])(?:revised|now)\b(?:\s+to\b)?[\s:]*((?:[^\s:].*)?)$/;
/** A note naming the date it replaced: "(was Dec-24)". */
const EARLIER = /^\s*(?:was|originally|orig|previously|formerly)\b/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const SPACE = /\s/;
const DATE_WORD = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter)/;

/**
 * Second reading for text the plain reader refused: a revised date, a trailing note, a range.
 * A revision is looked for first because its later date is the one that now binds; a range
 * only last, so that a revision written with a dash ("Dec 24 - revised to Mar 25") is not
 * taken for a range.
 */
function readCompound(lower: string): DateRange | null {
  const note = trailingNote(lower);
  if (note) {
    const [rest, inside] = note;
    const revision = REVISION.exec(inside);
    if (revision) {
      const revised = inside.slice(revision[0].length).trim();
      if (revised.length > 0) return readPlain(revised);
      return readNoted(rest);
    }
    if (EARLIER.test(inside) || !DATE_WORD.test(inside)) return readNoted(rest);
    return null; // a second date in brackets with no word to say which binds: do not guess
  }
  const inline = INLINE_REVISION.exec(lower);
  if (inline) {
    const revised = trimEndWhile(inline[1]!, (c) => ".,;:".includes(c) || SPACE.test(c));
    return revised.length > 0 ? readPlain(revised) : null;
  }
  return readRange(lower);
}

/**
 * A note in brackets closing the text, "mar 25 (was dec 24)", as [text before it, the note], or
 * null. Read by hand because /^(.*?)\s*\(([^()]*)\)$/ backtracks badly on long runs of spaces;
 * this gives the same answers: the note runs from the last bracket before the closing one (which
 * must open), and the text before it, trailing spaces dropped, may hold no line break.
 */
function trailingNote(text: string): [string, string] | null {
  if (!text.endsWith(")")) return null;
  const body = text.slice(0, -1);
  const open = body.lastIndexOf("(");
  if (open < 0 || body.lastIndexOf(")") > open) return null;
  const rest = text.slice(0, open).trimEnd();
  return LINE_BREAK.test(rest) ? null : [rest, body.slice(open + 1)];
}


/**
 * The text split at range separators, as splitting at the regular expression
 * `\s+(?:-|to)\s+|\s*[\u2013\u2014]\s*` would give it: a hyphen or "to" with spaces both sides,
 * or an en or em dash with or without spaces. Split by hand because that expression, tried at
 * every space of a long run, is slow.
 * A separator always takes the whole run of spaces before and after it, so a run of spaces is
 * looked at once, from its first space.
 */
function splitRange(text: string): string[] {
  const parts: string[] = [];
  const n = text.length;
  const skipSpaces = (i: number): number => {
    while (i < n && SPACE.test(text[i]!)) i++;
    return i;
  };
  let from = 0;
  let i = 0;
  while (i < n) {
    const word = skipSpaces(i);
    let end = -1;
    if (text[word] === "\u2013" || text[word] === "\u2014") {
      end = skipSpaces(word + 1);
    } else if (word > i && (text[word] === "-" || text.startsWith("to", word))) {
      const after = word + (text[word] === "-" ? 1 : 2);
      end = skipSpaces(after);
      if (end === after) end = -1; // a hyphen or "to" needs a space after it too
    }
    if (end >= 0) {
      parts.push(text.slice(from, i));
      from = i = end;
    } else {
      i = word > i ? word : i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** What is left once a note is dropped, which may itself be a range or a revision. */
function readNoted(rest: string): DateRange | null {
  return readSingle(rest) ?? readCompound(rest);
}

/** A date or a range, with no revision or note around it. */
function readPlain(lower: string): DateRange | null {
  return readSingle(lower) ?? readRange(lower);
}

function readRange(lower: string): DateRange | null {
  const parts = splitRange(lower);
  if (parts.length !== 2) return null;
  const from = readSingle(parts[0]!.trim());
  if (!from) return null;
  const to = readSingle(parts[1]!.trim());
  if (!to || to.end < from.start) return null;
  return { start: from.start, end: to.end };
}

/** Words saying a date has no end: an end date written with one of them is no deadline. */
const OPEN_ENDED = /\b(?:onwards?|ongoing|on[\s-]going|continuous|continuing|rolling|business as usual|bau)\b/i;

/**
 * Whether date text says the work carries on ("Mar 2025 onwards", "Ongoing", "BAU"), so that an
 * end date written so is no deadline even when a month in it can be read.
 */
export function isOpenEnded(text: string): boolean {
  return typeof text === "string" && OPEN_ENDED.test(text);
}

/**
 * An end date that sets no deadline: open-ended ("Ongoing", "Mar 2025 onwards") or not yet set
 * ("TBC", "N/A"). Such a cell is neither overdue nor unreadable.
 */
export function hasNoDeadline(text: string): boolean {
  return isOpenEnded(text) || NOT_SET.test(text);
}

const NOT_SET = /^\s*(?:n\/?a|tbc|tba|tbd|to be confirmed|to be agreed)\s*$/i;

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const MONTH_YEAR = /^([a-z]{3,9})\.?[ '-]*(\d{4}|\d{2})$/;
const NUMBER_PAIR = /^(\d{4}|\d{1,2})[/-](\d{4}|\d{2})$/;
const YEAR_MONTH_DAY = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/;
const DAY_NAME_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})$/;

/**
 * The forms that fill most trackers (`01/09/2024`, `Sep-24`, `2024/25`, `03/17`, `2024-09-01`,
 * `1 September 2024`) read by one regular expression each, so a sheet of dates recalculates
 * quickly. `undefined` means "not one of these: use the general reader"; the answers agree with
 * the general reader's.
 */
function readCommonForm(lower: string): DateRange | null | undefined {
  let m = DAY_MONTH_YEAR.exec(lower);
  if (m) return dayRange(expandYear(Number(m[3]), m[3]!.length), Number(m[2]), Number(m[1]));
  m = MONTH_YEAR.exec(lower);
  if (m) {
    const month = MONTHS[m[1]!];
    if (month === undefined) return undefined;
    return monthRange(expandYear(Number(m[2]), m[2]!.length), month);
  }
  m = NUMBER_PAIR.exec(lower);
  if (m) {
    const a: Token = { kind: "num", text: m[1]!, value: Number(m[1]) };
    const b: Token = { kind: "num", text: m[2]!, value: Number(m[2]) };
    return readShape("nn", [a, b], 0, { academic: false, financial: false, quarter: 0, season: null });
  }
  m = YEAR_MONTH_DAY.exec(lower);
  if (m) return dayRange(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_NAME_YEAR.exec(lower);
  if (m) {
    const month = MONTHS[m[2]!];
    if (month === undefined) return undefined;
    return dayRange(expandYear(Number(m[3]), m[3]!.length), month, Number(m[1]));
  }
  return undefined;
}

interface Flags {
  academic: boolean;
  financial: boolean;
  quarter: number;
  season: Season | null;
}

function readShape(shape: string, n: Token[], month: number, f: Flags): DateRange | null {
  if (f.season) {
    if (shape !== "n" || n[0]!.text.length === 3 || n[0]!.text.length === 1) {
      // "Winter 2024/25" names the winter spanning both years.
      if (f.season === "winter" && shape === "nn" && isYearPair(n[0]!, n[1]!)) {
        return seasonRange("winter", expandYear(n[0]!.value, n[0]!.text.length));
      }
      return null;
    }
    return seasonRange(f.season, expandYear(n[0]!.value, n[0]!.text.length));
  }
  if (f.quarter) {
    if (shape === "nn" && isYearPair(n[0]!, n[1]!)) {
      const start = expandYear(n[0]!.value, n[0]!.text.length);
      const firstMonth = 4 + (f.quarter - 1) * 3; // Q1 of a financial year is April–June
      const y = firstMonth > 12 ? start + 1 : start;
      const m = firstMonth > 12 ? firstMonth - 12 : firstMonth;
      return { start: serialFromYmd(y, m, 1), end: endOfMonth(y, m + 2) };
    }
    if (shape === "n" && n[0]!.text.length === 4) {
      const m = 1 + (f.quarter - 1) * 3;
      return { start: serialFromYmd(n[0]!.value, m, 1), end: endOfMonth(n[0]!.value, m + 2) };
    }
    return null;
  }
  switch (shape) {
    case "n": {
      // A calendar year on its own. "FY2025" or "academic year 2025" is ambiguous: refuse.
      if (n[0]!.text.length !== 4 || f.academic || f.financial) return null;
      const y = n[0]!.value;
      return { start: serialFromYmd(y, 1, 1), end: serialFromYmd(y, 12, 31) };
    }
    case "nn": {
      const [a, b] = [n[0]!, n[1]!];
      const looksLikeMonth = a.text.length <= 2 && a.value >= 1 && a.value <= 12;
      if (looksLikeMonth && !f.academic && !f.financial && (b.text.length === 2 || b.text.length === 4)) {
        return monthRange(expandYear(b.value, b.text.length), a.value);
      }
      if ((a.text.length === 2 || a.text.length === 4) && isYearPair(a, b)) {
        const start = expandYear(a.value, a.text.length);
        return f.academic ? academicYear(start) : financialYear(start);
      }
      return null;
    }
    case "nnn": {
      const [a, b, c] = [n[0]!, n[1]!, n[2]!];
      if (a.text.length === 4) return dayRange(a.value, b.value, c.value); // ISO y-m-d
      if (c.text.length !== 2 && c.text.length !== 4) return null;
      return dayRange(expandYear(c.value, c.text.length), b.value, a.value); // UK d/m/y
    }
    case "mn":
    case "nm": {
      const y = n[0]!;
      if (y.text.length !== 2 && y.text.length !== 4) return null;
      // "31 March" is a day with no year, and "24 March" as likely the 24th as 2024.
      if (shape === "nm" && y.text.length === 2) return null;
      return monthRange(expandYear(y.value, y.text.length), month);
    }
    case "nmn": {
      const [d, y] = [n[0]!, n[1]!];
      if (y.text.length !== 2 && y.text.length !== 4) return null;
      return dayRange(expandYear(y.value, y.text.length), month, d.value);
    }
    case "mnn": {
      // "September 1, 2024": the month named first, so the order is not in doubt.
      const [d, y] = [n[0]!, n[1]!];
      if (d.text.length > 2 || y.text.length !== 4) return null;
      return dayRange(y.value, month, d.value);
    }
    default:
      return null;
  }
}

export function parseBound(raw: unknown): DateBound | null {
  if (raw === null || raw === undefined || raw === "") return "end";
  const t = String(raw).trim().toLowerCase();
  if (t === "end" || t === "last") return "end";
  if (t === "start" || t === "first" || t === "begin") return "start";
  return null;
}

/** The longest period one day to judge deadlines by may stand for: a quarter. */
const LONGEST_PERIOD_DAYS = 92;

/**
 * One day to judge deadlines by ("as of", a report date): a date, or the last day of a month or
 * quarter written without one ("March 2025"). A whole year ("2025", "2024/25") names no such day,
 * so it is null, as unreadable text is.
 */
export function readDay(raw: unknown): number | null {
  const range = readDateRange(raw);
  return range && range.end - range.start <= LONGEST_PERIOD_DAYS ? range.end : null;
}

/**
 * One date for a cell: the end of a month or year unless `bound` is "start". Blank is null.
 * Unreadable text is an #N/A error quoting it.
 */
export function parseDate(raw: unknown, bound: DateBound = "end"): number | null {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "boolean") throw valueError(`${quote(raw)} is TRUE or FALSE, not a date.`);
  const range = readDateRange(raw);
  if (!range) {
    throw naError(
      typeof raw === "number"
        ? `${raw} is not a date Excel can show.`
        : `${quote(raw)} is not a date: try a form such as Sep 2024, 01/09/2024 or 2024/25.`,
    );
  }
  return bound === "start" ? range.start : range.end;
}
