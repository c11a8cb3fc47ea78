/**
 * The xlsx files of the command line: reads a workbook file into the grids the table reader
 * understands (through xlsx-read.ts, which the task pane shares), and replaces files whole. Node
 * only.
 */
import "./empty-text-results";
import { randomBytes } from "crypto";
import { rename, rm, writeFile } from "fs/promises";
import { basename, dirname, join, resolve } from "path";
import { readFile } from "fs/promises";
import type { SheetGrid } from "../../core/table";
import { readGridsFromBytes } from "../xlsx-read";

export { detailedGridOfSheet, gridOfSheet, loadExcelJS, portValue, readGridsFromBytes, requireWorkbookWithinLimits, themeColours, type DetailedGrid, type ExcelJS } from "../xlsx-read";

/**
 * One grid per worksheet of the file at `path`, in tab order (see readGridsFromBytes in
 * xlsx-read.ts for what each holds).
 */
export async function readWorkbookGrids(path: string): Promise<SheetGrid[]> {
  return readGridsFromBytes(await readFile(path), basename(path));
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Writes `data` to a temporary file beside `path`, then renames it over `path`, so a failure never leaves a partial file. */
export async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, data, { flag: "wx" });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
