import { maxOf } from "../grid";
import { isUnitLabel, parseUnit, readAmount, unitIn } from "../money";
import { normaliseStatus } from "../rag";
import { s251Label, s251LineByCode } from "../s251";
import { findYearLabel } from "../years";
import { isPlaceholderHeading } from "./headers";
import type { CellMove, ColumnMapping, Field, RowRole, Table, TableRow, UnmappedColumn } from "./types";

/**
 * Budget tables as councils keep them: lines down (a section 251 code, a description), measures
 * across (budget, forecast outturn, variance, % variance; one column per DSG block; one per
 * scenario), with section headings, subtotals and totals, and the unit in a row under the
 * headings or in the title above. The reader says what each column and row is; the checks
 * (budget-checks.ts) judge the arithmetic.
 */

const PERCENT = /%|\bper\s*cent\b|\bpercentage\b/g;
const PERCENT_AFTER = /%|\bper\s*cent\b/g;
const VARIANCE = /\bvar(?:iance)?\b/g;
const LINE_BREAKS = /[\n\r\u2028\u2029]/g;

/**
 * Whether a match of `first` is followed later on the same line by a match of `then`: what the
 * pattern `first.*then` tests, without its quadratic backtracking over text holding many
 * `first`s and no `then`. Both patterns have the g flag, so they can be run on from an index with
 * `\b` still seeing the text before it. Neither pattern's matches can lie inside another of its
 * own, so stepping through `first`'s matches one after another meets them all.
 */
function followedBy(text: string, first: RegExp, then: RegExp): boolean {
  // The first `then`, and the first line break (`.` stops there), at or after the end of the
  // current `first`: both only move on as `first` does, so each is looked for once per step.
  let next = -1;
  let lineEnd = -1;
  first.lastIndex = 0;
  for (let a = first.exec(text); a; a = first.exec(text)) {
    const end = a.index + a[0].length;
    if (next < end) {
      then.lastIndex = end;
      const t = then.exec(text);
      if (!t) return false; // none after this `first`, so none after any later one
      next = t.index;
    }
    if (lineEnd < end) {
      LINE_BREAKS.lastIndex = end;
      lineEnd = LINE_BREAKS.exec(text)?.index ?? text.length;
    }
    if (next < lineEnd) return true;
  }
  return false;
}

/** "%" alone, a percentage then a variance ("% variance"), or a variance then a percentage ("variance %"). */
const VARIANCE_PERCENT = {
  test: (text: string): boolean => text === "%" || followedBy(text, PERCENT, VARIANCE) || followedBy(text, VARIANCE, PERCENT_AFTER),
};

/** The measure a heading names, most specific first ("% variance" before "variance", "Total all Blocks" before "block"). */
const MEASURES: { test: Pick<RegExp, "test">; field: Field }[] = [
  { test: VARIANCE_PERCENT, field: "variancePercent" },
  { test: /\bvariance\b|\bvar\b|over\s*(?:\/\s*)?(?:\(\s*)?under\s*(?:\)\s*)?spend|\b(?:over|under)spends?\b/, field: "variance" },
  { test: /\bscenario\b|^forecast\s+with\b|^with\b/, field: "scenario" },
  { test: /^(?:grand\s+)?totals?\b|\btotals?$/, field: "total" },
  { test: /\b(?:previous|prior|last)\s+year\b/, field: "previous" },
  { test: /\bblock\b/, field: "block" },
  { test: /\bbudgets?\b|\ballocation\b/, field: "budget" },
  { test: /\boutturn\b|\bforecast\b|\bactuals?\b|\bprojected\b|\bprojection\b|\bspend\b/, field: "outturn" },
];

/** Any word a measure heading needs (a superset of MEASURES' tests). */
const MEASURE_WORD = /budget|outturn|forecast|actual|variance|\bvar\b|spend|block|scenario|total|allocation|previous|prior|last\s+year|projected|projection|%|^with\b/i;

/** Headings over the line labels and codes, left of the measures. */
const LABEL_HEADINGS = /^(?:s?251\s*)?(?:line|lines|code|ref|description|service|services|area|heading|budget\s+line|budget\s+heading|expenditure|item|category|detail)(?:\s+(?:code|ref|description|no|number))?$/;

export const MEASURE_FIELDS: ReadonlySet<Field> = new Set<Field>(["budget", "outturn", "variance", "variancePercent", "previous", "block", "scenario", "total"]);

/** A January census year heading, with or without its actual or forecast mark. */
const CENSUS_YEAR = /^(?:jan(?:uary)?|census)[ .-]{0,3}(?:19|20)\d\d(?:[ (]{1,3}(?:forecast|actual|projected|projection|estimate)\)?)?$/;

/** A section 251 line code: 1.0.2, 1.2.13. */
export const LINE_CODE = /^\d{1,2}(?:\.\d{1,2}){1,3}$/;

