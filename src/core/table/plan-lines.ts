/**
 * The plan's part of the Schools Forum paper, line by line: an initiative's name as the paper
 * shows it (its first sentence, or a clean cut, where the cell holds a paragraph), its leads (the
 * legend's names or the initials, never half and half, and never a date a PDF glued to them), its
 * latest comment (by date where comments carry one), the actions overdue by the one rule
 * HNB.OVERDUE and `hnb check` follow, and a word where the statuses were colours lost on paste.
 */
import { isOverdue } from "../actions";
import { hasNoDeadline, readDateRange } from "../dates";
import { isBlank, trimEndWhile } from "../grid";
import { resolveLead, splitInitials, type LegendEntry } from "../leads";
import { colourOfFill, statusIndex } from "../rag";
import { formatDate, monthName } from "../years";
import { endColumn } from "./checks";
import { keyOf } from "./key-sheet";
import { location, splitLocation } from "./location";
import { oneLine } from "./paper-doc";
import { isItemRow, placedCells } from "./rows";
import type { ColumnMapping, Field, Table, TableRow } from "./types";

/** Longer names than this are cut for the paper's table: a line or two of a Word table's cell. */
export const NAME_LIMIT = 80;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : oneLine(String(v));
}

function columnOf(table: Table, field: Field): ColumnMapping | undefined {
  return table.columns.find((c) => c.field === field);
}

// ---------------------------------------------------------------------------------------------
// Names

/** Words a sentence does not end on though a full stop follows them. */
const ABBREVIATIONS = new Set(["eg", "ie", "etc", "vs", "no", "nos", "approx", "incl", "mr", "mrs", "ms", "dr", "st", "cllr", "dept", "govt", "ref", "fig"]);
/** Words a clean cut does not end on: the phrase would be left hanging. */
const HANGING = new Set(["and", "or", "of", "the", "to", "for", "with", "in", "a", "an", "at", "by", "on", "from", "into", "as", "that", "which", "but", "their", "its", "our", "is", "are", "be"]);

function isLetter(c: string | undefined): boolean {
  return c !== undefined && c.toLowerCase() !== c.toUpperCase();
}

/**
 * The text's first sentence, or null where it has no sentence end before its last character: a
 * full stop, ! or ? after a word of two letters or more (not "1.", "J.", "e.g." or "etc."),
 * followed by a space and a capital, a digit or an opening bracket or quote.
 */
export function firstSentence(text: string): string | null {
  for (let i = 0; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch !== "." && ch !== "!" && ch !== "?") continue;
    if (text[i + 1] !== " ") continue;
    let j = i;
    while (j > 0 && isLetter(text[j - 1])) j--;
    const word = text.slice(j, i);
    if (word.length < 2 || ABBREVIATIONS.has(word.toLowerCase())) continue;
    let k = i + 1;
    while (text[k] === " ") k++;
    const next = text[k];
    if (next === undefined) return null;
    if ((isLetter(next) && next === next.toUpperCase()) || (next >= "0" && next <= "9") || "(“\"'‘[".includes(next)) return text.slice(0, i + 1);
  }
  return null;
}

/** A heading in capitals opening the text ("1. NURTURE GROUPS Pilot nurture groups…"), or null. */
export function capitalsHeading(text: string): string | null {
  const words = text.split(" ");
  let i = 0;
  // A number or reference before the heading: "1.", "2)", "A1:", "(b)".
  if (words.length > 0 && /^\(?[A-Za-z]?\d{1,3}[.):]?$|^\([a-z]\)$/.test(words[0]!)) i = 1;
  const start = i;
  let long = false;
  while (i < words.length) {
    const letters = words[i]!.replace(/[^A-Za-z]/g, "");
    if (letters === "" ? !/^[&/+–-]$/.test(words[i]!) : letters !== letters.toUpperCase()) break;
    // Acronyms are short ("SEND", "EHCP", "CCG"): a heading has a word of six capitals or more.
    if (letters.length >= 6) long = true;
    i++;
  }
  if (!long || i === start) return null;
  // A description follows it: three words or more, in ordinary case.
  if (words.length - i < 3) return null;
  return trimEndWhile(words.slice(0, i).join(" "), (c) => " :;,–-".includes(c));
}

