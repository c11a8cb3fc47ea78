import type { ImportNote, ImportedTable } from "../core/table";
import { importChecksOperations } from "./import-checks";
import { importOperations, importSheetName, notesOperations } from "./import-sheet";
import type { WorkbookOperation } from "../port";
import { NOTES_SHEET } from "./import-sheet";

export { NOTES_SHEET } from "./import-sheet";

/**
 * Sheet names for tables with these titles, in order, as `writeImportWorkbook` names them:
 * Excel-valid and unique ignoring case, never the import-notes sheet's name.
 */
export function sheetNamesFor(titles: string[]): string[] {
  const taken: string[] = [];
  return titles.map((title) => {
    const name = importSheetName(title, taken);
    taken.push(name);
    return name;
  });
}

export interface ImportWorkbookOptions {
  /** Write each table's checks sheet (importChecksOperations) straight after the table's sheet. */
  checks?: boolean;
  /** The report date an action plan's checks judge overdue actions by (an Excel date). */
  reportDate?: number;
}

/**
 * The operations that write imported tables as a workbook of their own: one sheet per table, each
 * followed by its checks sheet when asked for, and the "Import notes" sheet last, with the same
 * operations the task pane applies in Excel (import-sheet.ts, import-checks.ts). `sources[i]`
 * names where `tables[i]` came from (a file name), for the notes; `outside` holds the notes
 * keeping each input's lines outside its tables.
 */
export function importWorkbookOperations(tables: ImportedTable[], sources: string[], outside: readonly { notes: ImportNote[]; source: string }[] = [], options: ImportWorkbookOptions = {}): { sheets: string[]; checksSheets: (string | null)[]; operations: WorkbookOperation[] } {
  if (sources.length !== tables.length) {
    throw new Error(`Each table needs its source: ${tables.length} tables but ${sources.length} sources.`);
  }
  const sheets: string[] = [];
  const checksSheets: (string | null)[] = [];
  const taken: string[] = [];
  const tableNames: string[] = [];
  const operations: WorkbookOperation[] = [];
  for (const table of tables) {
    const written = importOperations(table, taken, tableNames);
    sheets.push(written.sheet);
    taken.push(written.sheet);
    tableNames.push(written.table);
    operations.push(...written.operations);
    const checks = options.checks ? importChecksOperations(table, { sheet: written.sheet, table: written.table, rows: table.rows.length }, [...taken, NOTES_SHEET], options.reportDate === undefined ? {} : { reportDate: options.reportDate }) : null;
    checksSheets.push(checks?.sheet ?? null);
    if (checks) {
      taken.push(checks.sheet);
      operations.push(...checks.operations);
    }
  }
  // Lines outside every table are kept on the notes sheet after the tables' own notes.
  const notes = [...tables.map((table, i) => ({ table: table as { notes: readonly ImportNote[] }, source: sources[i]! })), ...outside.map((o) => ({ table: { notes: o.notes }, source: o.source }))];
  operations.push(...notesOperations(notes, taken, tableNames).operations);
  return { sheets, checksSheets, operations };
}

/** A new, empty workbook that can be written to a file: the xlsx adapter's, given by the caller. */
export interface FileWorkbook {
  apply(operations: WorkbookOperation[]): Promise<unknown>;
  save(path: string): Promise<unknown>;
}

export interface WriteImportOptions extends ImportWorkbookOptions {
  /** Called once the workbook is built and before it is saved: `hnb import` works out the HNB formulas here. */
  beforeSave?: () => void;
}

/**
 * Writes imported tables as a new workbook (importWorkbookOperations) into `workbook`, a new
 * one from the xlsx adapter, and saves it: built in full, written beside `path` and renamed over
 * it, so a failure leaves no partial workbook behind. Resolves to the sheet each table was
 * written to, in order, and each table's checks sheet (null where it has none).
 */
export async function writeImportWorkbook(workbook: FileWorkbook, path: string, tables: ImportedTable[], sources: string[], outside: readonly { notes: ImportNote[]; source: string }[] = [], options: WriteImportOptions = {}): Promise<{ sheets: string[]; checksSheets: (string | null)[] }> {
  const { sheets, checksSheets, operations } = importWorkbookOperations(tables, sources, outside, options);
  await workbook.apply(operations);
  options.beforeSave?.();
  await workbook.save(path);
  return { sheets, checksSheets };
}
