// The pane's heavy work off the thread the custom functions share with it (issue 25, item 3):
// the jobs give the same results in a worker, in slices and straight through; sliced, the event
// loop gets turns between units; the grids go to the worker in bands, with turns between them;
// a cancelled job stops the worker; a worker that fails gives way to the slices.
import { readFileSync } from "fs";
import { join } from "path";
import { parseDelimited } from "../../src/core/table/delimited";
import { finishWaiting } from "../../src/app/steps";
import { checkWorkbook } from "../../src/app/check";
import { paperDocumentSince, paperOf } from "../../src/app/paper";
import { gridFromText, importTable, renderHtml, renderText, type FixKind } from "../../src/core/table";
import { tablesToImport } from "../../src/app/check";
import { checksReportDate } from "../../src/app/import-checks";
import { importTableOperations } from "../../src/app/import-sheet";
import { tableSpan } from "../../src/core/table";
import { Workbook } from "exceljs";
import type { ImportSource } from "../../src/taskpane/work/import-jobs";
import { planFixes } from "../../src/app/fix";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { JOBS, type JobInput, type JobName } from "../../src/taskpane/work/jobs";
import { runInSlices, slicedRunner, SLICED, yieldToEventLoop } from "../../src/taskpane/work/slices";
import { gridMessages, outputMessages, putMatrices, workerRunner, type FromWorker, type ToWorker, type WorkerLike } from "../../src/taskpane/work/protocol";
import { serveJobs } from "../../src/taskpane/work/serve";
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