/** Marks a cut does not end on. */
function hangingMark(c: string): boolean {
  return " ,;:–(-".includes(c);
}

/** The text cut at a word at most `limit` long, with no hanging word or stop, and "…". */
export function cutAtWord(text: string, limit: number = NAME_LIMIT): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  if (space > limit / 2) cut = cut.slice(0, space);
  let words = trimEndWhile(cut, hangingMark).split(" ");
  while (words.length > 3 && HANGING.has(words[words.length - 1]!.toLowerCase().replace(/[^a-z]/g, ""))) words = words.slice(0, -1);
  return `${trimEndWhile(words.join(" "), hangingMark)}…`;
}

/**
 * Names as the paper's table shows them: a name longer than NAME_LIMIT shows its first sentence
 * where that is short enough, else its heading in capitals, else a clean cut at a word with "…".
 * Where one name of a table is cut at its heading, every name of that table with a heading is,
 * so that the lines read alike.
 */
export function shortNames(names: readonly string[], limit: number = NAME_LIMIT): string[] {
  const flat = names.map(oneLine);
  const headed = flat.map((n) => {
    if (n.length <= limit) return false;
    const s = firstSentence(n);
    return !(s && s.length <= limit && s.split(" ").length >= 3) && capitalsHeading(n) !== null;
  });
  const byHeading = headed.some(Boolean);
  return flat.map((n) => {
    const heading = byHeading ? capitalsHeading(n) : null;
    if (heading) return heading;
    if (n.length <= limit) return n;
    const s = firstSentence(n);
    if (s && s.length <= limit && s.split(" ").length >= 3) return s;
    return cutAtWord(n, limit);
  });
}

/** A reference and nothing else ("1.1", "A2", "3."): it names no action by itself. */
const BARE_REF = /^[A-Za-z]?\d{1,3}(?:\.\d{1,3}){0,3}[A-Za-z]?\.?$/;

/** The grid column a row's group was read from: the cell holding the group's text. */
function groupColumn(row: TableRow): number {
  if (row.group === "") return -1;
  return row.cells.findIndex((v) => text(v) === oneLine(row.group));
}

/** The columns that say what a row's action is, most particular first. */
const ACTION_FIELDS: Field[] = ["milestone", "action", "initiative"];

/**
 * An initiative's name in full: the cell it was grouped by with the lines a PDF wrapped it over
 * joined back; a bare reference ("1.1") with the action beside it.
 */
export function initiativeName(table: Table, name: string, rows: readonly TableRow[]): string {
  const first = rows.find((r) => r.role === "data") ?? rows[0];
  if (!first || oneLine(first.group) !== oneLine(name)) return oneLine(name);
  const column = groupColumn(first);
  const placed = placedCells(first);
  let full = column >= 0 ? text(placed[column]) || oneLine(name) : oneLine(name);
  if (BARE_REF.test(full)) {
    const beside = [...ACTION_FIELDS].reverse().map((f) => columnOf(table, f)).find((c) => c && c.index !== column && text(placed[c.index]) !== "");
    if (beside) full = `${full} ${text(placed[beside.index])}`;
  }
  return full;
}

