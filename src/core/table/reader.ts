import { type LegendEntry, parseLegend } from "../leads";
import { isUnitLabel, parseUnit, readAmount } from "../money";
import { readDateRange } from "../dates";
import { COLOURS, COLOUR_ORDER, type Colour, type KeyEntry, type RagKey, buildKey, normaliseStatus, statusIndex } from "../rag";
import { findYearLabel } from "../years";
import { isPlainHeading, matchHeader } from "./headers";
import type {
  ColumnMapping,
  Field,
  KeyLines,
  LegendLine,
  Realignment,
  RowRole,
  SheetGrid,
  Table,
  TableKind,
  TableRow,
} from "./types";

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
  unmapped: { index: number; header: string }[];
  kind: TableKind;
  kindReason: string;
}

/** Columns that make a table a plan of actions or initiatives rather than a budget. */
const PLAN_FIELDS = new Set<Field>(["initiative", "milestone", "rag", "lead", "action", "start", "end", "outcomes", "aims", "risks", "priority"]);

/** Why a table has the kind it has when the user chose it, as the import preview says. */
export const KIND_CHOSEN = "chosen by you rather than guessed from the headings";

function readHeader(values: unknown[], row: number, force?: TableKind): HeaderCandidate | null {
  // Two cells that are headings by their exact words (or year labels) before anything else is
  // tried: content rows rarely have two, and this keeps a 20,000-row sheet quick to read.
  let plain = 0;
  for (const v of values) if (v !== null && isPlainHeading(v)) plain++;
  if (plain < 2) return null;
  const columns: ColumnMapping[] = [];
  const unmapped: { index: number; header: string }[] = [];
  let textCells = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null) continue;
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
    const firstAmount = Math.min(...columns.filter((c) => c.field === "amount").map((c) => c.index));
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
  unmapped: { index: number; header: string }[],
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
  // A budget's label column read as a plan names each row by its first column.
  const planColumns = columns.map((c) => (c.field === "label" ? { ...c, field: (force === "savings-plan" ? "initiative" : "action") as Field, reason: "the first column" } : c));
  const named = planColumns.some((c) => ["initiative", "milestone", "action", "ref"].includes(c.field));
  if (!named && !planColumns.some((c) => c.index === 0)) {
    planColumns.unshift({ index: 0, header: cellText(values[0]), field: force === "savings-plan" ? "initiative" : "action", reason: "the first column" });
  }
  if (planColumns.length < 2) return null;
  return { row, columns: planColumns, unmapped: unmapped.filter((u) => !planColumns.some((c) => c.index === u.index)), kind: force, kindReason: KIND_CHOSEN };
}

// ---------------------------------------------------------------------------------------------
// Cell kinds, for spotting rows pasted out of line

const MONEY_MARKS = /£|^\(.*\d.*\)$|\d,\d{3}|\d\s*(?:k|m|bn)$/i;

/** Text that is plainly money (a £ sign, brackets, thousands commas, k/m) or a large number. */
export function looksLikeMoney(v: unknown): boolean {
  if (typeof v === "number") return Math.abs(v) >= 1000;
  if (typeof v !== "string") return false;
  const t = v.trim();
  // The pattern first: it turns away ordinary text at once, so readAmount sees only candidates.
  if (!MONEY_MARKS.test(t)) return false;
  const a = readAmount(t);
  return a !== null && !Number.isNaN(a);
}

function isAmountOrBlank(v: unknown): boolean {
  if (v === null) return true;
  const a = readAmount(v);
  return a !== null && !Number.isNaN(a);
}

/** Whether a cell breaks what its column holds. Only clear breaks count; unreadable dates are the date checks' business. */
function misfits(field: Field | undefined, v: unknown): boolean {
  if (v === null) return false;
  switch (field) {
    case undefined:
      return true; // a cell beyond the last heading
    case "amount":
    case "total":
      return !isAmountOrBlank(v);
    case "costs":
    case "ref":
    case "label":
      return false;
    case "rag":
    case "lead":
      return looksLikeMoney(v);
    default:
      // Elsewhere a number may be a date (workbooks hold dates as serial numbers) or a count:
      // only text that is plainly money is out of place.
      return typeof v === "string" && looksLikeMoney(v);
  }
}

