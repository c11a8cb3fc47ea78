/**
 * The memory adapter: a workbook held in plain objects, for tests and for the task pane's
 * browser preview (which renders a workbook without Excel). No Node or Office APIs. Batches are
 * checked by the planner every adapter shares (plan.ts).
 */
import type { SheetGrid } from "../../core/table";
import { MAX_COLUMNS, contains, formatAddress, grownTable, parseAddress, qualifiedAddress, quoteSheet, stopIfCancelled, type ReadOptions, type Rect } from "../../port";
import {
  DEFAULT_DATE_FORMAT,
  dispatch,
  headerText,
  planOperations,
  serialFromDate,
  type Handlers,
  type PlannedOperation,
  type Scalar,
  type WorkbookState,
} from "../../port";
import {
  uniqueSheetName,
  type ApplyReport,
  type Colour,
  type SheetInfo,
  type SheetRead,
  type TableInfo,
  type WorkbookOperation,
  type WorkbookPort,
} from "../../port";



// ---------------------------------------------------------------------------------------------
// The memory workbook

export interface CellFont {
  bold?: boolean;
  italic?: boolean;
  colour?: Colour;
}

/** One cell as the memory workbook holds it. */
export interface MemoryCell {
  /** The value; for a formula, its cached value (null until set with `setCachedValues`). */
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  fill: Colour | null;
  font: CellFont | null;
  /** Long text wraps within the cell, aligned to its top. */
  wrap?: boolean;
}

export interface MemoryTable {
  name: string;
  range: Rect;
  style: string;
}

export interface MemoryConditionalFill {
  range: Rect;
  text: string;
  fill: Colour;
  font?: Colour;
}

export interface MemoryListValidation {
  range: Rect;
  /** The allowed values, or the name or range they come from as a formula ("=RAGKey"). */
  source: string[] | string;
}

export interface MemoryLineChart {
  /** Top-left cell, "H2". */
  at: string;
  title: string;
  /** Qualified ranges: "Summary!B2:F2". */
  categories: string;
  series: { name: string; values: string }[];
}

export interface MemoryNamedRange {
  name: string;
  sheet: string;
  range: Rect;
}

const EMPTY_CELL: Readonly<MemoryCell> = Object.freeze({
  value: null,
  formula: null,
  numberFormat: "General",
  fill: null,
  font: null,
});

/**
 * One sheet of a memory workbook, for reading (tests, the browser preview). It is read-only:
 * a sheet changes only through `MemoryWorkbook.apply`, so every change is checked first.
 */
export interface MemorySheetView {
  readonly name: string;
  readonly tables: readonly Readonly<MemoryTable>[];
  readonly conditionalFills: readonly Readonly<MemoryConditionalFill>[];
  /** Newest last: a later validation over the same cells replaces an earlier one, as in Excel. */
  readonly validations: readonly Readonly<MemoryListValidation>[];
  readonly charts: readonly Readonly<MemoryLineChart>[];
  /** Column index → width in characters. */
  readonly columnWidths: ReadonlyMap<number, number>;
  /** Frozen rows and columns; zero when nothing is frozen. */
  readonly frozen: Readonly<{ rows: number; columns: number }>;
  /** A cell by 0-based row and column, or by address ("B2"); an empty cell when none is stored. */
  cell(rowOrAddress: number | string, column?: number): Readonly<MemoryCell>;
  /** Every stored cell with its 0-based position, in no particular order. */
  cells(): IterableIterator<{ row: number; column: number; cell: Readonly<MemoryCell> }>;
  /** The list validation of a cell, if any (the newest that covers it). */
  validationAt(address: string): Readonly<MemoryListValidation> | undefined;
  /**
   * The smallest rectangle around every cell with a value, a formula or a fill; null when there
   * is none. A number format or font alone does not count, as in the xlsx adapter.
   */
  usedRange(): Rect | null;
  /** A table's headers: its first row's text, as Excel keeps the two in step. */
  headersOf(table: Readonly<MemoryTable>): string[];
}

