import type { LegendEntry } from "../leads";
import type { VarianceConvention } from "../budget";
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

export type TableKind = "action-plan" | "savings-plan" | "deficit" | "scorecard" | "budget";

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
  | "label"
  /** A scorecard's current performance or baseline. */
  | "current"
  /** A scorecard's targets, written with their years ("65% 2026; 80% 2027"): never an end date. */
  | "target"
  /** A scorecard's perspective (stakeholder, internal business, financial…). */
  | "perspective"
  /** What a scorecard indicator measures ("Tribunal appeals registered"). */
  | "measure"
  /** The year a scorecard's baseline is for. */
  | "baselineYear"
  /** A scorecard's target for one year, the year in its heading ("Target 2026/27"). */
  | "targetYear"
  /** The target for the year the status is judged against ("Target for 2025/26"). */
  | "targetNow"
  /** A scorecard's actual for a period, the period in its heading ("Actual Q2 2025/26"). */
  | "actual"
  /** Which way is better for an indicator: higher or lower. */
  | "direction"
  /** How far short of target still counts as Amber, as a share of the target. */
  | "tolerance"
  /** An indicator's trend in words. */
  | "trend"
  /** A budget line's code (section 251 numbering such as 1.2.3). */
  | "code"
  /** Budget measures, one per column: the budget, the forecast or actual outturn, the variance between them. */
  | "budget"
  | "outturn"
  | "variance"
  | "variancePercent"
  /** Last year's figure, for comparison. */
  | "previous"
  /** One DSG block's figures (Schools, High Needs, Early Years, Central School Services). */
  | "block"
  /** One scenario's figures ("Forecast with recovery actions"). */
  | "scenario";

export interface ColumnMapping {
  /** 0-based column in the grid */
  index: number;
  header: string;
  field: Field;
  /** For amount columns: the start year of the financial year the header names (2024 for "24/25"). */
  year?: number;
  /** The synonym or rule that matched, for the import notes: "“Progress (RAG)” read as RAG status". */
  reason: string;
  /** A heading the reader gave a column the paper left unheaded ("Objective"): a guess, shown as one. */
  named?: string;
  /**
   * The column's cells are not what its heading says: a "Progress (RAG)" column of notes read as
   * progress, a "Target" column of targets read as targets rather than end dates.
   */
  retyped?: { from: Field; cells: number; of: number; why: string };
}

/** A column in the heading row's span with no heading, holding cells all the same. */
export interface UnmappedColumn {
  index: number;
  header: string;
  /** True when the heading cell is empty: the column is kept under a heading that says so. */
  unheaded?: boolean;
}

/** "wrapped": a line holding only the end of cells above it, a line a PDF or Word wrapped. */
export type RowRole = "data" | "continuation" | "section" | "subtotal" | "total" | "unit" | "blank" | "note" | "wrapped";

/** One value the reader put somewhere other than where it was laid out, or made from parts of cells. */
export interface CellMove {
  /** 0-based grid columns the value came from: two or three for a date a PDF cut across cells. */
  from: number[];
  /** The 0-based grid column it is put in. */
  to: number;
  /** The value as put there: a split cell's part, a cut date's pieces joined. */
  value: unknown;
  /** "moved" as it was; "split" a part of a cell holding two things; "joined" pieces put back together. */
  how: "moved" | "split" | "joined";
}

export interface Realignment {
  /** The row's values by grid column once every cell is in the column that fits it. */
  cells: unknown[];
  /** Each value that moved, was split from a cell, or was joined from pieces, in column order. */
  moves: CellMove[];
  /** The misfits that suggested it: 0-based columns whose cell broke the column's type. */
  misfits: number[];
  /** Set when the placement rests on a guess the user must confirm (a date put back from pieces). */
  guess?: string;
}

/** The end of a cell carried on a line of its own (wrapped by a PDF), joined back to its cell. */
export interface Wrapped {
  /** 0-based grid row of the line holding the fragment */
  row: number;
  column: number;
  text: string;
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
  /** Out of line, but with too many cells to work out where each belongs (align.MAX_PLACEMENTS): left as it is. */
  notRealigned?: { cells: number };
  /** Fragments from lines under this row that finish its cells (role "wrapped" lines). */
  wrapped?: Wrapped[];
  /** For a "wrapped" line: the grid row whose cells it finishes. */
  continues?: number;
}

