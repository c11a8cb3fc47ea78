import type { LegendEntry } from "../leads";
import type { RagKey } from "../rag";

/**
 * A sheet's cells as the table reader sees them: pasted text split on tabs, a CSV, or a
 * worksheet's used range. Rows may be ragged. `fills` holds each cell's solid fill colour as
 * RGB hex ("#00B050") where the source has colours (xlsx), so colour-only RAG can be read.
 */
export interface SheetGrid {
  /** The sheet name used in locations: "Savings plan" gives "'Savings plan'!H12". */
  name: string;
  values: unknown[][];
  fills?: (string | null)[][];
  /** Where values[0][0] sits on the sheet, 0-based (a used range that starts at C5 is {row: 4, column: 2}). */
  origin?: { row: number; column: number };
}

export type TableKind = "action-plan" | "savings-plan" | "deficit";

/** What a column holds, once its header is understood. */
export type Field =
  | "ref"
  | "action"
  | "initiative"
  | "milestone"
  | "outcomes"
  | "aims"
  | "risks"
  | "lead"
  | "start"
  | "end"
  | "rag"
  | "progress"
  | "costs"
  | "savingsNote"
  | "priority"
  | "amount"
  | "total"
  | "label";

export interface ColumnMapping {
  /** 0-based column in the grid */
  index: number;
  header: string;
  field: Field;
  /** For amount columns: the start year of the financial year the header names (2024 for "24/25"). */
  year?: number;
  /** The synonym or rule that matched, for the import notes: "“Progress (RAG)” read as RAG status". */
  reason: string;
}

export type RowRole = "data" | "continuation" | "section" | "subtotal" | "total" | "unit" | "blank" | "note";

export interface Realignment {
  /** Values in header order after the proposed shift. */
  cells: unknown[];
  /** Columns moved: cells from `from` onwards move by `shift` (negative = left). */
  from: number;
  shift: number;
  /** The misfits that suggested it: 0-based columns whose cell broke the column's type. */
  misfits: number[];
}

export interface TableRow {
  /** 0-based row in the grid */
  index: number;
  role: RowRole;
  /** Cells as laid out, one per column of the grid (blanks as null). */
  cells: unknown[];
  fills: (string | null)[];
  /** The initiative (savings) or ref/action (action plan) this row belongs to, inherited by continuation rows. */
  group: string;
  /** The section heading above the row, if any. */
  section?: string;
  realignment?: Realignment;
}

export interface KeyLines {
  key: RagKey;
  /** 0-based grid rows the key was read from */
  rows: number[];
  /** How it was read: "status and description", "descriptions in key order", … */
  how: string;
}

export interface LegendLine {
  entries: LegendEntry[];
  row: number;
}

export interface Table {
  sheet: string;
  kind: TableKind;
  /** Why this kind: for the import notes and for "choose the kind if the guess is wrong". */
  kindReason: string;
  headerRow: number;
  /** 0-based grid rows of the unit row ("£000"), for deficit tables */
  unitRow?: number;
  unit?: "£" | "£000" | "£m";
  columns: ColumnMapping[];
  /** Headers the reader could not map (kept as they are). */
  unmapped: { index: number; header: string }[];
  rows: TableRow[];
  legend?: LegendLine;
  key?: KeyLines;
  /**
   * The workbook's own key sheet ("RAG Key": status, description, other words for it), for a
   * table with no key under it: set by `withWorkbookKey` once every sheet has been read.
   */
  workbookKey?: { key: RagKey; sheet: string };
  /** Lines of text under the table (footnotes, sources, approvals), kept for the import and the checks. */
  notes?: { row: number; text: string }[];
  /** The last grid row that belongs to the table, footer lines included. */
  lastRow: number;
  origin: { row: number; column: number };
}

export type Severity = "error" | "warning" | "info";

export type RuleId =
  | "rag.unknown"
  | "rag.missing"
  | "rag.colour-only"
  | "rag.colour-mismatch"
  | "rag.rollup"
  | "total.mismatch"
  | "amount.text"
  | "row.misaligned"
  | "corkscrew.balance"
  | "corkscrew.column"
  | "date.unreadable"
  | "date.inverted"
  | "date.overdue"
  | "date.due"
  | "transfer.cap"
  | "lead.unknown"
  | "lead.ambiguous";

/** Each rule in a few words, as a heading over its findings. */
export const RULE_TITLES: Record<RuleId, string> = {
  "rag.unknown": "Status not in the key",
  "rag.missing": "No status",
  "rag.colour-only": "Status shown only as a colour",
  "rag.colour-mismatch": "Fill colour and status disagree",
  "rag.rollup": "Summary status is not the worst of its rows",
  "total.mismatch": "Total does not add up",
  "amount.text": "Text where an amount should be",
  "row.misaligned": "Row out of line with its headings",
  "corkscrew.balance": "Deficit not carried forward",
  "corkscrew.column": "Year's deficit does not add up",
  "date.unreadable": "Date not understood",
  "date.inverted": "Ends before it starts",
  "date.overdue": "Overdue",
  "date.due": "Deadline just passed",
  "transfer.cap": "Schools Block transfer above 0.5%",
  "lead.unknown": "Lead not in the legend",
  "lead.ambiguous": "Lead initials match more than one person",
};

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** A1 reference with the sheet: "'Savings plan'!J13". */
  location: string;
  message: string;
  expected?: string | number;
  actual?: string | number;
}

export interface CheckOptions {
  /** The report date (Excel serial) for date.overdue; without it, overdue is not judged. */
  asOf?: number;
}

export type ColumnFormat = "text" | "money" | "date" | "status" | "number";

export interface ImportNote {
  /** Where in the source: "'action-plan-messy'!A13" */
  location: string;
  kind: "inferred" | "unread";
  message: string;
}

/** A table tidied for writing to a sheet: the import's output, whatever the writer (xlsx, Office). */
export interface ImportedTable {
  /** A sheet name to suggest, e.g. "Savings plan" (the writer makes it unique). */
  title: string;
  kind: TableKind;
  headers: string[];
  formats: ColumnFormat[];
  /** One row per data or continuation row: money as numbers, readable dates as serials, known statuses as the key's name; unreadable values kept as text. */
  rows: unknown[][];
  /** Lines kept below the table as laid out: the stated total row, then the legend and key lines. */
  footer: unknown[][];
  /** For money columns, the unit the figures are in ("£000" for a deficit table's unit row). */
  unit?: "£" | "£000" | "£m";
  notes: ImportNote[];
}

export interface ImportOptions {
  /** Apply the proposed realignment of misaligned rows (default: keep them as laid out, noted). */
  realign?: boolean;
}
