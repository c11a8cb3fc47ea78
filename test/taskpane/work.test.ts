// The pane's heavy work off the thread the custom functions share with it (issue 25, item 3):
// the jobs give the same results in a worker, in slices and straight through; sliced, the event
// loop gets turns between units; the grids go to the worker in bands, with turns between them;
// a cancelled job stops the worker; a worker that fails gives way to the slices.
import { readFileSync } from "fs";
import { join } from "path";
import { parseDelimited } from "../../src/core/table/delimited";
import { finish } from "../../src/app/steps";
import { checkWorkbook } from "../../src/app/check";
import { paperDocumentSince, paperOf } from "../../src/app/paper";
import { gridFromText, renderHtml, renderText, type FixKind } from "../../src/core/table";
import { tablesToImport } from "../../src/app/check";
import { planFixes } from "../../src/app/fix";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { JOBS, type JobInput, type JobName } from "../../src/taskpane/work/jobs";
import { runInSlices, slicedRunner, SLICED, yieldToEventLoop } from "../../src/taskpane/work/slices";
import { gridMessages, serveJobs, workerRunner, type FromWorker, type ToWorker, type WorkerLike } from "../../src/taskpane/work/protocol";
import { pageWorkRunner } from "../../src/taskpane/work/start";
import type { SheetRead } from "../../src/port";

const SAMPLES = join(__dirname, "../fixtures/samples");
const NAMES = ["action-plan-messy", "savings-plan-messy", "dsg-budget", "dsg-budget-broken", "hnb-budget-monitoring", "dsg-outturn-by-block", "dsg-balance-scenarios", "strategy-scorecard"];

async function sampleWorkbook(): Promise<SheetRead[]> {
  const grids = NAMES.map((name) => ({ name, values: parseDelimited(readFileSync(join(SAMPLES, `${name}.tsv`), "utf8"), "\t") }));
  return MemoryWorkbook.fromGrids([{ name: "Report", values: [["Report date", "31/03/2025"]] }, ...grids]).readSheets();
}

const REQUEST = { asOf: 45_747, today: 45_800 };
const FIX_KINDS: FixKind[] = ["text-from-fills", "normalise-statuses", "fills-from-text", "status-lists"];
/** Two tables pasted one under the other, and a table the headings miss, as Import reads them. */
const PASTE = ["savings-plan-messy", "action-plan-messy", "dsg-outturn-by-block"].map((name) => readFileSync(join(SAMPLES, `${name}.tsv`), "utf8").trimEnd()).join("\n\n\n");