/** Resolves once `ready` holds, looking after each turn of the event loop (at most 2,000 turns). */
async function waitUntil(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !ready(); i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The paste as Import's jobs take it, under `key`. */
function pasted(key: string): ImportSource {
  return { key, from: "paste", name: "Pasted table", text: PASTE };
}

/**
 * Runs `steps` in slices of no length (a turn after every unit), cancelling at turn `cancelAt`;
 * expects the run to stop as cancelled, and gives the turns taken.
 */
async function turnsUntilCancelled(steps: Parameters<typeof runInSlices>[0], cancelAt: number): Promise<number> {
  const controller = new AbortController();
  let turns = 0;
  const run = runInSlices(steps, {
    sliceMs: 0,
    signal: controller.signal,
    yieldTo: async () => {
      turns++;
      if (turns === cancelAt) controller.abort();
      await yieldToEventLoop();
    },
  });
  await expect(run).rejects.toMatchObject({ name: "WorkCancelled" });
  return turns;
}

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
      importSource: { source: pasted("same results") },
      importChoice: { source: pasted("same results"), table: 1, realign: true },
      importWrite: { source: pasted("same results"), table: 0, realign: true, keepNotes: true, checks: true, sheetNames: [], tableNames: [] },
      earlierPaper: { source: { key: "earlier", from: "paste", name: "Last paper", text: readFileSync(join(SAMPLES, "savings-plan-messy.tsv"), "utf8") } },
      fixChanges: { grids, kinds: FIX_KINDS },
    };
    for (const name of Object.keys(JOBS) as JobName[]) {
      const straight = await finishWaiting((JOBS[name] as (i: unknown) => Generator<void, unknown, unknown>)(inputs[name]));
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
    const straight = await turnsDuring(() => finishWaiting(JOBS.check({ grids, request: REQUEST })));
    expect(straight.turns).toBe(0);
    expect(sliced.result).toEqual(straight.result);
  });

  test("stop at the next unit once cancelled", async () => {
    const grids = await sampleWorkbook();
    expect(await turnsUntilCancelled(JOBS.check({ grids, request: REQUEST }), 2)).toBe(2);
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
  private readonly handle: (message: ToWorker) => void;

  /** `cellsPerMessage`: how large a table of an output may be before it comes back in bands. */
  constructor(cellsPerMessage?: number) {
    this.handle = serveJobs((message) => setImmediate(() => !this.terminated && this.onmessage?.({ data: structuredClone(message) })), cellsPerMessage ? { cellsPerMessage } : {});
  }

  postMessage(message: ToWorker): void {
    const copy = structuredClone(message);
    this.sent.push(copy);
    setImmediate(() => !this.terminated && this.handle(copy));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A runner over in-process workers, each one it starts kept in `workers`, the slices its fallback. */
function recordedWorkers(options: { cellsPerMessage?: number } = {}): { runner: ReturnType<typeof workerRunner>; workers: InProcessWorker[] } {
  const workers: InProcessWorker[] = [];
  const runner = workerRunner(
    () => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    },
    SLICED,
    options,
  );
  return { runner, workers };
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
  test("Import's jobs give what the app's functions give: the tables found, the chosen one laid out, the operations that write it; in slices and in the worker", async () => {
    const grids = [gridFromText("Pasted table", PASTE)];
    const read = tablesToImport(grids, undefined);
    expect(read.tables.map((t) => t.kind)).toEqual(["savings-plan", "action-plan", "budget"]);
    const runner = workerRunner(() => new InProcessWorker(), SLICED, { cellsPerMessage: 50 });
    // Each run under a new key, so that each reads the paste afresh rather than from the last reading kept.
    let n = 0;
    const ways = [(key: string) => SLICED.run("importSource", { source: pasted(key) }), (key: string) => runner.run("importSource", { source: pasted(key) })];
    for (const way of ways) {
      const view = await way(`import ${++n}`);
      expect(view.found.map((f) => [f.kind, f.sheet, f.headerRow, f.lastRow, f.kindReason])).toEqual(read.tables.map((t) => [t.kind, t.sheet, t.headerRow, t.lastRow, t.kindReason]));
      expect(view.stated).toEqual(checksReportDate(undefined, grids, read.tables));
    }
    const spans = read.tables.map(tableSpan);
    for (const [index, table] of read.tables.entries()) {
      const imported = importTable(table, { realign: true });
      for (const run of [SLICED, runner]) {
        const source = pasted(`import ${++n}`);
        const choice = await run.run("importChoice", { source, table: index, realign: true });
        expect(choice.table).toMatchObject({ kind: table.kind, headerRow: table.headerRow, lastRow: table.lastRow });
        expect(plain(choice.notes)).toEqual(plain(imported.notes));
        expect(plain(choice.written!.rows)).toEqual(plain(imported.rows.slice(0, 15)));
        expect(choice.written!.more).toBe(Math.max(0, imported.rows.length - 15));
        expect(choice.preview!.rows[0]!.index).toBe(table.headerRow);
        const made = await run.run("importWrite", { source, table: index, realign: true, keepNotes: true, checks: true, sheetNames: ["Sheet1"], tableNames: [] });
        const expected = importTableOperations({ imported, grid: grids[0]!, others: spans.filter((_, i) => i !== index), source: "Pasted table", keepNotes: true, checks: true }, ["Sheet1"], []);
        expect([made.sheet, made.checksSheet, made.notesSheet]).toEqual([expected.sheet, expected.checksSheet, expected.notesSheet]);
        expect(plain(made.operations)).toEqual(plain(expected.operations));
      }
    }
    // Read as another kind: the same table read again, never another table on the paste.
    const again = await runner.run("importChoice", { source: pasted(`import ${++n}`), table: 1, kind: "deficit", realign: true });
    expect(again.table).toBeNull();
    const asSavings = await runner.run("importChoice", { source: pasted(`import ${++n}`), table: 1, kind: "savings-plan", realign: true });
    expect(asSavings.table).toMatchObject({ kind: "savings-plan", headerRow: read.tables[1]!.headerRow });
  });

  test("Import's jobs read a chosen file's bytes as hnb reads files (a .tsv, an .xlsx workbook); anything else is refused by name", async () => {
    const text = readFileSync(join(SAMPLES, "savings-plan-messy.tsv"), "utf8");
    const bytes = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const book = new Workbook();
    const sheet = book.addWorksheet("Savings");
    for (const row of parseDelimited(text, "\t")) sheet.addRow(row);
    const xlsx = bytes(new Uint8Array(await book.xlsx.writeBuffer()));
    const runner = workerRunner(() => new InProcessWorker(), SLICED);
    const files: ImportSource[] = [
      { key: "file tsv", from: "file", name: "plan.tsv", bytes: bytes(new TextEncoder().encode(text)) },
      { key: "file xlsx", from: "file", name: "plan.xlsx", bytes: xlsx },
    ];
    for (const source of files) {
      for (const run of [SLICED, runner]) {
        const view = await run.run("importSource", { source: { ...source, key: `${source.key} ${run === SLICED ? "sliced" : "worker"}` } });
        expect([source.name, view.found.map((f) => f.kind)]).toEqual([source.name, ["savings-plan"]]);
      }
    }
    expect((await runner.run("importSource", { source: files[1]! })).found[0]!.sheet).toBe("Savings");
    await expect(runner.run("importSource", { source: { key: "pdf", from: "file", name: "paper.pdf", bytes: new ArrayBuffer(4) } })).rejects.toThrow("paper.pdf is not a file the add-in can read");
    // A paste over the limits comes back refused by name, with the limit it passed.
    const over = ["Initiative\tRAG", ...Array.from({ length: 200_001 }, (_, i) => `I${i}\tGreen`)].join("\n");
    await expect(runner.run("importSource", { source: { key: "over", from: "paste", name: "Pasted table", text: over } })).rejects.toMatchObject({ name: "TooLarge" });
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
    expect(await turnsUntilCancelled(JOBS.importSource({ source: pasted("cancelled") }), 1)).toBe(1);

    const workbook = await sampleWorkbook();
    const { runner, workers } = recordedWorkers();
    const starts = [(signal: AbortSignal) => runner.run("importSource", { source: pasted("cancelled in the worker") }, signal), (signal: AbortSignal) => runner.run("fixChanges", { grids: workbook, kinds: FIX_KINDS }, signal)];
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
    const { runner, workers } = recordedWorkers({ cellsPerMessage: 50 });
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

  test("an output's large tables of cells come back in bands of rows and are put back as they were", async () => {
    const rows = Array.from({ length: 1_000 }, (_, r) => [`Initiative ${r}`, r * 1_000, r % 2 ? null : "On track"]);
    const output = { sheet: "Savings plan", operations: [{ kind: "addSheet", sheet: "Savings plan" }, { kind: "write", sheet: "Savings plan", values: rows }, { kind: "write", values: [["Small", 1]] }], lookup: new Map([["a", 1]]) };
    const messages = [...outputMessages(3, output, 50)].map((m) => structuredClone(m));
    const bands = messages.filter((m) => m.kind === "band");
    // Each band no more than the cells asked for; the output itself last, without the large table.
    expect(bands.length).toBe(Math.ceil(rows.length / Math.floor(50 / 3)));
    for (const band of bands) expect((band as Extract<FromWorker, { kind: "band" }>).rows.length * 3).toBeLessThanOrEqual(50);
    const done = messages[messages.length - 1] as Extract<FromWorker, { kind: "done" }>;
    expect(done.kind).toBe("done");
    expect(JSON.stringify(done.output).length).toBeLessThan(400);
    const tables: unknown[][][] = [];
    for (const band of bands as Extract<FromWorker, { kind: "band" }>[]) (tables[band.table] ??= []).push(...band.rows);
    expect(plain(putMatrices(done.output, tables))).toEqual(plain(output));
    // Through a worker, an import's rows to write come back whole.
    const runner = workerRunner(() => new InProcessWorker(50), SLICED, { cellsPerMessage: 50 });
    const source = pasted("bands");
    const made = await runner.run("importWrite", { source, table: 0, realign: true, keepNotes: true, checks: true, sheetNames: [], tableNames: [] });
    expect(plain(made)).toEqual(plain(await SLICED.run("importWrite", { source: pasted("bands, sliced"), table: 0, realign: true, keepNotes: true, checks: true, sheetNames: [], tableNames: [] })));
  });

  test("a cancelled job is dropped at once and stops the worker; the next job starts another", async () => {
    const grids = await sampleWorkbook();
    const { runner, workers } = recordedWorkers();
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
    // A job's answer is posted once it has run, which may wait (a file being unpacked): not within the call.
    await new Promise((resolve) => setImmediate(resolve));
    expect(posted).toEqual([{ kind: "failed", job: 1, error: { name: "TypeError", message: expect.any(String) } }]);
  });

  test("a job whose output cannot be sent fails with the reason, never leaving the pane waiting", async () => {
    const posted: FromWorker[] = [];
    const handle = serveJobs((message) => {
      if (message.kind === "done") throw Object.assign(new Error("could not be cloned"), { name: "DataCloneError" });
      posted.push(message);
    });
    handle({ kind: "run", job: 4, name: "importSource", input: { source: pasted("unsendable") }, sheets: null });
    await waitUntil(() => posted.length > 0);
    expect(posted).toEqual([{ kind: "failed", job: 4, error: { name: "DataCloneError", message: "could not be cloned" } }]);
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