/** The mutable sheet behind a view; not exported, so nothing outside `apply` can change one. */
class MemorySheet implements MemorySheetView {
  /** Cells by `row * MAX_COLUMNS + column`: sparse, since a sheet is mostly empty. */
  private readonly store = new Map<number, MemoryCell>();
  readonly tables: MemoryTable[] = [];
  readonly conditionalFills: MemoryConditionalFill[] = [];
  readonly validations: MemoryListValidation[] = [];
  readonly charts: MemoryLineChart[] = [];
  readonly columnWidths = new Map<number, number>();
  frozen: { rows: number; columns: number } = { rows: 0, columns: 0 };

  constructor(readonly name: string) {}

  cell(rowOrAddress: number | string, column?: number): Readonly<MemoryCell> {
    let row: number;
    let col: number;
    if (typeof rowOrAddress === "string") {
      const rect = parseAddress(rowOrAddress);
      if (!rect) throw new Error(`"${rowOrAddress}" is not a cell.`);
      row = rect.top;
      col = rect.left;
    } else {
      row = rowOrAddress;
      col = column ?? 0;
    }
    return this.store.get(row * MAX_COLUMNS + col) ?? EMPTY_CELL;
  }

  *cells(): IterableIterator<{ row: number; column: number; cell: Readonly<MemoryCell> }> {
    for (const [key, cell] of this.store) yield { row: Math.floor(key / MAX_COLUMNS), column: key % MAX_COLUMNS, cell };
  }

  validationAt(address: string): MemoryListValidation | undefined {
    const cell = parseAddress(address);
    if (!cell) throw new Error(`"${address}" is not a cell.`);
    for (let i = this.validations.length - 1; i >= 0; i--)
      if (contains(this.validations[i]!.range, cell)) return this.validations[i];
    return undefined;
  }

  usedRange(): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.store) {
      if (cell.value === null && cell.formula === null && cell.fill === null) continue;
      const row = Math.floor(key / MAX_COLUMNS);
      const column = key % MAX_COLUMNS;
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (column < left) left = column;
      if (column > right) right = column;
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  headersOf(table: Readonly<MemoryTable>): string[] {
    const headers: string[] = [];
    for (let c = table.range.left; c <= table.range.right; c++) headers.push(headerText(this.cell(table.range.top, c).value));
    return headers;
  }

  /** The cell to change, created when missing. */
  edit(row: number, column: number): MemoryCell {
    const key = row * MAX_COLUMNS + column;
    let cell = this.store.get(key);
    if (!cell) {
      cell = { ...EMPTY_CELL };
      this.store.set(key, cell);
    }
    return cell;
  }

  /** Calls `change` for every cell of `range`. */
  editRange(range: Rect, change: (cell: MemoryCell) => void): void {
    for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) change(this.edit(r, c));
  }
}

/**
 * A workbook in memory implementing the port. It has no calculator: a formula cell's value is
 * its cached value, null until `setCachedValues` sets one (as `hnb calc` or a preview would), and
 * reset to null whenever the formula is written again.
 */
export class MemoryWorkbook implements WorkbookPort {
  private readonly sheetList: MemorySheet[] = [];
  private readonly nameList: MemoryNamedRange[] = [];
  private currentSelection: { sheet: string; address: string } | null = null;

  /** A workbook seeded from grids (pasted samples, a read file): names made valid and unique, values as they are, text never a formula. */
  static fromGrids(grids: readonly SheetGrid[]): MemoryWorkbook {
    const workbook = new MemoryWorkbook();
    for (const grid of grids) {
      const sheet = new MemorySheet(
        uniqueSheetName(
          grid.name,
          workbook.sheetList.map((s) => s.name),
        ),
      );
      workbook.sheetList.push(sheet);
      const origin = grid.origin ?? { row: 0, column: 0 };
      const height = Math.max(grid.values.length, grid.fills?.length ?? 0);
      for (let r = 0; r < height; r++) {
        const values = grid.values[r] ?? [];
        const fills = grid.fills?.[r] ?? [];
        const width = Math.max(values.length, fills.length);
        for (let c = 0; c < width; c++) {
          const value = seedValue(values[c]);
          const fill = typeof fills[c] === "string" && /^#[0-9A-Fa-f]{6}$/.test(fills[c]!) ? fills[c]!.toUpperCase() : null;
          if (value === null && fill === null) continue;
          const cell = sheet.edit(origin.row + r, origin.column + c);
          cell.value = value;
          cell.fill = fill;
        }
      }
    }
    return workbook;
  }

