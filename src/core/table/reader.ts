import { maxOf, minOf } from "../grid";
import { type LegendEntry, parseLegend } from "../leads";
import { isUnitLabel, parseUnit, readAmount, unitIn } from "../money";
import { readDateRange } from "../dates";
import { readFigure } from "../figures";
import { type KeyEntry, type RagKey, buildKey, normaliseStatus, statusIndex } from "../rag";
import { findYearLabel, yearLabel } from "../years";
import { ColumnProfiles, mayHoldPieces, realign } from "./align";
import { isProse, looksLikeMoney } from "./cells";
import { SCORECARD_FIELDS, isPlaceholderHeading, isPlainHeading, matchHeader } from "./headers";
import { continuesLine, joinWrappedLines, keyFromDescriptions, keyLineOf, looksLikeColourlessKey } from "./key-lines";
import { readTargets } from "../targets";
import { readBudget, readBudgetHeader } from "./budget";
import type {
  ColumnMapping,
  Field,
  KeyLines,
  LegendLine,
  RowRole,
  SheetGrid,
  Table,
  TableKind,
  TableRow,
  UnmappedColumn,
} from "./types";

export { looksLikeMoney } from "./cells";

/**
 * The table reader: finds recovery-plan tables in a grid of cells however they arrived (pasted
 * out of Word or PDF, a CSV, a worksheet) and says what each row is. It reads, it does not
 * judge: the checks (checks.ts) turn what it found into findings.
 */

interface Cells {
  values: unknown[][];
  fills: (string | null)[][];
  width: number;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

function normaliseGrid(grid: SheetGrid): Cells {
  let width = 0;
  for (const row of grid.values) if (row.length > width) width = row.length;
  const values = grid.values.map((row) => {
    const out = new Array<unknown>(width);
    for (let c = 0; c < width; c++) {
      const v = row[c];
      out[c] = v === undefined || (typeof v === "string" && v.trim() === "") ? null : v;
    }
    return out;
  });
  const fills = grid.values.map((_, r) => {
    const source = grid.fills?.[r];
    const out = new Array<string | null>(width);
    for (let c = 0; c < width; c++) out[c] = source?.[c] ?? null;
    return out;
  });
  return { values, fills, width };
}

function nonBlankCount(row: unknown[]): number {
  let n = 0;
  for (const v of row) if (v !== null) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Header rows

interface HeaderCandidate {
  row: number;
  columns: ColumnMapping[];
  unmapped: UnmappedColumn[];
  kind: TableKind;
  kindReason: string;
}

/** Columns that make a table a plan of actions or initiatives rather than a budget. */
export const PLAN_FIELDS: ReadonlySet<Field> = new Set<Field>(["initiative", "milestone", "rag", "lead", "action", "start", "end", "outcomes", "aims", "risks", "priority"]);

/** Why a table has the kind it has when the user chose it, as the import preview says. */
export const KIND_CHOSEN = "chosen by you rather than guessed from the headings";

function readHeader(values: unknown[], row: number, force?: TableKind): HeaderCandidate | null {
  // Two cells that are headings by their exact words (or year labels) before anything else is
  // tried: content rows rarely have two, and this keeps a 20,000-row sheet quick to read.
  let plain = 0;
  for (const v of values) if (v !== null && isPlainHeading(v)) plain++;
  if (plain < 2) return null;
  const columns: ColumnMapping[] = [];
  const unmapped: UnmappedColumn[] = [];
  let textCells = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null || isPlaceholderHeading(v)) continue;
    if (typeof v !== "string") {
      unmapped.push({ index: c, header: cellText(v) });
      continue;
    }
    textCells++;
    const m = matchHeader(v);
    if (m) columns.push({ index: c, header: v.trim(), field: m.field, ...(m.year !== undefined ? { year: m.year } : {}), reason: m.reason });
    else unmapped.push({ index: c, header: v.trim() });
  }
  const nonBlank = columns.length + unmapped.length;
  if (nonBlank < 2 || columns.length < 2) return null;
  // "Target 2026/27" and "Actual 2025/26" are a scorecard's only beside its baseline; elsewhere
  // (a savings plan's "Target 2024/25") they are amounts for the year, as they always were.
  const scorecard = force === "scorecard" || (columns.some((c) => c.field === "current") && columns.some((c) => c.field === "target" || c.field === "targetYear" || c.field === "end"));
  if (!scorecard) {
    for (const c of columns) {
      if (c.year !== undefined && (c.field === "targetYear" || c.field === "targetNow" || c.field === "actual")) {
        c.field = "amount";
        c.reason = `names the financial year ${yearLabel(c.year)}`;
      }
    }
  }
  const amounts = columns.filter((c) => c.field === "amount").length;
  const others = columns.filter((c) => c.field !== "amount" && c.field !== "total");
  if (columns.length / nonBlank < 0.5 && !(amounts >= 2 && amounts / nonBlank >= 0.5)) return null;
  if (textCells < 2) return null;

