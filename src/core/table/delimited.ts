import { requireBytes, requireShape } from "../limits";
import type { SheetGrid } from "./types";

/**
 * Delimited text as it reaches the add-in: a paste from Excel or Word (tab-separated), or a
 * CSV file (comma-separated, or semicolon-separated where the comma is the decimal mark).
 *
 * Pure TypeScript: the task pane's paste box uses it in the browser as well as the CLI.
 */
export type Delimiter = "\t" | "," | ";";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const TAB = 9;
const COMMA = 44;
const SEMICOLON = 59;
const BOM = 0xfeff;

/**
 * Splits text into rows of cells. A cell that starts with `"` is quoted (RFC 4180, and how Excel
 * puts a cell holding tabs, line breaks or quotes on the clipboard): it runs to the closing quote,
 * `""` inside it is one quote, and delimiters and line breaks inside it belong to the cell.
 * Line breaks may be CRLF, LF or CR; a leading UTF-8 byte-order mark and the final line break are
 * dropped. Blank cells are "". Without a delimiter, {@link sniffDelimiter} chooses one.
 *
 * Pasted text is not always well-formed CSV: Word puts a cell such as `"Inclusion" pilot` on the
 * clipboard unquoted. A quoted cell whose closing quote is not followed by a delimiter or line
 * break, or which never closes, is therefore read as plain text up to the next delimiter, quotes
 * and all, instead of swallowing the rest of the table.
 */
export function parseDelimited(text: string, delimiter?: Delimiter): string[][] {
  const d = (delimiter ?? sniffDelimiter(text)).charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  if (i >= n) return rows;

  let row: string[] = [];
  for (;;) {
    let end = -1;
    if (text.charCodeAt(i) === QUOTE) {
      const quoted = readQuoted(text, i + 1, d);
      if (quoted !== null) {
        row.push(quoted.value);
        end = quoted.end;
      }
    }
    if (end < 0) {
      end = scanPlain(text, i, d);
      row.push(text.slice(i, end));
    }

    if (end >= n) {
      rows.push(row);
      break;
    }
    const c = text.charCodeAt(end);
    if (c === d) {
      i = end + 1;
      continue;
    }
    rows.push(row);
    row = [];
    i = end + (c === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    // The line break that ends the last row is a terminator, not the start of an empty row.
    if (i >= n) break;
  }
  return rows;
}

/** The end of an unquoted cell: the next delimiter or line break. */
function scanPlain(text: string, from: number, d: number): number {
  const n = text.length;
  let j = from;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === d || c === LF || c === CR) break;
    j++;
  }
  return j;
}

/**
 * A quoted cell whose content starts at `from`; null when it is not properly quoted (no closing
 * quote, or text after the closing quote), so the caller reads it as plain text.
 */
function readQuoted(text: string, from: number, d: number): { value: string; end: number } | null {
  const n = text.length;
  let value = "";
  let pos = from;
  for (;;) {
    const q = text.indexOf('"', pos);
    if (q < 0) return null;
    if (text.charCodeAt(q + 1) === QUOTE) {
      value += text.slice(pos, q + 1);
      pos = q + 2;
      continue;
    }
    const after = q + 1;
    if (after < n) {
      const c = text.charCodeAt(after);
      if (c !== d && c !== LF && c !== CR) return null;
    }
    return { value: value + text.slice(pos, q), end: after };
  }
}

/** Lines looked at when weighing comma against semicolon: enough to judge, cheap on a big paste. */
const SNIFF_LINES = 200;

/**
 * The delimiter of delimited text: a tab if there is any tab outside quotes (Excel's and Word's
 * clipboard), otherwise whichever of comma and semicolon splits the lines most consistently; a
 * tab when there is neither (a single column).
 */
export function sniffDelimiter(text: string): Delimiter {
  const scan = scanForDelimiters(text, true) ?? scanForDelimiters(text, false)!;
  if (scan.tab) return "\t";
  const comma = consistency(scan.commas);
  const semicolon = consistency(scan.semicolons);
  if (comma.mode === 0 && semicolon.mode === 0) return "\t";
  if (semicolon.mode === 0) return ",";
  if (comma.mode === 0) return ";";
  if (comma.share !== semicolon.share) return comma.share > semicolon.share ? "," : ";";
  // Equally consistent, e.g. `1,5;2,5` on every line: commas that only ever sit between digits
  // are decimal marks, as in a CSV saved by a continental European Excel.
  return scan.commasBetweenDigitsOnly ? ";" : ",";
}

interface DelimiterScan {
  tab: boolean;
  /** Commas and semicolons outside quotes on each of the first non-empty lines. */
  commas: number[];
  semicolons: number[];
  commasBetweenDigitsOnly: boolean;
}

