import type { ColumnMapping, Field, SheetGrid, Table, TableRow, UnmappedColumn } from "../types";
import { isShare, isWordsColumn } from "./meaning";
import { unheadedHeading } from "../headers";
import type { Reading } from "./types";

/**
 * A table read by its shape, handed to the import as a table of figures by line (its budget
 * layout: every line in order, sections, subtotals and totals kept as stated, the figures as
 * numbers in the table's own unit, and a checks sheet with a TOTALCHECK over exactly the rows
 * each total adds up, as the shape's arithmetic found them). So a reserve, a movement, a budget by
 * block or EHCP numbers import with their checks, and every cell pasted is kept as the import
 * keeps any table's.
 *
 * Not every reading can be: one with no heading line (the import writes the table's headings
 * from it), one read back out of text run into one line (its cells are not the paste's), and a
 * table of text. Those give null, and are said to be so by the caller.
 */
export function tableFromReading(grid: SheetGrid, reading: Reading): Table | null {
  if (reading.reconstructed || reading.figureColumns.length === 0) return null;
  const origin = grid.origin ?? { row: 0, column: 0 };
  const rowOf = (line: number) => line - 1 - origin.row;
  const colOf = (col: number) => col - 1 - origin.column;
  // The heading lines over the first row; one stated again further down is a line of the table.
  const firstData = reading.rows.find((r) => r.role === "data")?.line ?? Infinity;
  const headingRows = reading.headingRows.filter((l) => l < firstData).map(rowOf);
  // No heading line (figures copied without their headings): the rows start at once, under a
  // heading row the table does not have, and the import names the columns itself.
  const headless = headingRows.length === 0;
  const firstLine = reading.rows.find((r) => r.role !== "heading")?.line;
  if (headless && (firstLine === undefined || reading.headingRows.length > 0)) return null;
  const headerRow = headless ? rowOf(firstLine!) - 1 : headingRows[headingRows.length - 1]!;
  const labelCol = colOf(reading.labelColumn);
  const labelHeading = headingRows
    .map((r) => grid.values[r]?.[labelCol])
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== "")
    .join(" ");

  const columns: ColumnMapping[] = [{ index: labelCol, header: labelHeading, field: "label", reason: "the column of row labels, read by its shape" }];
  const unmapped: UnmappedColumn[] = [];
  for (const f of reading.figureColumns) {
    const index = colOf(f.col);
    const field = fieldFor(f.meaning);
    // A headless table's figures are kept and checked all the same, under a name that says it was given.
    if (headless && f.heading === "" && field) columns.push({ index, header: unheadedHeading(f.col - 1), field, reason: "figures under no heading, named by the add-in" });
    else if (field) columns.push({ index, header: f.heading, field, reason: `read by its shape as ${f.meaning || "figures"}` });
    else unmapped.push({ index, header: f.heading, ...(f.heading === "" ? { unheaded: true } : {}) });
  }
  // A table with no heading line is laid out only for its figures: a list of words and statuses
  // alone gives the layout nothing to name its columns by, and goes to the notes.
  if (headless && !columns.some((c) => c.field !== "label")) return null;
  // Every other column with a heading or cells in the table's span is kept as it is (a ref column
  // left of the labels, a data set's identifiers), under its own heading.
  const taken = new Set([...columns.map((c) => c.index), ...unmapped.map((u) => u.index)]);
  const spanRows = reading.rows.filter((r) => r.role !== "heading").map((r) => rowOf(r.line));
  for (const r of [...headingRows, ...spanRows]) {
    (grid.values[r] ?? []).forEach((v, c) => {
      if (taken.has(c) || v === null || v === undefined || String(v).trim() === "") return;
      taken.add(c);
      const header = headingRows.map((h) => grid.values[h]?.[c]).filter((x) => x !== null && x !== undefined && String(x).trim() !== "").join(" ");
      unmapped.push({ index: c, header, ...(header === "" ? { unheaded: true } : {}) });
    });
  }
  columns.sort((a, b) => a.index - b.index);
  unmapped.sort((a, b) => a.index - b.index);
  // A heading read one to the right of where it was pasted: its cells are quoted in the notes.
  const shifted = headingRows.filter((h) => reading.notes.some((n) => /no cell over the labels/.test(n)) && (grid.values[h] ?? []).some((v, c) => c === labelCol && v !== null && v !== undefined && String(v).trim() !== ""));
  const lineCells: Record<number, unknown[]> = {};
  for (const h of headingRows) lineCells[h] = grid.values[h] ?? [];

  const rows: TableRow[] = [];
  let section: string | undefined;
  for (const r of reading.rows) {
    const index = rowOf(r.line);
    if (index <= headerRow) continue;
    const raw = (grid.values[index] ?? []).map((v) => (v === "" || v === undefined ? null : v));
    // A heading stated again inside the table (a second part's years) is written as a line of its own.
    const role: TableRow["role"] = r.role === "data" ? "data" : r.role === "subtotal" ? "subtotal" : r.role === "total" ? "total" : r.role === "section" || r.role === "heading" ? "section" : "note";
    if (role === "section") section = r.label;
    const from = reading.placements.get(r.line);
    const row: TableRow = { index, role, cells: raw, fills: [], group: r.label, ...(section && role !== "section" ? { section } : {}) };
    if (from && from.some((s, j) => s >= 0 && s !== j)) {
      const cells: unknown[] = from.map((s) => (s >= 0 ? (raw[s] ?? null) : null));
      const moves = from.flatMap((s, j) => (s >= 0 && s !== j && raw[s] !== null && raw[s] !== undefined ? [{ from: [s], to: j, value: raw[s], how: "moved" as const }] : []));
      row.realignment = { cells, moves, misfits: moves.map((m) => m.from[0]!), guess: "the copy dropped blank cells: each figure is put under the heading the row's shape gives it" };
    }
    rows.push(row);
  }
  if (!rows.some((r) => r.role === "data")) return null;
  const lastRow = rows[rows.length - 1]!.index;
  // The sums the checks sheet checks: what each total adds up, by the shape's arithmetic.
  const sums: NonNullable<Table["shapeSums"]> = [];
  const seen = new Set<number>();
  for (const t of reading.totals) {
    if (t.of === "text" || seen.has(t.line)) continue;
    seen.add(t.line);
    const role = reading.rows.find((r) => r.line === t.line)?.role;
    sums.push({ kind: role === "total" ? "total" : "subtotal", row: rowOf(t.line), parts: t.lines.map(rowOf) });
  }
  const unit = reading.unit === "£" || reading.unit === "£000" || reading.unit === "£m" ? reading.unit : undefined;
  return {
    sheet: grid.name,
    kind: "budget",
    // The reasons alone: the kind they are reasons for is the table's shapeKind, named where it is shown.
    kindReason: reading.why.join("; "),
    headerRow,
    headingRows,
    ...(unit ? { unit } : {}),
    columns,
    unmapped,
    rows,
    lastRow,
    origin,
    shapeSums: sums,
    lineCells,
    ...(shifted.length > 0 ? { headingsAsPasted: shifted } : {}),
    ...(headless ? { headless: true as const } : {}),
    shapeKind: reading.kind,
    ...(reading.unit === "count" || reading.unit === "%" || reading.unit === "mixed" ? { plainFigures: true } : {}),
  };
}

/** The import's field for a column's meaning: the budget measures, and one of the year's figures for the rest. */
function fieldFor(meaning: string): Field | null {
  const m = withoutQualifier(meaning);
  if (m === "budget" || m === "funding") return "budget";
  if (m === "forecast" || m === "outturn") return "outturn";
  if (m === "variance") return "variance";
  if (m === "previous") return "previous";
  if (m === "total") return "total";
  if (isShare(m)) return "variancePercent";
  if (isWordsColumn(m)) return null;
  // Years, balances, movements, counts: figures of the table, kept and checked as they stand.
  return "scenario";
}

/**
 * `meaning` cut at its first ";", as `.replace(/;.*$/, "")` cut it (only a ";" on the last line
 * counts, since "." stops at line breaks), without that pattern's rescan from every ";".
 */
function withoutQualifier(meaning: string): string {
  let lastLine = meaning.length;
  while (lastLine > 0 && !"\n\r\u2028\u2029".includes(meaning[lastLine - 1]!)) lastLine--;
  const cut = meaning.indexOf(";", lastLine);
  return cut < 0 ? meaning : meaning.slice(0, cut);
}
