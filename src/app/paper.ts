/**
 * The Schools Forum paper from a workbook's tables, as the pane's Paper and `hnb summary` both
 * build it: every table read (the add-in's own sheets passed over) and summed up once, with the
 * date it is "as at", its title as the workbook gives it, and what could not be read.
 */
import { HOW_READ, WHERE, comparePapers, ehcpPlacements, paperDocument, sinceBlocks, type PaperDocument } from "../core/table";
import { buildSummary, findReportDate, reportDateSource, shapeSummary, workbookTitle, type PaperOptions, type PaperSummary, type Reading, type RowLabels, type ShapeKind, type SheetGrid, type Table } from "../core/table";
import { readTablesAsSteps } from "./check";
import { finish, type Steps } from "./steps";
import { formatDate } from "../core";
import { type Unreadable } from "./outputs";
import { TABLE_RULES, type TableRules } from "./rules";

export interface Paper {
  tables: Table[];
  unreadable: Unreadable[];
  summary: PaperSummary;
  /** "As at 31 March 2025", the date given or the workbook's report date; null when there is neither. */
  asAt: string | null;
  /** What the renderers need beside the summary: the title, the date, and where the date was found. */
  options: PaperOptions;
}

export interface PaperRequest {
  /** The date the paper is as at (Excel serial); without it, the workbook's report date. */
  asOf?: number;
  /** Read every table as this kind (Read as). */
  kind?: ShapeKind;
  /** The title asked for, in place of the workbook's own. */
  title?: string;
}

export function paperOf(grids: readonly SheetGrid[], request: PaperRequest = {}, rules: Pick<TableRules, "readTables"> = TABLE_RULES): Paper {
  return finish(paperOfSteps(grids, request, rules));
}

/** `paperOf` in units: the sheets read one at a time, then the summary built. */
export function* paperOfSteps(grids: readonly SheetGrid[], request: PaperRequest = {}, rules: Pick<TableRules, "readTables"> = TABLE_RULES): Steps<Paper> {
  // Tables read by their shape (a reserve, a movement, a budget by block, EHCP numbers, a table
  // misread as a deficit) get a section of their own: their figures, and what their totals say.
  const { tables, unreadable, readings, beside } = yield* readTablesAsSteps(grids, request.kind, rules);
  const found = request.asOf === undefined ? findReportDate(grids, tables) : null;
  const built = buildSummary(tables, { asOf: request.asOf ?? found?.serial, shapes: beside });
  yield;
  const shaped = readings.map((r) => ({ reading: r, budget: shapeSummary(r) }));
  // A table of EHC plans also gives the paper its "EHCPs and placements" section: by category, now and forecast, and their cost.
  const placements = shaped.flatMap(({ reading, budget }) => (reading.kind === "ehcp-numbers" && budget ? (ehcpPlacements(budget) ?? []) : []));
  const summary = { ...built, budgets: [...built.budgets, ...shaped.flatMap(({ budget }) => budget ?? [])], ...(placements.length > 0 ? { placements } : {}) };
  const serial = request.asOf ?? found?.serial;
  const asAt = serial !== undefined ? `As at ${formatDate(serial)}` : null;
  // A sheet the reader failed on is missing from the paper: its last section says so.
  const notRead = [...summary.notRead, ...unreadable.map((u) => `Sheet “${u.sheet}” could not be read (${u.message.replace(/\.$/, "")}), so nothing from it is in this paper.`)];
  const own = workbookTitle(grids, tables, readings);
  const options: PaperOptions = {
    ...(request.title ? { title: request.title } : {}),
    ...(own.title ? { ownTitle: own.title } : {}),
    ...(own.council ? { council: own.council } : {}),
    asAt,
    // The workbook's cells are named only in the closing appendix.
    where: found ? [`The report date: ${reportDateSource(found)}.`] : [],
    rowLabels: rowLabelsOf(tables, readings),
  };
  return { tables, unreadable, summary: { ...summary, notRead }, asAt, options };
}

/** Each sheet's line labels by 1-based sheet row: a row's initiative, else its first words; a shape reading's own labels. */
function rowLabelsOf(tables: readonly Table[], readings: readonly Reading[]): RowLabels {
  const out = new Map<string, Map<number, string>>();
  const put = (sheet: string, row: number, label: string) => {
    const text = label.replace(/\s+/g, " ").trim();
    if (text === "") return;
    let labels = out.get(sheet);
    if (!labels) out.set(sheet, (labels = new Map()));
    if (!labels.has(row)) labels.set(row, text);
  };
  for (const t of tables) {
    for (const r of t.rows) {
      const first = r.cells.find((c) => typeof c === "string" && c.trim() !== "");
      put(t.sheet, r.index + t.origin.row + 1, r.group || (typeof first === "string" ? first : ""));
    }
  }
  for (const reading of readings) for (const r of reading.rows) put(reading.sheet, r.line, r.label);
  return out;
}

/**
 * The paper with its "Since <date>" section: what moved since the earlier paper, placed after the
 * sections and before how the figures were read. Without an earlier paper, the paper as it is.
 */
export function paperDocumentSince(later: Paper, earlier: Pick<Paper, "summary" | "asAt"> | null): PaperDocument {
  const doc = paperDocument(later.summary, later.options);
  if (!earlier) return doc;
  const since = sinceBlocks(comparePapers(earlier.summary, later.summary), earlier.asAt, later.asAt);
  const at = doc.blocks.findIndex((b) => b.kind === "heading" && b.level === 2 && (b.text === HOW_READ || b.text === WHERE));
  const blocks = at < 0 ? [...doc.blocks, ...since] : [...doc.blocks.slice(0, at), ...since, ...doc.blocks.slice(at)];
  return { ...doc, blocks };
}
