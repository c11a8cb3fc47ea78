/**
 * The one way into Excel: every batch the office adapter sends goes through `runInExcel`, which
 * calls Excel.run with the options every batch needs.
 *
 *  - `delayForCellEdit: true`. Without it a batch that reaches Excel while the user is typing in a
 *    cell fails at once; with it Excel holds the batch until the edit is committed or cancelled
 *    (learn.microsoft.com, "Delay execution while cell is being edited"; Excel.RunOptions). office.js
 *    sets the request's flag only where the host supports it (onBeforeExcelRun in excel-*.debug.js
 *    checks the internal "DelayForCellEdit" set), so an older Excel can still refuse: office.js then
 *    gives the code InvalidOperationInCellEditMode (it maps the host's error 5004 to it; the docs
 *    call it InvalidOperation). That refusal is put in plain words here, for every command.
 *  - `mergeUndoGroup: true` for a batch that changes the workbook, where Excel has ExcelApi 1.20,
 *    asked at run time with Office.context.requirements.isSetSupported (the manifest asks for
 *    less, so older Excel still offers the add-in). Without it each `context.sync()` is its own
 *    step on Excel's undo stack, so one Ctrl+Z could take back a change's log line and leave the
 *    changed cells; with it all the batch's syncs are one step ("Undo capabilities with the Excel
 *    JavaScript API"). Reads are not grouped: they put nothing on the undo stack.
 */

/** Excel.run's two forms the adapter and its tests use; Excel.run itself is one. */
export interface ExcelRunner {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Office.context.requirements, or a stand-in for it in tests. */
export interface RequirementSets {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** The requirement set that brings `mergeUndoGroup`, checked before asking for it. */
export const UNDO_GROUP_SET = { name: "ExcelApi", version: "1.20" } as const;

/** What the user is told when Excel refuses a batch because a cell is being edited. */
export const CELL_EDIT_MESSAGE = "Excel is busy editing a cell: finish the edit (Enter or Esc) and try again.";

/** The same, as the reason inside a longer message ("Excel stopped at the change (…)"). */
export const CELL_EDIT_REASON = "Excel is busy editing a cell";

/** office.js's code for a batch refused in cell-edit mode. */
const CELL_EDIT_CODE = "InvalidOperationInCellEditMode";

/** Whether Excel refused a batch because the user is editing a cell. */
export function isCellEditRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === CELL_EDIT_CODE) return true;
  // The docs give InvalidOperation for it; of those, only this one speaks of cell editing.
  return code === "InvalidOperation" && typeof message === "string" && /cell[- ]?edit/i.test(message);
}

/** Office.context.requirements where office.js has loaded, else null (nothing is then assumed supported). */
export function officeRequirements(): RequirementSets | null {
  return typeof Office === "undefined" || !Office.context ? null : Office.context.requirements;
}

export interface BatchKind {
  /** The batch changes the workbook: its syncs are one undo step where Excel can group them. */
  changes: boolean;
}

/**
 * Runs `batch` in Excel with the options above; a refusal because a cell is being edited comes
 * back as CELL_EDIT_MESSAGE. Any other error is left as it is.
 */
export async function runInExcel<T>(
  run: ExcelRunner,
  requirements: RequirementSets | null,
  kind: BatchKind,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  const options: Excel.RunOptions = { delayForCellEdit: true };
  if (kind.changes && supports(requirements, UNDO_GROUP_SET.name, UNDO_GROUP_SET.version)) options.mergeUndoGroup = true;
  try {
    return await run(options, batch);
  } catch (error) {
    if (isCellEditRefusal(error)) throw new Error(CELL_EDIT_MESSAGE);
    throw error;
  }
}

/** Same for a sync outside Excel.run (removing an event handler on the context that added it). */
export async function syncInExcel(context: OfficeExtension.ClientRequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (isCellEditRefusal(error)) throw new Error(CELL_EDIT_MESSAGE);
    throw error;
  }
}

function supports(requirements: RequirementSets | null, name: string, version: string): boolean {
  try {
    return requirements?.isSetSupported(name, version) === true;
  } catch {
    // An Office that cannot answer is taken not to have the set: Excel's default then applies.
    return false;
  }
}
