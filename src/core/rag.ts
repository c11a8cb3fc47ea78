import { count, grouped, naError, quote, valueError } from "./errors";
import { type Grid, type RangeOrigin, rangePosition } from "./grid";

/**
 * RAG keys. A key is an ordered list of statuses, each with a description and synonyms.
 * Text is matched ignoring case, spacing, hyphens and punctuation, so "On-track", "on track"
 * and "ON TRACK." are one status. Statuses named after the usual colours (Blue, Green, Amber,
 * Red, Grey) keep the usual meaning and synonyms even in a council's own key, so "On track"
 * is Green in a three-point key too; a colour the key does not list is outside it.
 */
export interface RagStatus {
  /** The status as the key writes it: "Green". */
  name: string;
  description: string;
  /** Other words that mean this status (the description is one of them). */
  synonyms: string[];
  /** Higher is worse. Used by worst-of roll-up. */
  severity: number;
  /** A finished action: not overdue, and all-complete rolls up to this. */
  complete: boolean;
  /** The usual colour the status is named after, worked out once when the key is built: a key meets many cells. */
  colour: Colour | null;
  /** Not started or on hold: left out of a roll-up unless everything is. */
  notStarted: boolean;
}

export interface RagKey {
  statuses: RagStatus[];
  /** normalised text → index into statuses */
  lookup: Map<string, number>;
}

export type Colour = "Blue" | "Green" | "Amber" | "Red" | "Grey";

interface ColourInfo {
  description: string;
  synonyms: string[];
  severity: number;
  complete: boolean;
  notStarted: boolean;
  fill: string;
  /** Text on the fill with at least 4.5:1 contrast (WCAG AA): white on Blue, black on the rest (black on Red is 5.3:1, white only 4.0:1). */
  text: string;
}

/** The built-in five-point key (BRAG + Grey), with the synonyms councils type. */
export const COLOURS: Record<Colour, ColourInfo> = {
  Blue: {
    description: "Completed",
    synonyms: [
      "b", "complete", "completed", "done", "closed", "finished", "delivered", "achieved",
      "implemented", "fully implemented", "complete closed",
    ],
    severity: 0,
    complete: true,
    notStarted: false,
    fill: "#0070C0",
    text: "#FFFFFF",
  },
  Green: {
    description: "On track",
    synonyms: [
      "g", "on track", "ontrack", "on target", "on schedule", "on time", "good", "met",
      "milestones met", "progressing well", "no issues", "in progress on track", "rag green",
    ],
    severity: 1,
    complete: false,
    notStarted: false,
    fill: "#00B050",
    text: "#000000",
  },
  Amber: {
    description: "Delayed but able to make progress",
    synonyms: [
      "a", "delayed", "delay", "at risk", "some risk", "minor delay", "slipping", "slipped",
      "behind", "behind schedule", "yellow", "amber green", "green amber", "potential risk",
      "potential risk of delay", "a g", "g a",
    ],
    severity: 2,
    complete: false,
    notStarted: false,
    fill: "#FFC000",
    text: "#000000",
  },
  Red: {
    description: "Issue requiring escalation",
    synonyms: [
      "r", "requires escalation", "requiring escalation", "escalate", "escalated",
      "needs escalation", "off track", "off target", "not met", "milestones not met",
      "critical", "significant delay", "major delay", "blocked", "failed", "red amber",
      "amber red", "a r", "r a",
    ],
    severity: 3,
    complete: false,
    notStarted: false,
    fill: "#FF0000",
    text: "#000000",
  },
  Grey: {
    description: "Not started or on hold",
    synonyms: [
      "gray", "not started", "not yet started", "on hold", "paused", "not due",
      "not due to start", "not yet due", "future", "yet to start",
    ],
    severity: -1,
    complete: false,
    notStarted: true,
    fill: "#A6A6A6",
    text: "#000000",
  },
};

export const COLOUR_ORDER: Colour[] = ["Blue", "Green", "Amber", "Red", "Grey"];

// Marks count as word characters so a decomposed accent ("e" + U+0301) does not split a word.
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

