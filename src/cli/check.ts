import { maxOf } from "../core";
import { checkWorkbook, FOLD_MIN, type CheckReport } from "../app";
import { formatDate } from "../core";
import { count } from "../core";
import { CliError, describeReading, describeTable, oneLine, readInputGrids, unreadableError } from "./inputs";
import type { ShapeKind } from "../core/table";
import { Progress } from "./progress";
import { EXIT_FINDINGS, EXIT_OK, type CliDeps, type CliIo } from "./io";

export interface CheckRequest {
  file: string;
  /** Read every table as this kind (Read as). */
  kind?: ShapeKind;
  /** Excel serial of the report date. */
  asOf?: number;
  json: boolean;
}

export async function runCheck(request: CheckRequest, io: CliIo, deps: CliDeps): Promise<number> {
  const { file } = request;
  const progress = new Progress(io, deps.now);
  const grids = await readInputGrids(file, progress);
  progress.step(`finding and checking the tables on ${count(grids.length, "sheet")}`);
  let report: CheckReport;
  try {
    // Without --as-of, the workbook's own report date judges deadlines, as the task pane does;
    // with neither, nothing is judged overdue (no clock is given: the command line never assumes today).
    report = checkWorkbook(grids, { ...(request.asOf === undefined ? {} : { asOf: request.asOf }), ...(request.kind ? { kind: request.kind } : {}) }, deps.rules);
  } catch (error) {
    throw new CliError(`could not check ${file}: ${oneLine(error)}`);
  }
  // The command line reads a file whole or not at all.
  const failed = report.unreadable[0];
  if (failed) throw unreadableError(failed, file);
  const { tables, readings, findings, asOf } = report;
  if (tables.length === 0 && readings.length === 0) throw new CliError(`no table found in ${file}: no line holds figures or statuses against a label, so there is nothing to check.`);
  const exitCode = report.counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;

  if (request.json) {
    // Which date deadlines were judged by, and where it came from; null when none was (no --as-of, no report date).
    const judged = asOf === null ? null : { date: asOf.iso, from: asOf.source ?? "--as-of" };
    // Every finding stays one object a tool can go to; groups add the folded sentences.
    const groups = report.sections.flatMap((s) => s.groups).map((g) => ({ rule: g.rule, severity: g.severity, location: g.reference, message: g.message, locations: g.locations }));
    io.stdout.write(`${JSON.stringify({ asOf: judged, findings, groups })}\n`);
    return exitCode;
  }

  const described = [...tables.map(describeTable), ...readings.map(describeReading)];
  const lines: string[] = [`Checked ${file}: ${count(described.length, "table")} (${described.join("; ")}).`];
  if (asOf?.from === "report date") lines.push(`Deadlines judged as of ${formatDate(asOf.serial)}, the report date at ${asOf.source} (--as-of to choose another).`);
  for (const { heading, groups } of report.sections) {
    const locationWidth = maxOf(groups.map((g) => g.reference.length), 0);
    const ruleWidth = maxOf(groups.map((g) => g.rule.length), 0);
    lines.push("", heading);
    for (const g of groups) {
      lines.push(`  ${g.reference.padEnd(locationWidth)}  ${g.rule.padEnd(ruleWidth)}  ${g.message.replace(/\s+/g, " ").trim()}`);
    }
  }
  if (findings.length === 0) lines.push("", "Nothing to report: every check passed.");
  const folded = report.lines < findings.length ? ` (in ${count(report.lines, "line")}: a rule found on ${FOLD_MIN} or more cells of one column is one line; --json lists every cell)` : "";
  lines.push("", report.summary + folded);
  io.stdout.write(`${lines.map(printable).join("\n")}\n`);
  return exitCode;
}

/**
 * A line as a terminal shows it and no more: control characters from a cell (an escape sequence
 * that would recolour, retitle or clear the terminal) are written as visible "\u001b"-style codes.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is being made visible
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
