import type { ColumnFormat, ImportedTable } from "../core/table/types";
import { columnLetters } from "../core/table/location";
import { uniqueSheetName, type WorkbookOperation } from "./port";
import { DATE_FORMAT, MONEY_FORMAT, THOUSANDS_FORMAT } from "./templates";

/**
 * An imported table (core's importTable) as port operations: a new sheet holding an Excel table
 * with £ and date formats, and the footer lines (stated total, legend, key, notes) under it. The
 * task pane's Import writes through this, in Excel and in the browser preview alike.
 */
function formatFor(format: ColumnFormat | undefined, unit: ImportedTable["unit"]): string {
  switch (format) {
    case "money":
      return unit === "£000" ? THOUSANDS_FORMAT : unit === "£m" ? "#,##0.00;(#,##0.00)" : MONEY_FORMAT;
    case "date":
      return DATE_FORMAT;
    case "number":
      return "General";
    default:
      return "@";
  }
}

/** Headers Excel accepts for a table: single-line, non-empty, unique ignoring case. */
function tableHeaders(table: ImportedTable, width: number): string[] {
  const seen = new Set<string>();
  return Array.from({ length: width }, (_, c) => {
    let header = String(table.headers[c] ?? "").replace(/\s+/g, " ").trim() || `Column ${c + 1}`;
    if (table.formats[c] === "money" && (table.unit === "£000" || table.unit === "£m") && !header.includes(table.unit)) header = `${header} (${table.unit})`;
    let unique = header;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${header} ${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/** Operations that write an imported table to a new sheet as an Excel table, the footer lines under it. */
export function importOperations(table: ImportedTable, existingSheets: string[], tableNames: string[]): { sheet: string; operations: WorkbookOperation[] } {
  const sheet = uniqueSheetName(table.title, existingSheets);
  const width = Math.max(table.headers.length, 1, ...table.rows.map((r) => r.length));
  const headers = tableHeaders(table, width);
  const rows = (table.rows.length > 0 ? table.rows : [[]]).map((r) => headers.map((_, c) => r[c] ?? null));
  const last = columnLetters(width - 1);
  const base = `HNB_${table.title.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
  const taken = new Set(tableNames.map((n) => n.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  const operations: WorkbookOperation[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", sheet, at: "A1", values: [headers] },
    { kind: "write", sheet, at: "A2", values: rows, numberFormats: headers.map((_, c) => formatFor(table.formats[c], table.unit)) },
    { kind: "addTable", sheet, range: `A1:${last}${rows.length + 1}`, name, style: "TableStyleMedium2" },
    { kind: "freeze", sheet, rows: 1 },
  ];
  if (table.footer.length > 0) operations.push({ kind: "write", sheet, at: `A${rows.length + 3}`, values: table.footer });
  return { sheet, operations };
}

