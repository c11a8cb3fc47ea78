import { checkTables, importTable, readTables } from "../core/table";

/**
 * The table rules the use cases run: reading tables, checking them, importing them. Given to a
 * use case rather than imported by it, so that a front end's tests can put their own in (the
 * command line's tests give fakes that say what was asked of them).
 */
export interface TableRules {
  readTables: typeof readTables;
  checkTables: typeof checkTables;
  importTable: typeof importTable;
}

export const TABLE_RULES: TableRules = { readTables, checkTables, importTable };
