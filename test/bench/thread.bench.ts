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
import { finish } from "../../src/app/steps";
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
    { name: "on the thread, straight through (before)", check: async (grids) => finish(JOBS.check({ grids, request: REQUEST })) },
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
  // Import's reading of the same workbook's tables (a workbook chosen in Import, read for its tables),
  // the three ways: the parsing of a paste or file and the import of the chosen table stay on the thread.
  const grids = await new OfficeWorkbook(excel.run, { requirements: null }).readSheets();
  const importWays: { name: string; read: () => Promise<unknown> }[] = [
    { name: "on the thread, straight through (before)", read: async () => finish(JOBS.importTables({ grids })) },
    { name: "on the thread, in slices (no worker)", read: () => sliced.run("importTables", { grids }) },
    { name: "in the pane's worker", read: () => inWorker.run("importTables", { grids }) },
  ];
  const importFigures: { name: string; longest: number; ms: number }[] = [];
  for (const way of importWays) {
    for (const timed of [false, true]) {
      const { longest, ms } = await meter.measure(way.read);
      if (timed) importFigures.push({ name: way.name, longest, ms });
    }
  }
  (worker as WorkerLike | null)?.terminate();

  // Round trips per command, at this size: the check's read, and every sheet once the change log is there too.
  const syncs: { command: string; syncs: number }[] = [];
  const count = async (command: string, run: () => Promise<unknown>) => {
    excel.reset();
    await run();
    syncs.push({ command, syncs: excel.syncCount });
  };
  const known = new OfficeWorkbook(excel.run, { requirements: null });
  await count("read all tables, the first read of a session", () => known.readSheets());
  await count("read all tables (the check's read, sheets known)", () => known.readSheets());
  await count("write check marks and the change log", () => known.apply(checkMarkOperations(ROWS, SHEET)));
  await count("read all tables + change log", () => known.readSheets());
  await count("read all tables + change log, the first read of a session", () => new OfficeWorkbook(excel.run, { requirements: null }).readSheets());

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
  console.log(`\nThe same thread while Import reads that workbook's tables (the tables' reading only; parsing the file and importing the chosen table stay on the thread):`);
  for (const f of importFigures) console.log(`  ${f.name.padEnd(width)}  longest held ${ms(f.longest).padStart(8)}  all told ${ms(f.ms).padStart(8)}`);
  console.log(`  Not in the fake, on the thread in Excel as well: office.js parsing each response, about ${ms(parseMs)} for ${(response.length / 1e6).toFixed(1)} MB here; and the findings drawn by React.`);
  console.log(`\nRound trips (context.sync) per command at ${ROWS.toLocaleString("en-GB")} rows:`);
  const cw = Math.max(...syncs.map((s) => s.command.length));
  for (const s of syncs) console.log(`  ${s.command.padEnd(cw)}  ${s.syncs}${s.syncs > SYNC_TARGET ? `  (over ${SYNC_TARGET})` : ""}`);
  const most = Math.max(...syncs.filter((s) => !s.command.includes("first read of a session")).map((s) => s.syncs));
  console.log(`Most syncs per command once the pane has read the workbook (Home reads it when shown): ${most} (target ≤ ${SYNC_TARGET}, read all + change log included).`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
