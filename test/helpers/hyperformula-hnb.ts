/*
 * HyperFormula (GPL-3.0 — tests only, never shipped) as a stand-in for Excel's calculation
 * engine: every function of the registry is registered as HNB.<ID> and called the way Excel
 * calls an add-in's function, so tests can type formulas into cells, let results spill and point
 * other formulas at spilled cells.
 *
 * Nothing here lists the functions by hand: the plugin is built from the registry
 * (src/functions/registry.ts), generated from the same JSDoc as the add-in's functions.json, each
 * function with its implementation (src/functions/implementations.ts, which the Excel wrappers call).
 *
 * Excel's calling convention (argument count, omitted arguments as null, ranges as 2-D arrays,
 * error values in arguments, core's HnbError as #VALUE! or #N/A, 2-D results that spill) is
 * callAsExcel's (src/functions/call.ts), the same as `hnb calc` uses. This helper adds only what
 * is HyperFormula's:
 * - Empty cells become `null` by default. Microsoft's docs do not say what a custom function
 *   receives for an empty cell; office-js issues report `null` in Excel on the web and `0` on
 *   Windows desktop (OfficeDev/office-js#4702, #5262, #1951 for repeating matrix arguments).
 *   `setEmptyCellValue()` switches to `0` (or "") to test the desktop behaviour.
 * - HyperFormula's typed numbers (dates, percentages) are passed as their numbers.
 *
 * Spill sizes. HyperFormula reserves a spill range when the formula is entered, before any
 * value is known, from a per-function "size of result" method over the formula's syntax tree.
 * Excel sizes a dynamic array from the value itself. The rules below stand in for that:
 * - DEFICITPATH: 1 row × the width of `movements`; SAVINGSBYYEAR: 1 × the width of `amounts`.
 * - VARIANCE: the shape of `budget` (one variance a cell, down a column as often as across).
 * - PROJECTCOST: 1 × `years`, read from a literal number, or from a referenced cell whose value
 *   is already known when the formula is entered (a constant; build sheets with
 *   `buildHnbEngine`, which enters values before formulas). A computed `years`, or one that
 *   changes after the formula is entered, cannot be sized: the formula then shows #VALUE! naming
 *   this limitation (a larger result cannot be placed; a smaller one leaves blank cells).
 * - PLACEMENTCOST: a row per row of `caseload` × `years` (as PROJECTCOST's), or, without it, the
 *   wider of `caseload` and `unitCost`.
 * - Any other function whose result is `matrix`: 1 row × the widest matrix argument.
 */
import {
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  ArraySize,
  type ConfigParams,
  type RawCellContent,
  type SimpleCellAddress,
} from "hyperformula";
import { HNB_FUNCTIONS, NAMESPACE, OMITTED, callAsExcel, type ExcelArgument, type ExcelErrorCode, type ExcelHost, type HnbFunction } from "../../src/functions";

export { NAMESPACE };
// ---------------------------------------------------------------------------------------------
// Argument and result conversion

type EmptyCellValue = null | "" | 0;
let emptyCellValue: EmptyCellValue = null;

/** What an empty cell is passed as: null (Excel on the web; default), 0 (Windows desktop) or "". */
export function setEmptyCellValue(value: EmptyCellValue): EmptyCellValue {
  const previous = emptyCellValue;
  emptyCellValue = value;
  return previous;
}

/** One call as the function received it, for tests of the calling convention. */
export interface RecordedCall {
  id: string;
  args: unknown[];
}
let recorder: ((call: RecordedCall) => void) | undefined;
export function recordCalls(callback: ((call: RecordedCall) => void) | undefined): void {
  recorder = callback;
}

function rawScalar(value: unknown): unknown {
  if (value === EmptyValue || value === undefined) return emptyCellValue;
  // HyperFormula's typed numbers (dates, currency, percentages) carry the number in `val`.
  if (typeof value === "object" && value !== null && !(value instanceof CellError) && "val" in value) {
    return (value as { val: number }).val;
  }
  return value;
}

function rawGrid(range: SimpleRangeValue): unknown[][] {
  return range.data.map((row) => row.map(rawScalar));
}