// Characters normalised since the module loaded: a measure of work that tests bound, since a
// key meeting many cells must not normalise its own names once per cell.
let normalisedCharacters = 0;
export function statusCharactersNormalised(): number {
  return normalisedCharacters;
}

/** Lower case, and only letters and digits separated by single spaces: "On-Track." → "on track". */
export function normaliseStatus(text: string): string {
  normalisedCharacters += text.length;
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (pendingSpace && out.length > 0) out += " ";
      pendingSpace = false;
      out += String.fromCharCode(c);
    } else if (c > 127) {
      // Text pasted from Word or a PDF brings non-breaking and thin spaces, dashes, arrows and
      // bullets that look like separators and must act as them; only letters and digits of
      // other scripts are words. A code point, not a code unit, so astral letters stay whole.
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      if (c === 8217) continue; // the curly apostrophe joins, as "'" does
      if (NON_ASCII_WORD.test(ch)) {
        if (pendingSpace && out.length > 0) out += " ";
        pendingSpace = false;
        out += ch.toLowerCase();
      } else {
        pendingSpace = true;
      }
    } else if (c !== 39) {
      // apostrophes join ("don't"); everything else separates
      pendingSpace = true;
    }
  }
  // "&" and "and" read alike.
  return out.indexOf(" and ") >= 0 ? out.replace(/ and /g, " ") : out;
}

/** Normalised forms also matched without spaces, so "ontrack" and "on track" agree. */
function compact(normalised: string): string {
  return normalised.replace(/ /g, "");
}

// A Map, not an object, so that a word such as "constructor" is not found on the prototype.
const COLOUR_WORDS = new Map<string, Colour>([
  ["blue", "Blue"], ["green", "Green"], ["amber", "Amber"], ["red", "Red"], ["grey", "Grey"], ["gray", "Grey"],
]);

/** The usual colour a text names ("AMBER", "grey", "Gray."), or null: "Amber (at risk)" names none. */
export function colourNamed(text: string): Colour | null {
  return COLOUR_WORDS.get(normaliseStatus(text)) ?? null;
}

export interface KeyEntry {
  name: string;
  description?: string;
  synonyms?: string[];
}

/** Builds a key from entries in the order a council lists them (best first, as keys usually are). */
export function buildKey(entries: KeyEntry[]): RagKey {
  const statuses: RagStatus[] = [];
  const lookup = new Map<string, number>();
  const claim = (text: string, index: number, where: string): void => {
    const n = normaliseStatus(text);
    if (n.length === 0) return;
    for (const form of [n, compact(n)]) {
      const existing = lookup.get(form);
      if (existing !== undefined && existing !== index) {
        // A council's own word wins over a built-in synonym; two of its own words cannot.
        if (where === "own" && !ownForms.has(form)) {
          lookup.set(form, index);
          ownForms.add(form);
          continue;
        }
        if (where === "own") {
          throw valueError(
            `The RAG key gives ${quote(text)} to both ${statuses[existing]!.name} and ${statuses[index]!.name}.`,
          );
        }
        continue;
      }
      lookup.set(form, index);
      if (where === "own") ownForms.add(form);
    }
  };
  const ownForms = new Set<string>();

  const colours = entries.map((e) => colourNamed(e.name));
  const unknownCount = colours.filter((c) => c === null).length;
  entries.forEach((entry, index) => {
    const colour = colours[index]!;
    const info = colour ? COLOURS[colour] : null;
    statuses.push({
      name: entry.name.trim(),
      description: entry.description?.trim() || info?.description || "",
      synonyms: entry.synonyms ?? [],
      // Statuses that are not colours are ranked by their place in the key, best first.
      severity: info ? info.severity : unknownCount > 0 ? index : 0,
      complete: info ? info.complete : /\b(complete|completed|done|closed|achieved)\b/i.test(entry.description ?? ""),
      notStarted: info ? info.notStarted : /\b(not started|on hold)\b/i.test(entry.description ?? ""),
      colour,
    });
  });
  entries.forEach((entry, index) => {
    claim(entry.name, index, "own");
    if (entry.description) claim(entry.description, index, "own");
    for (const s of entry.synonyms ?? []) claim(s, index, "own");
  });
  entries.forEach((_, index) => {
    const colour = colours[index];
    if (!colour) return;
    claim(COLOURS[colour].description, index, "builtin");
    for (const s of COLOURS[colour].synonyms) claim(s, index, "builtin");
  });
  return { statuses, lookup };
}

