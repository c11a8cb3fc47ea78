/**
 * The pane's jobs in a Web Worker: the messages between the pane and the worker, the worker's
 * side (serveJobs) and the pane's (workerRunner).
 *
 * Excel's shared runtime is a browser runtime (a webview on Windows and Mac, the browser's own
 * frame on the web), and an add-in page there may start a dedicated worker from its own origin, as
 * Microsoft's custom-functions web-worker sample does; the pane's Content-Security-Policy allows
 * it (worker-src falls back to script-src 'self'). office.js is not loaded in the worker and not
 * needed there: the pane reads the workbook through Excel on its own thread, in a few round trips,
 * and hands the grids to the worker, which reads the tables, checks them and builds the paper.
 *
 * Handing over is itself work on the pane's thread: a message is copied (structured clone) as it
 * is posted, and a 20,000-row workbook copied at once held the thread for over 100 ms. So the
 * grids go in bands of rows, each a short copy, with the event loop given a turn between them.
 */
import type { SheetRead } from "../../port";
import type { JobInput, JobName, JobOutput } from "./jobs";
import { WorkCancelled, yieldToEventLoop, type WorkRunner } from "./slices";

/**
 * About this many cells of a grid go in one message (each of values, formats, fills, formulas):
 * copying one such band took some 7 ms here, and the event loop gets a turn after each.
 */
export const CELLS_PER_MESSAGE = 10_000;

/** The grid fields that hold a row per row of the sheet; the others travel with the sheet's header. */
const ROW_FIELDS = ["values", "fills", "numberFormats", "formulas"] as const;
type RowField = (typeof ROW_FIELDS)[number];
type Header = Omit<SheetRead, RowField>;

/** From the pane to the worker. */
export type ToWorker =
  | { kind: "sheet"; job: number; index: number; header: Header; fields: RowField[] }
  | { kind: "rows"; job: number; index: number; rows: Partial<Record<RowField, unknown[][]>> }
  /** `sheets` is null for a job whose input has no grids (one that reads a paste or a file). */
  | { kind: "run"; job: number; name: JobName; input: Record<string, unknown>; sheets: number | null };

/**
 * From the worker to the pane. An output's large tables of cells (an import's rows to write) come
 * first as bands of rows, each a short copy on the pane's thread, and the output itself after them
 * with a marker where each table goes.
 */
export type FromWorker =
  | { kind: "band"; job: number; table: number; rows: unknown[][] }
  | { kind: "done"; job: number; output: unknown }
  | { kind: "failed"; job: number; error: { name: string; message: string } };

/** The bands of `rows` one message each carries: [start, end) of about `cellsPerMessage` cells, a row at least (its width read from the first row). */
function* rowBands(rows: readonly unknown[][], cellsPerMessage: number): Generator<[number, number]> {
  const width = Math.max(1, rows[0]?.length ?? 1);
  const band = Math.max(1, Math.floor(cellsPerMessage / width));
  for (let start = 0; start < rows.length; start += band) yield [start, Math.min(rows.length, start + band)];
}

/** Where a table of cells sent in bands goes back into an output. */
const BANDED = "hnb:banded";

/** Deepest an output is walked for tables of cells to send in bands. */
const MAX_DEPTH = 8;

function isMatrix(value: unknown[]): value is unknown[][] {
  return value.length > 1 && value.every(Array.isArray);
}

/**
 * `output` with each table of cells over `cellsPerMessage` (an array of rows) taken out and put in
 * `tables`, a marker left in its place: the worker sends the tables in bands, then the rest.
 */
export function takeMatrices(output: unknown, cellsPerMessage = CELLS_PER_MESSAGE): { output: unknown; tables: unknown[][][] } {
  const tables: unknown[][][] = [];
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      if (isMatrix(value)) {
        let cells = 0;
        for (const row of value) cells += row.length;
        if (cells > cellsPerMessage) {
          tables.push(value);
          return { [BANDED]: tables.length - 1 };
        }
        return value;
      }
      return value.map((v) => walk(v, depth + 1));
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = walk(v, depth + 1);
    return copy;
  };
  return { output: walk(output, 0), tables };
}

/** The messages that carry an output back to the pane: its tables of cells in bands, then the rest. */
export function* outputMessages(job: number, output: unknown, cellsPerMessage = CELLS_PER_MESSAGE): Generator<FromWorker> {
  const taken = takeMatrices(output, cellsPerMessage);
  for (const [table, rows] of taken.tables.entries()) {
    for (const [start, end] of rowBands(rows, cellsPerMessage)) yield { kind: "band", job, table, rows: rows.slice(start, end) };
  }
  yield { kind: "done", job, output: taken.output };
}

