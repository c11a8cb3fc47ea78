/**
 * What an .xlsx file would unpack to, measured before exceljs unpacks it: every part's size as it
 * streams out of the zip (never the size the zip states), each worksheet's rows and cells counted
 * and the rectangle they span taken from the cells' own references (never the sheet's
 * <dimension ref="A1:D2"/>, which a file can state falsely), and the longest text in the shared
 * strings and the sheets. A workbook too large to read is refused in a second or two, holding one
 * chunk at a time, instead of after minutes and gigabytes in exceljs. No Node imports: it unpacks
 * with DecompressionStream, which Node 18+, Edge, Chrome and Safari 16.4+ have; where there is
 * none, it gives nothing and the reader's own check of each sheet applies.
 */

import { columnLetters } from "../../core/table";

export interface SheetDimension {
  /** The sheet's part in the file: "xl/worksheets/sheet1.xml". */
  part: string;
  /** "A1:E1000001" as its cells span it, or how it was counted. */
  ref: string;
  rows: number;
  columns: number;
  /** The cells of the rectangle its cells span; where a cell gives no reference, those counted. */
  cells: number;
  /** Counting stopped at the limit: there are more. */
  atLeast: boolean;
}

export interface UnpackLimits {
  rows: number;
  cells: number;
  /** Bytes of every part unpacked, added up. */
  unpacked: number;
  /** Bytes of one text (a shared string, an inline string) as the file holds it. */
  text: number;
}

/** What the measure found: each sheet's size, and the first limit the file passes, if any. */
export interface WorkbookMeasure {
  sheets: SheetDimension[];
  /** Bytes unpacked, over every part measured (all of them, unless a limit stopped it). */
  unpacked: number;
  /** The part that passed the limit on the bytes unpacked, with how much was unpacked by then. */
  tooLarge?: { part: string; unpacked: number };
  /** A text longer than the limit, in which part, and at least how long. */
  longText?: { part: string; bytes: number };
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Every part of the zip unpacked as a stream, in the zip's order, and measured: stops at the first
 * limit passed. Files that are not a zip this can walk give nothing.
 */
export async function measureWorkbook(bytes: Uint8Array, limits: UnpackLimits): Promise<WorkbookMeasure> {
  const result: WorkbookMeasure = { sheets: [], unpacked: 0 };
  if (typeof DecompressionStream === "undefined") return result;
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65_535; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return result;
  const entries = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  for (let e = 0; e < entries && at + 46 <= bytes.length; e++) {
    if (u32(bytes, at) !== 0x02014b50) break;
    const method = u16(bytes, at + 10);
    const compressed = u32(bytes, at + 20);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    const part = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) continue;
    if (method !== 0 && method !== 8) continue;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, Math.min(start + compressed, bytes.length));
    const sheet = SHEET_PART.test(part);
    // Only the parts that hold text are searched for long texts; every part is measured.
    const texts = sheet || /^xl\/sharedStrings\.xml$/i.test(part);
    const size = await measurePart(data, method === 8, { ...limits, unpacked: limits.unpacked - result.unpacked }, sheet, texts);
    result.unpacked += size.bytes;
    if (result.unpacked > limits.unpacked) {
      result.tooLarge = { part, unpacked: result.unpacked };
      return result;
    }
    if (size.longestText > limits.text) {
      result.longText = { part, bytes: size.longestText };
      return result;
    }
    if (sheet && (size.rows > 0 || size.cells > 0)) result.sheets.push({ part, ...sheetSize(size) });
  }
  return result;
}

/** Each worksheet's size, in the zip's order (see measureWorkbook). */
export async function sheetDimensions(bytes: Uint8Array, stopAt: { rows: number; cells: number }): Promise<SheetDimension[]> {
  return (await measureWorkbook(bytes, { ...stopAt, unpacked: Number.MAX_SAFE_INTEGER, text: Number.MAX_SAFE_INTEGER })).sheets;
}

interface PartSize {
  bytes: number;
  rows: number;
  cells: number;
  /** Cells with no reference ("<c>" or one whose r is not first): the rectangle cannot hold them. */
  unplaced: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  stopped: boolean;
  longestText: number;
}

function sheetSize(s: PartSize): Omit<SheetDimension, "part"> {
  // Stopped part way, the rectangle so far says nothing: the rows and cells counted do.
  if (!s.stopped && s.unplaced === 0 && s.bottom >= s.top) {
    const rows = s.bottom - s.top + 1;
    const columns = s.right - s.left + 1;
    const ref = `${columnLetters(s.left)}${s.top + 1}:${columnLetters(s.right)}${s.bottom + 1}`;
    return { ref, rows: Math.max(rows, s.rows), columns, cells: rows * columns, atLeast: false };
  }
  return { ref: "its rows counted as it was unpacked", rows: s.rows, columns: s.rows === 0 ? 0 : Math.ceil(s.cells / s.rows), cells: s.cells, atLeast: s.stopped };
}

