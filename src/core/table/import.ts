import { maxOf } from "../grid";
import { KIND_RULES } from "./kinds";
import type { ShapeKind } from "./shape/types";
import { READ_AS_HEADER, toScorecardLayout } from "./scorecard-import";
import { keyOf } from "./key-sheet";
import { hasNoDeadline, readDateRange } from "../dates";
import { grouped, quote, quoteInFull } from "../errors";
import { EXCEL_LIMITS } from "../limits";
import { readAmount } from "../money";
import { joinNames } from "../leads";
import { ehcpLayoutPlan, isSuppressed } from "../ehcp";
import { type RagKey, colourOfFill, statusIndex } from "../rag";
import { readTargets } from "../targets";
import { formatDate } from "../years";
import { FIELD_NAMES, beyondHeading, matchHeader, unheadedHeading } from "./headers";
import { columnLetters, location } from "./location";
import { PLAN_FIELDS } from "./reader";
import { joinFragment } from "./rows";
import { corkscrewOf } from "./deficit";
import { MEASURE_FIELDS, budgetSums } from "./budget";
import { conventionOf, decimalsOf } from "../budget";
import type {
  ColumnFormat,
  Field,
  ImportNote,
  ImportNoteKind,
  ImportOptions,
  ImportedTable,
  KeptAt,
  KeptCell,
  SheetGrid,
  Table,
  TableRow,
} from "./types";

/**
 * A table tidied for a sheet of its own: money as numbers, dates as dates, statuses as the
 * key names them, one row per item with its initiative or ref filled in, section headings in a
 * column. What cannot be read stays as it was typed, and every inference is noted. Nothing is
 * lost: every non-blank cell of the table's rows ends up in the table (in an extra column when
 * it has no heading, or sits past the last one), in the lines under it, or in a note quoting it
 * in full — and `kept` says where each went, so that can be proved.
 */
export function importTable(table: Table, options: ImportOptions = {}): ImportedTable {
  if (table.kind === "scorecard") return toScorecardLayout(table, importPlan(table, options), options.asOf === undefined ? {} : { asOf: options.asOf });
  return table.kind === "deficit" ? importDeficit(table) : table.kind === "budget" ? importBudget(table, options) : importPlan(table, options);
}

const TITLES: Record<Table["kind"], string> = {
  "action-plan": "Action plan",
  "savings-plan": "Savings plan",
  deficit: "DSG budget",
  scorecard: "Scorecard",
  budget: "Budget",
};

const KIND_NAMES: Record<Table["kind"], string> = {
  "action-plan": "an action plan",
  "savings-plan": "a savings plan",
  deficit: "a DSG deficit table",
  scorecard: "a strategy scorecard",
  budget: "a budget table (lines by measure)",
};

/** A heading for an extra column that a re-read will not mistake for one of the known headings. */

/**
 * A workstream or initiative column beside a ref column: Word's merged cells paste as blanks
 * under the first row, and every row under it belongs to the same workstream.
 */
const FILL_DOWN = new Set<Field | undefined>(["initiative"]);

function formatOf(field: Field | undefined): ColumnFormat {
  switch (field) {
    case "amount":
    case "total":
      return "money";
    case "start":
    case "end":
      return "date";
    case "rag":
      return "status";
    default:
      return "text";
  }
}

