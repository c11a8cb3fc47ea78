/**
 * `hnb calc`: work out every HNB formula in a workbook outside Excel and store the results as
 * the cells' cached values, so LibreOffice, previewers and programs that read .xlsx files show
 * the figures instead of #NAME?.
 *
 * The HNB functions are the add-in's own implementations (src/functions), called as Excel calls
 * them (callAsExcel, src/functions/call.ts): a range argument as a 2-D array of raw cell values,
 * an empty cell as null, an omitted optional argument as null, and core's HnbError thrown as
 * #VALUE! or #N/A. Everything else in a formula (cell and range references, other sheets, defined
 * names, table references, SUM, IF, COUNTIF…) is evaluated by fast-formula-parser (MIT), with the
 * HNB functions registered in it. A referenced formula cell is worked out first, recursively,
 * with a guard against circular references.
 *
 * What is written (see docs/excel-files.md for why):
 * - Each HNB formula keeps its cell and style, with the HNB calls written as Excel itself stores
 *   them, `_xldudf_HNB_RAG(F2)`, unless `formulaNames: "dotted"` asks for `HNB.RAG(F2)`. Its
 *   result is cached with its proper type: number, text, TRUE/FALSE or an error value.
 *   (LibreOffice 7.4 keeps only numbers and text: it recalculates cells caching TRUE/FALSE or an
 *   error, which then show #NAME?. Templates can show a check as text, IF(HNB.TOTALCHECK(…)=TRUE,…).)
 * - A result of more than one cell spills right and down from the formula, as in Excel 365. The
 *   formula cell holds an ordinary formula whose cached value is the first item, and every other
 *   cell of the spill a plain value. Not an array formula: LibreOffice ignores the cached values
 *   of array formulas and recalculates them, which shows #NAME? without the add-in. A spill that
 *   would cover a value, a formula or a table is blocked: the formula's cached value is #REF!
 *   (Excel shows #SPILL!, which older readers do not know).
 * - Where it wrote spilled values is recorded in defined names _HNB_SPILLS_1, _HNB_SPILLS_2…
 *   (one per sheet), so that the next run can tell its own spilled values from typed ones and
 *   clear those a smaller result no longer covers.
 * - Other formulas that use an HNB result (directly or through other cells) are worked out again
 *   and their cached values updated; formulas that do not are left exactly as they were.
 * - A formula that cannot be worked out here (a function fast-formula-parser lacks, such as
 *   XLOOKUP; a reference to another workbook) is left as it was and reported.
 */
import { maxOf, minOf } from "../core";
import { a1, columnLetters } from "../core/table";
import { OMITTED, callAsExcel, type ExcelHost } from "../functions";
import { MAX_COLUMNS, MAX_ROWS, absoluteAddress, contains, formatAddress, overlaps, parseReference, quoteSheet, type Rect } from "../port";
import { HNB_BY_ID, HNB_FUNCTIONS, NAMESPACE, callsHnb, calledFunctions, hnbId, tokenize, writeHnbNames, type HnbFunction } from "../formulas";
import type { CalcHost, HostSheet, HostTable, CalcValue } from "./host";

export { HNB_FUNCTIONS, callsHnb, calledFunctions, hnbId, tokenize, writeHnbNames, type HnbFunction } from "../formulas";

// ---------------------------------------------------------------------------------------------
// Options and report

export interface CalcOptions {
  /**
   * How HNB calls are written back: "excel" (default), as Excel stores an add-in's functions in a
   * file, `_xldudf_HNB_RAG(F2)`; or "dotted", `HNB.RAG(F2)` as typed.
   */
  formulaNames?: "excel" | "dotted";
}

/** A cell the report is about. */
export interface CalcCell {
  /** "'Savings Plan'!F12" */
  location: string;
  /** The formula as it was in the file, without "=". */
  formula: string;
}

export interface CalcError extends CalcCell {
  /** The error value cached: "#VALUE!", "#N/A"… */
  value: string;
  /** Why, as the function said it (Excel shows this when the cell is selected). */
  message: string;
}

export interface CalcSpill extends CalcCell {
  /** "'DSG Budget'!F12:J12" */
  range: string;
  rows: number;
  columns: number;
}

export interface CalcReport {
  /** HNB formulas worked out and written (those with an error value included). */
  formulas: number;
  /** Other formulas that use HNB results, worked out again and written. */
  dependents: number;
  /** Formulas (HNB, or using HNB results) whose result is an error value. */
  errors: CalcError[];
  spills: CalcSpill[];
  /** Formulas that could not be worked out here: left as they were. */
  unresolved: (CalcCell & { reason: string })[];
  /** Cells spilled by an earlier run that no result covers now, emptied. */
  cleared: number;
}