/** Counts turns of the event loop while `work` runs: a ticker that re-arms itself with setImmediate. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  // The ticker's first turn is not counted as work's: start counting from here.
  turns = 0;
  const result = await work();
  running = false;
  return { result, turns };
}

describe("the pane's jobs", () => {
  test("give the same results in slices as straight through, and as the app's own functions", async () => {
    const grids = await sampleWorkbook();
    const inputs: { [K in JobName]: JobInput<K> } = {
      check: { grids, request: REQUEST },
      paper: { grids, earlier: null },
      summarySheet: { grids, earlier: null },
      home: { grids },
      importTables: { grids: [gridFromText("Pasted table", PASTE)] },
      fixChanges: { grids, kinds: FIX_KINDS },
    };
    for (const name of Object.keys(JOBS) as JobName[]) {
      const straight = finish((JOBS[name] as (i: unknown) => Generator<void, unknown, void>)(inputs[name]));
      const sliced = await SLICED.run(name, inputs[name] as never);
      expect([name, sliced]).toEqual([name, straight]);
    }
    // The check is the report hnb check gives, less the tables themselves.
    const report = checkWorkbook(grids, REQUEST);
    const view = await SLICED.run("check", inputs.check);
    expect(view).toEqual({ asOf: report.asOf, unreadable: report.unreadable, sections: report.sections, summary: report.summary, counts: report.counts, tableCount: report.tables.length + report.readings.length, findingCount: report.findings.length });
    expect(view.findingCount).toBeGreaterThan(0);
    const doc = paperDocumentSince(paperOf(grids), null);
    expect(await SLICED.run("paper", inputs.paper)).toEqual({ html: renderHtml(doc), text: renderText(doc) });
  });

  test("sliced, give the event loop turns between units; straight through, none", async () => {
    const grids = await sampleWorkbook();
    // Slices of no length: a turn after every unit (each sheet read, the tables checked, each shape checked).
    const sliced = await turnsDuring(() => slicedRunner({ sliceMs: 0 }).run("check", { grids, request: REQUEST }));
    expect(sliced.turns).toBeGreaterThanOrEqual(grids.length);
    const straight = await turnsDuring(async () => finish(JOBS.check({ grids, request: REQUEST })));
    expect(straight.turns).toBe(0);
    expect(sliced.result).toEqual(straight.result);
  });

  test("stop at the next unit once cancelled", async () => {
    const grids = await sampleWorkbook();
    const controller = new AbortController();
    let units = 0;
    const counted = (function* () {
      const result = yield* JOBS.check({ grids, request: REQUEST });
      return result;
    })();
    const run = runInSlices(counted, {
      sliceMs: 0,
      signal: controller.signal,
      yieldTo: async () => {
        units++;
        if (units === 2) controller.abort();
        await yieldToEventLoop();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "WorkCancelled" });
    expect(units).toBe(2);
  });
});

/**
 * A worker in this process: messages copied as a browser copies them (structuredClone), each
 * delivered in a later turn of the event loop, and handled by the worker's own code (serveJobs).
 */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: ToWorker[] = [];
  terminated = false;
  private readonly handle = serveJobs((message) => setImmediate(() => !this.terminated && this.onmessage?.({ data: structuredClone(message) })));

  postMessage(message: ToWorker): void {
    const copy = structuredClone(message);
    this.sent.push(copy);
    setImmediate(() => !this.terminated && this.handle(copy));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/**
 * A value with its Maps as lists of entries: a RAG key's lookup is a Map, and one copied by this
 * process's structuredClone (the worker stand-in) is not one jest's own realm can walk.
 */
function plain(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === "[object Map]") return [...(value as Map<unknown, unknown>)].map(([k, v]) => [plain(k), plain(v)]);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

describe("Import's reading and Fix's changes as jobs", () => {
  test("Import's tables are tablesToImport's, guessed or read as a kind, in slices and in the worker", async () => {
    const grids = [gridFromText("Pasted table", PASTE)];
    const runner = workerRunner(() => new InProcessWorker(), SLICED, { cellsPerMessage: 50 });
    for (const kind of [undefined, "savings-plan", "reserve"] as const) {
      const expected = tablesToImport(grids, kind);
      const input = { grids, ...(kind ? { kind } : {}) };
      expect(await SLICED.run("importTables", input)).toEqual(expected);
      expect(plain(await runner.run("importTables", input))).toEqual(plain(expected));
    }
    expect(tablesToImport(grids, undefined).tables.map((t) => t.kind)).toEqual(["savings-plan", "action-plan", "budget"]);
  });

  test("Fix's changes are planFixes's, in slices and in the worker", async () => {
    const grids = await sampleWorkbook();
    const { plan, unreadable } = await planFixes(MemoryWorkbook.fromGrids(grids), FIX_KINDS);
    expect(plan.changes.length).toBeGreaterThan(0);
    const expected = { unreadable, changes: plan.changes };
    expect(await SLICED.run("fixChanges", { grids, kinds: FIX_KINDS })).toEqual(expected);
    const runner = workerRunner(() => new InProcessWorker(), SLICED, { cellsPerMessage: 50 });
    expect(await runner.run("fixChanges", { grids, kinds: FIX_KINDS })).toEqual(expected);
    // Sliced, the event loop gets a turn between the sheets read and the tables fixed.
    const { turns } = await turnsDuring(() => slicedRunner({ sliceMs: 0 }).run("fixChanges", { grids, kinds: FIX_KINDS }));
    expect(turns).toBeGreaterThanOrEqual(grids.length);
  });

  test("cancelled, they stop: in slices at the next unit, in the worker at once with the worker stopped", async () => {
    const grids = [gridFromText("Pasted table", PASTE)];
    const controller = new AbortController();
    let units = 0;
    const run = runInSlices(JOBS.importTables({ grids }), {
      sliceMs: 0,
      signal: controller.signal,
      yieldTo: async () => {
        units++;
        if (units === 1) controller.abort();
        await yieldToEventLoop();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "WorkCancelled" });
    expect(units).toBe(1);

    const workbook = await sampleWorkbook();
    const workers: InProcessWorker[] = [];
    const runner = workerRunner(() => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    }, SLICED);
    const starts = [(signal: AbortSignal) => runner.run("importTables", { grids }, signal), (signal: AbortSignal) => runner.run("fixChanges", { grids: workbook, kinds: FIX_KINDS }, signal)];
    for (const start of starts) {
      const stop = new AbortController();
      const job = start(stop.signal);
      stop.abort();
      await expect(job).rejects.toMatchObject({ name: "WorkCancelled" });
      expect(workers[workers.length - 1]!.terminated).toBe(true);
    }
    expect(workers).toHaveLength(2);
  });
});

describe("the pane's jobs in a worker", () => {
  test("give the same results, the grids sent in bands of rows with the event loop given turns between them", async () => {
    const grids = await sampleWorkbook();
    const workers: InProcessWorker[] = [];
    const runner = workerRunner(() => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    }, SLICED, { cellsPerMessage: 50 });
    const { result, turns } = await turnsDuring(() => runner.run("check", { grids, request: REQUEST }));
    expect(result).toEqual(await SLICED.run("check", { grids, request: REQUEST }));
    expect(workers).toHaveLength(1);
    const bands = workers[0]!.sent.filter((m) => m.kind === "rows");
    expect(bands.length).toBeGreaterThan(grids.length);
    // No band over the size asked for (a row alone may be, when it is wider).
    for (const band of bands) {
      const values = (band as Extract<ToWorker, { kind: "rows" }>).rows.values!;
      const width = values[0]?.length ?? 1;
      expect(values.length * width).toBeLessThanOrEqual(Math.max(50, width));
    }
    expect(turns).toBeGreaterThanOrEqual(bands.length);
    // The same worker serves the next job, and the paper comes back as the pane renders it.
    const paper = await runner.run("paper", { grids, earlier: null });
    expect(paper).toEqual(await SLICED.run("paper", { grids, earlier: null }));
    expect(workers).toHaveLength(1);
  });

  test("the worker rebuilds each grid as it was sent", async () => {
    const grids = await sampleWorkbook();
    const rebuilt: SheetRead[][] = [];
    const handle = serveJobs(() => undefined);
    const spy = jest.spyOn(JOBS, "home").mockImplementation(function* (input) {
      rebuilt.push(input.grids);
      yield;
      return { sheets: [], tables: [], readings: [], otherKey: "", reportDate: null, unbound: [], unreadable: [], skipped: [], keyProblems: [] };
    });
    try {
      for (const message of gridMessages(7, grids, 50)) handle(structuredClone(message));
      handle({ kind: "run", job: 7, name: "home", input: {}, sheets: grids.length });
    } finally {
      spy.mockRestore();
    }
    expect(rebuilt[0]).toEqual(grids);
  });

  test("a cancelled job is dropped at once and stops the worker; the next job starts another", async () => {
    const grids = await sampleWorkbook();
    const workers: InProcessWorker[] = [];
    const runner = workerRunner(() => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    }, SLICED);
    const controller = new AbortController();
    const run = runner.run("check", { grids, request: REQUEST }, controller.signal);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: "WorkCancelled" });
    expect(workers[0]!.terminated).toBe(true);
    expect(await runner.run("home", { grids })).toEqual(await SLICED.run("home", { grids }));
    expect(workers).toHaveLength(2);
  });

  test("a job that fails in the worker fails with its error's name and message", async () => {
    const posted: FromWorker[] = [];
    const handle = serveJobs((message) => posted.push(message));
    handle({ kind: "sheet", job: 1, index: 0, header: { name: "Broken" } as never, fields: [] });
    handle({ kind: "run", job: 1, name: "summarySheet", input: { earlier: null }, sheets: 1 });
    expect(posted).toEqual([{ kind: "failed", job: 1, error: { name: "TypeError", message: expect.any(String) } }]);
  });

  test("where the worker cannot start or fails, the jobs run in slices on the pane's thread instead", async () => {
    const grids = await sampleWorkbook();
    const expected = await SLICED.run("check", { grids, request: REQUEST });
    let starts = 0;
    const refused = workerRunner(() => {
      starts++;
      throw new Error("Refused by the page's Content-Security-Policy");
    }, SLICED);
    expect(await refused.run("check", { grids, request: REQUEST })).toEqual(expected);
    expect(await refused.run("check", { grids, request: REQUEST })).toEqual(expected);
    expect(starts).toBe(1);

    let failing: InProcessWorker | null = null;
    const broken = workerRunner(() => {
      failing = new InProcessWorker();
      // The script would not load: the worker reports an error and never answers.
      failing.postMessage = () => setImmediate(() => failing!.onerror?.({ message: "404" }));
      return failing;
    }, SLICED);
    expect(await broken.run("check", { grids, request: REQUEST })).toEqual(expected);
    expect(failing!.terminated).toBe(true);
  });

  test("outside a page with a script address (or without Worker), the page's runner is the slices", () => {
    expect(pageWorkRunner(null)).toBe(SLICED);
    expect(pageWorkRunner("https://example.org/taskpane.js?abc")).toBe(SLICED);
  });
});
