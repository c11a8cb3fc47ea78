import { cellPosition, quote, valueError } from "./errors";
import { readAmount } from "./money";
import { columnLetters } from "./table/location";

/** A rectangular block of cell values as Excel hands a range to a function: rows of columns. */
export type Grid = unknown[][];

export interface AmountOptions {
  /** Treat text that is not an amount as blank instead of an error. */
  skipText?: boolean;
  /** Name of the argument, for messages: "movements". */
  label?: string;
}

/**
 * Amounts of a range, blanks as 0. Text that is not money is a #VALUE! error naming its row and
 * column in the range and quoting it — unless skipText.
 */
export function amountGrid(grid: Grid, options: AmountOptions = {}): number[][] {
  const out: number[][] = new Array(grid.length);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    const values: number[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      const v = readAmount(row[c]);
      if (v === null) values[c] = 0;
      else if (v !== v) {
        if (!options.skipText) throw notAnAmount(row[c], r, c, options.label);
        values[c] = 0;
      } else values[c] = v;
    }
    out[r] = values;
  }
  return out;
}

export function notAnAmount(raw: unknown, row: number, column: number, label?: string) {
  const where = label ? `${cellPosition(row, column)} of ${label}` : cellPosition(row, column);
  return valueError(`${capitalise(where)} (${quote(raw)}) is not an amount of money.`);
}

/** A single row or column of amounts, read in order. */
export function amountLine(grid: Grid, options: AmountOptions = {}): number[] {
  const values = amountGrid(grid, options);
  if (values.length <= 1) return values[0] ?? [];
  if (values.every((row) => row.length === 1)) return values.map((row) => row[0]!);
  throw valueError(`${capitalise(options.label ?? "The range")} must be a single row or column.`);
}

/** A single row or column of raw values, read in order. */
export function line(grid: Grid, label: string): unknown[] {
  if (grid.length <= 1) return grid[0] ?? [];
  if (grid.every((row) => row.length === 1)) return grid.map((row) => row[0]);
  throw valueError(`${capitalise(label)} must be a single row or column.`);
}

export function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and
// isolates that make text read differently from what it holds.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text with its control characters written out as visible codes ("\u001B"): a file name or a
 * cell holding a terminal escape must not recolour a terminal, move its cursor or hide what follows,
 * and a paper must show what was there rather than act on it.
 */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * `text` less the characters at its end that `strip` accepts. By hand because a pattern for them
 * ("[.!]+$") is tried from every one of a long run, and costs its square.
 */
export function trimEndWhile(text: string, strip: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && strip(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/**
 * Each part of `text` from an `open` mark to the first `close` after it replaced by `by`, as
 * `/\([^)]*\)/g` replaces them, in one pass: that pattern goes back over the rest of the text from
 * every opening mark when no closing mark follows. With no close after an open, none follows any
 * later open either, and the rest stays as it is.
 */
export function replaceBetween(text: string, open: string, close: string, by: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) break;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) break;
    out += text.slice(from, start) + by;
    from = end + close.length;
  }
  return out + text.slice(from);
}

/** Sum of every number in a grid. */
export function sumGrid(values: number[][]): number {
  let total = 0;
  for (const row of values) for (const v of row) total += v;
  return cleanSum(total);
}

/**
 * Drops binary floating-point noise from a sum (0.1 + 0.2 is 0.3, not 0.30000000000000004)
 * without rounding figures in £m that carry many decimals.
 */
export function cleanSum(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

/** Where a cell sits in a range, as a finance officer would point at it: "row 7" in a column. */
/** Where a range's top-left cell is on its sheet, 0-based: from "'Savings plan'!H2:H12", row 1 and column 7. */
export interface RangeOrigin {
  row: number;
  column: number;
}

/** The top-left cell of an address as Excel gives one ("Sheet1!$H$2:$H$12"), or undefined when it is not one. */
export function rangeOrigin(address: string | undefined): RangeOrigin | undefined {
  if (typeof address !== "string") return undefined;
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.slice(address.lastIndexOf("!") + 1).split(":")[0]!.trim());
  if (!cell) return undefined;
  let column = 0;
  for (const ch of cell[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(cell[2]) - 1, column: column - 1 };
}

/**
 * Where a cell of a range is, for a message: its address as Excel shows it ("H22") where the
 * range's place on the sheet is known, else its row or column within the range.
 */
export function rangePosition(g: Grid, row: number, column: number, origin?: RangeOrigin): string {
  if (origin) return `${columnLetters(origin.column + column)}${origin.row + row + 1}`;
  const width = g[0]?.length ?? 0;
  if (width === 1) return `row ${row + 1}`;
  if (g.length === 1) return `column ${column + 1}`;
  return cellPosition(row, column);
}

/**
 * The largest of `values`, or `empty` when there are none. A loop, not Math.max(...values):
 * spreading a large list into a call overflows the stack (about 120,000 arguments in V8), which
 * a report of 150,000 findings or a million-row sheet reaches.
 */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let best = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > best) best = v;
  }
  return any ? best : empty;
}

/** The smallest of `values`, or `empty` when there are none (see maxOf). */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let best = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < best) best = v;
  }
  return any ? best : empty;
}
