/**
 * A1 references as the workbook port takes them ("B2", "B2:F8", "'RAG Key'!$A$2:$A$6"), parsed
 * into 0-based rectangles and written back. Pure: the memory adapter runs in a plain browser.
 */
import { a1, columnLetters, sheetPrefix } from "../core/table";

/** Excel's sheet size (since Excel 2007): anything beyond is refused rather than clipped. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A block of cells, 0-based and inclusive: "B2:F8" is {top: 1, left: 1, bottom: 7, right: 5}. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

/** 0-based row and column of "B2" or "$B$2"; null for anything else, or a cell off the sheet. */
export function parseCell(text: string): { row: number; column: number } | null {
  const m = CELL.exec(text.trim());
  if (!m) return null;
  const column = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  if (row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) return null;
  return { row, column };
}

/** 0-based index of column letters: "A" → 0, "AA" → 26; -1 when they are not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * "B2:F8" (or "B2", or with $ signs, corners in either order) as a rectangle; null when it is
 * not a cell or a block of cells on the sheet. Whole rows and columns ("A:A", "1:3") are not
 * taken: the port writes and formats blocks, and a whole column would be a million cells.
 */
export function parseAddress(text: string): Rect | null {
  if (typeof text !== "string") return null;
  const parts = text.split(":");
  if (parts.length > 2) return null;
  const first = parseCell(parts[0]!);
  const second = parts.length === 2 ? parseCell(parts[1]!) : first;
  if (!first || !second) return null;
  return {
    top: Math.min(first.row, second.row),
    left: Math.min(first.column, second.column),
    bottom: Math.max(first.row, second.row),
    right: Math.max(first.column, second.column),
  };
}

/** "B2:F8", or "B2" for a single cell, as Excel shows them. */
export function formatAddress(rect: Rect): string {
  const start = a1(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? start : `${start}:${a1(rect.bottom, rect.right)}`;
}

/** "$B$2:$F$8": the form defined names and validation sources keep, so they do not slide when copied. */
export function absoluteAddress(rect: Rect): string {
  const cell = (row: number, column: number) => `$${columnLetters(column)}$${row + 1}`;
  const start = cell(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? start : `${start}:${cell(rect.bottom, rect.right)}`;
}

/**
 * A sheet name as a reference needs it. Besides what `sheetPrefix` quotes, a name that reads as
 * a cell ("FY24", "R1C1") must be quoted too, or Excel takes it for that cell.
 */
export function quoteSheet(sheet: string): string {
  if (looksLikeCellReference(sheet)) return `'${sheet.replace(/'/g, "''")}'`;
  return sheetPrefix(sheet);
}

/** "'RAG Key'!A2:A6" */
export function qualifiedAddress(sheet: string, rect: Rect, absolute = false): string {
  return `${quoteSheet(sheet)}!${absolute ? absoluteAddress(rect) : formatAddress(rect)}`;
}

/**
 * A reference with an optional sheet ("'RAG Key'!$A$2:$A$6", "Sheet1!B2", "B2:B9"), with or
 * without a leading "="; null when it is not one.
 */
export function parseReference(text: string): { sheet?: string; range: Rect } | null {
  let rest = text.trim().replace(/^=/, "");
  let sheet: string | undefined;
  const quoted = /^'((?:[^']|'')+)'!/.exec(rest);
  if (quoted) {
    sheet = quoted[1]!.replace(/''/g, "'");
    rest = rest.slice(quoted[0].length);
  } else {
    const bang = rest.lastIndexOf("!");
    if (bang >= 0) {
      sheet = rest.slice(0, bang);
      rest = rest.slice(bang + 1);
      if (!/^[^\s'![\]:*?/\\]+$/.test(sheet)) return null;
    }
  }
  const range = parseAddress(rest);
  if (!range) return null;
  return sheet === undefined ? { range } : { sheet, range };
}

/**
 * Whether a defined name or table name is one Excel accepts: a letter, underscore or backslash
 * first, then letters, digits, underscores and full stops, at most 255 characters, and not
 * readable as a cell ("AB12", "R1C1") or as the row and column shorthands "R" and "C".
 */
export function validName(name: string): boolean {
  if (typeof name !== "string" || name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  return !looksLikeCellReference(name) && !/^[RrCc]$/.test(name);
}

function looksLikeCellReference(text: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(text) || /^[Rr]\d*[Cc]\d*$/.test(text);
}

/** Whether two rectangles share a cell. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** Whether `outer` holds every cell of `inner`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

/**
 * What Excel does to a table when cells are written beside it: a value written in the row
 * directly under the table, within its columns, takes the written rows into the table; one in
 * the column directly to its right, within its rows, takes the written columns in (office-js
 * issues 2097, 3013 and 3191: the API's writes trigger the same auto-expansion as typing). The
 * grown range, or null when the write leaves the table as it is. Blank cells do not count.
 */
export function grownTable(table: Rect, write: Rect, filled: (row: number, column: number) => boolean): Rect | null {
  let grown: Rect | null = null;
  const below = table.bottom + 1;
  if (write.top <= below && write.bottom >= below) {
    for (let c = Math.max(write.left, table.left); c <= Math.min(write.right, table.right); c++) {
      if (!filled(below, c)) continue;
      grown = { ...table, bottom: write.bottom };
      break;
    }
  }
  const beside = table.right + 1;
  if (write.left <= beside && write.right >= beside) {
    for (let r = Math.max(write.top, table.top); r <= Math.min(write.bottom, table.bottom); r++) {
      if (!filled(r, beside)) continue;
      grown = { ...(grown ?? table), right: write.right };
      break;
    }
  }
  return grown;
}
