import { hasNoDeadline, readDateRange } from "../dates";
import { CELL_TYPES, type CellType, INITIALS, cellType, clearMisfit, priorFor } from "./cells";
import type { CellMove, Field, Realignment } from "./types";

/**
 * Putting back rows whose cells did not survive the copy out of a PDF or Word: cells that slid
 * along the row by different amounts, a lead glued to a date in one cell, a date cut across
 * cells. The mechanism is sequence alignment. Each column has a profile — how likely each type
 * of cell (money, a date, a status, initials, prose…) is under it — learned from the table's own
 * well-formed rows with the heading as the prior. A row's values keep their order; the reader
 * finds the order-preserving assignment of values to columns with the least cost (dynamic
 * programming over values × columns: a misfit costs what its improbability says, every move
 * costs a little), so a row whose parts slid by different amounts is put back, and a row that
 * already fits is left alone.
 */

/** A value to place: a cell as laid out, or a part of one, or pieces joined. */
interface Token {
  value: unknown;
  type: CellType;
  from: number[];
  /** Where it sits if nothing moves: its own column (the next one for a split cell's second part). */
  home: number;
  how: "cell" | "split" | "joined";
}

/** Nats a value pays for being moved: enough that a row that fits is never shuffled. */
const MOVE = 1.2;
/** A placement must beat the row as laid out by this much to be proposed. */
const MIN_GAIN = 0.6;
/** Extra cost of a column past the last heading, where no heading says what a value is. */
const BEYOND = 2.5;
/** How strongly the heading's prior counts against the column's own rows, in rows. */
const PRIOR_WEIGHT = 3;
const FLOOR = 0.004;
/** Well-formed rows learned from: enough for a profile, and a 20,000-row sheet stays quick. */
const LEARN_ROWS = 400;

/** Column profiles for one table: counts of each type in its well-formed rows. */
export class ColumnProfiles {
  private readonly counts: Float64Array;
  private readonly totals: Float64Array;
  private readonly typeIndex = new Map<CellType, number>(CELL_TYPES.map((t, i) => [t, i]));
  private learned = 0;
  private costs: Float64Array | null = null;

  /**
   * `headed` says which columns have a heading (or cells of their own, for an unheaded column the
   * reader kept): a value is put in any other column only at the cost of one past the last heading.
   */
  constructor(
    readonly fields: readonly (Field | undefined)[],
    readonly lastHeader: number,
    readonly width: number,
    private readonly headed: (column: number) => boolean = () => true,
  ) {
    this.counts = new Float64Array(width * CELL_TYPES.length);
    this.totals = new Float64Array(width);
  }

  /** Whether a row as laid out has a cell that plainly breaks its column. */
  misfits(cells: readonly unknown[]): number[] {
    const out: number[] = [];
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      if (clearMisfit(c > this.lastHeader ? undefined : this.fields[c], v, c > this.lastHeader)) out.push(c);
    }
    return out;
  }

  /** Learns from a row that fits its headings (no misfit, nothing past the last heading). */
  learn(cells: readonly unknown[]): void {
    if (this.learned >= LEARN_ROWS) return;
    this.learned++;
    this.costs = null;
    for (let c = 0; c < cells.length && c < this.width; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      const t = this.typeIndex.get(cellType(v))!;
      this.counts[c * CELL_TYPES.length + t]!++;
      this.totals[c]!++;
    }
  }

  /** The cost of a value of this type under this column: −log of its probability. */
  cost(column: number, type: CellType): number {
    if (!this.costs) this.costs = this.table();
    return this.costs[Math.min(column, this.width - 1) * CELL_TYPES.length + this.typeIndex.get(type)!]!;
  }

  private table(): Float64Array {
    const n = CELL_TYPES.length;
    const costs = new Float64Array(this.width * n);
    for (let c = 0; c < this.width; c++) {
      const beyond = c > this.lastHeader || !this.headed(c);
      const prior = beyond ? null : priorFor(this.fields[c]);
      for (let t = 0; t < n; t++) {
        const p0 = prior ? prior[CELL_TYPES[t]!] ?? 0 : 1 / n;
        const p = beyond ? 1 / n : (this.counts[c * n + t]! + PRIOR_WEIGHT * p0) / (this.totals[c]! + PRIOR_WEIGHT);
        costs[c * n + t] = -Math.log(Math.max(p, FLOOR)) + (beyond ? BEYOND : 0);
      }
    }
    return costs;
  }
}

