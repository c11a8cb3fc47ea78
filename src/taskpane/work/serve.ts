/**
 * The worker's side of protocol.ts: gathers each job's grids as they come, runs the job and posts
 * back its output in bands. Apart from protocol.ts so that the pane's own bundle, which only sends
 * work, does not carry every job's code: the worker's bundle (worker.ts) does.
 */
import { finishWaiting, type WorkSteps } from "../../app";
import { JOBS, type JobInput, type JobName } from "./jobs";
import { CELLS_PER_MESSAGE, outputMessages, type FromWorker, type ToWorker } from "./protocol";

/**
 * The worker's side: gathers each job's grids as they come, runs the job when asked (straight
 * through: nothing else waits on this thread) and posts back its output, or its error by name
 * and message (TooLarge and the like keep their names).
 */
export function serveJobs(post: (message: FromWorker) => void, options: { cellsPerMessage?: number } = {}): (message: ToWorker) => void {
  const { cellsPerMessage = CELLS_PER_MESSAGE } = options;
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
    const failed = (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ kind: "failed", job: message.job, error: { name: e.name, message: e.message } });
    };
    try {
      // Jobs that read a paste or a file carry it in their input and have no grids.
      const input = (message.sheets === null ? message.input : { ...message.input, grids: sheets.slice(0, message.sheets) }) as unknown as JobInput<JobName>;
      // Straight through, waiting only where a job waits (a file being unpacked).
      finishWaiting((JOBS[message.name] as (input: JobInput<JobName>) => WorkSteps<unknown>)(input)).then((output) => {
        // An output that cannot be sent (a value a message cannot copy) fails the job, never leaves it waiting.
        try {
          for (const part of outputMessages(message.job, output, cellsPerMessage)) post(part);
        } catch (error) {
          failed(error);
        }
      }, failed);
    } catch (error) {
      failed(error);
    }
  };
}
