/**
 * The xlsx adapter: the workbook port over a file, through exceljs, for the command line.
 * Node only. Reads go through the same code as `readWorkbookGrids` (xlsx-read.ts); every batch
 * is checked by the planner the memory adapter uses before anything in the workbook changes.
 *
 * Charts: exceljs has no way to write them, so a lineChart operation is recorded here and drawn
 * into the file by `save` (xlsx-charts.ts adds the chart parts to the zip exceljs writes). `open`
 * reads back the line charts a file has, so opening, changing and saving a workbook keeps them.
 */
import { cachedBoolean } from "../xlsx-read";
import "./empty-text-results";
import { maxOf } from "../../core";
import type {
  Cell,
  CellErrorValue,
  CellValue,
  ConditionalFormattingRule,
  Fill,
  Font,
  Style,
  TableStyleProperties,
  Workbook,
  WorkbookView,
  Worksheet,
  WorksheetView,
} from "exceljs";
import { readFile } from "fs/promises";
import { basename } from "path";
import { absoluteAddress, formatAddress, parseAddress, qualifiedAddress, quoteSheet, type Rect } from "../../port";
import { DEFAULT_DATE_FORMAT, dispatch, planOperations, type Handlers, type PlannedOperation, type WorkbookState } from "../../port";
import type { ApplyReport, SheetInfo, SheetRead, TableInfo, WorkbookOperation, WorkbookPort } from "../../port";
import { addLineCharts, readLineCharts, type LineChartSpec } from "./charts";
import { keepParts, type KeptPackage } from "./package";
import {
  detailedGridOfSheet,
  gridOfSheet,
  loadExcelJS,
  portValue,
  requireWorkbookWithinLimits,
  themeColours,
  writeAtomically,
  type WriteOptions,
  type ExcelJS,
} from "./file";

/** The parts of an exceljs table's model this adapter reads; exceljs keeps them off its public types. */
interface TableModel {
  name: string;
  tableRef: string;
  columns: { name: string }[];
}

/** exceljs keeps a sheet's conditional formats in a property its types do not declare. */
interface WithConditionalFormats {
  conditionalFormattings?: { ref: string; rules: ConditionalFormattingRule[] }[];
}

export class XlsxWorkbook implements WorkbookPort {
  private constructor(
    /** The exceljs workbook, for tests that look inside the file's model. Change it only through `apply`. */
    readonly workbook: Workbook,
    private readonly excel: ExcelJS,
    /** Line charts the file gets when it is saved: those it was opened with, then those applied. */
    private readonly lineCharts: LineChartSpec[] = [],
    /** The file as it was opened: what exceljs does not write is put back from it on save. */
    private readonly original: Uint8Array | null = null,
  ) {}

  static async open(path: string): Promise<XlsxWorkbook> {
    const excel = await loadExcelJS();
    const workbook = new excel.Workbook();
    const data = await readFile(path);
    await requireWorkbookWithinLimits(data, basename(path));
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    return new XlsxWorkbook(workbook, excel, await readLineCharts(data), data);
  }

  static async create(): Promise<XlsxWorkbook> {
    const excel = await loadExcelJS();
    const workbook = new excel.Workbook();
    workbook.creator = "HNB";
    return new XlsxWorkbook(workbook, excel);
  }

  /**
   * The file `save` writes: exceljs's, with the line charts drawn, and every part of the file it
   * was opened from that exceljs leaves out put back (see package.ts); what could not be is listed.
   */
  async package(): Promise<KeptPackage> {
    const written = await this.workbook.xlsx.writeBuffer();
    const data = await addLineCharts(Buffer.isBuffer(written) ? written : Buffer.from(written as ArrayBuffer), this.lineCharts, (sheet, row, column) => this.chartCell(sheet, row, column));
    return this.original ? keepParts(this.original, data) : { data, kept: [], dropped: [] };
  }

  /**
   * Writes the workbook to a temporary file beside `path`, flushed to disk, and renames it over
   * `path`, so a failure never leaves half a file. Gives what of the opened file was kept and dropped.
   */
  async save(path: string, options: WriteOptions = {}): Promise<KeptPackage> {
    const written = await this.package();
    await writeAtomically(path, written.data, options);
    return written;
  }

  /** The line charts `save` will draw, in order, with their sheets' current names. */
  get charts(): readonly LineChartSpec[] {
    return this.lineCharts;
  }

