import { maxOf } from "../grid";
import { CONVENTION_WORDS, conventionOf, decimalsOf, transpositionHint, variance } from "../budget";
import { count, quote } from "../errors";
import { cleanSum } from "../grid";
import { formatFigure, formatMoney, readAmount } from "../money";
import { compareTotal } from "../savings";
import { MEASURE_FIELDS, budgetLineLabel, budgetSums } from "./budget";
import { location } from "./location";
import { placedCells } from "./rows";
import { roundingTolerance } from "./cells";
import { isShareHeading } from "./budget-words";
import type { ColumnMapping, Finding, Table, TableRow } from "./types";

/**
 * The arithmetic of a budget table, each wrong cell named once: a variance that is not outturn
 * less budget (by the table's own sign convention), a row that does not add across to its
 * Total column, a total or subtotal that does not add down, a balance not carried down a
 * column, and figures given to mixed precision. A cell found wrong is put right before the
 * totals over it are judged, so a total the wrong cell throws out is explained in the wrong
 * cell's finding, not reported again.
 */
export function checkBudget(table: Table, findings: Finding[]): void {
  const fmt = table.unit === "£000" || table.unit === "£m" ? formatFigure : (v: number) => formatMoney(v);
  const measures = table.columns.filter((c) => MEASURE_FIELDS.has(c.field));
  const lines = table.rows.filter((r) => r.role === "data" || r.role === "subtotal" || r.role === "total");
  const tol = roundingTolerance(lines, measures);
  // Each line's figures read once: a total over 20,000 lines asks for each of them several times.
  const read = new Map<TableRow, Map<number, number | null>>();
  const value = (row: TableRow, col: ColumnMapping): number | null => {
    let figures = read.get(row);
    if (!figures) {
      const cells = placedCells(row);
      figures = new Map(measures.map((m) => {
        const a = readAmount(cells[m.index]);
        return [m.index, a === null || Number.isNaN(a) ? null : a];
      }));
      read.set(row, figures);
    }
    return figures.get(col.index) ?? null;
  };
  /** Figures put right by a check, by row and column: what the totals over them are judged on. */
  const corrected = new Map<string, number>();
  const key = (row: TableRow, col: ColumnMapping) => `${row.index}:${col.index}`;
  const judged = (row: TableRow, col: ColumnMapping) => corrected.get(key(row, col)) ?? value(row, col);
  /** The finding for a corrected cell, so the totals it throws out can be said in it. */
  const findingOf = new Map<string, Finding>();
  const at = (row: TableRow, col: ColumnMapping) => location(table.sheet, row.index, col.index, table.origin);
  const name = (row: TableRow) => lineName(table, row);

  varianceChecks(table, lines, value, fmt, tol, (row, col, expected, finding) => {
    corrected.set(key(row, col), expected);
    findingOf.set(key(row, col), finding);
    findings.push(finding);
  });
  crossFootChecks(table, lines, value, fmt, tol, at, name, (row, col, expected, finding) => {
    corrected.set(key(row, col), expected);
    findingOf.set(key(row, col), finding);
    findings.push(finding);
  });

  // What adds to what (subtotals, totals, net positions, balances carried down), judged on the
  // figures as put right above, so a total a wrong cell throws out is told in that cell's finding.
  for (const sum of budgetSums(table.rows)) {
    const { row, parts } = sum;
    for (const col of measures) {
      // Shares ("% variance", "% of the block") do not add down.
      if (col.field === "variancePercent" || isShareHeading(col.header) || (sum.kind === "closing" && col.field === "variance")) continue;
      const stated = value(row, col);
      if (stated === null) continue;
      const figures = parts.map((r) => judged(r, col));
      if (figures.every((v) => v === null) || (sum.kind !== "total" && sum.kind !== "subtotal" && figures[0] === null)) continue;
      const total = cleanSum(figures.reduce<number>((a, b) => a + (b ?? 0), 0));
      const laidOut = cleanSum(parts.map((r) => value(r, col) ?? 0).reduce((a, b) => a + b, 0));
      if (Math.abs(total - stated) > tol) {
        if (corrected.has(key(row, col))) continue;
        const gap = `a gap of ${fmt(Math.abs(cleanSum(stated - total)))}.${transpositionHint(stated, total, tol, fmt)}`;
        const path = figures.map((v) => fmt(v ?? 0)).join(" + ");
        const message =
          sum.kind === "closing" ? `${name(row)}, “${col.header}”: ${name(parts[0]!)} and the movements under it make ${path} = ${fmt(total)}, but the balance says ${fmt(stated)}: ${gap}`
          : sum.kind === "net" ? `${name(row)}, “${col.header}”: ${parts.map((r) => name(r)).join(" plus ")} is ${fmt(total)}, but the line says ${fmt(stated)}: ${gap}`
          : `${name(row)}, “${col.header}”: ${compareTotal(stated, total, tol, fmt).message}`;
        findings.push({ rule: sum.kind === "closing" ? "balance.mismatch" : "total.mismatch", severity: "error", location: at(row, col), message, expected: total, actual: stated });
        continue;
      }
      if (Math.abs(laidOut - total) > tol) {
        // The sum is right; the cells put right above explain why the lines as laid out do not reach it.
        for (const r of parts.filter((p) => corrected.has(key(p, col)))) {
          const f = findingOf.get(key(r, col))!;
          f.message += ` ${name(row)} (${fmt(stated)} under “${col.header}”) agrees once this line reads ${fmt(corrected.get(key(r, col))!)}; as laid out the ${count(parts.length, "line")} it adds up come to ${fmt(laidOut)}.`;
        }
      }
    }
  }
  precision(table, lines, measures, findings);
}

