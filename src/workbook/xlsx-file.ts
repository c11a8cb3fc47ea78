/**
 * The xlsx adapter for the command line: reads a workbook file into the grids the table reader
 * understands, and writes imported tables as a tidy workbook. Built on exceljs; Node only (the
 * task pane talks to Excel through Office.js instead).
 */
import { randomBytes } from "crypto";
import { rename, rm, writeFile } from "fs/promises";
import { basename, dirname, join, resolve } from "path";
import type { Cell, CellValue, Color, Fill, Workbook, Worksheet } from "exceljs";
import { serialFromYmd } from "../core/years";
import type { ColumnFormat, ImportedTable, SheetGrid } from "../core/table/types";
import { uniqueSheetName } from "./port";

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * One grid per worksheet, in tab order, holding its used range: the smallest rectangle around
 * every cell with a value or a solid fill (a RAG status kept only as a colour still counts).
 * Values are plain: numbers, strings, booleans, dates as Excel serial numbers (1900 system),
 * rich text and hyperlinks as their text, formulas as their cached result (the formula text when
 * the file holds none), errors as their text ("#N/A"). In a merged area only the top-left cell
 * keeps its value and fill. `fills` holds each cell's solid fill colour as "#RRGGBB".
 */
export async function readWorkbookGrids(path: string): Promise<SheetGrid[]> {
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  await workbook.xlsx.readFile(path);
  const theme = themeColours(workbook);
  return workbook.worksheets.map((sheet) => gridOfSheet(sheet, theme, excel.ValueType.Merge));
}

export type ExcelJS = typeof import("exceljs");
let excelJS: Promise<ExcelJS> | undefined;

/**
 * exceljs on first use: loading it takes about a quarter of a second, which `hnb --help` and a
 * check of a pasted .tsv should not pay.
 */
export function loadExcelJS(): Promise<ExcelJS> {
  excelJS ??= import("exceljs");
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
export function gridOfSheet(sheet: Worksheet, theme: string[], merge: number): SheetGrid {
  const { name, values, fills, origin } = scanSheet(sheet, theme, merge, false);
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

function scanSheet(sheet: Worksheet, theme: string[], merge: number, detail: boolean): DetailedGrid {
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
          value = formula === null ? plainValue(cell.value, cell) : cachedResult(cell.value);
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

function cachedResult(value: CellValue): unknown {
  if (value !== null && typeof value === "object" && "result" in value && value.result !== undefined) {
    return plainValue(value.result);
  }
  return null;
}

/** A cell's value as the workbook port reads it: plain, and a formula as its cached result (null when none). */
export function portValue(cell: Cell): unknown {
  return formulaOf(cell) === null ? plainValue(cell.value, cell) : cachedResult(cell.value);
}

/** A cell's value as the table reader wants it; null for an empty cell. */
function plainValue(value: CellValue, cell?: Cell): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialFromDate(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result !== undefined) return plainValue(value.result);
    const formula = cell?.formula ?? ("formula" in value ? value.formula : undefined);
    return formula ? `=${formula}` : null;
  }
  if ("text" in value) return plainValue(value.text as CellValue);
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

// ---------------------------------------------------------------------------------------------
// Writing

/** The name of the sheet listing what the import inferred and what it could not read. */
export const NOTES_SHEET = "Import notes";

const MONEY_FORMAT = '"£"#,##0;("£"#,##0)';
const THOUSANDS_FORMAT = "#,##0;(#,##0)";
const MILLIONS_FORMAT = "#,##0.00;(#,##0.00)";
const DATE_FORMAT = "dd/mm/yyyy";
const TEXT_FORMAT = "@";
/** Excel refuses a cell longer than this. */
const MAX_CELL_TEXT = 32_767;

/**
 * Sheet names for tables with these titles, in order: Excel-valid (at most 31 characters, none of
 * `[ ] : * ? / \`, no leading or trailing apostrophe, not "History", which Excel reserves) and
 * unique ignoring case, as Excel compares them — also against the import-notes sheet.
 */
export function sheetNamesFor(titles: string[]): string[] {
  const taken = [NOTES_SHEET];
  return titles.map((title) => {
    const name = uniqueSheetName(title, taken);
    taken.push(name);
    return name;
  });
}

/**
 * Writes imported tables as a workbook: one sheet per table holding an Excel table (headers,
 * filter buttons, banded style) with £, date and text formats, the footer lines (stated total,
 * lead legend, RAG key) below it as laid out, and a final "Import notes" sheet. `sources[i]` names
 * where `tables[i]` came from (a file name), for the notes.
 *
 * Text is always written as text: a cell reading "=1+1" or "-£5" stays that text and never
 * becomes a formula. The file is built in full and written to a temporary file beside `path`,
 * then renamed over it, so a failure never leaves a partial workbook behind.
 */
export async function writeImportWorkbook(path: string, tables: ImportedTable[], sources: string[]): Promise<void> {
  if (sources.length !== tables.length) {
    throw new Error(`Each table needs its source: ${tables.length} tables but ${sources.length} sources.`);
  }
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  workbook.creator = "HNB";
  const names = sheetNamesFor(tables.map((t) => t.title));
  const tableNames = new Set<string>();
  tables.forEach((table, i) => addTableSheet(workbook, names[i]!, table, uniqueTableName(names[i]!, tableNames)));
  addNotesSheet(workbook, tables, sources);

  const data = await workbook.xlsx.writeBuffer();
  await writeAtomically(path, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer));
}

/** Writes `data` to a temporary file beside `path`, then renames it over `path`, so a failure never leaves a partial file. */
export async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, data, { flag: "wx" });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * An Excel table name: letters, digits, underscores and full stops, starting with a letter or
 * underscore, unlike a cell reference ("AB12", "R1C1"), unique in the workbook ignoring case.
 */
