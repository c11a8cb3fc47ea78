import type { Table, TableKind } from "../../core/table";
import type { Unreadable } from "../../app";
import type { CheckView } from "../work";

export const KIND_NAMES: Record<TableKind, string> = {
  "action-plan": "Action plan",
  "savings-plan": "Savings plan",
  deficit: "DSG budget (deficit)",
  scorecard: "Strategy scorecard",
  budget: "Budget lines (monitoring, blocks, scenarios)",
};

export type { Unreadable } from "../../app";

/** "Sheet “Summary” could not be read (…), so it was left out." */
export function unreadableText(u: Unreadable): string {
  return `Sheet “${u.sheet}” could not be read (${u.message.replace(/\.$/, "")}), so it was left out.`;
}

/** Rows of a table that hold data (continuation rows included). */
export function dataRows(table: Table): number {
  return table.rows.filter((r) => r.role === "data" || r.role === "continuation").length;
}

/** The last check's report, shown on Check and Home. */
export interface CheckResult {
  report: CheckView;
  /** The count of workbook changes the pane knew of when the check ran. */
  changes?: number;
}
