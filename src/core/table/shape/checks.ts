import { formatMoney } from "../../money";
import { sheetPrefix } from "../location";
import type { Finding } from "../types";
import type { Reading } from "./types";

const places = (v: number) => (String(Math.round(v * 1e6) / 1e6).split(".")[1] ?? "").length;

/** A figure to the decimals the paper gave it, or the working needs: 1,230 beside 1,230.33. */
function figure(value: number, like: number): string {
  return formatMoney(value, { symbol: false, decimals: Math.min(6, Math.max(places(like), places(value))) });
}

/**
 * What a table read by its shape gets wrong, at its cells: totals that do not add up (with the
 * transposition hint where two digits look swapped), rows that do not add across to their total
 * column, variances that are not the difference they claim, in the convention the table's own
 * figures follow. Every finding points at the cell as pasted.
 */
export function checkReading(reading: Reading): Finding[] {
  const at = (cell: string | undefined, line: number, col: number) => `${sheetPrefix(reading.sheet)}!${cell ?? `R${line}C${col}`}`;
  const label = (line: number, own?: string) => own ?? reading.rows.find((r) => r.line === line)?.label ?? "";
  const linesOf = (lines: readonly number[]) => (lines[0] === lines[lines.length - 1] ? `on line ${lines[0]}` : `lines ${lines[0]}–${lines[lines.length - 1]}`);
  const heading = (col: number) => reading.figureColumns.find((c) => c.col === col)?.heading ?? "";
  const out: Finding[] = [];
  for (const t of reading.totals) {
    if (t.agrees) continue;
    const gap = t.stated - t.computed;
    const what = t.of === "above" ? "everything above it" : t.of === "below" ? `the ${t.lines.length} lines under it` : `the ${t.lines.length} rows it closes (${linesOf(t.lines)})`;
    out.push({
      rule: "total.mismatch",
      severity: "error",
      location: at(t.cell, t.line, t.col),
      message: `“${label(t.line, t.label)}”${heading(t.col) ? ` under “${heading(t.col)}”` : ""} says ${figure(t.stated, t.stated)} but ${what} add${t.lines.length === 1 ? "s" : ""} to ${figure(t.computed, t.stated)}: a gap of ${figure(gap, t.stated)}.${t.transposition ? " The gap divides by 9: it looks like two digits swapped." : ""}`,
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
      message: `“${label(x.line, x.label)}” says ${figure(x.stated, x.stated)} under “${heading(x.col)}” but its figures across add to ${figure(x.computed, x.stated)}: a gap of ${figure(x.stated - x.computed, x.stated)}.`,
      expected: x.computed,
      actual: x.stated,
    });
  }
  for (const k of reading.kindChecks) {
    if (k.agrees) continue;
    if (k.rule.startsWith("ehcp.breakdowns")) {
      // A forecast's breakdowns rounded cell by cell may differ a little: information, with its size.
      const forecast = k.rule.endsWith(".forecast");
      out.push({
        rule: "ehcp.breakdowns",
        severity: forecast ? "info" : "error",
        location: at(k.cell, k.line, k.col),
        message: `Under “${heading(k.col)}” the EHCPs by primary need add to ${figure(k.stated, k.stated)} (to “${label(k.line, k.label)}”, line ${k.line}) but ${k.how} add to ${figure(k.computed, k.stated)}: a difference of ${figure(Math.abs(k.stated - k.computed), k.stated)}${forecast ? ", in a forecast year (rounded cell by cell, perhaps)" : ""}.`,
        expected: k.computed,
        actual: k.stated,
      });
      continue;
    }
    out.push({
      rule: "movement.mismatch",
      severity: "warning",
      location: at(k.cell, k.line, k.col),
      message: `“${label(k.line, k.label)}” gives a movement of ${figure(k.stated, k.stated)}, but ${k.how} is ${figure(k.computed, k.stated)}, as the table's other lines take it.`,
      expected: k.computed,
      actual: k.stated,
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
      message: `“${label(v.line, v.label)}” gives a variance of ${figure(v.stated, v.stated)}, but ${way}, it is ${figure(v.computed, v.stated)}.`,
      expected: v.computed,
      actual: v.stated,
    });
  }
  return out;
}
