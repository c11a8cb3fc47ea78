/*
 * How long the task pane holds the thread it shares with the custom functions while it checks a
 * 20,000-row workbook in Excel, and the round trips each command makes (issue 25, item 3). Not a
 * jest test: `npm run bench` runs it (scripts/bench.mjs, through ts-node). Figures, not a pass or
 * fail: it exits 0 whatever they are.
 *
 * Targets: the thread held at most 50 ms at a time; at most 4 syncs per command at 20,000 rows,
 * reading every sheet once the change log's 20,000 rows are there too included.
 *
 * The check goes the pane's way: the office adapter reads every sheet (Excel is the recording fake
 * of test/workbook/office-fake.ts, answering each sync in a later turn of the event loop, as a
 * round trip to Excel does), then the check job runs (src/taskpane/work). Three ways:
 *  - on the thread, straight through (as the pane did before);
 *  - on the thread in slices (where no worker can be used);
 *  - in the worker, the page's way: here a Node worker thread running the same job code
 *    (thread-worker.cjs), the grids handed over in bands.
 *
 * The meter: a ticker that re-arms itself with setImmediate; the longest gap between two of its
 * turns is the longest the thread was held. What the fake does at a sync (carrying out the calls,
 * measuring the response) stands for Excel's own work, which is not on the add-in's thread: it is
 * left out of the gaps. What office.js does with a response on the add-in's thread (JSON.parse of
 * up to 4 MB) is not in the fake; its time is measured apart and printed beside.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { finishWaiting } from "../../src/app/steps";
import { JOBS } from "../../src/taskpane/work/jobs";
import { slicedRunner } from "../../src/taskpane/work/slices";
import { workerRunner, type FromWorker, type WorkerLike } from "../../src/taskpane/work/protocol";
import type { CheckRequest } from "../../src/app/check";
import type { SheetRead } from "../../src/port";
import { FakeExcel, checkMarkOperations, importOperations } from "../workbook/office-fake";

const ROWS = Number(process.env.THREAD_BENCH_ROWS ?? 20_000);
const SHEET = "Savings plan import";
const BLOCK_TARGET_MS = 50;
const SYNC_TARGET = 4;
const REQUEST: CheckRequest = { today: 45_800 };
/** A pasted plan at the limits: a million cells. */
const COLUMNS = 13;
const LIMIT_ROWS = Number(process.env.THREAD_BENCH_LIMIT_ROWS ?? Math.floor(1_000_000 / COLUMNS) - 1);

/** A savings plan as pasted out of a paper: amounts typed with £, brackets and commas. */
function pastedPlan(rows: number): string {
  const statuses = ["On track", "At risk", "Off track", "Complete"];
  const lines = ["Initiative\tMilestone\tBudget\tTarget date\tAim\tRAG status\tLead\t2024/25\t2025/26\t2026/27\tCalculation\tProgress\tTheme"];
  for (let i = 0; i < rows; i++) {
    lines.push([`Initiative ${i + 1}`, `Milestone ${(i % 5) + 1}`, `£${(i % 90) + 5}k`, `${(i % 28) + 1}/${(i % 12) + 1}/2026`, "Reduce requests for assessment by 5%", statuses[i % 4], "Head of SEND", `£${((i % 60) + 1) * 1000}`, `(£${((i % 7) + 1) * 1000})`, `£${((i % 9) + 1) * 1000}`, "3 placements x £5,000", i % 2 ? "Progressing" : "", "Value for money"].join("\t"));
  }
  return `${lines.join("\r\n")}\r\n`;
}

const now = (): number => performance.now();

/** The longest the thread went without a turn of the event loop, less the fake Excel's own work. */
class BlockedMeter {
  /** Time spent in the fake's host work so far. */
  private host = 0;
  private last = 0;
  private hostAtLast = 0;
  private running = false;
  longest = 0;

  /** For FakeExcel.hostWork: Excel's share of a sync, not the add-in's. */
  readonly hostWork = <T>(work: () => T): T => {
    const started = now();
    try {
      return work();
    } finally {
      this.host += now() - started;
    }
  };

  private readonly tick = (): void => {
    const t = now();
    this.longest = Math.max(this.longest, t - this.last - (this.host - this.hostAtLast));
    this.last = t;
    this.hostAtLast = this.host;
    if (this.running) setImmediate(this.tick);
  };

  async measure<T>(work: () => Promise<T>): Promise<{ result: T; longest: number; ms: number }> {
    this.longest = 0;
    this.running = true;
    this.last = now();
    this.hostAtLast = this.host;
    setImmediate(this.tick);
    const started = now();
    const result = await work();
    const ms = now() - started;
    this.running = false;
    // The stretch from the last turn to the end counts too.
    this.tick();
    return { result, longest: this.longest, ms };
  }
}

