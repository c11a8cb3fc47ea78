import { maxOf } from "../grid";
import { keyOf } from "./key-sheet";
import { OVERDUE_GRACE_DAYS, daysPastDue } from "../actions";
import { corkscrewBreaks, transferCheck } from "../corkscrew";
import { type DateRange, hasNoDeadline, readDateRange } from "../dates";
import { grouped, quote } from "../errors";
import { cleanSum } from "../grid";
import { resolveLead } from "../leads";
import { formatFigure, formatMoney, readAmount } from "../money";
import {
  COLOURS,
  type Colour,
  type RagKey,
  colourOfFill,
  normaliseStatus,
  rollUp,
  statusIndex,
} from "../rag";
import { compareTotal } from "../savings";
import { type TargetYear, readTargets } from "../targets";
import { describeYear, kpiColour, targetValue } from "../scorecard";
import { type Indicator, formatIndicatorFigure, indicatorsOf } from "./scorecard";
import { cellType, isProse, roundingTolerance, wordCount } from "./cells";
import { isItemRow, placedCells } from "./rows";
import type { NameMatch } from "./names";
import { summaryDetailPairs, type PlanPair } from "./plans";
import { corkscrewOf, yearName } from "./deficit";
import { deficitRules } from "./deficit-rules";
import { STABILITY_GRANT_ANNOUNCED, STABILITY_GRANT_CUT_OFF } from "../stability";
import { checkBudget } from "./budget-checks";
import { endOfMonth, formatDate, serialFromYmd } from "../years";
import { a1, location } from "./location";
import type { CheckOptions, ColumnMapping, Field, Finding, Severity, Table, TableRow } from "./types";

/**
 * Every check on every table. Each finding carries a stable rule id (documented in
 * docs/checks.md), a severity, the cell it is about and a plain-English message with the
 * figures. Rules that also exist as custom functions (totals, corkscrew, RAG, dates, leads)
 * call the same core functions.
 */
export function checkTables(tables: Table[], options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const table of tables) {
    if (table.kind === "deficit") checkDeficit(table, options, findings);
    else if (table.kind === "budget") {
      for (const row of table.rows) {
        if (row.realignment) misaligned(table, row, findings);
        if (row.notRealigned) tooWideToRealign(table, row, findings);
      }
      checkBudget(table, findings);
    } else checkPlan(table, options, findings);
  }
  checkRollups(tables, findings);
  return findings;
}

/** Placeholders for a figure not yet known: worth a warning, not an error. */
const NOT_YET = /^(?:tbc|tba|tbd|to be confirmed|to be agreed|unknown|not known|n\/?k|n\/?a|pending)$/i;

function columnOf(table: Table, field: Field): ColumnMapping | undefined {
  return table.columns.find((c) => c.field === field);
}

/** Of several end-date columns ("Original target date", "Revised target date"), the latest word wins: the paper's overdue actions read the same one. */
export function endColumn(table: Table): ColumnMapping | undefined {
  const ends = table.columns.filter((c) => c.field === "end");
  if (ends.length <= 1) return ends[0];
  return ends.find((c) => /\b(revised|new|latest|current|forecast|updated|now)\b/i.test(c.header)) ?? ends[ends.length - 1];
}

function at(table: Table, row: number, column: number): string {
  return location(table.sheet, row, column, table.origin);
}

