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
import { JOBS, type JobInput, type JobName, type JobOutput } from "./jobs";
import { WorkCancelled, yieldToEventLoop, type WorkRunner } from "./slices";
import { finish } from "../../app";

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
  | { kind: "run"; job: number; name: JobName; input: Record<string, unknown>; sheets: number };

/** From the worker to the pane. */
export type FromWorker = { kind: "done"; job: number; output: unknown } | { kind: "failed"; job: number; error: { name: string; message: string } };

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
    const rows = grid.values.length;
    const width = Math.max(1, grid.values[0]?.length ?? 1);
    const band = Math.max(1, Math.floor(cellsPerMessage / width));
    for (let start = 0; start < rows; start += band) {
      const part: Partial<Record<RowField, unknown[][]>> = {};
      for (const field of fields) part[field] = (grid[field] as unknown[][]).slice(start, start + band);
      yield { kind: "rows", job, index, rows: part };
    }
  }
}

/**
 * The worker's side: gathers each job's grids as they come, runs the job when asked (straight
 * through: nothing else waits on this thread) and posts back its output, or its error by name
 * and message (TooLarge and the like keep their names).
 */
export function serveJobs(post: (message: FromWorker) => void): (message: ToWorker) => void {
  const gathering = new Map<number, Record<string, unknown>[]>();
  return (message) => {
    const sheets = gathering.get(message.job) ?? [];
    gathering.set(message.job, sheets);
    if (message.kind === "sheet") {
      const sheet: Record<string, unknown> = { ...message.header };
      for (const field of message.fields) sheet[field] = [];
      sheets[message.index] = sheet;
      return;
    }
    if (message.kind === "rows") {
      const sheet = sheets[message.index]!;
      for (const [field, rows] of Object.entries(message.rows)) (sheet[field] as unknown[][]).push(...rows!);
      return;
    }
    gathering.delete(message.job);
    try {
      const input = { ...message.input, grids: sheets.slice(0, message.sheets) } as unknown as JobInput<JobName>;
      const output = finish((JOBS[message.name] as (input: JobInput<JobName>) => Generator<void, unknown, void>)(input));
      post({ kind: "done", job: message.job, output });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ kind: "failed", job: message.job, error: { name: e.name, message: e.message } });
    }
  };
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
        pending.delete(data.job);
        if (data.kind === "done") p.resolve(data.output);
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
    const { grids, ...rest } = input as JobInput<K> & { grids: SheetRead[] };
    for (const message of gridMessages(id, grids, cellsPerMessage)) {
      if (!pending.has(id) || worker !== target) return result;
      target.postMessage(message);
      if (message.kind === "rows") await yieldToEventLoop();
    }
    if (pending.has(id) && worker === target) target.postMessage({ kind: "run", job: id, name: job, input: rest, sheets: grids.length });
    return result;
  };
  return { run };
}
