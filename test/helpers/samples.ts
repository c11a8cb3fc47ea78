import { existsSync, readFileSync } from "fs";
import { join } from "path";

/**
 * The shared samples sit beside the repository (../shared/samples) on the team's machines and in
 * CI; a copy in test/fixtures keeps a bare clone testable. HNB_SAMPLES points elsewhere.
 */
const SHARED = join(__dirname, "..", "..", "..", "shared", "samples");
export const SAMPLES_DIR =
  process.env.HNB_SAMPLES ?? (existsSync(SHARED) ? SHARED : join(__dirname, "..", "fixtures", "samples"));

/** A tab-separated sample as Excel would hold it after a paste: rows of cell texts, "" for blanks. */
export function readSampleGrid(name: string): string[][] {
  const text = readFileSync(join(SAMPLES_DIR, name), "utf8");
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => line.split("\t"));
}