// ---------------------------------------------------------------------------------------------
// fast-formula-parser, as far as it is used here (the package has no types)

interface FfpPosition {
  sheet: string;
  row: number;
  col: number;
}
interface FfpCellRef {
  sheet?: string;
  row: number;
  col: number;
}
interface FfpRangeRef {
  sheet?: string;
  from: { row: number | null; col: number | null };
  to: { row: number | null; col: number | null };
}
interface FfpArgument {
  value: unknown;
  isArray: boolean;
  isRangeRef?: boolean;
  isCellRef?: boolean;
  omitted?: boolean;
  /** Where the argument came from, for the functions listed in the parser's funsPreserveRef. */
  ref?: FfpCellRef | FfpRangeRef;
}
interface FfpError extends Error {
  readonly error: string;
  readonly details?: unknown;
}
interface FfpParser {
  parse(formula: string, position: FfpPosition, allowReturnArray?: boolean): unknown;
}
interface FfpModule {
  new (config: {
    functions: Record<string, (...args: FfpArgument[]) => unknown>;
    onCell: (ref: FfpCellRef) => unknown;
    onRange: (ref: FfpRangeRef) => unknown[][];
    onVariable: (name: string, sheet: string) => unknown;
  }): FfpParser;
  FormulaError: new (code: string, message?: string, details?: unknown) => FfpError;
  MAX_ROW: number;
  MAX_COLUMN: number;
}

let ffp: FfpModule | undefined;
function formulaParser(): FfpModule {
  // Loaded on first use: `hnb --help` and `hnb check` need not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ffp ??= require("fast-formula-parser") as FfpModule;
  return ffp;
}

// ---------------------------------------------------------------------------------------------
// The workbook as the engine sees it

// Rows and columns are 0-based, blocks the port's Rects; fast-formula-parser's are 1-based, and
// are converted where it calls in (readCell, readRange) and is called (evaluate).

interface SheetModel {
  name: string;
  /** Plain values by key (not formulas). */
  values: Map<number, unknown>;
  formulas: Map<number, FormulaCell>;
  /** Cells an earlier spill filled (from the ledger names, or an array formula's range): free to spill into. */
  stale: Set<number>;
  /** Cells filled by a spill in this run. */
  spilled: Map<number, { value: unknown; anchor: FormulaCell }>;
  /** Formula cells that may spill and are not worked out yet, for readers of cells below and to the right. */
  pendingAnchors: FormulaCell[];
  tables: readonly HostTable[];
  /** The last row and column holding anything; -1 for none. */
  maxRow: number;
  maxCol: number;
}

interface FormulaCell {
  sheet: SheetModel;
  row: number;
  col: number;
  /** As stored, without "=" (a shared formula translated to this cell). */
  text: string;
  hnb: boolean;
  /** The range of an array formula in the file. */
  arrayArea: Rect | null;
  cached: unknown;
  state: "pending" | "busy" | "done";
  /** What other formulas read from this cell. */
  value: unknown;
  /** Uses an HNB result, or is an HNB formula. */
  tainted: boolean;
  /** Why it could not be worked out. */
  failure: string | null;
  errorMessage: string;
  spill: Rect | null;
}

const key = (row: number, col: number) => row * MAX_COLUMNS + col;

/** Defined names where a run records the cells it spilled into, one per sheet. */
export const LEDGER_NAME = "_HNB_SPILLS";
const LEDGER = /^_HNB_SPILLS(?:_\d+)?$/i;

/** How deep formulas may refer to formulas before the evaluation restarts from the deepest. */
const MAX_DEPTH = 48;

class Cycle {
  /** The cells of the circle, as the error unwinds through them. */
  readonly members: FormulaCell[] = [];
  constructor(readonly cell: FormulaCell) {}
}
class TooDeep {
  /** The cells it unwound through: the chain that led to `cell`. */
  readonly path: FormulaCell[] = [];
  constructor(readonly cell: FormulaCell) {}
}

// ---------------------------------------------------------------------------------------------
// The engine

/**
 * Works out every HNB formula of the workbook `host` gives and the formulas that use their
 * results, and writes them through it; see the file comment for what is written. For an exceljs
 * workbook, src/adapters/xlsx's `calculateWorkbook`.
 */
export function calculate(host: CalcHost, options: CalcOptions = {}): CalcReport {
  return new Engine(host, options).run();
}

