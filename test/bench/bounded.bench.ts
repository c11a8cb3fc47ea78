/*
 * Bounded work (issue 22): each algorithm that once ran away on a hostile input, timed at an
 * input and at twice it. A linear algorithm takes about twice as long; one that is quadratic
 * takes four times, cubic eight. Not a jest test: `npm run bench` runs it and prints the ratios.
 */
import { checkTables, foldFindings, readTables, type Finding } from "../../src/core/table";
import { readAmount } from "../../src/core";
import { sheetDimensions } from "../../src/adapters/xlsx-read";
import * as hnb from "../../src/functions/implementations";
import { run } from "../../src/functions/args";
import { deflatedRepeat, writeZip } from "../helpers/zip";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
/** Doubling the input may take at most this many times as long and still be called linear. */
const LINEAR = 3;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const findings = (n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => ({ rule: "rag.unknown", severity: "warning", location: `Plan!E${i + 2}`, message: `“${i % 2 ? "Purple" : "Orange"}” is not a status in the key.`, actual: i % 2 ? "Purple" : "Orange" }));

const HEAD = ["Action", "Lead", "Start date", "End date", "RAG"];
const wideRow = (n: number) => [HEAD, ["Review", "AB", "01/04/2024", "31/03/2025", "Green"], Array.from({ length: n }, (_, i) => `x${i}`), ["Train", "CD", "01/04/2024", "31/03/2025", "Amber"]];

function sheetXlsx(rows: number): Uint8Array {
  const sheet = deflatedRepeat('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '<row><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', rows, "</sheetData></worksheet>");
  return writeZip([{ name: "xl/worksheets/sheet1.xml", data: sheet }]);
}

/** A function's answer, a refusal (#VALUE!) being one: only the time it takes matters here. */
function answered(call: () => unknown): unknown {
  try {
    return run(call);
  } catch (error) {
    return error;
  }
}

const WORKLOADS: { name: string; unit: string; n: number; work: (n: number) => unknown }[] = [
  { name: "folding findings outside the key", unit: "findings", n: 100_000, work: (n) => foldFindings(findings(n)) },
  { name: "putting a wide row back in line, and checking it", unit: "cells", n: 8_000, work: (n) => checkTables(readTables({ name: "Plan", values: wideRow(n) })) },
  { name: "TARGET on a cell of years", unit: "characters", n: 16_000, work: (n) => answered(() => hnb.target("2025/26 ".repeat(n / 8), 2027)) },
  { name: "KPISTATUS on a cell of targets", unit: "characters", n: 16_000, work: (n) => answered(() => hnb.kpiStatus(0.5, "60% by 2026/27 ".repeat(n / 15))) },
  { name: "money with a run of note marks", unit: "characters", n: 16_000, work: (n) => readAmount(`£1${"*".repeat(n)}x`) },
  { name: "measuring an .xlsx sheet before unpacking", unit: "rows", n: 100_000, work: (n) => sheetDimensions(sheetXlsx(n), { rows: 10_000_000, cells: 10_000_000 }) },
];

async function main(): Promise<void> {
  console.log("");
  console.log(`Bounded work: each at an input and at twice it (median of ${REPEATS}); at most ${LINEAR}× is linear`);
  for (const w of WORKLOADS) {
    const once = await timed(() => w.work(w.n));
    const twice = await timed(() => w.work(2 * w.n));
    const ratio = twice / Math.max(once, 1e-3);
    const verdict = ratio <= LINEAR ? "linear" : "ABOVE LINEAR";
    console.log(`  ${w.name.padEnd(50)} ${w.n.toLocaleString("en-GB").padStart(8)} ${w.unit}: ${once.toFixed(1).padStart(7)} ms; twice: ${twice.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×  ${verdict}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