  /** Sheets in tab order. */
  get sheets(): readonly MemorySheetView[] {
    return this.sheetList;
  }

  get namedRanges(): readonly Readonly<MemoryNamedRange>[] {
    return this.nameList;
  }

  /** What `select` last chose: the sheet and the address as given. */
  get selection(): Readonly<{ sheet: string; address: string }> | null {
    return this.currentSelection;
  }

  /** A sheet by name, ignoring case as Excel does. */
  sheet(name: string): MemorySheetView | undefined {
    return this.find(name);
  }

  private find(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheetList.find((s) => s.name.toLowerCase() === lower);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheetList.map((sheet) => {
      const used = sheet.usedRange();
      const tables: TableInfo[] = sheet.tables.map((t) => ({
        name: t.name,
        address: formatAddress(t.range),
        headers: sheet.headersOf(t),
      }));
      return { name: sheet.name, usedRange: used ? formatAddress(used) : null, tables };
    });
  }

  async readSheets(names?: string[], options: ReadOptions = {}): Promise<SheetRead[]> {
    // Nothing to wait for in memory: a read cancelled before it starts reads nothing.
    stopIfCancelled(options.signal);
    const sheets = names === undefined ? this.sheetList : names.map((n) => this.requireSheet(n));
    return sheets.map(readSheet);
  }

  async apply(operations: WorkbookOperation[]): Promise<ApplyReport> {
    const plan = planOperations(this.state(), operations);
    for (const op of plan.operations) this.run(op);
    return { changes: plan.operations.map((op) => op.change), sheetsAdded: plan.sheetsAdded };
  }

  async select(sheet: string, address: string): Promise<void> {
    const target = this.sheet(sheet);
    if (!target) throw new Error(`Cannot select ${address}: there is no sheet called "${sheet}".`);
    if (!parseAddress(address))
      throw new Error(`Cannot select "${address}" on ${quoteSheet(target.name)}: it is not a cell or range.`);
    this.currentSelection = { sheet: target.name, address };
  }

