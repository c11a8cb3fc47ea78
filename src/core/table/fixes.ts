import { COLOURS, COLOUR_ORDER, type Colour, DEFAULT_KEY, colourOfFill, normaliseStatus, statusIndex } from "../rag";
import { a1 } from "./location";
import type { Table } from "./types";

/**
 * Changes to a user's own cells that the add-in can offer: statuses written the key's way, a
 * status that is only a fill colour written as text, and fills that show each status's colour.
 * Only proposals: the workbook port shows them first and logs every old and new value.
 */
export type FixKind = "normalise-statuses" | "text-from-fills" | "fills-from-text";

export interface CellChange {
  sheet: string;
  /** "H12" */
  address: string;
  /** "value" writes the cell's value; "fill" sets its fill colour. */
  target: "value" | "fill";
  old: string | number | boolean | null;
  new: string | number | boolean | null;
  /** Why, in words for the change log: "“On track” is Green in the key". */
  reason: string;
}

function colourName(name: string): Colour | null {
  return COLOUR_ORDER.find((c) => normaliseStatus(c) === normaliseStatus(name)) ?? null;
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
    const key = table.key?.key ?? DEFAULT_KEY;
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
      const colour = colourName(name);
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