  const has = (f: Field) => columns.some((c) => c.field === f);
  if (force) return forcedHeader(values, row, columns, unmapped, force);
  // A deficit table: years across, line labels down the first column, and nothing else named
  // but notes. The corner cell may hold a title or a unit ("DSG position (£000)") or a word that
  // happens to be a heading elsewhere ("Budget line", "Item").
  if (amounts >= 2) {
    const firstAmount = minOf(columns.filter((c) => c.field === "amount").map((c) => c.index));
    const labelField = columns.find((c) => c.index === 0)?.field;
    const planLike = columns.some((c) => c.index > 0 && PLAN_FIELDS.has(c.field));
    const labelIsItem = labelField === "initiative" || labelField === "milestone" || labelField === "action";
    if (firstAmount > 0 && !planLike && !labelIsItem) {
      const label: ColumnMapping = { index: 0, header: cellText(values[0]), field: "label", reason: "the first column, beside the years" };
      return {
        row,
        columns: [label, ...columns.filter((c) => c.index !== 0)],
        unmapped: unmapped.filter((u) => u.index !== 0),
        kind: "deficit",
        kindReason: `${amounts} financial years across and line labels down the first column`,
      };
    }
  }
  // A scorecard: indicators with their current performance and targets. Its "Target" heading
  // names targets with their years, never an end date.
  // A status column is a scorecard's too when the table tracks actuals against targets by year.
  const tracked = columns.some((c) => SCORECARD_FIELDS.has(c.field));
  if (scorecard && (!has("rag") || tracked) && amounts === 0) {
    return { row, columns: asScorecard(columns), unmapped, kind: "scorecard", kindReason: "indicators with current performance and targets" };
  }
  if (amounts >= 1 && (has("initiative") || has("milestone") || has("rag") || has("lead"))) {
    return { row, columns, unmapped, kind: "savings-plan", kindReason: `${amounts} financial-year amount column${amounts === 1 ? "" : "s"} beside initiative details` };
  }
  if (others.length >= 2 && (has("action") || has("ref") || has("rag") || has("end") || has("milestone"))) {
    return { row, columns, unmapped, kind: "action-plan", kindReason: "actions with leads, dates and RAG status, and no amounts by year" };
  }
  return null;
}

/**
 * The same heading read as the kind a user chose: a budget needs at least one year column with
 * line labels in the first column; a plan needs something to name each row by.
 */
function forcedHeader(
  values: unknown[],
  row: number,
  columns: ColumnMapping[],
  unmapped: UnmappedColumn[],
  force: TableKind,
): HeaderCandidate | null {
  if (force === "deficit") {
    const years = columns.filter((c) => c.field === "amount" && c.index > 0);
    if (years.length === 0) return null;
    const label: ColumnMapping = { index: 0, header: cellText(values[0]), field: "label", reason: "the first column, beside the years" };
    return {
      row,
      columns: [label, ...years],
      unmapped: [...unmapped.filter((u) => u.index !== 0), ...columns.filter((c) => c.index !== 0 && !years.includes(c)).map((c) => ({ index: c.index, header: c.header }))],
      kind: "deficit",
      kindReason: KIND_CHOSEN,
    };
  }
  if (force === "scorecard") columns = asScorecard(columns);
  // A budget's label column read as a plan names each row by its first column.
  const nameField: Field = force === "savings-plan" ? "initiative" : force === "scorecard" ? "ref" : "action";
  const planColumns = columns.map((c) => (c.field === "label" ? { ...c, field: nameField, reason: "the first column" } : c));
  const named = planColumns.some((c) => ["initiative", "milestone", "action", "ref"].includes(c.field));
  if (!named && !planColumns.some((c) => c.index === 0)) {
    planColumns.unshift({ index: 0, header: cellText(values[0]), field: nameField, reason: "the first column" });
  }
  if (planColumns.length < 2) return null;
  return { row, columns: planColumns, unmapped: unmapped.filter((u) => !planColumns.some((c) => c.index === u.index)), kind: force, kindReason: KIND_CHOSEN };
}

function fieldsByColumn(columns: ColumnMapping[], width: number): (Field | undefined)[] {
  const fields = new Array<Field | undefined>(width).fill(undefined);
  for (const c of columns) fields[c.index] = c.field;
  return fields;
}