class Engine {
  private readonly FP = formulaParser();
  private readonly sheets: SheetModel[] = [];
  private readonly sheetsByName = new Map<string, SheetModel>();
  private readonly names = new Map<string, { sheet: string; area: Rect }[]>();
  private readonly parsers: FfpParser[] = [];
  private readonly frames: FormulaCell[] = [];
  private depth = 0;

  constructor(
    private readonly host: CalcHost,
    private readonly options: CalcOptions,
  ) {
    host.sheets.forEach((source) => {
      const sheet = this.loadSheet(source);
      this.sheets.push(sheet);
      this.sheetsByName.set(sheet.name.toLowerCase(), sheet);
    });
    this.loadNames();
  }

  run(): CalcReport {
    const all = this.sheets.flatMap((s) => [...s.formulas.values()].sort((a, b) => a.row - b.row || a.col - b.col));
    for (const cell of all) this.settle(cell);
    return this.write(all);
  }

  // -- Loading ---------------------------------------------------------------------------------

  private loadSheet(source: HostSheet): SheetModel {
    const sheet: SheetModel = {
      name: source.name,
      values: new Map(),
      formulas: new Map(),
      stale: new Set(),
      spilled: new Map(),
      pendingAnchors: [],
      tables: source.tables,
      maxRow: -1,
      maxCol: -1,
    };
    for (const cell of source.cells()) {
      const { row, column } = cell;
      const k = key(row, column);
      if (cell.formula !== undefined) {
        const text = cell.formula;
        const arrayArea = cell.arrayRange ?? null;
        const formula: FormulaCell = {
          sheet,
          row,
          col: column,
          text,
          hnb: callsHnb(text),
          arrayArea,
          cached: this.engineValue(cell.value),
          state: "pending",
          value: null,
          tainted: false,
          failure: null,
          errorMessage: "",
          spill: null,
        };
        sheet.formulas.set(k, formula);
        if (formula.hnb && (arrayArea || mayReturnArray(text))) sheet.pendingAnchors.push(formula);
        // An HNB array formula's other cells hold its last results: a spill, free to be refilled.
        if (formula.hnb && arrayArea) {
          forEachCell(arrayArea, (r, c) => {
            if (r !== row || c !== column) sheet.stale.add(key(r, c));
          });
        }
      } else {
        const value = this.engineValue(cell.value);
        if (value === null) continue;
        sheet.values.set(k, value);
      }
      sheet.maxRow = Math.max(sheet.maxRow, row);
      sheet.maxCol = Math.max(sheet.maxCol, column);
    }
    sheet.pendingAnchors.sort((a, b) => a.row - b.row || a.col - b.col);
    return sheet;
  }

  private loadNames(): void {
    for (const { name, ranges } of this.host.names) {
      const areas = ranges.map(parseQualifiedArea);
      if (LEDGER.test(name)) {
        for (const a of areas) {
          const sheet = a && this.sheetsByName.get(a.sheet.toLowerCase());
          if (!a || !sheet) continue;
          forEachCell(a.area, (r, c) => {
            if (!sheet.formulas.has(key(r, c))) sheet.stale.add(key(r, c));
          });
        }
        continue;
      }
      if (areas.every((a) => a !== null)) this.names.set(name.toLowerCase(), areas as { sheet: string; area: Rect }[]);
    }
  }

  /** A cell value as formulas see it: error values as fast-formula-parser's. */
  private engineValue(value: CalcValue): unknown {
    if (value !== null && typeof value === "object") return new this.FP.FormulaError(value.error);
    return value;
  }

  // -- Evaluation ------------------------------------------------------------------------------

