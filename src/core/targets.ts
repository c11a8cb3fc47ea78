/**
 * Targets as strategy scorecards write them: "2026: 15%; 2027: 18%", "65% 2026; 80% 2027",
 * "50% reduction by 2026-27", "£9.12m by 2026-27", "0 tribunals 2017-18". Each is read as a
 * (year, figure) pair with what the figure measures, so a later check can set actuals against
 * it. Anything that does not give both a year and a figure is handed back unread, word for word.
 */
import { parseMoneyText } from "./money";
import { replaceBetween, trimEndWhile } from "./grid";
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
  /** A change in percentage points ("+5 percentage points"), not a share of the baseline. */
  points?: boolean;
  /** What the figure counts, where the target says ("new placements within 20 miles"); "" when it is the row's indicator. */
  measure: string;
  /** The piece of the cell this target was read from. */
  text: string;
}

/** A target the cell sets without a year ("below the target of 18 per cent"): the target for whichever year is asked. */
export type UndatedTarget = Omit<Target, "year">;

export interface TargetReading {
  targets: Target[];
  /** Targets with no year written: each holds for any year. */
  undated: UndatedTarget[];
  /** Pieces of the cell with no year or no figure in them, as written. */
  unread: string[];
  /** True when the cell's targets measure different things (a second indicator in one cell). */
  severalMeasures: boolean;
  /** Set when the text is too long to be a target cell (LONGEST_TARGET) and was not read. */
  tooLong?: true;
}

/** A target cell is a sentence or two: text longer than this is not read as targets at all. */
export const LONGEST_TARGET = 2_000;

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
    re: /(?<![\d£.,])(20\d{2})(?![\d%]|[.,]\d)/g,
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
    for (let i = span.start; i < span.end; i++) if (this.taken[i] === 1) return true;
    return false;
  }
  claim(span: Span): void {
    // A token is a few characters: a loop costs less than a call to fill.
    for (let i = span.start; i < span.end; i++) this.taken[i] = 1;
  }
}

function yearsIn(piece: string): YearToken[] {
  const found: YearToken[] = [];
  // Every year pattern starts with a digit or a month's name: a piece with no digit has no year.
  if (!HAS_DIGIT.test(piece)) return found;
  const claimed = new Claimed(piece.length);
  for (const { re, read } of YEAR_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(piece); m; m = re.exec(piece)) {
      const span: YearToken = { start: m.index, end: m.index + m[0].length, year: undefined as unknown as TargetYear };
      if (claimed.overlaps(span)) continue;
      const year = read(m);
      if (year) {
        span.year = year;
        found.push(span);
        claimed.claim(span);
      }
    }
  }
  return found.length > 1 ? found.sort((a, b) => a.start - b.start) : found;
}

const HAS_DIGIT = /\d/;
const LETTER = /[a-z]/i;

/** Whether a character code is an ASCII letter. */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The digits and the point of a figure as written ("1,234.5" → 1234.5). */
function digitsOf(raw: string): number {
  let text = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46) text += raw[i];
  }
  return Number(text);
}