/** A scorecard's columns: a "Target" read as targets with their years, not an end date. */
function asScorecard(columns: ColumnMapping[]): ColumnMapping[] {
  return columns.map((c) => (c.field === "end" || (c.field === "start" && /target/i.test(c.header)) ? { ...c, field: "target" as Field, reason: `${c.reason}; in a scorecard it holds targets with their years` } : c));
}

// ---------------------------------------------------------------------------------------------
// Lines under a table: totals, the lead legend, the RAG key

const BULLET = /^[\s\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u2013*-]+(?=\S)/;

const TOTAL = /^\s*(?:grand\s+)?totals?\b|\btotal\s+(?:savings?|projection|spend|cost)/i;

function isTotalRow(row: unknown[]): boolean {
  for (const v of row) {
    if (v === null) continue;
    if (typeof v === "string" && TOTAL.test(v)) return true;
    if (typeof v === "string" && !looksLikeMoney(v)) return false;
  }
  return false;
}

function legendOf(row: unknown[]): LegendEntry[] | null {
  const count = nonBlankCount(row);
  if (count === 0 || count > 6) return null;
  // A bullet before a legend line ("• Jane Bloggs (JB), …") is layout, not a name.
  const texts = row.filter((v): v is string => typeof v === "string").map((t) => t.replace(BULLET, ""));
  if (texts.length !== count) return null;
  const entries = parseLegend(texts.join("; "));
  return entries.length >= 2 || (entries.length === 1 && texts.join("").length < 60 && /\([A-Z]{1,5}\)/.test(texts.join(""))) ? entries : null;
}

// ---------------------------------------------------------------------------------------------
// The reader

export interface ReadOptions {
  /** Read every table as this kind whatever its headings suggest (the user said the guess was wrong). */
  kind?: TableKind;
}

export function readTables(grid: SheetGrid, options: ReadOptions = {}): Table[] {
  const force = options.kind;
  const cells = normaliseGrid(grid);
  const origin = grid.origin ?? { row: 0, column: 0 };
  const tables: Table[] = [];
  // Headings are looked for only outside tables: a data row that happens to name a year or a
  // lead ("Academic Year 2026-27", "Post-16 SEND Lead") must not start a table of its own.
  for (let r = 0; r < cells.values.length; r++) {
    let h = force === "budget" ? null : readHeader(cells.values[r]!, r, force);
    if (!h) {
      // Budget lines by measure (budget, outturn, variance; blocks; scenarios), read on their own terms.
      const b = force === undefined || force === "budget" ? readBudgetHeader(cells.values[r]!, r) : null;
      const table = b ? readBudget(grid.name, cells.values, cells.fills, b, cells.values.length, origin) : null;
      if (!table) continue;
      table.lineCells = linesOf(cells, table);
      tables.push(table);
      r = Math.max(r, table.lastRow);
      continue;
    }
    // Headings split over two rows (a PDF's wrapped "Target / Date", years under "Savings (£)").
    const merged = mergedHeading(cells.values[r]!, cells.values[r + 1]);
    const wrapped = merged ? readHeader(merged, r + 1, force) : null;
    if (wrapped) h = wrapped;
    const table =
      h.kind === "deficit"
        ? readDeficit(grid.name, cells, h, cells.values.length, origin)
        : readPlan(grid.name, cells, h, cells.values.length, origin);
    if (wrapped) table.headingRows = [r, r + 1];
    table.lineCells = linesOf(cells, table);
    tables.push(table);
    r = Math.max(r, table.lastRow);
  }
  return tables;
}

/** The cells of the lines a table read from outside its rows, kept so the import can write them as laid out. */
function linesOf(cells: Cells, table: Table): Record<number, unknown[]> {
  const rows = new Set<number>([table.headerRow, ...(table.headingRows ?? [])]);
  if (table.unitRow !== undefined) rows.add(table.unitRow);
  if (table.legend) rows.add(table.legend.row);
  for (const r of table.key?.rows ?? []) rows.add(r);
  for (const n of table.notes ?? []) for (const r of n.rows ?? [n.row]) rows.add(r);
  for (const r of table.colourlessKey?.rows ?? []) rows.add(r);
  const out: Record<number, unknown[]> = {};
  for (const r of rows) out[r] = cells.values[r]!.slice();
  return out;
}

