/**
 * What the formula engine needs of a workbook, and all it changes: its cells, tables and defined
 * names in, results out. The engine knows no file format; src/adapters/xlsx implements this over
 * an exceljs workbook, reading cells with the same conversion as `hnb check`. Rows and columns are
 * 0-based, blocks the port's `Rect`s, as everywhere else in the project.
 */
import type { Rect } from "../port";

/** A cell's value: a date as its serial number (1900 date system), an error value as its text. */
export type CalcValue = number | string | boolean | null | { readonly error: string };

export interface HostCell {
  readonly row: number;
  readonly column: number;
  /** Its value; for a formula, the result the file holds (null when none). */
  readonly value: CalcValue;
  /** The formula without "=", a shared formula as it reads in this cell; absent for a plain value. */
  readonly formula?: string;
  /** The block an array formula covers, as the file records it. */
  readonly arrayRange?: Rect | null;
}

export interface HostTable {
  readonly name: string;
  readonly range: Rect;
  readonly headerRow: boolean;
  readonly totalsRow: boolean;
  readonly columns: readonly string[];
}

export interface HostSheet {
  readonly name: string;
  /**
   * The cells holding something, in any order. Of a merged area only the top-left cell, as in
   * Excel, where the others are empty.
   */
  cells(): Iterable<HostCell>;
  readonly tables: readonly HostTable[];
}

export interface CalcHost {
  /** In tab order. */
  readonly sheets: readonly HostSheet[];
  /** Defined names with the references the file gives them ("'RAG Key'!$A$2:$C$6"). */
  readonly names: readonly { readonly name: string; readonly ranges: readonly string[] }[];
  /** Writes a formula (without "=") with its result, keeping the cell's style. */
  setFormula(sheet: string, row: number, column: number, formula: string, result: CalcValue): void;
  /** Writes a plain value, keeping the cell's style. */
  setValue(sheet: string, row: number, column: number, value: CalcValue): void;
  /** Empties a cell's value; whether it held one. */
  clear(sheet: string, row: number, column: number): boolean;
  /** Drops every defined name `drop` picks, then adds `add`, each a name and one reference. */
  replaceNames(drop: (name: string) => boolean, add: readonly { name: string; reference: string }[]): void;
}
