import { EXCEL_LIMITS } from "../core";
import { outsideNotes } from "../core/table";
import type { ColumnFormat, ImportNote, ImportedTable, KeptAt, SheetGrid } from "../core/table";
import { columnLetters, rowRanges } from "../core/table";
import { footerTop, importChecksOperations } from "./import-checks";
import { IMPORT_NOTES_HEADER } from "./outputs";
import { uniqueSheetName, type WorkbookOperation } from "../port";
import { DATE_FORMAT, MONEY_FORMAT, THOUSANDS_FORMAT, indicatorFormat } from "./templates";

/**
 * An imported table (core's importTable) as port operations: a new sheet holding an Excel table
 * (headers, filter buttons, banded style, the heading row frozen) with £, date and text formats
 * and widths that show most values whole, the footer lines (stated total, legend, key, notes)
 * under it as laid out; and the "Import notes" sheet listing what was inferred and what could not
 * be read. The one writer of imported tables: the task pane applies these to Excel or the browser
 * preview, `hnb import` to a new .xlsx file.
 *
 * Text is always written as text: "=1+1" or "-£5" typed in a paper stays that text.
 */

/** The name of the sheet listing what an import inferred and what it could not read. */
export const NOTES_SHEET = "Import notes";

const MILLIONS_FORMAT = "#,##0.00;(#,##0.00)";
const TEXT_FORMAT = "@";
/** Columns are never made wider than this; longer text wraps. */
const WIDEST = 60;

function formatFor(format: ColumnFormat | undefined, unit: ImportedTable["unit"]): string {
  switch (format) {
    case "money":
      return unit === "£000" ? THOUSANDS_FORMAT : unit === "£m" ? MILLIONS_FORMAT : MONEY_FORMAT;
    case "date":
      return DATE_FORMAT;
    case "number":
      return "General";
    default:
      return TEXT_FORMAT;
  }
}

/** A value as a cell can hold it: Word's line breaks as new lines, nothing longer than Excel allows, no NaN. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean" || value instanceof Date) return value;
  // Word's manual line break reaches the clipboard as a vertical tab; in Excel it is a new line.
  let text = String(value).replace(/\v/g, "\n");
  // Core's import has already continued a longer cell in the notes (nothing is cut there); this
  // only keeps a source name or a heading within what Excel takes.
  if (text.length > EXCEL_LIMITS.cellCharacters) text = text.slice(0, EXCEL_LIMITS.cellCharacters);
  return text === "" ? null : text;
}

/**
 * Headers Excel accepts for a table: single-line, non-empty, unique ignoring case (Excel repairs
 * a file whose header cells differ from its table's column names). Money headers carry the unit
 * when figures are in £000 or £m, since the number format no longer shows it.
 */