  /** Works out a formula cell and everything it needs, however deep the chain. */
  private settle(target: FormulaCell): void {
    const stack = [target];
    /** paths[i]: the chain of formulas from stack[i] that went too deep. */
    const paths: FormulaCell[][] = [];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.state === "done") {
        stack.pop();
        paths.length = Math.max(0, stack.length - 1);
        continue;
      }
      try {
        this.evaluate(top);
      } catch (thrown) {
        if (!(thrown instanceof TooDeep)) throw thrown;
        const at = stack.indexOf(thrown.cell);
        if (at < 0) {
          paths[stack.length - 1] = thrown.path;
          stack.push(thrown.cell);
        } else {
          // The chain came back to a cell still waiting: a circular reference longer than MAX_DEPTH.
          // Its cells on the stack become errors; the rest of the circle reads those.
          const circle = stack.slice(at);
          for (const cell of circle) this.finishWithError(cell, "#VALUE!", CIRCULAR);
          const members = [...paths.slice(at).flat(), ...thrown.path];
          if (members.some((c) => c.hnb)) for (const cell of circle) cell.tainted = true;
        }
      }
    }
  }

  /** The value of a formula cell for a reader; works it out first if need be. */
  private demand(cell: FormulaCell): unknown {
    if (cell.state === "busy") throw new Cycle(cell);
    if (cell.state === "pending") {
      if (this.depth >= MAX_DEPTH) throw new TooDeep(cell);
      this.evaluate(cell);
    }
    const reader = this.frames[this.frames.length - 1];
    if (reader && cell.tainted) reader.tainted = true;
    return cell.value;
  }

  private evaluate(cell: FormulaCell): void {
    cell.state = "busy";
    cell.tainted = cell.hnb;
    this.frames.push(cell);
    this.depth++;
    let raw: unknown;
    try {
      const text = this.evaluationText(cell);
      raw = this.parserAt(this.depth - 1).parse(text, { sheet: cell.sheet.name, row: cell.row + 1, col: cell.col + 1 }, true);
    } catch (thrown) {
      const inner = unwrap(thrown);
      if (inner instanceof TooDeep) {
        cell.state = "pending";
        inner.path.push(cell);
        throw inner;
      }
      if (inner instanceof Cycle) {
        this.finishWithError(cell, "#VALUE!", CIRCULAR);
        inner.members.push(cell);
        if (inner.cell !== cell) throw inner;
        // Every cell of a circle through an HNB formula is reported and written.
        if (inner.members.some((m) => m.hnb)) for (const m of inner.members) m.tainted = true;
        return;
      }
      this.fail(cell, describeFailure(inner));
      return;
    } finally {
      this.frames.pop();
      this.depth--;
    }
    this.finish(cell, raw);
  }

  private parserAt(depth: number): FfpParser {
    // One parser per nesting level: a parse cannot start while another on the same parser runs.
    let parser = this.parsers[depth];
    if (!parser) {
      parser = new this.FP({
        functions: this.hnbFunctions(),
        onCell: (ref) => this.readCell(ref),
        onRange: (ref) => this.readRange(ref),
        // Names of ranges are replaced before parsing (evaluationText); anything else named is
        // not one exceljs keeps (a constant, a formula) or not defined at all.
        onVariable: (name) => {
          throw new Unsupported(`the name ${name} is not a cell range in this workbook`);
        },
      });
      // The functions that name cells in their messages are given where their arguments are, as
      // Excel gives invocation.parameterAddresses: the parser keeps the reference of their arguments.
      const keepsRef = (parser as unknown as { funsPreserveRef?: string[] }).funsPreserveRef;
      if (Array.isArray(keepsRef)) for (const spec of HNB_FUNCTIONS) if (spec.parameterAddresses) keepsRef.push(`${NAMESPACE}.${spec.id}`, `_XLDUDF_${NAMESPACE}_${spec.id}`);
      this.parsers[depth] = parser;
    }
    return parser;
  }

  private finish(cell: FormulaCell, raw: unknown): void {
    const result = this.normalise(raw);
    if (result.kind === "failure") {
      this.fail(cell, result.reason);
      return;
    }
    let value: unknown;
    if (result.kind === "grid") {
      const grid = result.grid;
      if (grid.length === 1 && grid[0]!.length === 1) value = grid[0]![0];
      else if (cell.hnb) value = this.place(cell, grid);
      else value = grid[0]![0]; // an ordinary formula in a file from before dynamic arrays: its first value
    } else {
      value = result.value;
    }
    cell.value = value;
    if (this.isError(value)) cell.errorMessage ||= (value as FfpError).message || "";
    cell.state = "done";
    this.anchorDone(cell);
  }

  private fail(cell: FormulaCell, reason: string): void {
    cell.failure = reason;
    cell.value = cell.cached;
    cell.state = "done";
    this.anchorDone(cell);
  }

  private finishWithError(cell: FormulaCell, code: string, message: string): void {
    cell.value = new this.FP.FormulaError(code, message);
    cell.errorMessage = message;
    cell.state = "done";
    this.anchorDone(cell);
  }

  private anchorDone(cell: FormulaCell): void {
    const pending = cell.sheet.pendingAnchors;
    const i = pending.indexOf(cell);
    if (i >= 0) pending.splice(i, 1);
  }

  /** Puts a spilling result in place; the anchor's value, or #REF! when the spill is blocked. */
  private place(anchor: FormulaCell, grid: unknown[][]): unknown {
    const sheet = anchor.sheet;
    const area: Rect = {
      top: anchor.row,
      left: anchor.col,
      bottom: anchor.row + grid.length - 1,
      right: anchor.col + grid[0]!.length - 1,
    };
    const size = `${grid.length}×${grid[0]!.length}`;
    if (area.bottom >= MAX_ROWS || area.right >= MAX_COLUMNS) {
      return this.spillError(`The result (${size}) would spill off the edge of the sheet.`);
    }
    const table = sheet.tables.find((t) => overlaps(t.range, area));
    if (table) {
      return this.spillError(`The result (${size}) would spill into the table ${table.name}: Excel does not spill into tables (it shows #SPILL!).`);
    }
    let blocker: string | null = null;
    forEachCell(area, (r, c) => {
      if (blocker || (r === anchor.row && c === anchor.col)) return;
      const k = key(r, c);
      const typed = sheet.values.has(k) && !sheet.stale.has(k);
      if (sheet.formulas.has(k) || typed || sheet.spilled.has(k)) blocker = a1(r, c);
    });
    if (blocker) {
      return this.spillError(
        `The result (${size}) would spill into ${blocker}, which is not empty: clear ${formatAddress(area)} apart from this cell. (Excel shows #SPILL!.)`,
      );
    }
    forEachCell(area, (r, c) => {
      if (r === anchor.row && c === anchor.col) return;
      sheet.spilled.set(key(r, c), { value: grid[r - area.top]![c - area.left], anchor });
    });
    sheet.maxRow = Math.max(sheet.maxRow, area.bottom);
    sheet.maxCol = Math.max(sheet.maxCol, area.right);
    anchor.spill = area;
    return grid[0]![0];
  }

  private spillError(message: string): FfpError {
    return new this.FP.FormulaError("#REF!", message);
  }

  // -- Reading cells ---------------------------------------------------------------------------

  private sheetFor(name: string | undefined): SheetModel | undefined {
    return name === undefined ? undefined : this.sheetsByName.get(name.toLowerCase());
  }

  private readCell(ref: FfpCellRef): unknown {
    const sheet = this.sheetFor(ref.sheet);
    if (!sheet) return new this.FP.FormulaError("#REF!", `There is no sheet "${ref.sheet}".`);
    if (!ref.row || !ref.col) return new this.FP.FormulaError("#VALUE!", "A whole row or column is not one cell.");
    return this.valueAt(sheet, ref.row - 1, ref.col - 1);
  }

  private readRange(ref: FfpRangeRef): unknown[][] {
    const sheet = this.sheetFor(ref.sheet);
    if (!sheet) return [[new this.FP.FormulaError("#REF!", `There is no sheet "${ref.sheet}".`)]];
    const top = (ref.from.row ?? 1) - 1;
    const left = (ref.from.col ?? 1) - 1;
    // Whole columns and rows ("A:A", "2:2") stop at the last used row or column.
    let bottom = (ref.to.row ?? MAX_ROWS) - 1;
    let right = (ref.to.col ?? MAX_COLUMNS) - 1;
    this.settleAnchors(sheet, bottom, right);
    if (bottom >= MAX_ROWS - 1) bottom = Math.max(top, sheet.maxRow);
    if (right >= MAX_COLUMNS - 1) right = Math.max(left, sheet.maxCol);
    const rows: unknown[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row: unknown[] = [];
      for (let c = left; c <= right; c++) row.push(this.valueAt(sheet, r, c, true));
      rows.push(row);
    }
    return rows;
  }

  /** `settled`: the formulas that could spill here are already worked out. */
  private valueAt(sheet: SheetModel, row: number, col: number, settled = false): unknown {
    const k = key(row, col);
    const formula = sheet.formulas.get(k);
    if (formula) return this.demand(formula);
    if (!settled) this.settleAnchors(sheet, row, col);
    const spilled = sheet.spilled.get(k);
    if (spilled) {
      const reader = this.frames[this.frames.length - 1];
      if (reader && spilled.anchor.tainted) reader.tainted = true;
      return spilled.value;
    }
    if (sheet.stale.has(k)) return null;
    return sheet.values.get(k) ?? null;
  }

  /** Works out the formulas that could spill into (row, col) before it is read. */
  private settleAnchors(sheet: SheetModel, row: number, col: number): void {
    for (const anchor of [...sheet.pendingAnchors]) {
      if (anchor.row <= row && anchor.col <= col && anchor.state === "pending") this.demand(anchor);
    }
  }

  // -- The HNB functions inside fast-formula-parser ---------------------------------------------

  private hnbFunctions(): Record<string, (...args: FfpArgument[]) => unknown> {
    const table: Record<string, (...args: FfpArgument[]) => unknown> = {};
    for (const spec of HNB_FUNCTIONS) {
      const call = (...args: FfpArgument[]) => this.callHnb(spec, args);
      table[`${NAMESPACE}.${spec.id}`] = call;
      table[`_XLDUDF_${NAMESPACE}_${spec.id}`] = call;
    }
    return table;
  }

  private callHnb(spec: HnbFunction, args: FfpArgument[]): unknown {
    const reader = this.frames[this.frames.length - 1];
    if (reader) reader.tainted = true;
    return callAsExcel(
      spec,
      args.map((arg) => (arg.omitted ? OMITTED : { value: arg.value, ...(arg.ref ? { address: addressOf(arg.ref) } : {}) })),
      this.excelHost,
    );
  }

  private readonly excelHost: ExcelHost<FfpError> = {
    isError: (value): value is FfpError => this.isError(value),
    error: (code, message) => new this.FP.FormulaError(code, message),
  };

  // -- Results ---------------------------------------------------------------------------------

  private isError(value: unknown): value is FfpError {
    return value instanceof this.FP.FormulaError;
  }

  private normalise(
    raw: unknown,
  ): { kind: "value"; value: unknown } | { kind: "grid"; grid: unknown[][] } | { kind: "failure"; reason: string } {
    if (this.isError(raw) && raw.error === "#ERROR!") return { kind: "failure", reason: describeFailure(raw) };
    if (Array.isArray(raw)) {
      const rows = raw.map((row: unknown) => (Array.isArray(row) ? row : [row]));
      const width = maxOf(rows.map((r) => r.length), 0);
      if (rows.length === 0 || width === 0) return { kind: "value", value: new this.FP.FormulaError("#VALUE!", "The result is empty.") };
      const grid = rows.map((row) =>
        Array.from({ length: width }, (_, c) => (c < row.length ? this.scalar(row[c]) : new this.FP.FormulaError("#N/A"))),
      );
      return { kind: "grid", grid };
    }
    return { kind: "value", value: this.scalar(raw) };
  }

  /** One result value as a cell holds it: null is 0, as Excel shows an empty result. */
  private scalar(value: unknown): unknown {
    if (value === null || value === undefined) return 0;
    if (typeof value === "number") {
      if (Number.isNaN(value)) return new this.FP.FormulaError("#VALUE!");
      if (!Number.isFinite(value)) return new this.FP.FormulaError("#NUM!");
      return value + 0; // no -0
    }
    if (typeof value === "string" || typeof value === "boolean" || this.isError(value)) return value;
    return new this.FP.FormulaError("#VALUE!", "The result is not a value a cell can hold.");
  }

  // -- Names and table references --------------------------------------------------------------

  /** The formula with defined names and table references replaced by plain references. */
  private evaluationText(cell: FormulaCell): string {
    const tokens = tokenize(cell.text);
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      const previous = tokens[i - 1];
      if (t.kind === "bracket") {
        if (previous?.kind === "sheet" || /^\[\d+\]/.test(t.text)) {
          throw new Unsupported("it refers to another workbook");
        }
        // An unqualified table reference ([@Status]): the table holding the formula.
        const here = { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col };
        const table = cell.sheet.tables.find((tb) => contains(tb.range, here));
        if (!table) throw new Unsupported(`${t.text} is not inside a table`);
        out.push(this.tableReference(table, t.text, cell));
        continue;
      }
      if (t.kind !== "name" || next?.text === "(" || previous?.kind === "sheet") {
        out.push(t.text);
        continue;
      }
      const table = this.tableNamed(t.text);
      if (table && next?.kind === "bracket") {
        out.push(this.tableReference(table, next.text, cell));
        i++;
        continue;
      }
      if (table) {
        out.push(this.tableReference(table, "[#Data]", cell));
        continue;
      }
      const named = this.names.get(t.text.toLowerCase());
      if (named) {
        const refs = named.map((n) => quotedReference(n.sheet, n.area));
        out.push(refs.length === 1 ? refs[0]! : `(${refs.join(",")})`);
        continue;
      }
      out.push(t.text);
    }
    return out.join("");
  }

  private tableNamed(name: string): { table: HostTable; sheet: SheetModel } | undefined {
    const lower = name.toLowerCase();
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === lower);
      if (table) return { table, sheet };
    }
    return undefined;
  }

  private tableReference(found: { table: HostTable; sheet: SheetModel } | HostTable, bracket: string, cell: FormulaCell): string {
    const { table, sheet } = "table" in found ? found : { table: found, sheet: cell.sheet };
    const area = resolveTableReference(table, bracket, cell.sheet === sheet ? cell.row : -1);
    if (typeof area === "string") return area; // an error literal
    return quotedReference(sheet.name, area);
  }

  // -- Writing ---------------------------------------------------------------------------------

  private write(all: FormulaCell[]): CalcReport {
    const report: CalcReport = { formulas: 0, dependents: 0, errors: [], spills: [], unresolved: [], cleared: 0 };
    const style = this.options.formulaNames ?? "excel";
    for (const cell of all) {
      // Ordinary formulas are rewritten only when they use HNB results or hold no result yet (a
      // workbook written by a program, such as hnb demo's SUMs, has none until something works them out).
      if (!cell.hnb && !cell.tainted && cell.cached !== null) continue;
      const location = `${quoteSheet(cell.sheet.name)}!${a1(cell.row, cell.col)}`;
      if (cell.failure !== null) {
        report.unresolved.push({ location, formula: cell.text, reason: cell.failure });
        continue;
      }
      // An ordinary formula that was an array formula keeps its form, which this does not redo.
      if (!cell.hnb && cell.arrayArea) {
        report.unresolved.push({ location, formula: cell.text, reason: "it is an array formula that uses HNB results" });
        continue;
      }
      const formula = cell.hnb ? writeHnbNames(cell.text, style) : cell.text;
      this.host.setFormula(cell.sheet.name, cell.row, cell.col, formula, this.cellValue(cell.value));
      if (cell.hnb) report.formulas++;
      else report.dependents++;
      if (this.isError(cell.value)) {
        report.errors.push({ location, formula: cell.text, value: cell.value.error, message: cell.errorMessage || cell.value.message || "" });
      }
      if (cell.spill) {
        const s = cell.spill;
        report.spills.push({
          location,
          formula: cell.text,
          range: `${quoteSheet(cell.sheet.name)}!${formatAddress(s)}`,
          rows: s.bottom - s.top + 1,
          columns: s.right - s.left + 1,
        });
      }
    }
    for (const sheet of this.sheets) {
      for (const [k, { value }] of sheet.spilled) {
        const { row, col } = unkey(k);
        this.host.setValue(sheet.name, row, col, this.cellValue(value));
      }
      for (const k of sheet.stale) {
        if (sheet.spilled.has(k) || sheet.formulas.has(k)) continue;
        const { row, col } = unkey(k);
        if (this.host.clear(sheet.name, row, col)) report.cleared++;
      }
    }
    this.writeLedger();
    return report;
  }

  /** A value as the host writes it. */
  private cellValue(value: unknown): CalcValue {
    if (this.isError(value)) return { error: value.error };
    if (value === null || value === undefined) return 0;
    return value as CalcValue;
  }

  private writeLedger(): void {
    const ledger: { name: string; reference: string }[] = [];
    let n = 0;
    for (const sheet of this.sheets) {
      const spills = [...sheet.formulas.values()].filter((f) => f.spill).map((f) => f.spill!);
      if (spills.length === 0) continue;
      n++;
      for (const s of spills) {
        // Just the spilled cells, not the formula cell.
        const rest: Rect[] = [];
        if (s.right > s.left) rest.push({ top: s.top, left: s.left + 1, bottom: s.top, right: s.right });
        if (s.bottom > s.top) rest.push({ top: s.top + 1, left: s.left, bottom: s.bottom, right: s.right });
        for (const area of rest) ledger.push({ name: `${LEDGER_NAME}_${n}`, reference: quotedReference(sheet.name, area) });
      }
    }
    this.host.replaceNames((name) => LEDGER.test(name), ledger);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const CIRCULAR = "Circular reference: this formula depends on its own result.";

class Unsupported extends Error {}

function unwrap(thrown: unknown): unknown {
  const details = (thrown as { details?: unknown } | null)?.details;
  if (details instanceof Cycle || details instanceof TooDeep || details instanceof Unsupported) return details;
  return thrown;
}

/** Why a formula could not be worked out, in a line. */
function describeFailure(thrown: unknown): string {
  if (thrown instanceof Unsupported) return thrown.message;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const missing = /Function (\S+) is not implemented/.exec(message);
  if (missing) {
    const id = hnbId(missing[1]!);
    if (id !== null) return `${NAMESPACE}.${id} is not an HNB function`;
    return `hnb calc cannot work out ${missing[1]!.replace(/^_xlfn\./i, "")}`;
  }
  if (/Error at position|Expecting|Redundant input/i.test(message)) return "hnb calc cannot read this formula";
  return message.replace(/\s+/g, " ").trim() || "hnb calc cannot work this formula out";
}

/** Whether a formula calls a function that may return more than one cell. */
function mayReturnArray(text: string): boolean {
  return calledFunctions(text).some((name) => {
    const id = hnbId(name);
    return id !== null && HNB_BY_ID.get(id)?.result === "matrix";
  });
}

function unkey(k: number): { row: number; col: number } {
  return { row: Math.floor(k / MAX_COLUMNS), col: k % MAX_COLUMNS };
}

function forEachCell(area: Rect, visit: (row: number, col: number) => unknown): void {
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) visit(r, c);
}

