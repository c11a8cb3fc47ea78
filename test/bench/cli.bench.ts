/*
 * Speed of the hnb command line on a large savings plan. Not a jest test: `npm run bench` runs it
 * after the functions bench (scripts/bench.mjs, through ts-node).
 *
 * Targets (issue 3):
 *  - `hnb check <file> --json` on a 20,000-row savings plan .xlsx takes at most 1.5 × the time
 *    exceljs alone takes to read the file;
 *  - importing a 1 MB pasted table (parseDelimited + readTables + importTable) takes at most 300 ms;
 *  - (issue 21) `hnb read` of a 1 MB paste (the text parsed and every table read by its shape)
 *    takes at most 300 ms, and `hnb check` of the 20,000-row workbook at most 1.25 × exceljs.
 * Also reported: `hnb check` as a child process (`node bin/hnb.js`, Node's start-up included), where
 * the in-process time goes, and the full `hnb import` of the pasted table to .xlsx.
 *
 * Each timing is the median of CLI_BENCH_REPEATS runs (default 3; 7 for the quick paste timings)
 * after a warm-up; CLI_BENCH_ROWS changes the workbook's size. Steps that need the table reader
 * print "reader not available yet" if it throws.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import { main } from "../../src/cli/main";
import { checkTables, importTable, readGridByShape, readTables } from "../../src/core/table";
import type { Table } from "../../src/core/table";
import { parseDelimited } from "../../src/core/table/delimited";
import { readWorkbookGrids } from "../../src/adapters/xlsx/file";
import { seededRandom } from "./random";

const ROOT = join(__dirname, "..", "..");
const ROWS = Number(process.env.CLI_BENCH_ROWS ?? 20_000);
const PASTE_BYTES = 1_048_576;
const REPEATS = Number(process.env.CLI_BENCH_REPEATS ?? 3);
const QUICK_REPEATS = Math.max(REPEATS, 7);
const CHECK_RATIO_TARGET = 1.25;
const READ_TARGET_MS = 300;
const IMPORT_TARGET_MS = 300;

// ---------------------------------------------------------------------------------------------
// A realistic savings plan: initiatives over several milestone rows, dates and RAG as typed

const random = seededRandom(20250401);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const HEADERS = [
  "Initiative", "Milestone Activities", "Costs Agreed", "Target Date", "Aims / Success Criteria", "RAG", "Lead",
  "24/25 Target Savings", "25/26 Target Savings", "26/27 Target Savings", "Savings Note", "Progress & Comments",
  "Strategy Priority",
];
const AREAS = [
  "Autism outreach", "Early years inclusion", "Independent placement review", "Post-16 pathways", "Alternative provision",
  "Transport review", "SEMH free school", "Resourced provision", "Top-up banding", "EHCP annual reviews",
];
const MILESTONES = [
  "Recruit specialist teachers", "Set up panel", "Training for settings", "Review placements at annual review",
  "Agree fixed-term contracts", "Commission framework", "Consult Schools Forum", "Evaluate impact with parents",
];
const STATUSES = ["On track", "Green", "Amber", "Delayed", "Red", "Requires escalation", "Complete", "Not started", "on-track", "TBC"];
const LEADS = ["Head of SEND", "Head of Commissioning", "SEND Commissioning Lead", "Early Years SEND Manager", "Post-16 SEND Lead", "Transport Manager"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function targetDate(): string {
  const yy = int(24, 27);
  switch (int(0, 5)) {
    case 0:
      return `${pick(MONTHS)}-${yy}`;
    case 1:
      return `${pick(MONTHS)} 20${yy}`;
    case 2:
      return `${pick(["Spring", "Summer", "Autumn"])} 20${yy}`;
    case 3:
      return `Academic Year 20${yy}-${yy + 1}`;
    case 4:
      return `${String(int(1, 28)).padStart(2, "0")}/${String(int(1, 12)).padStart(2, "0")}/20${yy}`;
    default:
      return `${pick(MONTHS)}-${yy}`;
  }
}

/** Rows of the plan; amounts as numbers (a workbook) or as typed text (a paste). */
function planRows(count: number, amountsAsText: boolean): unknown[][] {
  const rows: unknown[][] = [];
  let initiative = 0;
  while (rows.length < count) {
    initiative++;
    const name = `${pick(AREAS)} ${initiative}`;
    const milestones = Math.min(int(1, 5), count - rows.length);
    for (let m = 0; m < milestones; m++) {
      const first = m === 0;
      const amounts = [0, 1, 2].map(() => (first ? int(1, 60) * 1000 * (random() < 0.05 ? -1 : 1) : null));
      const money = (v: number | null) => (v === null ? null : amountsAsText ? (v < 0 ? `(£${(-v).toLocaleString("en-GB")})` : `£${v.toLocaleString("en-GB")}`) : v);
      rows.push([
        name,
        `${pick(MILESTONES)} (${m + 1})`,
        first ? `£${int(5, 90)}k` : null,
        targetDate(),
        `Reduce requests for statutory assessment by ${int(5, 20)}%`,
        pick(STATUSES),
        pick(LEADS),
        ...amounts.map(money),
        first ? `Calculation: ${int(2, 12)} placements x £${int(5, 50)},000` : null,
        random() < 0.5 ? "Progressing; next review at Schools Forum." : null,
        first ? pick(["Improving local provision", "Early intervention", "Value for money"]) : null,
      ]);
    }
  }
  return rows;
}

