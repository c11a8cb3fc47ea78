/**
 * The xlsx files of the command line: reads a workbook file into the grids the table reader
 * understands (through xlsx-read.ts, which the task pane shares), and replaces files whole. Node
 * only.
 */
import "./empty-text-results";
import { randomBytes } from "crypto";
import { open, rename, rm, stat, type FileHandle } from "fs/promises";
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

export interface WriteOptions {
  /** The file's permissions; by default those of the file written over, else the process's default. */
  mode?: number;
}

/**
 * Writes `data` to a temporary file beside `path`, flushes it to disk, then renames it over
 * `path`: a failure or a kill never leaves a partial file, and a crash just after the rename
 * never leaves an empty one. The file written over keeps its permissions (a workbook kept 0600
 * is not widened to 0644).
 */
export async function writeAtomically(path: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const mode = options.mode ?? (await modeOf(target));
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, "wx", mode ?? 0o666);
    await handle.writeFile(data);
    // The umask narrowed the mode open() was given: the file written over's is set as it was.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A file's permission bits, or undefined where there is no file. */
export async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return undefined;
  }
}
