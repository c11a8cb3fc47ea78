import type { RagKey } from "../rag";
import { KIND_RULES } from "./kinds";
import { readShapes } from "./shape/read";
import { summariseReading } from "./shape/summary";
import type { BudgetSummary } from "./summary";
import { SHAPE_KINDS, type Reading, type ShapeKind } from "./shape/types";
import type { SheetGrid, TableKind } from "./types";

export type { CrossFoot, FigureColumn, ReadRow, Reading, ShapeKind, ShapeRole, TotalCheck, VarianceCheck } from "./shape/types";
export { SHAPE_KINDS } from "./shape/types";
export { typeCell, type CellKind, type TypedCell, type Unit } from "./shape/typed";
export { readFigure, type Figure } from "../figures";

export interface ReadingOptions {
  /** Read every table as this kind (Read as), with notes on what does not fit. */
  readonly kind?: ShapeKind;
  /** The workbook's own RAG key. */
  readonly key?: RagKey;
}

/** How the add-in reads each table of a grid: found by shape, named by the kind that fits best. */
export function readGridByShape(grid: SheetGrid, options: ReadingOptions = {}): Reading[] {
  return readShapes(grid, KIND_RULES, options);
}

/** A kind as the user types it ("budget-lines", "Budget lines", "reserve"; "budget" as budget lines), or null. */
export function parseShapeKind(text: string): ShapeKind | null {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, "-");
  if (t === "budget") return "budget-lines";
  return (SHAPE_KINDS as readonly string[]).includes(t) ? (t as ShapeKind) : null;
}

/**
 * The kind the heading-word reader (with its import layouts, checks sheets and paper sections)
 * has for a kind, or null for the kinds only the shape reader knows yet.
 */
export function legacyKind(kind: ShapeKind): TableKind | null {
  switch (kind) {
    case "action-plan":
    case "savings-plan":
    case "deficit":
    case "scorecard":
      return kind;
    case "budget-lines":
      return "budget";
    default:
      return null;
  }
}

/** What a kind is called in a sentence ("a budget by DSG block"). */
export function shapeKindName(kind: ShapeKind): string {
  return KIND_RULES.get(kind)?.name ?? kind;
}

/** A reading as `hnb read --json` prints it: the corpus's field names, without the typed cells. */
export function readingJson(reading: Reading): Record<string, unknown> {
  const { cells: _cells, placements: _placements, ...rest } = reading;
  void _cells;
  void _placements;
  return rest;
}
export { checkReading } from "./shape/checks";
export { tableFromReading } from "./shape/legacy";
/** A table read by its shape, as the paper sums it up, under its kind's heading. */
export function shapeSummary(reading: Reading): BudgetSummary | null {
  return summariseReading(reading, KIND_RULES.get(reading.kind)?.paperTitle ?? "Figures");
}