function totalRow(rows: unknown[][], amountsAsText: boolean): unknown[] {
  const sums = [7, 8, 9].map((c) =>
    rows.reduce<number>((s, r) => {
      const v = r[c];
      if (typeof v === "number") return s + v;
      if (typeof v === "string") return s + Number(v.replace(/[£,()]/g, "")) * (v.startsWith("(") ? -1 : 1);
      return s;
    }, 0),
  );
  const total: unknown[] = ["Total savings projection", null, null, null, null, null, null];
  for (const s of sums) total.push(amountsAsText ? `£${s.toLocaleString("en-GB")}` : s);
  return total;
}

async function writePlanWorkbook(path: string): Promise<void> {
  const rows = planRows(ROWS, false);
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet("Savings plan");
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(totalRow(rows, false));
  for (const c of [8, 9, 10]) sheet.getColumn(c).numFmt = '"£"#,##0;("£"#,##0)';
  await workbook.xlsx.writeFile(path);
}

function pastedPlan(bytes: number): { text: string; rows: number } {
  const lines = [HEADERS.join("\t")];
  let size = Buffer.byteLength(lines[0]!) + 2;
  const rows: unknown[][] = [];
  while (size < bytes - 200) {
    const [row] = planRows(1, true);
    const line = row!.map((v) => (v === null ? "" : String(v))).join("\t");
    size += Buffer.byteLength(line) + 2;
    lines.push(line);
    rows.push(row!);
  }
  lines.push(totalRow(rows, true).map((v) => (v === null ? "" : String(v))).join("\t"));
  return { text: lines.join("\r\n") + "\r\n", rows: rows.length };
}

/**
 * The same plan as a PDF gives it: one row in twenty slid (lead and amounts four columns right,
 * note and progress three), one in thirty followed by a wrapped line finishing its aims, one in
 * forty with a cell past the last heading. Every slid row makes the reader align cells to columns.
 */
function messyPaste(bytes: number): { text: string; rows: number; slid: number } {
  const clean = pastedPlan(bytes).text.trimEnd().split("\r\n");
  const [header, ...body] = clean;
  const total = body.pop()!;
  const lines = [header!];
  let slid = 0;
  body.forEach((line, i) => {
    const cells = line.split("\t");
    if (i % 20 === 7) {
      slid++;
      const [lead, a, b, c, note, progress, priority] = cells.slice(6);
      lines.push([...cells.slice(0, 6), "", "", "", "", lead, a, b, c, "", note, progress, priority].join("\t"));
    } else if (i % 40 === 11) {
      lines.push([...cells, "", "Kept past the last heading."].join("\t"));
    } else {
      lines.push(line);
    }
    if (i % 30 === 13) lines.push(["", "", "", "", "and fewer requests in the next year."].join("\t"));
  });
  lines.push(total);
  return { text: lines.join("\r\n") + "\r\n", rows: body.length, slid };
}

