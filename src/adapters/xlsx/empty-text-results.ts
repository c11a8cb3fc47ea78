/**
 * A formula whose cached result is empty text (IF(…,"") and IFERROR(…,""), everywhere in council
 * workbooks) is saved by Excel as <c t="str"><f>…</f><v></v></c>. exceljs 4.4 drops an empty <v>,
 * so the cell reads as a formula never worked out and the reader saw its formula text. This keeps
 * the empty result, in Node where exceljs's own modules are reachable (the pane reads live cells
 * through Office.js, which gives "" as it is). Checked against exceljs 4.4.0's CellXform.
 */
import { createRequire } from "module";

interface CellXformLike {
  t?: string;
  model?: { formula?: string; shareType?: string; value?: unknown; result?: unknown };
  parseClose(name: string): boolean;
}

let patched = false;

export function keepEmptyTextResults(): boolean {
  if (patched) return true;
  try {
    const load = createRequire(__filename);
    const CellXform = load("exceljs/lib/xlsx/xform/sheet/cell-xform.js") as { prototype: CellXformLike };
    const original = CellXform.prototype.parseClose;
    if (typeof original !== "function") return false;
    CellXform.prototype.parseClose = function parseClose(this: CellXformLike, name: string): boolean {
      const emptyText = name === "c" && this.t === "str" && this.model !== undefined && (this.model.formula !== undefined || this.model.shareType !== undefined) && (this.model.value === undefined || this.model.value === "");
      const result = original.call(this, name);
      if (emptyText && this.model && this.model.result === undefined) this.model.result = "";
      return result;
    };
    patched = true;
  } catch {
    // Another exceljs layout: formulas with an empty result read as before (their formula text).
    patched = false;
  }
  return patched;
}

keepEmptyTextResults();
