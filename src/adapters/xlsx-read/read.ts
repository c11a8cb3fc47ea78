/**
 * Reading .xlsx files with exceljs into the grids the table reader understands. No Node imports:
 * the command line reads files through here (xlsx-file.ts), and the task pane reads a workbook
 * chosen in its Import file picker, loading exceljs only when one is chosen.
 */
import { readCachedBoolean } from "./boolean-results";
import type { Cell, CellValue, Color, Fill, Workbook, Worksheet } from "exceljs";
import { EXCEL_LIMITS, TooLarge, WORK_LIMITS, grouped, requireBytes, requireCells, requireShape, serialFromYmd } from "../../core";
import { measureWorkbook } from "./dimensions";
import { type SheetGrid, columnLetters } from "../../core/table";
// ---------------------------------------------------------------------------------------------
// Reading

/**
 * One grid per worksheet, in tab order, holding its used range: the smallest rectangle around
 * every cell with a value or a solid fill (a RAG status kept only as a colour still counts).
 * Values are plain (see `excelValue`): numbers, strings, booleans, dates as Excel serial numbers
 * (1900 system, whichever system the file uses), rich text and hyperlinks as their text, formulas
 * as their cached result (the formula text when the file holds none), errors as their text ("#N/A"). In a merged area only the top-left cell
 * keeps its value and fill. `fills` holds each cell's solid fill colour as "#RRGGBB".
 */
export async function readGridsFromBytes(data: ArrayBuffer | Uint8Array, name = "The workbook"): Promise<SheetGrid[]> {
  await requireWorkbookWithinLimits(data, name);
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(data as ArrayBuffer);
  const theme = themeColours(workbook);
  let cells = 0;
  return workbook.worksheets.map((sheet) => {
    const grid = gridOfSheet(sheet, theme, excel.ValueType.Merge, cells);
    cells += grid.values.length * (grid.values[0]?.length ?? 0);
    return grid;
  });
}

/**
 * A TooLarge unless the workbook's bytes and each sheet's size are within WORK_LIMITS: a workbook
 * beyond them is refused before exceljs unpacks it, whichever command or screen opens it.
 */
export async function requireWorkbookWithinLimits(data: ArrayBuffer | Uint8Array, name: string): Promise<void> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  requireBytes(name, bytes.length);
  const measured = await measureWorkbook(bytes, { rows: WORK_LIMITS.rows, cells: WORK_LIMITS.cells, unpacked: WORK_LIMITS.unpacked, text: WORK_LIMITS.textBytes });
  let counted = 0;
  for (const d of measured.sheets) {
    requireCells(`A sheet of ${name} (${d.ref})`, d.rows, d.cells, counted, d.ref.includes(":") ? `${grouped(d.rows)} rows by ${grouped(d.columns)} columns` : "", d.atLeast);
    counted += d.cells;
  }
  if (measured.tooLarge) {
    throw new TooLarge(`${name} unpacks to over ${grouped(Math.floor(WORK_LIMITS.unpacked / 1024 / 1024))} MB (its part ${measured.tooLarge.part} alone passes it); at most ${grouped(Math.floor(WORK_LIMITS.unpacked / 1024 / 1024))} MB can be read at once: copy the table's own rows to a new workbook and use that.`);
  }
  if (measured.longText) {
    const where = /sharedStrings/i.test(measured.longText.part) ? "its shared strings" : measured.longText.part;
    throw new TooLarge(`${name} holds a text of over ${grouped(WORK_LIMITS.textBytes)} bytes in ${where}, longer than the ${grouped(EXCEL_LIMITS.cellCharacters)} characters a cell of Excel holds: it was not saved by Excel as it is. Open it in Excel and save it again, or copy the table's own rows to a new workbook and use that.`);
  }
}

export type ExcelJS = typeof import("exceljs");
let excelJS: Promise<ExcelJS> | undefined;

/**
 * exceljs on first use: loading it takes about a quarter of a second, which `hnb --help` and a
 * check of a pasted .tsv should not pay.
 */
