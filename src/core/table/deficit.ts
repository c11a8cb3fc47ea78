import { readAmount } from "../money";
import { yearLabel } from "../years";
import type { ColumnMapping, Table, TableRow } from "./types";

/**
 * The parts of a deficit table, found by their labels: brought forward ("B/Fwd", "b/f",
 * "Opening"), carried forward ("C/Fwd", "c/f", "Closing", "Cumulative"), the lines between them,
 * and the recovery plan's impact row under them. The checks and the Schools Forum paper both
 * read a corkscrew through this, so they agree on which row is which.
 */
export interface Corkscrew {
  years: ColumnMapping[];
  /** "2025/26" for each year column, whatever its heading ("2025/26 (£000)", "FY26"). */
  labels: string[];
  rows: TableRow[];
  broughtForward?: TableRow;
  carriedForward?: TableRow;
  /** Lines between brought and carried forward that move the balance (subtotals left out). */
  movements: TableRow[];
  /** The recovery plan's in-year effects, under the corkscrew. */
  impact?: TableRow;
  transfer?: TableRow;
  schoolsBlock?: TableRow;
  /** A row's figures by year; text and blanks count as 0. */
  figures(row: TableRow): number[];
}

const BROUGHT = /\bb\s*\/\s*f(?:wd)?\b|\bbfwd\b|\bb\/fwd|brought\s+f(?:or)?w(?:ar)?d|\bopening\b/i;
const CARRIED = /\bc\s*\/\s*f(?:wd)?\b|\bcfwd\b|\bc\/fwd|carried\s+f(?:or)?w(?:ar)?d|\bclosing\b|\bcumulative\b/i;
const IMPACT = /impact|recovery\s+plan|mitigat|savings/i;
const TRANSFER = /transfer/i;
const SCHOOLS_BLOCK = /schools\s+block/i;

export function yearName(col: ColumnMapping): string {
  return col.year !== undefined ? yearLabel(col.year) : col.header;
}

export function corkscrewOf(table: Table): Corkscrew {
  const years = table.columns.filter((c) => c.field === "amount");
  const rows = table.rows.filter((r) => r.role === "data" || r.role === "subtotal" || r.role === "total");
  const figures = (row: TableRow) =>
    years.map((c) => {
      const a = readAmount(row.cells[c.index]);
      return a === null || Number.isNaN(a) ? 0 : a;
    });
  const bfAt = rows.findIndex((r) => BROUGHT.test(r.group));
  const cfAt = bfAt >= 0 ? rows.findIndex((r, i) => i > bfAt && CARRIED.test(r.group)) : -1;
  const found = bfAt >= 0 && cfAt > bfAt;
  const impact = found ? rows.slice(cfAt + 1).find((r) => IMPACT.test(r.group)) : undefined;
  const transfer = rows.find((r) => TRANSFER.test(r.group) && SCHOOLS_BLOCK.test(r.group));
  const schoolsBlock = rows.find((r) => SCHOOLS_BLOCK.test(r.group) && !TRANSFER.test(r.group));
  return {
    years,
    labels: years.map(yearName),
    rows,
    ...(found ? { broughtForward: rows[bfAt]!, carriedForward: rows[cfAt]! } : {}),
    movements: found ? rows.slice(bfAt + 1, cfAt).filter((r) => r.role === "data") : [],
    ...(impact ? { impact } : {}),
    ...(transfer ? { transfer } : {}),
    ...(schoolsBlock ? { schoolsBlock } : {}),
    figures,
  };
}
