/**
 * Excel's calling convention for an add-in's custom function, for formula engines other than
 * Excel's: `hnb calc` (fast-formula-parser) and the tests' HyperFormula. Each engine evaluates
 * the arguments its own way and lends its error values; everything Excel decides is here, once:
 *
 * - How many arguments: at least the required ones, at most every parameter (any number for a
 *   repeating last parameter); otherwise #N/A. Trailing empty arguments, `HNB.MONEY(A1,)`,
 *   count as left out.
 * - An argument left out arrives as null. A range arrives as a 2-D array of raw values, rows of
 *   columns; a single value for a `matrix` parameter as a 1×1 array; a range for a scalar
 *   parameter as its 2-D array (the function says it must be one cell). A repeating parameter
 *   receives one array of its arguments, each converted as above (null when none is given).
 * - An error value in an argument, or anywhere in a range, is the result: the function is not
 *   called. (What Excel passes for an error inside a matrix argument is not documented;
 *   propagating it is the cautious reading.) A union of ranges is #VALUE!.
 * - Core's HnbError thrown is #VALUE! or #N/A with its message, as Excel's wrappers show it
 *   (src/functions/functions.ts); anything else thrown is a bug, said as the wrappers say it.
 * - A result of null is 0, as Excel shows an empty result; a 2-D array is kept as one (the
 *   engine spills it), its short rows padded with #N/A and its nulls 0 (OfficeDev/office-js#1503).
 */
import { maxOf } from "../core";
import { asHnbError } from "./args";
import { NAMESPACE, type HnbFunction } from "./registry";

/** The error values a call can give, as Excel writes them. */
export type ExcelErrorCode = "#VALUE!" | "#N/A" | "#NUM!";

/** What a formula engine lends a call: its own error values. */
export interface ExcelHost<E> {
  /** Whether a value (an argument, or a cell of a range) is one of the engine's error values. */
  isError(value: unknown): value is E;
  /** An error value of the engine's, with the message Excel shows when the cell is selected. */
  error(code: ExcelErrorCode, message: string): E;
  /** Told of each call's arguments as the implementation receives them (tests record them). */
  onCall?(fn: HnbFunction, args: readonly unknown[]): void;
}

/** An argument as the engine evaluated it: left out, or its value (a range as rows of columns). */
/** An argument as Excel passes it; `address` where the caller knows the range it came from ("'Plan'!H2:H12"). */
export type ExcelArgument = { readonly omitted: true; readonly address?: string } | { readonly omitted?: false; readonly value: unknown; readonly address?: string };

export const OMITTED: ExcelArgument = { omitted: true };

export type ExcelScalar<E> = number | string | boolean | E;
/** One value, or a 2-D array that spills. */
export type ExcelResult<E> = ExcelScalar<E> | ExcelScalar<E>[][];

/** Calls `fn` with `args` as Excel would, and gives what the cell shows (see the file comment). */
export function callAsExcel<E>(fn: HnbFunction, args: readonly ExcelArgument[], host: ExcelHost<E>): ExcelResult<E> {
  const parameters = fn.parameters;
  const repeating = parameters.length > 0 && parameters[parameters.length - 1]!.repeating;
  const required = parameters.filter((p) => !p.optional).length;
  let given = args;
  while (given.length > required && given[given.length - 1]!.omitted) given = given.slice(0, -1);
  if (given.length < required || (!repeating && given.length > parameters.length)) {
    const expected = repeating
      ? `${required} or more`
      : required === parameters.length
        ? `${required}`
        : `${required} to ${parameters.length}`;
    return host.error("#N/A", `${NAMESPACE}.${fn.id} takes ${expected} arguments, not ${given.length}.`);
  }

  const values: unknown[] = [];
  for (let i = 0; i < parameters.length; i++) {
    const parameter = parameters[i]!;
    const matrix = parameter.dimensionality === "matrix";
    if (parameter.repeating) {
      const rest = given.slice(i);
      if (rest.every((arg) => arg.omitted)) {
        values.push(null);
        continue;
      }
      const list: unknown[] = [];
      for (const arg of rest) {
        const value = argumentValue(fn, arg, matrix, host);
        if (value.error) return value.error.value;
        list.push(value.ok);
      }
      values.push(list);
      continue;
    }
    const value = argumentValue(fn, given[i], matrix, host);
    if (value.error) return value.error.value;
    values.push(value.ok);
  }

  // Where each argument is, for a function that names cells in its messages (as Excel's
  // invocation.parameterAddresses gives them); undefined where the caller cannot say.
  if (fn.parameterAddresses) values.push(parameters.map((_, i) => given[i]?.address));
  host.onCall?.(fn, values);
  let result: unknown;
  try {
    result = fn.implementation(...values);
  } catch (thrown) {
    const error = asHnbError(thrown);
    return host.error(error.kind === "na" ? "#N/A" : "#VALUE!", error.message);
  }
  return excelResult(result, host);
}

type Converted<E> = { ok: unknown; error?: undefined } | { error: { value: E } };

function argumentValue<E>(fn: HnbFunction, arg: ExcelArgument | undefined, matrix: boolean, host: ExcelHost<E>): Converted<E> {
  if (!arg || arg.omitted) return { ok: null };
  const value = arg.value;
  if (host.isError(value)) return { error: { value } };
  if (Array.isArray(value)) {
    const grid = value.map((row: unknown) => (Array.isArray(row) ? row : [row]));
    for (const row of grid) for (const v of row) if (host.isError(v)) return { error: { value: v } };
    return { ok: grid };
  }
  if (value !== null && typeof value === "object") {
    return { error: { value: host.error("#VALUE!", `${NAMESPACE}.${fn.id} cannot take a union of ranges.`) } };
  }
  return { ok: matrix ? [[value]] : value };
}

function excelResult<E>(result: unknown, host: ExcelHost<E>): ExcelResult<E> {
  if (!Array.isArray(result)) return excelScalar(result, host);
  const rows = result.map((row: unknown) => (Array.isArray(row) ? row : [row]));
  const width = maxOf(rows.map((row) => row.length), 0);
  if (rows.length === 0 || width === 0) return host.error("#VALUE!", "The result is empty.");
  return rows.map((row) =>
    Array.from({ length: width }, (_, c) => (c < row.length ? excelScalar(row[c], host) : host.error("#N/A", ""))),
  );
}

/** One value as a cell holds it. */
function excelScalar<E>(value: unknown, host: ExcelHost<E>): ExcelScalar<E> {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return host.error("#VALUE!", "");
    if (!Number.isFinite(value)) return host.error("#NUM!", "");
    return value + 0; // no -0
  }
  if (typeof value === "string" || typeof value === "boolean" || host.isError(value)) return value;
  return host.error("#VALUE!", "The result is not a value a cell can hold.");
}
