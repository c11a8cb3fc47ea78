/*
 * Throughput of the custom functions as Excel calls them: the exported wrappers of
 * src/functions/functions.ts, with the CustomFunctions stand-in their tests use. Not a jest test:
 * run `npm run bench` (scripts/bench.mjs runs this file through ts-node).
 *
 * Target: 1,000,000 cells per second. Per-cell functions (RAG, MONEY, PARSEDATE) are called once
 * per cell over 100,000 varied inputs; SAVINGSTOTAL is one call over a 100,000-cell range;
 * DEFICITPATH is one call per 50 lines × 30 years block (1,500 cells a call).
 * Each workload is warmed up, then timed several times; the median is reported.
 */
import { StubCustomFunctionsError, installCustomFunctionsStub } from "../helpers/custom-functions-stub";
import { deficitPath, kpiStatus, money, parseDateText, rag, savingsTotal, target } from "../../src/functions/functions";
import { seededRandom } from "./random";

installCustomFunctionsStub();

const TARGET = 1_000_000; // cells per second
/** Excel passes an omitted optional argument as null (the signatures say `?`). */
const OMITTED = null as never;
const CELLS = 100_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);

// ---------------------------------------------------------------------------------------------
// Inputs: deterministic, varied, as councils type them

const random = seededRandom(20240930);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const pad2 = (n: number) => String(n).padStart(2, "0");
const grouped = (n: number) => n.toLocaleString("en-GB");

function moneyCell(): unknown {
  const whole = int(1, 250_000);
  const r = random();
  if (r < 0.08) return null; // blank
  if (r < 0.2) return whole; // a number cell
  if (r < 0.3) return `£${grouped(whole)}`;
  if (r < 0.4) return `(£${grouped(int(1, 20_000))})`;
  if (r < 0.5) return `£${int(1, 900)}.${int(0, 9)}k`;
  if (r < 0.6) return grouped(whole);
  if (r < 0.66) return `(${grouped(int(1, 9_999))})`;
  if (r < 0.72) return `£${int(0, 9)}.${int(0, 99)}m`;
  if (r < 0.78) return `-£${grouped(int(1, 50_000))}`;
  if (r < 0.84) return `£(${grouped(int(1, 50_000))})`;
  if (r < 0.9) return `£${whole}`;
  if (r < 0.95) return ` £${grouped(whole)} `;
  return `${int(1, 999)}.${pad2(int(0, 99))}`;
}

const STATUSES = [
  "On track", "Requires escalation", "Complete", "Amber", "Green", "Red", "Blue", "Grey",
  "Delayed", "Not started", "Off track", "At risk", "On hold", "Completed", "Done",
  "Behind schedule", "On target", "Requires Escalation", "Slipping", "Escalated",
] as const;

function statusCell(): unknown {
  if (random() < 0.05) return null;
  let s: string = pick(STATUSES);
  const casing = random();
  if (casing < 0.25) s = s.toLowerCase();
  else if (casing < 0.35) s = s.toUpperCase();
  else if (casing < 0.5) s = s.replace(/\b\w/g, (c) => c.toUpperCase());
  const sep = random();
  if (sep < 0.2) s = s.replace(/ /g, "-");
  else if (sep < 0.3) s = s.replace(/ /g, "  ");
  if (random() < 0.15) s += ".";
  if (random() < 0.15) s = ` ${s} `;
  return s;
}

const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_LONG = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December",
];

function dateCell(): unknown {
  const y = int(2016, 2032);
  const m = int(1, 12);
  const d = int(1, 28);
  const yy = pad2(y % 100);
  const next = pad2((y + 1) % 100);
  switch (int(0, 13)) {
    case 0:
      return `${MONTH_SHORT[m - 1]}-${yy}`; // Sep-24
    case 1:
      return `${pad2(d)}/${pad2(m)}/${y}`; // 01/09/2024
    case 2:
      return `${MONTH_SHORT[m - 1]}${y}`; // Nov2021
    case 3:
      return `${y}/${next}`; // 2021/22
    case 4:
      return `Academic Year ${y}-${next}`;
    case 5:
      return `${pick(["Spring", "Summer", "Autumn", "Autumn term"])} ${y}`;
    case 6:
      return `${MONTH_LONG[m - 1]} ${y}`;
    case 7:
      return `${MONTH_SHORT[m - 1]} ${yy}`; // Apr 24
    case 8:
      return `${d} ${MONTH_LONG[m - 1]} ${y}`;
    case 9:
      return `${y}-${pad2(m)}-${pad2(d)}`; // ISO
    case 10:
      return `Q${int(1, 4)} ${y}/${next}`;
    case 11:
      return `by end of ${MONTH_SHORT[m - 1]} ${yy}`;
    case 12:
      return `${d}/${m}/${yy}`; // 1/9/24
    default:
      return m === 9 ? "Sept " + yy : `${pad2(m)}/${yy}`; // 03/17
  }
}