function cellRef(table: Table, row: number, column: number): string {
  return a1(row + table.origin.row, column + table.origin.column);
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** How a table's figures are shown in messages: £ for plans, the sheet's own unit for £000 tables. */
function moneyFormat(table: Table): (value: number) => string {
  return table.unit === "£000" || table.unit === "£m" ? formatFigure : (v: number) => formatMoney(v);
}

function push(
  findings: Finding[],
  rule: Finding["rule"],
  severity: Severity,
  where: string,
  message: string,
  extra: Pick<Finding, "expected" | "actual" | "cell"> = {},
): void {
  findings.push({ rule, severity, location: where, message, ...extra });
}

/** The row as the checks read it: realigned where the reader proposes it, wrapped lines joined. */
function effective(row: TableRow): unknown[] {
  return placedCells(row);
}

/** A column's heading as a message names it: its own words, the name the reader gave it, or its letter. */
function headerOf(table: Table, row: number, c: number): string {
  const mapped = table.columns.find((m) => m.index === c);
  if (mapped) return mapped.header || mapped.named || `column ${letters(table, row, c)}`;
  const u = table.unmapped.find((m) => m.index === c);
  if (u && u.header) return u.header;
  return `column ${letters(table, row, c)}${c > lastHeading(table) ? " (past the last heading)" : ""}`;
}

/** A cell's column letters: its reference with the row number taken off the end ("AB12" → "AB"). */
function letters(table: Table, row: number, c: number): string {
  const ref = cellRef(table, row, c);
  let end = ref.length;
  while (end > 0 && ref[end - 1]! >= "0" && ref[end - 1]! <= "9") end--;
  return ref.slice(0, end);
}

function lastHeading(table: Table): number {
  let last = 0;
  for (const c of table.columns) if (c.index > last) last = c.index;
  for (const u of table.unmapped) if (u.index > last) last = u.index;
  return last;
}

// ---------------------------------------------------------------------------------------------
// Action plans and savings plans

function checkPlan(table: Table, options: CheckOptions, findings: Finding[]): void {
  const { key, source } = keyOf(table);
  const rag = columnOf(table, "rag");
  const start = columnOf(table, "start");
  const end = endColumn(table);
  const lead = columnOf(table, "lead");
  const amounts = table.columns.filter((c) => c.field === "amount" || c.field === "total");
  columnProblems(table, source, findings);
  if (table.kind === "scorecard") scorecardProblems(table, options, findings);
  const last = lastHeading(table);

  for (const row of table.rows) {
    if (row.role === "wrapped") wrappedLine(table, row, findings);
    if (!isItemRow(row)) continue;
    const cells = effective(row);
    if (row.realignment) misaligned(table, row, findings);
    if (row.notRealigned) tooWideToRealign(table, row, findings);
    beyondTheHeadings(table, row, cells, last, findings);
    for (const col of amounts) {
      const v = row.cells[col.index];
      if (v === null || v === undefined) continue;
      const a = readAmount(v);
      if (a !== null && Number.isNaN(a)) {
        if (NOT_YET.test(text(v))) {
          push(findings, "amount.text", "warning", at(table, row.index, col.index), `${quote(v)} under “${col.header}”: no figure yet, so it counts as nothing in the totals.`, { actual: text(v) });
          continue;
        }
        const why = row.realignment ? " The row looks shifted out of line (see row.misaligned)." : "";
        push(findings, "amount.text", "error", at(table, row.index, col.index), `${quote(v)} under “${col.header}” is not an amount of money.${why}`, { actual: text(v) });
      }
    }
    if (!row.realignment) proseOutOfPlace(table, row, cells, findings);
    let status: { index: number; raw: unknown } | null = null;
    if (rag) status = checkStatus(table, row, cells, rag, key, source, findings);
    checkDates(table, row, cells, start, end, rag, key, status, options, findings);
    if (lead && table.legend) checkLead(table, row, cells, lead, findings);
  }
  checkTotals(table, amounts, findings);
}

/** What a lead, date or status cell should hold, in words. */
const SHOULD_HOLD: Partial<Record<Field, string>> = { lead: "a person or post", start: "a date", end: "a date", rag: "a status" };

/**
 * A paragraph in a lead, date or status cell that the reader did not move (a PDF's progress
 * comment that landed under Lead, with no empty column beside it to go to): out of line, said
 * where it is, with the column it reads as belonging to.
 */
function proseOutOfPlace(table: Table, row: TableRow, cells: unknown[], findings: Finding[]): void {
  const comments = table.columns.find((c) => c.field === "progress") ?? table.columns.find((c) => c.field === "action" || c.field === "milestone");
  for (const col of table.columns) {
    const what = SHOULD_HOLD[col.field];
    if (!what) continue;
    const v = cells[col.index];
    if (typeof v !== "string") continue;
    const t = v.trim();
    if (t.length < 60 || wordCount(t) < 8 || !isProse(t)) continue;
    const belongs = comments && comments.index !== col.index ? `: it reads as a comment, and belongs under “${comments.header}”` : ": it reads as a comment";
    push(findings, "row.misaligned", "warning", at(table, row.index, col.index), `The “${col.header}” cell holds a paragraph (${quote(t)}), not ${what}${belongs}. Put it there and give the row its ${what.replace(/^an? /, "")}.`, { actual: t });
  }
}

/** Types of value whose place matters to the figures and deadlines: moving one is an error to put right. */
const WEIGHTY = new Set(["money", "number", "date", "status", "initials", "percent"]);

/** More cells than this past the last heading in one row are one finding for the row, not one each. */
const BEYOND_ONE_BY_ONE = 10;

function beyondTheHeadings(table: Table, row: TableRow, cells: readonly unknown[], last: number, findings: Finding[]): void {
  const movedFrom = new Map<number, number>();
  for (const m of row.realignment?.moves ?? []) if (!movedFrom.has(m.to)) movedFrom.set(m.to, m.from[0]!);
  const beyond: number[] = [];
  for (let c = last + 1; c < cells.length; c++) if (cells[c] !== null && cells[c] !== undefined) beyond.push(c);
  if (beyond.length > BEYOND_ONE_BY_ONE) {
    const first = beyond[0]!;
    const lastCell = beyond[beyond.length - 1]!;
    push(
      findings,
      "cell.beyond",
      "info",
      at(table, row.index, movedFrom.get(first) ?? first),
      `Row ${row.index + table.origin.row + 1} holds ${grouped(beyond.length)} cells past the last heading, in columns ${letters(table, row.index, first)} to ${letters(table, row.index, lastCell)} (the first ${quote(cells[first])}): no heading says what they are. They are kept: the import writes them in columns of their own.`,
      { actual: text(cells[first]) },
    );
    return;
  }
  for (const c of beyond) {
    const v = cells[c];
    push(findings, "cell.beyond", "info", at(table, row.index, movedFrom.get(c) ?? c), `${quote(v)} sits past the last heading, in column ${letters(table, row.index, c)}: no heading says what it is. It is kept: the import writes it in a column of its own.`, { actual: text(v) });
  }
}

function tooWideToRealign(table: Table, row: TableRow, findings: Finding[]): void {
  const rowNumber = row.index + table.origin.row + 1;
  const first = row.cells.findIndex((v) => v !== null && v !== undefined);
  push(findings, "row.misaligned", "warning", at(table, row.index, Math.max(first, 0)), `Row ${rowNumber} is out of line with its headings, but holds ${grouped(row.notRealigned!.cells)} cells, too many to work out where each belongs: it is left as pasted. Check it against the paper by hand.`);
}

function misaligned(table: Table, row: TableRow, findings: Finding[]): void {
  const r = row.realignment!;
  const rowNumber = row.index + table.origin.row + 1;
  const header = (c: number) => headerOf(table, row.index, c);
  const first = r.moves.reduce((m, x) => Math.min(m, x.from[0]!), Infinity);
  const lead = r.moves.find((m) => m.from[0] === first)!;
  const putBack = r.moves.map((m) => `${header(m.to)} ${shown(table, m.value, m.from[0]!, m.to)}`).join(", ");
  const where = at(table, row.index, first);
  const extra = { expected: cellRef(table, row.index, lead.to), actual: cellRef(table, row.index, first) };
  const split = r.moves.find((m) => m.how === "split");
  if (r.guess) {
    push(findings, "row.misaligned", "warning", where, `Row ${rowNumber}: ${r.guess} Put back: ${putBack}.`, extra);
    return;
  }
  if (split) {
    const original = row.cells[split.from[0]!];
    const pieces = r.moves.filter((m) => m.how === "split").map((m) => quote(m.value));
    const parts = pieces.length > 2 ? `${pieces.slice(0, -1).join(", ")} and ${pieces[pieces.length - 1]}` : pieces.join(" and ");
    const things = pieces.length > 2 ? "three things" : "two things";
    // What the glued cell did to the rest of the row: the first cell after it left in the wrong column.
    const knock = r.moves.find((m) => m.how === "moved");
    const consequence = knock ? `, so ${shown(table, knock.value, knock.from[0]!, knock.to)} sits under “${header(knock.from[0]!)}” where “${header(knock.to)}” would hold it` : "";
    push(findings, "row.misaligned", "error", where, `Row ${rowNumber}: ${quote(original)} holds ${things} in one cell (${parts})${consequence}. Split and put back: ${putBack}.`, extra);
    return;
  }
  const moved = r.moves.filter((m) => m.how === "moved");
  // A paragraph in a lead or date cell, moved alone to a text column: a comment in the wrong place.
  if (moved.length === 1 && typeof moved[0]!.value === "string" && isProse(moved[0]!.value.trim()) && !WEIGHTY.has(cellType(moved[0]!.value))) {
    const m = moved[0]!;
    const field = table.columns.find((c) => c.index === m.from[0])?.field;
    const what =
      field === "lead" ? "a person or post"
      : field === "start" || field === "end" ? "a date"
      : field === "rag" ? "a status"
      : field === "amount" || field === "total" ? "an amount"
      : "what its heading says";
    push(findings, "row.misaligned", "warning", where, `Row ${rowNumber}: the “${header(m.from[0]!)}” cell holds a paragraph (${quote(m.value)}), not ${what}: it reads as a comment, and belongs under “${header(m.to)}”.`, extra);
    return;
  }
  const shifts = new Map<number, number>();
  for (const m of moved) shifts.set(m.from[0]! - m.to, (shifts.get(m.from[0]! - m.to) ?? 0) + 1);
  const severity = moved.some((m) => WEIGHTY.has(cellType(m.value))) ? "error" : "warning";
  const sits = `${shown(table, row.cells[first], first, lead.to)} sits under “${header(first)}” where “${header(lead.to)}” would hold it`;
  if (shifts.size === 1) {
    const shift = [...shifts.keys()][0]!;
    push(
      findings,
      "row.misaligned",
      severity,
      where,
      `Row ${rowNumber} looks shifted ${Math.abs(shift)} column${Math.abs(shift) === 1 ? "" : "s"} to the ${shift > 0 ? "right" : "left"}: ${sits}. Moved back, every cell fits its column: ${putBack}.`,
      extra,
    );
    return;
  }
  const slid = [...shifts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([shift, n]) => `${n} cell${n === 1 ? "" : "s"} ${Math.abs(shift)} column${Math.abs(shift) === 1 ? "" : "s"} to the ${shift > 0 ? "right" : "left"}`)
    .join(", ");
  push(findings, "row.misaligned", severity, where, `Row ${rowNumber}'s cells slid by different amounts (${slid}): ${sits}. Put back, each in the column that fits it: ${putBack}.`, extra);
}

const DATE_FIELDS = new Set<Field>(["start", "end"]);

/**
 * A cell as the user sees it. A workbook holds a date as a day number, so a number in a date
 * column, or on its way to one, is shown as the date it is ("1 April 2026", not “46113”).
 */
function shown(table: Table, value: unknown, ...columns: number[]): string {
  const dated = columns.some((c) => {
    const field = table.columns.find((m) => m.index === c)?.field;
    return field !== undefined && DATE_FIELDS.has(field);
  });
  if (dated && typeof value === "number" && Number.isInteger(value) && value > 0 && value < 2958466) return quote(formatDate(value));
  return quote(value);
}

/** A line that only finishes the cells of the row above (wrapped by a PDF): worth a word, not an action. */
function wrappedLine(table: Table, row: TableRow, findings: Finding[]): void {
  const c = row.cells.findIndex((v) => v !== null && v !== undefined);
  const above = table.rows.find((r) => r.index === row.continues);
  const upper = above ? above.cells[c] : null;
  push(
    findings,
    "row.wrapped",
    "info",
    at(table, row.index, c),
    `Row ${row.index + table.origin.row + 1} holds only ${quote(row.cells[c])}, which finishes ${quote(upper)} in row ${(row.continues ?? row.index) + table.origin.row + 1}: read as part of that cell, not as a row of its own. (A PDF wraps long cells onto lines of their own.)`,
  );
}

/** Findings about whole columns and the lines under the table, each reported once. */
function columnProblems(table: Table, source: string, findings: Finding[]): void {
  for (const c of table.columns) {
    if (c.retyped?.from === "rag") {
      push(
        findings,
        "rag.colours-lost",
        "warning",
        at(table, table.headerRow, c.index),
        `“${c.header}” holds notes, not statuses (${c.retyped.of} cells, ${c.retyped.of - c.retyped.cells === 0 ? "none" : c.retyped.of - c.retyped.cells} of them a status): the statuses were probably cell colours, lost on paste. The notes are read as each row's progress; write each row's status in words.`,
      );
    }
    if (c.named) {
      push(findings, "column.unheaded", "info", at(table, table.headerRow, c.index), `Column ${letters(table, table.headerRow, c.index)} has no heading: ${c.reason.replace(/^no heading in the paper; /, "")}. Give it a heading.`);
    }
  }
  for (const u of table.unmapped) {
    if (!u.unheaded) continue;
    const n = table.rows.filter((r) => isItemRow(r) && r.cells[u.index] !== null && r.cells[u.index] !== undefined).length;
    push(findings, "column.unheaded", "info", at(table, table.headerRow, u.index), `Column ${letters(table, table.headerRow, u.index)} has no heading but holds ${n} cell${n === 1 ? "" : "s"}: kept as it is, and not checked. Give it a heading.`);
  }
  if (table.colourlessKey) {
    const rows = table.colourlessKey.rows.map((r) => r + table.origin.row + 1);
    push(
      findings,
      "rag.colours-lost",
      "info",
      at(table, table.colourlessKey.rows[0]!, 0),
      `The lines under the table (rows ${rows[0]}–${rows[rows.length - 1]}) read as a RAG key's descriptions whose colours were lost, and match no key the add-in knows, so they are kept as notes; statuses are read against ${source}.`,
    );
  }
}

/**
 * A scorecard's problems: refs used twice for one measure, targets that cannot be read or that
 * mix measures, indicators without an actual for the latest period others report, targets whose
 * year has passed unmet (with a report date), and percentages outside 0–100%.
 */
function scorecardProblems(table: Table, options: CheckOptions, findings: Finding[]): void {
  const ref = columnOf(table, "ref");
  const measure = columnOf(table, "measure");
  const target = columnOf(table, "target");
  const seen = new Map<string, TableRow>();
  for (const row of table.rows) {
    if (!isItemRow(row)) continue;
    const cells = effective(row);
    if (ref) {
      const id = text(cells[ref.index]);
      // One ref may carry several measures, a row each (as the import splits a cell of targets).
      const signature = `${normaliseStatus(id)}|${measure ? normaliseStatus(text(cells[measure.index])) : ""}`;
      const first = id === "" ? undefined : seen.get(signature);
      if (first) {
        const same = first.cells.every((v, i) => text(v) === text(cells[i]));
        push(findings, "ref.duplicate", "warning", at(table, row.index, ref.index), `Ref ${quote(id)} is used again: rows ${first.index + table.origin.row + 1} and ${row.index + table.origin.row + 1}${same ? " are the same indicator twice" : " hold different targets or figures under it"}. Give each indicator its own ref.`, { actual: id });
      } else if (id !== "") seen.set(signature, row);
    }
    if (target) {
      const v = cells[target.index];
      if (v === null || v === undefined || text(v) === "") continue;
      const read = readTargets(v);
      const where = at(table, row.index, target.index);
      if (read.targets.length === 0 && read.undated.length > 0) {
        push(findings, "target.unreadable", "info", where, `${quote(v)} under “${target.header}” sets ${read.undated.length === 1 ? "a figure" : "figures"} with no year: read as the target for every year. Add the year if it holds for one only.`, { actual: text(v) });
      } else if (read.targets.length === 0) {
        push(findings, "target.unreadable", "info", where, `${quote(v)} under “${target.header}”: no figure could be read from it, so progress cannot be tracked against it. Kept as written.`, { actual: text(v) });
      } else if (read.unread.length > 0) {
        push(findings, "target.unreadable", "info", where, `Part of ${quote(v)} could not be read as a figure with a year: ${read.unread.map((u) => quote(u)).join(", ")}. The rest is read; that part is kept as written.`, { actual: text(v) });
      }
      if (read.severalMeasures) {
        const measures = [...new Set([...read.targets, ...read.undated].map((t) => t.measure || "the indicator itself"))];
        push(findings, "target.measures", "warning", where, `${quote(v)} sets targets for ${measures.length} measures (${measures.map((m) => quote(m)).join(" and ")}): no status can be given against it. Give each measure its own row (the import does).`, { actual: text(v) });
      }
    }
  }
  const indicators = indicatorsOf(table, options.asOf);
  latestActuals(table, indicators, findings);
  percentagesInRange(table, indicators, findings);
  if (options.asOf !== undefined) missedTargets(table, indicators, Math.floor(options.asOf), findings);
}

function indicatorName(i: Indicator): string {
  return i.ref ? `${i.ref}${i.measure ? ` (${i.measure})` : ""}` : quote(i.name);
}

/** Each indicator has a figure for the latest period any indicator reports. */
function latestActuals(table: Table, indicators: Indicator[], findings: Finding[]): void {
  const actuals = table.columns.filter((c) => c.field === "actual").sort((a, b) => a.index - b.index);
  if (actuals.length === 0 || indicators.length === 0) return;
  let latest = -1;
  for (const i of indicators) i.actuals.forEach((a, n) => a.value !== null && n > latest && (latest = n));
  if (latest < 0) {
    push(findings, "kpi.no-actual", "info", at(table, table.headerRow, actuals[0]!.index), `No indicator has an actual yet under ${actuals.map((c) => `“${c.header}”`).join(", ")}: statuses and trends wait for them.`);
    return;
  }
  const column = actuals[latest]!;
  for (const i of indicators) {
    if (i.actuals[latest]!.value !== null) continue;
    const later = i.actuals.slice(0, latest).reverse().find((a) => a.value !== null);
    push(findings, "kpi.no-actual", "warning", at(table, i.row.index, column.index), `${indicatorName(i)} has no actual under “${column.header}”, the latest period others report${later ? `; its latest is ${later.period}` : "; it has none yet"}.`);
  }
}

/** A percentage measure's figures lie between 0% and 100%: 58 typed for 58% reads as 5,800%. */
function percentagesInRange(table: Table, indicators: Indicator[], findings: Finding[]): void {
  const baseline = columnOf(table, "current");
  for (const i of indicators) {
    if (i.unit !== "%") continue;
    const figures = i.actuals.map((a) => ({ header: `“${table.columns.find((c) => c.index === a.column)?.header ?? a.period}”`, column: a.column, raw: a.raw, value: a.value }));
    if (baseline) figures.unshift({ header: `“${baseline.header}”`, column: baseline.index, raw: placedCells(i.row)[baseline.index], value: i.baseline });
    for (const f of figures) {
      if (f.value === null || (f.value >= 0 && f.value <= 1)) continue;
      const typed = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 4 });
      const asTyped = typeof f.raw === "number" ? `${typed(f.raw)}, which as a percentage is ${typed(Math.round(f.value * 100))}%` : `${quote(f.raw)}`;
      const hint = typeof f.raw === "number" && f.raw > 1 && f.raw <= 100 ? `: type it as ${typed(f.raw)}%` : ": a share of something lies between 0% and 100%";
      push(findings, "kpi.out-of-range", "error", at(table, i.row.index, f.column), `${indicatorName(i)} is a percentage, but ${f.header} holds ${asTyped}${hint}.`, { actual: text(f.raw) });
    }
  }
}