function readPlan(sheet: string, cells: Cells, h: HeaderCandidate, limit: number, origin: Table["origin"]): Table {
  const columns = h.columns.map((c) => ({ ...c }));
  const unmapped = h.unmapped.slice();
  let kind = h.kind;
  let kindReason = h.kindReason;
  const fields = fieldsByColumn(columns, cells.width);
  const lastHeader = maxOf([...columns.map((c) => c.index), ...unmapped.map((u) => u.index)]);
  const keyField = nameField(kind, columns);
  const keyColumn = columns.find((c) => c.field === keyField)?.index ?? columns[0]!.index;
  const mapped = columns.map((c) => c.index);
  const filledMapped = (values: unknown[]) => mapped.filter((c) => values[c] !== null).length;
  const fitsTable = (values: unknown[] | undefined) => values !== undefined && (isTotalRow(values) || filledMapped(values) >= 2);
  const nextNonBlank = (r: number): unknown[] | undefined => {
    for (let i = r + 1; i < limit; i++) if (nonBlankCount(cells.values[i]!) > 0) return cells.values[i]!;
    return undefined;
  };

  const rows: TableRow[] = [];
  const headerTexts = cells.values[h.row]!.map((v) => (v === null ? "" : normaliseStatus(cellText(v))));
  let group = "";
  let section: string | undefined;
  let legend: LegendLine | undefined;
  const keyEntries: KeyEntry[] = [];
  const keyRows: number[] = [];
  const footerLines: { row: number; text: string }[] = [];
  let lastRow = h.row;
  let inFooter = false;
  let blankRun = 0;
  let lastItem: TableRow | undefined;

  for (let r = h.row + 1; r < limit; r++) {
    const values = cells.values[r]!;
    const fills = cells.fills[r]!;
    const count = nonBlankCount(values);
    if (count === 0) {
      blankRun++;
      if (blankRun >= 3 && inFooter) break;
      continue;
    }
    const afterGap = blankRun > 0;
    blankRun = 0;
    // A copy of our own heading (PDFs repeat it on every page) and page footers are skipped;
    // after a gap, a new heading row starts another table.
    if (sameHeadings(values, headerTexts) || (count === 1 && PAGE_FOOTER.test(cellText(values.find((v) => v !== null))))) {
      rows.push({ index: r, role: "note", cells: values.slice(), fills: fills.slice(), group });
      lastRow = r;
      continue;
    }
    if (afterGap && readHeader(values, r)) break;
    const foundLegend = legendOf(values);
    if (foundLegend && !legend) {
      legend = { entries: foundLegend, row: r };
      inFooter = true;
      lastRow = r;
      continue;
    }
    const keyLine = keyLineOf(values);
    if (keyLine && (inFooter || count <= 2)) {
      keyEntries.push(...keyLine);
      keyRows.push(r);
      inFooter = true;
      lastRow = r;
      continue;
    }
    const onlyText = count <= 2 && values.every((v) => v === null || typeof v === "string");
    if (inFooter || (afterGap && rows.length > 0 && !fitsTable(values) && !(onlyText && fitsTable(nextNonBlank(r))))) {
      // Under the table: footnotes, sources, a key written as descriptions alone.
      if (!onlyText) break;
      footerLines.push({ row: r, text: values.filter((v) => v !== null).map(cellText).join(" ") });
      inFooter = true;
      lastRow = r;
      continue;
    }
    lastRow = r;

    let role: RowRole;
    const onlyCell = count === 1 ? values.findIndex((v) => v !== null) : -1;
    const label = cellText(values.find((v) => v !== null));
    if (SUBTOTAL.test(label)) role = "subtotal";
    else if (isTotalRow(values)) role = "total";
    // A PDF wraps the name too: a line whose first cell finishes the name above, and whose other
    // cells finish that row's text, is one more line of the same row, not a new initiative.
    else if (!afterGap && lastItem && finishesCells(values, lastItem, fields, keyColumn)) role = "wrapped";
    else if (onlyCell >= 0 && onlyCell <= keyColumn && typeof values[onlyCell] === "string" && looksLikeSection(values, keyColumn)) {
      role = "section";
    } else if (isNumberedHeading(values, keyColumn, fields, nextNonBlank(r))) role = "section";
    else if (values[keyColumn] === null && group !== "") role = "continuation";
    else role = "data";

    if (role === "section") section = values.filter((v) => v !== null).map(cellText).join(" ");
    if (role === "data") group = cellText(values[keyColumn]);
    const row: TableRow = { index: r, role, cells: values.slice(), fills: fills.slice(), group, ...(section !== undefined ? { section } : {}) };
    if (role === "wrapped" && lastItem) {
      row.continues = lastItem.index;
      for (let c = 0; c < values.length; c++) {
        if (values[c] !== null) (lastItem.wrapped ??= []).push({ row: r, column: c, text: cellText(values[c]) });
      }
    }
    if (role === "data" || role === "continuation") lastItem = row;
    else if (role !== "wrapped") lastItem = undefined;
    rows.push(row);
  }

  // Headings with no rows under them at the end of a table are not headings: they are lines
  // under it (a key written as descriptions alone, footnotes).
  const trailing: { row: number; text: string }[] = [];
  while (rows.length > 0 && rows[rows.length - 1]!.role === "section") {
    const last = rows.pop()!;
    trailing.unshift({ row: last.index, text: last.cells.filter((v) => v !== null).map(cellText).join(" ") });
  }
  // A perspective or section heading directly above the heading row, when every later section
  // brings its own heading row (a scorecard's perspectives): the first rows' section.
  const leading = leadingSection(cells, h.row, rows);
  if (leading) {
    for (const row of rows) {
      if (row.role === "section") break;
      row.section = leading.text;
    }
    rows.unshift({ index: leading.row, role: "section", cells: cells.values[leading.row]!.slice(), fills: cells.fills[leading.row]!.slice(), group: "", section: leading.text });
  }

  const lines = joinWrappedLines([...trailing, ...footerLines]);
  let key: KeyLines | undefined;
  let colourlessKey: Table["colourlessKey"];
  const notes: { row: number; text: string; rows?: number[] }[] = [];
  const lineKey = keyEntries.length >= 2 ? keyOrNull(keyEntries) : null;
  if (lineKey) {
    key = { key: lineKey, rows: keyRows, how: "a status and its description on each line" };
    for (const line of lines) notes.push(...splitLine(line));
  } else {
    // Lines that looked like a key but give one word to two statuses (a count table's "Green 12",
    // "Amber 12") are not a key: they stay notes, and the built-in key applies.
    for (const r of keyRows) notes.push({ row: r, text: cells.values[r]!.filter((v) => v !== null).map(cellText).join(" ") });
    const texts = lines.map((t) => t.text);
    const read = lines.length >= 2 && lines.length <= 5 ? keyFromDescriptions(texts) : null;
    const described = read && (lines.length >= 3 || /matched to/.test(read.how)) ? keyOrNull(read.entries) : null;
    if (read && described) key = { key: described, rows: lines.flatMap((t) => t.rows), how: read.how, lineRows: lines.map((t) => t.rows) };
    else {
      if (looksLikeColourlessKey(texts)) colourlessKey = { rows: lines.flatMap((t) => t.rows), lines: texts };
      for (const line of lines) notes.push(...splitLine(line));
    }
    notes.sort((a, b) => a.row - b.row);
  }

  const items = rows.filter((r) => r.role === "data" || r.role === "continuation");
  addUnheaded(cells, items, columns, unmapped, lastHeader, kind);
  const retypedKind = retypeColumns(columns, items, key?.key);
  if (retypedKind && kind !== "savings-plan") {
    kind = retypedKind.kind;
    kindReason = retypedKind.reason;
  }
  const placedFields = fieldsByColumn(columns, cells.width);
  const headed = new Set([...columns.map((c) => c.index), ...unmapped.map((u) => u.index)]);
  const profiles = new ColumnProfiles(placedFields, lastHeader, Math.max(cells.width, lastHeader + 1), (c) => headed.has(c));
  const misfitsOf = items.map((row) => profiles.misfits(row.cells));
  const fits = items.map((row, i) => misfitsOf[i]!.length === 0 && !mayHoldPieces(row.cells, placedFields));
  items.forEach((row, i) => {
    if (fits[i]) profiles.learn(row.cells);
  });
  items.forEach((row, i) => {
    if (fits[i]) return;
    const realignment = realign(row.cells, profiles, misfitsOf[i]!);
    if (realignment === "too wide") row.notRealigned = { cells: row.cells.filter((v) => v !== null && v !== undefined).length };
    else if (realignment) row.realignment = realignment;
  });

  const unit = planUnit(columns);
  return {
    sheet,
    kind,
    kindReason,
    headerRow: h.row,
    ...(unit ? { unit } : {}),
    columns,
    unmapped,
    rows,
    ...(legend ? { legend } : {}),
    ...(key ? { key } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(colourlessKey ? { colourlessKey } : {}),
    lastRow,
    origin,
  };
}

/** A line under the table as a note: a wrapped line's rows all named, so the import can say where each went. */
function splitLine(line: { row: number; rows: number[]; text: string }): { row: number; text: string; rows?: number[] }[] {
  return [{ row: line.row, text: line.text, ...(line.rows.length > 1 ? { rows: line.rows } : {}) }];
}

/** The column that names each row: initiative or milestone in a savings plan, ref or action elsewhere. */
function nameField(kind: TableKind, columns: ColumnMapping[]): Field {
  if (kind === "savings-plan") return columns.some((c) => c.field === "initiative") ? "initiative" : "milestone";
  return columns.some((c) => c.field === "ref") ? "ref" : "action";
}

/** Fields whose cells are free text a PDF may wrap onto a line of its own. */
const WRAPPING = new Set<Field | undefined>(["action", "milestone", "initiative", "outcomes", "aims", "risks", "progress", "savingsNote", "priority", "costs", "current", "target", undefined]);

/** A status cell holding a note, not a status: three words or more, none of the key's. */
function isNote(text: string): boolean {
  return text.trim().split(/\s+/).length >= 3 && statusIndex(text) < 0;
}

/**
 * A line holding only the ends of cells in the row above: each of its cells sits under free
 * text, under a cell of that row that holds text, and finishes it ("Fewer exclusions of
 * primary" / "children at risk of exclusion."). A continuation row (a milestone, a lead, a date)
 * is not one.
 */
function finishesCells(values: unknown[], above: TableRow, fields: (Field | undefined)[], keyColumn: number): boolean {
  // The name's own cell finishing the name above is the surest sign: then any number of cells may.
  const nameWraps = values[keyColumn] !== null && values[keyColumn] !== undefined;
  let n = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null) continue;
    if (typeof v !== "string") return false;
    const last = above.wrapped?.filter((w) => w.column === c).pop()?.text;
    const upper = last ?? above.cells[c];
    if (typeof upper !== "string" || upper.trim() === "") return false;
    // A status column may hold notes (its statuses were colours, lost on paste): a note wraps too.
    if (!WRAPPING.has(fields[c]) && !(fields[c] === "rag" && isNote(upper) && statusIndex(v) < 0)) return false;
    const text = v.trim();
    // A fragment starts mid-sentence: in lower case, or after a line cut mid-phrase.
    if (!continuesLine(upper, text)) return false;
    n++;
  }
  return n > 0 && (n <= 3 || nameWraps);
}

