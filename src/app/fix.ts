/**
 * Fixing a workbook's statuses, as the pane's Fix and `hnb fix` both do it: the workbook read
 * once, the chosen fixes worked out over its tables, and the changes planned with their log.
 * Nothing is written until the caller applies the plan.
 */
import { proposeFixes, type FixKind, type Table } from "../core/table";
import type { WorkbookPort } from "../port";
import { planChanges, type ChangePlan } from "./changes";
import { readWorkbookTables, type Unreadable } from "./outputs";
import { TABLE_RULES, type TableRules } from "./rules";

export interface FixPlan {
  tables: Table[];
  unreadable: Unreadable[];
  plan: ChangePlan;
}

export async function planFixes(port: WorkbookPort, kinds: readonly FixKind[], rules: Pick<TableRules, "readTables"> = TABLE_RULES): Promise<FixPlan> {
  const { tables, unreadable } = readWorkbookTables(await port.readSheets(), {}, rules);
  const plan = await planChanges(port, proposeFixes(tables, [...kinds]));
  return { tables, unreadable, plan };
}
