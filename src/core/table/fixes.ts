import { keyOf } from "./key-sheet";
import { COLOURS, colourNamed, colourOfFill, statusIndex } from "../rag";
import { a1 } from "./location";
import type { Table } from "./types";

/**
 * Changes to a user's own cells that the add-in can offer: statuses written the key's way, a
 * status that is only a fill colour written as text, fills that show each status's colour, and a
 * drop-down of the key's statuses on each status column (coloured as the key, so a status typed
 * later takes its colour too). Only proposals: the workbook port shows them first and logs every
 * old and new value.
 */
export type FixKind = "normalise-statuses" | "text-from-fills" | "fills-from-text" | "status-lists";

export interface CellChange {
  sheet: string;
  /** "H12" */
  address: string;
  /**
   * "value" writes the cell's value; "fill" sets its fill colour; "list" puts a drop-down of
   * `list` on the range `address`, each status coloured as the key; "formula" enters `new` as
   * the cell's formula.
   */
  target: "value" | "fill" | "list" | "formula";
  old: string | number | boolean | null;
  new: string | number | boolean | null;
  /** Why, in words for the change log: "“On track” is Green in the key". */
  reason: string;
  /** The statuses offered, for a "list" change. */
  list?: string[];
}

/** The statuses a drop-down offers and the colour each takes (a status named by no colour keeps none). */
export function listFills(list: string[]): { text: string; fill: string; font: string }[] {
  return list.flatMap((name) => {
    const colour = colourNamed(name);
    return colour ? [{ text: name, fill: COLOURS[colour].fill, font: COLOURS[colour].text }] : [];
  });
}

function scalar(v: unknown): string | number | boolean | null {
  return v === undefined || v === null ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : String(v);
}

export function proposeFixes(tables: Table[], kinds: FixKind[]): CellChange[] {
  const changes: CellChange[] = [];
  const want = new Set(kinds);
  for (const table of tables) {
    if (table.kind === "deficit") continue;
    const rag = table.columns.find((c) => c.field === "rag");
    if (!rag) continue;
    const { key } = keyOf(table);
    if (want.has("status-lists")) {
      const list = statusList(table, rag.index, key.statuses.map((s) => s.name));
      if (list) changes.push(list);
    }
    for (const row of table.rows) {
      if (row.role !== "data" && row.role !== "continuation") continue;
      const raw = row.cells[rag.index];
      const fill = row.fills[rag.index] ?? null;
      const address = a1(row.index + table.origin.row, rag.index + table.origin.column);
      const blank = raw === null || raw === undefined || String(raw).trim() === "";
      if (blank) {
        const colour = colourOfFill(fill);
        if (colour && want.has("text-from-fills") && statusIndex(colour, key) >= 0) {
          changes.push({ sheet: table.sheet, address, target: "value", old: null, new: key.statuses[statusIndex(colour, key)]!.name, reason: `The status was only a ${colour.toLowerCase()} fill` });
        }
        continue;
      }
      const i = statusIndex(raw, key);
      if (i < 0) continue; // outside the key: a person must decide, not the add-in
      const name = key.statuses[i]!.name;
      if (want.has("normalise-statuses") && String(raw) !== name) {
        changes.push({ sheet: table.sheet, address, target: "value", old: scalar(raw), new: name, reason: `“${String(raw).trim()}” is ${name} in the key` });
      }
      const colour = colourNamed(name);
      if (want.has("fills-from-text") && colour) {
        const wanted = COLOURS[colour].fill;
        if ((fill ?? "").toUpperCase() !== wanted.toUpperCase()) {
          changes.push({ sheet: table.sheet, address, target: "fill", old: fill, new: wanted, reason: `${name} shown in its colour as well as in words` });
        }
      }
    }
  }
  return changes;
}

/**
 * A drop-down over the status column from the first row under the heading to the last row of
 * data. Excel keeps a list written into the rule as one text joined by commas, so a status
 * holding a comma cannot be offered that way and the column is left alone.
 */
function statusList(table: Table, column: number, names: string[]): CellChange | null {
  const rows = table.rows.filter((r) => r.role === "data" || r.role === "continuation");
  if (rows.length === 0 || names.some((n) => n.includes(","))) return null;
  const top = a1(table.headerRow + 1 + table.origin.row, column + table.origin.column);
  const bottom = a1(rows[rows.length - 1]!.index + table.origin.row, column + table.origin.column);
  return {
    sheet: table.sheet,
    address: top === bottom ? top : `${top}:${bottom}`,
    target: "list",
    old: null,
    new: names.join(", "),
    list: names,
    reason: "Statuses chosen from the key, so a new one cannot be mistyped; each takes its colour",
  };
}
