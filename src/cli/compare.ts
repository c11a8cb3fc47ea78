import { extname, resolve } from "path";
import { comparePapers, comparisonDocument, renderHtml, renderMarkdown, sinceHeading, type ShapeKind } from "../core/table";
import { count } from "../core";
import { documentSheetOperations, paperOf, type Paper } from "../app";
import { XlsxWorkbook } from "../adapters/xlsx";
import { CliError, readInputGrids, unreadableError } from "./inputs";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";
import { refuseOverwrite, writeProblem, writeText } from "./output";

export interface CompareRequest {
  earlier: string;
  later: string;
  /** The paper to write (.html, .md or .xlsx); without it the Markdown goes to stdout. */
  out?: string;
  force: boolean;
  /** Read every table of both as this kind (Read as). */
  kind?: ShapeKind;
}

export const COMPARE_FORMATS = [".html", ".htm", ".md", ".xlsx"];

/** The sheet the .xlsx output holds the comparison on. */
export const SINCE_SHEET = "Since last paper";

async function paperFrom(file: string, request: CompareRequest, deps: CliDeps): Promise<Paper> {
  const paper = paperOf(await readInputGrids(file), request.kind ? { kind: request.kind } : {}, deps.rules);
  const failed = paper.unreadable[0];
  if (failed) throw unreadableError(failed, file);
  if (paper.tables.length === 0 && paper.summary.budgets.length === 0) throw new CliError(`no table found in ${file}: there is nothing to compare.`);
  return paper;
}

/** What a paper holds, for the line that says two papers have nothing in common. */
function contents(paper: Paper): string {
  const s = paper.summary;
  const parts = [
    s.initiatives.length > 0 ? count(s.initiatives.length, "initiative") : "",
    s.savings.length > 0 ? count(s.savings.length, "savings plan") : "",
    s.budgets.length > 0 ? count(s.budgets.length, "budget table") : "",
    s.deficits.length > 0 ? count(s.deficits.length, "deficit table") : "",
    s.scorecards.length > 0 ? count(s.scorecards.length, "scorecard") : "",
  ].filter((p) => p !== "");
  return parts.join(", ") || "nothing the paper reads";
}

/**
 * `hnb compare <earlier> <later> [--out paper.html|.md|.xlsx]`: what has moved since the last
 * paper, as the paper's "Since <date>" section. Without --out the Markdown is printed.
 */
export async function runCompare(request: CompareRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const out = request.out;
  const ext = out ? extname(out).toLowerCase() : "";
  if (out) {
    if (!COMPARE_FORMATS.includes(ext)) throw new CliError(`compare: --out must end in .html, .md or .xlsx, not "${out}". Try "hnb compare --help".`);
    // Never over a paper being compared, --force or not.
    if ([request.earlier, request.later].some((f) => resolve(f) === resolve(out))) throw new CliError(`compare: --out ${out} is one of the papers being compared: choose another file.`);
    await refuseOverwrite(out, request.force);
  }
  const earlier = await paperFrom(request.earlier, request, deps);
  const later = await paperFrom(request.later, request, deps);
  const comparison = comparePapers(earlier.summary, later.summary);
  if (!comparison.comparable) {
    throw new CliError(`nothing to compare: ${request.earlier} has ${contents(earlier)} and ${request.later} has ${contents(later)}, with no kind of table in common.`);
  }
  const doc = comparisonDocument(comparison, { laterSummary: later.summary, later: later.options, earlier: earlier.options });
  if (!out) {
    io.stdout.write(renderMarkdown(doc));
    return EXIT_OK;
  }
  if (ext === ".xlsx") {
    // A workbook of its own: the inputs are never written to.
    const workbook = await XlsxWorkbook.create();
    const { sheet, operations } = documentSheetOperations(doc, [], SINCE_SHEET);
    await workbook.apply(operations);
    try {
      await workbook.save(out);
    } catch (error) {
      throw new CliError(writeProblem(out, error));
    }
    io.stdout.write(`Added the "${sheet}" sheet.\n`);
  } else {
    await writeText(out, ext === ".md" ? renderMarkdown(doc) : renderHtml(doc));
  }
  io.stdout.write(`Wrote what has moved ${sinceHeading(earlier.options.asAt).replace(/^Since/, "since")} to ${out}: ${comparison.movements === 0 ? "nothing has moved" : count(comparison.movements, "movement")}.\n`);
  return EXIT_OK;
}
