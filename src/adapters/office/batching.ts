/**
 * How the office adapter sizes its round trips to Excel: payload estimates, packing queued work
 * into as few `context.sync()` calls as the payload limit allows, and the small pure rules the
 * adapter needs (text Excel would reinterpret, column widths in points, runs of cells).
 *
 * Why a budget at all: Excel on the web refuses a request or a response over 5 MB
 * (RichApi.Error RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, per
 * Microsoft's "Resource limits and performance optimization for Office Add-ins"). Desktop Excel
 * has no such limit, but the same code runs on both, so every sync is sized for the web.
 */

import { stopIfCancelled } from "../../port";

/**
 * What one sync may carry, in bytes of JSON, each way. A megabyte under Excel on the web's 5 MB,
 * because our figures are estimates of what Office.js serialises, not its own count.
 */
export const PAYLOAD_BUDGET = 4_000_000;

/**
 * What one queued call costs in a request besides its arguments. Office.js sends, per call, an
 * object path (type, name, parent, arguments) and an action naming it, as JSON: about 150 bytes
 * for a `getRange`-and-set. Rounded up so the estimate errs towards more, smaller syncs.
 */
export const CALL_BYTES = 256;

/**
 * Response estimates for reads, per cell, since a read's size is not known until it comes back.
 * A value is assumed to average 24 bytes of JSON (a short phrase, a date serial, a sum); a number
 * format 14 ("General" is 10 with its quotes and comma, "£#,##0;(£#,##0)" 18). A fill read through
 * getCellProperties is `{"format":{"fill":{"color":"#RRGGBB"}}},`: 40. These size the first piece
 * of a large read; later pieces use what the first brought back (plus a margin, READ_MARGIN).
 * Where text runs longer still, Excel on the web refuses the response and `ReadQueue` asks again
 * for less.
 */
export const READ_VALUE_BYTES = 24;
export const READ_FORMAT_BYTES = 14;
export const READ_FILL_BYTES = 40;
export const READ_FORMULA_BYTES = 48;
/** Later pieces of a read are sized at what the first averaged, plus this much: rows vary. */
export const READ_MARGIN = 1.15;

/** UTF-8 length of a string, as it travels: "£" and "✓" take more than one byte. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one four-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes of `value` as JSON, the form Office.js sends it in. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

// ---------------------------------------------------------------------------------------------
// Writes: packing queued work into syncs

/**
 * Queued work split into syncs, each estimated under the budget, in the order it was added.
 *
 * The number of syncs this gives depends on the payload, not on the number of rows or
 * operations as such: a template (a few hundred operations, tens of kilobytes) is one sync; a
 * 20,000-row, 13-column import (about 6 MB of values) is two. Beyond that it simply takes one
 * more sync per further 4 MB; nothing is refused for its size.
 */
/** A sync of a write that Excel refused, and which one: what came before it was made. */
export class SyncRefused extends Error {
  constructor(
    readonly batch: number,
    readonly refusal: unknown,
  ) {
    super(refusal instanceof Error ? refusal.message : String(refusal));
    this.name = "SyncRefused";
  }
}

export class SyncPlan {
  private readonly batches: (() => void)[][] = [[]];
  private used = 0;
  /** The operations whose work is being queued now (indexes into the planned operations). */
  private operations: readonly number[] = [];
  /** Each operation's batches: which syncs carry its work, so a failure can say what was made. */
  private readonly batchesOf = new Map<number, Set<number>>();

  constructor(private readonly budget: number = PAYLOAD_BUDGET) {}

  /** Work queued from here on belongs to these operations (several, for work gathered from many). */
  forOperations(indexes: readonly number[]): void {
    this.operations = indexes;
  }

  private record(): void {
    const batch = this.batches.length - 1;
    for (const op of this.operations) {
      let set = this.batchesOf.get(op);
      if (!set) this.batchesOf.set(op, (set = new Set()));
      set.add(batch);
    }
  }

  /**
   * After the sync of batch `failed` was refused: the operations whose work was all in earlier
   * syncs (made), those with work in the refused sync (perhaps made in part: Excel carries out a
   * sync's calls in order and keeps those before the one it refuses), and the rest (not made).
   */
  outcome(failed: number): { made: number[]; partly: number[]; notMade: number[] } {
    const made: number[] = [];
    const partly: number[] = [];
    const notMade: number[] = [];
    for (const [op, batches] of [...this.batchesOf].sort((a, b) => a[0] - b[0])) {
      const list = [...batches];
      if (list.every((b) => b < failed)) made.push(op);
      else if (list.some((b) => b <= failed)) partly.push(op);
      else notMade.push(op);
    }
    return { made, partly, notMade };
  }