/** What a row itself says it does (its milestone or action), where that is not the initiative's own cell. */
function rowAction(table: Table, row: TableRow): string {
  const column = groupColumn(row);
  const placed = placedCells(row);
  for (const f of ACTION_FIELDS) {
    const c = columnOf(table, f);
    if (c && c.index !== column && text(placed[c.index]) !== "") return text(placed[c.index]);
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Leads

/** Initials-like text: "JB", "LM/ AT", "KP & RD", "JB and SW". */
const INITIALS = /^[A-Z]{1,5}(?:\s*(?:\/|,|&|\+|and)\s*[A-Z]{1,5}){0,12}$/;

const MONTHS = Array.from({ length: 12 }, (_, i) => monthName(i + 1).toLowerCase());

/** A date, a year or a month a PDF glued to the lead: never someone's name. */
function isDateWord(token: string): boolean {
  const t = trimEndWhile(token, (c) => "),.;:]".includes(c)).replace(/^[([]{1,4}/, "");
  if (t === "") return true;
  if (/^[A-Z]{1,5}$/.test(t)) return false; // initials, though "MAY" or "JUN" could be a month
  if (/^\d{1,4}$/.test(t)) return true;
  if (/\d/.test(t) && readDateRange(t) !== null) return true;
  const lower = t.toLowerCase();
  return /^[a-z]{3,9}$/.test(lower) && MONTHS.some((m) => m === lower || (lower.length >= 3 && m.startsWith(lower)));
}

/** The piece of a month a PDF cut ("Ma", "Ju", "e", "ne"): taken off only where initials are left. */
function isMonthPiece(token: string): boolean {
  const t = trimEndWhile(token, (c) => ",.;:".includes(c));
  if (/^[A-Z][a-z]{1,8}$/.test(t)) return MONTHS.some((m) => m.startsWith(t.toLowerCase()));
  if (/^[a-z]{1,4}$/.test(t)) return MONTHS.some((m) => m.endsWith(t));
  return false;
}

/**
 * A lead cell without the dates a PDF glued to it or cut into it: "LCJ/HC Ma 202" is "LCJ/HC",
 * "KP/AT Nov2025" is "KP/AT", and a cell of date pieces alone is no lead at all.
 */
export function leadWithoutDates(raw: string): string {
  const tokens = oneLine(raw).split(" ").filter((t) => t !== "");
  const strip = (weak: boolean) => {
    const t = tokens.slice();
    while (t.length > 0 && (isDateWord(t[t.length - 1]!) || (weak && isMonthPiece(t[t.length - 1]!)))) t.pop();
    return t.join(" ");
  };
  const strong = strip(false);
  const weak = strip(true);
  // A piece of a month is taken off only where what is left reads as initials (or nothing).
  return weak !== strong && (weak === "" || INITIALS.test(weak)) ? weak : strong;
}

/** An initiative's leads in a line, and the initials its legend could not settle. */
export interface LeadLine {
  lead: string;
  /** Why the line keeps its initials, where it does: "“HC” is not in the lead legend", "“JB” could be Jane Bloggs or Jo Brown". */
  unsettled: string[];
}

/**
 * The leads of an initiative's rows: each person once, by the legend's names where every
 * initial resolves, else every one of them as initials (never some expanded and some not); a
 * post or a name written out is kept as written.
 */
export function leadLine(rows: readonly TableRow[], column: ColumnMapping | undefined, legend: readonly LegendEntry[] | undefined): LeadLine {
  if (!column) return { lead: "", unsettled: [] };
  const parts: ({ initials: string } | { written: string })[] = [];
  const seen = new Set<string>();
  const add = (part: { initials: string } | { written: string }) => {
    const id = "initials" in part ? `i:${part.initials}` : `w:${part.written.toLowerCase()}`;
    if (seen.has(id)) return;
    seen.add(id);
    parts.push(part);
  };
  for (const r of rows) {
    const raw = text(placedCells(r)[column.index]);
    if (raw === "") continue;
    const cleaned = leadWithoutDates(raw);
    if (cleaned === "") continue;
    if (INITIALS.test(cleaned)) for (const i of splitInitials(cleaned)) add({ initials: i });
    else {
      const whole = legend?.find((e) => e.name.toLowerCase() === cleaned.toLowerCase());
      add({ written: whole ? whole.name : cleaned });
    }
  }
  const initials = parts.flatMap((p) => ("initials" in p ? [p.initials] : []));
  const unsettled: string[] = [];
  for (const i of legend && legend.length > 0 ? initials : []) {
    const people = [...new Set(legend!.filter((e) => e.initials === i).map((e) => e.name))];
    if (people.length === 0) unsettled.push(`“${i}” is not in the lead legend`);
    else if (people.length > 1) unsettled.push(`“${i}” could be ${people.slice(0, -1).join(", ")} or ${people[people.length - 1]}`);
  }
  const expand = legend !== undefined && legend.length > 0 && unsettled.length === 0;
  const names: string[] = [];
  for (const p of parts) {
    const name = "written" in p ? p.written : expand ? resolveLead(p.initials, [...legend!]).names[0]! : p.initials;
    if (!names.includes(name)) names.push(name);
  }
  return { lead: joinList(names), unsettled };
}

function joinList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Comments

/** A date in a comment: 12/03/2020, 12.03.20, 12 March 2020, 12th Mar 2020, March 2020. */
const DATE_IN_TEXT = /\b(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|(?:\d{1,2}(?:st|nd|rd|th)?\s{1,2})?[A-Z][a-z]{2,8}\.?\s{1,2}\d{4})\b/g;
/** Words that may come before a comment's date: "Update 12/03/2020:", "As at March 2020 –". */
const BEFORE_DATE = /^(?:[([•*–-]\s{0,2})?(?:(?:update[ds]?|as at|as of|on|at)\s{0,2})?[([]?$/i;

interface CommentEntry {
  date: number | null;
  text: string;
}

/**
 * A progress cell's comments: split where a date opens one ("12/03/2020: Panel met. 15/05/2020:
 * Report agreed."), or the cell as one comment, dated where a date opens or closes it.
 */
export function commentEntries(cell: string): CommentEntry[] {
  const entries: CommentEntry[] = [];
  const starts: { at: number; date: number }[] = [];
  let closing: number | null = null;
  DATE_IN_TEXT.lastIndex = 0;
  for (let m = DATE_IN_TEXT.exec(cell); m; m = DATE_IN_TEXT.exec(cell)) {
    // A month by its name ("Target 2020" reads as a year, but is no comment's date).
    const word = /[A-Za-z]{3,9}/.exec(m[0].replace(/\d(?:st|nd|rd|th)/g, ""))?.[0]?.toLowerCase();
    if (word !== undefined && !MONTHS.some((mo) => mo.startsWith(word))) continue;
    const range = readDateRange(m[0]);
    if (!range) continue;
    // Where the comment before ends: the start of the cell, a new line, or a sentence's end.
    // (Looked for a few words back only: a date further into a sentence opens no comment.)
    const floor = Math.max(0, m.index - 24);
    let from = m.index;
    while (from > floor && !"\n.;!?".includes(cell[from - 1]!)) from--;
    const opens = from === 0 || "\n.;!?".includes(cell[from - 1]!);
    if (opens && BEFORE_DATE.test(cell.slice(from, m.index).trim())) starts.push({ at: from, date: range.start });
    else if (/^[\s).\]]*$/.test(cell.slice(m.index + m[0].length))) closing = range.start;
  }
  if (starts.length === 0) return [{ date: closing, text: oneLine(cell) }];
  if (starts[0]!.at > 0) {
    const lead = oneLine(cell.slice(0, starts[0]!.at));
    if (lead !== "") entries.push({ date: null, text: lead });
  }
  starts.forEach((s, i) => {
    const t = oneLine(cell.slice(s.at, starts[i + 1]?.at ?? cell.length));
    if (t !== "") entries.push({ date: s.date, text: t });
  });
  return entries;
}

/**
 * The latest comment of an initiative's rows: by date where any comment carries one (a comment
 * dated 12/03/2020 beats a later row's undated or older one), else the last written.
 */
export function latestComment(rows: readonly TableRow[], column: ColumnMapping | undefined): string {
  if (!column) return "";
  let last = "";
  let best: CommentEntry | null = null;
  for (const r of rows) {
    const raw = placedCells(r)[column.index];
    const cell = raw === null || raw === undefined ? "" : String(raw).trim();
    if (cell === "") continue;
    last = oneLine(cell);
    for (const e of commentEntries(cell)) {
      if (e.date !== null && (best === null || e.date >= best.date!)) best = e;
    }
  }
  return best ? best.text : last;
}

// ---------------------------------------------------------------------------------------------
// Overdue actions and lost colours

export interface OverdueAction {
  name: string;
  /** The deadline, "31 March 2025". */
  end: string;
  status: string;
  /** The end date's cell, as `hnb check` names it. */
  cell: string;
}

/**
 * The table's actions overdue at `asOf`, by isOverdue (HNB.OVERDUE's rule, with its grace days),
 * on the rows, end-date column and status `hnb check` reads: so the paper lists exactly the
 * actions the checks call overdue. `nameOf` gives a row's initiative as the paper names it, and in full.
 */
export function overdueActions(table: Table, asOf: number, nameOf: (row: TableRow) => { name: string; full: string }): OverdueAction[] {
  const end = endColumn(table);
  if (!end) return [];
  const { key } = keyOf(table);
  const rag = columnOf(table, "rag");
  const lost = coloursLostOf(table) !== null;
  const out: OverdueAction[] = [];
  for (const row of table.rows) {
    if (!isItemRow(row)) continue;
    const cells = placedCells(row);
    const due = cells[end.index];
    if (isBlank(due) || (typeof due === "string" && hasNoDeadline(due))) continue;
    const range = readDateRange(due);
    if (!range) continue; // not a date: the checks say so, and it is no deadline here
    const status = rag ? cells[rag.index] : undefined;
    if (!isOverdue(due, status ?? null, asOf, key)) continue;
    const initiative = nameOf(row);
    // The row's own action where it is not the initiative's name already ("1.1 WSoA is produced…").
    const own = rowAction(table, row);
    const ownShort = own === "" || initiative.full.includes(own) ? "" : shortNames([own])[0]!;
    const i = statusIndex(status, key);
    out.push({
      name: ownShort === "" ? initiative.name : `${initiative.name} – ${ownShort}`,
      end: formatDate(range.end),
      status: i >= 0 ? key.statuses[i]!.name : !isBlank(status) ? text(status) : lost ? "Not known (colour lost)" : "No status",
      cell: location(table.sheet, row.index, end.index, table.origin),
    });
  }
  return out;
}

/**
 * Where the table's statuses were cell colours lost on paste, a sentence saying so: its status
 * column holds notes instead (the reader read it as progress), or every status cell is empty with
 * no fill. Null where the statuses are there to count.
 */
export function coloursLostOf(table: Table): string | null {
  const items = table.rows.filter(isItemRow);
  if (items.length === 0) return null;
  const n = items.length;
  const actions = n === 1 ? "its one action has" : `its ${n} actions have`;
  const key = table.colourlessKey ? " The key under it lost its colour names too." : "";
  const rag = columnOf(table, "rag");
  const retyped = table.columns.find((c) => c.retyped?.from === "rag");
  if (!rag && retyped) {
    return `The statuses in “${table.sheet}” were cell colours, lost when the table was pasted: “${retyped.header}” holds progress notes, not statuses, so ${actions} no status to count.${key} Write each status in words: colour alone is lost on paste.`;
  }
  if (rag && items.every((r) => isBlank(placedCells(r)[rag.index]) && !colourOfFill(r.fills[rag.index]))) {
    return `No action in “${table.sheet}” has a status under “${rag.header}”: the statuses were probably cell colours, lost when the table was pasted, so ${actions} no status to count.${key} Write each status in words: colour alone is lost on paste.`;
  }
  return null;
}

/** Cells named sheet by sheet: "cells D2, D4 and D11 of “Savings plan”", for the closing appendix. */
export function cellsBySheet(cells: readonly string[]): string {
  const bySheet = new Map<string, string[]>();
  for (const c of cells) {
    const { sheet, address } = splitLocation(c);
    bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), address]);
  }
  return [...bySheet]
    .map(([sheet, addresses]) => `${addresses.length === 1 ? "cell" : "cells"} ${joinList(addresses)}${sheet === "" ? "" : ` of “${sheet}”`}`)
    .join("; ");
}
