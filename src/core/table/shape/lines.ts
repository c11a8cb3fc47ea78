import { looksLikeYear, readFigure, type Figure } from "../../figures";
import type { RagKey } from "../../rag";
import type { SheetGrid } from "../types";
import { BLANK, isFigure, typeCell, type TypedCell } from "./typed";
import type { TypedLine } from "./types";

/**
 * The grid typed once: every cell of every line, with a line's trailing amount ("Central services
 * £111k", as a PDF runs a label and its figure into one cell) split into a cell of its own.
 */
export function typeLines(grid: SheetGrid, key?: RagKey): TypedLine[] {
  const out: TypedLine[] = [];
  const top = grid.origin?.row ?? 0;
  // A column of statuses or leads repeats its words: each short text is typed once (cells are frozen values).
  const seen = new Map<string, TypedCell>();
  const typed = (v: unknown): TypedCell => {
    // Statuses, leads and markers repeat and have no digits; a label with a number in it seldom repeats.
    if (typeof v !== "string" || v.length > 24 || /\d/.test(v)) return typeCell(v, key);
    let c = seen.get(v);
    if (!c) {
      c = typeCell(v, key);
      if (seen.size < 50_000) seen.set(v, c);
    }
    return c;
  };
  for (let i = 0; i < grid.values.length; i++) {
    const raw = grid.values[i] ?? [];
    let cells: TypedCell[] = raw.map(typed);
    let last = cells.length - 1;
    while (last >= 0 && cells[last]!.kind === "blank") last--;
    const first = cells.findIndex((c) => c.kind !== "blank");
    const comment = first >= 0 && cells[first]!.text.startsWith("#");
    let split = false;
    if (!comment && first >= 0 && first === last && (cells[first]!.kind === "label" || cells[first]!.kind === "prose")) {
      const parts = trailingAmount(cells[first]!.text);
      if (parts) {
        cells = cells.slice(0, first + 1);
        cells[first] = typeCell(parts.label, key);
        cells.push(typeCell(parts.amount, key));
        split = true;
      }
    }
    const rule = first >= 0 && cells.every((c) => c.kind === "blank" || /^[-\u2013\u2014=_]{2,}$/.test(c.text));
    out.push({ line: top + i + 1, cells, width: split ? cells.length : raw.length, comment: comment || rule, split, rule });
  }
  return out;
}

/** "School energy conservation projects £90k" → the label and "£90k"; a sentence ending in "." stays whole. */
function trailingAmount(text: string): { label: string; amount: string } | null {
  if (text.length > 300) return null;
  const at = text.lastIndexOf("\u00a3");
  if (at < 3) return null;
  let from = at;
  if (text[from - 1] === "(" || text[from - 1] === "-") from--;
  if (!/\s/.test(text[from - 1] ?? "")) return null;
  const amount = text.slice(from).trim();
  const figure = readFigure(amount);
  if (!figure || !figure.currency) return null;
  const label = text.slice(0, from).trim();
  if (label.length < 3 || /[,;:]$/.test(label)) return null;
  return { label, amount };
}

/**
 * One cell of words stating a figure ("1.a 17 in deficit of 70 schools", "5.b … £2.3m"), not a
 * sentence: a row of a table that a PDF or an FOI answer wrote as text.
 */
export function isTextualRow(line: TypedLine): boolean {
  let known = TEXTUAL.get(line);
  if (known === undefined) TEXTUAL.set(line, (known = textualRow(line)));
  return known;
}

const TEXTUAL = new WeakMap<TypedLine, boolean>();

