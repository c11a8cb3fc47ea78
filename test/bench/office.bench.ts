/*
 * Round trips and payloads of the office adapter's commands, at 100 and 20,000 rows. Not a jest
 * test: `npm run bench` runs it after the CLI bench (scripts/bench.mjs, through ts-node).
 *
 * Target (issue 4): every command uses at most 4 `context.sync()` calls at both sizes, and no
 * request or response is over 4 MB (Excel on the web refuses 5 MB). These are figures, not a
 * pass or fail: it exits 0 whatever they are.
 *
 * Excel is the recording fake of test/workbook/office-fake.ts, which counts syncs and measures
 * each one's request and response as the JSON Office.js would send (an object path and an
 * action per call, with its arguments). The byte figures are that model's, not a capture of
 * real Office.js traffic; the sync counts are exact for the adapter's code.
 *
 * Commands, each on the workbook the ones before it left:
 *  - write an import: a new sheet with a 13-column savings plan as a table (OFFICE_BENCH_ROWS rows);
 *  - write a template: every template sheet, into that workbook;
 *  - list sheets; read all tables (readSheets() of every sheet); read the import (readSheets by name);
 *  - write check marks: the RAG column normalised, a ✓/✗ column, one fill per status cell, and a
 *    change-log sheet with every old and new value;
 *  - select a cell;
 *  - read all tables again, now with the change log's rows as well (twice the cells).
 */
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { ALL_TEMPLATES, buildTemplates } from "../../src/app/templates";
import { FakeExcel, checkMarkOperations, importOperations } from "../workbook/office-fake";

const SIZES = (process.env.OFFICE_BENCH_ROWS ?? "100,20000").split(",").map(Number);
const SHEET = "Savings plan import";

interface Figures {
  command: string;
  rows: number;
  syncs: number;
  requestMax: number;
  requestTotal: number;
  responseMax: number;
  responseTotal: number;
  ms: number;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 10_000 ? 4 : 2);

async function measure(excel: FakeExcel, command: string, rows: number, run: () => Promise<unknown>): Promise<Figures> {
  excel.reset();
  const start = process.hrtime.bigint();
  await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    command,
    rows,
    syncs: excel.syncCount,
    requestMax: Math.max(0, ...excel.payloads),
    requestTotal: sum(excel.payloads),
    responseMax: Math.max(0, ...excel.responses),
    responseTotal: sum(excel.responses),
    ms,
  };
}

async function main(): Promise<void> {
  const figures: Figures[] = [];
  for (const rows of SIZES) {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run);
    figures.push(await measure(excel, "write an import", rows, () => workbook.apply(importOperations(rows, SHEET))));
    figures.push(await measure(excel, "write a template", rows, () => workbook.apply(buildTemplates(ALL_TEMPLATES, excel.sheets.map((s) => s.name)).operations)));
    figures.push(await measure(excel, "list sheets", rows, () => workbook.listSheets()));
    figures.push(await measure(excel, "read all tables", rows, () => workbook.readSheets()));
    figures.push(await measure(excel, "read the import by name", rows, () => workbook.readSheets([SHEET])));
    figures.push(await measure(excel, "write check marks", rows, () => workbook.apply(checkMarkOperations(rows, SHEET))));
    figures.push(await measure(excel, "select a cell", rows, () => workbook.select(SHEET, "F2")));
    // The same read once the change log has doubled the rows: a larger size class, shown as is.
    figures.push(await measure(excel, "read all tables + change log", rows, () => workbook.readSheets()));
  }

  console.log("\nOffice adapter: context.sync() calls and payload per command (recording fake of Office.js; MB = 10^6 bytes)");
  const header = ["command", "rows", "syncs", "largest request", "all requests", "largest response", "all responses", "time"];
  const rows = figures.map((f) => [
    f.command,
    f.rows.toLocaleString("en-GB"),
    String(f.syncs),
    `${mb(f.requestMax)} MB`,
    `${mb(f.requestTotal)} MB`,
    `${mb(f.responseMax)} MB`,
    `${mb(f.responseTotal)} MB`,
    `${Math.round(f.ms).toLocaleString("en-GB")} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));

  const most = Math.max(...figures.map((f) => f.syncs));
  const largest = Math.max(...figures.map((f) => Math.max(f.requestMax, f.responseMax)));
  const over = figures.filter((f) => f.syncs > 4).map((f) => `${f.command} at ${f.rows.toLocaleString("en-GB")} rows (${f.syncs})`);
  console.log(`Most syncs by one command: ${most} (target ≤ 4${over.length ? `; over it: ${over.join(", ")}` : ""}).`);
  console.log(`Largest single request or response: ${mb(largest)} MB (budget 4 MB; Excel on the web refuses 5 MB).`);
  console.log("Time is the fake's and the adapter's JavaScript only; in Excel each sync is also a round trip.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