/** How a line is named in a message: its code and description ("1.2.3 Top-up: independent…"). */
function lineName(table: Table, row: TableRow): string {
  const text = budgetLineLabel(table, row);
  return text === "" ? `Row ${row.index + 1}` : quote(text);
}

type Correct = (row: TableRow, col: ColumnMapping, expected: number, finding: Finding) => void;

/**
 * Variance against budget and outturn. The sign convention is read from the table itself (the
 * way most of its lines take it) and said in the finding; a tie is read as outturn − budget.
 */
function varianceChecks(table: Table, lines: TableRow[], value: (r: TableRow, c: ColumnMapping) => number | null, fmt: (v: number) => string, tol: number, correct: Correct): void {
  const budget = table.columns.find((c) => c.field === "budget");
  const outturn = table.columns.find((c) => c.field === "outturn");
  const varianceCol = table.columns.find((c) => c.field === "variance");
  if (!budget || !outturn || !varianceCol) return;
  const triples = lines.flatMap((row) => {
    const b = value(row, budget);
    const o = value(row, outturn);
    const v = value(row, varianceCol);
    return b !== null && o !== null && v !== null ? [{ row, b, o, v }] : [];
  });
  const { convention, agreeing } = conventionOf(triples.map((t) => ({ budget: t.b, outturn: t.o, variance: t.v })), tol);
  for (const t of triples) {
    const expected = variance(t.b, t.o, convention);
    if (Math.abs(expected - t.v) <= tol) continue;
    const sum = convention === "outturn-budget" ? `${fmt(t.o)} less ${fmt(t.b)}` : `${fmt(t.b)} less ${fmt(t.o)}`;
    const reversed = Math.abs(variance(t.b, t.o, convention === "outturn-budget" ? "budget-outturn" : "outturn-budget") - t.v) <= tol;
    const why = reversed ? " It has the opposite sign: this line takes the variance the other way round from the rest of the table." : transpositionHint(t.v, expected, tol, fmt);
    const message = `${lineName(table, t.row)}: “${varianceCol.header}” says ${fmt(t.v)}, but ${convention === "outturn-budget" ? `“${outturn.header}” less “${budget.header}”` : `“${budget.header}” less “${outturn.header}”`} is ${sum} = ${fmt(expected)}: a difference of ${fmt(Math.abs(cleanSum(t.v - expected)))}.${why} (This table takes variance as ${CONVENTION_WORDS[convention]}${agreeing > 0 ? `, as ${count(agreeing, "other line")} ${agreeing === 1 ? "does" : "do"}` : ""}.)`;
    correct(t.row, varianceCol, expected, {
      rule: "variance.mismatch",
      severity: "error",
      location: location(table.sheet, t.row.index, varianceCol.index, table.origin),
      message,
      expected,
      actual: t.v,
    });
  }
}

/** A table by block: each line's blocks add across to its Total column. */
function crossFootChecks(
  table: Table,
  lines: TableRow[],
  value: (r: TableRow, c: ColumnMapping) => number | null,
  fmt: (v: number) => string,
  tol: number,
  at: (r: TableRow, c: ColumnMapping) => string,
  name: (r: TableRow) => string,
  correct: Correct,
): void {
  const blocks = table.columns.filter((c) => c.field === "block" && !isShareHeading(c.header));
  const total = table.columns.find((c) => c.field === "total");
  if (blocks.length < 2 || !total) return;
  for (const row of lines) {
    const stated = value(row, total);
    const parts = blocks.map((b) => value(row, b));
    if (stated === null || parts.every((p) => p === null)) continue;
    const sum = cleanSum(parts.reduce<number>((a, b) => a + (b ?? 0), 0));
    if (Math.abs(sum - stated) <= tol) continue;
    correct(row, total, sum, {
      rule: "crossfoot.mismatch",
      severity: "error",
      location: at(row, total),
      message: `${name(row)}: the blocks add across to ${fmt(sum)} (${parts.map((p) => fmt(p ?? 0)).join(" + ")}) but “${total.header}” says ${fmt(stated)}: a gap of ${fmt(Math.abs(cleanSum(stated - sum)))}.${transpositionHint(stated, sum, tol, fmt)}`,
      expected: sum,
      actual: stated,
    });
  }
}

/** Figures given to fewer decimal places than the rest of the table (−8.1 beside −7.45): worth a word, not an error. */
function precision(table: Table, lines: TableRow[], measures: ColumnMapping[], findings: Finding[]): void {
  const typed: { row: TableRow; col: ColumnMapping; text: string; decimals: number }[] = [];
  for (const row of lines) {
    const cells = placedCells(row);
    for (const col of measures) {
      const v = cells[col.index];
      // As typed only: a workbook's number has lost its trailing zeros, and its format shows the precision.
      if (typeof v !== "string" || !/\d/.test(v)) continue;
      typed.push({ row, col, text: v.trim(), decimals: decimalsOf(v) });
    }
  }
  const most = maxOf(typed.map((t) => t.decimals), 0);
  if (most === 0) return;
  const fewer = typed.filter((t) => t.decimals < most && t.decimals > 0);
  if (fewer.length === 0) return;
  const first = fewer[0]!;
  findings.push({
    rule: "figures.precision",
    severity: "info",
    location: location(table.sheet, first.row.index, first.col.index, table.origin),
    message: `${fewer.slice(0, 3).map((f) => quote(f.text)).join(", ")}${fewer.length > 3 ? ` and ${fewer.length - 3} more` : ""} ${fewer.length === 1 ? "is" : "are"} given to ${first.decimals} decimal place${first.decimals === 1 ? "" : "s"} where the table's other figures have ${most}: rounded differently, so totals may differ in the last place.`,
  });
}