const ERROR_TYPES: Record<ExcelErrorCode, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#NUM!": ErrorType.NUM,
};

const excelHost: ExcelHost<CellError> = {
  isError: (value): value is CellError => value instanceof CellError,
  error: (code, message) => new CellError(ERROR_TYPES[code], message),
  onCall: (fn, args) => recorder?.({ id: fn.id, args: [...args] }),
};

// ---------------------------------------------------------------------------------------------
// Spill sizes

/* The parts of HyperFormula's syntax tree used here (its Ast types are not exported). */
interface Ast {
  type: string;
  value?: unknown;
  args?: Ast[];
  reference?: { toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress };
}
interface State {
  formulaAddress: SimpleCellAddress;
  /** The formula's vertex: its root AST, and for an array formula the reserved spill size. */
  formulaVertex?: { formula?: unknown; width?: number; height?: number };
}

export type SizeRule =
  | { kind: "widthOf"; parameter: string }
  | { kind: "shapeOf"; parameter: string }
  | { kind: "countFrom"; parameter: string; max: number }
  | { kind: "rowsBy"; rows: string; count: string; widest: string[]; max: number }
  | { kind: "widestMatrix" };

/** The spill rules of the matrix-result functions; others fall back to the widest matrix argument. */
export const SIZE_RULES: Record<string, SizeRule> = {
  DEFICITPATH: { kind: "widthOf", parameter: "movements" },
  SAVINGSBYYEAR: { kind: "widthOf", parameter: "amounts" },
  PROJECTCOST: { kind: "countFrom", parameter: "years", max: 100 },
  PLACEMENTCOST: { kind: "rowsBy", rows: "caseload", count: "years", widest: ["caseload", "unitCost"], max: 100 },
  VARIANCE: { kind: "shapeOf", parameter: "budget" },
};