/**
 * Counts delimiters outside quotes. A quote opens a quoted cell only at the start of a cell (the
 * start of the text or a line, or after a tab, comma or semicolon). Returns null when honouring
 * quotes leaves a quote open at the end, i.e. the quotes were not CSV quoting; the caller then
 * scans again with quotes taken as ordinary characters.
 */
function scanForDelimiters(text: string, honourQuotes: boolean): DelimiterScan | null {
  const n = text.length;
  const commas: number[] = [];
  const semicolons: number[] = [];
  let lineCommas = 0;
  let lineSemicolons = 0;
  let lineHasContent = false;
  let commasBetweenDigitsOnly = true;
  let inQuotes = false;
  let atCellStart = true;
  const endLine = () => {
    if (lineHasContent && commas.length < SNIFF_LINES) {
      commas.push(lineCommas);
      semicolons.push(lineSemicolons);
    }
    lineCommas = 0;
    lineSemicolons = 0;
    lineHasContent = false;
  };

  for (let i = text.charCodeAt(0) === BOM ? 1 : 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === TAB) return { tab: true, commas, semicolons, commasBetweenDigitsOnly };
    if (c === LF || c === CR) {
      endLine();
      atCellStart = true;
      continue;
    }
    lineHasContent = true;
    if (c === COMMA) {
      lineCommas++;
      if (!(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) commasBetweenDigitsOnly = false;
      atCellStart = true;
      continue;
    }
    if (c === SEMICOLON) {
      lineSemicolons++;
      atCellStart = true;
      continue;
    }
    if (c === QUOTE && atCellStart && honourQuotes) inQuotes = true;
    atCellStart = false;
  }
  if (inQuotes) return null;
  endLine();
  return { tab: false, commas, semicolons, commasBetweenDigitsOnly };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The most common count on a line, and the share of lines that have it. */
function consistency(counts: number[]): { mode: number; share: number } {
  if (counts.length === 0) return { mode: 0, share: 0 };
  const tally = new Map<number, number>();
  for (const k of counts) tally.set(k, (tally.get(k) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [k, times] of tally) {
    // A count of zero is no evidence for this delimiter, however common.
    if (k > 0 && (times > best || (times === best && k > mode))) {
      mode = k;
      best = times;
    }
  }
  return { mode, share: best / counts.length };
}

/** A grid of pasted or file text, named for locations ("'Savings plan'!H12"), starting at A1. */
export function gridFromText(name: string, text: string, delimiter?: Delimiter, label = name): SheetGrid {
  // Characters for bytes: near enough for text that is mostly ASCII, and never under the mark.
  requireBytes(label, text.length);
  const values = parseDelimited(text, delimiter);
  let width = 0;
  for (const row of values) if (row.length > width) width = row.length;
  requireShape(label, values.length, width);
  return { name, values, origin: { row: 0, column: 0 } };
}

/**
 * Text as Windows programs save it: UTF-16 with a byte-order mark (Excel's "Unicode text"),
 * UTF-8 with or without one, or, when the bytes are not UTF-8, Windows-1252 (Excel's older "CSV"
 * save, where £ is the single byte A3).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * What Windows-1252 puts at 0x80–0x9F: the euro, smart quotes, dashes, the ellipsis. Node's own
 * decoder maps these bytes to control characters (nodejs/node#60888), so an en dash in a council's
 * CSV became "\u0096". The five bytes the code page leaves unassigned are shown as "\ufffd".
 */
const WINDOWS_1252_HIGH = "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178";

/** Windows-1252 text (Excel's older CSV save on Windows): one byte a character; A0–FF as in Latin-1. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b));
    if (chunk.length === 8192) {
      out += chunk.join("");
      chunk.length = 0;
    }
  }
  return out + chunk.join("");
}

/**
 * UTF-16 saved without a byte-order mark, told from its zero bytes: text in a Latin alphabet has
 * a zero in every other byte (after each character's low byte in little-endian, before it in
 * big-endian), which neither UTF-8 nor Windows-1252 text has.
 */
function utf16WithoutMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return "utf-16le";
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * A .tsv, .csv or .txt file as a grid named after the file without its extension
 * ("savings-plan-messy.tsv" gives "savings-plan-messy"). A .tsv is tab-separated by name; a .txt
 * or .csv may be either (Excel saves "CSV" with semicolons in much of Europe, and "Unicode text"
 * as tab-separated .txt), so those are told apart by their contents.
 */
export function gridFromFile(fileName: string, bytes: Uint8Array): SheetGrid {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > 0 ? fileName.slice(dot).toLowerCase() : "";
  requireBytes(fileName, bytes.length);
  return gridFromText(dot > 0 ? fileName.slice(0, dot) : fileName, decodeText(bytes), ext === ".tsv" ? "\t" : undefined, fileName);
}