  /** Number of syncs the plan needs. */
  get syncs(): number {
    return this.batches.filter((b) => b.length > 0).length;
  }

  /** Work that cannot be split (one call, or a few that belong together). */
  add(bytes: number, queue: () => void): void {
    if (this.used + bytes > this.budget && this.current().length > 0) this.next();
    this.current().push(queue);
    this.record();
    this.used += bytes;
  }

  /**
   * Work over rows that may be split between syncs: `queue(start, count)` queues rows
   * [start, start + count), and costs `fixedBytes` plus the rows' own bytes.
   */
  addRows(rowBytes: readonly number[], fixedBytes: number, queue: (start: number, count: number) => void): void {
    let start = 0;
    while (start < rowBytes.length) {
      let room = this.budget - this.used - fixedBytes;
      let count = 0;
      let bytes = fixedBytes;
      while (start + count < rowBytes.length && rowBytes[start + count]! <= room) {
        room -= rowBytes[start + count]!;
        bytes += rowBytes[start + count]!;
        count++;
      }
      if (count === 0) {
        if (this.current().length > 0) {
          this.next();
          continue;
        }
        // A single row over the whole budget goes alone: it cannot be made smaller.
        count = 1;
        bytes += rowBytes[start]!;
      }
      const [from, n] = [start, count];
      this.current().push(() => queue(from, n));
      this.record();
      this.used += bytes;
      start += count;
      if (start < rowBytes.length) this.next();
    }
  }

  /** Runs each batch's queued work and syncs it, one round trip per batch. */
  async send(context: Excel.RequestContext): Promise<void> {
    for (let b = 0; b < this.batches.length; b++) {
      const batch = this.batches[b]!;
      if (batch.length === 0) continue;
      for (const queue of batch) queue();
      try {
        // The loop is over payload-sized batches, not rows or operations: their number is fixed
        // by the payload size class (see the class comment), which is what Excel on the web asks.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per ≤ 4 MB batch, by design
        await context.sync();
      } catch (error) {
        throw new SyncRefused(b, error);
      }
    }
  }

  private current(): (() => void)[] {
    return this.batches[this.batches.length - 1]!;
  }

