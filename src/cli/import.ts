import { basename } from "path";
import { importTable } from "../core/table";
import type { ImportedTable, TableKind } from "../core/table";
import { count } from "../core/errors";
import { NOTES_SHEET, writeImportWorkbook } from "../workbook/import-file";
import { CliError, kindName, oneLine, readInputGrids, tableLocation, tablesIn } from "./inputs";
import { refuseOverwrite, writeProblem } from "./output";
import { EXIT_OK, type CliIo } from "./io";

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

export async function runImport(request: ImportRequest, io: CliIo): Promise<number> {
  const { out } = request;
  await refuseOverwrite(out, request.force);

  const imported: Imported[] = [];
  const empty: string[] = [];
  for (const input of request.inputs) {
    const tables = tablesIn(await readInputGrids(input), input, request.kind);
    if (tables.length === 0) empty.push(input);
    for (const table of tables) {
      try {
        imported.push({ table: importTable(table, { realign: request.realign }), source: basename(input), from: tableLocation(table) });
      } catch (error) {
        throw new CliError(`could not import the table at ${tableLocation(table)} in ${input}: ${oneLine(error)}`);
      }
    }
  }
  if (imported.length === 0) {
    throw new CliError(`no table found in ${request.inputs.join(", ")}: nothing written.`);
  }
  for (const input of empty) io.stderr.write(`hnb: no table found in ${input}; it is left out.\n`);

  const tables = imported.map((i) => i.table);
  let sheets: string[];
  try {
    sheets = await writeImportWorkbook(out, tables, imported.map((i) => i.source));
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }

  const rows = imported.map((i, n) => [
    `"${sheets[n]}"`,
    `${kindName(i.table.kind)}, ${count(i.table.rows.length, "row")}`,
    `from ${i.source}, ${i.from}`,
  ]);
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const notes = tables.flatMap((t) => t.notes);
  const inferred = notes.filter((n) => n.kind === "inferred").length;
  const lines = [
    `Imported ${count(tables.length, "table")} into ${out}:`,
    ...rows.map((r) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`),
    notes.length === 0
      ? `No import notes: nothing was inferred and every value was read.`
      : `${count(notes.length, "import note")} (${inferred} inferred, ${notes.length - inferred} could not be read): see the "${NOTES_SHEET}" sheet.`,
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

