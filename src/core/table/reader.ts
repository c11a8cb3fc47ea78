import type { SheetGrid, Table } from "./types";

/** Recognises the tables in a grid. (Being written: see issue 3.) */
export function readTables(grid: SheetGrid): Table[] {
  void grid;
  throw new Error("readTables is not written yet");
}
