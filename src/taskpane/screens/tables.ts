import { readTables } from "../../core/table/reader";
import type { Finding, SheetGrid, Table, TableKind } from "../../core/table/types";
import type { WorkbookPort } from "../../workbook/port";

export const KIND_NAMES: Record<TableKind, string> = {
  "action-plan": "Action plan",
  "savings-plan": "Savings plan",
  deficit: "DSG budget (deficit)",
};

/** Every table the reader finds on these sheets, in tab order. */
export function tablesOn(sheets: SheetGrid[]): Table[] {
  return sheets.flatMap((sheet) => readTables(sheet));
}

/** Every table the reader finds on every sheet, in tab order. */
export async function readAllTables(port: WorkbookPort): Promise<Table[]> {
  return tablesOn(await port.readSheets());
}

/** Rows of a table that hold data (continuation rows included). */
export function dataRows(table: Table): number {
  return table.rows.filter((r) => r.role === "data" || r.role === "continuation").length;
}

/** "'Savings plan'!J13" → { sheet: "Savings plan", address: "J13" }. */
export function splitLocation(location: string): { sheet: string; address: string } {
  const bang = location.lastIndexOf("!");
  if (bang < 0) return { sheet: "", address: location };
  let sheet = location.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: location.slice(bang + 1) };
}

/** The last check's result, shown on Home. */
export interface CheckResult {
  asOf: string;
  findings: Finding[];
}
