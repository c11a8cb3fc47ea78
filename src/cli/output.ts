import { access } from "fs/promises";
import { writeAtomically } from "../adapters/xlsx";
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
