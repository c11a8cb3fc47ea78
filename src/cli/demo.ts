import { count } from "../core";
import { ALL_TEMPLATES, buildTemplates } from "../app";
import { XlsxWorkbook, calculateWorkbook } from "../adapters/xlsx";
import { CliError } from "./inputs";
import { EXIT_OK, type CliIo } from "./io";
import { refuseOverwrite, writeProblem } from "./output";

export interface DemoRequest {
  out: string;
  force: boolean;
  /** Work out the HNB formulas and store their results, so the file shows figures without the add-in (default true). */
  calculate: boolean;
  /** The action plan's report date (Excel serial); default 31 March 2025, the samples' year end. */
  reportDate?: number;
}

/**
 * `hnb demo --out demo.xlsx`: every template, filled with the made-up Northshire figures, as a
 * workbook — the same operations the task pane's Templates screen applies in Excel.
 */
export async function runDemo(request: DemoRequest, io: CliIo): Promise<number> {
  if (!/\.xlsx$/i.test(request.out)) throw new CliError(`demo: --out must name an .xlsx file, not "${request.out}". Try "hnb demo --help".`);
  await refuseOverwrite(request.out, request.force);
  const workbook = await XlsxWorkbook.create();
  const { operations, sheets } = buildTemplates(ALL_TEMPLATES, [], request.reportDate !== undefined ? { reportDate: request.reportDate } : {});
  const report = await workbook.apply(operations);
  let calculated = "";
  if (request.calculate) {
    const calc = calculateWorkbook(workbook.workbook);
    calculated = `; ${count(calc.formulas, "HNB formula")} worked out${calc.errors.length > 0 ? `, ${count(calc.errors.length, "error")}` : ""}`;
  }
  try {
    await workbook.save(request.out);
  } catch (error) {
    throw new CliError(writeProblem(request.out, error));
  }
  const charts = report.changes.filter((c) => c.startsWith("Drew")).length;
  io.stdout.write(`Wrote ${request.out}: ${Object.values(sheets).join(", ")}${calculated}${charts > 0 ? `; ${count(charts, "chart")}` : ""}.\n`);
  return EXIT_OK;
}