function literalNumber(ast: Ast): number | undefined {
  if (ast.type === "NUMBER") return ast.value as number;
  if (ast.type === "STRING") {
    const n = Number(String(ast.value).trim());
    return Number.isFinite(n) && String(ast.value).trim() !== "" ? n : undefined;
  }
  if (ast.type === "PLUS_UNARY_OP" && (ast.value as Ast)?.type === "NUMBER") return (ast.value as Ast).value as number;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The plugin

export interface HnbRegistration {
  functions: readonly HnbFunction[];
  /** Formula names as registered: HNB.CARRYFORWARD, … */
  names: string[];
  plugin: typeof FunctionPlugin;
}

let registration: HnbRegistration | undefined;

/** Registers every function of the registry with HyperFormula (once per test file). */
export function registerHnbFunctions(): HnbRegistration {
  registration ??= register(HNB_FUNCTIONS);
  return registration;
}

function register(functions: readonly HnbFunction[]): HnbRegistration {

  class HnbPlugin extends FunctionPlugin {
    /** Evaluates the arguments and calls the function as Excel would (callAsExcel). */
    callHnb(fn: HnbFunction, ast: Ast, state: State): unknown {
      const args: ExcelArgument[] = (ast.args ?? []).map((arg) => {
        if (arg.type === "EMPTY") return OMITTED;
        const value = (this as unknown as { evaluateAst(a: Ast, s: State): unknown }).evaluateAst(arg, state);
        return { value: value instanceof SimpleRangeValue ? rawGrid(value) : rawScalar(value) };
      });
      const result = callAsExcel(fn, args, excelHost);
      if (!Array.isArray(result)) return result;
      const height = result.length;
      const width = result[0]!.length;
      // At the root of a formula the result must fit the spill range reserved when the formula
      // was entered (HyperFormula throws otherwise); nested in another function it need not.
      const vertex = state.formulaVertex;
      if (vertex && vertex.formula === ast) {
        const reservedWidth = typeof vertex.width === "number" ? vertex.width : 1;
        const reservedHeight = typeof vertex.height === "number" ? vertex.height : 1;
        if (width > reservedWidth || height > reservedHeight) {
          return new CellError(
            ErrorType.VALUE,
            `Test engine limitation: ${NAMESPACE}.${fn.id} returned ${height}×${width} but the spill range reserved when the formula was entered is ${reservedHeight}×${reservedWidth}.`,
          );
        }
      }
      return SimpleRangeValue.onlyValues(result as never);
    }

    /** The spill range to reserve for a call, from its syntax tree (see the file comment). */
    sizeOf(fn: HnbFunction, ast: Ast, state: State): ArraySize {
      const args = ast.args ?? [];
      const rule = SIZE_RULES[fn.id] ?? { kind: "widestMatrix" };
      const argFor = (name: string): Ast | undefined => {
        const i = fn.parameters.findIndex((p) => p.name === name);
        if (i < 0) throw new Error(`Size rule for ${fn.id} names unknown parameter ${name}`);
        const a = args[i];
        return a === undefined || a.type === "EMPTY" ? undefined : a;
      };
      const widthOf = (a: Ast | undefined): number => {
        if (!a) return 1;
        const size = (this as unknown as { arraySizeForAst(a: Ast, s: State): ArraySize }).arraySizeForAst(a, state);
        return Math.max(1, size.width);
      };
      let width = 1;
      if (rule.kind === "rowsBy") {
        // A row per row of one argument; a column per year, from a count when it is known, else the widest argument.
        const rowsArg = argFor(rule.rows);
        const height = rowsArg ? Math.max(1, (this as unknown as { arraySizeForAst(a: Ast, s: State): ArraySize }).arraySizeForAst(rowsArg, state).height) : 1;
        const a = argFor(rule.count);
        let n = a ? literalNumber(a) : undefined;
        if (n === undefined && a && a.type === "CELL_REFERENCE") n = this.knownValue(a, state);
        const across = n !== undefined && Number.isInteger(n) && n >= 1 && n <= rule.max ? n : Math.max(...rule.widest.map((p) => widthOf(argFor(p))));
        return across === 1 && height === 1 ? ArraySize.scalar() : new ArraySize(across, height);
      }
      if (rule.kind === "shapeOf") {
        // One result a cell of the argument: its rows and its columns.
        const a = argFor(rule.parameter);
        if (!a) return ArraySize.scalar();
        const size = (this as unknown as { arraySizeForAst(a: Ast, s: State): ArraySize }).arraySizeForAst(a, state);
        return size.width <= 1 && size.height <= 1 ? ArraySize.scalar() : new ArraySize(Math.max(1, size.width), Math.max(1, size.height));
      }
      if (rule.kind === "widthOf") {
        width = widthOf(argFor(rule.parameter));
      } else if (rule.kind === "widestMatrix") {
        fn.parameters.forEach((p, i) => {
          if (p.dimensionality === "matrix" && args[i]) width = Math.max(width, widthOf(args[i]));
        });
      } else {
        const a = argFor(rule.parameter);
        let n = a ? literalNumber(a) : undefined;
        if (n === undefined && a && a.type === "CELL_REFERENCE") n = this.knownValue(a, state);
        if (n !== undefined && Number.isInteger(n) && n >= 1 && n <= rule.max) width = n;
      }
      return width === 1 ? ArraySize.scalar() : new ArraySize(width, 1);
    }

    /** A referenced cell's value if it is already known when the formula is entered. */
    knownValue(ast: Ast, state: State): number | undefined {
      try {
        const value = (this as unknown as { evaluateAst(a: Ast, s: State): unknown }).evaluateAst(ast, state);
        const raw = typeof value === "object" && value !== null && "val" in value ? (value as { val: unknown }).val : value;
        if (typeof raw === "number") return raw;
        if (typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
      } catch {
        // Not computed yet: the size cannot be known.
      }
      return undefined;
    }
  }

  const implemented: Record<string, { method: string; sizeOfResultArrayMethod?: string; vectorizationForbidden: boolean }> =
    {};
  const translations: Record<string, string> = {};
  const proto = HnbPlugin.prototype as unknown as Record<string, unknown>;
  for (const fn of functions) {
    const name = `${NAMESPACE}.${fn.id}`;
    const method = `hnb_${fn.id}`;
    proto[method] = function (this: HnbPlugin, ast: Ast, state: State) {
      return this.callHnb(fn, ast, state);
    };
    const entry: (typeof implemented)[string] = { method, vectorizationForbidden: true };
    if (fn.result === "matrix") {
      const sizeMethod = `hnbSize_${fn.id}`;
      proto[sizeMethod] = function (this: HnbPlugin, ast: Ast, state: State) {
        return this.sizeOf(fn, ast, state);
      };
      entry.sizeOfResultArrayMethod = sizeMethod;
    }
    implemented[name] = entry;
    translations[name] = name;
  }
  (HnbPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  HyperFormula.registerFunctionPlugin(HnbPlugin as never, { enGB: translations, enUS: translations });

  return {
    functions,
    names: Object.keys(implemented),
    plugin: HnbPlugin as unknown as typeof FunctionPlugin,
  };
}

// ---------------------------------------------------------------------------------------------
// Engines and sheets

export const ENGINE_CONFIG: Partial<ConfigParams> = { licenseKey: "gpl-v3" };

/**
 * An engine holding one sheet ("Sheet1"). Values are entered first and formulas after, so a
 * formula's spill size can read constants it refers to (see PROJECTCOST above).
 */
export function buildHnbEngine(grid: RawCellContent[][], config: Partial<ConfigParams> = {}): HyperFormula {
  const isFormula = (v: RawCellContent) => typeof v === "string" && v.startsWith("=");
  const values = grid.map((row) => row.map((v) => (isFormula(v) ? null : v)));
  const hf = HyperFormula.buildFromArray(values, { ...ENGINE_CONFIG, ...config });
  const sheet = 0;
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (isFormula(v)) hf.setCellContents({ sheet, row: r, col: c }, [[v]]);
    }),
  );
  return hf;
}