function clean(v: unknown): unknown {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  return v ?? null;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

/** Notes a person must look at first, then what could not be read, then inferences, then cells kept only in the notes. */
const NOTE_ORDER: Record<ImportNoteKind, number> = { attention: 0, unread: 1, inferred: 2, kept: 3 };

/** More columns than a sheet can have (Excel's 16,384), so row × CELL_KEY + column names one cell. */
const CELL_KEY = 65_536;

/**
 * Notes and the record of where each source cell went, built together so a note that keeps a
 * cell can be pointed at once the notes are put in order.
 */
class Ledger {
  readonly notes: ImportNote[] = [];
  private readonly kept: { row: number; column: number; to: KeptAt | { area: "note"; note: ImportNote } }[] = [];
  // Row and column as one number: a string key a cell made the ledger the import's slowest part.
  private readonly placed = new Set<number>();

  constructor(private readonly table: Table) {}

  at(row: number, column: number): string {
    // A table with no heading line has its heading row above the grid: notes about it go to its first row.
    return location(this.table.sheet, Math.max(row, 0), column, this.table.origin);
  }

  note(row: number, column: number, kind: ImportNoteKind, message: string): ImportNote {
    const n: ImportNote = { location: this.at(row, column), kind, message };
    this.notes.push(n);
    return n;
  }

  /** Records that the source cell went to `to`. */
  keep(row: number, column: number, to: KeptAt): void {
    this.kept.push({ row, column, to });
    this.placed.add(row * CELL_KEY + column);
  }

  keepInNote(row: number, column: number, note: ImportNote): void {
    note.keeps = true;
    this.kept.push({ row, column, to: { area: "note", note } });
    this.placed.add(row * CELL_KEY + column);
  }

  has(row: number, column: number): boolean {
    return this.placed.has(row * CELL_KEY + column);
  }

  /** Every non-blank cell of the given rows not yet placed: kept in a note, quoted in full. */
  sweep(values: readonly (readonly unknown[])[], rows: Iterable<number>, why: (row: number) => string): void {
    for (const r of rows) {
      const line = values[r] ?? [];
      for (let c = 0; c < line.length; c++) {
        const v = line[c];
        if (v === null || v === undefined || (typeof v === "string" && v.trim() === "") || this.has(r, c)) continue;
        const n = this.note(r, c, "kept", `${quoteInFull(cellText(v))}: ${why(r)}`);
        this.keepInNote(r, c, n);
      }
    }
  }

  /**
   * The notes in order and where every cell went. A written cell longer than one cell of Excel
   * holds keeps its start, marked as continued, and the rest goes to a note; a note longer than
   * a cell goes on over as many notes as it needs, one after another. Nothing is cut.
   */
  finish(rows: unknown[][], footer: unknown[][]): { notes: ImportNote[]; kept: KeptCell[] } {
    this.continueLongCells("rows", rows);
    this.continueLongCells("footer", footer);
    const order = this.notes.map((n, i) => ({ n, i })).sort((a, b) => NOTE_ORDER[a.n.kind] - NOTE_ORDER[b.n.kind] || a.i - b.i);
    const notes: ImportNote[] = [];
    const index = new Map<ImportNote, number>();
    for (const { n } of order) {
      index.set(n, notes.length);
      notes.push(...continuedNotes(n));
    }
    return {
      notes,
      kept: this.kept.map((k) => ({ row: k.row, column: k.column, to: k.to.area === "note" ? { area: "notes", note: index.get(k.to.note)! } : k.to })),
    };
  }

  private continueLongCells(area: "rows" | "footer", lines: unknown[][]): void {
    lines.forEach((line, r) => {
      line.forEach((v, c) => {
        if (typeof v !== "string" || v.length <= EXCEL_LIMITS.cellCharacters) return;
        const head = cutAt(v, EXCEL_LIMITS.cellCharacters - CONTINUED.length);
        line[c] = v.slice(0, head) + CONTINUED;
        // The note stands at the source cell the written one came from (the first, where lines were joined).
        const from = this.kept.find((k) => k.to.area === area && k.to.row === r && k.to.column === c);
        const n = this.note(
          from?.row ?? this.table.headerRow,
          from?.column ?? 0,
          "kept",
          `The cell holds ${grouped(v.length)} characters, more than the ${grouped(EXCEL_LIMITS.cellCharacters)} one cell of Excel holds: the first ${grouped(head)} are ${area === "rows" ? "in the table" : "under the table"}, ending “${CONTINUED.trim()}”, and the rest is here: “${v.slice(head)}”`,
        );
        n.keeps = true;
      });
    });
  }
}

/** Marks a cell whose text goes on in the import notes. */
const CONTINUED = " … (continued in the import notes)";

/** Where to cut a text at most `limit` long without splitting a character written as two code units. */
function cutAt(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** A note as one or more notes, each within one cell of Excel. */
function continuedNotes(note: ImportNote): ImportNote[] {
  const limit = EXCEL_LIMITS.cellCharacters;
  if (note.message.length <= limit) return [note];
  const marker = (part: number, of: number) => `(continued, part ${part} of ${of}) `;
  // Room for the widest marker a note of this length could need.
  const room = limit - marker(99_999, 99_999).length;
  const pieces: string[] = [];
  for (let at = 0; at < note.message.length; ) {
    const end = at + room >= note.message.length ? note.message.length : at + cutAt(note.message.slice(at, at + room), room);
    pieces.push(note.message.slice(at, end));
    at = end;
  }
  return pieces.map((text, i) => ({ ...note, message: i === 0 ? text : `${marker(i + 1, pieces.length)}${text}` }));
}

function headerNotes(table: Table, ledger: Ledger): void {
  // A table read by its shape is named for the kind its shape showed, not for the lines layout it is written in.
  const shapeName = table.shapeKind ? (KIND_RULES.get(table.shapeKind as ShapeKind)?.name ?? table.shapeKind) : undefined;
  ledger.note(table.headerRow, 0, "inferred", shapeName ? `Read by its shape as ${shapeName}: ${table.kindReason}. Written as lines, each figure under its heading, with its totals checked.` : `Read as ${KIND_NAMES[table.kind]}: ${table.kindReason}.`);
  for (const r of table.headingsAsPasted ?? []) {
    const cells = (table.lineCells?.[r] ?? []).map((v, c) => [v, c] as const).filter(([v]) => v !== null && v !== undefined && String(v).trim() !== "");
    if (cells.length === 0) continue;
    const n = ledger.note(r, cells[0]![1], "attention", `The heading as pasted, a cell to the left of the figures each heads (it had no cell over the labels): ${cells.map(([v]) => quoteInFull(cellText(v))).join(", ")}. Read one column to the right.`);
    for (const [, c] of cells) ledger.keepInNote(r, c, n);
  }
  for (const c of table.columns) {
    // A headless table's columns are named by the add-in: one note says so, for them all.
    if (c.field === "label" || (table.headless && c.header === unheadedTitle(table, c.index))) continue;
    if (c.named) {
      ledger.note(table.headerRow, c.index, "attention", `Column ${columnLetters(c.index + table.origin.column)} has no heading: written as “${c.named}” — ${c.reason}. Check it.`);
      continue;
    }
    if (c.retyped) {
      ledger.note(table.headerRow, c.index, "attention", `“${c.header}” ${c.retyped.why} (${c.retyped.cells} of ${c.retyped.of} cells): read as ${FIELD_NAMES[c.field]}.`);
      continue;
    }
    const what = c.field === "amount" ? `amounts for ${c.reason.replace(/^names the /, "")}` : FIELD_NAMES[c.field];
    ledger.note(table.headerRow, c.index, "inferred", `“${c.header}” read as ${what}${c.field === "amount" ? "" : ` (${c.reason})`}.`);
  }
  for (const u of table.unmapped) {
    if (u.unheaded) {
      ledger.note(table.headerRow, u.index, "attention", `Column ${columnLetters(u.index + table.origin.column)} has no heading but holds cells: kept as it is, under “${unheadedTitle(table, u.index)}”, and not checked.`);
      continue;
    }
    ledger.note(table.headerRow, u.index, "unread", `“${u.header}” is not a heading the reader knows: the column is kept as it is and not checked.`);
  }
}

function unheadedTitle(table: Table, index: number): string {
  return unheadedHeading(index + table.origin.column);
}

function beyondTitle(table: Table, index: number): string {
  return beyondHeading(index + table.origin.column);
}

interface OutColumn {
  index: number;
  header: string;
  field: Field | undefined;
}

/** The grid rows making the heading, the rows a table took in, and its lines below. */
function tableRows(table: Table): number[] {
  const rows = new Set<number>([table.headerRow, ...(table.headingRows ?? [])]);
  for (const r of table.rows) rows.add(r.index);
  if (table.unitRow !== undefined) rows.add(table.unitRow);
  if (table.legend) rows.add(table.legend.row);
  for (const r of table.key?.rows ?? []) rows.add(r);
  for (const n of table.notes ?? []) for (const r of n.rows ?? [n.row]) rows.add(r);
  for (const r of table.colourlessKey?.rows ?? []) rows.add(r);
  return [...rows].sort((a, b) => a - b);
}

/** The grid rows a table takes in, from its first line (a heading wrapped above, a key) to its last. */
export function tableSpan(table: Table): { first: number; last: number } {
  const rows = tableRows(table);
  return { first: Math.min(rows[0]!, table.headerRow), last: Math.max(table.lastRow, rows[rows.length - 1]!) };
}

/** Every row's source cells, as laid out, by grid row: what the sweep checks off. */
function sourceRows(table: Table): unknown[][] {
  const out: unknown[][] = [];
  for (const r of table.rows) out[r.index] = r.cells;
  return out;
}

function importPlan(table: Table, options: ImportOptions): ImportedTable {
  const realign = options.realign === true;
  const ledger = new Ledger(table);
  headerNotes(table, ledger);
  const { key } = keyOf(table);
  const lastHeading = maxOf([...table.columns.map((c) => c.index), ...table.unmapped.map((u) => u.index)]);
  const items = table.rows.filter((r) => r.role === "data" || r.role === "continuation");
  const placedOf = new Map<TableRow, unknown[]>(items.map((r) => [r, placed(r, realign)]));

  // Columns: the headed ones, the unheaded ones, and one for each other column that holds
  // anything once rows are placed (past the last heading, or under none) — nothing is dropped.
  const known = new Set([...table.columns.map((c) => c.index), ...table.unmapped.map((u) => u.index)]);
  const extra = new Set<number>();
  for (const row of table.rows) {
    const cells = placedOf.get(row) ?? (row.role === "total" || row.role === "subtotal" ? row.cells : []);
    for (let c = 0; c < cells.length; c++) if (!known.has(c) && cells[c] !== null && cells[c] !== undefined) extra.add(c);
  }
  const columns: OutColumn[] = [
    ...table.columns.map((c) => ({ index: c.index, header: c.named ? `${c.named} (no heading in the paper)` : c.header, field: c.field as Field | undefined })),
    ...table.unmapped.map((u) => ({ index: u.index, header: u.unheaded ? unheadedTitle(table, u.index) : u.header, field: undefined })),
    ...[...extra].map((c) => ({ index: c, header: c > lastHeading ? beyondTitle(table, c) : unheadedTitle(table, c), field: undefined })),
  ].sort((a, b) => a.index - b.index);
  const keyField: Field = table.kind === "savings-plan" ? (columns.some((c) => c.field === "initiative") ? "initiative" : "milestone") : columns.some((c) => c.field === "ref") ? "ref" : "action";
  const keyColumn = columns.find((c) => c.field === keyField)?.index;
  const hasSections = table.rows.some((r) => r.role === "section");
  const targetColumn = table.kind === "scorecard" ? columns.findIndex((c) => c.field === "target") : -1;
  const lead = hasSections ? 1 : 0;
  // Output position of each grid column, and of the targets read (after the target column).
  const position = new Map<number, number>();
  columns.forEach((c, i) => position.set(c.index, lead + i + (targetColumn >= 0 && i > targetColumn ? 1 : 0)));

  const headers = [...(hasSections ? [table.kind === "scorecard" ? "Perspective" : "Section"] : [])];
  const formats: ColumnFormat[] = [...(hasSections ? (["text"] as ColumnFormat[]) : [])];
  const fields: (Field | null)[] = hasSections ? [table.kind === "scorecard" ? "perspective" : null] : [];
  const years: (number | null)[] = hasSections ? [null] : [];
  const yearOf = new Map(table.columns.map((c) => [c.index, c.year]));
  columns.forEach((c, i) => {
    headers.push(c.header);
    formats.push(formatOf(c.field));
    fields.push(c.field ?? null);
    years.push(c.field === "amount" ? yearOf.get(c.index) ?? null : null);
    if (i === targetColumn) {
      headers.push(READ_AS_HEADER);
      formats.push("text");
      fields.push(null);
      years.push(null);
    }
  });
  const headingCells = [table.headerRow, ...(table.headingRows ?? [])];
  const headerValues = new Map<number, unknown[]>();
  for (const row of table.rows) if (row.role === "note") headerValues.set(row.index, row.cells);
  for (const c of columns) {
    const at = position.get(c.index)!;
    for (const r of headingCells) ledger.keep(r, c.index, { area: "headers", column: at });
  }

  const rows: unknown[][] = [];
  const footer: unknown[][] = [];
  const monthDates = new Map<number, number>();
  const lastSeen = new Map<number, unknown>();
  const statusChanges = new Map<string, { to: string; count: number }>();
  let pendingSections: TableRow[] = [];
  const width = headers.length;
  const blankLine = () => new Array<unknown>(width).fill(null);

  for (const row of table.rows) {
    if (row.role === "section") {
      lastSeen.clear();
      pendingSections.push(row);
      ledger.note(row.index, firstCell(row), "inferred", `${quote(row.section)} is a section heading: written in the ${headers[0]} column of the rows under it.`);
      continue;
    }
    if (row.role === "note") {
      const repeat = row.cells.every((v, c) => cellText(v) === "" || (position.has(c) && cellText(v) === cellText(headerCell(table, c))));
      if (repeat) {
        for (const c of columns) if (row.cells[c.index] !== null) ledger.keep(row.index, c.index, { area: "headers", column: position.get(c.index)! });
        ledger.note(row.index, firstCell(row), "inferred", "A copy of the headings (a paper repeats them on every page): not written again.");
      } else {
        const n = ledger.note(row.index, firstCell(row), "kept", `${row.cells.filter((v) => v !== null).map((v) => quoteInFull(cellText(v))).join(" | ")}: a page footer, not part of the table; kept here.`);
        row.cells.forEach((v, c) => v !== null && ledger.keepInNote(row.index, c, n));
      }
      continue;
    }
    if (row.role === "wrapped") continue; // joined to the row it finishes, below
    const line = blankLine();
    const outRow = row.role === "total" ? footer.length : rows.length;
    const area = row.role === "total" ? "footer" : "rows";
    if (hasSections && row.role !== "total") {
      // Headings in a row with no rows between them all carry on to the rows under the last one.
      const sections = pendingSections;
      line[0] = sections.length > 0 ? sections.map((s) => s.section).filter((s, i, all) => all.indexOf(s) === i).join(" — ") : row.section ?? null;
      for (const s of sections) s.cells.forEach((v, c) => v !== null && ledger.keep(s.index, c, { area, row: outRow, column: 0 }));
      pendingSections = [];
    }
    if (row.role === "subtotal" || row.role === "total") {
      for (const c of columns) {
        line[position.get(c.index)!] = typed(c.field, row.cells[c.index]);
        if (row.cells[c.index] !== null) ledger.keep(row.index, c.index, { area, row: outRow, column: position.get(c.index)! });
      }
      if (row.role === "subtotal") {
        rows.push(line);
        ledger.note(row.index, 0, "inferred", "A subtotal row: kept in place; totals below do not count it twice.");
      } else {
        footer.push(line);
        ledger.note(row.index, 0, "inferred", "A total row: written under the table as it was stated, so the totals can be checked.");
        grandTotalNote(table, row, ledger);
      }
      continue;
    }
    if (row.role !== "data" && row.role !== "continuation") continue;
    const cells = placedOf.get(row)!;
    placementNotes(table, row, realign, ledger, (c) => position.get(c) ?? null, outRow);
    for (const c of columns) {
      let v = clean(cells[c.index]);
      // A scorecard's rows are each an indicator: a blank ref stays blank rather than repeat the
      // ref above, which a check of the written sheet would take for a duplicate the paper never had.
      if (c.index === keyColumn && v === null && row.role === "continuation" && row.group && table.kind !== "scorecard") {
        v = row.group;
        ledger.note(row.index, c.index, "inferred", `Blank ${FIELD_NAMES[keyField]}: the row continues ${quote(row.group)} above, so that is filled in.`);
      } else if (c.index !== keyColumn && FILL_DOWN.has(c.field) && v === null && lastSeen.has(c.index)) {
        // Merged cells in Word paste as blanks under the first row: the workstream carries on.
        v = lastSeen.get(c.index)!;
        ledger.note(row.index, c.index, "inferred", `Blank ${FIELD_NAMES[c.field!]}: filled in from the row above (${quote(v)}), as the row continues it.`);
      }
      if (FILL_DOWN.has(c.field) && v !== null) lastSeen.set(c.index, v);
      line[position.get(c.index)!] = convert(row, c.field, c.header, c.index, v, key, ledger, monthDates, statusChanges);
    }
    if (targetColumn >= 0) {
      const t = columns[targetColumn]!;
      line[position.get(t.index)! + 1] = targetsRead(cells[t.index]);
    }
    rows.push(line);
  }

  const ragColumn = columns.find((c) => c.field === "rag");
  for (const [column, count] of monthDates) {
    const header = columns.find((c) => c.index === column)!;
    const bound = header.field === "start" ? "first" : "last";
    ledger.note(table.headerRow, column, "inferred", `${count} date${count === 1 ? "" : "s"} under “${header.header}” name a month: read as its ${bound} day.`);
  }
  for (const [from, change] of statusChanges) {
    ledger.note(table.headerRow, ragColumn!.index, "inferred", `${quote(from)} written as ${change.to} (${change.count} row${change.count === 1 ? "" : "s"}).`);
  }
  const layOut = (r: number, cells: readonly unknown[]): unknown[] => {
    // A line under the table keeps its columns: each cell under the same heading as in the paper.
    const out = blankLine();
    cells.forEach((v, c) => {
      if (v === null || v === undefined) return;
      let at = position.get(c);
      if (at === undefined) {
        at = out.length;
        out.push(null);
      }
      out[at] = v;
      ledger.keep(r, c, { area: "footer", row: footer.length, column: at });
    });
    return out;
  };
  if (table.legend) {
    footer.push([]);
    footer.push(layOut(table.legend.row, sourceLine(table, table.legend.row)));
    ledger.note(table.legend.row, 0, "inferred", `The lead legend: ${table.legend.entries.length} people, kept under the table.`);
  }
  for (const n of table.notes ?? []) ledger.note(n.row, 0, "inferred", "A line under the table (a note or source): kept under it.");
  const lines = table.notes ?? [];
  if (lines.length > 0) footer.push([]);
  for (const line of lines) {
    const out = blankLine();
    out[lead] = line.text;
    for (const r of line.rows ?? [line.row]) sourceLine(table, r).forEach((v, c) => v !== null && v !== undefined && ledger.keep(r, c, { area: "footer", row: footer.length, column: lead }));
    footer.push(out);
  }
  if (table.colourlessKey) {
    ledger.note(table.colourlessKey.rows[0]!, 0, "attention", "These lines read as a RAG key whose colour names were lost, and match no key the add-in knows: kept as notes, not made into a key. Write the colours beside them.");
  }
  if (table.key) {
    footer.push([]);
    const explicit = /each line/.test(table.key.how);
    if (explicit) {
      // The key as the paper wrote it, so a second reading finds the same key.
      for (const r of table.key.rows) footer.push(layOut(r, sourceLine(table, r)));
    } else {
      // Descriptions whose colours were lost: the colour the reader matched, then the words as written.
      for (const s of table.key.key.statuses) {
        const out = blankLine();
        out[lead] = s.name;
        out[lead + 1] = s.description || null;
        footer.push(out);
      }
      const start = footer.length - table.key.key.statuses.length;
      const joined = keyLinesJoined(table);
      joined.forEach((rowsOfLine, i) => {
        for (const r of rowsOfLine) sourceLine(table, r).forEach((v, c) => v !== null && v !== undefined && ledger.keep(r, c, { area: "footer", row: start + i, column: lead + 1 }));
      });
    }
    const kind: ImportNoteKind = explicit ? "inferred" : "attention";
    ledger.note(table.key.rows[0]!, 0, kind, `The RAG key (${table.key.how}): ${table.key.key.statuses.map((s) => s.name).join(", ")}. Kept under the table; the checks use it for this table.${explicit ? "" : " The colours are the add-in's reading: check them against the paper."}`);
  }

  // Anything in the table's rows not yet placed is kept in a note, quoted in full.
  ledger.sweep(sourceRows(table), table.rows.map((r) => r.index), () => "kept here in full (it has no place in the table).");
  const { notes, kept } = ledger.finish(rows, footer);
  const out = padRows(rows, width);
  return { title: TITLES[table.kind], kind: table.kind, headers, formats, rows: out, footer, ...(table.unit ? { unit: table.unit } : {}), notes, kept, span: tableSpan(table), fields, years, ...(fields.includes("rag") ? { statuses: key.statuses.map((s) => s.name) } : {}) };
}

function padRows(rows: unknown[][], width: number): unknown[][] {
  for (const r of rows) while (r.length < width) r.push(null);
  return rows;
}

function firstCell(row: TableRow): number {
  const c = row.cells.findIndex((v) => v !== null && v !== undefined);
  return c < 0 ? 0 : c;
}

/** The heading cell of a grid column as the paper wrote it. */
function headerCell(table: Table, column: number): unknown {
  const m = table.columns.find((c) => c.index === column);
  if (m) return m.header;
  return table.unmapped.find((u) => u.index === column)?.header ?? null;
}

/** A line under the table as laid out in the grid, from the cells the reader kept for it. */
function sourceLine(table: Table, row: number): unknown[] {
  return table.lineCells?.[row] ?? [];
}

/** For a key read from descriptions alone: the grid rows of each description, wrapped lines together. */
function keyLinesJoined(table: Table): number[][] {
  return table.key!.lineRows ?? table.key!.rows.map((r) => [r]);
}

/** A row's cells as the import writes them: put back in line if asked, wrapped lines joined. */
function placed(row: TableRow, realign: boolean): unknown[] {
  const base = realign && row.realignment ? row.realignment.cells : row.cells;
  if (!row.wrapped || row.wrapped.length === 0) return base;
  const out = base.slice();
  for (const w of row.wrapped) {
    const moved = realign ? row.realignment?.moves.find((m) => m.how === "moved" && m.from[0] === w.column) : undefined;
    const column = moved ? moved.to : w.column;
    out[column] = joinFragment(out[column], w.text);
  }
  return out;
}

/**
 * Notes for a row the reader put back (or proposes to), and the record of where each of its
 * cells went, wrapped lines included.
 */
function placementNotes(table: Table, row: TableRow, realign: boolean, ledger: Ledger, position: (gridColumn: number) => number | null, outRow: number): void {
  const r = row.realignment;
  const target = (c: number): KeptAt => ({ area: "rows", row: outRow, column: position(c) ?? 0 });
  const name = (c: number) => {
    const m = table.columns.find((x) => x.index === c);
    if (m) return m.header || m.named || `column ${columnLetters(c + table.origin.column)}`;
    const u = table.unmapped.find((x) => x.index === c);
    return u?.header || (u || c <= lastHeadingOf(table) ? unheadedTitle(table, c) : beyondTitle(table, c));
  };
  const movedFrom = new Map<number, number>();
  if (r && realign) {
    for (const m of r.moves) {
      for (const c of m.from) {
        movedFrom.set(c, m.to);
        ledger.keep(row.index, c, target(m.to));
      }
    }
    for (const m of r.moves) {
      const from = m.from[0]!;
      const original = row.cells[from];
      if (m.how === "split") {
        if (m.to !== from) continue;
        const parts = r.moves.filter((x) => x.how === "split" && x.from[0] === from);
        ledger.note(row.index, from, "attention", `${quote(original)} held two things in one cell: split into ${parts.map((p) => `${quote(p.value)} under “${name(p.to)}”`).join(" and ")}, and the cells after it put back in line.`);
      } else if (m.how === "joined") {
        if (m !== r.moves.find((x) => x.how === "joined" && x.from[0] === from)) continue;
        const made = r.moves.filter((x) => x.how === "joined" && x.from[0] === from);
        const pieces = m.from.map((c) => quoteInFull(cellText(row.cells[c]))).join(" | ");
        const n = ledger.note(row.index, from, "attention", `A guess: ${pieces} look like dates a PDF cut across cells, put back as ${made.map((x) => `${quote(x.value)} under “${name(x.to)}”`).join(", ")}. Check them against the paper.`);
        for (const c of m.from) ledger.keepInNote(row.index, c, n);
      } else {
        ledger.note(row.index, from, "attention", `${quote(original)} sat under “${name(from)}”, out of line: moved to “${name(m.to)}”, where it fits.`);
      }
    }
  } else if (r) {
    ledger.note(row.index, r.moves[0]!.from[0]!, "attention", `The row looks out of line: ${r.moves.map((m) => `${quote(m.value)} would go under “${name(m.to)}”`).join(", ")}. Kept as laid out (import with --realign, or tick “Move rows pasted out of line back”, to move them).${r.guess ? ` ${r.guess}` : ""}`);
  }
  const last = lastHeadingOf(table);
  row.cells.forEach((v, c) => {
    if (v === null || v === undefined || movedFrom.has(c)) return;
    ledger.keep(row.index, c, target(c));
    if (c > last) {
      ledger.note(row.index, c, "attention", `${quote(v)} sits past the last heading: kept in a column of its own, “${beyondTitle(table, c)}”.`);
    }
  });
  for (const w of row.wrapped ?? []) {
    const moved = realign ? r?.moves.find((m) => m.how === "moved" && m.from[0] === w.column) : undefined;
    ledger.keep(w.row, w.column, target(moved ? moved.to : w.column));
    ledger.note(w.row, w.column, "inferred", `${quote(w.text)} is on a line of its own but finishes the cell above (a PDF wraps long cells): joined to it.`);
  }
}

function lastHeadingOf(table: Table): number {
  return maxOf([...table.columns.map((c) => c.index), ...table.unmapped.map((u) => u.index)]);
}

/** On a total row, a figure under a heading that is not a year is the grand total: say how it is read. */
function grandTotalNote(table: Table, row: TableRow, ledger: Ledger): void {
  const years = table.columns.filter((c) => c.field === "amount");
  if (years.length < 2) return;
  const lastYear = maxOf(years.map((y) => y.index));
  row.cells.forEach((v, c) => {
    if (c <= lastYear || v === null || v === undefined) return;
    const a = readAmount(v);
    if (a === null || Number.isNaN(a)) return;
    ledger.note(row.index, c, "inferred", `${quote(v)} on the total row, under a heading that is not a year, is read as the grand total of the years; kept where it is.`);
  });
}

function typed(field: Field | undefined, v: unknown): unknown {
  const c = clean(v);
  if ((field === "amount" || field === "total") && c !== null) {
    const a = readAmount(c);
    return a === null || Number.isNaN(a) ? c : a;
  }
  return c;
}

/** A scorecard's targets as read, year by year: "2026: 15%; 2027: 18%". */
function targetsRead(v: unknown): string | null {
  if (v === null || v === undefined || cellText(v) === "") return null;
  const read = readTargets(v);
  if (read.targets.length === 0 && read.undated.length === 0) return "not read";
  const shown = [...read.targets.map((t) => ({ ...t, when: t.year.text })), ...read.undated.map((t) => ({ ...t, when: "any year" }))].map((t) => {
    const figure = t.unit === "%" ? `${t.value}%` : t.unit === "£" ? `£${t.value.toLocaleString("en-GB")}` : t.value.toLocaleString("en-GB");
    return `${t.when}: ${figure}${t.change ? ` ${t.change}` : ""}${t.measure ? ` ${t.measure}` : ""}`;
  });
  return [...shown, ...read.unread.map((u) => `not read: ${u}`)].join("; ");
}

function convert(
  row: TableRow,
  field: Field | undefined,
  header: string,
  column: number,
  v: unknown,
  key: RagKey,
  ledger: Ledger,
  monthDates: Map<number, number>,
  statusChanges: Map<string, { to: string; count: number }>,
): unknown {
  if (field === "amount" || field === "total") {
    if (v === null) return null;
    const a = readAmount(v);
    if (a === null || Number.isNaN(a)) {
      ledger.note(row.index, column, "unread", `${quote(v)} under “${header}” is not an amount: kept as text.`);
      return v;
    }
    return a;
  }
  if (field === "start" || field === "end") {
    if (v === null) return null;
    const range = readDateRange(v);
    if (!range) {
      if (typeof v === "string" && hasNoDeadline(v)) {
        ledger.note(row.index, column, "inferred", `${quote(v)} under “${header}” means no fixed date: kept as written.`);
      } else {
        ledger.note(row.index, column, "unread", `${quote(v)} under “${header}” is not a date: kept as text.`);
      }
      return v;
    }
    const day = field === "start" ? range.start : range.end;
    if (range.start === range.end || typeof v === "number") return day;
    const span = range.end - range.start;
    if (span >= 27 && span <= 30) {
      monthDates.set(column, (monthDates.get(column) ?? 0) + 1);
    } else {
      ledger.note(row.index, column, "inferred", `${quote(v)} covers ${formatDate(range.start)} to ${formatDate(range.end)}: read as ${formatDate(day)}, its ${field === "start" ? "first" : "last"} day.`);
    }
    return day;
  }
  if (field === "rag") {
    if (v === null) {
      const fill = colourOfFill(row.fills[column]);
      if (fill) ledger.note(row.index, column, "unread", `The status is only a ${fill.toLowerCase()} fill: left blank here. Write “${fill}” in the cell.`);
      return null;
    }
    const i = statusIndex(v, key);
    if (i < 0) {
      ledger.note(row.index, column, "unread", `${quote(v)} is not in the RAG key: kept as typed.`);
      return v;
    }
    const name = key.statuses[i]!.name;
    if (String(v) !== name) {
      const from = String(v);
      const change = statusChanges.get(from) ?? { to: name, count: 0 };
      change.count++;
      statusChanges.set(from, change);
    }
    return name;
  }
  return v;
}

/** Whether a heading, written back into a budget's table, would make it read back as a plan. */
function readsAsPlanHeading(header: string): boolean {
  const m = matchHeader(header);
  return m !== null && PLAN_FIELDS.has(m.field);
}

function importDeficit(table: Table): ImportedTable {
  const ledger = new Ledger(table);
  headerNotes(table, ledger);
  const years = table.columns.filter((c) => c.field === "amount");
  const label = table.columns.find((c) => c.field === "label");
  // Columns beside the years (notes, a total) are kept after them, so nothing is dropped.
  const others = [
    ...table.columns.filter((c) => c.field !== "amount" && c.field !== "label").map((c) => ({ index: c.index, header: c.header })),
    ...table.unmapped.map((u) => ({ index: u.index, header: u.header })),
  ].sort((a, b) => a.index - b.index);
  const unitLabel = table.unit ?? "£";
  if (table.unitRow !== undefined) {
    const texts = [...new Set(sourceLine(table, table.unitRow).filter((v) => v !== null && v !== undefined).map(cellText))];
    const n = ledger.note(table.unitRow, years[0]!.index, "inferred", `${texts.map((t) => quoteInFull(t)).join(", ")} under the years: figures are in ${unitLabel}, written as they stand, not rescaled.`);
    sourceLine(table, table.unitRow).forEach((v, c) => v !== null && v !== undefined && ledger.keepInNote(table.unitRow!, c, n));
  }
  // "Actual" / "Forecast" written under the years joins the year heading.
  const describing = table.rows.find((r) => r.role === "unit");
  // The corner cell's own words head the labels (a title, "Budget line"); the unit where it is blank.
  const corner = label ? cellText(label.header) : "";
  const described = (index: number, header: string) => {
    const word = describing ? describing.cells[index] : null;
    return typeof word === "string" && word.trim() !== "" ? `${header} ${word.trim()}` : header;
  };
  const headers = [corner || unitLabel, ...years.map((c) => described(c.index, c.header))];
  const extraHeaders = others.map((o) => {
    if (o.header === "") return described(o.index, unheadedTitle(table, o.index));
    if (!readsAsPlanHeading(o.header)) return described(o.index, o.header);
    const n = ledger.note(table.headerRow, o.index, "attention", `${quoteInFull(o.header)} beside the years is kept as “Column ${columnLetters(o.index + table.origin.column)} (kept)”: written as it is, it would make the budget read back as a plan.`);
    for (const r of [table.headerRow, ...(table.headingRows ?? [])]) ledger.keepInNote(r, o.index, n);
    return described(o.index, `Column ${columnLetters(o.index + table.origin.column)} (kept)`);
  });
  headers.push(...extraHeaders);
  const formats: ColumnFormat[] = ["text", ...years.map(() => "money" as ColumnFormat), ...others.map(() => "text" as ColumnFormat)];
  const positions = new Map<number, number>();
  years.forEach((c, i) => positions.set(c.index, 1 + i));
  others.forEach((o, i) => positions.set(o.index, 1 + years.length + i));
  for (const r of [table.headerRow, ...(table.headingRows ?? [])]) {
    if (label) ledger.keep(r, label.index, { area: "headers", column: 0 });
    for (const [c, at] of positions) if (!ledger.has(r, c)) ledger.keep(r, c, { area: "headers", column: at });
  }
  if (describing) describing.cells.forEach((v, c) => v !== null && positions.has(c) && ledger.keep(describing.index, c, { area: "headers", column: positions.get(c)! }));
  const rows: unknown[][] = [];
  const written = new Map<TableRow, number>();
  for (const row of table.rows) {
    if (row.role === "unit") continue;
    if (row.role === "note") {
      row.cells.forEach((v, c) => v !== null && ledger.keep(row.index, c, { area: "headers", column: positions.get(c) ?? 0 }));
      continue;
    }
    const out: unknown[] = [row.group];
    written.set(row, rows.length);
    if (row.cells[0] !== null) ledger.keep(row.index, 0, { area: "rows", row: rows.length, column: 0 });
    for (const c of years) {
      const v = clean(row.cells[c.index]);
      if (v !== null) ledger.keep(row.index, c.index, { area: "rows", row: rows.length, column: positions.get(c.index)! });
      if (v === null) {
        out.push(null);
        continue;
      }
      const a = readAmount(v);
      if (a === null || Number.isNaN(a)) {
        ledger.note(row.index, c.index, "unread", `${quote(v)} is not an amount: kept as text.`);
        out.push(v);
      } else out.push(a);
    }
    for (const o of others) {
      const v = clean(row.cells[o.index]);
      if (v !== null) ledger.keep(row.index, o.index, { area: "rows", row: rows.length, column: positions.get(o.index)! });
      out.push(v);
    }
    rows.push(out);
  }
  const footer: unknown[][] = [];
  const lines = table.notes ?? [];
  for (const n of lines) ledger.note(n.row, 0, "inferred", "A line under the table (a note or source): kept under it.");
  if (lines.length > 0) footer.push([]);
  for (const line of lines) {
    for (const r of line.rows ?? [line.row]) sourceLine(table, r).forEach((v, c) => v !== null && v !== undefined && ledger.keep(r, c, { area: "footer", row: footer.length, column: 0 }));
    footer.push([line.text]);
  }
  ledger.sweep(sourceRows(table), table.rows.map((r) => r.index), () => "kept here in full (it has no place in the table).");
  const { notes, kept } = ledger.finish(rows, footer);
  // The rows the checks and the paper read as the corkscrew (corkscrewOf), where they were written.
  const cork = corkscrewOf(table);
  const at = (row: TableRow | undefined) => (row ? written.get(row) : undefined);
  const bf = at(cork.broughtForward);
  const cf = at(cork.carriedForward);
  const movements = cork.movements.map(at).filter((r): r is number => r !== undefined);
  const impact = at(cork.impact);
  const corkscrew = bf !== undefined && cf !== undefined ? { broughtForward: bf, carriedForward: cf, movements, ...(impact !== undefined ? { impact } : {}) } : undefined;
  const fields: (Field | null)[] = ["label", ...years.map((): Field => "amount"), ...others.map(() => null)];
  const yearsOut: (number | null)[] = [null, ...years.map((c) => c.year ?? null), ...others.map(() => null)];
  return { title: TITLES.deficit, kind: "deficit", headers, formats, rows, footer, ...(table.unit ? { unit: table.unit } : {}), notes, kept, span: tableSpan(table), fields, years: yearsOut, ...(corkscrew ? { corkscrew } : {}) };
}

/**
 * Cells of a grid outside every table found in it (a title above a table, a line between two
 * tables), as notes that quote each line in full: nothing pasted is lost.
 */
export function outsideNotes(grid: SheetGrid, tables: readonly { span: { first: number; last: number } }[], skip: readonly { first: number; last: number }[] = []): { notes: ImportNote[]; kept: KeptCell[] } {
  const notes: ImportNote[] = [];
  const kept: KeptCell[] = [];
  const spans = [...tables.map((t) => t.span), ...skip];
  const inside = (r: number) => spans.some((span) => r >= span.first && r <= span.last);
  const origin = grid.origin ?? { row: 0, column: 0 };
  grid.values.forEach((line, r) => {
    if (inside(r)) return;
    const cells = line.map((v, c) => ({ v, c })).filter(({ v }) => v !== null && v !== undefined && !(typeof v === "string" && v.trim() === ""));
    if (cells.length === 0) return;
    const note: ImportNote = {
      location: location(grid.name, r, cells[0]!.c, origin),
      kind: "kept",
      message: `${cells.map(({ v }) => quoteInFull(cellText(v))).join(" | ")}: a line outside the table${tables.length === 1 ? "" : "s"}, kept here in full.`,
      keeps: true,
    };
    // A line longer than one cell of Excel holds goes on over the notes after it.
    for (const { c } of cells) kept.push({ row: r, column: c, to: { area: "notes", note: notes.length } });
    notes.push(...continuedNotes(note));
  });
  return { notes, kept };
}

/**
 * A budget table written as it is kept: every line in order (section headings, lines,
 * subtotals, totals), the line labels and codes as text, the measures as figures in the table's
 * unit. `budgetRows` says what each written row is, so the checks sheet can put formulas over
 * the right ones. A row with a stray empty cell is closed up only when asked (--realign).
 */
/**
 * EHCP numbers go into the DSG management plan's layout on the checks sheet: a line whose
 * placement DfE's category is only a guess from its words, or that has no place, is said here.
 */
function ehcpNotes(table: Table, lines: readonly TableRow[], roles: readonly ("line" | "section" | "subtotal" | "total")[], columns: readonly OutColumn[], ledger: Ledger): void {
  const figures = columns.filter((c) => c.field !== undefined && MEASURE_FIELDS.has(c.field));
  const plan = ehcpLayoutPlan(
    lines.map((r, i) => ({ label: r.group, role: roles[i]! })),
    figures.map((c) => ({ heading: c.header, total: c.field === "total" })),
  );
  if (!plan) return;
  const label = table.columns.find((c) => c.field === "label")?.index ?? 0;
  const shown = 20;
  for (const g of plan.guesses.slice(0, shown)) {
    ledger.note(lines[g.row]!.index, label, "attention", `${quote(g.label)} is placed in DfE's category “${g.to}” in the plan's layout: a guess from its words. Check it before the plan goes to DfE.`);
  }
  for (const u of plan.unplaced.slice(0, shown)) {
    const what = plan.by === "age" ? "age group" : plan.by === "need" ? "primary need" : "placement category";
    ledger.note(lines[u.row]!.index, label, "attention", `${quote(u.label)} is not one of DfE's ${what === "age group" ? "age groups" : what === "primary need" ? "primary needs" : "seven placement categories"}: left out of the plan's layout (its count stays in the table).`);
  }
  const more = plan.guesses.length + plan.unplaced.length - Math.min(plan.guesses.length, shown) - Math.min(plan.unplaced.length, shown);
  if (more > 0) ledger.note(table.headerRow, label, "attention", `${grouped(more)} more lines are placed by a guess or left out of the plan's layout in the same way.`);
}

/** The sheet a table read by its shape is written to: named for its kind. */
function shapeTitle(kind: string): string {
  return KIND_RULES.get(kind as ShapeKind)?.sheetTitle ?? "Table";
}

function importBudget(table: Table, options: ImportOptions): ImportedTable {
  const realign = options.realign === true;
  const ledger = new Ledger(table);
  headerNotes(table, ledger);
  if (table.headless) {
    const named = table.columns.filter((c) => c.field !== "label").map((c) => `“${c.header}”`);
    ledger.note(table.headerRow + 1, 0, "attention", `The table came without its heading line: its figures are written under headings the add-in gave them (${joinNames(named)}). Type the real headings over them; the checks follow the cells, not the names.`);
  }
  const lastHeading = lastHeadingOf(table);
  const lines = table.rows.filter((r) => r.role !== "unit" && r.role !== "note");
  const placedOf = new Map<TableRow, unknown[]>(lines.map((r) => [r, placed(r, realign)]));
  const known = new Set([...table.columns.map((c) => c.index), ...table.unmapped.map((u) => u.index)]);
  const extra = new Set<number>();
  for (const cells of placedOf.values()) for (let c = 0; c < cells.length; c++) if (!known.has(c) && cells[c] !== null && cells[c] !== undefined) extra.add(c);
  const columns: OutColumn[] = [
    ...table.columns.map((c) => ({ index: c.index, header: c.header === "" ? (c.field === "code" ? "Line" : "Description") : c.header, field: c.field as Field | undefined })),
    ...table.unmapped.map((u) => ({ index: u.index, header: u.unheaded ? unheadedTitle(table, u.index) : u.header, field: undefined })),
    ...[...extra].map((c) => ({ index: c, header: c > lastHeading ? beyondTitle(table, c) : unheadedTitle(table, c), field: undefined })),
  ].sort((a, b) => a.index - b.index);
  const position = new Map<number, number>(columns.map((c, i) => [c.index, i]));
  for (const r of [table.headerRow, ...(table.headingRows ?? [])]) for (const c of columns) if (known.has(c.index)) ledger.keep(r, c.index, { area: "headers", column: position.get(c.index)! });
  const blank = table.columns.find((c) => c.header === "" && !MEASURE_FIELDS.has(c.field));
  if (blank) ledger.note(table.headerRow, blank.index, "inferred", `The lines' column has no heading: written as “${columns[position.get(blank.index)!]!.header}”.`);
  const unitLabel = table.unit ?? "£";
  if (table.unitRow !== undefined) {
    const n = ledger.note(table.unitRow, columns.find((c) => c.field && MEASURE_FIELDS.has(c.field))?.index ?? 0, "inferred", `${[...new Set(sourceLine(table, table.unitRow).filter((v) => v !== null && v !== undefined).map((v) => quoteInFull(cellText(v))))].join(", ")} under the headings: figures are in ${unitLabel}, written as they stand, not rescaled.`);
    sourceLine(table, table.unitRow).forEach((v, c) => v !== null && v !== undefined && ledger.keepInNote(table.unitRow!, c, n));
  } else if (table.unit) {
    ledger.note(table.headerRow, 0, "inferred", `Figures are in ${table.unit}, as the title or headings say: written as they stand, not rescaled.`);
  }
  const isMeasure = (c: OutColumn) => c.field !== undefined && MEASURE_FIELDS.has(c.field);
  const rows: unknown[][] = [];
  const budgetRows: ("line" | "section" | "subtotal" | "total")[] = [];
  let mostDecimals = 0;
  const decimalsSeen = new Set<number>();
  const byRole = new Map<TableRow["role"], TableRow[]>();
  for (const row of lines) {
    const cells = placedOf.get(row)!;
    placementNotes(table, row, realign, ledger, (c) => position.get(c) ?? null, rows.length);
    const out = columns.map((c) => {
      const v = clean(cells[c.index]);
      if (v === null || !isMeasure(c)) return v === null ? null : typeof v === "number" && c.field === "code" ? String(v) : v;
      const a = readAmount(v);
      if (a === null || Number.isNaN(a)) {
        if (table.shapeKind === "ehcp-numbers" && isSuppressed(v)) ledger.note(row.index, c.index, "unread", `${quote(v)} under “${c.header}” is a count the publisher held back (suppressed): kept as text, and counted as nothing in the plan's layout.`);
        else ledger.note(row.index, c.index, "unread", `${quote(v)} under “${c.header}” is not an amount: kept as text.`);
        return v;
      }
      if (typeof v === "string") {
        const d = decimalsOf(v);
        if (d > 0) decimalsSeen.add(d);
        mostDecimals = Math.max(mostDecimals, d);
      }
      return a;
    });
    if (row.role === "section" || row.role === "subtotal" || row.role === "total") (byRole.get(row.role) ?? byRole.set(row.role, []).get(row.role)!).push(row);
    rows.push(out);
    budgetRows.push(row.role === "section" ? "section" : row.role === "subtotal" ? "subtotal" : row.role === "total" ? "total" : "line");
  }
  // One note a kind of row, not one a row: a budget of 1,700 sections would bury the notes that matter.
  const said = { section: "a heading over the lines under it, written as a line of its own", subtotal: "a subtotal, kept as stated and checked on the checks sheet", total: "a total, kept as stated and checked on the checks sheet" } as const;
  for (const [role, list] of byRole) {
    const names = list.slice(0, 3).map((r) => quote(r.group)).join(", ");
    const more = list.length > 3 ? ` and ${list.length - 3} more` : "";
    ledger.note(list[0]!.index, firstCell(list[0]!), "inferred", `${names}${more} ${list.length === 1 ? "is" : "are each"} read as ${said[role as keyof typeof said]}.`);
  }
  if (decimalsSeen.size > 1) ledger.note(table.headerRow, 0, "inferred", `Figures were given to ${[...decimalsSeen].sort().join(" and ")} decimal places: written as numbers, shown to ${mostDecimals}.`);
  if (table.shapeKind === "ehcp-numbers") ehcpNotes(table, lines, budgetRows, columns, ledger);
  const footer: unknown[][] = [];
  const notesUnder = table.notes ?? [];
  if (notesUnder.length > 0) footer.push([]);
  for (const line of notesUnder) {
    ledger.note(line.row, 0, "inferred", "A line under the table (a note or source): kept under it.");
    for (const r of line.rows ?? [line.row]) sourceLine(table, r).forEach((v, c) => v !== null && v !== undefined && ledger.keep(r, c, { area: "footer", row: footer.length, column: 0 }));
    footer.push([line.text]);
  }
  ledger.sweep(sourceRows(table), table.rows.filter((r) => r.role !== "unit").map((r) => r.index), () => "kept here in full (it has no place in the table).");
  const { notes, kept } = ledger.finish(rows, footer);
  // What adds to what, by written row, for the checks sheet's formulas (the checks read the same).
  const writtenAt = new Map(lines.map((r, i) => [r, i]));
  const writtenRow = new Map(lines.map((r, i) => [r.index, i]));
  const sums = table.shapeSums
    ? table.shapeSums.flatMap((sum) => {
        const row = writtenRow.get(sum.row);
        const parts = sum.parts.map((p) => writtenRow.get(p));
        return row === undefined || parts.some((p) => p === undefined) ? [] : [{ kind: sum.kind, row, parts: parts as number[] }];
      })
    : budgetSums(table.rows).map((sum) => ({ kind: sum.kind, row: writtenAt.get(sum.row)!, parts: sum.parts.map((p) => writtenAt.get(p)!) }));
  const budgetAt = columns.findIndex((c) => c.field === "budget");
  const outturnAt = columns.findIndex((c) => c.field === "outturn");
  const varianceAt = columns.findIndex((c) => c.field === "variance");
  const triples = budgetAt < 0 || outturnAt < 0 || varianceAt < 0 ? [] : rows.flatMap((r) => (typeof r[budgetAt] === "number" && typeof r[outturnAt] === "number" && typeof r[varianceAt] === "number" ? [{ budget: r[budgetAt] as number, outturn: r[outturnAt] as number, variance: r[varianceAt] as number }] : []));
  const formats: ColumnFormat[] = columns.map((c) => (isMeasure(c) && c.field !== "variancePercent" && !table.plainFigures ? "money" : isMeasure(c) ? "number" : "text"));
  return {
    title: table.shapeKind ? shapeTitle(table.shapeKind) : TITLES.budget,
    kind: "budget",
    ...(table.shapeKind ? { shapeKind: table.shapeKind } : {}),
    headers: columns.map((c) => c.header),
    formats,
    rows,
    footer,
    ...(table.unit ? { unit: table.unit } : {}),
    notes,
    kept,
    span: tableSpan(table),
    fields: columns.map((c) => c.field ?? null),
    years: columns.map(() => null),
    budgetRows,
    sums,
    ...(triples.length > 0 ? { convention: conventionOf(triples, 0.5 * 10 ** -mostDecimals).convention } : {}),
    ...(mostDecimals > 0 ? { decimals: mostDecimals } : {}),
  };
}
