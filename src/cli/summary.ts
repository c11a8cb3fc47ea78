import { extname } from "path";
import { renderHtml, renderMarkdown, type ShapeKind } from "../core/table";
import { count } from "../core";
import { documentSheetOperations, paperDocumentSince, paperOf, type Paper } from "../app";
import { XlsxWorkbook } from "../adapters/xlsx";
import { CliError, inputKind, readInputGrids, unreadableError } from "./inputs";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";
import { refuseOverwrite, writeProblem, writeText } from "./output";

export interface SummaryRequest {
  file: string;
  out: string;
  force: boolean;
  /** Excel serial of the date the paper is "as at". */
  asAt?: number;
  title?: string;
  /** Read every table as this kind (Read as). */
  kind?: ShapeKind;
  /** The last paper's file: the paper then says what has moved since it. */
  since?: string;
}

export const SUMMARY_FORMATS = [".html", ".htm", ".md", ".xlsx"];

/** `hnb summary <file> --out paper.html|.md`: the Schools Forum paper from a workbook's tables. */
export async function runSummary(request: SummaryRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const ext = extname(request.out).toLowerCase();
  if (!SUMMARY_FORMATS.includes(ext)) {
    throw new CliError(`summary: --out must end in .html, .md or .xlsx, not "${request.out}". Try "hnb summary --help".`);
  }
  await refuseOverwrite(request.out, request.force);
  const paper = paperOf(
    await readInputGrids(request.file),
    { ...(request.asAt !== undefined ? { asOf: request.asAt } : {}), ...(request.kind ? { kind: request.kind } : {}), ...(request.title ? { title: request.title } : {}) },
    deps.rules,
  );
  const { tables, unreadable, summary } = paper;
  const failed = unreadable[0];
  if (failed) throw unreadableError(failed, request.file);
  if (tables.length === 0 && summary.budgets.length === 0) throw new CliError(`no table found in ${request.file}: there is nothing to summarise.`);
  let earlier: Paper | null = null;
  if (request.since !== undefined) {
    earlier = paperOf(await readInputGrids(request.since), request.kind ? { kind: request.kind } : {}, deps.rules);
    const unread = earlier.unreadable[0];
    if (unread) throw unreadableError(unread, request.since);
    if (earlier.tables.length === 0 && earlier.summary.budgets.length === 0) throw new CliError(`no table found in ${request.since}: there is no last paper to say what has moved since.`);
  }
  const doc = paperDocumentSince(paper, earlier);
  if (ext === ".xlsx") {
    // The workbook itself with a Summary sheet added (a pasted table gets a workbook of its own).
    const workbook = inputKind(request.file) === "workbook" ? await XlsxWorkbook.open(request.file) : await XlsxWorkbook.create();
    const existing = (await workbook.listSheets()).map((s) => s.name);
    const { sheet, operations } = documentSheetOperations(doc, existing, "Summary");
    await workbook.apply(operations);
    try {
      await workbook.save(request.out);
    } catch (error) {
      throw new CliError(writeProblem(request.out, error));
    }
    io.stdout.write(`Added the "${sheet}" sheet.\n`);
  } else {
    await writeText(request.out, ext === ".md" ? renderMarkdown(doc) : renderHtml(doc));
  }
  io.stdout.write(
    `Wrote the Schools Forum paper to ${request.out}: ${count(summary.initiatives.length, "initiative")}, ` +
      `${count(summary.savings.length, "savings plan")}, ${count(summary.deficits.length, "deficit table")}${summary.budgets.length > 0 ? `, ${count(summary.budgets.length, "budget table")}` : ""}${summary.scorecards.length > 0 ? `, ${count(summary.scorecards.reduce((n, s) => n + s.lines.length, 0), "scorecard indicator")}` : ""}.\n`,
  );
  return EXIT_OK;
}
