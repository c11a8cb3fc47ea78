import {
  DEFAULT_KEY,
  EXCEL_LIMITS,
  HnbError,
  LARGEST_CELL_NUMBER,
  type RagKey,
  capitalise,
  isBlank,
  keyFromRows,
  line,
  quote,
  requireAmount,
  valueError,
} from "../core";

/**
 * The one coercion path for every custom function: Excel's arguments in, core's values out.
 * Every failure leaves as core's HnbError, whatever runs the function (Excel's wrappers, hnb
 * calc, a test) decides how to show it. Nothing here decides a rule; rules live in src/core.
 */

/** A cell holds at most 32,767 characters: a longer text result would not fit. */
export const MAX_CELL_TEXT = EXCEL_LIMITS.cellCharacters;
/** Longer error messages are cut: Excel shows them in a tooltip, and a quoted cell can be huge. */
export const MAX_MESSAGE = 1_000;

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const more = ` … (${(text.length - limit).toLocaleString("en-GB")} more characters)`;
  return text.slice(0, limit - more.length) + more;
}

/** Any failure as an HnbError: one of ours is kept; anything else is a bug, said plainly rather than as a stack trace. */
export function asHnbError(error: unknown): HnbError {
  if (error instanceof HnbError) return error.message.length <= MAX_MESSAGE ? error : new HnbError(error.kind, cut(error.message, MAX_MESSAGE));
  const detail = error instanceof Error ? error.message : String(error);
  return valueError(`HNB could not work this out (${detail}). Please report it with the formula.`);
}

/** Runs a function body; any failure, or a number no cell can hold, leaves as an HnbError. */
export function run<T>(body: () => T | HnbError): T {
  const result = settle(body);
  if (result instanceof HnbError) throw result;
  return result;
}

/**
 * As run, with the error handed back rather than thrown: for a function whose cells are mostly an
 * answer such as "no target for this year", where a throw costs more than the rule. The body may
 * hand its own error back too.
 */
export function settle<T>(body: () => T | HnbError): T | HnbError {
  let result: T | HnbError;
  try {
    result = body();
  } catch (error) {
    return asHnbError(error);
  }
  if (result instanceof HnbError) return asHnbError(result);
  if (!isFiniteResult(result)) {
    return valueError("The result is beyond the largest number Excel can hold: check the figures for a stray exponent or extra digits.");
  }
  // A text result longer than a cell holds is cut, saying so, rather than refused by Excel.
  if (typeof result === "string" && result.length > MAX_CELL_TEXT) return cut(result, MAX_CELL_TEXT) as T;
  return result;
}

function isFiniteResult(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (const row of value) {
      if (Array.isArray(row)) {
        for (const v of row) if (typeof v === "number" && !Number.isFinite(v)) return false;
      } else if (typeof row === "number" && !Number.isFinite(row)) return false;
    }
  }
  return true;
}

/**
 * A cell holding an Excel data type as the value a formula would see. The metadata lets data
 * types reach "any" arguments (allowCustomDataForDataTypeAny), so a formatted number, a linked
 * entity (a stock, a geography) or a cell written by Excel as a typed value arrives as an object
 * ({type, basicValue, …}); the functions read its plain value, as =A1*1 would, or its display text.
 */
export function cellValue(raw: unknown): unknown {
  if (typeof raw === "number" && !Number.isFinite(raw)) throw notANumberACellHolds();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const v = raw as { type?: unknown; basicValue?: unknown; text?: unknown; altText?: unknown; errorType?: unknown };
  switch (v.type) {
    case "Empty":
      return null;
    case "Error":
      throw valueError(`A cell holds an error (${String(v.basicValue ?? v.errorType ?? "#VALUE!")}): put it right or leave it out of the range.`);
    case "Entity":
    case "LinkedEntity":
    case "LocalImage":
    case "WebImage":
      // An entity's value is what the cell shows: its text (a picture's alternative text).
      if (typeof v.text === "string") return v.text;
      if (typeof v.altText === "string") return v.altText;
      break;
    case "Array":
      throw valueError("A cell holds an array of values (a data type's list): give the cells themselves.");
    default:
      break;
  }
  if ("basicValue" in v) return typeof v.basicValue === "number" ? cellValue(v.basicValue) : v.basicValue;
  if (typeof v.text === "string") return v.text;
  throw valueError("A cell holds a value the add-in cannot read (a data type with no plain value): give a number or text.");
}

/** Excel never passes an infinite number, but another host (or a formula engine) might; it would print as "Infinity". */
function notANumberACellHolds(): HnbError {
  return valueError("A cell holds a number beyond the largest Excel can hold: check it for a stray exponent or extra digits.");
}

