import { keyOf } from "./key-sheet";
import { corkscrewBreaks, transferCheck } from "../corkscrew";
import { type DateRange, hasNoDeadline, readDateRange } from "../dates";
import { quote } from "../errors";
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
import { corkscrewOf, yearName } from "./deficit";
import { formatDate } from "../years";
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
    if (table.kind === "deficit") checkDeficit(table, findings);
    else checkPlan(table, options, findings);
  }
  checkRollups(tables, findings);
  return findings;
}

/** Placeholders for a figure not yet known: worth a warning, not an error. */
const NOT_YET = /^(?:tbc|tba|tbd|to be confirmed|to be agreed|unknown|not known|n\/?k|n\/?a|pending)$/i;

/** Deadlines passed within this many days of the as-of date are "due" (information), not overdue. */
export const DUE_GRACE_DAYS = 30;


function columnOf(table: Table, field: Field): ColumnMapping | undefined {
  return table.columns.find((c) => c.field === field);
}

/** Of several end-date columns ("Original target date", "Revised target date"), the latest word wins. */
function endColumn(table: Table): ColumnMapping | undefined {
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
  extra: { expected?: string | number; actual?: string | number } = {},
): void {
  findings.push({ rule, severity, location: where, message, ...extra });
}

function isItemRow(row: TableRow): boolean {
  return row.role === "data" || row.role === "continuation";
}

/** The row as the checks read it: realigned where the reader proposes a realignment. */
function effective(row: TableRow): unknown[] {
  return row.realignment ? row.realignment.cells : row.cells;
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

  for (const row of table.rows) {
    if (!isItemRow(row)) continue;
    const cells = effective(row);
    if (row.realignment) misaligned(table, row, findings);
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
    let status: { index: number; raw: unknown } | null = null;
    if (rag) status = checkStatus(table, row, cells, rag, key, source, findings);
    checkDates(table, row, cells, start, end, rag, key, status, options, findings);
    if (lead && table.legend) checkLead(table, row, cells, lead, findings);
  }
  checkTotals(table, amounts, findings);
}

