import { naError, quote, valueError } from "./errors";

/**
 * Lead legends: the line under a tracker that says who the initials are, e.g.
 * "Bernadette Caffrey (BC), Andrew Merry (AM)". Also read: "BC - Bernadette Caffrey",
 * "BC: Bernadette Caffrey", "BC = Bernadette Caffrey", one per cell or separated by ; or new lines,
 * after a label such as "Key:", "Leads:", "Lead officers:" or "Legend:".
 * Initials are capitals only, so a role's abbreviation ("Head of SEND (HoS)") is not a person.
 */
export interface LegendEntry {
  name: string;
  initials: string;
}

// Found on their own and the name read back to the previous separator: one regular expression
// for name and initials together backtracks badly on long text that is not a legend, and the
// table reader tries every line under a table.
const INITIALS_IN_BRACKETS = /\(\s*([A-Z]{1,5})\s*\)/g;
const HAS_LETTER = /[A-Za-z]/;
// The name after the separator is read by nameAfter: /\s*(.+?)\s*$/ here backtracks badly.
const INITIALS_THEN_NAME = /^\s*([A-Z]{1,5})\s*[-–:=]([^]*)$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
// Stripped before reading: "KEY: JB = Jane Bloggs" would otherwise give KEY as someone's initials.
const LEGEND_LABEL = /^\s*(?:key|legend|leads?|lead\s+officers?)(?:\s+key)?\s*:\s*/i;

/** The entries of one piece of legend text: a cell, or several cells already joined. */
export function parseLegend(text: string): LegendEntry[] {
  const entries: LegendEntry[] = [];
  text = text.replace(LEGEND_LABEL, "");
  INITIALS_IN_BRACKETS.lastIndex = 0;
  for (let m = INITIALS_IN_BRACKETS.exec(text); m; m = INITIALS_IN_BRACKETS.exec(text)) {
    let end = m.index;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && !isSeparator(text.charCodeAt(start - 1))) start--;
    const before = text.slice(start, end);
    if (!HAS_LETTER.test(before)) continue;
    const name = before.replace(/^\s*(?:and|&)\s+/i, "").replace(/^[\s:]*(?:leads?|key)\s*:\s*/i, "").trim();
    entries.push({ name, initials: m[1]! });
  }
  if (entries.length > 0) return entries;
  for (const part of text.split(/[;\n]|,(?=\s*[A-Z]{1,5}\s*[-–:=])/)) {
    const m = INITIALS_THEN_NAME.exec(part);
    if (!m) continue;
    const name = nameAfter(m[2]!);
    if (name !== null) entries.push({ initials: m[1]!, name });
  }
  return entries;
}

/**
 * What /^\s*(.+?)\s*$/ captures from the text after the separator, or null where it does not
 * match: the text without its leading and trailing spaces, which may hold no line break. Text of
 * spaces alone gives its last space that is not a line break, as that expression does.
 */
function nameAfter(text: string): string | null {
  const name = text.trim();
  if (name.length > 0) return LINE_BREAK.test(name) ? null : name;
  for (let i = text.length - 1; i >= 0; i--) {
    if (!LINE_BREAK.test(text[i]!)) return text[i]!;
  }
  return null;
}

/** , ; ( ) and a new line end a name in "Jane Bloggs (JB), Kamal Patel (KP)". */
function isSeparator(c: number): boolean {
  return c === 44 || c === 59 || c === 40 || c === 41 || c === 10;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** Another name for parseLegend, for callers that also read legends from ranges. */
export const parseLegendText: (text: string) => LegendEntry[] = parseLegend;

/** A legend from a cell or a range of cells, read in order. */
export function legendFromCells(cells: unknown[][]): LegendEntry[] {
  const entries: LegendEntry[] = [];
  for (const row of cells) {
    for (const cell of row) {
      if (typeof cell === "string" && cell.trim() !== "") entries.push(...parseLegend(cell));
    }
  }
  return entries;
}

/** The initials in a lead cell: "LM/ AT", "KP & RD", "JB, SW", "JB and SW". */
export function splitInitials(text: string): string[] {
  return text
    // A run of spaces, with a separator after it or not, or a separator with spaces after it. (A
    // leading \s* before the separator would be tried again at every space of a long run.)
    .split(/\s+(?:(?:[/,&+;]|\band\b)\s*)?|(?:[/,&+;]|\band\b)\s*/i)
    .map((s) => s.replace(/[.()]/g, "").trim().toUpperCase())
    .filter((s) => s.length > 0);
}

export function joinNames(names: string[], conjunction: "and" | "or" = "and"): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

export interface LeadResolution {
  names: string[];
  unknown: string[];
  ambiguous: { initials: string; names: string[] }[];
}

export function resolveLead(text: string, legend: LegendEntry[]): LeadResolution {
  const trimmed = text.trim();
  // A lead already written as a full name from the legend stays as it is.
  const whole = legend.find((e) => e.name.toLowerCase() === trimmed.toLowerCase());
  if (whole) return { names: [whole.name], unknown: [], ambiguous: [] };
  const result: LeadResolution = { names: [], unknown: [], ambiguous: [] };
  for (const initials of splitInitials(trimmed)) {
    const people = [...new Set(legend.filter((e) => e.initials === initials).map((e) => e.name))];
    if (people.length === 0) result.unknown.push(initials);
    else if (people.length > 1) result.ambiguous.push({ initials, names: people });
    else result.names.push(people[0]!);
  }
  return result;
}

/** Full names for a lead cell, or #N/A naming the initials the legend cannot settle. */
export function leadNames(text: unknown, legend: LegendEntry[]): string {
  if (text === null || text === undefined || String(text).trim() === "") return "";
  if (legend.length === 0) {
    throw valueError('The legend has no names in it: write it like "Jane Bloggs (JB), Kamal Patel (KP)".');
  }
  const r = resolveLead(String(text), legend);
  const problems: string[] = [];
  if (r.unknown.length > 0) {
    problems.push(
      `${r.unknown.map((i) => quote(i)).join(", ")} ${r.unknown.length === 1 ? "is" : "are"} not in the legend`,
    );
  }
  for (const a of r.ambiguous) {
    problems.push(`${quote(a.initials)} could be ${joinNames(a.names, "or")}`);
  }
  if (problems.length > 0) throw naError(`${problems.join("; ")}.`);
  return joinNames(r.names);
}
