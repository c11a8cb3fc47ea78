import { a1 } from "../core/table";
import { callsKnownHnb, writeHnbNames } from "../formulas";
import type { CellChange } from "../core/table";
import type { SheetRead } from "../port";

/**
 * HNB formulas that Excel shows as #NAME?. A workbook written by another program (or opened
 * before the add-in loaded) can hold `HNB.RAG(F2)` or `_xldudf_HNB_RAG(F2)` that Excel has not
 * bound to the add-in's functions; typing the same formula in again binds it (docs/excel-files.md).
 * Re-entering writes the formula as typed, `HNB.RAG(F2)`, which Excel then stores its own way.
 */
export interface UnboundFormula {
  sheet: string;
  address: string;
  formula: string;
}

export function unboundHnbFormulas(sheets: readonly SheetRead[]): UnboundFormula[] {
  const found: UnboundFormula[] = [];
  for (const sheet of sheets) {
    const origin = sheet.origin ?? { row: 0, column: 0 };
    sheet.formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        // Only this release's functions: re-entering HNB.FOO would change nothing, every time.
        if (formula === null || !callsKnownHnb(formula)) return;
        const value = sheet.values[r]?.[c];
        if (typeof value === "string" && value.trim().toUpperCase() === "#NAME?") {
          found.push({ sheet: sheet.name, address: a1(r + origin.row, c + origin.column), formula });
        }
      }),
    );
  }
  return found;
}

/**
 * Each formula re-entered, unchanged but for HNB's names written as typed, as changes to show
 * and log (workbook/changes.ts) like any other change to a user's cells.
 */
export function reenterChanges(formulas: readonly UnboundFormula[]): CellChange[] {
  return formulas.map((f) => ({
    sheet: f.sheet,
    address: f.address,
    target: "formula",
    old: f.formula,
    new: writeHnbNames(f.formula, "dotted"),
    reason: "Showed #NAME?: entered again so that Excel links it to the add-in",
  }));
}