function fieldsByColumn(columns: ColumnMapping[], width: number): (Field | undefined)[] {
  const fields = new Array<Field | undefined>(width).fill(undefined);
  for (const c of columns) fields[c.index] = c.field;
  return fields;
}

function countMisfits(cells: unknown[], fields: (Field | undefined)[], lastHeader: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < cells.length; c++) {
    const field = c > lastHeader ? undefined : fields[c];
    if (field === undefined && c <= lastHeader) continue; // an unmapped heading: anything goes
    if (misfits(field, cells[c])) out.push(c);
  }
  return out;
}

const MAX_SHIFT = 3;

/**
 * A row whose cells break their columns' types is tried shifted: the cells from some column on
 * moved left or right by up to three places, into blanks only (nothing is overwritten or
 * dropped). The smallest shift that leaves no misfit is proposed.
 */
function proposeRealignment(cells: unknown[], fields: (Field | undefined)[], lastHeader: number): Realignment | undefined {
  const before = countMisfits(cells, fields, lastHeader);
  if (before.length === 0) return undefined;
  const width = cells.length;
  let best: { cells: unknown[]; from: number; shift: number; fit: number } | null = null;
  for (let magnitude = 1; magnitude <= MAX_SHIFT && !best; magnitude++) {
    for (const shift of [-magnitude, magnitude]) {
      // From the right: of equal fits, the shift that moves the fewest cells.
      for (let from = width - 1; from >= 1; from--) {
        const moved = shiftCells(cells, from, shift, lastHeader + 1);
        if (!moved || countMisfits(moved, fields, lastHeader).length > 0) continue;
        const fit = goodFits(moved, fields);
        if (!best || fit > best.fit) best = { cells: moved, from, shift, fit };
      }
    }
  }
  if (!best) return undefined;
  // One stray value (a "TBC" in the last year beside an empty notes column) is not evidence of a
  // shifted row: it takes two misfits, or two cells that move.
  let movedCells = 0;
  for (let c = 0; c < best.cells.length; c++) if (best.cells[c] !== null && best.cells[c] !== (cells[c] ?? null)) movedCells++;
  if (before.length < 2 && movedCells < 2) return undefined;
  // Report the move from the first cell that actually moves, not from the blanks before it.
  let from = best.from;
  while (from < cells.length && (cells[from] === null || cells[from] === undefined)) from++;
  return { cells: best.cells, from, shift: best.shift, misfits: before };
}

/** How many cells hold what their column is for: a status under RAG, a date under a date, money under a year. */
function goodFits(cells: unknown[], fields: (Field | undefined)[]): number {
  let fit = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === null || v === undefined) continue;
    switch (fields[c]) {
      case "rag":
        if (statusIndex(v) >= 0) fit++;
        break;
      case "lead":
        if (statusIndex(v) >= 0) fit--; // "Green" under Lead is a status in the wrong place
        break;
      case "start":
      case "end":
        if (readDateRange(v)) fit++;
        break;
      case "amount":
      case "total":
        if (looksLikeFigure(v)) fit++;
        break;
      default:
        break;
    }
  }
  return fit;
}

/** Cells from `from` moved by `shift`, if that overwrites and drops only blanks. */
function shiftCells(cells: unknown[], from: number, shift: number, headerWidth: number): unknown[] | null {
  const width = Math.max(cells.length, headerWidth);
  const out = new Array<unknown>(width).fill(null);
  for (let c = 0; c < from; c++) out[c] = cells[c] ?? null;
  for (let c = from; c < cells.length; c++) {
    const v = cells[c] ?? null;
    const target = c + shift;
    if (v === null) continue;
    if (target < 0 || target >= headerWidth) return null;
    if (target < from && out[target] !== null) return null;
    out[target] = v;
  }
  // Moving left must land on blanks, and a move that changes nothing is no proposal.
  for (let c = from + shift; c < from && c >= 0; c++) if (cells[c] !== null && cells[c] !== undefined && out[c] !== cells[c]) return null;
  let changed = false;
  for (let c = 0; c < width; c++) if ((cells[c] ?? null) !== out[c]) changed = true;
  return changed ? out.slice(0, headerWidth) : null;
}