/** A scorecard's target cell as strategies write them, with the year a formula asks for. */
function targetCell(): { text: string; year: unknown; baseline: number } {
  const y = int(2025, 2029);
  const pair = `${y}/${pad2((y + 1) % 100)}`;
  const p = int(5, 95);
  const q = Math.min(99, p + int(1, 10));
  const text = pick([
    `${p}% ${y}; ${q}% ${y + 1}`,
    `${y}: ${p}%; ${y + 1}: ${q}%`,
    `${p}% reduction by ${y}-${pad2((y + 1) % 100)}`,
    `${p}% by ${pair}`,
    `£${int(1, 20)}.${int(0, 9)}m by ${pair}`,
    `${int(0, 40)} by ${pair}; ${p}% reduction by ${y + 1}/${pad2((y + 2) % 100)}`,
    `halve by ${y}`,
    `${p}% (national average) by ${y}`,
  ]);
  return { text, year: pick([y, pair, `Target ${pair}`, `7/${y}`]), baseline: int(1, 10_000_000) };
}

const column = (make: () => unknown, n: number) => Array.from({ length: n }, make);
const grid = (make: () => unknown, rows: number, cols: number) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, make));

// ---------------------------------------------------------------------------------------------
// Timing

interface Workload {
  name: string;
  /** Cells handled by one run. */
  cells: number;
  /** One run; returns something to keep the work observable. */
  run: () => number;
  /** Called before each run, outside the timing: inputs made fresh for the run. */
  prepare?: () => void;
  note?: string;
}

