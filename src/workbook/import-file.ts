import type { ImportedTable } from "../core/table/types";
import { importOperations, importSheetName, notesOperations } from "./import-sheet";
import type { WorkbookOperation } from "./port";
import { XlsxWorkbook } from "./xlsx";

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
 * Writes imported tables as a new workbook, one sheet per table and the "Import notes" sheet
 * last, with the same operations the task pane applies in Excel (import-sheet.ts), through the
 * xlsx adapter. `sources[i]` names where `tables[i]` came from (a file name), for the notes. The
 * file is built in full, written beside `path` and renamed over it: a failure leaves no partial
 * workbook behind. Resolves to the sheet each table was written to, in order.
 */
export async function writeImportWorkbook(path: string, tables: ImportedTable[], sources: string[]): Promise<string[]> {
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
  operations.push(...notesOperations(tables.map((table, i) => ({ table, source: sources[i]! })), sheets, tableNames).operations);
  const workbook = await XlsxWorkbook.create();
  await workbook.apply(operations);
  await workbook.save(path);
  return sheets;
}
