/**
 * The xlsx files of the command line: reads a workbook file into the grids the table reader
 * understands (through xlsx-read.ts, which the task pane shares), writes imported tables as a tidy
 * workbook, and replaces files whole. Node only.
 */
import { randomBytes } from "crypto";
import { rename, rm, writeFile } from "fs/promises";
import { basename, dirname, join, resolve } from "path";
import { readFile } from "fs/promises";
import type { CellValue, Workbook } from "exceljs";
import type { ColumnFormat, ImportedTable, SheetGrid } from "../core/table/types";
import { uniqueSheetName } from "./port";
import { loadExcelJS, readGridsFromBytes } from "./xlsx-read";

export { detailedGridOfSheet, gridOfSheet, loadExcelJS, portValue, readGridsFromBytes, themeColours, type DetailedGrid, type ExcelJS } from "./xlsx-read";

/**
 * One grid per worksheet of the file at `path`, in tab order (see readGridsFromBytes in
 * xlsx-read.ts for what each holds).
 */
export async function readWorkbookGrids(path: string): Promise<SheetGrid[]> {
  return readGridsFromBytes(await readFile(path));
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
