import type { CellKind, TypedCell } from "./typed";
import type { FigureCheck, ShapeKind } from "./types";

/** A figure column as the kinds see it when they weigh a band. */
export interface ColumnEvidence {
  /** 0-based position among the figure columns. */
  readonly index: number;
  readonly heading: string;
  /** The meaning the shared vocabulary gave it ("budget", "year:2025/26", "variance", …). */
  readonly meaning: string;
  /** What its cells hold, counted. */
  readonly kinds: Readonly<Partial<Record<CellKind, number>>>;
}

/** What a band shows, for each kind to weigh. All text lower-cased. */
export interface Evidence {
  /** Titles and notes above the table and the text around it. */
  readonly context: string;
  /** The heading rows joined. */
  readonly headings: string;
  /** The labels of the data rows. */
  readonly labels: readonly string[];
  /** The headings, the text around the table and its labels, joined once for the kinds to weigh. */
  readonly text: string;
  /** The section rows inside the table ("Early Years Block:", "Children's Services"). */
  readonly sections: readonly string[];
  readonly columns: readonly ColumnEvidence[];
  /** Cells of the data rows outside the label column, counted by kind. */
  readonly counts: Readonly<Partial<Record<CellKind, number>>>;
  /** Figures written with £ or a £ heading over them. */
  readonly money: boolean;
  /** Every figure a whole number with no £. */
  readonly wholeNumbers: boolean;
  /** Figure columns headed by a year. */
  readonly yearColumns: number;
  /** No figure in the band: rows of text. */
  readonly textOnly: boolean;
  readonly dataRows: number;
}

export interface Fit {
  /** 0 (does not fit) upwards; the best wins. */
  readonly score: number;
  readonly reasons: readonly string[];
}

/** A table as a kind's own checks see it: its rows with their typed cells, and its figure columns (0-based). */
export interface KindTable {
  readonly rows: readonly { readonly line: number; readonly label: string; readonly role: string; readonly cells: readonly TypedCell[] }[];
  readonly columns: readonly { readonly col: number; readonly heading: string; readonly meaning: string }[];
}

/** A figure a kind's own rule works out and compares with the one stated. */
export interface KindCheck extends FigureCheck {
  /** The rule's id: "movement" (latest less previous). Its column is 0-based in a KindTable, 1-based in a Reading. */
  readonly rule: string;
  /** How it was worked out, in words: "“Latest forecast” less “Previous forecast”". */
  readonly how: string;
}

/** A kind of table: how well a band fits it, what its columns mean in it, and its own checks. */
export interface KindRule {
  readonly kind: ShapeKind;
  /** How a person would name it: "a budget by DSG block". */
  readonly name: string;
  /** Its section's heading in the paper ("DSG reserve and balances"). */
  readonly paperTitle: string;
  /** The sheet an import writes it to ("Reserve"). */
  readonly sheetTitle: string;
  fit(evidence: Evidence): Fit;
  /** The meaning a column takes in this kind, where it differs from the shared vocabulary's. */
  meaning?(column: ColumnEvidence, count: number): string | undefined;
  /** Checks only this kind has (a movement is the latest less the previous): the shared arithmetic runs for every kind. */
  check?(table: KindTable): KindCheck[];
  /**
   * Its totals are only rows whose words say total (or average), each adding the rows since the
   * last total or heading row: small counts by group (children by need) add up to another row by
   * chance too often.
   */
  readonly wordedTotals?: boolean;
}

const global = new WeakMap<RegExp, RegExp>();

/** How often a pattern occurs in a text, up to three times. */
function occurrences(pattern: RegExp, text: string): number {
  let g = global.get(pattern);
  if (!g) global.set(pattern, (g = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`)));
  g.lastIndex = 0;
  let n = 0;
  while (n < 3 && g.exec(text)) n++;
  return n;
}

/**
 * Adds to a score for each pattern the text matches, with the reason said once; a word a paper
 * comes back to (three times or more) weighs half as much again.
 */
export function weigh(text: string, cues: ReadonlyArray<readonly [RegExp, number, string]>): Fit {
  let score = 0;
  const reasons: string[] = [];
  for (const [pattern, weight, reason] of cues) {
    const n = occurrences(pattern, text);
    if (n > 0) {
      score += weight * (1 + 0.25 * (n - 1));
      reasons.push(reason);
    }
  }
  return { score, reasons };
}

/** Two fits added together. */
export function plus(a: Fit, b: Fit): Fit {
  return { score: a.score + b.score, reasons: [...a.reasons, ...b.reasons] };
}

/** How many labels name a DSG block. */
export function blockLabels(labels: readonly string[]): number {
  let n = 0;
  for (const l of labels) if (/\b(?:schools block|early years(?: block)?|high needs(?: block)?|central schools? services?(?: block)?|cssb|de-?delegat|central school services)\b/.test(l)) n++;
  return n;
}