/**
 * The line above the heading row as the first rows' section, when the sections below each bring
 * their own copy of the headings (a scorecard's "Stakeholder perspective" above its first
 * heading row). A title above an ordinary table is not one.
 */
function leadingSection(cells: Cells, headerRow: number, rows: TableRow[]): { row: number; text: string } | null {
  if (headerRow === 0) return null;
  const above = cells.values[headerRow - 1]!;
  if (nonBlankCount(above) !== 1) return null;
  const text = cellText(above.find((v) => v !== null));
  if (typeof above.find((v) => v !== null) !== "string" || text.length > 80) return null;
  const sections = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.role === "section");
  if (sections.length === 0) return null;
  return sections.every(({ i }) => rows[i + 1]?.role === "note") ? { row: headerRow - 1, text } : null;
}

/**
 * Columns in the heading row's span with no heading but cells under them are kept, under a
 * heading that says so. A scorecard's unheaded column beside its refs holds each indicator's
 * objective: named so, as a guess.
 */
function addUnheaded(cells: Cells, items: TableRow[], columns: ColumnMapping[], unmapped: UnmappedColumn[], lastHeader: number, kind: TableKind): void {
  const headed = new Set([...columns.map((c) => c.index), ...unmapped.map((u) => u.index)]);
  for (let c = 0; c <= lastHeader; c++) {
    if (headed.has(c) || !items.some((r) => r.cells[c] !== null)) continue;
    const ref = columns.find((m) => m.field === "ref");
    if (kind === "scorecard" && ref && c === ref.index + 1 && !columns.some((m) => m.field === "aims")) {
      columns.push({ index: c, header: "", field: "aims", named: "Objective", reason: "no heading in the paper; beside the refs it holds each indicator's objective, so it is named Objective (a guess)" });
    } else {
      unmapped.push({ index: c, header: "", unheaded: true });
    }
  }
  void cells;
  columns.sort((a, b) => a.index - b.index);
  unmapped.sort((a, b) => a.index - b.index);
}