/** The last day of a target's year: 31 March for a financial year, 31 December or the month's end for a calendar one. */
function targetEnds(year: TargetYear): number {
  if (year.kind === "pair") return serialFromYmd(year.year + 1, 3, 31);
  return year.month ? endOfMonth(year.year, year.month) : serialFromYmd(year.year, 12, 31);
}

/** A target whose year has ended, and which the latest actual does not meet. */
function missedTargets(table: Table, indicators: Indicator[], asOf: number, findings: Finding[]): void {
  const target = columnOf(table, "target");
  if (!target) return;
  for (const i of indicators) {
    if (i.reading.severalMeasures) continue;
    const passed = i.reading.targets.filter((t) => targetEnds(t.year) < asOf).sort((a, b) => targetEnds(b.year) - targetEnds(a.year))[0];
    if (!passed) continue;
    let goal: number;
    try {
      goal = targetValue(passed, i.baseline);
    } catch {
      continue;
    }
    const shown = formatIndicatorFigure(goal, i.unit);
    const ended = formatDate(targetEnds(passed.year));
    const where = at(table, i.row.index, target.index);
    if (!i.latest) {
      push(findings, "kpi.target-missed", "warning", where, `${indicatorName(i)}: the target of ${shown} for ${describeYear(passed.year)} ended on ${ended}, and no actual shows whether it was met.`);
      continue;
    }
    if (kpiColour(i.latest.value, goal, i.direction, 0) === "Green") continue;
    push(findings, "kpi.target-missed", "warning", where, `${indicatorName(i)}: the target of ${shown} for ${describeYear(passed.year)} ended on ${ended} and was not met: the latest actual is ${formatIndicatorFigure(i.latest.value, i.unit)} (${i.latest.period}).`);
  }
}

