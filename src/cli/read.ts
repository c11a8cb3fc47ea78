import { readGrids, readReportJson, readReportText } from "../app";
import type { ShapeKind } from "../core/table";
import { printable } from "./check";
import { readInputGrids } from "./inputs";
import { Progress } from "./progress";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";

export interface ReadRequest {
  file: string;
  kind?: ShapeKind;
  json: boolean;
}

/** `hnb read`: how the add-in reads a file's tables. Exit 0 whenever the file could be read. */
export async function runRead(request: ReadRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const progress = new Progress(io, deps.now);
  const grids = await readInputGrids(request.file, progress);
  const report = readGrids(grids, request.kind ? { kind: request.kind } : {});
  if (request.json) io.stdout.write(`${readReportJson(request.file, report)}\n`);
  else io.stdout.write(`${readReportText(request.file, report).map(printable).join("\n")}\n`);
  return EXIT_OK;
}