/**
 * Columns whose cells are not what the heading says. A status column of prose (its statuses were
 * cell colours, lost on paste) is read as progress; a "Target" column of targets with years
 * ("65% 2026; 80% 2027") is read as targets, making the table a scorecard.
 */
function retypeColumns(columns: ColumnMapping[], items: TableRow[], key: RagKey | undefined): { kind: TableKind; reason: string } | null {
  let kind: { kind: TableKind; reason: string } | null = null;
  for (const c of columns) {
    const retypable = c.field === "rag" || (c.field === "end" && /target/i.test(c.header));
    if (!retypable) continue;
    const values = items.map((r) => r.cells[c.index]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
    const all = items.filter((r) => r.cells[c.index] !== null).length;
    if (all < 2) continue;
    // Each test stops as soon as too few cells can pass it: a column of dates or statuses, the usual
    // case, is given up on after a handful, not read to its end.
    const atLeast = Math.ceil((all * 6) / 10);
    if (c.field === "rag") {
      if (countUpTo(values, atLeast, (v) => isProse(v.trim())) < atLeast) continue;
      const statuses = values.filter((v) => statusIndex(v, key) >= 0 || statusIndex(v) >= 0).length;
      if (statuses * 5 <= all && !columns.some((o) => o.field === "progress")) {
        c.retyped = { from: "rag", cells: all - statuses, of: all, why: "its cells are notes, not statuses: the statuses were probably cell colours, lost on paste" };
        c.field = "progress";
        c.reason = `read as progress: ${c.retyped.why}`;
      }
    } else {
      const isTarget = (v: string) => readDateRange(v) === null && readTargets(v).targets.length > 0;
      if (countUpTo(values, atLeast, isTarget) < atLeast) continue;
      const targets = values.filter(isTarget).length;
      c.retyped = { from: "end", cells: targets, of: all, why: "its cells are targets with their years, not end dates" };
      c.field = "target";
      c.reason = `read as targets: ${c.retyped.why}`;
      if (!columns.some((o) => o.field === "rag" || o.field === "start" || o.field === "amount")) {
        kind = { kind: "scorecard", reason: "indicators with targets by year rather than actions with end dates" };
      }
    }
  }
  return kind;
}

/** How many values pass, counting no further once `enough` pass or too few are left to reach it. */
function countUpTo(values: readonly string[], enough: number, test: (v: string) => boolean): number {
  let passed = 0;
  for (let i = 0; i < values.length && passed < enough; i++) {
    if (test(values[i]!)) passed++;
    else if (passed + (values.length - i - 1) < enough) return passed;
  }
  return passed;
}

/** A key from lines under a table, or null when they cannot be one (a word given to two statuses). */
function keyOrNull(entries: KeyEntry[]): RagKey | null {
  try {
    return buildKey(entries);
  } catch {
    return null;
  }
}

const PAGE_FOOTER = /^\s*page\s+\d+(\s+of\s+\d+)?\s*$/i;

/** Amount columns headed "2024-25 £'000" or "Savings (£m)" put the whole plan in that unit. */
function planUnit(columns: ColumnMapping[]): Table["unit"] | undefined {
  for (const c of columns) {
    if (c.field !== "amount" && c.field !== "total") continue;
    if (/£\s*['’]?000|£k\b|thousands/i.test(c.header)) return "£000";
    if (/£\s*m\b|£\s*millions?/i.test(c.header)) return "£m";
  }
  return undefined;
}

/**
 * "1 | Early identification" with nothing else, where the next row's ref continues it ("1.1"):
 * a numbered heading, not an action missing its lead, dates and status.
 */
function isNumberedHeading(values: unknown[], keyColumn: number, fields: (Field | undefined)[], next: unknown[] | undefined): boolean {
  const ref = cellText(values[keyColumn]);
  if (ref === "" || ref.length > 6 || !/^[A-Za-z]?\d+[A-Za-z]?$/.test(ref)) return false;
  if (nonBlankCount(values) !== 2) return false;
  for (let c = 0; c < values.length; c++) {
    const f = fields[c];
    if (values[c] !== null && (f === "rag" || f === "lead" || f === "start" || f === "end" || f === "amount")) return false;
  }
  const nextRef = next ? cellText(next[keyColumn]) : "";
  return nextRef.startsWith(`${ref}.`);
}

/**
 * The heading row joined with the row under it, when that row continues the headings: short
 * words under headings ("Officer" under "Responsible") or year labels, and nothing that reads as
 * data (a status, a date, a figure). A lone cell must be a year label, so a section heading
 * under the headings is not taken for one.
 */
function mergedHeading(top: unknown[], below: unknown[] | undefined): unknown[] | null {
  if (!below) return null;
  const filled = below.filter((v) => v !== null);
  if (filled.length === 0) return null;
  let years = 0;
  for (let c = 0; c < below.length; c++) {
    const v = below[c];
    if (v === null) continue;
    if (typeof v !== "string" || v.length > 30) return null;
    if (findYearLabel(v) !== null) {
      years++;
      continue;
    }
    if (top[c] === null || statusIndex(v) >= 0 || readDateRange(v) || looksLikeFigure(v)) return null;
  }
  if (filled.length === 1 && years === 0) return null;
  return top.map((t, c) => {
    const b = below[c] ?? null;
    if (b === null) return t;
    return t === null ? b : `${cellText(t)} ${cellText(b)}`;
  });
}

function sameHeadings(values: unknown[], headerTexts: string[]): boolean {
  let matched = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    const t = v === null ? "" : normaliseStatus(cellText(v));
    if (t !== (headerTexts[c] ?? "")) return false;
    if (t !== "") matched++;
  }
  return matched >= 2;
}

/** A lone text in the key column reads as a heading when it says so, or when it is not a ref. */
function looksLikeSection(values: unknown[], keyColumn: number): boolean {
  const text = cellText(values.find((v) => v !== null));
  if (/^(section|part|theme|priority|area|workstream|objective|outcome|strand)\b/i.test(text)) return true;
  if (/:/.test(text) && text.length > 12) return true;
  // Only the key column filled and nothing else: a heading rather than an action with no detail.
  return values[keyColumn] !== null && text.length >= 3;
}

function readDeficit(sheet: string, cells: Cells, h: HeaderCandidate, limit: number, origin: Table["origin"]): Table {
  const rows: TableRow[] = [];
  const notes: { row: number; text: string }[] = [];
  let unit: Table["unit"];
  let unitRow: number | undefined;
  let lastRow = h.row;
  const amountColumns = h.columns.filter((c) => c.field === "amount").map((c) => c.index);
  const hasAmounts = (r: number) => amountColumns.some((c) => {
    const a = readAmount(cells.values[r]?.[c]);
    return a !== null && !Number.isNaN(a);
  });
  for (let r = h.row + 1; r < limit; r++) {
    const values = cells.values[r]!;
    const count = nonBlankCount(values);
    if (count === 0) {
      // A spacer row inside the table is common; a table ends where no figures follow.
      if (rows.length > 0 && !hasAmounts(r + 1) && !hasAmounts(r + 2)) {
        collectNotes(cells, r + 1, limit, notes);
        break;
      }
      continue;
    }
    const amountCells = amountColumns.map((c) => values[c]).filter((v) => v !== null);
    if (amountCells.length > 0 && amountCells.every(isUnitLabel)) {
      unit = parseUnit(amountCells[0]) ?? undefined;
      unitRow = r;
      lastRow = r;
      continue;
    }
    // A row of words under the years ("Actual", "Forecast", "Budget") describes the columns.
    if (rows.length === 0 && amountCells.length > 0 && amountCells.every((v) => typeof v === "string" && !looksLikeFigure(v)) && values[0] === null) {
      rows.push({ index: r, role: "unit", cells: values.slice(), fills: cells.fills[r]!.slice(), group: "" });
      lastRow = r;
      continue;
    }
    const label = cellText(values[0]);
    // A line of text with no figures ends the table: a note, a source, an approval.
    if (amountCells.length === 0 && rows.length > 0) {
      collectNotes(cells, r, limit, notes);
      break;
    }
    lastRow = r;
    const role: RowRole = SUBTOTAL.test(label) ? "subtotal" : isTotalRow(values) ? "total" : "data";
    rows.push({ index: r, role, cells: values.slice(), fills: cells.fills[r]!.slice(), group: label });
  }
  // A unit written in the header or a title ("£000") counts too.
  if (!unit) {
    for (const c of [...h.columns, ...h.unmapped]) {
      const found = unitIn(c.header);
      if (found) unit = found;
    }
  }
  return {
    sheet,
    kind: "deficit",
    kindReason: h.kindReason,
    headerRow: h.row,
    ...(unitRow !== undefined ? { unitRow } : {}),
    ...(unit ? { unit } : {}),
    columns: h.columns,
    unmapped: h.unmapped,
    rows,
    ...(notes.length > 0 ? { notes } : {}),
    lastRow: Math.max(lastRow, maxOf(notes.map((n) => n.row))),
    origin,
  };
}

/**
 * Lines under a deficit table read as its notes: footnotes, approvals, and the workings a 2026
 * paper sets under the corkscrew (the Stability Grant's, the deficit by source).
 */
const DEFICIT_NOTE_LINES = 20;

/** Text lines right under a table (up to a blank pair or a new table): footnotes, sources, approvals. */
function collectNotes(cells: Cells, from: number, limit: number, notes: { row: number; text: string }[]): void {
  let blanks = 0;
  for (let r = from; r < limit && notes.length < DEFICIT_NOTE_LINES; r++) {
    const values = cells.values[r]!;
    const count = nonBlankCount(values);
    if (count === 0) {
      if (++blanks >= 2) return;
      continue;
    }
    blanks = 0;
    if (count > 2 || readHeader(values, r)) return;
    const text = values.filter((v) => v !== null).map(cellText).join(" ");
    if (looksLikeFigure(text)) return;
    notes.push({ row: r, text });
  }
}

function looksLikeFigure(v: unknown): boolean {
  const a = readAmount(v);
  // A percentage ("52%") is a figure too: a scorecard's first row is data, never part of its headings.
  return (a !== null && !Number.isNaN(a)) || (typeof v === "string" && readFigure(v) !== null);
}

const SUBTOTAL = /^\s*sub[\s-]*totals?\b/i;