  async listSheets(): Promise<SheetInfo[]> {
    const theme = themeColours(this.workbook);
    return this.workbook.worksheets.map((sheet) => {
      // The plain grid has the same bounds as the detailed one, without a format lookup per cell.
      const grid = gridOfSheet(sheet, theme, this.excel.ValueType.Merge);
      const origin = grid.origin ?? { row: 0, column: 0 };
      const height = grid.values.length;
      const width = height > 0 ? grid.values[0]!.length : 0;
      const usedRange =
        height === 0
          ? null
          : formatAddress({
              top: origin.row,
              left: origin.column,
              bottom: origin.row + height - 1,
              right: origin.column + width - 1,
            });
      const tables: TableInfo[] = tablesOf(sheet).map((t) => ({
        name: t.name,
        address: t.tableRef,
        headers: t.columns.map((c) => c.name),
      }));
      return { name: sheet.name, usedRange, tables };
    });
  }

  async readSheets(names?: string[]): Promise<SheetRead[]> {
    const theme = themeColours(this.workbook);
    const sheets = names === undefined ? this.workbook.worksheets : names.map((n) => this.requireSheet(n));
    return sheets.map((sheet) => detailedGridOfSheet(sheet, theme, this.excel.ValueType.Merge));
  }

  async apply(operations: WorkbookOperation[]): Promise<ApplyReport> {
    const plan = planOperations(this.state(), operations);
    const changes = plan.operations.map((op) => this.run(op));
    return { changes, sheetsAdded: plan.sheetsAdded };
  }

