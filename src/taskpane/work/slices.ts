/**
 * Work on the pane's own thread, in slices. In Excel's shared runtime the task pane and the
 * custom functions share one JavaScript thread: while the pane reads or checks a workbook, no
 * HNB formula can calculate (the cells show #BUSY!). Where the pane's Web Worker cannot be used,
 * its jobs run here instead, giving the event loop a turn whenever a slice has run SLICE_MS, so
 * that functions waiting to calculate get their turn between units of the work.
 */
import { finishWaiting, type WorkSteps } from "../../app";
import { JOBS, type JobInput, type JobName, type JobOutput } from "./jobs";

/** A slice of work runs at most about this long (plus the unit it is in) before the event loop gets a turn. */
export const SLICE_MS = 25;

/** Work given up because it was no longer wanted (Cancel, or newer work taking its place). */
export class WorkCancelled extends Error {
  constructor() {
    super("The work was cancelled.");
    this.name = "WorkCancelled";
  }
}

/** Runs a job off or on the pane's thread: the one way the screens start heavy work. */
export interface WorkRunner {
  run<K extends JobName>(job: K, input: JobInput<K>, signal?: AbortSignal): Promise<JobOutput<K>>;
}

/**
 * Lets everything waiting on the event loop run (Office's messages, custom functions, a paint):
 * a message to itself where there is MessageChannel (a browser: not held back as nested timers
 * are), setImmediate in Node, else a timer.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== "undefined") {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

export interface SliceOptions {
  /** Longest run before a turn of the event loop (SLICE_MS). 0 gives a turn after every unit. */
  sliceMs?: number;
  signal?: AbortSignal;
  /** How a turn of the event loop is given (yieldToEventLoop). */
  yieldTo?: () => Promise<void>;
  now?: () => number;
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Runs the steps to their end, giving the event loop a turn between units once a slice has run
 * long enough; stops when the signal is aborted. A unit that waits (a file being unpacked) gives
 * the thread back while it waits, and a new slice starts when it is resumed.
 */
export async function runInSlices<T>(steps: WorkSteps<T>, options: SliceOptions = {}): Promise<T> {
  const { sliceMs = SLICE_MS, signal, yieldTo = yieldToEventLoop, now = clock } = options;
  if (signal?.aborted) throw new WorkCancelled();
  let started = now();
  return finishWaiting(steps, async (waited) => {
    if (waited) started = now();
    else if (now() - started >= sliceMs) {
      await yieldTo();
      started = now();
    }
    // Checked after the turn given, so that a Cancel made during it stops the next unit.
    if (signal?.aborted) throw new WorkCancelled();
  });
}

/** Jobs on the pane's thread, in slices. */
export function slicedRunner(options: Omit<SliceOptions, "signal"> = {}): WorkRunner {
  return {
    run: (job, input, signal) => runInSlices(JOBS[job](input), { ...options, ...(signal ? { signal } : {}) }),
  };
}

/** The runner the screens use when they are given none: in slices, on the pane's thread. */
export const SLICED: WorkRunner = slicedRunner();