export const DEFAULT_KEY: RagKey = buildKey(
  COLOUR_ORDER.map((c) => ({ name: c, description: COLOURS[c].description })),
);

/** The key's status for a text, or -1 when the text is outside the key. Blank is -2. */
export function statusIndex(raw: unknown, key: RagKey = DEFAULT_KEY): number {
  if (raw === null || raw === undefined) return -2;
  const text = typeof raw === "string" ? raw : String(raw);
  let hit = key.lookup.get(text);
  if (hit !== undefined) return hit;
  // Words outside the key's own forms are worked out once per key: a status column repeats them.
  let memo = WORKED_OUT.get(key);
  if (!memo) WORKED_OUT.set(key, (memo = new Map()));
  hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = normaliseStatus(text);
  if (n.length === 0) hit = -2;
  else {
    hit = key.lookup.get(n);
    if (hit === undefined) hit = key.lookup.get(compact(n));
    if (hit === undefined) hit = compoundStatus(n, key);
  }
  if (memo.size >= WORKED_OUT_LIMIT) memo.clear();
  memo.set(text, hit);
  return hit;
}

const WORKED_OUT = new WeakMap<RagKey, Map<string, number>>();
const WORKED_OUT_LIMIT = 20_000;

/**
 * Trackers often write a status twice, as a colour and in words: "Complete (Blue)",
 * "Blue/Complete", "Green (on track)". That is the status only when both halves agree; a
 * colour with words meaning another status ("Green - complete") is left outside the key rather
 * than guessed. `n` is already normalised and not in the key.
 */
function compoundStatus(n: string, key: RagKey): number {
  const words = n.split(" ");
  let colour: Colour | null = null;
  let at = -1;
  for (let w = 0; w < words.length; w++) {
    const c = COLOUR_WORDS.get(words[w]!);
    if (c === undefined) continue;
    if (colour !== null) return -1; // two colours: "Red/Amber/Green" is no one status
    colour = c;
    at = w;
  }
  if (colour === null) return -1;
  let index = -1;
  for (let i = 0; i < key.statuses.length; i++) {
    if (key.statuses[i]!.colour === colour) {
      index = i;
      break;
    }
  }
  if (index < 0) return -1; // a colour the key does not list stays outside it
  words.splice(at, 1);
  if (words.length === 0) return index;
  const rest = words.join(" ");
  const meant = key.lookup.get(rest) ?? key.lookup.get(compact(rest));
  return meant === index ? index : -1;
}

export function describeKey(key: RagKey): string {
  // A key cell can hold 32,767 characters; a message names each status by its first words.
  return key.statuses.map((s) => (s.name.length > 40 ? `${s.name.slice(0, 37)}…` : s.name)).join(", ");
}

/** The canonical status name, "" for a blank, or #N/A naming the text and the key. */
export function ragStatus(raw: unknown, key: RagKey = DEFAULT_KEY): string {
  const i = statusIndex(raw, key);
  if (i === -2) return "";
  if (i === -1) throw naError(`${quote(raw)} is not in the RAG key (${describeKey(key)}).`);
  return key.statuses[i]!.name;
}

/**
 * Reads a key laid out on a sheet: first column the status, further columns its description
 * and synonyms (one per cell, or several in a cell separated by ";" or "/"). Blank rows are
 * skipped; a header row ("RAG", "Status", "Key") is skipped.
 */
