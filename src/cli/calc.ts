/**
 * `hnb calc <file.xlsx> --out <file.xlsx>`: works out every HNB formula in a workbook and stores
 * the results as cached values, so LibreOffice and other viewers show figures without the
 * add-in (src/engine/calc.ts does the work, over the workbook src/adapters/xlsx opens; this is
 * the file handling and the summary).
 */
import { TooLarge, maxOf } from "../core";
import { extname } from "path";
import { count } from "../core";
import type { CalcReport } from "../engine";
import { writeHnbNames } from "../formulas";
import { XlsxWorkbook, calculateWorkbook } from "../adapters/xlsx";
import { CliError, oneLine, readBytes, requireWorkbookSignature } from "./inputs";
import { EXIT_FINDINGS, EXIT_OK, type CliIo } from "./io";
import { refuseOverwrite, writeWorkbook } from "./output";

export interface CalcRequest {
  file: string;
  out: string;
  force: boolean;
  /** Write HNB calls as typed, HNB.RAG(…), instead of Excel's stored form _xldudf_HNB_RAG(…). */
  dotted: boolean;
}

/** How many cells each list in the summary names before "and N more". */
const LIST_LIMIT = 20;

export async function runCalc(request: CalcRequest, io: CliIo): Promise<number> {
  const { file, out } = request;
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsm") throw new CliError(`${file} has macros, which would be lost: save a copy as .xlsx and calculate that.`);
  if (ext === ".xls") throw new CliError(`${file} is an Excel 97–2003 workbook: open it in Excel and save it as .xlsx first.`);
  if (ext !== ".xlsx") throw new CliError(`${file}: hnb calc works on .xlsx workbooks, not ${ext ? `${ext} files` : "a file without an extension"}.`);
  await refuseOverwrite(out, request.force);

  const bytes = Buffer.from(await readBytes(file));
  requireWorkbookSignature(file, bytes);
  let workbook: XlsxWorkbook;
  try {
    // Through the xlsx adapter, so the line charts HNB drew (templates, the paper) are kept.
    workbook = await XlsxWorkbook.open(file);
  } catch (error) {
    if (error instanceof TooLarge) throw error;
    throw new CliError(`${file} could not be read as an Excel workbook: ${oneLine(error)}`);
  }

  let report: CalcReport;
  try {
    report = calculateWorkbook(workbook.workbook, { formulaNames: request.dotted ? "dotted" : "excel" });
  } catch (error) {
    throw new CliError(`could not calculate ${file}: ${oneLine(error)}`);
  }

  await writeWorkbook(workbook, file, out, request.force, io);

  io.stdout.write(`${summary(report, file, out).join("\n")}\n`);
  return report.unresolved.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** What `hnb calc` prints: one line of counts, then the cells worth a look. */
export function summary(report: CalcReport, file: string, out: string): string[] {
  const lines: string[] = [];
  if (report.formulas === 0 && report.unresolved.length === 0) {
    lines.push(`No HNB formulas in ${file}: wrote it to ${out} unchanged.`);
    return lines;
  }
  const details = [`${count(report.spills.length, "spill")}`, `${count(report.errors.length, "error value")}`];
  lines.push(`Calculated ${count(report.formulas, "HNB formula")} in ${file} (${details.join(", ")}) and wrote ${out}.`);
  if (report.dependents > 0) lines.push(`Also updated ${count(report.dependents, "other formula")} that use${report.dependents === 1 ? "s" : ""} HNB results.`);
  if (report.cleared > 0) lines.push(`Emptied ${count(report.cleared, "cell")} an earlier calculation had spilled into.`);
  if (report.spills.length > 0) {
    lines.push("", "Spills");
    lines.push(...limited(report.spills.map((s) => `  ${s.range}  ${s.rows}×${s.columns}  ${shown(s.formula)}`)));
  }
  if (report.errors.length > 0) {
    lines.push("", "Error values");
    const width = maxOf(report.errors.map((e) => e.location.length), 0);
    lines.push(...limited(report.errors.map((e) => `  ${e.location.padEnd(width)}  ${e.value}  ${e.message || shown(e.formula)}`)));
  }
  if (report.unresolved.length > 0) {
    lines.push("", "Could not be worked out (left as they were)");
    const width = maxOf(report.unresolved.map((u) => u.location.length), 0);
    lines.push(...limited(report.unresolved.map((u) => `  ${u.location.padEnd(width)}  ${u.reason}: ${shown(u.formula)}`)));
  }
  return lines;
}

/** A formula as a person typed it: =HNB.RAG(F2), not Excel's stored _xldudf_HNB_RAG(F2). */
function shown(formula: string): string {
  return `=${writeHnbNames(formula, "dotted")}`;
}

function limited(lines: string[]): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), `  …and ${lines.length - LIST_LIMIT} more`];
}

// ---------------------------------------------------------------------------------------------
// Files

/**
 * Parts of the package that exceljs drops when it writes a workbook back. Part names sit
 * uncompressed in a zip's directory, so a byte search finds them without unzipping.
 */