export interface KeyLines {
  key: RagKey;
  /** 0-based grid rows the key was read from */
  rows: number[];
  /** How it was read: "status and description", "descriptions in key order", … */
  how: string;
  /** For descriptions wrapped over several lines: each status's grid rows. */
  lineRows?: number[][];
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
  /** Every grid row the heading was read from, when it was wrapped over more than one. */
  headingRows?: number[];
  /** 0-based grid rows of the unit row ("£000"), for deficit tables */
  unitRow?: number;
  unit?: "£" | "£000" | "£m";
  columns: ColumnMapping[];
  /** Headers the reader could not map, and unheaded columns holding cells (kept as they are). */
  unmapped: UnmappedColumn[];
  rows: TableRow[];
  legend?: LegendLine;
  key?: KeyLines;
  /**
   * The workbook's own key sheet ("RAG Key": status, description, other words for it), for a
   * table with no key under it: set by `withWorkbookKey` once every sheet has been read.
   */
  workbookKey?: { key: RagKey; sheet: string };
  /** Lines of text under the table (footnotes, sources, approvals), kept for the import and the checks. */
  notes?: { row: number; text: string; rows?: number[] }[];
  /**
   * Lines under the table that read as a RAG key's descriptions whose colour names were lost and
   * that match no key the reader knows: kept as notes, never made into a key of invented statuses.
   */
  colourlessKey?: { rows: number[]; lines: string[] };
  /** The last grid row that belongs to the table, footer lines included. */
  lastRow: number;
  /** The cells, as laid out, of the lines read from outside the rows (heading, legend, key, notes, units). */
  lineCells?: Record<number, unknown[]>;
  origin: { row: number; column: number };
  /**
   * For a table read by its shape (a reserve, a movement, a budget by block, EHCP numbers): what
   * each total adds up, by 0-based grid row, as its arithmetic found it. The import's checks
   * sheet checks exactly these.
   */
  shapeSums?: { kind: "subtotal" | "total"; row: number; parts: number[] }[];
  /** The kind its shape showed, where the import writes it in the budget layout. */
  shapeKind?: string;
  /** Its figures are counts or a mix of units, not money: written as plain numbers. */
  plainFigures?: boolean;
  /**
   * Heading lines (0-based grid rows) whose cells do not stand over the columns they head (a
   * heading without its corner cell): quoted in full in the import notes, as pasted.
   */
  headingsAsPasted?: number[];
  /**
   * A table read by its shape with no heading line at all (a list of figures copied without its
   * headings): the import names its columns itself, and says so as something to check.
   */
  headless?: true;
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
  | "lead.ambiguous"
  | "rag.colours-lost"
  | "row.wrapped"
  | "cell.beyond"
  | "column.unheaded"
  | "ref.duplicate"
  | "target.unreadable"
  | "target.measures"
  | "kpi.no-actual"
  | "kpi.target-missed"
  | "kpi.out-of-range"
  | "grant.too-large"
  | "grant.year"
  | "grant.missing"
  | "sources.differ"
  | "variance.mismatch"
  | "movement.mismatch"
  | "crossfoot.mismatch"
  | "balance.mismatch"
  | "figures.precision"
  | "ehcp.breakdowns";

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
  "rag.colours-lost": "Statuses lost with their colours",
  "row.wrapped": "Line that finishes the row above",
  "cell.beyond": "Cell past the last heading",
  "column.unheaded": "Column with no heading",
  "ref.duplicate": "Reference used twice",
  "target.unreadable": "Target not understood",
  "target.measures": "Targets for more than one measure in a cell",
  "kpi.no-actual": "No actual for the latest period",
  "kpi.target-missed": "Target year passed, target not met",
  "kpi.out-of-range": "Percentage outside 0–100%",
  "grant.too-large": "Stability Grant above its share of the eligible deficit",
  "grant.year": "Stability Grant in another year than it is paid",
  "grant.missing": "Deficit at 31 March 2026 with no Stability Grant line",
  "sources.differ": "Deficit differs between sources",
  "variance.mismatch": "Variance is not outturn less budget",
  "movement.mismatch": "Movement is not the latest less the previous",
  "crossfoot.mismatch": "Table does not cross-foot",
  "balance.mismatch": "Balance not carried down",
  "figures.precision": "Figures given to different precision",
  "ehcp.breakdowns": "EHCPs by age group and by primary need disagree",
};

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** A1 reference with the sheet: "'Savings plan'!J13". */
  location: string;
  message: string;
  expected?: string | number;
  actual?: string | number;
  /** The cell as written, where the message is about a cell it does not quote first (a due date beside a status). */
  cell?: string;
}