export function loadExcelJS(): Promise<ExcelJS> {
  excelJS ??= import(/* webpackChunkName: "exceljs" */ "exceljs");
  return excelJS;
}

interface SparseRow {
  row: number;
  values: unknown[];
  fills: (string | null)[];
  formulas: (string | null)[];
}

/** A sheet's used range with what the workbook port reads beyond values and fills. */
export interface DetailedGrid extends SheetGrid {
  fills: (string | null)[][];
  origin: { row: number; column: number };
  /** "General" where a cell has no format of its own. */
  numberFormats: string[][];
  /** "=SUM(B2:B9)" where a cell holds a formula, else null. */
  formulas: (string | null)[][];
}

/** The grid `readWorkbookGrids` gives for one worksheet (see there for what counts as used). */
export function gridOfSheet(sheet: Worksheet, theme: string[], merge: number, cellsBefore = 0): SheetGrid {
  const { name, values, fills, origin } = scanSheet(sheet, theme, merge, false, cellsBefore);
  return { name, values, fills, origin };
}

/**
 * As `gridOfSheet`, and also each cell's number format and formula. A formula's value is its
 * cached result, or null when the file holds none: the formula text is in `formulas`, so it is
 * not repeated as the value (unlike `gridOfSheet`, whose table reader has nowhere else to see it).
 * A formula cell counts as used even without a cached result.
 */
export function detailedGridOfSheet(sheet: Worksheet, theme: string[], merge: number): DetailedGrid {
  return scanSheet(sheet, theme, merge, true);
}

function scanSheet(sheet: Worksheet, theme: string[], merge: number, detail: boolean, cellsBefore = 0): DetailedGrid {
  const rows: SparseRow[] = [];
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;

  // includeEmpty, because a row or cell holding only a fill colour has no value but still matters.
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: unknown[] = [];
    const fills: (string | null)[] = [];
    const formulas: (string | null)[] = [];
    let used = false;
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      let value: unknown = null;
      let fill: string | null = null;
      let formula: string | null = null;
      // The other cells of a merged area repeat the top-left's value in exceljs; in Excel they
      // are empty, and repeating a RAG colour there would read as statuses nobody typed.
      if (cell.type !== merge) {
        if (detail) {
          formula = formulaOf(cell);
          value = formula === null ? plainValue(cell.value, cell) : cachedResult(cell);
        } else {
          value = plainValue(cell.value, cell);
        }
        fill = fillColour(cell.fill, theme);
      }
      if (value === null && fill === null && formula === null) return;
      const c = columnNumber - 1;
      values[c] = value;
      fills[c] = fill;
      formulas[c] = formula;
      used = true;
      if (c < left) left = c;
      if (c > right) right = c;
    });
    if (!used) return;
    const r = rowNumber - 1;
    rows.push({ row: r, values, fills, formulas });
    if (r < top) top = r;
    if (r > bottom) bottom = r;
  });

  if (bottom < 0) {
    return { name: sheet.name, values: [], fills: [], numberFormats: [], formulas: [], origin: { row: 0, column: 0 } };
  }

  const height = bottom - top + 1;
  const width = right - left + 1;
  // The grid holds every cell of the used rectangle: one stray cell far away would make it vast.
  requireShape(`Sheet “${sheet.name}” (${columnLetters(left)}${top + 1}:${columnLetters(right)}${bottom + 1})`, height, width, cellsBefore);
  const values: unknown[][] = new Array(height);
  const fills: (string | null)[][] = new Array(height);
  const formulas: (string | null)[][] = detail ? new Array(height) : [];
  for (let r = 0; r < height; r++) {
    values[r] = new Array<unknown>(width).fill(null);
    fills[r] = new Array<string | null>(width).fill(null);
    if (detail) formulas[r] = new Array<string | null>(width).fill(null);
  }
  for (const sparse of rows) {
    const valuesRow = values[sparse.row - top]!;
    const fillsRow = fills[sparse.row - top]!;
    const formulasRow = formulas[sparse.row - top];
    for (let c = left; c <= right; c++) {
      const v = sparse.values[c];
      if (v !== undefined) valuesRow[c - left] = v;
      const f = sparse.fills[c];
      if (f !== undefined) fillsRow[c - left] = f;
      const formula = sparse.formulas[c];
      if (formulasRow && formula !== undefined) formulasRow[c - left] = formula;
    }
  }

  // Formats are looked up cell by cell, since a formatted but empty cell inside the used range
  // has a format worth reporting while not itself making the range larger.
  const numberFormats: string[][] = [];
  if (detail) {
    for (let r = 0; r < height; r++) {
      const formats = new Array<string>(width);
      for (let c = 0; c < width; c++) formats[c] = sheet.findCell(top + r + 1, left + c + 1)?.numFmt || "General";
      numberFormats.push(formats);
    }
  }
  return { name: sheet.name, values, fills, numberFormats, formulas, origin: { row: top, column: left } };
}

