import { formatMoney } from "../../money";
import { sheetPrefix } from "../location";
import type { Finding } from "../types";
import type { Reading } from "./types";

/** A figure as the paper wrote it, to the decimals it was given to. */
function figure(value: number, like: number): string {
  const decimals = Math.min(6, (String(like).split(".")[1] ?? "").length);
  return formatMoney(value, { symbol: false, decimals });
}

/**
 * What a table read by its shape gets wrong, at its cells: totals that do not add up (with the
 * transposition hint where two digits look swapped), rows that do not add across to their total
 * column, variances that are not the difference they claim, in the convention the table's own
 * figures follow. Every finding points at the cell as pasted.
 */
export function checkReading(reading: Reading): Finding[] {
  const at = (cell: string | undefined, line: number, col: number) => `${sheetPrefix(reading.sheet)}!${cell ?? `R${line}C${col}`}`;
  const label = (line: number) => reading.rows.find((r) => r.line === line)?.label ?? "";
  const heading = (col: number) => reading.figureColumns.find((c) => c.col === col)?.heading ?? "";
  const out: Finding[] = [];
  for (const t of reading.totals) {
    if (t.agrees) continue;
    const gap = t.stated - t.computed;
    const what = t.of === "above" ? "everything above it" : t.of === "below" ? `the ${t.lines.length} lines under it` : `the ${t.lines.length} rows it closes (lines ${t.lines[0]}–${t.lines[t.lines.length - 1]})`;
    out.push({
      rule: "total.mismatch",
      severity: "error",
      location: at(t.cell, t.line, t.col),
      message: `“${label(t.line)}”${heading(t.col) ? ` under “${heading(t.col)}”` : ""} says ${figure(t.stated, t.stated)} but ${what} add${t.lines.length === 1 ? "s" : ""} to ${figure(t.computed, t.stated)}: a gap of ${figure(gap, t.stated)}.${t.transposition ? " The gap divides by 9: it looks like two digits swapped." : ""}`,
      expected: t.computed,
      actual: t.stated,
    });
  }
  for (const x of reading.crossFoot) {
    if (x.agrees) continue;
    out.push({
      rule: "crossfoot.mismatch",
      severity: "error",
      location: at(x.cell, x.line, x.col),
      message: `“${label(x.line)}” says ${figure(x.stated, x.stated)} under “${heading(x.col)}” but its figures across add to ${figure(x.computed, x.stated)}: a gap of ${figure(x.stated - x.computed, x.stated)}.`,
      expected: x.computed,
      actual: x.stated,
    });
  }
  for (const v of reading.variances) {
    if (v.agrees) continue;
    const b = v.of ? `“${heading(v.of.budget)}”` : "the budget";
    const o = v.of ? `“${heading(v.of.outturn)}”` : "the outturn";
    const way = v.convention === "outturn-budget" ? `${o} less ${b}, as the table's other lines take it` : `${b} less ${o}, as the table's other lines take it`;
    out.push({
      rule: "variance.mismatch",
      severity: "warning",
      location: at(v.cell, v.line, v.col),
      message: `“${label(v.line)}” gives a variance of ${figure(v.stated, v.stated)}, but ${way}, it is ${figure(v.computed, v.stated)}.`,
      expected: v.computed,
      actual: v.stated,
    });
  }
  return out;
}