// ---------------------------------------------------------------------------------------------
// Lines under a table: totals, the lead legend, the RAG key

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
  const texts = row.filter((v): v is string => typeof v === "string");
  if (texts.length === 0 || texts.length > 6 || texts.length !== nonBlankCount(row)) return null;
  const entries = parseLegend(texts.join("; "));
  return entries.length >= 2 || (entries.length === 1 && texts.join("").length < 60 && /\([A-Z]{1,5}\)/.test(texts.join(""))) ? entries : null;
}

function colourWord(text: string): Colour | null {
  const n = normaliseStatus(text);
  for (const c of COLOUR_ORDER) if (n === c.toLowerCase()) return c;
  return n === "gray" ? "Grey" : null;
}

const LETTERS: Record<string, Colour> = { b: "Blue", g: "Green", a: "Amber", r: "Red" };

/**
 * Key lines: "Green | Action on target…", "G | On track", "Blue  Completed" in one cell, or the
 * whole key in one cell ("BRAG key: Blue = complete; Green = on track; …").
 */
function keyLineOf(row: unknown[]): KeyEntry[] | null {
  const texts = row.filter((v) => v !== null).map(cellText);
  if (texts.length === 0 || texts.length > 3) return null;
  const first = texts[0]!;
  const colour = colourWord(first) ?? (texts.length >= 2 && first.length === 1 ? LETTERS[first.toLowerCase()] ?? null : null);
  if (colour) {
    return [{ name: colour, ...(texts[1] ? { description: texts[1] } : {}), ...(texts.length > 2 ? { synonyms: [texts[2]!] } : {}) }];
  }
  if (texts.length !== 1) return null;
  const pairs = [...first.replace(/^[^:]*\bkey\s*:\s*/i, "").matchAll(/(blue|green|amber|red|grey|gray)\s*(?:=|:|-|–)\s*([^;,]+)/gi)];
  if (pairs.length >= 3) return pairs.map((p) => ({ name: colourWord(p[1]!)!, description: p[2]!.trim() }));
  const m = /^(blue|green|amber|red|grey|gray)\s*[-–:=]?\s+(.+)$/i.exec(first);
  if (m) return [{ name: colourWord(m[1]!)!, description: m[2]!.trim() }];
  return null;
}

/** The colour a description alone most likely names ("Completed" → Blue), by the built-in synonyms. */
function colourOfDescription(text: string): Colour | null {
  const n = normaliseStatus(text);
  for (const c of COLOUR_ORDER) {
    const info = COLOURS[c];
    if (normaliseStatus(info.description) === n) return c;
    if (info.synonyms.some((s) => s.length > 2 && (n === s || n.startsWith(`${s} `) || (s.includes(" ") && ` ${n} `.includes(` ${s} `))))) return c;
  }
  return null;
}

function keyFromDescriptions(lines: string[]): { entries: KeyEntry[]; how: string } | null {
  const colours = lines.map(colourOfDescription);
  if (colours.every((c) => c !== null) && new Set(colours).size === colours.length) {
    return { entries: lines.map((d, i) => ({ name: colours[i]!, description: d })), how: "descriptions matched to colours by their wording" };
  }
  const order: Record<number, Colour[]> = { 3: ["Green", "Amber", "Red"], 4: ["Blue", "Green", "Amber", "Red"], 5: ["Blue", "Green", "Amber", "Red", "Grey"] };
  const names = order[lines.length];
  if (!names) return null;
  // Only when at least half the lines read as those colours in that order: footnotes under a
  // table ("Source: …") are not a key.
  const agreeing = colours.filter((c, i) => c === names[i]).length;
  if (agreeing * 2 < lines.length) return null;
  return { entries: lines.map((d, i) => ({ name: names[i]!, description: d })), how: `descriptions alone, read in the usual key order (${names.join(", ")})` };
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
    let h = readHeader(cells.values[r]!, r, force);
    if (!h) continue;
    // Headings split over two rows (a PDF's wrapped "Target / Date", years under "Savings (£)").
    const merged = mergedHeading(cells.values[r]!, cells.values[r + 1]);
    if (merged) h = readHeader(merged, r + 1, force) ?? h;
    const table =
      h.kind === "deficit"
        ? readDeficit(grid.name, cells, h, cells.values.length, origin)
        : readPlan(grid.name, cells, h, cells.values.length, origin);
    tables.push(table);
    r = Math.max(r, table.lastRow);
  }
  return tables;
}

