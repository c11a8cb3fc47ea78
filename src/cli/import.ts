import { maxOf } from "../core";
import { basename, resolve } from "path";
import { outsideNotes, shapeKindName } from "../core/table";
import type { ImportNote, ImportedTable, ShapeKind } from "../core/table";
import { count } from "../core";
import { NOTES_SHEET, checksReportDate, tablesToImport, writeImportWorkbook } from "../app";
import { formatDate } from "../core";
import { XlsxWorkbook, calculateWorkbook } from "../adapters/xlsx";
import type { CalcReport } from "../engine";
import { CliError, kindName, oneLine, readInputGrids, tableLocation, unreadableError } from "./inputs";
import { refuseOverwrite, writeProblem } from "./output";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";
import { Progress } from "./progress";

export interface ImportRequest {
  inputs: string[];
  out: string;
  force: boolean;
  realign: boolean;
  /** Read every table as this kind instead of guessing (Read as). */
  kind?: ShapeKind;
  /** Write each table's checks sheet of HNB formulas, worked out and cached (default true). */
  checks?: boolean;
  /** The report date the checks judge overdue actions by (an Excel date); without it the cell is left blank. */
  asOf?: number;
}

interface Imported {
  table: ImportedTable;
  source: string;
  from: string;
}

export async function runImport(request: ImportRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const { out } = request;
  // The tidy workbook never takes the place of what it was read from, --force or not.
  const source = request.inputs.find((input) => resolve(input) === resolve(out));
  if (source) throw new CliError(`--out ${out} is one of the files being imported: choose another name, so ${source} is kept as it is.`);
  await refuseOverwrite(out, request.force);

  const imported: Imported[] = [];
  const outside: { notes: ImportNote[]; source: string }[] = [];
  const empty: string[] = [];
  let reportDate = request.asOf === undefined ? null : checksReportDate(request.asOf, [], []);
  const progress = new Progress(io, deps.now);
  for (const input of request.inputs) {
    const grids = await readInputGrids(input, progress);
    progress.step(`finding the tables on ${count(grids.length, "sheet")}`);
    const shaped = tablesToImport(grids, request.kind, deps.rules);
    // The command line reads a file whole or not at all.
    const failed = shaped.unreadable[0];
    if (failed) throw unreadableError(failed, input);
    const tables = shaped.tables;
    for (const r of shaped.unlaid) io.stderr.write(`hnb: ${shapeKindName(r.kind)} on lines ${r.firstLine}–${r.lastLine} of ${input} is not laid out as a table (its lines go to the import notes with the rest of the file): ${r.headingRows.length === 0 ? "it has no heading line" : r.reconstructed ? "it was read back out of text run into one line" : "it holds no figures"} (hnb read shows how it was read).\n`);
    reportDate ??= checksReportDate(undefined, grids, tables);
    if (tables.length === 0) empty.push(input);
    const fromInput: Imported[] = [];
    for (const table of tables) {
      progress.step(`importing the ${kindName(table.kind)} at ${tableLocation(table)} (${count(table.lastRow - table.headerRow, "row")})`);
      try {
        fromInput.push({ table: deps.rules.importTable(table, { realign: request.realign, ...(reportDate ? { asOf: reportDate.serial } : {}) }), source: basename(input), from: tableLocation(table) });
      } catch (error) {
        throw new CliError(`could not import the table at ${tableLocation(table)} in ${input}: ${oneLine(error)}`);
      }
    }
    imported.push(...fromInput);
    // Lines on a sheet outside its tables (titles, lines between tables) go to the notes in full.
    for (const grid of grids) {
      const spans = fromInput.filter((_, i) => tables[i]!.sheet === grid.name).flatMap((i) => (i.table.span ? [{ span: i.table.span }] : []));
      if (spans.length === 0) continue;
      const kept = outsideNotes(grid, spans);
      if (kept.notes.length > 0) outside.push({ notes: kept.notes, source: basename(input) });
    }
  }
  if (imported.length === 0) {
    throw new CliError(`no table found in ${request.inputs.join(", ")}: nothing written.`);
  }
  for (const input of empty) io.stderr.write(`hnb: no table found in ${input}; it is left out.\n`);

  const tables = imported.map((i) => i.table);
  const checks = request.checks !== false;
  let written: { sheets: string[]; checksSheets: (string | null)[] };
  const worked: { calc?: CalcReport } = {};
  try {
    const workbook = await XlsxWorkbook.create();
    // The HNB formulas are worked out as `hnb calc` does, so the file shows its checks without the add-in.
    const beforeSave = () => {
      progress.step("working out the HNB formulas of the checks sheets");
      worked.calc = calculateWorkbook(workbook.workbook);
      progress.step(`saving ${out}`);
    };
    progress.step(`writing ${count(imported.length, "table")} to ${out}`);
    written = await writeImportWorkbook(workbook, out, tables, imported.map((i) => i.source), outside, { checks, ...(reportDate ? { reportDate: reportDate.serial } : {}), ...(checks ? { beforeSave } : {}) });
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }
  const sheets = written.sheets;
  const checksSheets = written.checksSheets.filter((s): s is string => s !== null);

  const rows = imported.map((i, n) => [
    `"${sheets[n]}"`,
    `${kindName(i.table.kind)}, ${count(i.table.rows.length, "row")}`,
    `from ${i.source}, ${i.from}`,
  ]);
  const widths = [0, 1].map((c) => maxOf(rows.map((r) => r[c]!.length), 0));
  const notes = [...tables.flatMap((t) => t.notes), ...outside.flatMap((o) => o.notes)];
  const inferred = notes.filter((n) => n.kind === "inferred").length;
  const attention = notes.filter((n) => n.kind === "attention").length;
  const unread = notes.filter((n) => n.kind === "unread").length;
  const keptOnly = notes.filter((n) => n.kind === "kept").length;
  const lines = [
    `Imported ${count(tables.length, "table")} into ${out}:`,
    ...rows.map((r) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`),
    notes.length === 0
      ? `No import notes: nothing was inferred and every value was read.`
      : `${count(notes.length, "import note")} (${[attention ? `${attention} to look at` : "", unread ? `${unread} could not be read` : "", `${inferred} inferred`, keptOnly ? `${keptOnly} kept only in the notes` : ""].filter((x) => x !== "").join(", ")}): see the "${NOTES_SHEET}" sheet.`,
  ];
  if (checksSheets.length > 0) {
    const report = worked.calc;
    const problems = report ? [report.errors.length > 0 ? count(report.errors.length, "error value") : "", report.unresolved.length > 0 ? `${report.unresolved.length} not worked out (run hnb calc on the file for which)` : ""].filter((p) => p !== "") : [];
    const results = report ? `: ${count(report.formulas, "HNB formula")} worked out${problems.map((p) => `, ${p}`).join("")}` : "";
    lines.push(`Checks of HNB formulas on ${checksSheets.map((s) => `"${s}"`).join(", ")}${results}; each sheet's B1 counts the checks that fail.`);
    if (reportDate?.from && tables.some((t) => t.kind === "action-plan")) lines.push(`Overdue actions judged as of ${formatDate(reportDate.serial)}, the report date at ${reportDate.from} (--as-of to choose another).`);
  }
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