function checkStatus(
  table: Table,
  row: TableRow,
  cells: unknown[],
  rag: ColumnMapping,
  key: RagKey,
  source: string,
  findings: Finding[],
): { index: number; raw: unknown } | null {
  const raw = cells[rag.index];
  const fillColour = colourOfFill(row.fills[rag.index]);
  const where = at(table, row.index, rag.index);
  if (raw === null || raw === undefined || text(raw) === "") {
    if (fillColour) {
      push(findings, "rag.colour-only", "warning", where, `The status is shown only by a ${fillColour.toLowerCase()} fill. Write “${fillColour}” in the cell: colour alone is lost when the table is copied and cannot be read by everyone.`, { expected: fillColour });
    } else if (table.kind !== "scorecard") {
      // A scorecard's status waits for an actual and a target: its own checks say which is missing.
      push(findings, "rag.missing", "warning", where, "No RAG status. (If the status was a cell colour, it was lost when the table was pasted.)");
    }
    return null;
  }
  const index = statusIndex(raw, key);
  if (index === -1) {
    push(findings, "rag.unknown", "warning", where, `${quote(raw)} is not a status in ${source}.`, { actual: text(raw) });
    return { index, raw };
  }
  if (index >= 0 && fillColour) {
    const name = key.statuses[index]!.name;
    const colour = (Object.keys(COLOURS) as Colour[]).find((c) => normaliseStatus(c) === normaliseStatus(name));
    if (colour && colour !== fillColour) {
      push(findings, "rag.colour-mismatch", "warning", where, `The cell says ${quote(raw)} (${colour}) but its fill is ${fillColour.toLowerCase()}.`, { expected: colour, actual: fillColour });
    }
  }
  return { index, raw };
}