interface Result {
  name: string;
  cells: number;
  medianMs: number;
  cellsPerSecond: number;
  errors: number;
  note?: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
let sink = 0;

function measure(w: Workload): Result {
  w.prepare?.();
  sink += w.run(); // warm up (JIT, key caches)
  w.prepare?.();
  sink += w.run();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    w.prepare?.();
    gc?.();
    const start = process.hrtime.bigint();
    sink += w.run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return { name: w.name, cells: w.cells, medianMs, cellsPerSecond: (w.cells / medianMs) * 1000, errors: 0, note: w.note };
}

/** Per-cell calls over inputs; thrown errors (#VALUE!/#N/A in Excel) are counted, not fatal. */
function perCell(name: string, inputs: unknown[], call: (v: unknown) => unknown): { workload: Workload; errors: () => number } {
  let errors = 0;
  const examples = new Set<string>();
  const workload: Workload = {
    name,
    cells: inputs.length,
    run: () => {
      let n = 0;
      errors = 0;
      for (let i = 0; i < inputs.length; i++) {
        try {
          const r = call(inputs[i]);
          // TARGET returns its #N/A rather than throwing it: counted as the error it shows.
          if (r instanceof StubCustomFunctionsError) {
            errors++;
            if (examples.size < 5) examples.add(`${JSON.stringify(inputs[i])}: ${r.message}`);
          } else n += typeof r === "number" ? 1 : (r as string).length;
        } catch (e) {
          errors++;
          if (examples.size < 5) examples.add(`${JSON.stringify(inputs[i])}: ${(e as Error).message}`);
        }
      }
      return n;
    },
  };
  return {
    workload,
    errors: () => {
      if (errors > 0) for (const ex of examples) console.log(`    ${name} error example: ${ex}`);
      return errors;
    },
  };
}

function main() {
  const t0 = Date.now();
  console.log(`Generating inputs (${CELLS.toLocaleString("en-GB")} cells each)…`);
  const statuses = column(statusCell, CELLS);
  const amounts = column(moneyCell, CELLS);
  const dates = column(dateCell, CELLS);
  const uniq = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size;
  console.log(
    `  distinct inputs: RAG ${uniq(statuses).toLocaleString("en-GB")}, MONEY ${uniq(amounts).toLocaleString("en-GB")}, PARSEDATE ${uniq(dates).toLocaleString("en-GB")}`,
  );
  // SAVINGSTOTAL: two different 10,000 × 10 ranges, alternated, so no run sees the same range twice in a row.
  const ranges = [grid(moneyCell, 10_000, 10), grid(moneyCell, 10_000, 10)];
  // DEFICITPATH: 16 different 50 lines × 30 years blocks with an opening balance each.
  const blocks = Array.from({ length: 16 }, () => ({ opening: moneyCell(), movements: grid(moneyCell, 50, 30) }));
  const DEFICIT_CALLS = 200;

  const ragBench = perCell("RAG", statuses, (v) => rag(v, OMITTED));
  const moneyBench = perCell("MONEY", amounts, (v) => money(v, OMITTED));
  const dateBench = perCell("PARSEDATE", dates, (v) => parseDateText(v, OMITTED));
  const targets = column(targetCell, CELLS) as ReturnType<typeof targetCell>[];
  const targetBench = perCell("TARGET", targets, (v) => {
    const t = v as ReturnType<typeof targetCell>;
    return target(t.text, t.year, t.baseline);
  });
  const kpis = Array.from({ length: CELLS }, () => ({ actuals: [[random(), random(), null, random()]], target: random(), direction: pick(["higher", "lower", null]) }));
  const kpiBench = perCell("KPISTATUS", kpis, (v) => {
    const k = v as (typeof kpis)[number];
    return kpiStatus(k.actuals, k.target, k.direction ?? OMITTED, OMITTED, OMITTED);
  });
  // Distinct target cells, never read before: each timed run reads 100,000 texts no earlier run
  // (nor the warm-up) saw, so no reading is kept from one to the next. Each names its measure
  // ("Waiting list qx: 65% 2026; 80% 2027"), made unique by letters so no figure is added.
  const letters = (n: number) => {
    let out = "";
    for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
    return out;
  };
  let fresh = 0;
  // Each run's cells made just before it (outside the timing), so the bench holds one batch, not all.
  const freshBatch = () =>
    Array.from({ length: CELLS }, () => {
      const t = targetCell();
      return { ...t, text: `${pick(["Waiting list", "Satisfaction", "Placements", "Plans issued"])} ${letters(fresh++)}: ${t.text}` };
    });
  let cells: ReturnType<typeof freshBatch> = [];
  let distinctErrors = 0;
  const distinctBench = {
    workload: {
      name: "TARGET (distinct)",
      cells: CELLS,
      note: "every cell a text not read before: the reading is not kept from run to run",
      prepare: () => {
        cells = [];
        cells = freshBatch();
      },
      run: () => {
        let n = 0;
        distinctErrors = 0;
        for (const t of cells) {
          const r: unknown = target(t.text, t.year, t.baseline);
          if (typeof r === "number") n += r;
          else distinctErrors++;
        }
        return n;
      },
    },
    errors: () => distinctErrors,
  };
  // A scorecard as sheets hold it: 2,000 indicators, each target cell read by five formulas
  // (three years, the year judged, and a status), as Excel recalculates the sheet.
  const sheetTargets = Array.from({ length: 2_000 }, targetCell);
  const SHEET_YEARS = ["Target 2025/26", "Target 2026/27", "Target 2027/28", "Target for 2025/26", "Target 2028/29"];
  const sheetBench = perCell(
    "TARGET (sheet)",
    sheetTargets.flatMap((t) => SHEET_YEARS.map((year) => ({ ...t, year }))),
    (v) => {
      const t = v as ReturnType<typeof targetCell>;
      return target(t.text, t.year, t.baseline);
    },
  );
  let rangeIndex = 0;
  let blockIndex = 0;
  const workloads: { workload: Workload; errors: () => number }[] = [
    ragBench,
    moneyBench,
    dateBench,
    { ...targetBench, workload: { ...targetBench.workload, note: "several targets a cell, years written five ways; no target for the year is #N/A" } },
    distinctBench,
    { ...sheetBench, workload: { ...sheetBench.workload, note: "2,000 target cells × 5 formulas each, as a scorecard sheet recalculates" } },
    { ...kpiBench, workload: { ...kpiBench.workload, note: "a row of four quarters, the latest used" } },
    {
      workload: {
        name: "SAVINGSTOTAL",
        cells: CELLS,
        note: "one call over a 10,000 × 10 range",
        run: () => savingsTotal(ranges[rangeIndex++ % ranges.length]!, OMITTED),
      },
      errors: () => 0,
    },
    {
      workload: {
        name: "DEFICITPATH",
        cells: 1500 * DEFICIT_CALLS,
        note: `${DEFICIT_CALLS} calls over 50 lines × 30 years`,
        run: () => {
          let n = 0;
          for (let i = 0; i < DEFICIT_CALLS; i++) {
            const b = blocks[blockIndex++ % blocks.length]!;
            n += deficitPath(b.opening, b.movements as never, OMITTED)[0]!.length;
          }
          return n;
        },
      },
      errors: () => 0,
    },
  ];

  const results: Result[] = [];
  for (const w of workloads) {
    const r = measure(w.workload);
    r.errors = w.errors();
    results.push(r);
  }

  // Report
  const header = ["function", "cells", "time ms", "cells/s", "vs 1,000,000 cells/s", "note"];
  const rows = results.map((r) => {
    const ratio = r.cellsPerSecond / TARGET;
    return [
      r.name,
      r.cells.toLocaleString("en-GB"),
      r.medianMs.toFixed(1),
      Math.round(r.cellsPerSecond).toLocaleString("en-GB"),
      `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}× target${ratio < 1 ? "  BELOW TARGET" : ""}`,
      [r.note, r.errors ? `${r.errors.toLocaleString("en-GB")} inputs gave an error` : ""].filter(Boolean).join("; "),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log("");
  console.log(`Median of ${REPEATS} timed runs after warm-up; Node ${process.version}.`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  const below = results.filter((r) => r.cellsPerSecond < TARGET);
  console.log("");
  if (below.length > 0) {
    console.log(`BELOW TARGET (${TARGET.toLocaleString("en-GB")} cells/s): ${below.map((r) => r.name).join(", ")}`);
  } else {
    console.log(`All functions meet the ${TARGET.toLocaleString("en-GB")} cells/s target.`);
  }
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s in all; checksum ${sink})`);
}

main();
