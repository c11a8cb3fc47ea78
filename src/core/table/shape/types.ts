import type { KindCheck } from "./kind-rule";
import type { TypedCell, Unit } from "./typed";

/** The kinds of table the reader knows (the corpus's vocabulary). */
export type ShapeKind =
  | "action-plan"
  | "savings-plan"
  | "deficit"
  | "budget-lines"
  | "budget-by-block"
  | "movement"
  | "reserve"
  | "scorecard"
  | "ehcp-numbers"
  | "other";

export const SHAPE_KINDS: readonly ShapeKind[] = ["action-plan", "savings-plan", "deficit", "budget-lines", "budget-by-block", "movement", "reserve", "scorecard", "ehcp-numbers", "other"];

export type ShapeRole = "data" | "subtotal" | "total" | "section" | "note" | "heading";

/** A line of the input with its cells typed. Columns are 0-based here, 1-based in a Reading. */
export interface TypedLine {
  /** 1-based, as the sheet or the pasted text numbers it. */
  readonly line: number;
  readonly cells: readonly TypedCell[];
  /** Cells the line had as pasted, blanks included: fewer than the table is wide means blanks were dropped. */
  readonly width: number;
  /** A line the person who copied the table marked as a note (`# …`). */
  readonly comment: boolean;
  /** The amount at the end of a one-cell line was split off into a cell of its own. */
  readonly split: boolean;
  /** A rule of dashes under a heading ("--- | ---"), as a data preview prints it. */
  readonly rule: boolean;
  /** Read back out of a table run into one line of text. */
  readonly run?: boolean;
}

/** A figure column, numbered as the table intends (a heading without its corner cell is put right). */
export interface FigureColumn {
  readonly col: number;
  readonly heading: string;
  readonly meaning: string;
  readonly unit?: Unit;
}

export interface ReadRow {
  readonly line: number;
  readonly label: string;
  readonly role: ShapeRole;
  /** Why it has that role, where it is not plain data. */
  readonly why?: string;
}

export interface TotalCheck extends FigureCheck {
  /** What it adds: the rows since the last total, everything above, or the rows under it. */
  readonly of: "block" | "above" | "below" | "text";
  readonly lines: readonly number[];
  /** Where the gap is a multiple of 9 and under a tenth of the total: digits swapped. */
  readonly transposition?: boolean;
}

/** A figure a table states and the figure its arithmetic gives, at a row and column. */
export interface FigureCheck {
  readonly line: number;
  /** The row's label (a line run together from several rows holds several). */
  readonly label?: string;
  readonly col: number;
  /** The cell as pasted ("D9"): where a finding points. */
  readonly cell?: string;
  readonly stated: number;
  readonly computed: number;
  readonly agrees: boolean;
}

/** A row across to its total column. */
export type CrossFoot = FigureCheck;

export interface VarianceCheck extends FigureCheck {
  readonly convention: "outturn-budget" | "budget-outturn";
  /** The columns it is the difference of (1-based, as the figure columns number them). */
  readonly of?: { readonly budget: number; readonly outturn: number };
}

/** How the add-in reads one table: what `hnb read --json` prints, and what every consumer reads. */
export interface Reading {
  readonly sheet: string;
  readonly kind: ShapeKind;
  /** Why that kind: the reasons of the kind that fitted best, or that the user chose it. */
  readonly why: readonly string[];
  readonly unit: Unit | "mixed";
  readonly headingRows: readonly number[];
  readonly labelColumn: number;
  readonly figureColumns: readonly FigureColumn[];
  readonly rows: readonly ReadRow[];
  readonly totals: readonly TotalCheck[];
  readonly crossFoot: readonly CrossFoot[];
  readonly variances: readonly VarianceCheck[];
  /** What the kind's own rules work out (a movement, latest less previous). */
  readonly kindChecks: readonly KindCheck[];
  readonly notes: readonly string[];
  /** The lines the table spans, headings included. */
  readonly firstLine: number;
  readonly lastLine: number;
  /**
   * The typed cells of each row of figures, placed on the table's columns (0-based), keyed by the
   * row's place in `rows` (a line run together from several rows holds several).
   */
  readonly cells: ReadonlyMap<number, readonly TypedCell[]>;
  /** For a row whose cells were moved: the column each placed cell was pasted in (0-based, -1 none). */
  readonly placements: ReadonlyMap<number, readonly number[]>;
  /** Some rows were read back out of a table run into one line of text. */
  readonly reconstructed: boolean;
}