export function budgetMeasure(raw: unknown): Field | null {
  if (typeof raw !== "string") return null;
  const text = raw.replace(/\s+/g, " ").trim().toLowerCase();
  if (text.length === 0 || text.length > 100) return null;
  // A financial year alone is a deficit table's column (years across), not a measure.
  if (findYearLabel(text) !== null && !/budget|outturn|forecast|actual|variance/.test(text)) return null;
  // A census date, actual or forecast ("January 2026 (forecast)"), is a count's year: EHCP numbers, not a budget.
  if (CENSUS_YEAR.test(text)) return null;
  for (const m of MEASURES) if (m.test.test(text)) return m.field;
  return null;
}

export interface BudgetHeader {
  row: number;
  columns: ColumnMapping[];
  unmapped: UnmappedColumn[];
  kindReason: string;
}

/**
 * A heading row of a budget table: two or more measure headings, with only line labels (or
 * nothing) to their left. Cheap enough for every row: it looks at the row's own cells only.
 */
export function readBudgetHeader(values: readonly unknown[], row: number): BudgetHeader | null {
  // One cheap test a cell first: a row without two measure words is not a heading (most rows).
  let words = 0;
  for (const v of values) if (typeof v === "string" && v.length <= 100 && MEASURE_WORD.test(v) && ++words >= 2) break;
  if (words < 2) return null;
  const columns: ColumnMapping[] = [];
  const unmapped: UnmappedColumn[] = [];
  let first = -1;
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null || v === undefined || isPlaceholderHeading(v)) continue;
    const field = budgetMeasure(v);
    if (field) {
      if (first < 0) first = c;
      columns.push({ index: c, header: String(v).trim(), field, reason: `its words name ${fieldWords(field)}` });
      continue;
    }
    if (typeof v !== "string") return null;
    const words = normaliseStatus(v);
    if (first < 0 && (LABEL_HEADINGS.test(words) || words.length <= 20)) {
      columns.push({ index: c, header: v.trim(), field: /code|ref|^s?251|^line$/.test(words) ? "code" : "label", reason: "a heading over the budget lines" });
      continue;
    }
    unmapped.push({ index: c, header: v.trim() });
  }
  const measures = columns.filter((c) => MEASURE_FIELDS.has(c.field));
  if (measures.length < 2 || unmapped.length > measures.length / 2) return null;
  // Totals alone measure nothing: a row of "Total" headings is not a budget's heading row.
  if (measures.every((c) => c.field === "total")) return null;
  if (first === 0 && !measures.some((c) => c.field === "block")) return null;
  // Several forecasts and no budget to set them against are alternatives: scenarios.
  const forecasts = measures.filter((c) => c.field === "outturn");
  if (forecasts.length >= 2 && !measures.some((c) => c.field === "budget" || c.field === "variance")) {
    for (const c of forecasts) {
      c.field = "scenario";
      c.reason = "one of several forecasts side by side: a scenario";
    }
  }
  const kinds = new Set(measures.map((c) => c.field));
  const kindReason =
    kinds.has("block") ? `DSG blocks across (${measures.filter((c) => c.field === "block").map((c) => c.header).join(", ")}) with lines down`
    : kinds.has("scenario") ? `${measures.filter((c) => c.field === "scenario").length} scenarios across with balances down`
    : `budget lines with ${measures.map((c) => `“${c.header}”`).join(", ")}`;
  return { row, columns, unmapped, kindReason };
}

function fieldWords(field: Field): string {
  switch (field) {
    case "variancePercent":
      return "a percentage variance";
    case "previous":
      return "last year's figure";
    case "outturn":
      return "the outturn (forecast or actual)";
    default:
      return `a ${field}`;
  }
}

const SUBTOTAL = /^\s*sub[\s-]*totals?\b/i;
const TOTAL = /^\s*(?:grand\s+)?totals?\b/i;

function text(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "string" ? v.trim() : String(v);
}

function isFigure(v: unknown): boolean {
  const a = readAmount(v);
  return a !== null && !Number.isNaN(a);
}

/**
 * The budget table under `header`: its rows (lines, sections, subtotals, totals), the unit from
 * a unit row, the headings or the title above, and where it ends (a blank line with no figures
 * after it, or a line of text with none).
 */