export function keyFromRows(rows: unknown[][]): RagKey {
  const entries: KeyEntry[] = [];
  rows.forEach((row, r) => {
    const first = row[0];
    if (first === null || first === undefined || String(first).trim() === "") return;
    const name = String(first).trim();
    if (r === 0 && /^(rag|status|rag status|key|rag key|colour|color)$/i.test(name)) return;
    const rest = row
      .slice(1)
      .filter((c) => c !== null && c !== undefined && String(c).trim() !== "")
      .map((c) => String(c).trim());
    const [description, ...more] = rest;
    const synonyms = more.flatMap((s) => s.split(/[;|]/)).map((s) => s.trim()).filter(Boolean);
    entries.push({ name, ...(description !== undefined ? { description } : {}), synonyms });
  });
  if (entries.length === 0) throw valueError("The RAG key range has no statuses in its first column.");
  return buildKey(entries);
}

export type RollupMethod = "worst" | "average";

export function parseRollupMethod(raw: unknown): RollupMethod | null {
  if (raw === null || raw === undefined || raw === "") return "worst";
  const t = normaliseStatus(String(raw));
  if (t === "worst" || t === "worst of" || t === "worstof") return "worst";
  if (t === "average" || t === "mean" || t === "weighted average") return "average";
  return null;
}

/**
 * One status for many.
 * - worst (default): the most severe status; not-started statuses (Grey) count only when
 *   every status is one; when every status is complete (Blue) the result is complete.
 * - average: scores Green 0, Amber 1, Red 2 (complete scores as Green: a finished action is on
 *   track), takes the mean over the started statuses and rounds to the nearest, a tie going to
 *   the worse status: Green + Red is Amber, Green + Amber is Amber, Green + Green + Amber is
 *   Green. All complete is complete; all not started is not started. Keys without the usual
 *   colours are scored by their place in the key.
 * Blanks are left out; all blank gives "". Text outside the key is #N/A naming it.
 */
export function rollUp(indices: number[], key: RagKey, method: RollupMethod = "worst"): string {
  const started: RagStatus[] = [];
  let notStarted: RagStatus | null = null;
  for (const i of indices) {
    const s = key.statuses[i]!;
    if (s.notStarted) notStarted = s;
    else started.push(s);
  }
  if (started.length === 0) return notStarted ? notStarted.name : "";
  if (started.every((s) => s.complete)) return started[0]!.name;
  if (method === "worst") {
    let worst = started[0]!;
    for (const s of started) if (s.severity > worst.severity) worst = s;
    return worst.name;
  }
  // Average over a scale where complete counts as the best working status.
  const working = key.statuses.filter((s) => !s.complete && !s.notStarted);
  working.sort((a, b) => a.severity - b.severity);
  const score = (s: RagStatus): number => {
    if (s.complete) return 0;
    return working.indexOf(s);
  };
  const mean = started.reduce((sum, s) => sum + score(s), 0) / started.length;
  const rounded = Math.min(working.length - 1, Math.floor(mean + 0.5));
  return working[rounded]!.name;
}

export interface StatusProblem {
  raw: unknown;
  row: number;
  column: number;
  blank: boolean;
}

/** Every cell of a range whose status is outside the key (or blank, unless blanks are allowed). */
export function statusProblems(g: Grid, key: RagKey, allowBlank: boolean): StatusProblem[] {
  const problems: StatusProblem[] = [];
  for (let r = 0; r < g.length; r++) {
    const row = g[r]!;
    for (let c = 0; c < row.length; c++) {
      const i = statusIndex(row[c], key);
      if (i === -1) problems.push({ raw: row[c], row: r, column: c, blank: false });
      else if (i === -2 && !allowBlank) problems.push({ raw: row[c], row: r, column: c, blank: true });
    }
  }
  return problems;
}

const LISTED = 5;