  /**
   * Sets the cached values of formula cells from `at` (a block, as a write takes), as a calculator
   * would; cells without a formula, and null entries, are left alone.
   */
  setCachedValues(sheet: string, at: string, values: unknown[][]): void {
    const target = this.requireSheet(sheet);
    const start = parseAddress(at);
    if (!start) throw new Error(`"${at}" is not a cell.`);
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = target.cell(start.top + r, start.left + c);
        if (cell.formula === null || value === null || value === undefined) return;
        target.edit(start.top + r, start.left + c).value = seedValue(value);
      }),
    );
  }

  private requireSheet(name: string): MemorySheet {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`There is no sheet called "${name}".`);
    return sheet;
  }

  private state(): WorkbookState {
    return {
      sheets: this.sheetList.map((s) => s.name),
      tables: this.sheetList.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, name: t.name, range: t.range }))),
      names: this.nameList.map((n) => n.name),
      value: (sheet, row, column) => this.sheet(sheet)?.cell(row, column).value ?? null,
    };
  }

  private run(op: PlannedOperation): void {
    dispatch(this.handlers, op);
  }

  /** A record, not a switch: a kind the planner gains does not compile until it is applied here. */
  private readonly handlers: Handlers<PlannedOperation, void> = {
    addSheet: (op) => {
      this.sheetList.push(new MemorySheet(op.name));
    },
    namedRange: (op) => {
      this.nameList.push({ name: op.name, sheet: op.sheet, range: op.range });
    },
    write: (op) => {
      const sheet = this.requireSheet(op.sheet);
      if (!op.range) return;
      op.cells.forEach((row, r) =>
        row.forEach((planned, c) => {
          const cell = sheet.edit(op.range!.top + r, op.range!.left + c);
          cell.value = planned.value;
          cell.formula = planned.formula;
          if (planned.format) cell.numberFormat = planned.format;
          else if (planned.date && cell.numberFormat === "General") cell.numberFormat = DEFAULT_DATE_FORMAT;
        }),
      );
      // As Excel does: a table takes in what is written in the row under it or the column beside it.
      const range = op.range;
      for (const table of sheet.tables) {
        const grown = grownTable(table.range, range, (r, c) => {
          const p = op.cells[r - range.top]?.[c - range.left];
          return p !== undefined && (p.formula !== null || (p.value !== null && p.value !== ""));
        });
        if (grown) table.range = grown;
      }
    },
    numberFormat: (op) => {
      this.requireSheet(op.sheet).editRange(op.range, (cell) => (cell.numberFormat = op.format));
    },
    fill: (op) => {
      this.requireSheet(op.sheet).editRange(op.range, (cell) => (cell.fill = op.colour));
    },
    font: (op) => {
      const font: CellFont = {};
      if (op.bold !== undefined) font.bold = op.bold;
      if (op.italic !== undefined) font.italic = op.italic;
      if (op.colour !== undefined) font.colour = op.colour;
      this.requireSheet(op.sheet).editRange(op.range, (cell) => (cell.font = { ...cell.font, ...font }));
    },
    columnWidths: (op) => {
      const sheet = this.requireSheet(op.sheet);
      for (const w of op.widths) sheet.columnWidths.set(w.column, w.width);
    },
    wrap: (op) => {
      this.requireSheet(op.sheet).editRange(op.range, (cell) => (cell.wrap = true));
    },
    addTable: (op) => {
      const sheet = this.requireSheet(op.sheet);
      sheet.tables.push({ name: op.name, range: op.range, style: op.style });
      // Excel turns a table's headers into text; keep the cells and the headers the same.
      op.headers.forEach((header, i) => {
        const cell = sheet.edit(op.range.top, op.range.left + i);
        cell.value = header;
        cell.formula = null;
      });
    },
    conditionalFill: (op) => {
      const fill: MemoryConditionalFill = { range: op.range, text: op.text, fill: op.fill };
      if (op.font) fill.font = op.font;
      this.requireSheet(op.sheet).conditionalFills.push(fill);
    },
    listValidation: (op) => {
      this.requireSheet(op.sheet).validations.push({
        range: op.range,
        source: "list" in op.source ? [...op.source.list] : `=${op.source.reference}`,
      });
    },
    lineChart: (op) => {
      this.requireSheet(op.sheet).charts.push({
        at: formatAddress(op.at),
        title: op.title,
        categories: qualifiedAddress(op.categories.sheet, op.categories.range),
        series: op.series.map((s) => ({ name: s.name, values: qualifiedAddress(s.values.sheet, s.values.range) })),
      });
    },
    freeze: (op) => {
      this.requireSheet(op.sheet).frozen = { rows: op.rows, columns: op.columns };
    },
  };
}

/** A pasted or calculated value as a cell holds it: lenient, since seeds come from real files. */
function seedValue(value: unknown): Scalar {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialFromDate(value);
  return String(value);
}

function readSheet(sheet: MemorySheet): SheetRead {
  const used = sheet.usedRange();
  if (!used) return { name: sheet.name, values: [], fills: [], numberFormats: [], formulas: [], origin: { row: 0, column: 0 } };
  const values: unknown[][] = [];
  const fills: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = used.top; r <= used.bottom; r++) {
    const v: unknown[] = [];
    const f: (string | null)[] = [];
    const n: string[] = [];
    const x: (string | null)[] = [];
    for (let c = used.left; c <= used.right; c++) {
      const cell = sheet.cell(r, c);
      v.push(cell.value);
      f.push(cell.fill);
      n.push(cell.numberFormat);
      x.push(cell.formula);
    }
    values.push(v);
    fills.push(f);
    numberFormats.push(n);
    formulas.push(x);
  }
  return { name: sheet.name, values, fills, numberFormats, formulas, origin: { row: used.top, column: used.left } };
}
