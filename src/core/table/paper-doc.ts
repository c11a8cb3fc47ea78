/**
 * The Schools Forum paper as one document: its title, its date, the headline, a section per
 * table, how the figures were read, and where they are in the workbook. The HTML for Word, the
 * Markdown and the Summary sheet are each a rendering of this one document, so they carry the
 * same sentences and figures (item 5 of the paper standard): nothing is worded or worked out in a
 * renderer.
 */

/** A table cell as every format shows it; the Summary sheet writes `value` with `format` where there is one. */
export interface PaperCell {
  /** What HTML, Markdown and the pane show. */
  text: string;
  /** The figure itself, for the sheet (the text is its formatting). */
  value?: number;
  /** Excel's number format for `value`. */
  format?: string;
  /** A RAG status: written as its word on its colour. */
  status?: boolean;
}

export interface PaperTableRow {
  cells: PaperCell[];
  /** A total or subtotal line: bold. */
  bold?: boolean;
  /** A heading line inside the table (a perspective, a section), across every column. */
  band?: boolean;
}

export type PaperBlock =
  | { kind: "heading"; level: 2 | 3; text: string }
  /** `strong`: a warning the reader must not miss; `small`: a note under a table. */
  | { kind: "paragraph"; text: string; style?: "strong" | "small" }
  | { kind: "list"; items: string[] }
  | {
      kind: "table";
      /** Column headings; a numeric column is right-aligned. */
      columns: { heading: string; numeric?: boolean }[];
      rows: PaperTableRow[];
    }
  | {
      /** A line chart of rows of the table just before it: the years are its column headings after the first. */
      kind: "chart";
      title: string;
      /** Rows of the previous table drawn as lines, with their names and colours. */
      series: { row: number; name: string; colour: string }[];
      categories: string[];
      values: number[][];
      /** How the axis shows a figure. */
      axis: (v: number) => string;
    };

export interface PaperDocument {
  title: string;
  blocks: PaperBlock[];
}

/** The heading of the part that says how the figures were read: what was guessed, out of line, or not read. */
export const HOW_READ = "How these figures were read";
/** The heading of the closing appendix: where each figure is in the workbook. */
export const WHERE = "Where the figures are";
/** Said in bold under the title where the paper states no date. */
export const NO_DATE = "No report date was given: statuses are as the workbook holds them.";
/** Every paper's title ends so: the Summary sheet is known by it, and a reader knows what it is. */
export const PAPER_SUFFIX = ": paper for Schools Forum";

/** Text as one line: a cell's line breaks and runs of spaces as single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The sentences of a document in order, as a reader sees them whatever the format: the title,
 * each heading, paragraph and list item, and each table row's cells joined by " | ". The three
 * renderers are compared on this.
 */
export function documentText(doc: PaperDocument): string[] {
  const out = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === "heading" || b.kind === "paragraph") out.push(b.text);
    else if (b.kind === "list") out.push(...b.items);
    else if (b.kind === "table") {
      out.push(b.columns.map((c) => c.heading).join(" | "));
      for (const r of b.rows) out.push(r.cells.map((c) => c.text).join(" | "));
    }
  }
  return out;
}
