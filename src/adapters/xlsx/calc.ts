/**
 * `hnb calc` over an exceljs workbook: the formula engine (src/engine) sees the workbook through
 * the small host it defines, implemented here. Cells are read with `excelValue` (xlsx-read), the
 * reading `hnb check` uses, so both see a date, an error or rich text as the same value.
 */
import { cachedBoolean, readCachedBoolean } from "../xlsx-read";
import type { Cell, CellValue, Workbook, Worksheet } from "exceljs";
import { calculate, type CalcHost, type CalcOptions, type CalcReport, type CalcValue, type HostCell, type HostSheet, type HostTable } from "../../engine";
import { parseAddress, type Rect } from "../../port";
import { excelValue } from "../xlsx-read";
import { replaceBetween } from "../../core";

/**
 * Works out every HNB formula of `workbook` (changed in place) and the formulas that use their
 * results; see src/engine/calc.ts for what is written.
 */
export function calculateWorkbook(workbook: Workbook, options: CalcOptions = {}): CalcReport {
  return calculate(new ExcelJsCalcHost(workbook), options);
}

/** The parts of exceljs's models this reads; exceljs keeps them off its public types. */
interface FormulaModel {
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
  ref?: string;
  result?: unknown;
}
interface TableModel {
  name?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns?: { name: string }[];
  rows?: unknown[];
}
interface DefinedNames {
  model: { name: string; ranges: string[] }[];
  add(location: string, name: string): void;
}

/** Days from the 1900 date system's day 0 to the 1904 system's. */
const DAYS_1900_TO_1904 = 1462;

/** Whether a number format shows a date: day or year codes outside quoted text and [colour] parts. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const codes = replaceBetween(format.replace(/"[^"]*"/g, ""), "[", "]", "").replace(/\\./g, "");
  return /[dy]/i.test(codes) || /mmm/i.test(codes);
}

class ExcelJsCalcHost implements CalcHost {
  readonly sheets: readonly HostSheet[];
  readonly names: readonly { name: string; ranges: readonly string[] }[];

  constructor(private readonly workbook: Workbook) {
    this.sheets = workbook.worksheets.map((worksheet) => ({
      name: worksheet.name,
      cells: () => cellsOf(worksheet),
      tables: tablesOf(worksheet),
    }));
    this.names = this.definedNames().model.map(({ name, ranges }) => ({ name, ranges: [...ranges] }));
  }

  setFormula(sheet: string, row: number, column: number, formula: string, result: CalcValue): void {
    const cell = this.cell(sheet, row, column);
    cell.value = { formula, result: cachedBoolean(cell, this.stored(cell, result)) } as CellValue;
  }

  setValue(sheet: string, row: number, column: number, value: CalcValue): void {
    const cell = this.cell(sheet, row, column);
    cell.value = this.stored(cell, value) as CellValue;
  }

  /**
   * A result as the file keeps it. The engine counts days in the 1900 system, as it reads them
   * (excelValue); a workbook from old Mac Excel counts from 1904, so a date shown in a date
   * format is stored 1,462 days lower there, or Excel would show it four years late.
   */
  private stored(cell: Cell, value: CalcValue): CalcValue {
    if (!this.workbook.properties?.date1904 || typeof value !== "number" || !isDateFormat(cell.numFmt)) return value;
    return value - DAYS_1900_TO_1904;
  }

  clear(sheet: string, row: number, column: number): boolean {
    const cell = this.cell(sheet, row, column);
    if (cell.value === null || cell.value === undefined) return false;
    cell.value = null;
    return true;
  }

  replaceNames(drop: (name: string) => boolean, add: readonly { name: string; reference: string }[]): void {
    const names = this.definedNames();
    names.model = names.model.filter((n) => !drop(n.name));
    for (const { name, reference } of add) names.add(reference, name);
  }

  private cell(sheet: string, row: number, column: number): Cell {
    const worksheet = this.workbook.getWorksheet(sheet);
    if (!worksheet) throw new Error(`There is no sheet "${sheet}".`);
    return worksheet.getCell(row + 1, column + 1);
  }

  private definedNames(): DefinedNames {
    return this.workbook.definedNames as unknown as DefinedNames;
  }
}

function cellsOf(worksheet: Worksheet): HostCell[] {
  const cells: HostCell[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // The other cells of a merged area are empty in Excel (exceljs repeats the top-left's value).
      if (cell.isMerged && cell.master !== cell) return;
      const model = cell.model as FormulaModel;
      const at = { row: rowNumber - 1, column: columnNumber - 1 };
      if (model.formula !== undefined || model.sharedFormula !== undefined) {
        const arrayRange = model.shareType === "array" && model.ref ? parseAddress(model.ref) : null;
        cells.push({ ...at, value: readCachedBoolean(cell, excelValue(model.result)) as ReturnType<typeof excelValue>, formula: cell.formula ?? "", arrayRange });
      } else {
        cells.push({ ...at, value: excelValue(cell.value) });
      }
    });
  });
  return cells;
}

function tablesOf(worksheet: Worksheet): HostTable[] {
  const tables: HostTable[] = [];
  const list = (worksheet as unknown as { getTables?: () => unknown[] }).getTables?.() ?? [];
  for (const t of list) {
    const model = ((t as { table?: unknown }).table ?? (t as { model?: unknown }).model) as TableModel | undefined;
    if (!model?.name || !model.columns) continue;
    const headerRow = model.headerRow !== false;
    const totalsRow = model.totalsRow === true;
    let range: Rect | null = model.tableRef ? parseAddress(model.tableRef) : null;
    if (!range && model.ref) {
      // A table exceljs has not written yet knows only its top-left cell and its rows.
      const start = parseAddress(model.ref);
      if (start) {
        const height = (model.rows?.length ?? 0) + (headerRow ? 1 : 0) + (totalsRow ? 1 : 0);
        range = { top: start.top, left: start.left, bottom: start.top + Math.max(height, 1) - 1, right: start.left + model.columns.length - 1 };
      }
    }
    if (!range) continue;
    tables.push({ name: model.name, range, headerRow, totalsRow, columns: model.columns.map((c) => c.name) });
  }
  return tables;
}