function textualRow(line: TypedLine): boolean {
  if (line.comment) return false;
  const filled = nonBlank(line);
  if (filled.length !== 1) return false;
  const text = line.cells[filled[0]!]!.text;
  if (/[.!?:;]["”’)]?$/.test(text)) return false;
  // A numbered answer ("1.b £5.6m") or an amount of money; not a sentence that mentions a number.
  const figures = figuresInText(text, 3);
  return figures.length > 0 && (LEADING_REF.test(text) || figures.some((f) => f.currency));
}

/** The cell at a 0-based column, blank past the end. */
export function cellAt(line: TypedLine, col: number): TypedCell {
  return line.cells[col] ?? BLANK;
}

export function nonBlank(line: TypedLine): number[] {
  const out: number[] = [];
  line.cells.forEach((c, j) => {
    if (c.kind !== "blank") out.push(j);
  });
  return out;
}

const DATA = new WeakMap<TypedLine, boolean>();

/** A line with figures against a label: the stuff of a table. Worked out once a line. */
export function isDataLine(line: TypedLine): boolean {
  let known = DATA.get(line);
  if (known === undefined) DATA.set(line, (known = dataLine(line)));
  return known;
}

function dataLine(line: TypedLine): boolean {
  if (line.comment) return false;
  const filled = nonBlank(line);
  if (filled.length === 0) return false;
  let figures = 0;
  let textBefore = false;
  let yearLike = 0;
  for (const j of filled) {
    const c = line.cells[j]!;
    if (isFigure(c) && !(c.kind === "marker")) {
      figures++;
      const f = c.figure;
      if (f && f.value > 0 && looksLikeYear(f)) yearLike++;
    } else if (c.kind === "marker") {
      if (figures > 0 || textBefore) figures++;
    } else if (figures === 0) textBefore = true;
  }
  if (figures === 0) return false;
  // "2015 | 2016" over a table is a heading of years, not a row of figures.
  if (yearLike === figures && !textBefore) return false;
  return textBefore || figures >= 2;
}

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
// A percentage starts where its digits do (no match ends just before a digit, and a match from
// mid-run would have matched from the run's start first): the look-behind says so, and keeps
// the search from rescanning a long run of digits with no "%" from each digit.
const FIGURE_IN_TEXT = /£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million)\b)?|(?<!\d)\d+(?:\.\d+)?\s?%|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b|\bnil\b/gi;
const AFTER_DAY = new RegExp(`^\\s*(?:(?:st|nd|rd|th)\\s*)?${MONTH}`, "i");
const BEFORE_YEAR = new RegExp(`${MONTH}\\s*$`, "i");
const LEADING_REF = /^\s*(?:q\s?)?\d{1,2}(?:\.\d{1,2}){0,2}\.?[a-z]?[.):]?\s+/i;
const NUMBERED_THING = /\b(?:table|appendix|item|section|page|para|paragraph|figure|annex|question|recommendation|area|agenda|priority|phase|stage|step|no\.?|number)\s*$/i;

/**
 * A figure stated inside a line of text ("1.b £5.6m", "vehicle crime by 30% in 2004"): what makes
 * a line of an FOI answer or a list of targets a row. Years, dates, list numbers and "Table 1"
 * are not figures.
 */
export function figureInText(text: string): boolean {
  return figuresInText(text, 1).length > 0;
}

/** The figures a line of text states, in order (up to `most`), as figures with their scale. */
export function figuresInText(text: string, most = 20): Figure[] {
  const out: Figure[] = [];
  if (text.length > 2000) return out;
  const t = text.replace(LEADING_REF, " ");
  FIGURE_IN_TEXT.lastIndex = 0;
  for (let m = FIGURE_IN_TEXT.exec(t); m && out.length < most; m = FIGURE_IN_TEXT.exec(t)) {
    const token = m[0];
    const figure = /^nil$/i.test(token) ? { value: 0, decimals: 0, scale: 1, currency: false, percent: false, bracketed: false, grouped: false } : readFigure(token.replace(/\s+/g, ""));
    if (!figure) continue;
    if (token.includes("\u00a3") || token.includes("%") || token.includes(",") || /^nil$/i.test(token)) {
      out.push(figure);
      continue;
    }
    const value = Number(token);
    const before = t.slice(Math.max(0, m.index - 16), m.index);
    const after = t.slice(m.index + token.length, m.index + token.length + 12);
    if (/^\d{4}$/.test(token) && value >= 1990 && value <= 2040) continue;
    if (/^\s*[-/–]\s*\d{2}\b/.test(after)) continue; // 2021-22
    if (AFTER_DAY.test(after)) continue; // 25 November
    if (BEFORE_YEAR.test(before)) continue; // Nov 07
    if (NUMBERED_THING.test(before)) continue;
    // "Area for Improvement 1", "Recommendation 2": a short title's closing number names it.
    if (/^\d{1,2}$/.test(token) && t.slice(m.index + token.length).trim() === "" && t.trim().split(/\s+/).length <= 6) continue;
    if (/[/.\-\u2013]$/.test(before) || /^[/.]\d/.test(after)) continue; // 12/2018, 1.2.3, 2003-04
    out.push(figure);
  }
  return out;
}
