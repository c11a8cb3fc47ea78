import type { SheetGrid } from "../core/table";
import { trimEndWhile } from "../core";

/**
 * The one way the add-in touches a workbook, whatever holds it: Excel through Office.js
 * (office adapter), a file through exceljs (xlsx adapter, the command line's), or plain memory
 * (tests and the task pane's browser preview).
 *
 * Reads come back in one batch; writes are a list of operations applied together. That shape
 * lets the Office adapter keep to a fixed number of round trips (`context.sync()`) however many
 * rows a command touches, and lets the task pane show a change before it is made.
 *
 * Addresses are A1 references within a sheet ("B2", "B2:F8"); sheets are named separately.
 */
export interface WorkbookPort {
  /** Sheets in tab order, with their tables and used ranges. */
  listSheets(): Promise<SheetInfo[]>;
  /**
   * Used ranges as grids (values, number formats and fill colours); every sheet when none are
   * named. A read given a signal stops at the next round trip once the signal is aborted: no
   * further `context.sync()` is started, and the read rejects with ReadCancelled.
   */
  readSheets(names?: string[], options?: ReadOptions): Promise<SheetRead[]>;
  /** Applies the operations in order and says what each did. Nothing is applied if one is invalid. */
  apply(operations: WorkbookOperation[]): Promise<ApplyReport>;
  /** Selects a cell or range, as clicking a finding does. */
  select(sheet: string, address: string): Promise<void>;
  /**
   * Calls `onChange` whenever someone edits a cell of any sheet, where the workbook can say so
   * (Excel); resolves to a function that stops watching. Adapters over files and memory have no
   * one else editing them and leave it out.
   */
  watchChanges?(onChange: () => void): Promise<() => Promise<void>>;
}

export interface ReadOptions {
  /** Aborted when the read is no longer wanted (Cancel, or a newer read taking its place). */
  signal?: AbortSignal;
}

/** A read stopped because its signal was aborted: nothing more was asked of the workbook. */
export class ReadCancelled extends Error {
  constructor() {
    super("The read was cancelled.");
    this.name = "ReadCancelled";
  }
}

/** Throws ReadCancelled when `signal` has been aborted: called before each round trip of a read. */
export function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ReadCancelled();
}

export interface TableInfo {
  name: string;
  /** "A1:M13", headers included */
  address: string;
  headers: string[];
}

export interface SheetInfo {
  name: string;
  /** "A1:M20", or null for an empty sheet */
  usedRange: string | null;
  tables: TableInfo[];
}

export interface SheetRead extends SheetGrid {
  /** Number format of each cell of the used range ("General", "£#,##0;(£#,##0)"). */
  numberFormats: string[][];
  /** Formulas where cells hold them ("=HNB.RAG(F2)"), else null. */
  formulas: (string | null)[][];
}

/** A fill or font colour as "#RRGGBB". */
export type Colour = string;

export type WorkbookOperation =
  | { kind: "addSheet"; name: string }
  | {
      kind: "write";
      sheet: string;
      /** Top-left cell of the block. */
      at: string;
      /** Rows of values. A string starting "=" is written as a formula only when `formulas` is true. */
      values: unknown[][];
      formulas?: boolean;
      /** One number format per column of the block, or one for every cell. */
      numberFormats?: string[] | string;
      /**
       * The table this write adds rows or columns to, when it writes against one on purpose:
       * without it, a write in the row under or the column beside a table is refused, since
       * Excel would grow the table to take it in.
       */
      extendsTable?: string;
    }
  | { kind: "numberFormat"; sheet: string; range: string; format: string }
  | { kind: "fill"; sheet: string; range: string; colour: Colour | null }
  | { kind: "font"; sheet: string; range: string; bold?: boolean; colour?: Colour; italic?: boolean }
  | { kind: "columnWidths"; sheet: string; widths: { column: string; width: number }[] }
  /** Wrap long text onto several lines within each cell, aligned to the top of the cell. */
  | { kind: "wrap"; sheet: string; range: string }
  | { kind: "addTable"; sheet: string; range: string; name: string; style?: string }
  | {
      kind: "conditionalFill";
      sheet: string;
      range: string;
      /** Fill cells whose text equals `text` (case ignored). */
      text: string;
      fill: Colour;
      font?: Colour;
    }
  | { kind: "listValidation"; sheet: string; range: string; /** "=RAGKey" or a range, or a list of values */ source: string | string[] }
  | { kind: "namedRange"; name: string; sheet: string; range: string }
  | {
      kind: "lineChart";
      sheet: string;
      /** Where the chart's top-left corner sits. */
      at: string;
      title: string;
      /** Category labels (years) as a row range, and one row range per series with its name. */
      categories: string;
      series: { name: string; values: string }[];
    }
  | { kind: "freeze"; sheet: string; rows: number; columns?: number };

export interface ApplyReport {
  /** Per operation, in order: what changed, in words a finance officer reads ("Wrote 12 rows to Savings plan!A1:M13"). */
  changes: string[];
  /** Sheets created, with their final names (a name in use gets " (2)"). */
  sheetsAdded: string[];
}

const MAX_SHEET_NAME = 31;

/**
 * A sheet name Excel accepts: at most 31 characters, none of `[ ] : * ? / \` or control
 * characters, no leading or trailing apostrophe, not blank, and not "History", which Excel reserves.
 */
export function validSheetName(name: string): string {
  let base = name
    // eslint-disable-next-line no-control-regex -- Excel refuses control characters in sheet names.
    .replace(/[\u0000-\u001f[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+/, "");
  base = trimEndWhile(base, (c) => c === "'").trim();
  if (base === "") base = "Table";
  else if (base.toLowerCase() === "history") base = `${base} table`;
  return truncate(base, MAX_SHEET_NAME);
}

/** A valid sheet name not yet in use (Excel compares them ignoring case): "Savings plan", then "Savings plan (2)". */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  const base = validSheetName(wanted);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = truncate(base, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  return name;
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  // Never cut a surrogate pair in half: Excel would refuse the name.
  const cut = text.slice(0, length);
  return trimEndWhile((/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd(), (c) => c === "'");
}


/**
 * A write that Excel stopped part-way: some changes made, perhaps one in part, the rest not.
 * Its message says which, in the change log's words; callers must not say "nothing was changed".
 */
export class WriteStopped extends Error {
  constructor(
    message: string,
    readonly made: readonly string[],
    readonly partly: readonly string[],
    readonly notMade: readonly string[],
  ) {
    super(message);
    this.name = "WriteStopped";
  }
}
