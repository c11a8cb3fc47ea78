import { COLOURS, colourNamed } from "../core";
import { columnLetters, paperDocument, type PaperDocument, type PaperOptions, type PaperSummary } from "../core/table";
import { type WorkbookOperation, uniqueSheetName } from "../port";

/**
 * The Schools Forum paper as a Summary sheet: the document the HTML and Markdown papers render
 * (core's paperDocument), laid out for a workbook: figures as numbers in their format, each
 * status as its word on its colour, a chart as a native line chart beside its table.
 */
export function paperSheetOperations(summary: PaperSummary, existingSheets: string[], sheetName = "Summary", options: PaperOptions = {}): { sheet: string; operations: WorkbookOperation[] } {
  return documentSheetOperations(paperDocument(summary, options), existingSheets, sheetName);
}

export function documentSheetOperations(doc: PaperDocument, existingSheets: string[], sheetName = "Summary"): { sheet: string; operations: WorkbookOperation[] } {
  const sheet = uniqueSheetName(sheetName, existingSheets);
  const ops: WorkbookOperation[] = [{ kind: "addSheet", name: sheet }];
  let row = 1;
  const write = (values: unknown[][]) => ops.push({ kind: "write", sheet, at: `A${row}`, values });
  const statusFill = (cell: string, status: string) => {
    const colour = colourNamed(status);
    if (!colour) return;
    ops.push({ kind: "fill", sheet, range: cell, colour: COLOURS[colour].fill });
    ops.push({ kind: "font", sheet, range: cell, colour: COLOURS[colour].text, bold: true });
  };

  // The title in A1: the add-in knows its own Summary sheet by it (PAPER_SUFFIX).
  write([[doc.title]]);
  ops.push({ kind: "font", sheet, range: "A1", bold: true });
  row = 2;
  // The previous table's first row and widest column, for a chart drawn from its rows.
  let lastTable: { top: number; width: number } | null = null;
  let chartRoom = 0;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        row += row > 2 ? 1 : 0;
        if (chartRoom > 0) {
          row += chartRoom;
          chartRoom = 0;
        }
        write([[b.text]]);
        ops.push({ kind: "font", sheet, range: `A${row}`, bold: true });
        row += 1;
        break;
      case "paragraph":
        write([[b.text]]);
        if (b.style === "strong") ops.push({ kind: "font", sheet, range: `A${row}`, bold: true });
        row += 1;
        break;
      case "list":
        if (b.items.length === 0) break;
        write(b.items.map((t) => [t]));
        row += b.items.length;
        break;
      case "table": {
        const width = b.columns.length;
        const last = columnLetters(width - 1);
        const top = row;
        if (b.columns.some((c) => c.heading !== "")) {
          write([b.columns.map((c) => c.heading)]);
          ops.push({ kind: "font", sheet, range: `A${row}:${last}${row}`, bold: true });
          row += 1;
        } else {
          // A table with no headings of its own still has a first row for a chart's years.
          write([b.columns.map(() => "")]);
          row += 1;
        }
        write(b.rows.map((r) => r.cells.map((c) => (c.value !== undefined ? c.value : c.text))));
        b.rows.forEach((r, n) => {
          const at = row + n;
          if (r.bold || r.band) ops.push({ kind: "font", sheet, range: `A${at}:${last}${at}`, bold: true });
          r.cells.forEach((c, k) => c.status && statusFill(`${columnLetters(k)}${at}`, c.text));
          // One number format over each run of a row's cells that share it.
          for (let k = 0; k < r.cells.length; ) {
            const format = r.cells[k]!.value !== undefined ? r.cells[k]!.format : undefined;
            let end = k + 1;
            while (end < r.cells.length && format !== undefined && r.cells[end]!.value !== undefined && r.cells[end]!.format === format) end++;
            if (format) ops.push({ kind: "numberFormat", sheet, range: `${columnLetters(k)}${at}:${columnLetters(end - 1)}${at}`, format });
            k = end;
          }
        });
        row += b.rows.length;
        lastTable = { top, width };
        break;
      }
      case "chart": {
        if (!lastTable) break;
        const { top, width } = lastTable;
        const last = columnLetters(width - 1);
        ops.push({
          kind: "lineChart",
          sheet,
          at: `${columnLetters(width + 1)}${top}`,
          title: b.title,
          categories: `B${top}:${last}${top}`,
          series: b.series.map((s) => ({ name: s.name, values: `B${top + 1 + s.row}:${last}${top + 1 + s.row}` })),
        });
        // Room for the chart below its table before the next heading.
        chartRoom = Math.max(0, 14 - (row - top));
        break;
      }
    }
  }
  ops.push({ kind: "columnWidths", sheet, widths: [{ column: "A", width: 44 }, { column: "B", width: 30 }, { column: "C", width: 12 }, { column: "D", width: 50 }, { column: "E", width: 28 }] });
  return { sheet, operations: ops };
}