/** "=A1+1" for a cell holding a formula (shared formulas translated to the cell), else null. */
function formulaOf(cell: Cell): string | null {
  const value = cell.value;
  if (value === null || typeof value !== "object" || !("formula" in value || "sharedFormula" in value)) return null;
  const formula = cell.formula;
  return formula ? `=${formula}` : null;
}

/**
 * A formula cell's cached result, from the cell itself: exceljs's `cell.value` copies only a
 * truthy result, so a formula whose result is 0 or "" would read as one never worked out.
 */
function cachedResult(cell: Cell): unknown {
  const result = (cell as { result?: unknown }).result;
  return result === undefined ? null : readCachedBoolean(cell, gridValue(excelValue(result as CellValue)));
}

function hasCachedResult(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell as { result?: unknown }).result !== undefined;
}

/** A cell's value as the workbook port reads it: plain, and a formula as its cached result (null when none). */
export function portValue(cell: Cell): unknown {
  return formulaOf(cell) === null ? plainValue(cell.value, cell) : cachedResult(cell);
}

/** A cell's value as the table reader wants it; null for an empty cell. */
function plainValue(value: CellValue, cell?: Cell): unknown {
  if (value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    if (cell && hasCachedResult(cell)) return cachedResult(cell);
    const formula = cell?.formula ?? ("formula" in value ? value.formula : undefined);
    return formula ? `=${formula}` : null;
  }
  return gridValue(excelValue(value));
}

/** In a grid, an error value is its text ("#N/A"), as a person reads it. */
function gridValue(value: ExcelValue): unknown {
  return value !== null && typeof value === "object" ? value.error : value;
}

/**
 * An exceljs cell value, or a formula's cached result, as a plain value: the one reading of
 * exceljs values, shared by the grids `hnb check` and the port read and by `hnb calc`'s formula
 * engine (through src/adapters/xlsx). A number that is not finite is null; rich text and
 * hyperlinks are their text; a formula is its cached result (null when none); an error value is
 * `{ error: "#N/A" }`, so it is never mistaken for text.
 *
 * Dates: exceljs turns a date-formatted number into a Date, reading it in the workbook's own
 * date system (1900, or 1904 for workbooks from old Mac Excel), so the Date is the day the cell
 * shows. It is given back as the serial of that day in the 1900 system, which every HNB rule
 * reads: the same day, whichever system the file uses.
 */
export type ExcelValue = number | string | boolean | null | { error: string };

export function excelValue(value: unknown): ExcelValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; error?: unknown; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((run) => run.text).join("");
    if (typeof v.error === "string") return { error: v.error };
    if ("formula" in v || "sharedFormula" in v) return excelValue(v.result);
    if ("text" in v) return excelValue(v.text);
  }
  return null;
}

const MS_PER_DAY = 86_400_000;

/** exceljs turns date-formatted cells into JavaScript Dates at UTC midnight (plus any time). */
function serialFromDate(date: Date): number | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = serialFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  const ms =
    date.getUTCHours() * 3_600_000 + date.getUTCMinutes() * 60_000 + date.getUTCSeconds() * 1000 + date.getUTCMilliseconds();
  return ms === 0 ? day : day + ms / MS_PER_DAY;
}