/** "KP/AT Nov2025", "KP Sep 25": a lead's initials and a date glued into one cell. */
const GLUED = /^([A-Z]{1,5}(?:\s*(?:\/|&|\+|,)\s*[A-Z]{1,5})*)\s+(\S.*)$/;

/**
 * The initials and the date (or the start and end dates) of a cell holding them all, or null:
 * "KP/AT Nov2025" is a lead and a date; "HC/KP Dec 2025 June 2026" a lead, a start and an end,
 * split so that the lead stays the lead's and each date goes to its own column.
 */
export function splitGlued(v: unknown): [string, string] | [string, string, string] | null {
  if (typeof v !== "string") return null;
  const m = GLUED.exec(v.trim());
  if (!m) return null;
  const rest = m[2]!.trim();
  if (hasNoDeadline(rest)) return null;
  if (readDateRange(rest) !== null) return [m[1]!, rest];
  const dates = splitIntoDates(rest);
  return dates && dates.length === 2 ? [m[1]!, dates[0]!, dates[1]!] : null;
}

/** A lead named in words is short: "Head of Commissioning", "SEND Commissioning Lead". */
const MAX_LEAD_WORDS = 8;

/** A year or a financial year on its own: 2025, 2025/26, 2025-2026. */
const YEAR_ONLY = /^(?:19|20)\d{2}(?:\s?[/-]\s?(?:\d{2}|\d{4}))?$/;

/**
 * "Head of Commissioning 01/05/2025 30/09/2025": a lead named in words, then one or two dates, as
 * a PDF runs them into the lead's cell. The lead is every word before the first that starts a
 * date, none of them with a digit; what follows must read as dates and nothing else.
 */
function leadInWordsWithDates(v: unknown): [string, string] | [string, string, string] | null {
  if (typeof v !== "string") return null;
  const text = v.trim();
  // A date written in words ("April 2026", "w/c 3 March") is a date, not a lead with one.
  if (text.length > 160 || readDateRange(text) !== null) return null;
  const words = text.split(/\s+/);
  for (let cut = 1; cut <= MAX_LEAD_WORDS && cut < words.length; cut++) {
    if (/\d/.test(words[cut - 1]!)) return null;
    const rest = words.slice(cut).join(" ");
    // The dates start with a day, a month or a term: a word with a digit, or one a date reads from.
    if (!/\d/.test(words[cut]!) && !readsAsDatedText(rest)) continue;
    if (hasNoDeadline(rest)) return null;
    const lead = words.slice(0, cut).join(" ");
    // "01/04/2025 - 31/03/2026", "Sep 2025 to Mar 2026": a range's two ends, without what joins them.
    const dates = splitIntoDates(rest.replace(/ (?:-|\u2013|\u2014|to) (?=\S)/, " "));
    // A year alone ("Inclusion Team 2025/26", "Pilot 2025") names the lead's year, not a day.
    if (!dates || dates.some((d) => YEAR_ONLY.test(d))) return null;
    if (dates.length === 2) return [lead, dates[0]!, dates[1]!];
    if (dates.length === 1) return [lead, dates[0]!];
    return null;
  }
  return null;
}

/**
 * The lead in words and its dates in the lead's cell at `c`, where the cells its dates would go
 * to are blank: a row whose dates are in their own columns already is left as it is.
 */
function wordLeadWithDates(cells: readonly unknown[], c: number): [string, string] | [string, string, string] | null {
  const parts = leadInWordsWithDates(cells[c]);
  if (!parts) return null;
  for (let k = 1; k < parts.length; k++) {
    const next = cells[c + k];
    if (next !== null && next !== undefined && String(next).trim() !== "") return null;
  }
  return parts;
}

/** A date with its year: a cut piece put back must name one, so "Jun" or "202" never pass. */
function readsAsDatedText(text: string): boolean {
  return /\d{2}/.test(text) && readDateRange(text) !== null;
}

/**
 * Pieces of dates a PDF cut across neighbouring cells ("RD Jun" | "e 2025 Dec 202" | "5"): the
 * run's text joined (cut mid-word, so without a space, else with one), a lead's initials taken
 * off the front, and the rest split into whole dates. Only runs holding a cell that reads as
 * nothing on its own are tried; the result is a guess, and says so.
 */
