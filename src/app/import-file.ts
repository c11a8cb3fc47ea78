import type { ImportNote, ImportedTable } from "../core/table";
import { importOperations, importSheetName, notesOperations } from "./import-sheet";
import type { WorkbookOperation } from "../port";

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

/**
 * The operations that write imported tables as a workbook of their own: one sheet per table and
 * the "Import notes" sheet last, with the same operations the task pane applies in Excel
 * (import-sheet.ts). `sources[i]` names where `tables[i]` came from (a file name), for the notes;
 * `outside` holds the notes keeping each input's lines outside its tables.
 */
export function importWorkbookOperations(tables: ImportedTable[], sources: string[], outside: readonly { notes: ImportNote[]; source: string }[] = []): { sheets: string[]; operations: WorkbookOperation[] } {
  if (sources.length !== tables.length) {
    throw new Error(`Each table needs its source: ${tables.length} tables but ${sources.length} sources.`);
  }
  const sheets: string[] = [];
  const tableNames: string[] = [];
  const operations: WorkbookOperation[] = [];
  for (const table of tables) {
    const written = importOperations(table, sheets, tableNames);
    sheets.push(written.sheet);
    tableNames.push(written.table);
    operations.push(...written.operations);
  }
  // Lines outside every table are kept on the notes sheet after the tables' own notes.
  const notes = [...tables.map((table, i) => ({ table: table as { notes: readonly ImportNote[] }, source: sources[i]! })), ...outside.map((o) => ({ table: { notes: o.notes }, source: o.source }))];
  operations.push(...notesOperations(notes, sheets, tableNames).operations);
  return { sheets, operations };
}

/** A new, empty workbook that can be written to a file: the xlsx adapter's, given by the caller. */
export interface FileWorkbook {
  apply(operations: WorkbookOperation[]): Promise<unknown>;
  save(path: string): Promise<unknown>;
}

/**
 * Writes imported tables as a new workbook (importWorkbookOperations) into `workbook`, a new
 * one from the xlsx adapter, and saves it: built in full, written beside `path` and renamed over
 * it, so a failure leaves no partial workbook behind. Resolves to the sheet each table was
 * written to, in order.
 */
export async function writeImportWorkbook(workbook: FileWorkbook, path: string, tables: ImportedTable[], sources: string[], outside: readonly { notes: ImportNote[]; source: string }[] = []): Promise<string[]> {
  const { sheets, operations } = importWorkbookOperations(tables, sources, outside);
  await workbook.apply(operations);
  await workbook.save(path);
  return sheets;
}
