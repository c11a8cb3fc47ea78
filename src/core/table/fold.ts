/**
 * Findings a person can read: the same rule on many cells of one column is one finding that
 * names the cells, not a line each. The findings stay inside each group, so every cell can
 * still be gone to; only the words are folded.
 */
import { count, grouped } from "../errors";
import { replaceBetween } from "../grid";
import { sheetPrefix, splitLocation } from "./location";
import { RULE_TITLES, type Finding, type RuleId, type Severity } from "./types";

export interface FindingGroup {
  rule: RuleId;
  severity: Severity;
  /** The first cell: where going to the group lands. */
  location: string;
  /** Every cell, in order. */
  locations: string[];
  /** One sentence for the group; a single finding's own message when nothing was folded. */
  message: string;
  findings: Finding[];
}

export interface FoldOptions {
  /** Fewest findings of one rule in one column that are folded (3 unless told). */
  min?: number;
}

interface Cell {
  sheet: string;
  column: string;
  row: number;
}

function cellOf(location: string): Cell | null {
  const { sheet, address } = splitLocation(location);
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address);
  return m ? { sheet, column: m[1]!, row: Number(m[2]) } : null;
}

/** "H3:H14, H16" for rows 3…14 and 16 of column H. */
export function cellRanges(column: string, rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? `${column}${sorted[i]}` : `${column}${sorted[i]}:${column}${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

/**
 * Where the first “quoted” words at or after `from` open and close: an opening mark and the
 * first closing mark after it. (By hand rather than /“[^”]*”/, which goes back over the rest of
 * the text from every opening mark when no closing mark follows.)
 */
function quotedAt(text: string, from = 0): { open: number; close: number } | null {
  const open = text.indexOf("“", from);
  if (open < 0) return null;
  const close = text.indexOf("”", open + 1);
  return close < 0 ? null : { open, close };
}


/** The words of a message with what varies from cell to cell (quoted text, figures, dates) taken out. */
function shape(message: string): string {
  return replaceBetween(message, "“", "”", "“…”")
    .replace(/\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g, "#")
    .replace(/\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g, "#")
    .replace(/\b[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?\b/g, "@")
    .replace(/£?\(?-?[\d,]+(?:\.\d+)?\)?[km%]?/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

const MAX_VALUES = 6;

/** What a finding is about, as the cell holds it: its `cell`, else the first quoted words of its message, else its `actual`. */
function valueOf(f: Finding): string {
  if (f.cell !== undefined) return f.cell;
  const quoted = quotedAt(f.message);
  if (quoted) return f.message.slice(quoted.open + 1, quoted.close);
  if (f.actual === undefined) return "";
  return typeof f.actual === "number" ? f.actual.toLocaleString("en-GB") : f.actual;
}

/** "“TBC” (H4, H9), “Amber/Green” (H7)": the values the cells hold, each once. */
function valuesHeld(findings: Finding[], cells: Cell[]): string {
  // The first three cells of each value and how many there are: a column of 100,000 cells is
  // counted once, never copied cell by cell.
  const byValue = new Map<string, { at: string[]; n: number }>();
  findings.forEach((f, i) => {
    const v = valueOf(f);
    if (v === "") return;
    let held = byValue.get(v);
    if (!held) byValue.set(v, (held = { at: [], n: 0 }));
    if (held.at.length < 3) held.at.push(`${cells[i]!.column}${cells[i]!.row}`);
    held.n++;
  });
  if (byValue.size === 0) return "";
  const shown = [...byValue].slice(0, MAX_VALUES).map(([v, { at, n }]) => `“${v}” (${n > 3 ? `${at.join(", ")} and ${grouped(n - 3)} more` : at.join(", ")})`);
  const more = byValue.size - MAX_VALUES;
  return `${shown.join(", ")}${more > 0 ? ` and ${count(more, "other value")}` : ""}`;
}

function foldedMessage(findings: Finding[], cells: Cell[]): string {
  const column = cells[0]!.column;
  const where = `${count(findings.length, "cell")} in column ${column} (${cellRanges(column, cells.map((c) => c.row))})`;
  const first = findings[0]!.message;
  if (findings.every((f) => f.message === first)) return `${where}: ${first}`;
  const title = RULE_TITLES[findings[0]!.rule];
  const values = valuesHeld(findings, cells);
  return `${title}: ${where}${values ? `, holding ${values}` : ""}. As at ${column}${cells[0]!.row}: ${first}`;
}

/** The opening sentence, where a message says what is wrong; the rest gives particulars. */
function gist(message: string): string {
  return shape(message).split(/(?<=[.:;])\s/)[0]!;
}

/** Folded only when the messages open by saying the same thing of different cells. */
function sayTheSame(findings: Finding[]): boolean {
  const first = gist(findings[0]!.message);
  // A column's findings repeat a few messages many times: each is taken apart once.
  const same = new Set<string>([findings[0]!.message]);
  return findings.every((f) => {
    if (same.has(f.message)) return true;
    if (gist(f.message) !== first) return false;
    same.add(f.message);
    return true;
  });
}

// Each of these is about a whole row or a whole column's sum, with its own remedy: never folded.
const UNFOLDED = new Set<RuleId>(["row.misaligned", "row.wrapped", "total.mismatch", "corkscrew.balance", "corkscrew.column", "rag.rollup", "transfer.cap", "ref.duplicate"]);

/**
 * Groups findings of one rule and severity in one column of one sheet, in the order they were
 * found. Fewer than `min` stay as they are, one group each.
 */
export function foldFindings(findings: Finding[], options: FoldOptions = {}): FindingGroup[] {
  const min = options.min ?? 3;
  const keyed = new Map<string, { findings: Finding[]; cells: Cell[] }>();
  const order: (string | Finding)[] = [];
  for (const f of findings) {
    const cell = cellOf(f.location);
    if (!cell) {
      order.push(f);
      continue;
    }
    const key = `${f.rule}\u0000${f.severity}\u0000${cell.sheet}\u0000${cell.column}`;
    const group = keyed.get(key);
    if (group) {
      group.findings.push(f);
      group.cells.push(cell);
    } else {
      keyed.set(key, { findings: [f], cells: [cell] });
      order.push(key);
    }
  }
  const single = (f: Finding): FindingGroup => ({ rule: f.rule, severity: f.severity, location: f.location, locations: [f.location], message: f.message, findings: [f] });
  return order.flatMap((entry) => {
    if (typeof entry !== "string") return [single(entry)];
    const { findings: group, cells } = keyed.get(entry)!;
    const first = group[0]!;
    if (group.length < min || UNFOLDED.has(first.rule) || !sayTheSame(group)) return group.map(single);
    return [{ rule: first.rule, severity: first.severity, location: first.location, locations: group.map((f) => f.location), message: foldedMessage(group, cells), findings: group }];
  });
}

/** A group's cells as one reference where they are one run ("'Plan'!H3:H14"), else its first cell. */
export function groupReference(group: FindingGroup): string {
  const cells = group.locations.map(cellOf);
  if (cells.some((c) => c === null) || cells.length < 2) return group.location;
  const rows = cells.map((c) => c!.row);
  const ranges = cellRanges(cells[0]!.column, rows);
  return ranges.includes(",") ? group.location : `${sheetPrefix(cells[0]!.sheet)}!${ranges}`;
}
