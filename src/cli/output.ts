import { access, copyFile } from "fs/promises";
import { resolve } from "path";
import { modeOf, writeAtomically, type XlsxWorkbook } from "../adapters/xlsx";
import type { CliIo } from "./io";
import { CliError, fileProblem, oneLine } from "./inputs";

/** Files the commands write: never over an existing file without --force, never half-written. */

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses before any work is done, so a long run is not wasted on a name that is taken. */
export async function refuseOverwrite(out: string, force: boolean): Promise<void> {
  if (!force && (await exists(out))) {
    throw new CliError(`${out} already exists: add --force to replace it, or choose another --out.`);
  }
}

export function writeProblem(out: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return `cannot write ${out}: its folder does not exist.`;
  if (code === "EACCES" || code === "EPERM") return `not allowed to write ${out} (is it open in Excel, or read-only?).`;
  if (code === "EBUSY") return `${out} is in use by another program (is it open in Excel?): close it and try again.`;
  if (code === "EISDIR") return `cannot write ${out}: it is a folder.`;
  if (code) return `could not write ${out}: ${fileProblem(out, error)}`;
  return `could not write ${out}: ${oneLine(error)}`;
}

/** Writes text (HTML, Markdown) in full or not at all. */
export async function writeText(out: string, text: string): Promise<void> {
  try {
    await writeAtomically(out, Buffer.from(text, "utf8"));
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }
}

/**
 * Writes a workbook opened from `input` to `out` as `hnb fix` and `hnb calc` do: every part of
 * the input exceljs leaves out put back; where one cannot be, nothing is written unless --force
 * was given, and then what was dropped is listed. Written over the input, the input is first kept
 * as a .bak beside it. A new file takes the input's permissions, one written over keeps its own.
 */
export async function writeWorkbook(workbook: XlsxWorkbook, input: string, out: string, force: boolean, io: CliIo): Promise<void> {
  let written: Awaited<ReturnType<XlsxWorkbook["package"]>>;
  try {
    written = await workbook.package();
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }
  const dropped = written.dropped;
  if (dropped.length > 0 && !force) {
    throw new CliError(`nothing written: ${out} would not keep ${dropped.length === 1 ? "this part" : `these ${dropped.length} parts`} of ${input}, which the add-in cannot write: ${dropped.join(", ")}. Add --force to write it without them.`);
  }
  const overInput = resolve(out) === resolve(input);
  try {
    const backup = overInput ? await keepBackup(input) : null;
    await writeAtomically(out, written.data, { mode: (await modeOf(out)) ?? (await modeOf(input)) ?? 0o644 });
    if (backup) io.stdout.write(`Kept ${input} as it was in ${backup}.\n`);
  } catch (error) {
    throw new CliError(writeProblem(out, error));
  }
  if (dropped.length > 0) io.stderr.write(`hnb: written without ${dropped.length === 1 ? "this part" : `these ${dropped.length} parts`} of ${input} (--force): ${dropped.join(", ")}.\n`);
}

/** A copy of `path` beside it, named .bak (or .2.bak, .3.bak… where that is taken): never over an older one. */
async function keepBackup(path: string): Promise<string> {
  for (let n = 1; n < 1_000; n++) {
    const backup = n === 1 ? `${path}.bak` : `${path}.${n}.bak`;
    if (await exists(backup)) continue;
    await copyFile(path, backup);
    return backup;
  }
  throw new CliError(`${path} already has 999 backups beside it: move some away and try again.`);
}