/** An output as it was before takeMatrices, its tables put back from the bands received. */
export function putMatrices(output: unknown, tables: readonly unknown[][][]): unknown {
  if (tables.length === 0) return output;
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return isMatrix(value) ? value : value.map((v) => walk(v, depth + 1));
    const record = value as Record<string, unknown>;
    if (typeof record[BANDED] === "number" && Object.keys(record).length === 1) return tables[record[BANDED]] ?? [];
    for (const [k, v] of Object.entries(record)) record[k] = walk(v, depth + 1);
    return record;
  };
  return walk(output, 0);
}

/** The messages that carry `grids` to the worker, a sheet's header then its rows in bands. */
export function* gridMessages(job: number, grids: readonly SheetRead[], cellsPerMessage = CELLS_PER_MESSAGE): Generator<ToWorker> {
  for (let index = 0; index < grids.length; index++) {
    const grid = grids[index]!;
    const header: Record<string, unknown> = {};
    const fields: RowField[] = [];
    for (const [key, value] of Object.entries(grid)) {
      if ((ROW_FIELDS as readonly string[]).includes(key)) {
        if (Array.isArray(value)) fields.push(key as RowField);
      } else header[key] = value;
    }
    yield { kind: "sheet", job, index, header: header as Header, fields };
    for (const [start, end] of rowBands(grid.values, cellsPerMessage)) {
      const part: Partial<Record<RowField, unknown[][]>> = {};
      for (const field of fields) part[field] = (grid[field] as unknown[][]).slice(start, end);
      yield { kind: "rows", job, index, rows: part };
    }
  }
}

/** What the pane needs of a Worker (a browser's, or a stand-in in tests and the bench). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
  /** Tables of the output received so far, in bands (outputMessages). */
  bands: unknown[][][];
  /** Runs the job on the fallback instead, should the worker fail. */
  instead: () => void;
}

/**
 * Jobs in a worker that `start` makes (once, and again after one was stopped). Where no worker
 * can be started, or the worker fails (its script would not load, the browser refused it), the
 * jobs run on `fallback` instead, from then on. A job whose signal is aborted is dropped at once;
 * when no other job is waiting on the worker, the worker is stopped too, so that the dropped
 * work does not go on using the machine.
 */
export function workerRunner(start: () => WorkerLike, fallback: WorkRunner, options: { cellsPerMessage?: number } = {}): WorkRunner {
  const { cellsPerMessage = CELLS_PER_MESSAGE } = options;
  let worker: WorkerLike | null = null;
  let broken = false;
  let next = 0;
  const pending = new Map<number, Pending>();

  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const fail = () => {
    // The worker cannot be used: what was waiting on it runs on the fallback, and so does all that follows.
    broken = true;
    stop();
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.instead();
  };
  const ensure = (): WorkerLike | null => {
    if (worker || broken) return worker;
    try {
      const made = start();
      made.onmessage = ({ data }) => {
        const p = pending.get(data.job);
        if (!p) return;
        if (data.kind === "band") {
          (p.bands[data.table] ??= []).push(...data.rows);
          return;
        }
        pending.delete(data.job);
        if (data.kind === "done") p.resolve(putMatrices(data.output, p.bands));
        else p.reject(Object.assign(new Error(data.error.message), { name: data.error.name }));
      };
      made.onerror = fail;
      worker = made;
    } catch {
      broken = true;
    }
    return worker;
  };

  const run = async <K extends JobName>(job: K, input: JobInput<K>, signal?: AbortSignal): Promise<JobOutput<K>> => {
    if (signal?.aborted) throw new WorkCancelled();
    const target = ensure();
    if (!target) return fallback.run(job, input, signal);
    const id = ++next;
    const result = new Promise<JobOutput<K>>((resolve, reject) => {
      pending.set(id, {
        resolve: resolve as (output: unknown) => void,
        reject,
        bands: [],
        instead: () => fallback.run(job, input, signal).then(resolve, reject),
      });
      signal?.addEventListener(
        "abort",
        () => {
          if (!pending.delete(id)) return;
          reject(new WorkCancelled());
          if (pending.size === 0) stop();
        },
        { once: true },
      );
    });
    // Dropped while its grids are still being sent: the caller hears of it when this returns.
    result.catch(() => undefined);
    // The grids in bands, with the event loop given a turn after each band of rows.
    const { grids, ...rest } = input as JobInput<K> & { grids?: SheetRead[] };
    for (const message of gridMessages(id, grids ?? [], cellsPerMessage)) {
      if (!pending.has(id) || worker !== target) return result;
      target.postMessage(message);
      if (message.kind === "rows") await yieldToEventLoop();
    }
    if (pending.has(id) && worker === target) target.postMessage({ kind: "run", job: id, name: job, input: rest, sheets: grids ? grids.length : null });
    return result;
  };
  return { run };
}
