import { readAmount } from "../../src/core/money";
import { readDateRange } from "../../src/core/dates";
import { statusIndex } from "../../src/core/rag";
import { quote } from "../../src/core/errors";
import { keyOf } from "../../src/core/table/key-sheet";
import { location } from "../../src/core/table/location";
import type { ImportedTable, KeptCell, SheetGrid, Table } from "../../src/core/table/types";
import { IMPORT_NOTES_HEADER } from "../../src/app/outputs";
import { importedCellAddress } from "../../src/app/import-sheet";
import type { WorkbookPort } from "../../src/port/port";
import { parseCell } from "../../src/port/a1";

/**
 * The proof behind "nothing the user gave us is lost": every non-blank cell of a source grid,
 * looked for in the workbook an import actually wrote. A cell is kept when the place its import
 * says it went holds it — as written, within a longer text (a wrapped line joined, a heading
 * made single-line), or as its reading (money as a number, a date as a serial, a status as the
 * key names it, a part of a cell split in two) — or when a note on its row (one note keeps a
 * whole line) quotes it in full.
 */

function normal(v: unknown): string {
  return String(v ?? "").replace(/[\s\v]+/g, " ").trim();
}

function holds(written: unknown, source: unknown, table: Table | undefined): boolean {
  if (written === null || written === undefined) return false;
  const src = normal(source);
  if (src === "") return true;
  if (typeof written === "string") {
    const w = normal(written);
    if (w.includes(src)) return true;
    // A part of a cell split in two ("KP/AT" from "KP/AT Nov2025").
    if (w.length > 0 && src.includes(w)) return true;
    if (table) {
      const key = keyOf(table).key;
      const i = statusIndex(source, key);
      if (i >= 0 && key.statuses[i]!.name === written) return true;
    }
    return false;
  }
  if (typeof written === "number") {
    if (typeof source === "number") return source === written;
    const a = readAmount(source);
    if (a !== null && !Number.isNaN(a) && a === written) return true;
    const d = readDateRange(source);
    if (d && (d.start === written || d.end === written)) return true;
    // A date split from the front of a cell ("Nov2025" out of "KP/AT Nov2025").
    const tail = /\S+\s+(.*)$/.exec(src);
    const t = tail ? readDateRange(tail[1]) : null;
    return t !== null && (t.start === written || t.end === written);
  }
  return normal(written) === src;
}

export interface WrittenImport {
  /** The workbook after the import's operations were applied. */
  workbook: WorkbookPort;
  /** The sheet each imported table was written to, in order. */
  sheets: string[];
  imported: ImportedTable[];
  tables: Table[];
  /** The notes sheet's name, if one was written. */
  notesSheet: string | null;
  /** Kept records for lines outside every table (they point at the notes sheet). */
  outside?: KeptCell[];
}

/** Every non-blank cell of `grid` that the written workbook does not keep: "B3 “text”". */
export async function lostCells(grid: SheetGrid, written: WrittenImport, consider: (row: number) => boolean = () => true): Promise<string[]> {
  const reads = await written.workbook.readSheets();
  const sheetValues = new Map(reads.map((r) => [r.name, r]));
  const at = (sheet: string, address: string): unknown => {
    const read = sheetValues.get(sheet);
    if (!read) return undefined;
    const { row, column } = parseCell(address)!;
    const origin = read.origin ?? { row: 0, column: 0 };
    return read.values[row - origin.row]?.[column - origin.column];
  };
  const notes = written.notesSheet ? sheetValues.get(written.notesSheet) : undefined;
  const noteRows = (notes?.values ?? []).filter((r) => r[0] !== IMPORT_NOTES_HEADER[0]);
  const origin = grid.origin ?? { row: 0, column: 0 };
  const lost: string[] = [];
  grid.values.forEach((line, r) => {
    if (!consider(r)) return;
    line.forEach((v, c) => {
      if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return;
      const where = location(grid.name, r, c, origin);
      // A note on the cell's own row (one note may keep a whole line) that quotes it in full.
      const quoted = `“${normal(v)}”`;
      const rowOf = (l: unknown) => String(l ?? "").replace(/^.*![A-Z]+/, "");
      if (noteRows.some((n) => String(n[1] ?? "").replace(/![A-Z]+\d+$/, "") === where.replace(/![A-Z]+\d+$/, "") && rowOf(n[1]) === rowOf(where) && normal(n[3]).replace(/“\s+/g, "“").replace(/\s+”/g, "”").includes(quoted))) return;
      for (let i = 0; i < written.imported.length; i++) {
        const imported = written.imported[i]!;
        for (const k of imported.kept ?? []) {
          if (k.row !== r || k.column !== c || k.to.area === "notes") continue;
          if (holds(at(written.sheets[i]!, importedCellAddress(imported, k.to)), v, written.tables[i])) return;
        }
      }
      lost.push(`${where} ${quote(String(v))}`);
    });
  });
  return lost;
}

/** The grid row range a table took in, so tests of one table's import can leave the others aside. */
export function spanOf(imported: ImportedTable): { first: number; last: number } {
  return imported.span!;
}
