/*
 * The corpus is the measure: real tables out of councils' papers, scored by the shared scorer
 * (../shared/corpus/score.mjs) exactly as the hidden tables from other councils are. The floors
 * are the figures reached; a change that reads real tables worse fails here, so the score can
 * only go up. Raise the floors when the reader gets better.
 */
import { execFileSync } from "child_process";
import { join } from "path";
import { CORPUS_DIR } from "../helpers/corpus";

/** The mean score over the corpus reached so far (`node ../shared/corpus/score.mjs`). */
const MEAN_FLOOR = 0.915;
/** Changed figures under totals that agree, caught (`--mutate`): 60 of 69 when this was set. */
const CAUGHT_FLOOR = 0.86;

interface ScoreReport {
  mean: number;
  caught: number;
  mutations: number;
  results: { file: string; kind: string; score: number; misses: string[] }[];
}

const ROOT = join(__dirname, "..", "..");
let report: ScoreReport;

beforeAll(() => {
  // The scorer runs `node bin/hnb.js read`, which runs the compiled command line: build it from
  // the sources under test first, so the score is of this tree and not of an older build.
  execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
  const out = execFileSync(process.execPath, [join(CORPUS_DIR, "score.mjs"), "--json", "--mutate", CORPUS_DIR], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  report = JSON.parse(out) as ScoreReport;
}, 600_000);

describe("the real council tables of the corpus", () => {
  it("are read at least as well as the floor reached (mean score over every table)", () => {
    const byKind = new Map<string, number[]>();
    for (const r of report.results) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.score]);
    const lines = [...byKind].map(([kind, scores]) => `${kind} ${((scores.reduce((a, b) => a + b, 0) / scores.length) * 100).toFixed(0)}% (${scores.length})`);
    // Which kinds fell, said where it fails.
    if (report.mean < MEAN_FLOOR) throw new Error(`corpus mean ${(report.mean * 100).toFixed(1)}% is below the floor ${(MEAN_FLOOR * 100).toFixed(1)}%: ${lines.join(", ")}`);
    expect(report.mean).toBeGreaterThanOrEqual(MEAN_FLOOR);
  });

  it("notice a figure changed under a total that agreed (the --mutate count)", () => {
    expect(report.mutations).toBeGreaterThan(0);
    expect(report.caught / report.mutations).toBeGreaterThanOrEqual(CAUGHT_FLOOR);
  });

  it("each give a table, never 'no table found', where the paper has figures in rows", () => {
    const lost = report.results.filter((r) => r.misses.includes("table not found")).map((r) => r.file);
    // Two are still not found when this was written: a table run together with its notes in one
    // line of a slide (b09) and a memorandum whose two tables are split by a heading written a
    // cell a line (s10). A third means something got worse.
    expect(lost.length <= 2 ? [] : lost).toEqual([]);
  });
});