function figuresIn(piece: string, years: Span[]): FigureToken[] {
  const found: FigureToken[] = [];
  if (!HAS_DIGIT.test(piece)) return found;
  const claimed = new Claimed(piece.length, years);
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(piece); m; m = FIGURE.exec(piece)) {
    const raw = m[1]!;
    const start = m.index;
    const end = start + raw.length;
    const span = { start, end };
    if (claimed.overlaps(span)) continue;
    const money = raw.charCodeAt(0) === 163; // £
    // A digit glued to letters (KS2, Year 11 is fine, but "S1" or "20mins") is a label, not a figure.
    if (!money && isLetter(piece.charCodeAt(end))) continue;
    const last = raw.charCodeAt(raw.length - 1);
    if (last === 37 /* % */ || (!money && LETTER.test(raw))) {
      // Only "%", "per cent" and "pc" end a figure that is not money with a letter.
      found.push({ start, end, value: digitsOf(raw), unit: "%" });
    } else if (money) {
      const value = parseMoneyText(raw.replace(/\s/g, ""));
      if (value !== null && Number.isFinite(value)) found.push({ start, end, value, unit: "£" });
    } else {
      const value = digitsOf(raw);
      if (Number.isFinite(value)) found.push({ start, end, value, unit: "count" });
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
  // Every step below only takes words away: with no letter left there is no measure to name.
  if (!LETTER.test(text)) return "";
  const cut = replaceBetween(text, "(", ")", " ")
    .replace(REDUCTION, " ")
    .replace(INCREASE, " ")
    .replace(/\b(?:by|in|for|from|at|of|to|target|targets|the end of|end of|year|fy|ay)\b(?=\s*(?:[:;,.-]|$))/gi, " ")
    .replace(/^\s*(?:[:;,.–—-]|\bof\b|\bby\b|\bin\b|\s)+/i, "");
  // Joining words and marks at either end ("and", "by", "=", "Satisfaction:") are not the measure's name.
  const words = withoutTrailingJoiners(cut).split(/\s+/).filter((w) => w !== "");
  const joiner = (w: string) => /^(?:and|or|by|in|for|from|of|to|at|[=:;,.–—-]+)$/i.test(w);
  while (words.length > 0 && joiner(words[0]!)) words.shift();
  while (words.length > 0 && joiner(words[words.length - 1]!)) words.pop();
  const measure = trimEndWhile(words.join(" "), (c) => ":=–—-".includes(c)).trim();
  // What is left with no word in it names nothing.
  return /[a-z]/i.test(measure) ? measure : "";
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
 * Kept in two generations: when the young one is full it becomes the old one and the oldest go,
 * so a sheet of up to READINGS_KEPT target texts stays read however often it recalculates.
 */
let youngReadings = new Map<string, TargetReading>();
let oldReadings = new Map<string, TargetReading>();
const READINGS_KEPT = 8_192;
const LONGEST_KEPT = 1_000;

function keptReading(text: string): TargetReading | undefined {
  const young = youngReadings.get(text);
  if (young) return young;
  const old = oldReadings.get(text);
  if (old) keepReading(text, old);
  return old;
}

function keepReading(text: string, reading: TargetReading): void {
  if (youngReadings.size >= READINGS_KEPT) {
    oldReadings = youngReadings;
    youngReadings = new Map();
  }
  youngReadings.set(text, reading);
}

/** Reads the targets in a cell. Never throws; what cannot be read comes back in `unread`. */
export function readTargets(raw: unknown): TargetReading {
  if (raw === null || raw === undefined) return { targets: [], undated: [], unread: [], severalMeasures: false };
  const text = typeof raw === "string" ? raw : String(raw);
  if (text.length > LONGEST_TARGET) return { targets: [], undated: [], unread: [text], severalMeasures: false, tooLong: true };
  if (text.length > LONGEST_KEPT) return readTargetText(text);
  const known = keptReading(text);
  if (known) return known;
  const reading = readTargetText(text);
  for (const t of reading.targets) Object.freeze(Object.freeze(t).year);
  for (const t of reading.undated) Object.freeze(t);
  Object.freeze(reading.targets);
  Object.freeze(reading.undated);
  Object.freeze(reading.unread);
  Object.freeze(reading);
  keepReading(text, reading);
  return reading;
}

// ---------------------------------------------------------------------------------------------
// The grammar of a target cell. A cell is sentences (split at ";", new lines and full stops);
// a sentence is clauses (split at commas and "and" unless a year follows, so a list of years
// stays whole); a clause holds figures and years. A figure is a target unless it is a label
// ("Key Stage 2", "20 weeks", "per 10,000", "aged 16-18"), a baseline ("baseline = 8.25%", "from
// 47"), a tolerance ("within 5% of the target"), spending ("investing £120m") or, in prose that
// names its target, a figure the target word does not point at ("81% ... not meeting our 90%
// target"). Years pair with the figures of their own clause: one figure takes every year of its
// clause, as many figures as years pair in order ("2026: 15%" binds a year to the figure after
// it), and otherwise each year goes to the figure before it. A figure with no year is the target
// for any year.

/** Words that name a target in prose: where one appears, only the figures it points at are targets. */
const TARGET_WORD = /\b(?:target\w*|threshold|aims?|aiming|ambition|objective|goal|trajectory)\b/gi;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, "twenty-five": 25, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};
const NUMBER_WORD = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join("|");
// "five per cent", "at least three": a number written as a word, where it is a figure.
const WORD_BEFORE_SHARE = new RegExp(`\\b(${NUMBER_WORD})(?=\\s*(?:%|per\\s?cent\\b|percent\\b|percentage\\s+points?\\b))`, "gi");
const WORD_AFTER_BOUND = new RegExp(`(\\b(?:at\\s+least|no\\s+more\\s+than|no\\s+fewer\\s+than|target\\s+of)\\s+)(${NUMBER_WORD})\\b`, "gi");
const PER_CENT = /(\d)\s*(?:per\s?cent|percent)\b(\.)?/gi;

/** Percentages written out as "%", numbers as words as digits: one way of writing each, for the grammar. */
function normalise(text: string): string {
  return text
    .replace(WORD_BEFORE_SHARE, (w: string) => String(NUMBER_WORDS[w.toLowerCase()]))
    .replace(WORD_AFTER_BOUND, (_all: string, before: string, w: string) => `${before}${NUMBER_WORDS[w.toLowerCase()]}`)
    .replace(PER_CENT, (_all: string, digit: string) => `${digit}%`)
    // "2004-05,2005-06": a list of years the copy ran together.
    .replace(/(\d),(?=(?:19|20)\d{2}\s*[-/–])/g, "$1, ")
    .replace(/\s+/g, " ");
}

/** Sentences: at ";", new lines, and a full stop, "?" or "!" before a capital or the end. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const end = c === ";" || c === "\n" || c === "\r" || ((c === "." || c === "?" || c === "!") && (i + 1 >= text.length || (text[i + 1] === " " && /[A-Z‘'“"(]/.test(text[i + 2] ?? ""))));
    if (!end) continue;
    out.push(text.slice(from, i));
    from = i + 1;
  }
  out.push(text.slice(from));
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

interface Clause {
  start: number;
  end: number;
}

const YEAR_START = /^\s*(?:and\s+)?(?:(?:19|20)\d{2}|\d{2}\/\d{2})/i;

/** A sentence's clauses: split at commas and "and", but not in a list of years ("2003-04, 2004-05 and 2005-06"). */
function clausesOf(sentence: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  const SPLIT = /,|\band\b/gi;
  for (let m = SPLIT.exec(sentence); m; m = SPLIT.exec(sentence)) {
    if (YEAR_START.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
    out.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  out.push({ start: from, end: sentence.length });
  return out;
}

const LABEL_AFTER = /^(?:-[a-z]|\s*-\s*\d|\s*(?:working\s+)?(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|miles?|year\s+olds?)\b|\s*or\s+(?:more|fewer|less|over)\b|\s*(?:\w+\s+){0,2}per\s+(?:day|week|month|year|annum|quarter)\b)/i;
const LABEL_BEFORE = /(?:\b(?:per|within|under|over|aged|stage|ks|key\s+stage|q|quarter|ni|no\.?|number|phase|priority|area|step|top|bottom|band|level|tier|grade|year)\s*|[a-z]-\s*|\d\s*-\s*)$/i;
const BASELINE_BEFORE = /(?:\bbaseline\b[^\d%£]{0,12}|\bfrom\s+)$/i;
const TOLERANCE_AFTER = /^\s*(?:%\s*)?(?:percentage\s+points?\s+)?of\s+(?:the\s+)?target/i;
const SPENDING_BEFORE = /\b(?:invest\w*|spend\w*|spent|cost\w*|budget\w*|funding|funded|grant)\s+(?:of\s+)?$/i;
const ACTUAL_BEFORE = /\b(?:was|were|is|are|been|currently(?:\s+at)?|reached|stands\s+at|remains\s+at)\s*$/i;
const YEAR_OF_ACTUAL_BEFORE = /(?:\bas\s+(?:at|of)|\bduring|\bq[1-4]|\bquarter\s+\w+\s+of|\bquarter\s+\w+)\s*$/i;
const BASELINE_AFTER = /^\s*baseline\b/i;

const CHANGE_AFTER_DOWN = /^\s*(?:reduction|decrease|cut|fewer|less|drop|fall)\b/i;
const CHANGE_AFTER_UP = /^\s*(?:increase|rise|more|extra|additional|new|growth|improvement)\b/i;
const CHANGE_BEFORE_UP = /\b(?:extra|additional|another|further)\s+$/i;
const LEVEL_BEFORE = /\b(?:at\s+least|no\s+more\s+than|no\s+higher\s+than|no\s+fewer\s+than|no\s+less\s+than|fewer\s+than|less\s+than|maintain(?:ed)?\s+at|to|of|at|be|hit|reach|achieve)\s+$/i;
const VERB_BY = /\b(reduc\w*|decreas\w*|cut\w*|lower\w*|fall\w*|increas\w*|rais\w*|grow\w*|improv\w*)\b[^,;]{0,80}?\bby\s+$/i;
const DOWN_VERB = /^(?:reduc|decreas|cut|lower|fall)/i;
const POINTS_AFTER = /^\s*(?:%\s*)?percentage\s+points?\b/i;

interface Placed extends FigureToken {
  change?: "reduction" | "increase";
  points?: boolean;
}

/**
 * Which of the grammar's cue words a sentence holds anywhere. A rule needs its words: where a
 * sentence has none of them the rule is not tried at each figure and year. Each cue matches
 * wherever its rule could (it asks less of the text), so skipping never changes a reading.
 */
interface Cues {
  baseline: boolean;
  from: boolean;
  target: boolean;
  actual: boolean;
  yearOfActual: boolean;
  percentage: boolean;
  bound: boolean;
}
const CUE_ACTUAL = /\b(?:was|were|is|are|been|currently|reached|stands|remains)/i;
const CUE_YEAR_OF_ACTUAL = /\b(?:as|during|q[1-4]|quarter)/i;

function cuesOf(sentence: string): Cues {
  const lower = sentence.toLowerCase();
  return {
    baseline: lower.includes("baseline"),
    from: lower.includes("from"),
    target: lower.includes("target"),
    actual: CUE_ACTUAL.test(sentence),
    yearOfActual: CUE_YEAR_OF_ACTUAL.test(sentence),
    percentage: lower.includes("percentage"),
    bound: lower.includes("least") || lower.includes("no"),
  };
}

/** Whether a figure in the sentence is a target figure at all (see the grammar above). */
function isTargetFigure(sentence: string, f: FigureToken, prose: boolean, cues: Cues): boolean {
  if (isLabel(sentence, f)) return false;
  const before = sentence.slice(Math.max(0, f.start - 40), f.start);
  if ((cues.baseline || cues.from) && BASELINE_BEFORE.test(before)) return false;
  if (cues.target && TOLERANCE_AFTER.test(sentence.slice(f.end, f.end + 40))) return false;
  if (f.unit === "£" && SPENDING_BEFORE.test(before)) return false;
  if (!prose && cues.actual && ACTUAL_BEFORE.test(before)) return false;
  return true;
}

/** A number that names or counts something other than the target: "Key Stage 2", "20 weeks", "per 10,000". */
function isLabel(sentence: string, f: FigureToken): boolean {
  return LABEL_AFTER.test(sentence.slice(f.end, f.end + 40)) || LABEL_BEFORE.test(sentence.slice(Math.max(0, f.start - 40), f.start));
}

const BOUND_BEFORE = /\b(?:at\s+least|no\s+more\s+than|no\s+fewer\s+than)\s+$/i;

/** A figure as a level or a change on the baseline, from the words round it. */
function placed(sentence: string, f: Placed, cues: Cues): Placed {
  if (f.change) return f;
  const before = sentence.slice(Math.max(0, f.start - 120), f.start);
  const after = sentence.slice(f.end, f.end + 40);
  const signed = sentence[f.start - 1];
  if (cues.percentage && POINTS_AFTER.test(after)) return { ...f, change: signed === "-" || signed === "−" ? "reduction" : "increase", points: true };
  if (signed === "+") return { ...f, change: "increase" };
  if (cues.bound && BOUND_BEFORE.test(before)) return f;
  if (CHANGE_AFTER_DOWN.test(after)) return { ...f, change: "reduction" };
  if (CHANGE_AFTER_UP.test(after) || CHANGE_BEFORE_UP.test(before)) return { ...f, change: "increase" };
  if (LEVEL_BEFORE.test(before)) return f;
  const verb = VERB_BY.exec(before);
  if (verb) return { ...f, change: DOWN_VERB.test(verb[1]!) ? "reduction" : "increase" };
  return f;
}

/** The targets of one sentence: each target figure with its years (none: undated). */
function readSentence(sentence: string, prose: boolean): { figure: Placed; years: YearToken[] }[] {
  const cues = cuesOf(sentence);
  const allYears = yearsIn(sentence);
  const years =
    cues.yearOfActual || cues.baseline
      ? allYears.filter((y) => !(cues.yearOfActual && YEAR_OF_ACTUAL_BEFORE.test(sentence.slice(Math.max(0, y.start - 30), y.start))) && !(cues.baseline && BASELINE_AFTER.test(sentence.slice(y.end, y.end + 20))))
      : allYears;
  // Every figure written, and those that can be targets: the prose rule below needs both.
  const written = figuresIn(sentence, allYears);
  let figures = written.filter((f) => isTargetFigure(sentence, f, prose, cues));
  // "Halve" and "double" are a change of 50% and 100% with no figure written.
  if (figures.length === 0) {
    const word = HALVE_OR_DOUBLE.exec(sentence);
    if (word) figures = [{ start: word.index, end: word.index + word[0].length, value: /^halv/i.test(word[0]) ? 50 : 100, unit: "%", change: /^halv/i.test(word[0]) ? "reduction" : "increase" } as Placed];
  }
  const clauses = clausesOf(sentence);
  // Each token's clause, by a binary search over the clauses' starts: never a scan per token.
  const clauseOf = (x: Span) => {
    let lo = 0;
    let hi = clauses.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (clauses[mid]!.start <= x.start) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The first of `list` (sorted by start) starting at or after `at`, by binary search; its index. */
  const firstFrom = <T extends Span>(list: readonly T[], at: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  if (prose) {
    // Only what a target word points at: the first figure after it, else the nearest before it;
    // and any figure with a year of its own in its clause ("to no more than 5% in 2006-07").
    TARGET_WORD.lastIndex = 0;
    const pointed = new Set<FigureToken>();
    for (let m = TARGET_WORD.exec(sentence); m; m = TARGET_WORD.exec(sentence)) {
      const at = m.index;
      const end = at + m[0].length;
      // "the target of 10 working days": the target is a standard, not a figure; nothing else is it.
      const first = written[firstFrom(written, end)];
      if (first && isLabel(sentence, first) && first.start - end < 40 && /^\W*(?:\w+\W+){0,2}$/.test(sentence.slice(end, first.start))) continue;
      const i = firstFrom(figures, end);
      const chosen = figures[i] ?? (i > 0 ? figures[i - 1] : undefined);
      if (chosen) pointed.add(chosen);
    }
    if (pointed.size === 0) return [];
    const dated = new Set(years.map(clauseOf));
    let firstPointed = Infinity;
    for (const f of pointed) firstPointed = Math.min(firstPointed, f.start);
    figures = figures.filter((f) => pointed.has(f) || (f.start > firstPointed && dated.has(clauseOf(f))));
  }
  if (figures.length === 0) return [];
  const out: { figure: Placed; years: YearToken[] }[] = figures.map((f) => ({ figure: placed(sentence, f, cues), years: [] }));
  const figuresByClause = new Map<number, typeof out>();
  for (const o of out) {
    const c = clauseOf(o.figure);
    const list = figuresByClause.get(c);
    if (list) list.push(o);
    else figuresByClause.set(c, [o]);
  }
  const yearsByClause = new Map<number, YearToken[]>();
  for (const y of years) {
    const c = clauseOf(y);
    const list = yearsByClause.get(c);
    if (list) list.push(y);
    else yearsByClause.set(c, [y]);
  }
  const leftover: YearToken[] = [];
  for (const [c, ys] of yearsByClause) {
    const fs = figuresByClause.get(c) ?? [];
    if (fs.length === 0) {
      leftover.push(...ys);
      continue;
    }
    const binding = (y: YearToken) => /^\s*[:=]/.test(sentence.slice(y.end, y.end + 3));
    if (fs.length === 1) fs[0]!.years.push(...ys);
    else if (fs.length === ys.length && !ys.some(binding)) ys.forEach((y, i) => fs[i]!.years.push(y));
    else {
      // "2026: 15%" binds the year to the figure after it; otherwise the figure before it takes it.
      let k = 0;
      for (const y of ys) {
        while (k < fs.length && fs[k]!.figure.start < y.end) k++;
        const after = fs[k];
        const before = k > 0 ? fs[k - 1] : undefined;
        const binds = after !== undefined && binding(y) && after.figure.start - y.end <= 6;
        (binds ? after : (before ?? after))!.years.push(y);
      }
    }
  }
  // "By 2027, 90% of plans": a year on its own in the sentence is the year of its undated figures.
  if (leftover.length === 1 && years.length === 1) for (const o of out) if (o.years.length === 0) o.years.push(leftover[0]!);
  return out;
}

function readTargetText(raw: string): TargetReading {
  const text = normalise(raw);
  TARGET_WORD.lastIndex = 0;
  const prose = TARGET_WORD.test(text);
  const targets: Target[] = [];
  const undated: UndatedTarget[] = [];
  const unread: string[] = [];
  const named = new Set<string>();
  let lastMeasure = "";
  for (const sentence of sentencesOf(text)) {
    const read = readSentence(sentence, prose);
    if (read.length === 0) {
      unread.push(sentence);
      continue;
    }
    // Each figure measures what the words from it to the next figure say ("25% EHC have PB by
    // 2018/19 10% reduction in equivalent cost"), the first from the sentence's start; in prose
    // they cannot be told apart from the words round them: the indicator's own. A sentence that
    // names no measure takes the last one named ("Satisfaction: 70% 2025; 85% 2026").
    const ordered = read.length > 1 ? [...read].sort((a, b) => a.figure.start - b.figure.start) : read;
    const measures = new Map<Placed, string>();
    if (!prose) {
      const spans: Span[] = [];
      for (const r of read) spans.push(r.figure, ...r.years);
      for (let i = 0; i < ordered.length; i++) {
        const figure = ordered[i]!.figure;
        const from = i === 0 ? 0 : figure.start;
        const to = i + 1 < ordered.length ? ordered[i + 1]!.figure.start : sentence.length;
        const own: Span[] = [];
        for (const x of spans) if (x.start >= from && x.end <= to) own.push({ start: x.start - from, end: x.end - from });
        measures.set(figure, measureOf(sentence.slice(from, to), own));
      }
    }
    for (const r of read) {
      const { figure } = r;
      let measure = measures.get(figure) ?? "";
      if (measure === "") measure = lastMeasure;
      else lastMeasure = measure;
      named.add(measure.toLowerCase());
      const made = (year: TargetYear | null, from: string): Target | UndatedTarget => {
        const t = { value: figure.value, unit: figure.unit, measure, text: from } as Target;
        if (year) t.year = year;
        if (figure.change) t.change = figure.change;
        if (figure.points) t.points = true;
        return t;
      };
      if (r.years.length === 0) undated.push(made(null, sentence));
      else {
        const written = sentence.slice(figure.start, figure.end);
        const whole = r.years.length === 1 && read.length === 1;
        for (const y of r.years) targets.push(made(y.year, whole ? sentence : `${y.year.text}: ${written}`) as Target);
      }
    }
  }
  return { targets, undated, unread, severalMeasures: named.size > 1 };
}