/** "B3" → { sheet: 0, row: 2, col: 1 } */
export function at(a1: string, sheet = 0): SimpleCellAddress {
  const m = /^([A-Z]+)(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`Bad address ${a1}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { sheet, row: Number(m[2]) - 1, col: col - 1 };
}

/** The value a cell shows. */
export function valueAt(hf: HyperFormula, a1: string, sheet = 0): unknown {
  return hf.getCellValue(at(a1, sheet));
}

/** The values of one row of cells, from a1 rightwards, `count` cells. */
export function rowValues(hf: HyperFormula, a1: string, count: number, sheet = 0): unknown[] {
  const start = at(a1, sheet);
  return Array.from({ length: count }, (_, i) => hf.getCellValue({ ...start, col: start.col + i }));
}

/** Enter a formula (or value) in a cell of an existing engine and return what the cell shows. */
export function enter(hf: HyperFormula, a1: string, content: RawCellContent, sheet = 0): unknown {
  hf.setCellContents(at(a1, sheet), [[content]]);
  return valueAt(hf, a1, sheet);
}

export function isCellError(value: unknown): value is DetailedCellError {
  return value instanceof DetailedCellError;
}

/**
 * Cell texts as a paste leaves them when Excel keeps them as text: every non-blank cell is held
 * as the literal text (an apostrophe prefix stops the engine reading "1,082" or "2023/24").
 */
export function asText(grid: string[][]): RawCellContent[][] {
  return grid.map((row) => row.map((t) => (t === "" ? null : `'${t}`)));
}

/**
 * Cell texts as Excel converts them on a paste or when typed: "1,082" → 1082, "(150)" → -150,
 * "-7.5" → -7.5; anything else stays text. (Currency and dates are left as text here.)
 */
export function asTyped(grid: string[][]): RawCellContent[][] {
  return grid.map((row) =>
    row.map((t) => {
      if (t === "") return null;
      const m = /^\s*(\()?(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\))?\s*$/.exec(t);
      if (m && Boolean(m[1]) === Boolean(m[5]) && !(m[1] && m[2])) {
        const n = Number(m[3]!.replace(/,/g, "") + (m[4] ?? ""));
        return m[1] || m[2] ? -n : n;
      }
      return `'${t}`;
    }),
  );
}
