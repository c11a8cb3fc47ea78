/**
 * Fixing a workbook's statuses, as the pane's Fix and `hnb fix` both do it: the workbook read
 * once, the chosen fixes worked out over its tables, and the changes planned with their log.
 * Nothing is written until the caller applies the plan.
 */
import { proposeFixes, type CellChange, type FixKind, type SheetGrid, type Table } from "../core/table";
import type { WorkbookPort } from "../port";
import { planChanges, type ChangePlan } from "./changes";
import { readWorkbookTablesSteps, type Unreadable } from "./outputs";
import { finish, type Steps } from "./steps";
import { TABLE_RULES, type TableRules } from "./rules";

export interface FixPlan {
  tables: Table[];
  unreadable: Unreadable[];
  plan: ChangePlan;
}

export async function planFixes(port: WorkbookPort, kinds: readonly FixKind[], rules: Pick<TableRules, "readTables"> = TABLE_RULES): Promise<FixPlan> {
  const { tables, unreadable, changes } = finish(fixChangesSteps(await port.readSheets(), kinds, rules));
  const plan = await planChanges(port, changes);
  return { tables, unreadable, plan };
}

/**
 * The changes the chosen fixes make to a workbook's grids, in units (each sheet read, each table's
 * fixes worked out): what the pane's Fix runs off the functions' thread before planning them.
 */
export function* fixChangesSteps(grids: readonly SheetGrid[], kinds: readonly FixKind[], rules: Pick<TableRules, "readTables"> = TABLE_RULES): Steps<{ tables: Table[]; unreadable: Unreadable[]; changes: CellChange[] }> {
  const { tables, unreadable } = yield* readWorkbookTablesSteps(grids, {}, rules);
  const changes: CellChange[] = [];
  // Table by table: proposeFixes works on each table apart, so the changes are the same as all at once.
  for (const table of tables) {
    changes.push(...proposeFixes([table], [...kinds]));
    yield;
  }
  return { tables, unreadable, changes };
}