  /**
   * Stores results as the cached values of formula cells from `at` (a block, as a write takes),
   * so viewers without a calculator show figures; cells without a formula, and null entries, are
   * left alone. As `MemoryWorkbook.setCachedValues`; not part of the port.
   */
  setCachedValues(sheet: string, at: string, values: unknown[][]): void {
    const target = this.requireSheet(sheet);
    const start = parseAddress(at);
    if (!start) throw new Error(`"${at}" is not a cell.`);
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const result = cachedResult(value);
        if (result === undefined) return;
        const cell = target.findCell(start.top + r + 1, start.left + c + 1);
        const current = cell?.value;
        if (!cell || current === null || typeof current !== "object" || !("formula" in current || "sharedFormula" in current))
          return;
        cell.value = { ...current, result: cachedBoolean(cell, result) } as CellValue;
      }),
    );
  }

  /** Makes the sheet the active tab and the top-left cell of `address` its active cell, as Excel opens the file. */
  async select(sheet: string, address: string): Promise<void> {
    const target = this.findSheet(sheet);
    if (!target) throw new Error(`Cannot select ${address}: there is no sheet called "${sheet}".`);
    const range = parseAddress(address);
    if (!range) throw new Error(`Cannot select "${address}" on ${quoteSheet(target.name)}: it is not a cell or range.`);
    const activeCell = formatAddress({ top: range.top, left: range.left, bottom: range.top, right: range.left });
    // Excel groups every tab marked selected, so only the chosen sheet keeps the mark.
    for (const other of this.workbook.worksheets) {
      if (other === target) patchView(other, { activeCell, tabSelected: true });
      else if (other.views[0]) patchView(other, { tabSelected: false });
    }
    const index = this.workbook.worksheets.indexOf(target);
    const [book, ...rest] = this.workbook.views;
    this.workbook.views = [
      { ...(book ?? {}), activeTab: index, firstSheet: Math.min(book?.firstSheet ?? 0, index) } as WorkbookView,
      ...rest,
    ];
  }

  /** A cell's value and number format, for a chart's cached values. */
  private chartCell(sheet: string, row: number, column: number): { value: unknown; format: string } {
    const cell = this.findSheet(sheet)?.findCell(row + 1, column + 1);
    return cell ? { value: portValue(cell), format: cell.numFmt ?? "General" } : { value: null, format: "General" };
  }

  private findSheet(name: string): Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.workbook.worksheets.find((s) => s.name.toLowerCase() === lower);
  }

  private requireSheet(name: string): Worksheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`There is no sheet called "${name}".`);
    return sheet;
  }

  private state(): WorkbookState {
    const tables = this.workbook.worksheets.flatMap((sheet) =>
      tablesOf(sheet).flatMap((t) => {
        const range = parseAddress(t.tableRef);
        return range ? [{ sheet: sheet.name, name: t.name, range }] : [];
      }),
    );
    return {
      sheets: this.workbook.worksheets.map((s) => s.name),
      tables,
      names: this.workbook.definedNames.model.map((n) => n.name),
      value: (sheet, row, column) => {
        const cell = this.findSheet(sheet)?.findCell(row + 1, column + 1);
        return cell ? portValue(cell) : null;
      },
    };
  }

  /** Applies one checked operation; returns its report line. */
  private run(op: PlannedOperation): string {
    return dispatch(this.handlers, op);
  }

  /** A record, not a switch: a kind the planner gains does not compile until it is applied here. */
  private readonly handlers: Handlers<PlannedOperation, string> = {
    addSheet: (op) => {
      this.workbook.addWorksheet(op.name);
      return op.change;
    },
    namedRange: (op) => {
      this.workbook.definedNames.add(`${quoteSheet(op.sheet)}!${absoluteAddress(op.range)}`, op.name);
      return op.change;
    },
    write: (op) => {
      const sheet = this.requireSheet(op.sheet);
      if (!op.range) return op.change;
      op.cells.forEach((row, r) =>
        row.forEach((planned, c) => {
          const cell = sheet.getCell(op.range!.top + r + 1, op.range!.left + c + 1);
          cell.value = planned.formula === null ? planned.value : { formula: planned.formula.slice(1) };
          if (planned.format) restyle(cell, { numFmt: planned.format });
          else if (planned.date && (cell.numFmt ?? "General") === "General") restyle(cell, { numFmt: DEFAULT_DATE_FORMAT });
        }),
      );
      return op.change;
    },
    numberFormat: (op) => {
      eachCell(this.requireSheet(op.sheet), op.range, (cell) => restyle(cell, { numFmt: op.format }));
      return op.change;
    },
    fill: (op) => {
      eachCell(this.requireSheet(op.sheet), op.range, (cell) => {
        if (op.colour === null) {
          const style: Partial<Style> = { ...cell.style };
          delete style.fill;
          cell.style = style;
        } else {
          restyle(cell, { fill: solidFill(op.colour) });
        }
      });
      return op.change;
    },
    font: (op) => {
      const sheet = this.requireSheet(op.sheet);
      const patch: Partial<Font> = {};
      if (op.bold !== undefined) patch.bold = op.bold;
      if (op.italic !== undefined) patch.italic = op.italic;
      if (op.colour !== undefined) patch.color = { argb: argb(op.colour) };
      eachCell(sheet, op.range, (cell) => restyle(cell, { font: { ...cell.font, ...patch } }));
      return op.change;
    },
    columnWidths: (op) => {
      const sheet = this.requireSheet(op.sheet);
      for (const w of op.widths) sheet.getColumn(w.column + 1).width = w.width;
      return op.change;
    },
    wrap: (op) => {
      eachCell(this.requireSheet(op.sheet), op.range, (cell) => restyle(cell, { alignment: { ...cell.alignment, wrapText: true, vertical: "top" } }));
      return op.change;
    },
    addTable: (op) => {
      this.addTable(this.requireSheet(op.sheet), op);
      return op.change;
    },
    conditionalFill: (op) => {
      addConditionalFill(this.requireSheet(op.sheet), op);
      return op.change;
    },
    listValidation: (op) => {
      const sheet = this.requireSheet(op.sheet);
      const formula =
        "list" in op.source ? `"${op.source.list.map((v) => v.replace(/"/g, '""')).join(",")}"` : op.source.reference;
      // One entry per cell, as exceljs keeps them; it joins equal neighbours into ranges when it writes the file.
      eachCell(sheet, op.range, (cell) => {
        cell.dataValidation = { type: "list", allowBlank: true, formulae: [formula], showErrorMessage: true };
      });
      return op.change;
    },
    lineChart: (op) => {
      const sheet = this.requireSheet(op.sheet);
      this.lineCharts.push({
        sheet: sheet.name,
        at: { row: op.at.top, column: op.at.left },
        title: op.title,
        categories: op.categories,
        series: op.series.map((s) => ({ name: s.name, values: s.values })),
      });
      return `Drew the line chart "${op.title.replace(/\s+/g, " ").trim()}" at ${qualifiedAddress(sheet.name, op.at)}, with ${op.series.length} series`;
    },
    freeze: (op) => {
      freeze(this.requireSheet(op.sheet), op.rows, op.columns);
      return op.change;
    },
  };

  private addTable(sheet: Worksheet, op: Extract<PlannedOperation, { kind: "addTable" }>): void {
    // exceljs writes a table's header and rows into the cells itself, so it is handed what the
    // cells already hold; styles are left alone.
    const rows: CellValue[][] = [];
    for (let r = op.range.top + 1; r <= op.range.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = op.range.left; c <= op.range.right; c++) row.push(sheet.getCell(r + 1, c + 1).value);
      rows.push(row);
    }
    sheet.addTable({
      name: op.name,
      ref: formatAddress({ top: op.range.top, left: op.range.left, bottom: op.range.top, right: op.range.left }),
      headerRow: true,
      totalsRow: false,
      // The planner has checked the name has the shape of a built-in style.
      style: { theme: op.style as TableStyleProperties["theme"], showRowStripes: true },
      columns: op.headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
}

const EXCEL_ERRORS = new Set(["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"]);

/** A calculated value as exceljs stores a formula's result; undefined for nothing to store. */
function cachedResult(value: unknown): number | string | boolean | { error: CellErrorValue["error"] } | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return EXCEL_ERRORS.has(value) ? { error: value as CellErrorValue["error"] } : value;
  return undefined;
}

