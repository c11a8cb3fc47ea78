/**
 * Import's work as jobs (see jobs.ts): the paste or file parsed, its tables read, the chosen table
 * laid out as it will be written, and the operations that write it. All of it runs where the jobs
 * run (the pane's worker, or slices on the pane's thread), never in one piece on the thread the
 * custom functions share with the pane.
 *
 * What comes back is what the screen shows, not the reading: a 20,000-row table and its import
 * took longer to copy back to the pane's thread (structured clone, about 0.1 s and 0.5 s) than to
 * make. So the worker keeps the last source's reading, and each job carries the source itself
 * (a paste's text, a file's bytes: one copy each, quick to make) so that a job run elsewhere (the
 * worker stopped, the slices taking over) reads it again rather than failing.
 */
import { gridFromFile, gridFromText, importTable, outsideNotes, tableSpan, withWorkbookKey } from "../../core/table";
import type { ImportedTable, ImportNote, KeySheet, ShapeKind, SheetGrid, Table, TableKind } from "../../core/table";
import { readGridsFromBytes } from "../../adapters/xlsx-read";
import { awaiting, checksReportDate, importTableOperations, tablesToImportSteps, type Unreadable, type WorkSteps } from "../../app";
import type { WorkbookOperation } from "../../port";
import { shapeKindOf } from "./kinds";

/** What Import reads: a paste's text (read as a sheet of `name`), or a chosen file's bytes. `key` names this source for as long as it is the one shown. */
export type ImportSource = { key: string; from: "paste"; name: string; text: string } | { key: string; from: "file"; name: string; bytes: ArrayBuffer };

/** One table found in the source, as the table list and Read as show it. */
export interface FoundTable {
  kind: TableKind;
  /** The kind its shape showed, for a table read by its shape. */
  byShape?: ShapeKind;
  kindReason: string;
  sheet: string;
  /** First and last rows of the table in the sheet's grid, 0-based. */
  headerRow: number;
  lastRow: number;
  origin: { row: number; column: number };
}

/** What Import shows of a source once read. */
export interface SourceView {
  found: FoundTable[];
  unreadable: Unreadable[];
  /** The paper's own report date ("Position as at …"), when it states one. */
  stated: { serial: number; from: string | null } | null;
}

/** The source's rows under the chosen table's heading, as the preview shows them. */
export interface PreviewView {
  sheet: string;
  origin: { row: number; column: number };
  headerRow: number;
  /** Each non-blank row shown, with its cells and what the row is in words ("Subtotal", "Out of line"). */
  rows: { index: number; cells: unknown[]; labels: string[] }[];
  /** Columns shown: the widest row shown. */
  width: number;
  /** Rows of the table past the last one shown. */
  hidden: number;
  /** Columns read as dates, whose serials are shown as dates. */
  dateColumns: number[];
}

/** The first rows as they will be written. */
export interface WrittenView {
  headers: string[];
  dateColumns: number[];
  rows: unknown[][];
  /** Cells written under another column than they were pasted in, with where they were. */
  moved: { row: number; column: number; from: { row: number; column: number } }[];
  /** Rows written past those shown. */
  more: number;
}

/** The chosen table as Import previews it; `table` null when it cannot be read as the kind chosen. */
export interface ChoiceView {
  table: { kind: TableKind; byShape?: ShapeKind; headerRow: number; lastRow: number } | null;
  preview: PreviewView | null;
  written: WrittenView | null;
  /** The table's import notes, numbered in order as the preview marks them. */
  notes: ImportNote[];
  /** Lines outside every table, kept in the notes. */
  outside: ImportNote[];
}

/** What was chosen: a found table, read as another kind or not, laid out with rows put back in line or not. */
export interface ImportChoice {
  source: ImportSource;
  /** Index into the found tables. */
  table: number;
  kind?: ShapeKind;
  realign: boolean;
}

/** What writing the chosen table takes besides the choice: the workbook's names, and what to write with it. */
export interface ImportWriteRequest extends ImportChoice {
  keepNotes: boolean;
  checks: boolean;
  sheetNames: string[];
  tableNames: string[];
}

export interface ImportWritten {
  sheet: string;
  checksSheet: string | null;
  notesSheet: string | null;
  operations: WorkbookOperation[];
  /** Whether the checks sheet counts overdue actions (an action plan with end dates): it then needs a report date. */
  judged: boolean;
  stated: SourceView["stated"];
}

/** Rows the preview shows (and rows of the table as written). */
export const PREVIEW_ROWS = 15;

interface Held {
  key: string;
  grids: SheetGrid[];
  tables: Table[];
  keySheet: KeySheet | null;
  view: SourceView;
  /** Tables read again as a kind (`index|kind`), and their imports (`index|kind|realign`). */
  again: Map<string, Table | undefined>;
  imports: Map<string, ImportedTable>;
}