// ---------------------------------------------------------------------------------------------
// Timing

/** A budget monitoring paste of about `bytes`: sections of lines, each closed by a subtotal, then the total and the position. */
function budgetPaste(bytes: number): { text: string; rows: number; sections: number } {
  const lines = ["Line\tDescription\tBudget\tForecast Outturn\tVariance", "\t£000\t£000\t£000"];
  let size = lines.join("\n").length;
  let rows = 0;
  let sections = 0;
  let budgetTotal = 0;
  let outturnTotal = 0;
  while (size < bytes - 400) {
    sections++;
    const section = [`\tSection ${sections}\t\t\t`];
    let b = 0;
    let o = 0;
    for (let i = 1; i <= 12; i++) {
      const budget = int(100, 20_000);
      const outturn = budget + int(-500, 900);
      b += budget;
      o += outturn;
      section.push(`${sections}.${i}\tLine ${i} of section ${sections}\t${budget.toLocaleString("en-GB")}\t${outturn.toLocaleString("en-GB")}\t${outturn - budget < 0 ? `(${(budget - outturn).toLocaleString("en-GB")})` : (outturn - budget).toLocaleString("en-GB")}`);
      rows++;
    }
    section.push(`\tSubtotal section ${sections}\t${b.toLocaleString("en-GB")}\t${o.toLocaleString("en-GB")}\t${(o - b).toLocaleString("en-GB")}`);
    budgetTotal += b;
    outturnTotal += o;
    lines.push(...section);
    size += section.join("\n").length + 1;
  }
  lines.push(`\tTotal expenditure\t${budgetTotal}\t${outturnTotal}\t${outturnTotal - budgetTotal}`, `\tAllocation\t(${budgetTotal})\t(${budgetTotal})\t0`, `\tIn-year overspend\t0\t${outturnTotal - budgetTotal}\t${outturnTotal - budgetTotal}`);
  return { text: lines.join("\n"), rows, sections };
}

async function median(repeats: number, run: () => unknown): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Medians of a baseline and a contender timed in turn (baseline, contender, baseline, …), so
 * that drift in the machine's speed touches both alike. A contender that throws because the
 * reader is missing gives that message instead of a time.
 */
async function paired(repeats: number, baseline: () => unknown, contender: () => unknown): Promise<[number, number | string]> {
  const time = async (run: () => unknown) => {
    const start = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const base: number[] = [];
  const other: number[] = [];
  let failure: string | null = null;
  await baseline(); // warm-up
  try {
    await contender();
  } catch (error) {
    failure = String(await attempt(() => Promise.reject(error)));
  }
  for (let i = 0; i < repeats; i++) {
    base.push(await time(baseline));
    if (failure === null) other.push(await time(contender));
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [mid(base), failure ?? mid(other)];
}

const silent = { write: () => true };
const ms = (t: number) => `${Math.round(t).toLocaleString("en-GB")} ms`;
const NOT_YET = "reader not available yet";

/** A timing that needs the reader: its figure, or why there is none. */
async function attempt(run: () => Promise<number>): Promise<number | string> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /not written yet/.test(message) ? NOT_YET : `${NOT_YET} (${message.split("\n")[0]})`;
  }
}

/** main() as the bench calls it: a non-zero, non-findings exit means the reader failed. */
async function hnb(argv: string[]): Promise<void> {
  let stderr = "";
  const code = await main(argv, { stdout: silent, stderr: { write: (t: string) => (stderr += t) } });
  if (code !== 0 && code !== 1) throw new Error(stderr.trim() || `hnb exited ${code}`);
}

function childCheck(file: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "hnb.js"), "check", file, "--json"], {
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(String(result.stderr).trim() || `exit ${result.status}`);
}

/** exceljs alone in a fresh Node, as the child-process hnb runs: start-up and module loading included. */
function childExcelJS(file: string): void {
  const script = `const { Workbook } = require(${JSON.stringify(require.resolve("exceljs"))});
new Workbook().xlsx.readFile(${JSON.stringify(file)}).catch((e) => { console.error(e.message); process.exitCode = 2; });`;
  const result = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) throw new Error(String(result.stderr).trim() || `exit ${result.status}`);
}

