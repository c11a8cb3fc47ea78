/**
 * How the add-in reads a file's tables, as `hnb read` shows it (and, as the pane's Read as comes
 * to use it, the pane): each table's kind and why, unit, heading rows, label column, what each
 * figure column means, each row's role, and each total with the figure stated and worked out.
 */
import { count, decimalsOf, formatMoney } from "../core";
import { readGridByShape, readingJson, shapeKindName, type Reading, type ReadingOptions, type SheetGrid } from "../core/table";

export interface ReadReport {
  readonly tables: readonly Reading[];
}

export function readGrids(grids: readonly SheetGrid[], options: ReadingOptions = {}): ReadReport {
  return { tables: grids.flatMap((g) => readGridByShape(g, options)) };
}

/** The report as JSON: `{ file, tables: [...] }` in the corpus's field names. */
export function readReportJson(file: string, report: ReadReport): string {
  return JSON.stringify({ file, tables: report.tables.map(readingJson) }, null, 1);
}

/** The report for a person: a paragraph a table. */
export function readReportText(file: string, report: ReadReport): string[] {
  const out: string[] = [];
  if (report.tables.length === 0) {
    out.push(`No table in ${file}: no line holds figures or statuses against a label.`);
    return out;
  }
  out.push(`${file}: ${count(report.tables.length, "table")} read.`);
  report.tables.forEach((t, n) => {
    out.push("");
    out.push(`Table ${n + 1} (${t.sheet}, lines ${t.firstLine}–${t.lastLine}): ${shapeKindName(t.kind)}${t.why.length ? `, because ${t.why.join("; ")}` : ""}.`);
    out.push(`  Unit: ${t.unit}. Heading lines: ${t.headingRows.length ? t.headingRows.join(", ") : "none"}. Labels in column ${t.labelColumn}.`);
    if (t.figureColumns.length) {
      out.push("  Columns:");
      for (const c of t.figureColumns) out.push(`    ${c.col}  ${c.heading ? `“${c.heading}”` : "(no heading)"}: ${c.meaning || "meaning not known"}`);
    }
    const special = t.rows.filter((r) => r.role !== "data");
    const data = t.rows.filter((r) => r.role === "data").length;
    out.push(`  Rows: ${count(data, "data row")}${special.length ? "; " : ""}${special.map((r) => `line ${r.line} ${r.role}${r.label ? ` “${short(r.label)}”` : ""}${r.why ? ` (${r.why})` : ""}`).join("; ")}.`);
    if (t.totals.length) {
      const wrong = t.totals.filter((x) => !x.agrees);
      out.push(`  Totals: ${count(t.totals.length, "total")} checked, ${wrong.length === 0 ? "every one agrees" : `${wrong.length} do not agree`}.`);
      for (const x of t.totals) {
        const gap = x.stated - x.computed;
        out.push(
          `    line ${x.line}, column ${x.col}: stated ${formatFigure(x.stated)}, worked out ${formatFigure(x.computed, x.stated)}${x.agrees ? " — agrees" : ` — a gap of ${formatFigure(gap, x.stated)}${x.transposition ? ", which looks like two digits swapped" : ""}`}.`,
        );
      }
    }
    const badFoot = t.crossFoot.filter((x) => !x.agrees);
    if (t.crossFoot.length) out.push(`  Across to the total column: ${count(t.crossFoot.length, "row")}, ${badFoot.length === 0 ? "every one adds up" : badFoot.map((x) => `line ${x.line} says ${formatFigure(x.stated)} but its figures add to ${formatFigure(x.computed)}`).join("; ")}.`);
    const badVar = t.variances.filter((x) => !x.agrees);
    if (t.variances.length) out.push(`  Variances (${t.variances[0]!.convention.replace("-", " − ")}): ${badVar.length === 0 ? "every one is right" : badVar.map((x) => `line ${x.line} says ${formatFigure(x.stated)} but the figures give ${formatFigure(x.computed)}`).join("; ")}.`);
    for (const note of t.notes) out.push(`  Note: ${note}`);
  });
  return out;
}

/** A figure as the paper wrote it: its own decimals, brackets for negatives. */
function formatFigure(value: number, like: number = value): string {
  return formatMoney(value, { symbol: false, decimals: Math.min(6, decimalsOf(like)) });
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
