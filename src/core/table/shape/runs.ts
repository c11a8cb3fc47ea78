import type { RagKey } from "../../rag";
import { readFigure } from "../../figures";
import { meaningOf } from "./meaning";
import { typeCell, type TypedCell } from "./typed";
import type { TypedLine } from "./types";

/**
 * A table run into one line of text, as a PDF or a slide gives it ("Item 2015 -16 2016 -17 Change
 * Early Years Block: Pupils (3 & 4 year olds) 6,596 6,596 - …"): split back into a heading and
 * rows where a label is followed by as many figures as the heading names, each figure kept as
 * written. Said as a reconstruction; every word stays in a label, a section or a comment.
 */

/** A line this long, with this many figures, may be a table run together. */
const MIN_RUN_TEXT = 40;
const MIN_RUN_FIGURES = 4;
const MAX_RUN_TEXT = 20000;

type TokenKind = "figure" | "integer" | "nil" | "year" | "word";

interface Token {
  readonly text: string;
  readonly kind: TokenKind;
  /** Written with £ or %: a figure of another style than the table's is part of the words. */
  readonly style: string;
}

/** Where cells ran together: "£mLatest", "(1.24)(1.22)", "(0.77)Various", "2015 -16". */
function separate(text: string): string {
  return text
    .replace(/\b((?:19|20)\d\d)\s*[-/\u2013]\s*(\d\d)\b/g, "$1/$2")
    .replace(/\)(?=\S)/g, ") ")
    .replace(/([A-Za-z])(?=\()/g, "$1 ")
    .replace(/(\d)(?=\()/g, "$1 ")
    .replace(/(\d)(?=[A-Za-z]{3,})/g, "$1 ")
    .replace(/([a-z])(?=[A-Z][a-z])/g, "$1 ");
}

function tokenise(text: string): Token[] {
  const out: Token[] = [];
  for (const t of separate(text).split(/\s+/)) {
    if (!t) continue;
    if (/^[-\u2013\u2014]$/.test(t)) out.push({ text: t, kind: "nil", style: "" });
    else if (/^(?:19|20)\d\d\/\d\d$/.test(t)) out.push({ text: t, kind: "year", style: "" });
    else {
      const f = readFigure(t);
      if (!f) out.push({ text: t, kind: "word", style: "" });
      else {
        const style = `${f.currency ? "£" : ""}${f.percent ? "%" : ""}`;
        const plain = !f.bracketed && !f.grouped && f.decimals === 0 && !f.currency && !f.percent && f.scale === 1;
        out.push({ text: t, kind: plain ? "integer" : "figure", style });
      }
    }
  }
  return out;
}

const isNumeric = (t: Token) => t.kind === "figure" || t.kind === "integer" || t.kind === "nil";

export interface RunHeading {
  /** The label column's heading or the table's title ("Item", "DSG Figures in £m"). */
  readonly corner: string;
  readonly columns: readonly string[];
  /** How many of the columns hold figures (a comments column last does not). */
  readonly figures: number;
}

/** The heading a run-together line opens with: years or budget words before the first figure. */
function headingOf(tokens: readonly Token[]): { heading: RunHeading; used: number } | null {
  const firstFigure = tokens.findIndex((t) => t.kind === "figure" || t.kind === "nil");
  if (firstFigure <= 0) return null;
  const isHead = (t: Token) => t.kind === "year" || (t.kind === "word" && meaningOf({ heading: t.text, percentShare: 0 }) !== "");
  let last = -1;
  let first = -1;
  for (let i = 0; i < firstFigure; i++) {
    if (isHead(tokens[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return null;
  // A heading's words run on after its last key word to the end of that column ("Comments on movements").
  let end = last + 1;
  while (end < firstFigure && tokens[end]!.kind === "word" && /^[a-z]/.test(tokens[end]!.text)) end++;
  const columns: string[] = [];
  for (let i = first; i < end; i++) {
    const t = tokens[i]!;
    const starts = t.kind === "year" || /^[A-Z]/.test(t.text) || columns.length === 0;
    if (starts) columns.push(t.text);
    else columns[columns.length - 1] += ` ${t.text}`;
  }
  if (columns.length < 2) return null;
  const comment = /^comment|^note|^reason|^explanation/i.test(columns[columns.length - 1]!);
  return {
    heading: { corner: tokens.slice(0, first).map((t) => t.text).join(" "), columns, figures: columns.length - (comment ? 1 : 0) },
    used: end,
  };
}

interface RunRow {
  label: string;
  figures: Token[];
  comment: string;
  section: boolean;
}

/**
 * The rows of a run-together line: a label, then its figures (as many as the heading has figure
 * columns; fewer only where a figure is unmistakably one, and then under the last columns), then
 * its comment where the table has a comments column.
 */
function rowsOf(tokens: readonly Token[], heading: RunHeading): RunRow[] {
  const rows: RunRow[] = [];
  const n = heading.figures;
  const commented = heading.columns.length > n;
  // The table's figures are of one style; a "£2m" in a comment of bracketed £m figures is words.
  const styles = new Map<string, number>();
  for (const t of tokens) if (t.kind === "figure") styles.set(t.style, (styles.get(t.style) ?? 0) + 1);
  let style = "";
  let most = -1;
  for (const [s, k] of styles) if (k > most) [style, most] = [s, k];
  const tableFigure = (t: Token | undefined) => !!t && (t.kind === "nil" || ((t.kind === "figure" || t.kind === "integer") && t.style === style) || (t.kind === "figure" && !commented));

  let words: string[] = [];
  let i = 0;
  const flushLabel = (figures: Token[]) => {
    let cut = 0;
    const last = rows[rows.length - 1];
    if (commented && last && !last.section) {
      // Words after a row's figures are its comment, up to where the next label starts: after
      // the last full stop, else at the last capitalised word.
      cut = -1;
      for (let w = words.length - 2; w >= 0 && cut < 0; w--) if (/[.!?]$/.test(words[w]!)) cut = w + 1;
      // "Minor movement High Needs block": the label starts where a capital follows a word in
      // lower case (so "High Needs" stays whole), else at the last capital.
      for (let w = words.length - 1; w >= 1 && cut < 0; w--) if (/^[A-Z]/.test(words[w]!) && /^[a-z]/.test(words[w - 1]!)) cut = w;
      for (let w = words.length - 1; w >= 0 && cut < 0; w--) if (/^[A-Z]/.test(words[w]!)) cut = w;
      if (cut < 0) cut = 0;
      const comment = words.slice(0, cut).join(" ");
      if (comment) last.comment = last.comment ? `${last.comment} ${comment}` : comment;
    }
    let text = words.slice(cut).join(" ");
    words = [];
    // "Early Years Block: Pupils (3 & 4 year olds)": a section heading and the row's own label.
    const colon = text.indexOf(": ");
    if (colon > 0 && colon < text.length - 2) {
      rows.push({ label: text.slice(0, colon + 1), figures: [], comment: "", section: true });
      text = text.slice(colon + 2);
    }
    rows.push({ label: text, figures, comment: "", section: false });
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (tableFigure(t) && (t.kind !== "integer" || isNumeric(tokens[i + 1] ?? { text: "", kind: "word", style: "" }))) {
      let j = i;
      while (j < tokens.length && tableFigure(tokens[j]) && j - i < n) j++;
      const run = tokens.slice(i, j);
      const unmistakable = run.every((x) => x.kind === "figure");
      if (run.length === n || (commented && unmistakable && run.length > 0 && words.length > 0)) {
        flushLabel(run);
        i = j;
        continue;
      }
    }
    words.push(t.text);
    i++;
  }
  if (words.length > 0) {
    const last = rows[rows.length - 1];
    if (last && commented) last.comment = `${last.comment} ${words.join(" ")}`.trim();
    else if (last) rows.push({ label: words.join(" "), figures: [], comment: "", section: false });
  }
  return rows;
}

/**
 * Lines run together, replaced by the lines they hold: a heading line and a line a row (each
 * keeping its own line number). The heading a run opens with carries to the run-together lines
 * that follow it. Lines that are not run together are returned as they are.
 */
export function expandRuns(lines: readonly TypedLine[], key?: RagKey): { lines: TypedLine[]; notes: Map<number, string> } {
  const out: TypedLine[] = [];
  const notes = new Map<number, string>();
  let carried: RunHeading | null = null;
  for (const line of lines) {
    const filled = line.cells.filter((c) => c.kind !== "blank");
    const text = filled.length === 1 ? filled[0]!.text : "";
    if (line.comment || text.length < MIN_RUN_TEXT || text.length > MAX_RUN_TEXT) {
      out.push(line);
      if (filled.length > 0) carried = null;
      continue;
    }
    const tokens = tokenise(text);
    const figures = tokens.filter((t) => t.kind === "figure" || t.kind === "nil").length;
    const found = headingOf(tokens);
    const heading: RunHeading | null = found?.heading ?? carried;
    if (!heading || figures < Math.min(MIN_RUN_FIGURES, heading.figures)) {
      out.push(line);
      carried = null;
      continue;
    }
    const rows = rowsOf(found ? tokens.slice(found.used) : tokens, heading);
    if (rows.filter((r) => r.figures.length > 0).length === 0) {
      out.push(line);
      carried = null;
      continue;
    }
    const make = (cells: TypedCell[]): TypedLine => ({ line: line.line, cells, width: cells.length, comment: false, split: false, rule: false, run: true });
    if (found) out.push(make([typeCell(heading.corner, key), ...heading.columns.map((c) => typeCell(c, key))]));
    for (const r of rows) {
      if (r.section || r.figures.length === 0) {
        out.push(make([typeCell(r.label, key)]));
        continue;
      }
      const cells: TypedCell[] = [typeCell(r.label, key)];
      // Fewer figures than columns: under the last ones (a movement with no forecasts beside it).
      const skip = heading.figures - r.figures.length;
      for (let k = 0; k < skip; k++) cells.push(typeCell("", key));
      for (const f of r.figures) cells.push(typeCell(f.text, key));
      if (heading.columns.length > heading.figures) cells.push(typeCell(r.comment, key));
      out.push(make(cells));
    }
    notes.set(line.line, `Line ${line.line} holds a table run into one line of text: read back as ${rows.length} rows under the heading ${found ? "it opens with" : "of the line above"} (${heading.columns.join(" | ")}); check it against the paper.`);
    carried = heading;
  }
  return { lines: out, notes };
}
