import { TooLarge, minOf, requireBytes } from "../core";
import type { Unreadable } from "../app";
import { open, readFile, stat } from "fs/promises";
import { basename, extname } from "path";
import { gridFromFile } from "../core/table";
import type { Progress } from "./progress";
import { location, shapeKindName, sheetPrefix, type Reading } from "../core/table";
import type { SheetGrid, Table, TableKind } from "../core/table";
import { readWorkbookGrids } from "../adapters/xlsx";

/** A failure the user can act on: one line for stderr, and the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export type InputKind = "workbook" | "text";

export const TEXT_EXTENSIONS = [".tsv", ".txt", ".csv"];
export const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm"];

/** What a file holds, by its extension; a CliError for a file type the CLI cannot read. */
export function inputKind(path: string): InputKind {
  const ext = extname(path).toLowerCase();
  if (WORKBOOK_EXTENSIONS.includes(ext)) return "workbook";
  if (TEXT_EXTENSIONS.includes(ext)) return "text";
  if (ext === ".xls") {
    throw new CliError(`${path} is an Excel 97–2003 workbook: open it in Excel and save it as .xlsx first.`);
  }
  if (ext === ".ods") throw new CliError(`${path} is an OpenDocument spreadsheet: save it as .xlsx first.`);
  throw new CliError(`${path}: cannot read ${ext ? `${ext} files` : "a file without an extension"}; give a .xlsx, .tsv, .txt or .csv file.`);
}

/**
 * The grids in an input file: each worksheet of a workbook, or one grid for a text file, named
 * after the file (savings-plan-messy.tsv gives the sheet name "savings-plan-messy").
 */
export async function readInputGrids(path: string, progress?: Progress): Promise<SheetGrid[]> {
  const kind = inputKind(path);
  const size = await requireFileWithinLimit(path);
  progress?.input(size);
  progress?.step(`reading ${path} (${(size / 1024 / 1024).toFixed(1)} MB)`);
  // A workbook is read by exceljs; only its first bytes are needed here, to say what it is.
  const bytes = await readBytes(path, kind === "workbook" ? OLE.length : undefined);
  if (kind === "text") return [gridFromFile(basename(path), bytes)];
  requireWorkbookSignature(path, bytes);
  try {
    return await readWorkbookGrids(path);
  } catch (error) {
    if (error instanceof TooLarge) throw error;
    throw new CliError(`${path} could not be read as an Excel workbook: ${oneLine(error)}`);
  }
}

/** The file's size; a TooLarge when it is beyond what can be read at once, before any of it is read. */
async function requireFileWithinLimit(path: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new CliError(fileProblem(path, error));
  }
  requireBytes(path, size);
  return size;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** A CliError unless the file's first bytes are an .xlsx (a zip), saying what else it may be. */
export function requireWorkbookSignature(path: string, bytes: Uint8Array): void {
  if (startsWith(bytes, ZIP)) return;
  if (startsWith(bytes, OLE)) {
    throw new CliError(`${path} is password-protected or an Excel 97–2003 file: remove the password or save it as .xlsx.`);
  }
  throw new CliError(`${path} is not an Excel workbook (.xlsx).`);
}

/** A file's bytes (the first `length` only, when given); a one-line CliError when it cannot be read. */
export async function readBytes(path: string, length?: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path} is a folder, not a file.`);
    if (length === undefined) return await readFile(path);
    const file = await open(path, "r");
    try {
      const head = new Uint8Array(length);
      const { bytesRead } = await file.read(head, 0, length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(fileProblem(path, error));
  }
}

/** A file-system error in words: "cannot find x.tsv", not "ENOENT: no such file or directory, stat 'x.tsv'". */
export function fileProblem(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return `cannot find ${path}.`;
    case "EACCES":
    case "EPERM":
      return `not allowed to open ${path}.`;
    case "EBUSY":
      return `${path} is in use by another program (is it open in Excel?).`;
    case "EISDIR":
      return `${path} is a folder, not a file.`;
    default:
      return `cannot open ${path}: ${oneLine(error)}`;
  }
}

/** An error's message on one line, for stderr. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}

/** The one line for a sheet the reader failed on. */
export function unreadableError(failed: Unreadable, path: string): CliError {
  return new CliError(`could not read the tables on sheet "${failed.sheet}" of ${path}: ${oneLine(failed.message)}`);
}

const KIND_NAMES: Record<TableKind, string> = {
  "action-plan": "action plan",
  "savings-plan": "savings plan",
  deficit: "deficit table",
  scorecard: "scorecard",
  budget: "budget table",
};

/** "savings plan at 'savings-plan-messy'!A1": a table as the summaries name it. */
export function describeTable(table: Table): string {
  return `${KIND_NAMES[table.kind]} at ${tableLocation(table)}`;
}

export function kindName(kind: TableKind): string {
  return KIND_NAMES[kind];
}

/** "a reserve or balances table at 'b03'!A2": a table read by its shape, as the summaries name it. */
export function describeReading(reading: Reading): string {
  return `${shapeKindName(reading.kind)} at ${sheetPrefix(reading.sheet)}!A${reading.firstLine}`;
}

/** The top-left cell of a table's header row. */
export function tableLocation(table: Table): string {
  const first = table.columns.length > 0 ? minOf(table.columns.map((c) => c.index)) : 0;
  // A table with no heading line starts at its first row.
  return location(table.sheet, Math.max(table.headerRow, 0), first, table.origin);
}
