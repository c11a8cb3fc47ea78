import { existsSync, readFileSync, readdirSync } from "fs";
import { join } from "path";

/**
 * The corpus of real council tables sits beside the repository (../shared/corpus) on the team's
 * machines and in CI, and is the measure; test/fixtures/corpus is a copy so that a bare clone can
 * still be tested. HNB_CORPUS points elsewhere.
 */
const SHARED = join(__dirname, "..", "..", "..", "shared", "corpus");
export const CORPUS_DIR = process.env.HNB_CORPUS ?? (existsSync(join(SHARED, "score.mjs")) ? SHARED : join(__dirname, "..", "fixtures", "corpus"));

/** The corpus's tables: each NN-name.tsv that has an NN-name.expected.json. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".tsv") && existsSync(join(CORPUS_DIR, f.replace(/\.tsv$/, ".expected.json"))))
    .sort();
}

export interface Expected {
  kind: string;
  headingRows: number[];
  labelColumn: number;
  rows: { line: number; label: string; role: string }[];
  totals: { line: number; col: number; stated: number | null; agrees: boolean }[];
}

export function expectedFor(file: string): Expected {
  return JSON.parse(readFileSync(join(CORPUS_DIR, file.replace(/\.tsv$/, ".expected.json")), "utf8")) as Expected;
}

/** A corpus table as pasted: lines of tab-separated cells, as Excel holds a paste. */
export function corpusGrid(file: string): { name: string; values: string[][] } {
  const text = readFileSync(join(CORPUS_DIR, file), "utf8").replace(/\r\n?/g, "\n").replace(/\n$/, "");
  return { name: file.replace(/\.tsv$/, ""), values: text.split("\n").map((l) => l.split("\t")) };
}