export interface CheckOptions {
  /** The report date (Excel serial) for date.overdue; without it, overdue is not judged. */
  asOf?: number;
}

export type ColumnFormat = "text" | "money" | "date" | "status" | "number";

/**
 * "attention": a person should look (a row put back in line, a guess, statuses lost with their
 * colours); "unread": a value kept as typed because it could not be read; "inferred": what the
 * reader worked out; "kept": a cell with no place in the table, kept here in full.
 */
export type ImportNoteKind = "attention" | "unread" | "inferred" | "kept";

export interface ImportNote {
  /** Where in the source: "'action-plan-messy'!A13" */
  location: string;
  kind: ImportNoteKind;
  message: string;
  /** Set when the note is the only place a source cell is kept in full: written even when the notes are not wanted. */
  keeps?: boolean;
}

/** Where an imported table put a source cell: the conservation record behind "nothing is lost". */
export type KeptAt =
  | { area: "headers"; column: number }
  | { area: "rows" | "footer"; row: number; column: number }
  | { area: "notes"; note: number };

export interface KeptCell {
  /** 0-based grid row and column of the source cell. */
  row: number;
  column: number;
  to: KeptAt;
}

/** A table tidied for writing to a sheet: the import's output, whatever the writer (xlsx, Office). */
export interface ImportedTable {
  /** A sheet name to suggest, e.g. "Savings plan" (the writer makes it unique). */
  title: string;
  kind: TableKind;
  /** The kind its shape showed, for a table read by its shape and written in the budget layout ("ehcp-numbers"). */
  shapeKind?: string;
  headers: string[];
  formats: ColumnFormat[];
  /** One row per data or continuation row: money as numbers, readable dates as serials, known statuses as the key's name; unreadable values kept as text. */
  rows: unknown[][];
  /** Lines kept below the table as laid out: the stated total row, then the legend and key lines. */
  footer: unknown[][];
  /** For money columns, the unit the figures are in ("£000" for a deficit table's unit row). */
  unit?: "£" | "£000" | "£m";
  /** Needing a person first, then what could not be read, what was inferred, and cells kept only here. */
  notes: ImportNote[];
  /** Where every non-blank cell of the table's rows in the source went (set by importTable). */
  kept?: KeptCell[];
  /** Grid rows the table took in, first to last: cells outside them are the caller's to keep. */
  span?: { first: number; last: number };
  /**
   * What each written column was read as, beside `headers` (null for a column the reader did not
   * place), so a writer can put formulas over the right columns (set by importTable).
   */
  fields?: (Field | null)[];
  /** For each amount column, the start year of the financial year its heading names, else null (set by importTable). */
  years?: (number | null)[];
  /**
   * A deficit table's corkscrew as indexes into `rows`: brought forward, the movements between it
   * and carried forward, and the recovery plan's impact row under them (set by importTable when
   * the table has both balances).
   */
  corkscrew?: { broughtForward: number; carriedForward: number; movements: number[]; impact?: number };
  /** For a budget table, what each written row is: a line, a section heading, a subtotal or a total. */
  budgetRows?: ("line" | "section" | "subtotal" | "total")[];
  /** For a budget table, which written rows add up to which (indexes into `rows`): see budgetSums. */
  sums?: { kind: "subtotal" | "total" | "net" | "closing"; row: number; parts: number[] }[];
  /** For a budget table with budget, outturn and variance: the sign convention its lines follow. */
  convention?: VarianceConvention;
  /** Decimal places the figures were given to, where more than none (a £m table's 7.45). */
  decimals?: number;
  /** The key's statuses, best first, for a drop-down on the status column (set by importTable when the table has one). */
  statuses?: string[];
  /** Columns of HNB formulas, one formula per row (sheet rows from 2), written after the values (a scorecard's). */
  formulas?: { column: number; formulas: string[] }[];
  /** Cells of a row whose figures take the row's unit (a scorecard's percentages, £ and counts). */
  figureCells?: { row: number; columns: number[]; unit: "%" | "£" | "count" | null }[];
}

export interface ImportOptions {
  /** Apply the proposed realignment of misaligned rows (default: keep them as laid out, noted). */
  realign?: boolean;
  /** The report date (an Excel date): a scorecard's statuses are judged for its financial year. */
  asOf?: number;
}
