/*
 * Import and check agree (issue 23): checking the workbook the import wrote finds nothing the
 * import made — check(import(x)) reports no more than check(x) — on every shared sample and every
 * corpus table, as of the same report date.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hnb } from "../helpers/run-cli";
import { readWorkbookGrids } from "../../src/adapters/xlsx";
import { paperOf } from "../../src/app";
import { serialFromYmd } from "../../src/core";
import { SAMPLES_DIR } from "../helpers/samples";
import { CORPUS_DIR, corpusFiles } from "../helpers/corpus";

const dir = mkdtempSync(join(tmpdir(), "hnb-agree-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AS_OF = "2025-04-01";

async function findings(path: string): Promise<{ rule: string; location: string; message: string }[]> {
  const run = await hnb("check", path, "--as-of", AS_OF, "--json");
  // A file with no table in it has nothing to find.
  if (run.code === 2 && /no table found/.test(run.stderr)) return [];
  return (JSON.parse(run.stdout) as { findings: { rule: string; location: string; message: string }[] }).findings;
}

const inputs = [
  ...readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".tsv")).map((f) => [`sample ${f}`, join(SAMPLES_DIR, f)] as const),
  ...corpusFiles().map((f) => [`corpus ${f}`, join(CORPUS_DIR, f)] as const),
];

describe("check(import(x)) reports no more than check(x)", () => {
  it("has the samples and the corpus to try", () => {
    expect(inputs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(inputs)("%s", async (_, path) => {
    const before = await findings(path);
    const out = join(dir, `${path.split("/").pop()}.xlsx`);
    const imported = await hnb("import", path, "--out", out, "--as-of", AS_OF);
    // A file the import finds no table in writes nothing: nothing to compare.
    if (imported.code !== 0) {
      expect(imported.stderr).toMatch(/no table found/);
      return;
    }
    const after = await findings(out);
    // Said in full where it fails: what the import's own workbook was found to hold.
    const verdict = after.length <= before.length ? "no more" : { before: before.map((f) => f.rule).sort(), after: after.map((f) => `${f.rule} ${f.location}: ${f.message}`) };
    expect(verdict).toBe("no more");
  });
});

describe("a scorecard imported and checked again", () => {
  it("keeps its first row as data (a percentage is a figure, never part of the headings) and repeats no ref the paper left blank", async () => {
    const path = join(dir, "scorecard.tsv");
    writeFileSync(
      path,
      ["Ref\tIndicator\tBaseline\tTarget 2026/27\tActual 2025/26", "S1\tParents satisfied\t52%\t65%\t55%", "\tParents satisfied with EHCP\t40%\t50%\t45%", "S2\tTribunals\t14\t7\t9", "\tTribunals upheld\t10\t5\t6"].join("\n"),
    );
    const out = join(dir, "scorecard.xlsx");
    const imported = await hnb("import", path, "--out", out, "--as-of", AS_OF);
    expect(imported.stdout).toMatch(/"Scorecard" +scorecard, 4 rows +from scorecard\.tsv, scorecard!A1/);
    expect((await findings(out)).filter((f) => f.rule === "ref.duplicate")).toEqual([]);
  });
});

describe("the paper, the checks sheet and hnb check give the same figures, on every shared sample", () => {
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".tsv"));

  /** Each checks sheet's rows, by their label in column A: the cached results beside it, as the add-in reads them. */
  async function checksSheets(path: string): Promise<Map<string, unknown[]>> {
    const rows = new Map<string, unknown[]>();
    for (const grid of (await readWorkbookGrids(path)).filter((g) => g.name.startsWith("Checks"))) {
      for (const values of grid.values) if (typeof values[0] === "string") rows.set(`${grid.name}|${values[0]}`, values.slice(1));
    }
    return rows;
  }

  it.each(samples)("%s", async (sample) => {
    const out = join(dir, `agree-${sample}.xlsx`);
    const imported = await hnb("import", join(SAMPLES_DIR, sample), "--out", out, "--realign", "--as-of", AS_OF);
    if (imported.code !== 0) return;
    const sheets = await checksSheets(out);
    const checked = await findings(out);
    const { summary } = paperOf(await readWorkbookGrids(out), { asOf: serialFromYmd(2025, 4, 1) });
    let compared = 0;
    for (const s of summary.savings) {
      const total = [...sheets].find(([label]) => label.endsWith("|Total of the rows"))?.[1];
      const risk = [...sheets].find(([label]) => label.endsWith("|Risk-adjusted (weighted by RAG status)"))?.[1];
      if (total) {
        expect(total.slice(0, s.calculated.length)).toEqual(s.calculated);
        compared++;
      }
      if (risk) {
        // The same figures, or not worked out in both.
        if (s.riskAdjusted) expect(risk.slice(0, s.riskAdjusted.length)).toEqual(s.riskAdjusted);
        else expect(risk.every((v) => typeof v === "string" && v.startsWith("Not worked out"))).toBe(true);
        compared++;
      }
      // A stated total the checks sheet passes is one hnb check does not flag, and the other way round.
      for (const [label, values] of sheets) {
        const year = /\|Savings (\d{4}\/\d{2}): the stated total agrees with the rows$/.exec(label)?.[1];
        if (!year) continue;
        const flagged = checked.some((f) => f.rule === "total.mismatch" && f.message.includes(year.slice(2)));
        expect([year, values[0] === "Passes"]).toEqual([year, !flagged]);
        compared++;
      }
    }
    const overdue = [...sheets].find(([label]) => label.endsWith("|Actions overdue at the report date"))?.[1];
    if (overdue) {
      const cells = checked.filter((f) => f.rule === "date.overdue").length;
      expect(overdue[0]).toBe(cells);
      compared++;
    }
    if (summary.savings.length > 0 || overdue) expect(compared).toBeGreaterThan(0);
  });
});