function tableHeaders(table: ImportedTable, width: number): string[] {
  const seen = new Set<string>();
  return Array.from({ length: width }, (_, c) => {
    let header = String(table.headers[c] ?? "").replace(/\s+/g, " ").trim() || `Column ${c + 1}`;
    if (table.formats[c] === "money" && (table.unit === "£000" || table.unit === "£m") && !header.includes(table.unit)) header = `${header} (${table.unit})`;
    let unique = header;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${header} ${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/** A width that shows most values whole; long text wraps instead of widening without end. */
function columnWidth(header: string, format: ColumnFormat, rows: unknown[][], c: number): number {
  let longest = header.length + 3; // room for the filter button
  if (format === "date" || format === "money") longest = Math.max(longest, 12);
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

/** A table name Excel accepts, unlike a cell reference, unique in the workbook ignoring case. */
function tableName(title: string, taken: readonly string[]): string {
  // Each run of other characters (underscores included) becomes one "_", so at most one "_" is
  // left at either end to drop (and a lone "_" at the end needs no quantifier, which rescans).
  const base = `HNB_${title.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")}`.slice(0, 240);
  const names = new Set(taken.map((n) => n.toLowerCase()));
  let name = base;
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  return name;
}

/**
 * The sheet an imported table titled `title` goes to: Excel-valid, unique ignoring case, and never
 * the notes sheet's name, which is kept for the notes (a table titled "Import notes" goes beside it).
 */
export function importSheetName(title: string, existingSheets: readonly string[]): string {
  return uniqueSheetName(title, [...existingSheets, NOTES_SHEET]);
}

/**
 * The cell of the imported table's sheet that `to` names (1-based A1), as importOperations lays
 * the sheet out: headings in row 1, the rows under them, a blank row, then the footer. The notes
 * area is on the notes sheet, one note a row under its heading.
 */
export function importedCellAddress(table: ImportedTable, to: KeptAt): string {
  switch (to.area) {
    case "headers":
      return `${columnLetters(to.column)}1`;
    case "rows":
      return `${columnLetters(to.column)}${to.row + 2}`;
    case "footer":
      return `${columnLetters(to.column)}${footerTop(table.rows.length) + to.row}`;
    case "notes":
      return `D${to.note + 2}`;
  }
}

/** Operations that write an imported table to a new sheet as an Excel table, the footer lines under it. */
export function importOperations(table: ImportedTable, existingSheets: string[], tableNames: string[]): { sheet: string; table: string; operations: WorkbookOperation[] } {
  const sheet = importSheetName(table.title, existingSheets);
  // A loop, not Math.max(...rows): a spread of 100,000 arguments overflows the stack.
  let width = Math.max(table.headers.length, 1);
  for (const r of table.rows) if (r.length > width) width = r.length;
  const headers = tableHeaders(table, width);
  // An Excel table needs at least one row under its headers.
  const rows = (table.rows.length > 0 ? table.rows : [[]]).map((r) => headers.map((_, c) => cellValue(r[c])));
  const formats = headers.map((_, c) => formatFor(table.formats[c], table.unit));
  const last = columnLetters(width - 1);
  const name = tableName(table.title, tableNames);
  const widths = headers.map((h, c) => ({ column: columnLetters(c), width: columnWidth(h, table.formats[c] ?? "text", rows, c) }));
  const operations: WorkbookOperation[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [headers] },
    { kind: "write", sheet, at: "A2", values: rows, numberFormats: formats },
  ];
  // A scorecard's HNB formulas, apart from the values: a pasted cell starting "=" stays text.
  // Written before the table is made, as the templates do: a formula written into a table's
  // column afterwards is filled down the whole column by Excel's calculated columns (on by
  // default), over the blanks and any other formulas there (office-js issues 2093, 5909, 6745).
  for (const f of table.formulas ?? []) {
    operations.push({ kind: "write", sheet, at: `${columnLetters(f.column)}2`, values: f.formulas.map((formula) => [formula === "" ? null : formula]), formulas: true, numberFormats: ["General"] });
  }
  if (table.footer.length > 0) {
    // Under the table after a blank row, in the paper's order; lines keep their columns, and a
    // figure in a money or date column takes that column's format. Not in the row directly under
    // the table: Excel grows a table into the row under it when anything is written there.
    const footer = table.footer.map((line) => line.map(cellValue));
    let footerWidth = 1;
    for (const line of footer) if (line.length > footerWidth) footerWidth = line.length;
    operations.push({
      kind: "write",
      sheet,
      at: `A${footerTop(table.rows.length)}`,
      values: footer,
      numberFormats: Array.from({ length: footerWidth }, (_, c) => (table.formats[c] === "money" || table.formats[c] === "date" ? formats[c]! : "General")),
    });
  }
  operations.push(
    { kind: "addTable", sheet, range: `A1:${last}${rows.length + 1}`, name, style: "TableStyleMedium2" },
    { kind: "freeze", sheet, rows: 1 },
    { kind: "columnWidths", sheet, widths },
  );
  for (const w of widths) if (w.width >= WIDEST) operations.push({ kind: "wrap", sheet, range: `${w.column}2:${w.column}${rows.length + 1}` });
  for (const cells of table.figureCells ?? []) {
    const values = cells.columns.map((c) => table.rows[cells.row]?.[c]).filter((v): v is number => typeof v === "number");
    const format = indicatorFormat(cells.unit, values);
    for (const range of rowRanges(cells.columns, cells.row + 2)) operations.push({ kind: "numberFormat", sheet, range, format });
  }
  // The status column offers the key's statuses, as the templates' do, so a new status is typed the key's way.
  const status = table.fields?.indexOf("rag") ?? -1;
  if (status >= 0 && table.statuses && table.statuses.length > 0) {
    const column = columnLetters(status);
    operations.push({ kind: "listValidation", sheet, range: `${column}2:${column}${rows.length + 1}`, source: table.statuses });
  }
  return { sheet, table: name, operations };
}

const NOTE_KIND: Record<ImportedTable["notes"][number]["kind"], string> = {
  attention: "Needs a person",
  kept: "Kept here",
  inferred: "Inferred",
  unread: "Could not read",
};

/**
 * The "Import notes" sheet for tables imported together: each note with its source (a file
 * name, "Pasted table"), its location and whether it was inferred or could not be read.
 */
export function notesOperations(imports: readonly { table: { notes: readonly ImportNote[] }; source: string }[], existingSheets: string[], tableNames: string[]): { sheet: string; operations: WorkbookOperation[] } {
  const sheet = uniqueSheetName(NOTES_SHEET, existingSheets);
  const rows = imports.flatMap(({ table, source }) => table.notes.map((n) => [cellValue(source), cellValue(n.location), NOTE_KIND[n.kind], cellValue(n.message)]));
  if (rows.length === 0) rows.push([null, null, null, "Nothing was inferred, and every value was read as it stood."]);
  return {
    sheet,
    operations: [
      { kind: "addSheet", name: sheet },
      { kind: "write", sheet, at: "A1", values: [[...IMPORT_NOTES_HEADER]] },
      { kind: "write", sheet, at: "A2", values: rows, numberFormats: TEXT_FORMAT },
      { kind: "addTable", sheet, range: `A1:D${rows.length + 1}`, name: tableName(NOTES_SHEET, tableNames), style: "TableStyleLight1" },
      { kind: "font", sheet, range: "A1:D1", bold: true },
      { kind: "freeze", sheet, rows: 1 },
      { kind: "columnWidths", sheet, widths: [{ column: "A", width: 28 }, { column: "B", width: 26 }, { column: "C", width: 16 }, { column: "D", width: 100 }] },
      { kind: "wrap", sheet, range: `A2:D${rows.length + 1}` },
    ],
  };
}

export interface ImportRequest {
  imported: ImportedTable;
  /** The grid the table was read from: its lines outside every table are kept in the notes. */
  grid: SheetGrid;
  /** Grid rows of the other tables on that grid, which are not part of this import. */
  others: readonly { first: number; last: number }[];
  /** Where the table came from, for the notes: a file name, "Pasted table". */
  source: string;
  /** Whether to write every import note; without it, only notes that keep a cell in full are written. */
  keepNotes: boolean;
  /** Whether to write the table's checks sheet of HNB formulas (importChecksOperations) after its sheet. */
  checks?: boolean;
  /** The report date an action plan's checks judge overdue actions by (an Excel date); without it the cell is left to type. */
  reportDate?: number;
}

/**
 * The task pane's import of one table: the table's sheet, its checks sheet when asked for, and
 * the notes sheet. Lines outside every table (a title above it, a line between tables) are kept
 * on the notes sheet, quoted in full; so are cells the table kept only in a note, even when the
 * user chose not to keep the notes.
 */
export function importTableOperations(request: ImportRequest, existingSheets: string[], tableNames: string[]): { sheet: string; table: string; checksSheet: string | null; notesSheet: string | null; outside: ImportNote[]; operations: WorkbookOperation[] } {
  const { imported, grid, others, source, keepNotes } = request;
  const written = importOperations(imported, existingSheets, tableNames);
  const checks = request.checks
    ? importChecksOperations(imported, { sheet: written.sheet, table: written.table, rows: imported.rows.length }, [...existingSheets, written.sheet, NOTES_SHEET], request.reportDate === undefined ? {} : { reportDate: request.reportDate })
    : null;
  const sheets = [...existingSheets, written.sheet, ...(checks ? [checks.sheet] : [])];
  const operations = [...written.operations, ...(checks?.operations ?? [])];
  const outside = outsideNotes(grid, imported.span ? [{ span: imported.span }] : [], others).notes;
  const notes = [...(keepNotes ? imported.notes : imported.notes.filter((n) => n.kind === "kept" || n.keeps)), ...outside];
  const checksSheet = checks?.sheet ?? null;
  if (notes.length === 0 && !keepNotes) return { sheet: written.sheet, table: written.table, checksSheet, notesSheet: null, outside, operations };
  const notesSheet = notesOperations([{ table: { notes }, source }], sheets, [...tableNames, written.table]);
  return { sheet: written.sheet, table: written.table, checksSheet, notesSheet: notesSheet.sheet, outside, operations: [...operations, ...notesSheet.operations] };
}
