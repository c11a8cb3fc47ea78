/**
 * The Schools Forum paper from a workbook's tables, as the pane's Paper and `hnb summary` both
 * build it: every table read (the add-in's own sheets passed over) and summed up once.
 */
import { buildSummary, type PaperSummary, type SheetGrid, type Table } from "../core/table";
import { readWorkbookTables, type Unreadable } from "./outputs";
import { TABLE_RULES, type TableRules } from "./rules";

export interface Paper {
  tables: Table[];
  unreadable: Unreadable[];
  summary: PaperSummary;
}

export function paperOf(grids: readonly SheetGrid[], rules: Pick<TableRules, "readTables"> = TABLE_RULES): Paper {
  const { tables, unreadable } = readWorkbookTables(grids, {}, rules);
  return { tables, unreadable, summary: buildSummary(tables) };
}
