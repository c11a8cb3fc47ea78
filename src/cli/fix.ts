import { createInterface } from "readline";
import type { FixKind } from "../core/table";
import { TooLarge, count } from "../core";
import { planFixes } from "../app";
import { XlsxWorkbook } from "../adapters/xlsx";
import { CliError, oneLine, readBytes, requireWorkbookSignature, unreadableError } from "./inputs";
import { EXIT_OK, type CliDeps, type CliIo } from "./io";
import { refuseOverwrite, writeWorkbook } from "./output";

export interface FixRequest {
  file: string;
  out: string;
  force: boolean;
  kinds: FixKind[];
  /** Apply without asking: the changes are still listed first. */
  yes: boolean;
  /** Asks the person at the keyboard; undefined where there is no one to ask (no terminal). */
  ask?: (question: string) => Promise<boolean>;
}

/**
 * `hnb fix`: changes to the user's own cells, listed first and written only once agreed (or with
 * --yes), into a copy of the workbook with every old and new value on the "HNB change log" sheet.
 */
export async function runFix(request: FixRequest, io: CliIo, deps: CliDeps): Promise<number> {
  await refuseOverwrite(request.out, request.force);
  // As every other command: an empty, truncated or encrypted file is refused in plain words.
  requireWorkbookSignature(request.file, await readBytes(request.file, 4));
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.open(request.file);
  } catch (error) {
    if (error instanceof TooLarge) throw error;
    throw new CliError(`${request.file} could not be read as an Excel workbook: ${oneLine(error)}`);
  }
  const { tables, unreadable, plan } = await planFixes(workbook, request.kinds, deps.rules);
  // The command line reads a file whole or not at all.
  const failed = unreadable[0];
  if (failed) throw unreadableError(failed, request.file);
  if (tables.length === 0) throw new CliError(`no table found in ${request.file}: nothing to fix.`);
  if (plan.changes.length === 0) {
    io.stdout.write("Nothing to change: every status is already written and coloured as the key says.\n");
    return EXIT_OK;
  }
  io.stdout.write(`${count(plan.changes.length, "change")} proposed:\n${plan.preview.map((line) => `  ${line}`).join("\n")}\n`);
  if (!request.yes) {
    if (!request.ask) {
      throw new CliError(`nothing written: ${count(plan.changes.length, "change")} listed above; run again with --yes to write them.`);
    }
    if (!(await request.ask(`Write these changes to ${request.out}? [y/N] `))) {
      io.stdout.write("Nothing written.\n");
      return EXIT_OK;
    }
  }
  const report = await plan.apply();
  await writeWorkbook(workbook, request.file, request.out, request.force, io);
  io.stdout.write(`Wrote ${request.out}: ${count(plan.changes.length, "change")}, each logged on the "HNB change log" sheet (${count(report.changes.length, "step")}).\n`);
  return EXIT_OK;
}

/** A yes/no question at the terminal, or undefined when standard input is not a terminal. */
export function terminalQuestion(): FixRequest["ask"] {
  if (!process.stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      rl.question(question, (answer) => {
        rl.close();
        resolve(/^\s*y(es)?\s*$/i.test(answer));
      });
    });
}