/** A solid fill's colour as "#RRGGBB"; null for no fill, patterns and gradients. */
function fillColour(fill: Fill | undefined, theme: string[]): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return colourHex(fill.fgColor, theme);
}

interface ColourRef {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

function colourHex(colour: Partial<Color> | undefined, theme: string[]): string | null {
  if (!colour) return null;
  const c = colour as ColourRef;
  if (typeof c.argb === "string" && /^(?:[0-9a-f]{2})?[0-9a-f]{6}$/i.test(c.argb)) {
    return `#${c.argb.slice(-6).toUpperCase()}`;
  }
  if (typeof c.theme === "number") {
    const base = theme[c.theme];
    if (!base) return null;
    return c.tint ? applyTint(base, c.tint) : base;
  }
  if (typeof c.indexed === "number") return INDEXED_COLOURS[c.indexed] ?? null;
  return null;
}

/**
 * Excel's legacy indexed palette (BIFF8 defaults, still used by older files and some exports);
 * 64 and 65 are the system foreground and background, which have no fixed colour.
 */
const INDEXED_COLOURS: readonly string[] = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
  "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
  "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
  "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
  "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
  "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
].map((hex) => `#${hex}`);

/** The Office theme's colours, for workbooks whose theme cannot be read. */
const OFFICE_THEME: Record<string, string> = {
  dk1: "000000", lt1: "FFFFFF", dk2: "44546A", lt2: "E7E6E6",
  accent1: "4472C4", accent2: "ED7D31", accent3: "A5A5A5", accent4: "FFC000", accent5: "5B9BD5", accent6: "70AD47",
  hlink: "0563C1", folHlink: "954F72",
};

/**
 * Theme colour indices as cells use them. Excel swaps the first two pairs relative to the
 * theme file's order: index 0 is lt1 (background), 1 is dk1 (text), 2 is lt2, 3 is dk2.
 */
const THEME_ORDER = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"];

/** The workbook's theme colours by index, read from its theme part. */
export function themeColours(workbook: Workbook): string[] {
  // exceljs keeps the theme XML it read but does not expose it in its types.
  const xml = (workbook as unknown as { _themes?: Record<string, unknown> })._themes?.theme1;
  const scheme = typeof xml === "string" ? /<(?:\w+:)?clrScheme\b[\s\S]*?<\/(?:\w+:)?clrScheme>/.exec(xml)?.[0] : undefined;
  return THEME_ORDER.map((name) => {
    let hex = OFFICE_THEME[name]!;
    if (scheme) {
      const m = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>\\s*<(?:\\w+:)?(srgbClr|sysClr)\\b([^>]*)>`).exec(scheme);
      const attr = m ? /\b(?:lastClr|val)="([0-9A-Fa-f]{6})"/.exec(m[1] === "sysClr" ? m[2]!.replace(/\bval="[^"]*"/, "") : m[2]!) : null;
      if (attr) hex = attr[1]!.toUpperCase();
    }
    return `#${hex}`;
  });
}

/** A theme colour lightened (tint > 0) or darkened (tint < 0) as ECMA-376 describes, in HSL. */
function applyTint(hex: string, tint: number): string {
  const r = parseInt(hex.slice(1, 3), 16) / 255;
  const g = parseInt(hex.slice(3, 5), 16) / 255;
  const b = parseInt(hex.slice(5, 7), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  const delta = max - min;
  if (delta !== 0) {
    s = l > 0.5 ? delta / (2 - max - min) : delta / (max + min);
    if (max === r) h = ((g - b) / delta + (g < b ? 6 : 0)) / 6;
    else if (max === g) h = ((b - r) / delta + 2) / 6;
    else h = ((r - g) / delta + 4) / 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const channel = (t: number) => {
    if (s === 0) return l;
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    let u = t;
    if (u < 0) u += 1;
    if (u > 1) u -= 1;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  const toHex = (v: number) =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, "0")
      .toUpperCase();
  return `#${toHex(channel(h + 1 / 3))}${toHex(channel(h))}${toHex(channel(h - 1 / 3))}`;
}