/** TRUE, or how many statuses are outside the key, which, and where. */
export function ragCheck(g: Grid, key: RagKey = DEFAULT_KEY, allowBlank = false, origin?: RangeOrigin): true | string {
  const problems = statusProblems(g, key, allowBlank);
  if (problems.length === 0) return true;
  const outside = problems.filter((p) => !p.blank);
  const blank = problems.filter((p) => p.blank);
  const parts: string[] = [];
  if (outside.length > 0) {
    const listed = outside.slice(0, LISTED).map((p) => `${quote(p.raw)} (${rangePosition(g, p.row, p.column, origin)})`);
    if (outside.length > LISTED) listed.push(`${grouped(outside.length - LISTED)} more`);
    parts.push(
      `${count(outside.length, "status", "statuses")} ${outside.length === 1 ? "is" : "are"} outside the key (${describeKey(key)}): ${listed.join(", ")}.`,
    );
  }
  if (blank.length > 0) {
    const listed = blank.slice(0, LISTED).map((p) => rangePosition(g, p.row, p.column, origin));
    if (blank.length > LISTED) listed.push(`${grouped(blank.length - LISTED)} more`);
    parts.push(`${grouped(blank.length)} ${blank.length === 1 ? "is" : "are"} blank: ${listed.join(", ")}.`);
  }
  return parts.join(" ");
}

/** Statuses of a range as key indices, for roll-ups and counts; blanks left out; unknowns are #N/A. */
export function statusIndices(g: Grid, key: RagKey): number[] {
  const indices: number[] = [];
  const unknown: StatusProblem[] = [];
  for (let r = 0; r < g.length; r++) {
    const row = g[r]!;
    for (let c = 0; c < row.length; c++) {
      const i = statusIndex(row[c], key);
      if (i >= 0) indices.push(i);
      else if (i === -1) unknown.push({ raw: row[c], row: r, column: c, blank: false });
    }
  }
  if (unknown.length > 0) {
    const listed = unknown.slice(0, LISTED).map((p) => `${quote(p.raw)} (${rangePosition(g, p.row, p.column)})`);
    if (unknown.length > LISTED) listed.push(`${grouped(unknown.length - LISTED)} more`);
    throw naError(`Outside the RAG key (${describeKey(key)}): ${listed.join(", ")}.`);
  }
  return indices;
}

/** How many cells of a range mean `status` once normalised. Text outside the key is not counted. */
export function ragCount(g: Grid, status: unknown, key: RagKey = DEFAULT_KEY): number {
  const target = statusIndex(status, key);
  if (target === -2) throw valueError("Say which status to count, for example \"Red\".");
  if (target === -1) throw naError(`${quote(status)} is not in the RAG key (${describeKey(key)}).`);
  let count = 0;
  for (const row of g) for (const cell of row) if (statusIndex(cell, key) === target) count++;
  return count;
}

/**
 * The RAG colour a cell fill shows, from its RGB hex ("#00B050", "FF00B050" ARGB, "C6EFCE").
 * Read by hue so that the pale fills of Excel's conditional formats count too (light red
 * #FFC7CE is Red, light green #C6EFCE Green, light yellow #FFEB9C Amber). White, black and
 * colours that are none of the five (purple) give null.
 */
export function colourOfFill(hex: string | null | undefined): Colour | null {
  if (!hex) return null;
  const h = hex.replace(/^#/, "");
  const rgb = h.length === 8 ? h.slice(2) : h;
  if (!/^[0-9a-f]{6}$/i.test(rgb)) return null;
  const r = parseInt(rgb.slice(0, 2), 16) / 255;
  const g = parseInt(rgb.slice(2, 4), 16) / 255;
  const b = parseInt(rgb.slice(4, 6), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const chroma = max - min;
  if (chroma < 0.08) {
    // No hue: white is "no fill", black is text colour; the greys between are Grey.
    return lightness > 0.93 || lightness < 0.2 ? null : "Grey";
  }
  let hue: number;
  if (max === r) hue = ((g - b) / chroma) % 6;
  else if (max === g) hue = (b - r) / chroma + 2;
  else hue = (r - g) / chroma + 4;
  hue = (hue * 60 + 360) % 360;
  if (hue < 15 || hue >= 330) return "Red";
  if (hue < 65) return "Amber";
  if (hue < 170) return "Green";
  if (hue < 255) return "Blue";
  return null;
}