/** A table's kind as the pane names it: its own, and the kind its shape showed where it was read by shape. */
function kindOf(table: Table): { kind: TableKind; byShape?: ShapeKind } {
  return { kind: table.kind, ...(table.shapeKind ? { byShape: table.shapeKind as ShapeKind } : {}) };
}

/** The last source read, where the jobs run. Only the last: a new paste replaces it. */
let held: Held | null = null;

/** The source's sheets: a paste as one sheet; an .xlsx workbook's every sheet; a .tsv, .csv or .txt decoded as hnb decodes them. */
export function* gridsOfSource(source: ImportSource): WorkSteps<SheetGrid[]> {
  if (source.from === "paste") return [gridFromText(source.name, source.text)];
  if (/\.xlsx$/i.test(source.name)) return yield* awaiting(readGridsFromBytes(source.bytes, source.name));
  if (/\.(tsv|csv|txt)$/i.test(source.name)) return [gridFromFile(source.name, new Uint8Array(source.bytes))];
  throw new Error(`${source.name} is not a file the add-in can read`);
}

function* sourceRead(source: ImportSource): WorkSteps<Held> {
  if (held?.key === source.key) return held;
  const grids = yield* gridsOfSource(source);
  yield;
  // Read as the other screens read a workbook: the add-in's own sheets passed over, the file's key
  // sheet used; tables the heading words miss or misread read by their shape, as `hnb import` takes them.
  const read = yield* tablesToImportSteps(grids, undefined);
  const found = read.tables.map((t): FoundTable => {
    const grid = grids.find((g) => g.name === t.sheet)!;
    return {
      ...kindOf(t),
      kindReason: t.kindReason,
      sheet: t.sheet,
      headerRow: t.headerRow,
      lastRow: t.lastRow,
      origin: grid.origin ?? { row: 0, column: 0 },
    };
  });
  const view: SourceView = { found, unreadable: read.unreadable, stated: checksReportDate(undefined, grids, read.tables) };
  held = { key: source.key, grids, tables: read.tables, keySheet: read.keySheet, view, again: new Map(), imports: new Map() };
  return held;
}

/**
 * Of the tables read again as another kind, the same table as `chosen`: the one that shares most
 * rows with it, never another table on the sheet; with the workbook's key where it has none.
 */
function sameTable(chosen: Table, tables: readonly Table[], keySheet: KeySheet | null): Table | undefined {
  const { headerRow, lastRow } = chosen;
  const shared = (t: Table) => Math.min(t.lastRow, lastRow) - Math.max(t.headerRow, headerRow) + 1;
  const again = tables.filter((t) => (t.headerRow >= headerRow && t.headerRow <= lastRow) || shared(t) > (lastRow - headerRow + 1) / 2);
  const same = again.reduce<Table | undefined>((best, t) => (!best || shared(t) > shared(best) ? t : best), undefined);
  return same ? withWorkbookKey([same], keySheet)[0] : undefined;
}

interface Chosen {
  held: Held;
  grid: SheetGrid;
  /** The table as chosen; undefined when it cannot be read as the kind chosen. */
  table: Table | undefined;
  imported: ImportedTable | undefined;
  /** The other tables on the same sheet: not part of this import. */
  others: { first: number; last: number }[];
}

function* chosenTable({ source, table: index, kind, realign }: ImportChoice): WorkSteps<Chosen> {
  const h = yield* sourceRead(source);
  const found = h.tables[index];
  if (!found) throw new Error("That table is no longer in what was read: paste the table or choose the file again.");
  const grid = h.grids.find((g) => g.name === found.sheet)!;
  const others = h.tables.filter((t) => t.sheet === found.sheet && t !== found).map(tableSpan);
  let table: Table | undefined = found;
  const asKind = kind && kind !== shapeKindOf(kindOf(found)) ? kind : undefined;
  if (asKind) {
    const againKey = `${index}|${asKind}`;
    if (!h.again.has(againKey)) {
      // The chosen table's sheet read again as the kind chosen; never another table on it.
      const read = yield* tablesToImportSteps([grid], asKind);
      h.again.set(againKey, sameTable(found, read.tables, h.keySheet));
    }
    table = h.again.get(againKey);
  }
  if (!table) return { held: h, grid, table, imported: undefined, others };
  const importKey = `${index}|${asKind ?? ""}|${realign}`;
  let imported = h.imports.get(importKey);
  if (!imported) {
    yield;
    imported = importTable(table, { realign, ...(h.view.stated ? { asOf: h.view.stated.serial } : {}) });
    h.imports.set(importKey, imported);
  }
  return { held: h, grid, table, imported, others };
}