function misaligned(table: Table, row: TableRow, findings: Finding[]): void {
  const r = row.realignment!;
  const first = r.from;
  const target = first + r.shift;
  const header = (c: number) => table.columns.find((m) => m.index === c)?.header ?? table.unmapped.find((u) => u.index === c)?.header ?? `column ${cellRef(table, row.index, c).replace(/\d+$/, "")}`;
  const direction = r.shift > 0 ? "left" : "right";
  const moved: string[] = [];
  for (let c = 0; c < r.cells.length; c++) {
    const v = r.cells[c];
    if (v !== null && v !== undefined && v !== row.cells[c]) moved.push(`${header(c)} ${quote(v)}`);
  }
  push(
    findings,
    "row.misaligned",
    "error",
    at(table, row.index, first),
    `Row ${row.index + table.origin.row + 1} looks shifted ${Math.abs(r.shift)} column${Math.abs(r.shift) === 1 ? "" : "s"} to the ${direction}: ${quote(row.cells[first])} sits under “${header(first)}” where “${header(target)}” would hold it. Moved back, every cell fits its column: ${moved.join(", ")}.`,
    { expected: cellRef(table, row.index, target), actual: cellRef(table, row.index, first) },
  );
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
    } else {
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
  if (e && end && options.asOf !== undefined && e.end < Math.floor(options.asOf)) {
    const complete = status !== null && status.index >= 0 && key.statuses[status.index]!.complete;
    if (complete) return;
    const days = Math.floor(options.asOf) - e.end;
    const statusText = rag ? (status ? `its status is ${quote(status.raw)}` : "it has no status") : "the table has no status column";
    const noComplete = key.statuses.some((x) => x.complete) ? "" : " This key has no “complete” status, so check the progress notes.";
    const written = typeof cells[end.index] === "number" ? "" : ` (${quote(cells[end.index])})`;
    const due = `Due by ${formatDate(e.end)}${written}, ${days} day${days === 1 ? "" : "s"} before ${formatDate(Math.floor(options.asOf))}, and ${statusText}.${noComplete}`;
    if (days > DUE_GRACE_DAYS) {
      push(findings, "date.overdue", "warning", at(table, row.index, end.index), `Overdue. ${due}`, { expected: `complete by ${formatDate(e.end)}`, actual: status ? text(status.raw) : "" });
    } else {
      push(findings, "date.due", "info", at(table, row.index, end.index), `Deadline just passed. ${due} Confirm it was done.`);
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
  // A subtotal covers the rows since the last subtotal or total; a total, every row since the
  // last total (its subtotals restate those rows, so they are not added again).
  let fromTotal = 0;
  let fromSubtotal = 0;
  table.rows.forEach((row, i) => {
    if (row.role !== "total" && row.role !== "subtotal") return;
    const items = table.rows.slice(row.role === "total" ? fromTotal : fromSubtotal, i).filter(isItemRow);
    fromSubtotal = i + 1;
    if (row.role === "total") fromTotal = i + 1;
    for (const col of amounts) {
      const stated = readAmount(row.cells[col.index]);
      if (stated === null || Number.isNaN(stated)) continue;
      let laidOut = 0;
      let realigned = 0;
      const moved: number[] = [];
      for (const item of items) {
        const a = readAmount(item.cells[col.index]);
        if (a !== null && !Number.isNaN(a)) laidOut += a;
        const b = readAmount(effective(item)[col.index]);
        if (b !== null && !Number.isNaN(b)) realigned += b;
        if (item.realignment && item.realignment.cells[col.index] !== item.cells[col.index]) moved.push(item.index + table.origin.row + 1);
      }
      laidOut = cleanSum(laidOut);
      realigned = cleanSum(realigned);
      const where = at(table, row.index, col.index);
      const verdict = compareTotal(stated, realigned, tol, fmt);
      const rows = moved.length === 1 ? `row ${moved[0]}` : `rows ${moved.join(", ")}`;
      if (!verdict.ok) {
        const laid = moved.length > 0 && laidOut !== realigned ? ` (That is with ${rows} realigned; as laid out the rows add to ${fmt(laidOut)}.)` : "";
        push(findings, "total.mismatch", "error", where, `“${col.header}”: ${verdict.message}${laid}`, { expected: realigned, actual: stated });
      } else if (Math.abs(laidOut - stated) > tol) {
        const gap = cleanSum(stated - laidOut);
        push(
          findings,
          "total.mismatch",
          "info",
          where,
          `“${col.header}”: as laid out the rows add to ${fmt(laidOut)}, ${fmt(Math.abs(gap))} ${gap > 0 ? "short of" : "over"} the stated ${fmt(stated)}; with ${rows} realigned they add to ${fmt(realigned)}, which agrees.`,
          { expected: laidOut, actual: stated },
        );
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Summary tables against their detail: one status per initiative should be the worst of its milestones

function groupName(text: string): string {
  return normaliseStatus(text);
}

function checkRollups(tables: Table[], findings: Finding[]): void {
  const plans = tables.filter((t) => t.kind !== "deficit" && columnOf(t, "rag"));
  for (const summary of plans) {
    const summaryRows = summary.rows.filter((r) => r.role === "data");
    if (summaryRows.length === 0 || summary.rows.some((r) => r.role === "continuation")) continue;
    const groups = new Set(summaryRows.map((r) => groupName(r.group)));
    if (groups.size !== summaryRows.length) continue; // names repeat: a detail table, not a summary
    for (const detail of plans) {
      if (detail === summary) continue;
      const byGroup = new Map<string, TableRow[]>();
      for (const r of detail.rows) {
        if (!isItemRow(r)) continue;
        const g = groupName(r.group);
        byGroup.set(g, [...(byGroup.get(g) ?? []), r]);
      }
      if (![...byGroup.values()].some((rs) => rs.length > 1)) continue;
      const matched = summaryRows.filter((r) => byGroup.has(groupName(r.group)));
      if (matched.length === 0) continue;
      compareRollups(summary, detail, summaryRows, byGroup, findings);
    }
  }
}

function compareRollups(summary: Table, detail: Table, summaryRows: TableRow[], byGroup: Map<string, TableRow[]>, findings: Finding[]): void {
  const sKey = keyOf(summary).key;
  const dKey = keyOf(detail).key;
  const sRag = columnOf(summary, "rag")!;
  const dRag = columnOf(detail, "rag")!;
  for (const row of summaryRows) {
    const where = at(summary, row.index, sRag.index);
    const details = byGroup.get(groupName(row.group));
    if (!details) {
      push(findings, "rag.rollup", "warning", where, `No rows of the detail table (${detail.sheet}) match ${quote(row.group)}, so its status cannot be checked.`);
      continue;
    }
    const indices = details.map((d) => statusIndex(effective(d)[dRag.index], dKey)).filter((i) => i >= 0);
    if (indices.length === 0) continue;
    const expected = rollUp(indices, dKey, "worst");
    const said = statusIndex(effective(row)[sRag.index], sKey);
    if (said < 0) continue; // unknown or missing: already reported by rag.unknown / rag.missing
    const saidName = sKey.statuses[said]!.name;
    if (normaliseStatus(saidName) !== normaliseStatus(expected)) {
      const listed = details.map((d) => text(effective(d)[dRag.index]) || "blank").join(", ");
      push(findings, "rag.rollup", "warning", where, `${quote(row.group)} says ${saidName} but its ${details.length} detail rows roll up to ${expected} (worst of: ${listed}).`, { expected, actual: saidName });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Deficit corkscrews

const APPROVED = /secretary\s+of\s+state|disapplication|\bsos\b/i;

/**
 * Half a unit of the last decimal place the figures show: 0.5 for whole £ or £000, 0.05 for £m
 * to one place. A £m table must not let £300k through as rounding.
 */
function tolerance(table: Table, rows: TableRow[], columns: ColumnMapping[]): number {
  let decimals = 0;
  for (const row of rows) {
    for (const col of columns) {
      const v = row.cells[col.index];
      const t = typeof v === "number" ? String(v) : typeof v === "string" ? v : "";
      const m = /\.(\d+)/.exec(t);
      if (m && m[1]!.length > decimals) decimals = Math.min(m[1]!.length, 6);
    }
  }
  void table;
  return 0.5 * 10 ** -decimals;
}

function checkDeficit(table: Table, findings: Finding[]): void {
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