/** The pane's worker as a Node worker thread, in the shape the pane's runner takes. */
function nodeWorker(): WorkerLike {
  const thread = new Worker(join(__dirname, "thread-worker.cjs"));
  const like: WorkerLike = {
    postMessage: (message) => thread.postMessage(message),
    terminate: () => void thread.terminate(),
    onmessage: null,
    onerror: null,
  };
  thread.on("message", (data: FromWorker) => like.onmessage?.({ data }));
  thread.on("error", (error) => like.onerror?.(error));
  return like;
}

async function main(): Promise<void> {
  const meter = new BlockedMeter();
  const excel = new FakeExcel();
  excel.roundTrip = "task";
  excel.hostWork = meter.hostWork;
  const setUp = new OfficeWorkbook(excel.run, { requirements: null });
  await setUp.apply(importOperations(ROWS, SHEET));

  const sliced = slicedRunner();
  let worker: WorkerLike | null = null;
  const inWorker = workerRunner(() => (worker = nodeWorker()), sliced);
  // The worker thread loads the job code through ts-node: once, before anything is timed (in the
  // page the worker's script is loaded and compiled on the worker's own thread).
  await inWorker.run("check", { grids: [{ name: "Warm-up", values: [["Status"], ["Green"]], numberFormats: [["General"], ["General"]], formulas: [[null], [null]] }], request: REQUEST });

  const ways: { name: string; check: (grids: SheetRead[]) => Promise<unknown> }[] = [
    { name: "on the thread, straight through (before)", check: (grids) => finishWaiting(JOBS.check({ grids, request: REQUEST })) },
    { name: "on the thread, in slices (no worker)", check: (grids) => sliced.run("check", { grids, request: REQUEST }) },
    { name: "in the pane's worker", check: (grids) => inWorker.run("check", { grids, request: REQUEST }) },
  ];
  const figures: { name: string; longest: number; ms: number; findings: number }[] = [];
  for (const way of ways) {
    // Each way once to warm up, then timed: the pane's read (a new adapter each time, its sheets
    // known from Home's read, as when Check runs), then the check.
    for (const timed of [false, true]) {
      const port = new OfficeWorkbook(excel.run, { requirements: null });
      await port.listSheets();
      const { result, longest, ms } = await meter.measure(async () => way.check(await port.readSheets()));
      if (timed) figures.push({ name: way.name, longest, ms, findings: (result as { findingCount: number }).findingCount });
    }
  }
  // Import of a pasted table, all of it as the pane does it: the paste parsed and its tables read,
  // the chosen table laid out for the preview, and the operations that write it made; at this
  // size and at the limits (a million cells). Each run under a new key, so nothing is read from
  // the last run's reading.
  let key = 0;
  const importAll = async (run: (name: "importSource" | "importChoice" | "importWrite", input: Record<string, unknown>) => Promise<unknown>, text: string) => {
    const source = { key: `bench ${++key}`, from: "paste", name: "Pasted table", text };
    const view = (await run("importSource", { source })) as { found: unknown[] };
    if (view.found.length === 0) throw new Error("The bench's paste was not read as a table.");
    await run("importChoice", { source, table: 0, realign: true });
    const made = (await run("importWrite", { source, table: 0, realign: true, keepNotes: true, checks: true, sheetNames: [], tableNames: [] })) as { operations: unknown[] };
    return made.operations.length;
  };
  const straight = (name: keyof typeof JOBS, input: Record<string, unknown>) => finishWaiting((JOBS[name] as (i: unknown) => Generator<void | Promise<unknown>, unknown, unknown>)(input));
  const importWays: { name: string; run: (name: "importSource" | "importChoice" | "importWrite", input: Record<string, unknown>) => Promise<unknown> }[] = [
    { name: "on the thread, straight through (before)", run: straight },
    { name: "on the thread, in slices (no worker)", run: (name, input) => sliced.run(name, input as never) },
    { name: "in the pane's worker", run: (name, input) => inWorker.run(name, input as never) },
  ];
  const importFigures: { name: string; rows: number; longest: number; ms: number }[] = [];
  for (const rows of [ROWS, LIMIT_ROWS]) {
    const text = pastedPlan(rows);
    for (const way of importWays) {
      // At the limits, the slices are left out: they hold the thread no longer than at 20,000 rows, and take the longest.
      if (rows === LIMIT_ROWS && way.name.includes("slices")) continue;
      for (const timed of rows === ROWS ? [false, true] : [true]) {
        const { longest, ms } = await meter.measure(() => importAll(way.run, text));
        if (timed) importFigures.push({ name: way.name, rows, longest, ms });
      }
    }
  }
  (worker as WorkerLike | null)?.terminate();

  // Round trips per command, at this size: the check's read, and every sheet once the change log is there too.
  const syncs: { command: string; syncs: number }[] = [];
  /** `others`: syncs the run makes that are not the command's own (the change watch's registration). */
  const count = async (command: string, run: () => Promise<unknown>, others = 0) => {
    excel.reset();
    await run();
    syncs.push({ command, syncs: excel.syncCount - others });
  };
  const known = new OfficeWorkbook(excel.run, { requirements: null });
  await count("read all tables, a session's first read, alone", () => known.readSheets());
  await count("read all tables (the check's read, sheets known)", () => known.readSheets());
  await count("write check marks and the change log", () => known.apply(checkMarkOperations(ROWS, SHEET)));
  await count("read all tables + change log", () => known.readSheets());
  await count("read all tables + change log, a session's first read, alone", () => new OfficeWorkbook(excel.run, { requirements: null }).readSheets());
  // As the pane starts: the change watch is registered (its own sync, learning the sheet names), and Home's read starts meanwhile.
  let stopWatching: (() => Promise<void>) | null = null;
  await count("read all tables + change log, a session's first read, as the pane starts (watch's sync not counted)", async () => {
    const session = new OfficeWorkbook(excel.run, { requirements: null });
    const watching = session.watchChanges(() => undefined);
    const read = session.readSheets();
    stopWatching = await watching;
    await read;
  }, 1);
  await (stopWatching as (() => Promise<void>) | null)?.();

  // What office.js does with the largest response on the pane's thread, which the fake does not: parse it.
  const response = JSON.stringify(
    Array.from({ length: Math.floor(ROWS / 2) }, (_, i) => [`Initiative ${i}`, "Milestone activities in a sentence or two", 45_500 + i, "On track", "Head of SEND", 40_000, 95_000, 120_000, null, null, null, "General", "£#,##0"]),
  );
  const parseStart = now();
  JSON.parse(response);
  const parseMs = now() - parseStart;

  const ms = (n: number) => `${Math.round(n).toLocaleString("en-GB")} ms`;
  console.log(`\nThe pane's thread (shared with the custom functions) while checking a ${ROWS.toLocaleString("en-GB")}-row workbook through the office adapter (recording fake of Office.js):`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(width)}  longest held ${ms(f.longest).padStart(8)}  all told ${ms(f.ms).padStart(8)}  (${f.findings.toLocaleString("en-GB")} findings)`);
  }
  const paneWay = figures[figures.length - 1]!;
  console.log(`Longest time the thread is blocked, checking in the pane's worker: ${ms(paneWay.longest)} (target ≤ ${BLOCK_TARGET_MS} ms${paneWay.longest <= BLOCK_TARGET_MS ? "" : ": over it"}).`);
  console.log(`\nThe same thread while Import takes a pasted savings plan of ${COLUMNS} columns (the paste parsed and its tables read, the chosen table laid out for the preview, the operations that write it made):`);
  for (const f of importFigures) console.log(`  ${`${f.rows.toLocaleString("en-GB")} rows (${(f.rows * COLUMNS).toLocaleString("en-GB")} cells), ${f.name}`.padEnd(width + 28)}  longest held ${ms(f.longest).padStart(8)}  all told ${ms(f.ms).padStart(8)}`);
  const worst = Math.max(...importFigures.filter((f) => f.name === "in the pane's worker").map((f) => f.longest));
  console.log(`Longest time the thread is blocked, importing in the pane's worker: ${ms(worst)} (target ≤ ${BLOCK_TARGET_MS} ms${worst <= BLOCK_TARGET_MS ? "" : ": over it"}); writing the sheet through office.js stays on the thread.`);
  console.log(`  Not in the fake, on the thread in Excel as well: office.js parsing each response, about ${ms(parseMs)} for ${(response.length / 1e6).toFixed(1)} MB here; and the findings drawn by React.`);
  console.log(`\nRound trips (context.sync) per command at ${ROWS.toLocaleString("en-GB")} rows:`);
  const cw = Math.max(...syncs.map((s) => s.command.length));
  for (const s of syncs) console.log(`  ${s.command.padEnd(cw)}  ${s.syncs}${s.syncs > SYNC_TARGET ? `  (over ${SYNC_TARGET})` : ""}`);
  const most = Math.max(...syncs.filter((s) => !s.command.endsWith("alone")).map((s) => s.syncs));
  console.log(`Most syncs per command as the pane makes them (its first read learning the sheet names from the change watch's sync): ${most} (target ≤ ${SYNC_TARGET}, read all + change log included).`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
