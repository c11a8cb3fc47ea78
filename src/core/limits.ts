import { grouped } from "./errors";

/**
 * What one Excel worksheet holds (Microsoft's "Excel specifications and limits"), and what an
 * import or a check takes in before it says no. The add-in writes into Excel and reads what Excel
 * holds, so every layer works to the same figures.
 */
export const EXCEL_LIMITS = {
  /** Characters in one cell. */
  cellCharacters: 32_767,
  rows: 1_048_576,
  columns: 16_384,
} as const;

/**
 * The most an import or a check takes in at once: a sheet's rows, and its cells counted over the
 * rectangle from its first used cell to its last (the reader holds every cell of that). Here,
 * checking 1,250,000 cells took 8.6 s and 1.1 GB, importing them 40 s and 3 GB; at these limits an
 * import takes 24 s and 2.7 GB (a check 6 s and 1 GB), where a 1,000,000-row workbook once ran past 500 s
 * and 4 GB. No council
 * table comes near them: a whole authority's High Needs monitoring is a few hundred lines, an
 * action tracker a few thousand.
 */
export const WORK_LIMITS = {
  rows: 200_000,
  cells: 1_000_000,
  /** A text file or paste, and an .xlsx file, in bytes. */
  bytes: 50 * 1024 * 1024,
  /**
   * What an .xlsx file's parts unpack to, added up, in bytes: a workbook at the cell limit unpacks
   * to about 60 MB; a 210 KB file was seen to unpack one text of 200 MB (and run out of memory).
   */
  unpacked: 256 * 1024 * 1024,
  /**
   * One text as an .xlsx file holds it, in bytes: a cell holds 32,767 characters, each at most 6
   * bytes as XML writes it ("&amp;"), so a longer one was not written by Excel.
   */
  textBytes: EXCEL_LIMITS.cellCharacters * 6,
} as const;

/** The limits in a sentence, for help text, the README and the task pane. */
export function limitsSentence(): string {
  return `up to ${grouped(WORK_LIMITS.rows)} rows a sheet and ${grouped(WORK_LIMITS.cells)} cells in all, from a file or paste of up to ${WORK_LIMITS.bytes / 1024 / 1024} MB`;
}

/** Work refused before it starts because the input is beyond WORK_LIMITS; the message says which limit and what to do. */
export class TooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TooLarge";
  }
}

const CUT_DOWN = "copy the table's own rows to a new workbook or text file and use that";

/** A TooLarge unless a sheet of `rows` × `columns` (its used rectangle) is within the limits. */
export function requireShape(where: string, rows: number, columns: number, cellsSoFar = 0): void {
  requireCells(where, rows, rows * columns, cellsSoFar, `${grouped(rows)} rows by ${grouped(columns)} columns`);
}

/** As requireShape, for a sheet whose cells were counted rather than spanned; `atLeast` when counting stopped at the limit. */
export function requireCells(where: string, rows: number, cells: number, cellsSoFar = 0, shape = "", atLeast = false): void {
  if (rows > WORK_LIMITS.rows) {
    const held = atLeast ? `over ${grouped(WORK_LIMITS.rows)}` : grouped(rows);
    throw new TooLarge(`${where} holds ${held} rows; at most ${grouped(WORK_LIMITS.rows)} rows of a sheet can be read at once: ${CUT_DOWN}.`);
  }
  const total = cells + cellsSoFar;
  if (total > WORK_LIMITS.cells) {
    const held = atLeast ? `over ${grouped(WORK_LIMITS.cells)}` : grouped(total);
    const span = cellsSoFar > 0 ? " with the sheets before it" : shape ? ` (${shape})` : "";
    throw new TooLarge(`${where} holds ${held} cells${span}; at most ${grouped(WORK_LIMITS.cells)} cells can be read at once: ${CUT_DOWN}.`);
  }
}

/** A TooLarge unless `bytes` of input are within the limit. */
export function requireBytes(where: string, bytes: number): void {
  if (bytes > WORK_LIMITS.bytes) {
    throw new TooLarge(`${where} is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${WORK_LIMITS.bytes / 1024 / 1024} MB can be read at once: ${CUT_DOWN}.`);
  }
}