/** What each row under the heading is, in words, for the preview's row labels. */
function rowLabels(table: Table): Map<number, string[]> {
  const labels = new Map<number, string[]>();
  const add = (row: number, label: string) => labels.set(row, [...(labels.get(row) ?? []), label]);
  const ROLE: Record<string, string> = { continuation: "Continues", section: "Section", subtotal: "Subtotal", total: "Total", unit: "Units", note: "Skipped", wrapped: "Wrapped line" };
  for (const row of table.rows) {
    if (ROLE[row.role]) add(row.index, ROLE[row.role]!);
    const moves = row.realignment?.moves ?? [];
    if (row.realignment) add(row.index, "Out of line");
    if (moves.some((m) => m.how === "split")) add(row.index, "Split");
    if (row.realignment?.guess || moves.some((m) => m.how === "joined")) add(row.index, "Guess");
  }
  if (table.unitRow !== undefined) add(table.unitRow, "Units");
  if (table.legend) add(table.legend.row, "Legend");
  for (const r of table.key?.rows ?? []) add(r, "RAG key");
  for (const n of table.notes ?? []) add(n.row, "Note");
  return labels;
}

function previewOf(grid: SheetGrid, table: Table): PreviewView {
  const labels = rowLabels(table);
  const rows: PreviewView["rows"] = [];
  // Only the rows shown are looked at: a table of 100,000 rows must not be measured.
  for (let r = table.headerRow; r <= table.lastRow && rows.length <= PREVIEW_ROWS; r++) {
    const cells = grid.values[r] ?? [];
    if (cells.some((v) => v !== null && v !== undefined && v !== "")) rows.push({ index: r, cells: [...cells], labels: labels.get(r) ?? [] });
  }
  let width = 0;
  for (const r of rows) width = Math.max(width, r.cells.length);
  return {
    sheet: grid.name,
    origin: grid.origin ?? { row: 0, column: 0 },
    headerRow: table.headerRow,
    rows,
    width,
    hidden: Math.max(0, table.lastRow - rows[rows.length - 1]!.index),
    dateColumns: table.columns.filter((c) => c.field === "start" || c.field === "end").map((c) => c.index),
  };
}

function writtenOf(imported: ImportedTable): WrittenView {
  const rows = imported.rows.slice(0, PREVIEW_ROWS);
  const moved: WrittenView["moved"] = [];
  for (const k of imported.kept ?? []) {
    if (k.to.area === "rows" && k.to.row < rows.length && k.column !== k.to.column) moved.push({ row: k.to.row, column: k.to.column, from: { row: k.row, column: k.column } });
  }
  return {
    headers: imported.headers,
    dateColumns: imported.formats.flatMap((f, c) => (f === "date" ? [c] : [])),
    rows,
    moved,
    more: imported.rows.length - rows.length,
  };
}

/** Import's reading of a paste or a file: the tables found in it. */
export function* importSource({ source }: { source: ImportSource }): WorkSteps<SourceView> {
  return (yield* sourceRead(source)).view;
}

/** The chosen table, read as the kind chosen, as Import previews it. */
export function* importChoice(choice: ImportChoice): WorkSteps<ChoiceView> {
  const { grid, table, imported, others } = yield* chosenTable(choice);
  if (!table || !imported) return { table: null, preview: null, written: null, notes: [], outside: [] };
  const outside = outsideNotes(grid, imported.span ? [{ span: imported.span }] : [], others).notes;
  return {
    table: { ...kindOf(table), headerRow: table.headerRow, lastRow: table.lastRow },
    preview: previewOf(grid, table),
    written: writtenOf(imported),
    notes: imported.notes,
    outside,
  };
}

/** The operations that write the chosen table to a new sheet, with its checks and notes as asked. */
export function* importWrite(request: ImportWriteRequest): WorkSteps<ImportWritten> {
  const { held: h, grid, imported, others } = yield* chosenTable(request);
  if (!imported) throw new Error(`The table cannot be read as ${request.kind ? "the kind chosen" : "its kind"}: choose another kind.`);
  yield;
  const stated = h.view.stated;
  const written = importTableOperations(
    { imported, grid, others, source: request.source.name, keepNotes: request.keepNotes, checks: request.checks, ...(stated ? { reportDate: stated.serial } : {}) },
    request.sheetNames,
    request.tableNames,
  );
  return {
    sheet: written.sheet,
    checksSheet: written.checksSheet,
    notesSheet: written.notesSheet,
    operations: written.operations,
    judged: written.checksSheet !== null && imported.kind === "action-plan" && Boolean(imported.fields?.includes("end")),
    stated,
  };
}