function cutDates(tokens: Token[], fields: readonly (Field | undefined)[]): { tokens: Token[]; guess: string } | null {
  const isDateField = (c: number) => fields[c] === "start" || fields[c] === "end";
  const broken = (t: Token) => {
    if (t.how !== "cell" || typeof t.value !== "string") return false;
    const text = t.value.trim();
    const c = t.from[0]!;
    if (isDateField(c)) return !hasNoDeadline(text) && readDateRange(text) === null;
    return fields[c] === "lead" && !INITIALS.test(text) && /^[A-Z]{1,5}(?:\s*[/&+,]\s*[A-Z]{1,5})*\s+[A-Za-z]{3,}$/.test(text);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!broken(tokens[i]!)) continue;
    for (let length = 4; length >= 2; length--) {
      for (let start = Math.max(0, i - length + 1); start <= i; start++) {
        const run = tokens.slice(start, start + length);
        if (run.length !== length || run.some((t) => t.how !== "cell" || typeof t.value !== "string")) continue;
        // Neighbouring cells only, and at least one under a date heading.
        if (run.some((t, k) => k > 0 && t.from[0] !== run[k - 1]!.from[0]! + 1)) continue;
        const dateColumns = run.filter((t) => isDateField(t.from[0]!)).length;
        if (dateColumns === 0) continue;
        const placed = readPieces(run.map((t) => String(t.value).trim()), fields[run[0]!.from[0]!] === "lead");
        if (!placed || placed.dates.length > dateColumns + (placed.initials ? 0 : 1)) continue;
        const from = run.map((t) => t.from[0]!);
        const made: Token[] = [];
        let home = from[0]!;
        if (placed.initials) made.push({ value: placed.initials, type: "initials", from, home: home++, how: "joined" });
        for (const d of placed.dates) made.push({ value: d, type: "date", from, home: home++, how: "joined" });
        const quoted = run.map((t) => `“${String(t.value).trim()}”`).join(" | ");
        const read = [placed.initials ? `the lead ${placed.initials}` : null, ...placed.dates.map((d) => `“${d}”`)].filter((x) => x !== null).join(", ");
        return {
          tokens: [...tokens.slice(0, start), ...made, ...tokens.slice(start + length)],
          guess: `${quoted} look like dates a PDF cut across cells; put back together they read ${read}. This is a guess: check it against the paper.`,
        };
      }
    }
  }
  return null;
}

/** Pieces joined and split into an optional lead's initials and whole dates. */
function readPieces(pieces: string[], leadFirst: boolean): { initials?: string; dates: string[] } | null {
  for (const glue of ["", " "]) {
    let text = pieces.join(glue).replace(/\s+/g, " ").trim();
    let initials: string | undefined;
    if (leadFirst) {
      // The dates start at the first non-space after the initials (or are empty at the end), so
      // `\s+` and the dates cannot trade spaces.
      const m = /^([A-Z]{1,5}(?:\s*[/&+,]\s*[A-Z]{1,5})*)\s+((?:\S.*)?)$/.exec(text);
      if (!m) continue;
      initials = m[1]!;
      text = m[2]!;
    }
    const dates = splitIntoDates(text);
    if (dates) return { ...(initials ? { initials } : {}), dates };
  }
  return null;
}

/** "June 2025 Dec 2025" → ["June 2025", "Dec 2025"]: words split where every part reads as a dated text. */
function splitIntoDates(text: string): string[] | null {
  const words = text.split(" ");
  if (words.length > 8) return null;
  if (readsAsDatedText(text) && !/\d{4}.*\d{4}/.test(text)) return [text];
  for (let cut = 1; cut < words.length; cut++) {
    const first = words.slice(0, cut).join(" ");
    const second = words.slice(cut).join(" ");
    if (readsAsDatedText(first) && readsAsDatedText(second)) return [first, second];
  }
  return null;
}

function tokensOf(cells: readonly unknown[], fields: readonly (Field | undefined)[]): { tokens: Token[]; split: boolean } {
  const tokens: Token[] = [];
  let split = false;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === null || v === undefined) continue;
    const f = fields[c];
    // A lead's cell may hold its initials or its name in words, then dates; a date's cell, initials then dates.
    const parts = f === "lead" ? (splitGlued(v) ?? wordLeadWithDates(cells, c)) : f === "start" || f === "end" ? splitGlued(v) : null;
    if (parts) {
      split = true;
      tokens.push({ value: parts[0], type: INITIALS.test(parts[0]) ? "initials" : cellType(parts[0]), from: [c], home: c, how: "split" });
      parts.slice(1).forEach((d, k) => tokens.push({ value: d, type: "date", from: [c], home: c + 1 + k, how: "split" }));
    } else {
      tokens.push({ value: v, type: cellType(v), from: [c], home: c, how: "cell" });
    }
  }
  return { tokens, split };
}

