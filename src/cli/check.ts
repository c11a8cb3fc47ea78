import { checkTables, findReportDate, foldFindings, groupReference, reportDateSource } from "../core/table";
import { formatDate, ymdFromSerial } from "../core/years";
import type { Finding, Severity } from "../core/table";
import { count } from "../core/errors";
import { CliError, describeTable, oneLine, readInputGrids, tablesIn } from "./inputs";
import { EXIT_FINDINGS, EXIT_OK, type CliIo } from "./io";

export interface CheckRequest {
  file: string;
  /** Excel serial of the report date. */
  asOf?: number;
  json: boolean;
}

const FOLD_MIN = 3;

const GROUPS: { severity: Severity; heading: string }[] = [
  { severity: "error", heading: "Errors" },
  { severity: "warning", heading: "Warnings" },
  { severity: "info", heading: "Information" },
];

export async function runCheck(request: CheckRequest, io: CliIo): Promise<number> {
  const { file } = request;
  const grids = await readInputGrids(file);
  const tables = tablesIn(grids, file);
  if (tables.length === 0) throw new CliError(`no table found in ${file}: nothing to check.`);
  // Without --as-of, the workbook's own report date judges deadlines, as the task pane does.
  const reportDate = request.asOf === undefined ? findReportDate(grids, tables) : null;
  const asOf = request.asOf ?? reportDate?.serial;

  let findings: Finding[];
  try {
    // One call over every sheet's tables: a summary table on one sheet is checked against its
    // detail on another.
    findings = checkTables(tables, asOf === undefined ? {} : { asOf });
  } catch (error) {
    throw new CliError(`could not check ${file}: ${oneLine(error)}`);
  }
  const exitCode = findings.some((f) => f.severity === "error") ? EXIT_FINDINGS : EXIT_OK;

  if (request.json) {
    // Which date deadlines were judged by, and where it came from; null when none was (no --as-of, no report date).
    const judged = asOf === undefined ? null : { date: isoDate(asOf), from: reportDate ? reportDateSource(reportDate) : "--as-of" };
    // Every finding stays one object a tool can go to; groups add the folded sentences.
    const groups = foldFindings(findings).map((g) => ({ rule: g.rule, severity: g.severity, location: groupReference(g), message: g.message, locations: g.locations }));
    io.stdout.write(`${JSON.stringify({ asOf: judged, findings, groups })}\n`);
    return exitCode;
  }

  const lines: string[] = [`Checked ${file}: ${count(tables.length, "table")} (${tables.map(describeTable).join("; ")}).`];
  if (reportDate) lines.push(`Deadlines judged as of ${formatDate(reportDate.serial)}, the report date at ${reportDateSource(reportDate)} (--as-of to choose another).`);
  const folded = foldFindings(findings, { min: FOLD_MIN });
  for (const { severity, heading } of GROUPS) {
    const group = folded.filter((f) => f.severity === severity).map((g) => ({ ...g, where: groupReference(g) }));
    if (group.length === 0) continue;
    const locationWidth = Math.max(...group.map((f) => f.where.length));
    const ruleWidth = Math.max(...group.map((f) => f.rule.length));
    lines.push("", heading);
    for (const f of group) {
      lines.push(`  ${f.where.padEnd(locationWidth)}  ${f.rule.padEnd(ruleWidth)}  ${f.message.replace(/\s+/g, " ").trim()}`);
    }
  }
  if (findings.length === 0) lines.push("", "Nothing to report: every check passed.");
  lines.push("", summaryLine(findings) + (folded.length < findings.length ? ` (in ${count(folded.length, "line")}: a rule found on ${FOLD_MIN} or more cells of one column is one line; --json lists every cell)` : ""));
  io.stdout.write(`${lines.join("\n")}\n`);
  return exitCode;
}

/** "2 errors, 3 warnings, 1 note". */
export function summaryLine(findings: Finding[]): string {
  const n = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return `${count(n("error"), "error")}, ${count(n("warning"), "warning")}, ${count(n("info"), "note")}`;
}

/** "2025-03-31" for an Excel serial. */
function isoDate(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
