import type { TableRow } from "./types";

/** A row of the table's items: an action, milestone or initiative, or a row continuing one. */
export function isItemRow(row: TableRow): boolean {
  return row.role === "data" || row.role === "continuation";
}

/** A fragment joined to the text it finishes: straight on after a hyphen cut mid-word, else after a space. */
export function joinFragment(above: unknown, fragment: string): unknown {
  if (above === null || above === undefined) return fragment;
  const text = String(above).trimEnd();
  return text.endsWith("-") ? `${text}${fragment}` : `${text} ${fragment}`;
}

/**
 * A row's values by grid column as the checks, the paper and the import read them: put back in
 * line where the reader proposes it (unless `realign` is false, to keep the row as laid out),
 * and with the fragments of wrapped lines under it joined to the cells they finish.
 */
export function placedCells(row: TableRow, realign = true): unknown[] {
  const base = realign && row.realignment ? row.realignment.cells : row.cells;
  if (!row.wrapped || row.wrapped.length === 0) return base;
  const out = base.slice();
  for (const w of row.wrapped) {
    // Where the cell above was moved, its fragment goes with it.
    const moved = realign ? row.realignment?.moves.find((m) => m.how === "moved" && m.from[0] === w.column) : undefined;
    const column = moved ? moved.to : w.column;
    out[column] = joinFragment(out[column], w.text);
  }
  return out;
}