export function readBudget(sheet: string, values: unknown[][], fills: (string | null)[][], header: BudgetHeader, limit: number, origin: Table["origin"]): Table | null {
  const columns = header.columns.map((c) => ({ ...c }));
  const measures = columns.filter((c) => MEASURE_FIELDS.has(c.field)).map((c) => c.index);
  const lastHeading = maxOf([...columns.map((c) => c.index), ...header.unmapped.map((u) => u.index)]);
  const labels = columns.filter((c) => !MEASURE_FIELDS.has(c.field)).map((c) => c.index);
  const labelColumns = labels.length > 0 ? labels : [0];
  const figuresIn = (r: number) => {
    const row = values[r];
    if (!row) return false;
    for (let c = measures[0]!; c < row.length; c++) if (isFigure(row[c]) && !isUnitLabel(row[c])) return true;
    return false;
  };
  const rows: TableRow[] = [];
  const notes: { row: number; text: string }[] = [];
  let unit: Table["unit"];
  let unitRow: number | undefined;
  let lastRow = header.row;
  let section: string | undefined;
  for (let r = header.row + 1; r < limit; r++) {
    const row = values[r]!;
    const filled = row.some((v) => v !== null);
    if (!filled) {
      if (rows.length > 0 && !figuresIn(r + 1) && !figuresIn(r + 2)) break;
      continue;
    }
    const measureCells = measures.map((c) => row[c]).filter((v) => v !== null);
    if (measureCells.length > 0 && measureCells.every(isUnitLabel)) {
      unit = parseUnit(measureCells[0]) ?? undefined;
      unitRow = r;
      lastRow = r;
      continue;
    }
    const label = labelColumns.map((c) => text(row[c])).filter((t) => t !== "").join(" ");
    const hasFigures = figuresIn(r);
    if (!hasFigures) {
      // A heading over the lines that follow ("Top-up funding"), or the end of the table.
      if (label !== "" && (figuresIn(r + 1) || figuresIn(r + 2))) {
        section = label;
        rows.push({ index: r, role: "section", cells: row.slice(), fills: fills[r]!.slice(), group: label });
        lastRow = r;
        continue;
      }
      if (rows.length > 0) {
        for (let n = r; n < limit && notes.length < 10; n++) {
          const t = (values[n] ?? []).filter((v) => v !== null).map(text).join(" ");
          if (t === "") break;
          notes.push({ row: n, text: t });
        }
        break;
      }
      // Words between the headings and the first line: part of the table, kept in its notes.
      rows.push({ index: r, role: "note", cells: row.slice(), fills: fills[r]!.slice(), group: label });
      lastRow = r;
      continue;
    }
    const role: RowRole = SUBTOTAL.test(label) ? "subtotal" : TOTAL.test(label) ? "total" : "data";
    const item: TableRow = { index: r, role, cells: row.slice(), fills: fills[r]!.slice(), group: label, ...(section ? { section } : {}) };
    const moved = strayGap(row, measures, lastHeading);
    if (moved) item.realignment = moved;
    rows.push(item);
    lastRow = r;
    // A subtotal or total closes the section it totals.
    if (role !== "data") section = undefined;
  }
  if (!rows.some((r) => r.role !== "section" && r.role !== "note")) return null;
  // Lines labelled under no heading (the corner cell left blank): the label column all the same.
  if (labels.length === 0 && measures[0]! > 0) columns.unshift({ index: 0, header: "", field: "label", reason: "the lines' labels, under no heading" });
  if (!unit) unit = unitFrom([...columns.map((c) => c.header), ...header.unmapped.map((u) => u.header), ...titleLines(values, header.row)]);
  // A column of codes only when its cells are codes; else it holds the line labels.
  for (const c of columns) {
    if (c.field !== "code") continue;
    const cells = rows.map((r) => text(r.cells[c.index])).filter((t) => t !== "");
    if (cells.length === 0 || cells.filter((t) => LINE_CODE.test(t)).length < cells.length / 2) {
      c.field = "label";
      c.reason = "holds the line descriptions";
    }
  }
  return {
    sheet,
    kind: "budget",
    kindReason: header.kindReason,
    headerRow: header.row,
    ...(unitRow !== undefined ? { unitRow } : {}),
    ...(unit ? { unit } : {}),
    columns,
    unmapped: header.unmapped,
    rows,
    ...(notes.length > 0 ? { notes } : {}),
    lastRow: Math.max(lastRow, maxOf(notes.map((n) => n.row))),
    origin,
  };
}

/** Up to three lines of text straight above the heading row: a title that may carry the unit ("DSG reserve (£m)"). */
function titleLines(values: unknown[][], headerRow: number): string[] {
  const out: string[] = [];
  for (let r = headerRow - 1; r >= 0 && r >= headerRow - 3; r--) {
    const t = (values[r] ?? []).filter((v) => v !== null).map(text).join(" ");
    if (t !== "") out.push(t);
  }
  return out;
}

function unitFrom(texts: string[]): Table["unit"] | undefined {
  for (const t of texts) {
    const unit = unitIn(t);
    if (unit) return unit;
  }
  return undefined;
}

/**
 * A row whose figures run past the last heading after an empty cell among the measures: a stray
 * empty cell pushed them one column on. Closing the gap puts every figure under a heading.
 */
