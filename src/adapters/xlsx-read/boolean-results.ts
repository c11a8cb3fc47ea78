import type { Cell } from "exceljs";

/** A cached boolean's number format: 1 shows as TRUE and 0 as FALSE, as Excel shows the boolean. */
export const BOOLEAN_SHOWN = '"TRUE";"TRUE";"FALSE"';

/**
 * A formula's cached result as the file keeps it where the result is a boolean. LibreOffice
 * recalculates a formula cell whose cached result is a boolean (t="b"), so an HNB formula there
 * shows #NAME? without the add-in. Cached as 1 or 0, shown as TRUE or FALSE by the cell's format,
 * it reads right everywhere; Excel with the add-in recalculates it to the boolean itself, which
 * Excel shows as TRUE or FALSE whatever the format (so the cell's own number format, which a
 * boolean never showed, is replaced). Any other result is kept as it is.
 */
export function cachedBoolean<T>(cell: Cell, result: T | boolean): T | number {
  if (typeof result !== "boolean") return result;
  // A style of its own: exceljs shares one style object among cells read with the same style.
  if (cell.numFmt !== BOOLEAN_SHOWN) cell.style = { ...cell.style, numFmt: BOOLEAN_SHOWN };
  return result ? 1 : 0;
}

/** A cached result as it was worked out: 1 or 0 in a cell formatted as cachedBoolean formats it is TRUE or FALSE. */
export function readCachedBoolean(cell: Cell, value: unknown): unknown {
  return cell.numFmt === BOOLEAN_SHOWN && (value === 1 || value === 0) ? value === 1 : value;
}