function tablesOf(sheet: Worksheet): TableModel[] {
  return (sheet.getTables() as unknown as { table: TableModel }[]).map((t) => t.table);
}

function eachCell(sheet: Worksheet, range: Rect, change: (cell: Cell) => void): void {
  for (let r = range.top; r <= range.bottom; r++) {
    const row = sheet.getRow(r + 1);
    for (let c = range.left; c <= range.right; c++) change(row.getCell(c + 1));
  }
}

/**
 * Gives a cell a style of its own with `patch` applied. exceljs shares one style object among
 * every cell read from a file with the same style, so changing it in place would change them all.
 */
function restyle(cell: Cell, patch: Partial<Style>): void {
  cell.style = { ...cell.style, ...patch };
}

function argb(colour: string): string {
  return `FF${colour.slice(1).toUpperCase()}`;
}

function solidFill(colour: string): Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(colour) } };
}

function addConditionalFill(sheet: Worksheet, op: Extract<PlannedOperation, { kind: "conditionalFill" }>): void {
  const existing = (sheet as unknown as WithConditionalFormats).conditionalFormattings ?? [];
  const priority = 1 + maxOf(existing.flatMap((cf) => cf.rules.map((rule) => rule.priority ?? 0)), 0);
  const topLeft = formatAddress({ top: op.range.top, left: op.range.left, bottom: op.range.top, right: op.range.left });
  // Relative to the range's top-left cell, so each cell tests itself; "=" compares text ignoring
  // case, as the port asks. A differential fill keeps its colour in bgColor for Excel, and
  // fgColor is set as well for readers that look there.
  const colour = { argb: argb(op.fill) };
  const style: Partial<Style> = { fill: { type: "pattern", pattern: "solid", fgColor: colour, bgColor: colour } };
  if (op.font) style.font = { color: { argb: argb(op.font) } };
  sheet.addConditionalFormatting({
    ref: formatAddress(op.range),
    rules: [{ type: "expression", priority, formulae: [`${topLeft}="${op.text.replace(/"/g, '""')}"`], style }],
  });
}

function freeze(sheet: Worksheet, rows: number, columns: number): void {
  // Keep the view's other settings (active cell, selected tab, zoom); only the panes change.
  patchView(sheet, rows > 0 || columns > 0 ? { state: "frozen", xSplit: columns, ySplit: rows } : { state: "normal" }, [
    "xSplit",
    "ySplit",
    "topLeftCell",
  ]);
}

/**
 * Replaces a sheet's first view with a copy changed by `patch`, less the `drop` fields. Loosely
 * typed, because exceljs reads and writes fields its types leave out (tabSelected).
 */
function patchView(sheet: Worksheet, patch: Record<string, unknown>, drop: string[] = []): void {
  const view: Record<string, unknown> = { state: "normal", ...sheet.views[0] };
  for (const key of drop) delete view[key];
  Object.assign(view, patch);
  sheet.views = [view as unknown as WorksheetView, ...sheet.views.slice(1)];
}