function checkDates(
  table: Table,
  row: TableRow,
  cells: unknown[],
  start: ColumnMapping | undefined,
  end: ColumnMapping | undefined,
  rag: ColumnMapping | undefined,
  key: RagKey,
  status: { index: number; raw: unknown } | null,
  options: CheckOptions,
  findings: Finding[],
): void {
  const read = (col: ColumnMapping | undefined): DateRange | null => {
    if (!col) return null;
    const v = cells[col.index];
    if (v === null || v === undefined || text(v) === "" || (typeof v === "string" && hasNoDeadline(v))) return null;
    const range = readDateRange(v);
    if (!range) {
      push(findings, "date.unreadable", "warning", at(table, row.index, col.index), `${quote(v)} under “${col.header}” is not a date the checks can read: write it as a month (Sep 2024), a day (01/09/2024) or a year (2024/25).`, { actual: text(v) });
    }
    return range;
  };
  const s = read(start);
  const e = read(end);
  if (s && e && start && end && s.start > e.end) {
    push(
      findings,
      "date.inverted",
      "error",
      at(table, row.index, end.index),
      `Ends ${asWritten(cells[end.index])}${typeof cells[end.index] === "number" ? "" : ` (${formatDate(e.end)})`} before it starts ${asWritten(cells[start.index])}${typeof cells[start.index] === "number" ? "" : ` (${formatDate(s.start)})`}.`,
      { expected: `on or after ${formatDate(s.start)}`, actual: formatDate(e.end) },
    );
  }
  const days = e && options.asOf !== undefined ? daysPastDue(e.end, options.asOf) : null;
  if (e && end && options.asOf !== undefined && days !== null) {
    const complete = status !== null && status.index >= 0 && key.statuses[status.index]!.complete;
    if (complete) return;
    const lost = table.columns.find((c) => c.retyped?.from === "rag");
    const statusText = rag
      ? status ? `its status is ${quote(status.raw)}` : "it has no status"
      : lost ? `its status is unknown (“${lost.header}” holds notes: its statuses were lost on paste)` : "the table has no status column";
    const noComplete = key.statuses.some((x) => x.complete) ? "" : " This key has no “complete” status, so check the progress notes.";
    const written = typeof cells[end.index] === "number" ? "" : ` (${quote(cells[end.index])})`;
    const dueAsWritten = typeof cells[end.index] === "number" ? formatDate(e.end) : text(cells[end.index]);
    const due = `Due by ${formatDate(e.end)}${written}, ${days} day${days === 1 ? "" : "s"} before ${formatDate(Math.floor(options.asOf))}, and ${statusText}.${noComplete}`;
    // Overdue as HNB.OVERDUE counts it; within the grace period (none by default), only just passed.
    if (days > OVERDUE_GRACE_DAYS) {
      push(findings, "date.overdue", "warning", at(table, row.index, end.index), `Overdue. ${due}`, { expected: `complete by ${formatDate(e.end)}`, actual: status ? text(status.raw) : "", cell: dueAsWritten });
    } else {
      push(findings, "date.due", "info", at(table, row.index, end.index), `Deadline just passed. ${due} Confirm it was done.`, { cell: dueAsWritten });
    }
  }
}

/** A date cell as the user wrote it: text quoted, a date shown as a date. */
function asWritten(v: unknown): string {
  return typeof v === "number" ? formatDate(v) : quote(v);
}

/** Initials-like text: "JB", "LM/ AT", "KP & RD". Roles and names ("Head of SEND") are not checked against a legend. */
const INITIALS = /^[A-Z]{1,5}(?:\s*(?:\/|,|&|\+|and)\s*[A-Z]{1,5})*$/;