function uniqueTableName(sheetName: string, taken: Set<string>): string {
  let base = sheetName.replace(/[^A-Za-z0-9_.]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[A-Za-z_]/.test(base)) base = `Table_${base}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]$/.test(base) || /^[Rr]\d*[Cc]\d*$/.test(base)) base += "_";
  base = base.slice(0, 240);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function numberFormat(format: ColumnFormat, unit: ImportedTable["unit"]): string | undefined {
  switch (format) {
    case "money":
      if (unit === "£000") return THOUSANDS_FORMAT;
      if (unit === "£m") return MILLIONS_FORMAT;
      return MONEY_FORMAT;
    case "date":
      return DATE_FORMAT;
    case "text":
    case "status":
      return TEXT_FORMAT;
    case "number":
      return undefined;
  }
}

/**
 * Table headers must be unique (ignoring case), non-empty, single-line text: Excel repairs a file
 * whose table header cells differ from the table's column names. Money headers carry the unit
 * when figures are in £000 or £m, since the number format no longer shows it.
 */
function tableHeaders(table: ImportedTable, width: number): string[] {
  const seen = new Set<string>();
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    let header = String(table.headers[c] ?? "")
      .replace(/\s+/g, " ")
      .trim();
    if (header === "") header = `Column ${c + 1}`;
    if (table.formats[c] === "money" && (table.unit === "£000" || table.unit === "£m") && !header.includes(table.unit)) {
      header = `${header} (${table.unit})`;
    }
    let unique = header;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${header} ${n}`;
    seen.add(unique.toLowerCase());
    headers.push(unique);
  }
  return headers;
}

/** A value as the cell should hold it; strings stay strings whatever they start with. */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  let text = typeof value === "string" ? value : String(value);
  // Word's manual line break reaches the clipboard as a vertical tab; in Excel it is a new line.
  text = text.replace(/\v/g, "\n");
  if (text.length > MAX_CELL_TEXT) text = text.slice(0, MAX_CELL_TEXT);
  return text === "" ? null : text;
}

function addTableSheet(workbook: Workbook, sheetName: string, table: ImportedTable, tableName: string): void {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const width = Math.max(table.headers.length, 1, ...table.rows.map((r) => r.length));
  const headers = tableHeaders(table, width);
  const formats = headers.map((_, c) => numberFormat(table.formats[c] ?? "text", table.unit));
  // An Excel table needs at least one data row.
  const rows = table.rows.length > 0 ? table.rows : [[]];
  sheet.addTable({
    name: tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: rows.map((row) => headers.map((_, c) => cellValue(row[c]))),
  });
  for (let r = 0; r < rows.length; r++) {
    const sheetRow = sheet.getRow(r + 2);
    for (let c = 0; c < width; c++) {
      const format = formats[c];
      if (format) sheetRow.getCell(c + 1).numFmt = format;
    }
  }

  // Footer lines keep their columns; figures in money or date columns take that column's format.
  const footerStart = rows.length + 2;
  table.footer.forEach((line, i) => {
    const sheetRow = sheet.getRow(footerStart + i);
    line.forEach((value, c) => {
      const v = cellValue(value);
      if (v === null) return;
      const cell = sheetRow.getCell(c + 1);
      cell.value = v;
      const format = typeof v === "number" && (table.formats[c] === "money" || table.formats[c] === "date") ? formats[c] : undefined;
      if (format) cell.numFmt = format;
    });
  });

  for (let c = 0; c < width; c++) {
    const column = sheet.getColumn(c + 1);
    const width = columnWidth(headers[c]!, table.formats[c] ?? "text", rows, c);
    column.width = width;
    if (width >= WIDEST) column.alignment = { wrapText: true, vertical: "top" };
  }
}

const WIDEST = 60;

/** A width that shows most values whole; long text wraps instead of widening without end. */
function columnWidth(header: string, format: ColumnFormat, rows: unknown[][], c: number): number {
  let longest = header.length + 3; // room for the filter button
  if (format === "date") longest = Math.max(longest, 12);
  else if (format === "money") longest = Math.max(longest, 12);
  for (const row of rows) {
    const v = row[c];
    if (typeof v === "string") {
      for (const line of v.split("\n")) if (line.length > longest) longest = line.length;
    } else if (typeof v === "number" && format !== "date") {
      longest = Math.max(longest, Math.round(v).toLocaleString("en-GB").length + 4);
    }
    if (longest >= WIDEST) return WIDEST;
  }
  return Math.max(8, longest + 1);
}

const NOTE_KIND: Record<ImportedTable["notes"][number]["kind"], string> = {
  inferred: "Inferred",
  unread: "Could not read",
};

function addNotesSheet(workbook: Workbook, tables: ImportedTable[], sources: string[]): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Source", key: "source", width: 28 },
    { header: "Location", key: "location", width: 26 },
    { header: "Kind", key: "kind", width: 16 },
    { header: "Message", key: "message", width: 100 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  let count = 0;
  tables.forEach((table, i) => {
    for (const note of table.notes) {
      sheet.addRow([cellValue(sources[i]), cellValue(note.location), NOTE_KIND[note.kind], cellValue(note.message)]);
      count++;
    }
  });
  if (count === 0) sheet.addRow([null, null, null, "Nothing was inferred, and every value was read as it stood."]);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rowCount, column: 4 } };
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= 4; c++) {
      const cell = row.getCell(c);
      cell.numFmt = TEXT_FORMAT;
      cell.alignment = { wrapText: true, vertical: "top" };
    }
  }
}