  private next(): void {
    this.batches.push([]);
    this.used = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Reads: packing loads into syncs by their estimated response

/**
 * A load over rows of a range, splittable by rows. `queue` queues the load of rows
 * [start, start + count) and returns what to do with the result once the sync has brought it.
 */
export interface ReadPart {
  rows: number;
  /**
   * Estimated response bytes per row. A part may correct it from what its first piece brought
   * back, so the rest of a large read goes in pieces sized to the real text, not the guess.
   */
  rowBytes: number;
  /** Estimated bytes besides the rows (addresses, object paths). */
  fixedBytes: number;
  /** Cells in each row: no piece asks for more than Excel's five million cells a get. */
  columns?: number;
  queue(start: number, count: number): () => void;
}

/** The most cells Excel returns for one range get (values, formats, formulas, cell properties). */
export const MAX_GET_CELLS = 5_000_000;

interface Pending {
  part: ReadPart;
  start: number;
  count: number;
  /** Grows when Excel refused a response: our estimate was too small for this text. */
  scale: number;
}

/** Error code Office.js gives when a response is over Excel on the web's limit. */
export const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

/**
 * Loads packed into syncs by their estimated response, in the order added. `next()` sends one
 * sync; `drain()` sends the rest. When Excel on the web refuses a response as too large (our
 * per-cell estimate was short, say for long comments), the loads of that sync are doubled in
 * estimated size and sent again, so they go in smaller pieces: more syncs, never a failure for
 * size alone, unless a single row is over the limit by itself.
 */
export class ReadQueue {
  private pending: Pending[] = [];

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number = PAYLOAD_BUDGET,
  ) {}

  get empty(): boolean {
    return this.pending.length === 0;
  }

  add(part: ReadPart): void {
    if (part.rows > 0) this.pending.push({ part, start: 0, count: part.rows, scale: 1 });
  }

  /** Sends one sync holding as much of the queue as the budget allows, first come first served. */
  async next(): Promise<void> {
    const taken = this.take();
    if (taken.length === 0) return;
    const collect = taken.map((p) => p.part.queue(p.start, p.count));
    try {
      await this.context.sync();
    } catch (error) {
      // Nothing smaller can be asked for than one row alone: then the refusal stands.
      if ((error as { code?: unknown }).code !== RESPONSE_TOO_LARGE || (taken.length === 1 && taken[0]!.count === 1)) throw error;
      this.pending = [...taken.map((p) => ({ ...p, scale: p.scale * 2 })), ...this.pending];
      return;
    }
    for (const done of collect) done();
  }

  /** Sends what is left, one sync per budget's worth; stops before the next sync once `signal` is aborted. */
  async drain(signal?: AbortSignal): Promise<void> {
    while (!this.empty) {
      stopIfCancelled(signal);
      // As in SyncPlan.send: one round trip per ≤ 4 MB of expected response, not per row.
      await this.next();
    }
  }

  private take(): Pending[] {
    const taken: Pending[] = [];
    let room = this.budget;
    while (this.pending.length > 0) {
      const head = this.pending[0]!;
      const rowBytes = head.part.rowBytes * head.scale;
      const fixed = head.part.fixedBytes;
      const byBytes = Math.floor((room - fixed) / Math.max(rowBytes, 1));
      // However few bytes a row is guessed to be, a piece stays within Excel's cell limit for a get.
      const fits = head.part.columns ? Math.min(byBytes, Math.max(1, Math.floor(MAX_GET_CELLS / head.part.columns))) : byBytes;
      if (fits >= head.count) {
        taken.push(head);
        this.pending.shift();
        room -= fixed + rowBytes * head.count;
        continue;
      }
      if (fits > 0 || taken.length === 0) {
        // Take what fits (at least one row when the sync is otherwise empty) and leave the rest.
        const count = Math.max(fits, 1);
        taken.push({ ...head, count });
        this.pending[0] = { ...head, start: head.start + count, count: head.count - count };
      }
      break;
    }
    return taken;
  }
}

// ---------------------------------------------------------------------------------------------
// Small rules

/**
 * Whether Excel would read this text as something else when written to a cell, as it does with
 * what a user types: a formula ("=1+1", and "+…", "-…", "@…", which Excel turns into formulas), a
 * number or currency ("-£5", "00123", "12%", "1e5"), a date or time ("1/4/25", "Apr-25",
 * "March 2025", "10:30"), true/false, or an error ("#N/A"). A leading apostrophe is itself taken
 * as Excel's text marker, so text that starts with one needs another.
 */
export function excelWouldReinterpret(text: string): boolean {
  if (text === "") return false;
  if (/^[=+\-@']/.test(text)) return true;
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return true;
  if (/^#[A-Z0-9/]+[!?]?$/i.test(t)) return true;
  if (!/\d/.test(t)) return false;
  // Digits with only the marks numbers, currencies, fractions, dates and times use.
  if (/^[\d\s.,:/%£$€¥()eE+-]*$/.test(t)) return true;
  // A month's name with a day or a year: "Apr-25", "1 April", "March 2025", "31 Mar 2026".
  const month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
  if (new RegExp(`^(\\d{1,2}(st|nd|rd|th)?[\\s\\-/.]+)?${month}([\\s\\-/.,]+\\d{1,4})*$`, "i").test(t)) return true;
  // Times with am/pm: "10:30 am", "9 pm".
  return /^\d{1,2}(:\d{2}){0,2}\s*(am|pm|a|p)$/i.test(t);
}

/**
 * A column width for `format.columnWidth`, in points, from the port's width in characters: the
 * width as a file stores it (exceljs's `column.width`, which the xlsx adapter writes), where
 * Calibri 11's widest digit is 7 pixels and the cell padding is already counted, so characters × 7
 * gives pixels; a pixel is ¾ of a point at 96 dpi. Excel rounds the result to whole pixels.
 */
export function columnWidthPoints(characters: number): number {
  return characters * 7 * 0.75;
}

/** The inverse of `columnWidthPoints`, for tests and inspection. */
export function columnWidthCharacters(points: number): number {
  return points / (7 * 0.75);
}

/** Consecutive runs of the sorted, distinct numbers: [1,2,3,7,8] → [[1,3],[7,2]] as [start, length]. */
export function runs(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/**
 * The pieces of a multi-area address as Excel writes it ("'A, B'!A1:B2,Sheet2!C3"), split on the
 * commas that are not inside a quoted sheet name.
 */
export function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = "";
  for (const ch of address) {
    if (ch === "'") quoted = !quoted; // a doubled '' inside a name toggles twice: no harm
    if (ch === "," && !quoted) {
      if (current.trim()) parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
