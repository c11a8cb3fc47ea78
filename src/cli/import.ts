import { basename } from "path";
import { outsideNotes } from "../core/table";
import type { ImportNote, ImportedTable, TableKind } from "../core/table";
import { count } from "../core";
import { NOTES_SHEET, writeImportWorkbook } from "../app";
import { XlsxWorkbook } from "../adapters/xlsx";
import { CliError, kindName, oneLine, readInputGrids, tableLocation, tablesIn } from "./inputs";
import { refuseOverwrite, writeProblem } from "./output";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";

export interface ImportRequest {
  inputs: string[];
  out: string;
  force: boolean;
  realign: boolean;
  /** Read every table as this kind instead of guessing from its headings. */
  kind?: TableKind;
}

interface Imported {
  table: ImportedTable;
  source: string;
  from: string;
}

export async function runImport(request: ImportRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const { out } = request;
  await refuseOverwrite(out, request.force);

  const imported: Imported[] = [];
  const outside: { notes: ImportNote[]; source: string }[] = [];
  const empty: string[] = [];
  for (const input of request.inputs) {
    const grids = await readInputGrids(input);
    const tables = tablesIn(grids, input, deps.rules, request.kind);
    if (tables.length === 0) empty.push(input);
    const fromInput: Imported[] = [];
    for (const table of tables) {
      try {
        fromInput.push({ table: deps.rules.importTable(table, { realign: request.realign }), source: basename(input), from: tableLocation(table) });
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
  let sheets: string[];
  try {
    sheets = await writeImportWorkbook(await XlsxWorkbook.create(), out, tables, imported.map((i) => i.source), outside);
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }

  const rows = imported.map((i, n) => [
    `"${sheets[n]}"`,
    `${kindName(i.table.kind)}, ${count(i.table.rows.length, "row")}`,
    `from ${i.source}, ${i.from}`,
  ]);
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
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
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

