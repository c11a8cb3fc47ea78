import { PAPER_TITLE } from "./outputs";
import { COLOURS, colourNamed } from "../core";
import { RULES_2026_HEADING, SCORECARD_COLUMNS, columnLetters, impactLabel, initiativeComment, NOT_READ, scorecardCountsSentence, scorecardHeading, scorecardRows } from "../core/table";
import type { PaperSummary } from "../core/table";
import { type WorkbookOperation, uniqueSheetName } from "../port";
import { MONEY_FORMAT, THOUSANDS_FORMAT } from "./templates";

/**
 * The Schools Forum paper as a Summary sheet: the same content as the HTML paper (core's
 * buildSummary), laid out for a workbook, with each status written as text on its colour and a
 * native line chart of both deficit paths.
 */
export function paperSheetOperations(summary: PaperSummary, existingSheets: string[], title = "Summary", asAt?: string): { sheet: string; operations: WorkbookOperation[] } {
  const sheet = uniqueSheetName(title, existingSheets);
  const ops: WorkbookOperation[] = [{ kind: "addSheet", name: sheet }];
  let row = 1;
  const heading = (text: string) => {
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [[text]] });
    ops.push({ kind: "font", sheet, range: `A${row}`, bold: true });
    row += 1;
  };
  const statusFill = (cell: string, status: string) => {
    const colour = colourNamed(status);
    if (!colour) return;
    ops.push({ kind: "fill", sheet, range: cell, colour: COLOURS[colour].fill });
    ops.push({ kind: "font", sheet, range: cell, colour: COLOURS[colour].text, bold: true });
  };

  heading(PAPER_TITLE);
  if (asAt) {
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [[asAt]] });
    row += 1;
  }
  row += 1;
  const paragraphs = (texts: readonly string[]) => {
    if (texts.length === 0) return;
    ops.push({ kind: "write", sheet, at: `A${row}`, values: texts.map((t) => [t]) });
    row += texts.length + 1;
  };

  if (summary.initiatives.length > 0) {
    heading("Progress by initiative");
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [["Initiative", "Lead", "RAG", "Latest comment", "From"]] });
    ops.push({ kind: "font", sheet, range: `A${row}:E${row}`, bold: true });
    row += 1;
    ops.push({ kind: "write", sheet, at: `A${row}`, values: summary.initiatives.map((i) => [i.name, i.lead, i.status, initiativeComment(i), i.source]) });
    summary.initiatives.forEach((i, n) => statusFill(`C${row + n}`, i.status));
    row += summary.initiatives.length + 1;
  }

  if (summary.statusCounts.length > 0) {
    heading("Actions by status");
    ops.push({ kind: "write", sheet, at: `A${row}`, values: summary.statusCounts.map((s) => [s.status, s.count]) });
    summary.statusCounts.forEach((s, n) => statusFill(`A${row + n}`, s.status));
    row += summary.statusCounts.length + 1;
  }

  for (const s of summary.savings) {
    heading(`Savings by year${s.unit === "£" ? "" : ` (${s.unit})`}`);
    const format = s.unit === "£" ? MONEY_FORMAT : THOUSANDS_FORMAT;
    const last = columnLetters(s.years.length);
    const rows: unknown[][] = [["", ...s.years]];
    if (s.stated.some((v) => v !== null)) rows.push(["Stated total", ...s.stated]);
    rows.push(["Total of the initiatives", ...s.calculated]);
    if (s.riskAdjusted) rows.push(["Risk-adjusted (by RAG status)", ...s.riskAdjusted]);
    ops.push({ kind: "write", sheet, at: `A${row}`, values: rows });
    ops.push({ kind: "font", sheet, range: `A${row}:${last}${row}`, bold: true });
    ops.push({ kind: "numberFormat", sheet, range: `B${row + 1}:${last}${row + rows.length - 1}`, format });
    row += rows.length + 1;
    paragraphs(s.riskNote ? [...s.notes, s.riskNote] : s.notes);
  }

  for (const d of summary.deficits) {
    heading(`High Needs DSG deficit${d.unit === "£" ? "" : ` (${d.unit})`}`);
    const format = d.unit === "£" ? MONEY_FORMAT : THOUSANDS_FORMAT;
    const last = columnLetters(d.years.length);
    const rows: unknown[][] = [["", ...d.years], ["Without the recovery plan (unmitigated)", ...d.unmitigated]];
    if (d.mitigated) rows.push(["With the recovery plan (mitigated)", ...d.mitigated]);
    // Under the two paths the chart draws, so that its series stay the rows under the years.
    if (d.impact) rows.push([impactLabel(d), ...d.impact.values]);
    const figures = rows.length - 1;
    rows.push(["Recovery year", d.recoveryYear]);
    const top = row;
    ops.push({ kind: "write", sheet, at: `A${row}`, values: rows });
    ops.push({ kind: "font", sheet, range: `A${row}:${last}${row}`, bold: true });
    ops.push({ kind: "numberFormat", sheet, range: `B${row + 1}:${last}${row + figures}`, format });
    ops.push({
      kind: "lineChart",
      sheet,
      at: `H${top}`,
      title: "High Needs DSG deficit: with and without the recovery plan",
      categories: `B${top}:${last}${top}`,
      series: [
        { name: "Unmitigated", values: `B${top + 1}:${last}${top + 1}` },
        ...(d.mitigated ? [{ name: "Mitigated", values: `B${top + 2}:${last}${top + 2}` }] : []),
      ],
    });
    row += rows.length + 1;
    paragraphs(d.impact ? [d.impact.reading] : []);
    row += 14; // room for the chart beside and below
    if (d.rules2026) {
      const r = d.rules2026;
      heading(`${RULES_2026_HEADING}${d.unit === "£" ? "" : ` (${d.unit})`}`);
      ops.push({ kind: "write", sheet, at: `A${row}`, values: r.lines.map((l) => [l.label, l.value]) });
      ops.push({ kind: "numberFormat", sheet, range: `B${row}:B${row + r.lines.length - 1}`, format });
      row += r.lines.length + 1;
      paragraphs([r.grantNote, ...(r.sources ? [r.sources] : [])]);
    }
  }

  for (const b of summary.budgets) {
    heading(`${b.title}${b.unit === "£" || b.unit === "count" || b.unit === "mixed" ? "" : ` (${b.unit})`}`);
    paragraphs(b.sentences);
    const places = b.decimals ? `.${"0".repeat(b.decimals)}` : "";
    const format = b.decimals !== undefined ? `${b.unit === "£" ? "£" : ""}#,##0${places};(${b.unit === "£" ? "£" : ""}#,##0${places})` : b.unit === "£" ? MONEY_FORMAT : b.unit === "£m" ? "#,##0.00;(#,##0.00)" : THOUSANDS_FORMAT;
    const last = columnLetters(b.columns.length);
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [["", ...b.columns], ...b.lines.map((l) => [l.label, ...l.values])] });
    ops.push({ kind: "font", sheet, range: `A${row}:${last}${row}`, bold: true });
    ops.push({ kind: "numberFormat", sheet, range: `B${row + 1}:${last}${row + b.lines.length}`, format });
    b.lines.forEach((l, n) => l.total && ops.push({ kind: "font", sheet, range: `A${row + 1 + n}:${last}${row + 1 + n}`, bold: true }));
    row += b.lines.length + 2;
    paragraphs(b.notes);
  }

  for (const sc of summary.scorecards) {
    heading(scorecardHeading(sc));
    // The counts in words right above their table, with no blank row between.
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [[scorecardCountsSentence(sc)]] });
    row += 1;
    const last = columnLetters(SCORECARD_COLUMNS.length - 1);
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [[...SCORECARD_COLUMNS]] });
    ops.push({ kind: "font", sheet, range: `A${row}:${last}${row}`, bold: true });
    row += 1;
    const rows = scorecardRows(sc);
    ops.push({ kind: "write", sheet, at: `A${row}`, values: rows.map((r) => ("perspective" in r ? [r.perspective, "", "", "", "", ""] : [r.line.ref, r.line.name, r.line.latest, r.line.target, r.line.status, r.line.trend])) });
    rows.forEach((r, n) => ("perspective" in r ? ops.push({ kind: "font", sheet, range: `A${row + n}`, bold: true }) : statusFill(`E${row + n}`, r.line.status)));
    row += rows.length + 1;
    ops.push({ kind: "write", sheet, at: `A${row}`, values: [["Status", "Indicators"], ...sc.counts.map((c) => [c.status, c.count])] });
    ops.push({ kind: "font", sheet, range: `A${row}:B${row}`, bold: true });
    sc.counts.forEach((c, n) => statusFill(`A${row + 1 + n}`, c.status));
    row += sc.counts.length + 2;
    paragraphs(sc.notes);
  }

  if (summary.notRead.length > 0) {
    heading(NOT_READ);
    paragraphs(summary.notRead);
  }

  ops.push({ kind: "columnWidths", sheet, widths: [{ column: "A", width: 44 }, { column: "B", width: 30 }, { column: "C", width: 12 }, { column: "D", width: 50 }, { column: "E", width: 28 }] });
  return { sheet, operations: ops };
}