function readPlan(sheet: string, cells: Cells, h: HeaderCandidate, limit: number, origin: Table["origin"]): Table {
  const fields = fieldsByColumn(h.columns, cells.width);
  const lastHeader = Math.max(...h.columns.map((c) => c.index), ...h.unmapped.map((u) => u.index));
  const keyField: Field =
    h.kind === "savings-plan"
      ? h.columns.some((c) => c.field === "initiative") ? "initiative" : "milestone"
      : h.columns.some((c) => c.field === "ref") ? "ref" : "action";
  const keyColumn = h.columns.find((c) => c.field === keyField)?.index ?? h.columns[0]!.index;
  const mapped = h.columns.map((c) => c.index);
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
    else if (onlyCell >= 0 && onlyCell <= keyColumn && typeof values[onlyCell] === "string" && looksLikeSection(values, keyColumn)) {
      role = "section";
    } else if (isNumberedHeading(values, keyColumn, fields, nextNonBlank(r))) role = "section";
    else if (values[keyColumn] === null && group !== "") role = "continuation";
    else role = "data";

    if (role === "section") section = values.filter((v) => v !== null).map(cellText).join(" ");
    if (role === "data") group = cellText(values[keyColumn]);
    const row: TableRow = { index: r, role, cells: values.slice(), fills: fills.slice(), group, ...(section !== undefined ? { section } : {}) };
    if (role === "data" || role === "continuation") {
      const realignment = proposeRealignment(values, fields, lastHeader);
      if (realignment) row.realignment = realignment;
    }
    rows.push(row);
  }

  // Headings with no rows under them at the end of a table are not headings: they are lines
  // under it (a key written as descriptions alone, footnotes).
  const trailing: { row: number; text: string }[] = [];
  while (rows.length > 0 && rows[rows.length - 1]!.role === "section") {
    const last = rows.pop()!;
    trailing.unshift({ row: last.index, text: last.cells.filter((v) => v !== null).map(cellText).join(" ") });
  }
  const lines = [...trailing, ...footerLines];
  let key: KeyLines | undefined;
  const notes: { row: number; text: string }[] = [];
  const lineKey = keyEntries.length >= 2 ? keyOrNull(keyEntries) : null;
  if (lineKey) {
    key = { key: lineKey, rows: keyRows, how: "a status and its description on each line" };
    notes.push(...lines);
  } else {
    // Lines that looked like a key but give one word to two statuses (a count table's "Green 12",
    // "Amber 12") are not a key: they stay notes, and the built-in key applies.
    for (const r of keyRows) notes.push({ row: r, text: cells.values[r]!.filter((v) => v !== null).map(cellText).join(" ") });
    const read = lines.length >= 3 && lines.length <= 5 ? keyFromDescriptions(lines.map((t) => t.text)) : null;
    const described = read ? keyOrNull(read.entries) : null;
    if (read && described) key = { key: described, rows: lines.map((t) => t.row), how: read.how };
    else notes.push(...lines);
    notes.sort((a, b) => a.row - b.row);
  }

  const unit = planUnit(h.columns);
  return {
    sheet,
    kind: h.kind,
    kindReason: h.kindReason,
    headerRow: h.row,
    ...(unit ? { unit } : {}),
    columns: h.columns,
    unmapped: h.unmapped,
    rows,
    ...(legend ? { legend } : {}),
    ...(key ? { key } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    lastRow,
    origin,
  };
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
      const whole = parseUnit(c.header);
      const m = whole ? null : /£\s*'?000|£k|£m\b/i.exec(c.header);
      const found = whole ?? (m ? parseUnit(m[0]) : null);
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
    lastRow: Math.max(lastRow, ...notes.map((n) => n.row)),
    origin,
  };
}

/** Text lines right under a table (up to a blank pair or a new table): footnotes, sources, approvals. */
function collectNotes(cells: Cells, from: number, limit: number, notes: { row: number; text: string }[]): void {
  let blanks = 0;
  for (let r = from; r < limit && notes.length < 10; r++) {
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
  return a !== null && !Number.isNaN(a);
}

const SUBTOTAL = /^\s*sub[\s-]*totals?\b/i;