/**
 * Placements a row may cost to work out: a row of 16,000 cells across 16,000 columns once took
 * 4 s and 3 GB. A row past it is left as it is, and said to be (TableRow.notRealigned).
 */
export const MAX_PLACEMENTS = 1_000_000;

/**
 * The least-cost order-preserving placement of tokens in columns 0…width−1. In order, token i
 * can only go in columns i … i + slack (slack = width − tokens): only that band is worked out,
 * so the cost is tokens × (slack + 1), not tokens × width.
 */
function place(tokens: Token[], profiles: ColumnProfiles, width: number): { columns: number[]; cost: number } {
  const n = tokens.length;
  const band = width - n + 1;
  // best[i * band + k] is the least cost of tokens 0…i with token i in column i + k.
  const best = new Float64Array(n * band).fill(Infinity);
  const back = new Int32Array(n * band).fill(-1);
  const at = (i: number, j: number) => profiles.cost(j, tokens[i]!.type) + (j === tokens[i]!.home ? 0 : MOVE);
  for (let k = 0; k < band; k++) best[k] = at(0, k);
  for (let i = 1; i < n; i++) {
    // Token i in column i + k follows token i − 1 in any column i − 1 + k' with k' ≤ k.
    let min = Infinity;
    let arg = -1;
    for (let k = 0; k < band; k++) {
      const prev = best[(i - 1) * band + k]!;
      if (prev < min) {
        min = prev;
        arg = k;
      }
      best[i * band + k] = min + at(i, i + k);
      back[i * band + k] = arg;
    }
  }
  let end = -1;
  let cost = Infinity;
  for (let k = 0; k < band; k++) {
    const c = best[(n - 1) * band + k]!;
    if (c < cost) {
      cost = c;
      end = k;
    }
  }
  const columns = new Array<number>(n);
  for (let i = n - 1, k = end; i >= 0; i--) {
    columns[i] = i + k;
    k = back[i * band + k]!;
  }
  return { columns, cost };
}

/**
 * The placement proposed for a row, or undefined when it already fits. `misfits` are the row's
 * clear misfits as laid out (from ColumnProfiles.misfits).
 */
export function realign(cells: readonly unknown[], profiles: ColumnProfiles, misfits: number[]): Realignment | "too wide" | undefined {
  const fields = profiles.fields;
  const first = tokensOf(cells, fields);
  const split = first.split;
  let tokens = first.tokens;
  if (tokens.length === 0) return undefined;
  const cut = cutDates(tokens, fields);
  if (cut) tokens = cut.tokens;
  const reshaped = split || cut !== null;
  if (!reshaped && misfits.length === 0) return undefined;
  const width = Math.max(cells.length, profiles.lastHeader + 1, tokens.length);
  if (tokens.length * (width - tokens.length + 1) > MAX_PLACEMENTS) return "too wide";
  const { columns, cost } = place(tokens, profiles, width);
  if (!reshaped) {
    let laidOut = 0;
    for (const t of tokens) laidOut += profiles.cost(t.home, t.type);
    if (cost + MIN_GAIN >= laidOut) return undefined;
  }
  const placed = new Array<unknown>(width).fill(null);
  const moves: CellMove[] = [];
  tokens.forEach((t, i) => {
    const to = columns[i]!;
    placed[to] = t.value;
    if (t.how === "cell" && to === t.from[0]) return;
    moves.push({ from: t.from, to, value: t.value, how: t.how === "cell" ? "moved" : t.how });
  });
  if (moves.length === 0) return undefined;
  // A move must mend something: the row's misfits fewer, or a cell put back together.
  if (!reshaped && profiles.misfits(placed).length >= misfits.length) return undefined;
  return { cells: placed, moves, misfits, ...(cut ? { guess: cut.guess } : {}) };
}

/** Whether a row needs looking at for a glued or cut cell, though nothing in it plainly misfits. */
export function mayHoldPieces(cells: readonly unknown[], fields: readonly (Field | undefined)[]): boolean {
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v !== "string") continue;
    const f = fields[c];
    if (f === "lead" && (splitGlued(v) || wordLeadWithDates(cells, c))) return true;
    if ((f === "start" || f === "end") && !hasNoDeadline(v) && readDateRange(v) === null) return true;
    if (f === "lead" && /^[A-Z]{1,5}(?:\s*[/&+,]\s*[A-Z]{1,5})*\s+[A-Za-z]{3,}$/.test(v.trim()) && !INITIALS.test(v.trim())) return true;
  }
  return false;
}
