/**
 * The size of each worksheet of an .xlsx file, read from the zip's directory and each sheet's
 * XML as it is unpacked (the <dimension ref="A1:E1000001"/> Excel and LibreOffice write before
 * the cells, else the rows and cells counted as they stream past), so a workbook too large to
 * read is refused in a second or two instead of after minutes and gigabytes in exceljs. No Node
 * imports: it unpacks with DecompressionStream, which Node 18+, Edge, Chrome and Safari 16.4+
 * have; where there is none, it gives nothing and the reader's own check of each sheet applies.
 */

import { parseAddress } from "../../port";

export interface SheetDimension {
  /** The sheet's part in the file: "xl/worksheets/sheet1.xml". */
  part: string;
  /** "A1:E1000001" as the file states it, or how it was counted. */
  ref: string;
  rows: number;
  columns: number;
  /** Cells as counted, where the sheet states no dimension; else rows × columns. */
  cells: number;
  /** Counting stopped at the limit: there are more. */
  atLeast: boolean;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * Each worksheet's size, in the zip's order: its stated dimension, else its rows and cells as
 * counted, stopping once either passes `stopAt` (the answer is then "at least"). Files that are
 * not a zip this can walk give nothing.
 */
export async function sheetDimensions(bytes: Uint8Array, stopAt: { rows: number; cells: number }): Promise<SheetDimension[]> {
  if (typeof DecompressionStream === "undefined") return [];
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65_535; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const entries = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const found: SheetDimension[] = [];
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
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(part) || local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) continue;
    if (method !== 0 && method !== 8) continue;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, Math.min(start + compressed, bytes.length));
    const size = await measure(data, method === 8, stopAt);
    if (size) found.push({ part, ...size });
  }
  return found;
}

/** One sheet's XML, unpacked as a stream and never held whole: its dimension if stated early, else its rows and cells counted. */
async function measure(data: Uint8Array, deflated: boolean, stopAt: { rows: number; cells: number }): Promise<Omit<SheetDimension, "part"> | null> {
  let stream: ReadableStream<Uint8Array> = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  if (deflated) stream = stream.pipeThrough(new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  let head = "";
  let rows = 0;
  let cells = 0;
  // The last bytes of a chunk, so a tag split between two chunks is still seen.
  let carry = "";
  let stopped = false;
  const decoder = new TextDecoder("latin1");
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = carry + decoder.decode(value, { stream: true });
      if (head.length < 4096) {
        head += text.slice(0, 4096 - head.length);
        const ref = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head)?.[1];
        const rect = ref ? parseAddress(ref) : null;
        const size = rect ? { rows: rect.bottom - rect.top + 1, columns: rect.right - rect.left + 1 } : null;
        if (ref && size && size.rows * size.columns > 1) {
          await reader.cancel();
          return { ref, ...size, cells: size.rows * size.columns, atLeast: false };
        }
      }
      rows += occurrences(text, ROW, carry.length);
      cells += occurrences(text, CELL, carry.length);
      if (rows > stopAt.rows || cells > stopAt.cells) {
        stopped = true;
        await reader.cancel();
        break;
      }
      carry = text.slice(-5);
    }
  } catch {
    // A stream that ends early or is not deflate: what was counted stands.
  }
  if (rows === 0 && cells === 0) return null;
  return { ref: "its rows counted as it was unpacked", rows, columns: rows === 0 ? 0 : Math.ceil(cells / rows), cells, atLeast: stopped };
}

const ROW = /<row[\s>]/g;
const CELL = /<c[\s>/]/g;

/** Matches of `pattern` in `text` that end after `from` (those before were counted with the last chunk). */
function occurrences(text: string, pattern: RegExp, from: number): number {
  let n = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) if (m.index + m[0].length > from) n++;
  return n;
}