function checkLead(table: Table, row: TableRow, cells: unknown[], lead: ColumnMapping, findings: Finding[]): void {
  const raw = text(cells[lead.index]);
  if (raw === "" || !INITIALS.test(raw)) return;
  const r = resolveLead(raw, table.legend!.entries);
  const where = at(table, row.index, lead.index);
  const legendAt = cellRef(table, table.legend!.row, 0);
  for (const initials of r.unknown) {
    push(findings, "lead.unknown", "warning", where, `${quote(initials)} is not in the lead legend (row ${legendAt.replace(/^[A-Z]+/, "")}).`, { actual: initials });
  }
  for (const a of r.ambiguous) {
    push(findings, "lead.ambiguous", "warning", where, `${quote(a.initials)} could be ${a.names.join(" or ")}: the legend gives those initials to more than one person.`, { actual: a.initials });
  }
}

function checkTotals(table: Table, amounts: ColumnMapping[], findings: Finding[]): void {
  const fmt = moneyFormat(table);
  const tol = tolerance(table, table.rows.filter((r) => r.role !== "note"), amounts);
  const rowNo = (r: TableRow) => r.index + table.origin.row + 1;
  // A subtotal covers the rows since the last subtotal or total; a total, every row since the
  // last total (its subtotals restate those rows, so they are not added again).
  let fromTotal = 0;
  let fromSubtotal = 0;
  table.rows.forEach((row, i) => {
    if (row.role !== "total" && row.role !== "subtotal") return;
    const items = table.rows.slice(row.role === "total" ? fromTotal : fromSubtotal, i).filter(isItemRow);
    fromSubtotal = i + 1;
    if (row.role === "total") fromTotal = i + 1;
    const sums = new Map<number, { stated: number; laidOut: number; realigned: number }>();
    for (const col of amounts) {
      const stated = readAmount(row.cells[col.index]);
      if (stated === null || Number.isNaN(stated)) continue;
      let laidOut = 0;
      let realigned = 0;
      for (const item of items) {
        const a = readAmount(item.cells[col.index]);
        if (a !== null && !Number.isNaN(a)) laidOut += a;
        const b = readAmount(effective(item)[col.index]);
        if (b !== null && !Number.isNaN(b)) realigned += b;
      }
      sums.set(col.index, { stated, laidOut: cleanSum(laidOut), realigned: cleanSum(realigned) });
    }
    for (const col of amounts) {
      const sum = sums.get(col.index);
      if (!sum) continue;
      const { stated, laidOut, realigned } = sum;
      const where = at(table, row.index, col.index);
      const verdict = compareTotal(stated, realigned, tol, fmt);
      // The realigned rows that change this column, and what each brings into it.
      const movers = items.filter((item) => item.realignment && !sameAmount(item.realignment.cells[col.index], item.cells[col.index]));
      const rows = movers.length === 1 ? `row ${rowNo(movers[0]!)}` : `rows ${movers.map(rowNo).join(", ")}`;
      if (!verdict.ok) {
        const laid = movers.length > 0 && laidOut !== realigned ? ` (That is with ${rows} realigned; as laid out the rows add to ${fmt(laidOut)}.)` : "";
        const cause = explainGap(table, items, col, amounts, sums, cleanSum(stated - realigned), tol, fmt);
        push(findings, "total.mismatch", "error", where, `“${col.header}”: ${verdict.message}${cause}${laid}`, { expected: realigned, actual: stated });
      } else if (Math.abs(laidOut - stated) > tol) {
        const gap = cleanSum(stated - laidOut);
        const brought = movers.map((item) => {
          const cameFrom = item.realignment!.moves.find((m) => m.to === col.index);
          const value = readAmount(item.realignment!.cells[col.index]);
          const from = cameFrom ? ` which sits under “${headerOf(table, item.index, cameFrom.from[0]!)}”` : "";
          return `row ${rowNo(item)}'s ${value !== null && !Number.isNaN(value) ? fmt(value) : quote(item.realignment!.cells[col.index])},${from}`;
        });
        push(
          findings,
          "total.mismatch",
          "info",
          where,
          `“${col.header}”: as laid out the rows add to ${fmt(laidOut)}, ${fmt(Math.abs(gap))} ${gap > 0 ? "short of" : "over"} the stated ${fmt(stated)}. The ${fmt(Math.abs(gap))} gap is ${joinNames(brought)}; put back, the rows add to ${fmt(realigned)}, which agrees.`,
          { expected: laidOut, actual: stated },
        );
      }
    }
    if (row.role === "total") grandTotal(table, row, amounts, sums, tol, fmt, findings);
  });
}

function sameAmount(a: unknown, b: unknown): boolean {
  const x = readAmount(a);
  const y = readAmount(b);
  if (x === null || Number.isNaN(x)) return y === null || Number.isNaN(y);
  return x === y;
}

function joinNames(parts: string[]): string {
  if (parts.length <= 1) return (parts[0] ?? "").replace(/,$/, "");
  return `${parts.slice(0, -1).join(" ")} and ${parts[parts.length - 1]!.replace(/,$/, "")}`;
}

interface GapCause {
  amount: number;
  says: string;
}

/**
 * Cells that would close a column's gap: a figure kept as text in the column ("£20,000 tbc"), a
 * lone figure under another heading of an item row, or a figure in the wrong year (another year
 * column whose own gap is the same amount the other way). One cell, or two, that close it exactly
 * are named; the transposition hint stays in the message either way.
 */