/** "'RAG Key'!$A$2:$C$6" as sheet and block; null for anything else, or a reference without a sheet. */
function parseQualifiedArea(text: string): { sheet: string; area: Rect } | null {
  const reference = parseReference(text);
  return reference?.sheet === undefined ? null : { sheet: reference.sheet, area: reference.range };
}

/** "'Savings Plan'!$F$2:$F$9": always quoted, which every reader (fast-formula-parser too) accepts. */
function quotedReference(sheet: string, area: Rect): string {
  return `'${sheet.replace(/'/g, "''")}'!${absoluteAddress(area)}`;
}

// ---------------------------------------------------------------------------------------------
// Excel tables

/**
 * The area a table reference names: `[Status]`, `[[#Data],[Status]]`, `[[Start]:[End]]`,
 * `[#All]`, `[#Headers]`, `[#Totals]`, `[@Status]`, `[[#This Row],[Status]]`… `row` is the
 * formula's row, for "this row". A reference that names nothing gives "#REF!".
 */
export function resolveTableReference(
  table: Pick<HostTable, "range" | "headerRow" | "totalsRow" | "columns">,
  bracket: string,
  row: number,
): Rect | "#REF!" | "#VALUE!" {
  const inner = bracket.replace(/^\[/, "").replace(/\]$/, "");
  const specials = new Set<string>();
  const columns: string[] = [];
  const addColumns = (text: string) => {
    // "[Start]:[End]" or "Status", ' escaping the next character.
    const parts = text.split(/\]\s*:\s*\[/);
    for (const part of parts) columns.push(unescapeColumn(part.replace(/^\[/, "").replace(/\]$/, "")));
  };
  if (inner.startsWith("@")) {
    specials.add("#this row");
    const rest = inner.slice(1).trim();
    if (rest) addColumns(rest.startsWith("[") ? rest : `[${rest}]`);
  } else if (inner.startsWith("#")) {
    specials.add(inner.trim().toLowerCase());
  } else if (inner.trim().startsWith("[")) {
    for (const item of splitItems(inner)) {
      if (item.startsWith("[#")) specials.add(item.slice(1, -1).trim().toLowerCase());
      else addColumns(item);
    }
  } else if (inner.trim() !== "") {
    columns.push(unescapeColumn(inner));
  }

  const { range: area, headerRow, totalsRow } = table;
  const dataTop = area.top + (headerRow ? 1 : 0);
  const dataBottom = area.bottom - (totalsRow ? 1 : 0);
  const rows: [number, number][] = [];
  if (specials.size === 0) specials.add("#data");
  for (const s of specials) {
    if (s === "#all") rows.push([area.top, area.bottom]);
    else if (s === "#data") rows.push([dataTop, dataBottom]);
    else if (s === "#headers") {
      if (!headerRow) return "#REF!";
      rows.push([area.top, area.top]);
    } else if (s === "#totals") {
      if (!totalsRow) return "#REF!";
      rows.push([area.bottom, area.bottom]);
    } else if (s === "#this row") {
      if (row < dataTop || row > dataBottom) return "#VALUE!";
      rows.push([row, row]);
    } else return "#REF!";
  }
  const top = minOf(rows.map((r) => r[0]));
  const bottom = maxOf(rows.map((r) => r[1]));
  if (bottom < top) return "#REF!";
  let left = area.left;
  let right = area.right;
  if (columns.length > 0) {
    const indices = columns.map((name) => table.columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase()));
    if (indices.some((i) => i < 0)) return "#REF!";
    left = area.left + minOf(indices);
    right = area.left + maxOf(indices);
  }
  return { top, left, bottom, right };
}

/** "[#This Row],[Status]" → ["[#This Row]", "[Status]"]; "[Start]:[End]" stays one item. */
function splitItems(inner: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === "'" && i + 1 < inner.length) {
      current += ch + inner[++i];
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

function unescapeColumn(name: string): string {
  return name.replace(/'(.)/g, "$1");
}

/** The top-left cell of a reference the parser kept, as Excel gives an address ("Plan!H2"). */
function addressOf(ref: FfpCellRef | FfpRangeRef): string | undefined {
  const at = "from" in ref ? ref.from : ref;
  if (at.row === null || at.col === null) return undefined;
  return `${ref.sheet ? `'${ref.sheet.replace(/'/g, "''")}'!` : ""}${columnLetters(at.col - 1)}${at.row}`;
}