function row(label: string, value: number | string, extra = ""): string {
  const figure = typeof value === "number" ? ms(value) : value;
  return `  ${label.padEnd(50)} ${figure.padStart(typeof value === "number" ? 10 : 0)}${extra ? `  ${extra}` : ""}`;
}

async function run() {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "hnb-bench-"));
  try {
    console.log("");
    console.log("hnb command line");
    console.log("Building the command line (tsc -p tsconfig.cli.json) for the child-process timing…");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.cli.json")], { cwd: ROOT, stdio: "inherit" });

    const xlsx = join(dir, "savings-plan-20000.xlsx");
    console.log(`Generating a ${ROWS.toLocaleString("en-GB")}-row savings plan workbook…`);
    await writePlanWorkbook(xlsx);
    const size = statSync(xlsx).size;

    const readFile = async () => {
      const workbook = new Workbook();
      await workbook.xlsx.readFile(xlsx);
    };
    const [read, inProcess] = await paired(REPEATS, readFile, () => hnb(["check", xlsx, "--json"]));
    const [childRead, child] = await paired(REPEATS, () => childExcelJS(xlsx), () => childCheck(xlsx));

    // Where the in-process time goes.
    let tables: Table[] = [];
    const grids = await readWorkbookGrids(xlsx);
    const gridsTime = await median(REPEATS, () => readWorkbookGrids(xlsx));
    const readTime = await attempt(() =>
      median(REPEATS, () => {
        tables = grids.flatMap((g) => readTables(g));
      }),
    );
    const checkTime = typeof readTime === "number" ? await attempt(() => median(REPEATS, () => checkTables(tables, {}))) : NOT_YET;

    const verdict = (t: number | string, base = read, what = "exceljs") => {
      if (typeof t !== "number") return "";
      const ratio = t / base;
      return `${ratio.toFixed(2)}× ${what}  (target ≤ ${CHECK_RATIO_TARGET}×${ratio > CHECK_RATIO_TARGET ? ": ABOVE TARGET" : ": met"})`;
    };
    console.log("");
    console.log(
      `${ROWS.toLocaleString("en-GB")}-row savings plan, ${(size / 1_048_576).toFixed(1)} MB .xlsx; median of ${REPEATS} runs after a warm-up; Node ${process.version}`,
    );
    console.log(row("exceljs alone (Workbook.xlsx.readFile)", read, "1.00× exceljs"));
    console.log(row("hnb check --json, in-process main()", inProcess, verdict(inProcess)));
    console.log(row("exceljs alone in a fresh node (node -e)", childRead, "1.00× exceljs in a fresh node"));
    console.log(row("hnb check --json, node bin/hnb.js", child, verdict(child, childRead, "exceljs in a fresh node")));
    console.log(row("  of which: read the workbook into grids", gridsTime, verdict(gridsTime)));
    console.log(row("  of which: readTables", readTime));
    console.log(row("  of which: checkTables", checkTime));
    const shapeTime = await attempt(() => median(REPEATS, () => grids.flatMap((g) => readGridByShape(g))));
    console.log(row("  of which: the tables read by their shape", shapeTime));

    // A 1 MB paste.
    const paste = pastedPlan(PASTE_BYTES);
    const tsv = join(dir, "pasted-savings-plan.tsv");
    writeFileSync(tsv, paste.text);
    const parseTime = await median(QUICK_REPEATS, () => parseDelimited(paste.text));
    const importTime = await attempt(() =>
      median(QUICK_REPEATS, () => {
        const grid = { name: "Pasted", values: parseDelimited(paste.text) };
        for (const table of readTables(grid)) importTable(table, {});
      }),
    );
    const fullImport = await attempt(() => median(REPEATS, () => hnb(["import", tsv, "--out", join(dir, "imported.xlsx"), "--force"])));

    console.log("");
    console.log(
      `A ${(Buffer.byteLength(paste.text) / 1_048_576).toFixed(2)} MB pasted savings plan (${paste.rows.toLocaleString("en-GB")} rows, tab-separated); median of ${QUICK_REPEATS} runs (import to .xlsx: ${REPEATS})`,
    );
    const importVerdict =
      typeof importTime === "number"
        ? `target ≤ ${IMPORT_TARGET_MS} ms${importTime > IMPORT_TARGET_MS ? ": ABOVE TARGET" : ": met"}`
        : "";
    console.log(row("parseDelimited + readTables + importTable", importTime, importVerdict));
    console.log(row("  of which: parseDelimited", parseTime));
    console.log(row("hnb import of it to .xlsx, in-process main()", fullImport));
    const readVerdict = (t: number | string) => (typeof t === "number" ? `target ≤ ${READ_TARGET_MS} ms${t > READ_TARGET_MS ? ": ABOVE TARGET" : ": met"}` : "");
    const shapeRead = await attempt(() => median(QUICK_REPEATS, () => readGridByShape({ name: "Pasted", values: parseDelimited(paste.text) })));
    console.log(row("hnb read: parseDelimited + readGridByShape", shapeRead, readVerdict(shapeRead)));
    const readJson = await attempt(() => median(REPEATS, () => hnb(["read", tsv, "--json"])));
    console.log(row("hnb read --json of the file, in-process main()", readJson, readVerdict(readJson)));

    // The same size of paste, out of line as a PDF leaves it: the alignment is what is timed.
    const messy = messyPaste(PASTE_BYTES);
    const messyTime = await attempt(() =>
      median(QUICK_REPEATS, () => {
        const grid = { name: "Pasted", values: parseDelimited(messy.text) };
        for (const table of readTables(grid)) importTable(table, { realign: true });
      }),
    );
    console.log("");
    console.log(
      `A ${(Buffer.byteLength(messy.text) / 1_048_576).toFixed(2)} MB paste out of line (${messy.rows.toLocaleString("en-GB")} rows, ${messy.slid.toLocaleString("en-GB")} slid by different amounts, wrapped lines, cells past the last heading); median of ${QUICK_REPEATS} runs`,
    );
    const messyVerdict = typeof messyTime === "number" ? `target ≤ ${IMPORT_TARGET_MS} ms${messyTime > IMPORT_TARGET_MS ? ": ABOVE TARGET" : ": met"}` : "";
    console.log(row("parseDelimited + readTables + importTable --realign", messyTime, messyVerdict));

    // A budget of the same size: lines by section 251 code, sections with subtotals, a total,
    // the allocation and the in-year position. The budget checks are what is timed.
    const budget = budgetPaste(PASTE_BYTES);
    const budgetTime = await attempt(() =>
      median(QUICK_REPEATS, () => {
        for (const table of readTables({ name: "Pasted", values: parseDelimited(budget.text) })) importTable(table, {});
      }),
    );
    const budgetTables = readTables({ name: "Pasted", values: parseDelimited(budget.text) });
    const budgetChecks = await attempt(() => median(QUICK_REPEATS, () => checkTables(budgetTables)));
    console.log("");
    console.log(`A ${(Buffer.byteLength(budget.text) / 1_048_576).toFixed(2)} MB pasted budget (${budget.rows.toLocaleString("en-GB")} lines in ${budget.sections.toLocaleString("en-GB")} sections with subtotals); median of ${QUICK_REPEATS} runs`);
    const budgetVerdict = typeof budgetTime === "number" ? `target ≤ ${IMPORT_TARGET_MS} ms${budgetTime > IMPORT_TARGET_MS ? ": ABOVE TARGET" : ": met"}` : "";
    console.log(row("parseDelimited + readTables + importTable", budgetTime, budgetVerdict));
    console.log(row("checkTables of it (variances, totals, balances)", budgetChecks));
    const budgetShape = await attempt(() => median(QUICK_REPEATS, () => readGridByShape({ name: "Pasted", values: parseDelimited(budget.text) })));
    console.log(row("hnb read: parseDelimited + readGridByShape", budgetShape, typeof budgetShape === "number" ? `target ≤ ${READ_TARGET_MS} ms${budgetShape > READ_TARGET_MS ? ": ABOVE TARGET" : ": met"}` : ""));
    console.log("");
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  console.error(`cli bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