function explainGap(
  table: Table,
  items: TableRow[],
  col: ColumnMapping,
  amounts: ColumnMapping[],
  sums: Map<number, { stated: number; realigned: number }>,
  gap: number,
  tol: number,
  fmt: (v: number) => string,
): string {
  const causes: GapCause[] = [];
  const rowNo = (r: TableRow) => r.index + table.origin.row + 1;
  const amountColumns = new Set(amounts.map((a) => a.index));
  for (const item of items) {
    if (causes.length > 200) break;
    const cells = effective(item);
    const inColumn = cells[col.index];
    if (typeof inColumn === "string" && Number.isNaN(readAmount(inColumn) ?? 0)) {
      const figure = figureIn(inColumn);
      if (figure !== null) causes.push({ amount: figure, says: `row ${rowNo(item)}'s ${quote(inColumn)}, kept as text` });
    }
    for (let c = 0; c < cells.length; c++) {
      if (c === col.index) continue;
      const v = cells[c];
      if (v === null || v === undefined) continue;
      if (amountColumns.has(c)) {
        // A figure in the wrong year: that year's gap is the same amount the other way.
        const other = sums.get(c);
        const a = readAmount(v);
        if (other && a !== null && !Number.isNaN(a) && a !== 0 && Math.abs(cleanSum(other.stated - other.realigned) + a) <= tol) {
          causes.push({ amount: a, says: `row ${rowNo(item)}'s ${fmt(a)}, which sits under “${headerOf(table, item.index, c)}” (that year's total is ${fmt(Math.abs(a))} ${a > 0 ? "over" : "short"} as well)` });
        }
      } else if (typeof v === "string" ? cellType(v) === "money" : false) {
        const a = readAmount(v)!;
        causes.push({ amount: a, says: `row ${rowNo(item)}'s ${fmt(a)}, which sits under “${headerOf(table, item.index, c)}”` });
      }
    }
  }
  const closes = (total: number) => Math.abs(total - gap) <= tol;
  const one = causes.find((c) => closes(c.amount));
  if (one) return ` The ${fmt(Math.abs(gap))} gap is ${one.says}: put in this column, the column adds to ${fmt(cleanSum(sums.get(col.index)!.realigned + gap))} as stated.`;
  for (let i = 0; i < causes.length; i++) {
    for (let j = i + 1; j < causes.length; j++) {
      if (closes(causes[i]!.amount + causes[j]!.amount)) {
        return ` The ${fmt(Math.abs(gap))} gap is ${causes[i]!.says} and ${causes[j]!.says}: put in this column, they make the column add to the stated total.`;
      }
    }
  }
  return "";
}

/** The figure inside text that is not an amount on its own: "£20,000 (subject to approval)". */
function figureIn(text: string): number | null {
  const m = /£\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn)?\b|\(£?\d[\d,]*(?:\.\d+)?\)/i.exec(text);
  if (!m) return null;
  const a = readAmount(m[0]);
  return a === null || Number.isNaN(a) ? null : a;
}

/**
 * A total row's figure under a heading that is not a year (the grand total often sits under the
 * notes column): it must equal the years' stated totals added up.
 */
function grandTotal(
  table: Table,
  row: TableRow,
  amounts: ColumnMapping[],
  sums: Map<number, { stated: number; realigned: number }>,
  tol: number,
  fmt: (v: number) => string,
  findings: Finding[],
): void {
  const years = amounts.filter((a) => a.field === "amount");
  if (years.length < 2 || sums.size !== years.length) return;
  const lastYear = maxOf(years.map((y) => y.index));
  const c = row.cells.findIndex((v, i) => i > lastYear && v !== null && v !== undefined && cellType(v) === "money");
  if (c < 0) return;
  const stated = readAmount(row.cells[c])!;
  let statedYears = 0;
  for (const y of years) statedYears += sums.get(y.index)!.stated;
  statedYears = cleanSum(statedYears);
  if (Math.abs(stated - statedYears) <= tol) return;
  const verdict = compareTotal(stated, statedYears, tol, fmt);
  push(
    findings,
    "total.mismatch",
    "error",
    at(table, row.index, c),
    `The grand total ${fmt(stated)} under “${headerOf(table, row.index, c)}” is not the years' totals added up (${fmt(statedYears)}). ${verdict.message.replace(/^The rows add to/, "The years add to")}`,
    { expected: statedYears, actual: stated },
  );
}

// ---------------------------------------------------------------------------------------------
// Summary tables against their detail: one status per initiative should be the worst of its milestones

function checkRollups(tables: Table[], findings: Finding[]): void {
  for (const pair of summaryDetailPairs(tables)) compareRollups(pair, findings);
}

/** The column that names each initiative, where a finding about an initiative as a whole points. */
function nameColumnOf(table: Table): ColumnMapping {
  return table.columns.find((c) => c.field === "initiative" || c.field === "milestone" || c.field === "action" || c.field === "ref") ?? table.columns[0]!;
}

function howMatched(m: NameMatch): string {
  if (m.how === "same words") return "the same words";
  if (m.how === "acronym") return "the same words once its acronym is spelt out";
  return `${Math.round(m.score * 100)}% of their words in common: a guess, check it`;
}

function compareRollups({ summary, detail, summaryRows, groups, matches }: PlanPair, findings: Finding[]): void {
  const sKey = keyOf(summary).key;
  const dKey = keyOf(detail).key;
  const sRag = columnOf(summary, "rag")!;
  const dRag = columnOf(detail, "rag")!;
  const loose = matches.filter((m) => m.how !== "same");
  if (loose.length > 0) {
    const listed = loose.map((m) => `${quote(summaryRows[m.from]!.group)} = ${quote(groups[m.to]!.name)} (${howMatched(m)})`).join("; ");
    push(findings, "rag.rollup", "info", at(summary, summary.headerRow, nameColumnOf(summary).index), `The summary's initiatives are matched to the detail table (${detail.sheet}) by name, where the names differ: ${listed}.`);
  }
  summaryRows.forEach((row, i) => {
    const where = at(summary, row.index, sRag.index);
    const m = matches.find((x) => x.from === i);
    if (!m) {
      push(findings, "rag.rollup", "warning", where, `No rows of the detail table (${detail.sheet}) match ${quote(row.group)}, so its status cannot be checked.`);
      return;
    }
    const details = groups[m.to]!.rows;
    const indices = details.map((d) => statusIndex(effective(d)[dRag.index], dKey)).filter((x) => x >= 0);
    if (indices.length === 0) return;
    const expected = rollUp(indices, dKey, "worst");
    const raw = effective(row)[sRag.index];
    const said = statusIndex(raw, sKey);
    const listed = details.map((d) => text(effective(d)[dRag.index]) || "blank").join(", ");
    const as = m.how === "same" ? "" : ` (the detail's ${quote(groups[m.to]!.name)})`;
    if (said === -1) {
      // Outside the key (already a rag.unknown): what its detail says it should be is worth saying.
      push(findings, "rag.rollup", "warning", where, `${quote(row.group)} says ${quote(raw)}, which is not a status in the key, while its ${details.length} detail rows${as} roll up to ${expected} (worst of: ${listed}).`, { expected, actual: text(raw) });
      return;
    }
    if (said < 0) return; // blank: already reported by rag.missing
    const saidName = sKey.statuses[said]!.name;
    if (normaliseStatus(saidName) !== normaliseStatus(expected)) {
      const written = normaliseStatus(text(raw)) === normaliseStatus(saidName) ? saidName : `${quote(raw)} (${saidName})`;
      push(findings, "rag.rollup", "warning", where, `${quote(row.group)} says ${written} but its ${details.length} detail rows${as} roll up to ${expected} (worst of: ${listed}).`, { expected, actual: saidName });
    }
  });
  const matched = new Set(matches.map((m) => m.to));
  groups.forEach((g, j) => {
    if (matched.has(j)) return;
    const first = g.rows[0]!;
    push(findings, "rag.rollup", "warning", at(detail, first.index, nameColumnOf(detail).index), `${quote(g.name)} has ${g.rows.length} detail row${g.rows.length === 1 ? "" : "s"} but no line in the summary table (${summary.sheet}), so the summary leaves it out.`);
  });
}

