import type { ImportOptions, ImportedTable, Table } from "./types";

/** A table tidied for writing. (Being written: see issue 3.) */
export function importTable(table: Table, options: ImportOptions = {}): ImportedTable {
  void table;
  void options;
  throw new Error("importTable is not written yet");
}
