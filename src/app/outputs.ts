import { findKeySheet, keySheetProblems, withWorkbookKey, type KeySheet, type SheetGrid, type Table } from "../core/table";
import { PAPER_SUFFIX, isComparisonTitle, type ReadOptions } from "../core/table";
import { TABLE_RULES, type TableRules } from "./rules";
import { finish, type Steps } from "./steps";

/**
 * Sheets the add-in writes for people to read, not tables of a plan: the Schools Forum summary,
 * the change log, import notes and the Checks template. They hold tables of their own (a status
 * count, a log with statuses in it), which the table reader would otherwise read as plans and
 * budgets: a second paper would count the first one's rows, and Check would judge the log.
 * Each is known by its first row, which the writers below take from here.
 */
export const PAPER_TITLE = "High Needs recovery plan: summary for Schools Forum";
export const CHECKS_TITLE = "Master check: checks failing";
export const CHANGE_LOG_HEADER = ["When", "Sheet", "Cell", "What", "Old value", "New value", "Why"] as const;
export const IMPORT_NOTES_HEADER = ["Source", "Location", "Kind", "Message"] as const;

const OUTPUTS: { what: string; matches: (firstRow: string[]) => boolean }[] = [
  // Papers made before their titles were the workbook's own began with PAPER_TITLE.
  { what: "the add-in’s summary for Schools Forum", matches: (row) => row[0] === PAPER_TITLE || (row[0] ?? "").endsWith(PAPER_SUFFIX) },
  { what: "the add-in’s comparison with the last paper", matches: (row) => isComparisonTitle(row[0] ?? "") },
  { what: "the add-in’s checks", matches: (row) => row[0] === CHECKS_TITLE },
  { what: "the add-in’s change log", matches: (row) => CHANGE_LOG_HEADER.every((h, i) => row[i] === h) },
  { what: "import notes", matches: (row) => IMPORT_NOTES_HEADER.every((h, i) => row[i] === h) },
];

/** What the add-in wrote this sheet as, in words ("the add-in’s change log"), or null for a user's sheet. */
export function addinOutput(grid: SheetGrid): string | null {
  const origin = grid.origin ?? { row: 0, column: 0 };
  if (origin.row !== 0 || origin.column !== 0) return null;
  const first = (grid.values[0] ?? []).map((v) => (typeof v === "string" ? v.trim() : ""));
  return OUTPUTS.find((o) => o.matches(first))?.what ?? null;
}

/** A sheet the reader failed on, and why: the other sheets are still read. */
export interface Unreadable {
  sheet: string;
  message: string;
}

export interface WorkbookTables {
  /** Every table found, in tab order, each without a key of its own given the key sheet's. */
  tables: Table[];
  /** Sheets the reader failed on. */
  unreadable: Unreadable[];
  /** The add-in's own sheets, passed over, with what each is. */
  skipped: { sheet: string; what: string }[];
  /** The workbook's RAG key sheet, if it has one that can be used. */
  keySheet: KeySheet | null;
  /** Sheets laid out as a RAG key that cannot be used, each with why. */
  keyProblems: { sheet: string; problem: string }[];
}

/**
 * The tables of a workbook's sheets as the pane and `hnb` both read them: the add-in's own sheets
 * passed over, every other sheet read (a sheet the reader fails on set aside and named, the rest
 * still read), and the workbook's key sheet given to each table without a key of its own.
 */
export function readWorkbookTables(grids: readonly SheetGrid[], options: ReadOptions = {}, rules: Pick<TableRules, "readTables"> = TABLE_RULES): WorkbookTables {
  return finish(readWorkbookTablesSteps(grids, options, rules));
}

/** `readWorkbookTables` a sheet at a time: a unit ends after each sheet. */
export function* readWorkbookTablesSteps(grids: readonly SheetGrid[], options: ReadOptions = {}, rules: Pick<TableRules, "readTables"> = TABLE_RULES): Steps<WorkbookTables> {
  const tables: Table[] = [];
  const unreadable: Unreadable[] = [];
  const skipped: { sheet: string; what: string }[] = [];
  for (const grid of grids) {
    const output = addinOutput(grid);
    if (output) {
      skipped.push({ sheet: grid.name, what: output });
      continue;
    }
    try {
      tables.push(...rules.readTables(grid, options));
    } catch (error) {
      unreadable.push({ sheet: grid.name, message: error instanceof Error ? error.message : String(error) });
    }
    yield;
  }
  const keySheet = findKeySheet(grids);
  return { tables: withWorkbookKey(tables, keySheet), unreadable, skipped, keySheet, keyProblems: keySheetProblems(grids) };
}
