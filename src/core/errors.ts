/**
 * Errors raised by core rules. `value` becomes Excel's #VALUE! (the input is wrong),
 * `na` becomes #N/A (the input is fine but has no answer: not in the key, not a date).
 * Core never imports Office: Excel's wrappers (src/functions/functions.ts), hnb calc and the
 * tests' formula engine each turn these into the error values they show.
 */
export type HnbErrorKind = "value" | "na";

export class HnbError extends Error {
  readonly kind: HnbErrorKind;
  constructor(kind: HnbErrorKind, message: string) {
    // An #N/A is an answer, given for most cells of a scorecard sheet ("no target for 2027/28"):
    // the stack trace an Error captures costs more than the rule that raised it, and a cell's
    // answer is never read for one. Set HNB_DEBUG to keep them.
    const limit = Error.stackTraceLimit;
    if (!DEBUG) Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.kind = kind;
    this.name = "HnbError";
  }
}

const DEBUG = typeof process !== "undefined" && typeof process.env === "object" && process.env !== null && !!process.env.HNB_DEBUG;

export function valueError(message: string): HnbError {
  return new HnbError("value", message);
}

export function naError(message: string): HnbError {
  return new HnbError("na", message);
}

/** Quote a user's cell content inside a message, shortened so the message stays readable. */
export function quote(raw: unknown): string {
  let text = typeof raw === "string" ? raw : String(raw);
  text = text.replace(/\s+/g, " ").trim();
  if (text.length > 40) text = text.slice(0, 37) + "…";
  return `\u201c${text}\u201d`;
}

/** Text in quotation marks as it was written, however long: for a note that is the only place a cell is kept. */
export function quoteInFull(raw: unknown): string {
  return `\u201c${typeof raw === "string" ? raw.trim() : String(raw)}\u201d`;
}

/** "row 3, column 2" — 1-based position inside the range the user selected. */
export function cellPosition(row: number, column: number): string {
  return `row ${row + 1}, column ${column + 1}`;
}

/** "1,048,576": figures in messages are grouped by thousands, as a finance officer writes them. */
export function grouped(n: number): string {
  return n.toLocaleString("en-GB");
}

/** "1 year", "3 years": counts in messages. */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${grouped(n)} ${n === 1 ? singular : pluralForm}`;
}
