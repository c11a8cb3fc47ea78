import type { ShapeKind, TableKind } from "../../core/table";

/** The kind a table already is, in Read as's terms: the kind its shape showed, or its own. */
export function shapeKindOf(table: { kind: TableKind; byShape?: ShapeKind }): ShapeKind {
  return table.byShape ?? (table.kind === "budget" ? "budget-lines" : table.kind);
}