// Cell references are written first in every writer we know (Excel, LibreOffice, exceljs,
// openpyxl); a cell whose reference comes later is counted, not placed.
// Every cell, in one pass: its reference where it comes first ("<c r="B7" …>"), else none.
const CELL = /<c(?: r="([A-Z]{1,3})(\d{1,7})")?[\s>/]/g;
const ROW = /<row[\s>]/g;
const TEXT_OPEN = /<(?:\w{1,20}:)?t(?:\s[^>]{0,200})?>/g;
const TEXT_CLOSE = "</";
/** Enough of the last chunk kept to see a tag split between two chunks. */
const CARRY = 240;

/** One part unpacked as a stream and never held whole: its bytes, and for a sheet its cells. */
async function measurePart(data: Uint8Array, deflated: boolean, limits: UnpackLimits, sheet: boolean, texts: boolean): Promise<PartSize> {
  const size: PartSize = { bytes: 0, rows: 0, cells: 0, unplaced: 0, top: Infinity, bottom: -1, left: Infinity, right: -1, stopped: false, longestText: 0 };
  let stream: ReadableStream<Uint8Array> = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  if (deflated) stream = stream.pipeThrough(new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  let carry = "";
  // Where the open text began, counted in bytes from the start of the part; -1 outside a text.
  let textFrom = -1;
  const decoder = new TextDecoder("latin1");
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const base = size.bytes - carry.length;
      size.bytes += value.length;
      if (size.bytes > limits.unpacked) {
        await reader.cancel();
        break;
      }
      // A part with nothing to count but its bytes (styles, a theme) is not decoded at all.
      if (!sheet && !texts) continue;
      const text = carry + decoder.decode(value, { stream: true });
      if (sheet) {
        size.rows += occurrences(text, ROW, carry.length);
        place(text, carry.length, size);
        // Only what is counted stops the unpacking: the rectangle costs nothing here, and is
        // judged whole once every cell has been seen.
        if (size.rows > limits.rows || size.cells > limits.cells) {
          size.stopped = true;
          await reader.cancel();
          break;
        }
      }
      if (texts) {
        textFrom = measureTexts(text, carry.length, base, textFrom, size);
        if (size.longestText > limits.text) {
          await reader.cancel();
          break;
        }
      }
      carry = text.slice(-CARRY);
    }
  } catch {
    // A stream that ends early or is not deflate: what was counted stands.
  }
  return size;
}

/** Counts each cell that ends after `from`, widening the rectangle by those that give their reference. */
function place(text: string, from: number, size: PartSize): void {
  CELL.lastIndex = 0;
  for (let m = CELL.exec(text); m; m = CELL.exec(text)) {
    if (m.index + m[0].length <= from) continue;
    size.cells++;
    const letters = m[1];
    if (letters === undefined) {
      size.unplaced++;
      continue;
    }
    let column = 0;
    for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
    const row = Number(m[2]) - 1;
    column -= 1;
    if (row < size.top) size.top = row;
    if (row > size.bottom) size.bottom = row;
    if (column < size.left) size.left = column;
    if (column > size.right) size.right = column;
  }
}

/**
 * The texts (<t>…</t>) in this chunk, each measured in bytes from its opening tag to its close,
 * one open across chunks carried as `textFrom`: gives where the text still open began, or -1.
 */
function measureTexts(text: string, from: number, base: number, textFrom: number, size: PartSize): number {
  let open = textFrom;
  // A close ("</") may begin in the last byte carried over; an opening tag anywhere in the carry.
  let i = open >= 0 ? Math.max(from - 1, 0) : 0;
  for (;;) {
    if (open >= 0) {
      const close = text.indexOf(TEXT_CLOSE, Math.max(i, 0));
      if (close < 0) {
        size.longestText = Math.max(size.longestText, base + text.length - open);
        return open;
      }
      size.longestText = Math.max(size.longestText, base + close - open);
      open = -1;
      i = close + TEXT_CLOSE.length;
      continue;
    }
    TEXT_OPEN.lastIndex = i;
    const m = TEXT_OPEN.exec(text);
    if (!m) return -1;
    const endOfTag = m.index + m[0].length;
    if (endOfTag <= from) {
      i = endOfTag;
      continue;
    }
    open = base + endOfTag;
    i = endOfTag;
  }
}

/** Matches of `pattern` in `text` that end after `from` (those before were counted with the last chunk). */
function occurrences(text: string, pattern: RegExp, from: number): number {
  let n = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) if (m.index + m[0].length > from) n++;
  return n;
}