// ---------------------------------------------------------------------------------------------
// Deficit corkscrews

const APPROVED = /secretary\s+of\s+state|disapplication|\bsos\b/i;

/**
 * Half a unit of the last decimal place the figures show: 0.5 for whole £ or £000, 0.05 for £m
 * to one place. A £m table must not let £300k through as rounding.
 */
function tolerance(table: Table, rows: TableRow[], columns: ColumnMapping[]): number {
  void table;
  return roundingTolerance(rows, columns);
}

/** The deficit against the 2026 rules: the High Needs Stability Grant and the deficit by source. */
function rulesOf2026(table: Table, options: CheckOptions, findings: Finding[]): void {
  const rules = deficitRules(table);
  const { cutOff, grantLine, expected } = rules;
  if (grantLine) {
    for (const paid of rules.grantPaid) {
      const where = at(table, grantLine.index, paid.column);
      if (paid.label !== rules.grantYear) {
        push(findings, "grant.year", "info", where, `The High Needs Stability Grant is in ${paid.label}; it is paid towards the deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)}, so it is income in ${rules.grantYear}. Check the year.`, { actual: text(paid.amount) });
        continue;
      }
      if (!expected) continue;
      const most = expected.grant;
      if (paid.amount > most + 0.5) {
        const takenOut = expected.ineligible !== 0 ? ` less ${formatFigure(expected.ineligible)} not High Needs` : "";
        push(findings, "grant.too-large", "error", where, `The High Needs Stability Grant (${formatFigure(paid.amount)}) is more than ${Math.round(expected.share * 100)}% of the eligible deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} (${formatFigure(expected.deficit)}${takenOut}): at most ${formatFigure(most)}.${expected.why ? ` ${expected.why}` : ""}`, { expected: String(most), actual: String(paid.amount) });
      }
    }
  } else if (cutOff && cutOff.deficit > 0 && options.asOf !== undefined && options.asOf >= STABILITY_GRANT_ANNOUNCED) {
    // Only a paper dated after the grant was announced can be expected to show it.
    const cf = corkscrewOf(table).carriedForward!;
    push(findings, "grant.missing", "info", at(table, cf.index, cutOff.column), `A deficit of ${formatFigure(cutOff.deficit)} at ${formatDate(STABILITY_GRANT_CUT_OFF)} and no High Needs Stability Grant line: eligible for the grant? Once DfE confirms it, add it as income in ${rules.grantYear} (HNB.STABILITYGRANT works it out).`);
  }
  if (rules.sourceVerdict && !rules.sourceVerdict.agree) {
    push(findings, "sources.differ", "warning", at(table, table.headerRow, 0), rules.sourceVerdict.message);
  }
}

function checkDeficit(table: Table, options: CheckOptions, findings: Finding[]): void {
  const years = table.columns.filter((c) => c.field === "amount");
  const rows = table.rows.filter((r) => r.role === "data" || r.role === "subtotal" || r.role === "total");
  for (const row of rows) {
    for (const col of years) {
      const v = row.cells[col.index];
      if (v === null || v === undefined) continue;
      const a = readAmount(v);
      if (a !== null && Number.isNaN(a)) {
        push(findings, "amount.text", "error", at(table, row.index, col.index), `${quote(v)} in “${row.group}”, ${col.header}, is not an amount.`, { actual: text(v) });
      }
    }
  }
  const cork = corkscrewOf(table);
  const values = cork.figures;
  if (cork.broughtForward && cork.carriedForward) {
    const bf = cork.broughtForward;
    const cf = cork.carriedForward;
    // Every line between brought forward and carried forward moves the balance, a recovery-plan
    // line among them included; subtotals only restate lines already counted.
    const breaks = corkscrewBreaks(values(bf), cork.movements.map(values), values(cf), cork.labels, tolerance(table, rows, years));
    for (const b of breaks) {
      const col = years[b.year]!.index;
      if (b.kind === "balance") {
        push(findings, "corkscrew.balance", "error", at(table, bf.index, col), b.message, { expected: b.expected, actual: b.actual });
      } else {
        push(findings, "corkscrew.column", "error", at(table, cf.index, col), b.message, { expected: b.expected, actual: b.actual });
      }
    }
  }
  rulesOf2026(table, options, findings);
  // The Schools Block transfer against the block itself, where the table gives the block.
  const { transfer, schoolsBlock: block } = cork;
  if (transfer && block) {
    const approved =
      rows.some((r) => APPROVED.test(r.group)) ||
      table.unmapped.some((u) => APPROVED.test(u.header)) ||
      (table.notes ?? []).some((n) => APPROVED.test(n.text));
    years.forEach((col, y) => {
      const t = values(transfer)[y]!;
      const s = values(block)[y]!;
      if (t === 0 || s <= 0) return;
      const verdict = transferCheck(t, s);
      if (verdict.approver === "Secretary of State" && !approved) {
        push(findings, "transfer.cap", "error", at(table, transfer.index, col.index), `${yearName(col)}: the transfer is ${verdict.message} No note of that approval is in the table.`, { expected: "0.5% or less, or the Secretary of State's approval", actual: `${(verdict.share * 100).toFixed(2)}%` });
      }
    });
  }
}