/** A range argument. A single value (Excel passes scalars when one cell is given) becomes 1×1; data types become their values. */
export function grid(raw: unknown): unknown[][] {
  const g = Array.isArray(raw) ? (raw.every((row) => Array.isArray(row)) ? (raw as unknown[][]) : [raw as unknown[]]) : [[raw]];
  // Copied only when a cell holds a data type: most ranges are plain values and may be large.
  for (let r = 0; r < g.length; r++) {
    const row = g[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === "number" && !Number.isFinite(cell)) throw notANumberACellHolds();
      if (cell !== null && typeof cell === "object") return g.map((line) => line.map(cellValue));
    }
  }
  return g;
}

/** An optional range: null (omitted) or a grid of blanks becomes null. */
export function optionalGrid(raw: unknown): unknown[][] | null {
  if (raw === null || raw === undefined) return null;
  const g = grid(raw);
  return g.every((row) => row.every(isBlank)) ? null : g;
}

/** An optional range of text cells; empty (all blank or 0) becomes null. */
export function optionalTextGrid(raw: unknown): unknown[][] | null {
  if (raw === null || raw === undefined) return null;
  return optionalGrid(textGrid(raw));
}

/**
 * Excel on Windows passes an empty cell as 0 to an argument (office-js issues #4702, #5262),
 * where Excel on the web passes null. For arguments that hold text or dates — a status, a unit,
 * an end date, initials — 0 can only be an empty cell, so it is read as blank.
 */
export function text(raw: unknown, label: string): unknown {
  const value = single(raw, label);
  return value === 0 ? null : value;
}

/** A range of text cells (statuses, keys, legends, labels): 0 is an empty cell, as for text(). */
export function textGrid(raw: unknown): unknown[][] {
  const g = grid(raw);
  for (const row of g) {
    if (row.includes(0)) return g.map((r) => r.map((c) => (c === 0 ? null : c)));
  }
  return g;
}

/** One amount. Blanks count as nothing (0). */
export function amount(raw: unknown, label: string): number {
  const scalar = single(raw, label);
  return requireAmount(scalar, () => `${capitalise(label)} (${quote(scalar)})`) ?? 0;
}

/** A value that must be one cell: a 1×1 range is accepted as its value. */
export function single(raw: unknown, label: string): unknown {
  if (!Array.isArray(raw)) return cellValue(raw);
  const g = grid(raw);
  if (g.length === 1 && g[0]!.length === 1) return g[0]![0];
  throw valueError(`${capitalise(label)} must be a single cell.`);
}

/**
 * A tolerance: how far apart two figures may be and still agree. Blank or omitted gives the
 * default; below nothing, or beyond what a cell holds, it would pass a table that does not add.
 */
export function optionalTolerance(raw: unknown, fallback: number): number {
  const value = single(raw, "tolerance");
  if (isBlank(value)) return fallback;
  const read = typeof value === "number" ? value : requireAmount(value, () => `The tolerance (${quote(value)})`);
  if (read === null) return fallback;
  if (!(read >= 0 && read <= LARGEST_CELL_NUMBER)) {
    throw valueError(`The tolerance (${quote(value)}) must be zero or more and a figure a cell can hold: give the largest difference treated as rounding, such as 0.5.`);
  }
  return read;
}

export function optionalBoolean(raw: unknown, fallback: boolean, label: string): boolean {
  const value = single(raw, label);
  if (isBlank(value)) return fallback;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  const t = String(value).trim().toLowerCase();
  if (t === "true" || t === "yes" || t === "y") return true;
  if (t === "false" || t === "no" || t === "n") return false;
  throw valueError(`${capitalise(label)} must be TRUE or FALSE, not ${quote(value)}.`);
}

/** Texts of a row or column of labels; numbers (2024) become text. */
export function labels(g: unknown[][]): string[] {
  return line(textGrid(g), "yearLabels").map((c) => (isBlank(c) ? "" : String(c).trim()));
}

/**
 * Parsed keys, by content: a sheet full of =HNB.RAG(A2, Key) formulas passes the same key range
 * to every cell, and reading it once keeps recalculation fast.
 */
const keyCache = new Map<string, RagKey>();
const KEY_CACHE_LIMIT = 64;

export function ragKey(raw: unknown): RagKey {
  const g = optionalTextGrid(raw);
  if (!g) return DEFAULT_KEY;
  const signature = g.map((row) => row.join("\u0001")).join("\u0002");
  let key = keyCache.get(signature);
  if (!key) {
    key = keyFromRows(g);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(signature, key);
  }
  return key;
}

/** One spilled row. */
export function spillRow<T>(values: T[]): T[][] {
  return [values];
}