function strayGap(row: unknown[], measures: number[], lastHeading: number): TableRow["realignment"] | undefined {
  const beyond: number[] = [];
  for (let c = lastHeading + 1; c < row.length; c++) if (row[c] !== null) beyond.push(c);
  if (beyond.length === 0 || !beyond.every((c) => isFigure(row[c]))) return undefined;
  const first = measures[0]!;
  const gaps = [];
  for (let c = first; c <= lastHeading; c++) if (row[c] === null && measures.includes(c)) gaps.push(c);
  if (gaps.length < beyond.length) return undefined;
  // Close the first gaps that have figures after them, so the figures run on without a hole.
  const close = gaps.filter((g) => row.slice(g + 1).some((v) => v !== null)).slice(0, beyond.length);
  if (close.length !== beyond.length) return undefined;
  const cells = row.slice();
  const moves: CellMove[] = [];
  const kept = row.map((v, c) => ({ v, c })).filter(({ c }) => c >= close[0]! && !close.includes(c));
  for (let c = close[0]!; c < cells.length; c++) cells[c] = null;
  kept.forEach(({ v, c }, i) => {
    const to = close[0]! + i;
    cells[to] = v;
    if (v !== null && to !== c) moves.push({ from: [c], to, value: v, how: "moved" });
  });
  return moves.length > 0 ? { cells, moves, misfits: beyond } : undefined;
}

/** A line that states a sum of others, and which: a subtotal, a total, a position net of a total, a closing balance. */
export interface BudgetSum {
  kind: "subtotal" | "total" | "net" | "closing";
  /** The stating row. */
  row: TableRow;
  /** The rows it adds up, in order. */
  parts: TableRow[];
}

const NET = /\bin[\s-]*year\b|\bnet\b|\bover\s*spend|\bunder\s*spend|\bsurplus\b|\bdeficit\b|\bposition\b/i;
export const OPENING = /^\s*opening\b|\bbrought\s+forward\b|\bb\/f\b|\bbalance\s+(?:at|on)\s+1\s+april\b/i;
export const CLOSING = /^\s*closing\b|\bcarried\s+forward\b|\bc\/f\b|\bbalance\s+(?:at|on)\s+31\s+march\b/i;

/**
 * What adds to what in a budget table, read from its lines' roles and labels: a subtotal its
 * section's lines (or those since the last subtotal), a total every line since the last total,
 * a line after a total that states a net position ("In-year overspend / (underspend)") the total
 * and the lines between, and a closing balance the balance above it and the movements between.
 */
export function budgetSums(rows: readonly TableRow[]): BudgetSum[] {
  const lines = rows.filter((r) => r.role === "data" || r.role === "subtotal" || r.role === "total");
  const sums: BudgetSum[] = [];
  let fromTotal = 0;
  let fromSubtotal = 0;
  let lastTotal = -1;
  lines.forEach((row, i) => {
    if (row.role !== "data") {
      // A subtotal closing a section ("Subtotal top-up funding") covers that section's lines only.
      const parts = lines.slice(row.role === "total" ? fromTotal : fromSubtotal, i).filter((r) => r.role === "data" && (row.role === "total" || row.section === undefined || r.section === row.section));
      fromSubtotal = i + 1;
      if (row.role === "total") {
        fromTotal = i + 1;
        lastTotal = i;
      }
      if (parts.length > 0) sums.push({ kind: row.role === "total" ? "total" : "subtotal", row, parts });
      return;
    }
    if (lastTotal >= 0 && i > lastTotal + 1 && NET.test(row.group) && !OPENING.test(row.group) && !CLOSING.test(row.group)) {
      sums.push({ kind: "net", row, parts: lines.slice(lastTotal, i) });
    }
  });
  // Balances down a column: each closing balance is the balance above it plus the movements between.
  const start = lines.findIndex((r) => OPENING.test(r.group));
  if (start >= 0) {
    let from = start;
    for (let i = start + 1; i < lines.length; i++) {
      if (!CLOSING.test(lines[i]!.group)) continue;
      if (i > from + 1) sums.push({ kind: "closing", row: lines[i]!, parts: lines.slice(from, i) });
      from = i;
    }
  }
  return sums;
}

/** A budget line as the checks and the paper name it: its code and description ("1.2.3 Top-up: …"), else its label. */
export function budgetLineLabel(table: Table, row: TableRow): string {
  const parts = table.columns.filter((c) => !MEASURE_FIELDS.has(c.field)).map((c) => text(row.cells[c.index])).filter((t) => t !== "");
  // A line given by its section 251 code alone is named in DfE's words.
  const line = parts.length === 1 && LINE_CODE.test(parts[0]!) ? s251LineByCode(parts[0]!) : null;
  if (line) return s251Label(line);
  return parts.length > 0 ? parts.join(" ") : row.group;
}
