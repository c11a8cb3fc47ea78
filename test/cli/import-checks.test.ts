/*
 * `hnb import` writes a checks sheet of HNB formulas after each table's sheet, worked out and
 * cached as `hnb calc` does: each shared sample imported for real, the file read back.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook, type Worksheet } from "exceljs";
import { hnb } from "../helpers/run-cli";
import { CHECKS_TITLE } from "../../src/app";

const SAMPLES = join(__dirname, "..", "fixtures", "samples");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-import-checks-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function imported(sample: string, ...options: string[]): Promise<{ book: Workbook; stdout: string; out: string }> {
  const out = join(dir, `${sample}-${options.join("").replace(/[^a-z0-9]/gi, "") || "plain"}.xlsx`);
  const run = await hnb("import", join(SAMPLES, sample), "--out", out, "--force", ...options);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const book = new Workbook();
  await book.xlsx.readFile(out);
  return { book, stdout: run.stdout, out };
}

interface FormulaCell {
  address: string;
  formula: string;
  result: unknown;
}

function formulas(sheet: Worksheet): FormulaCell[] {
  const cells: FormulaCell[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const model = cell.model as { formula?: string; result?: unknown };
      if (model.formula !== undefined) cells.push({ address: cell.address, formula: model.formula, result: model.result });
    }),
  );
  return cells;
}

/** The master check's cached count; exceljs reads a cached 0 back as no result. */
function master(sheet: Worksheet): unknown {
  return (sheet.getCell("B1").model as { result?: unknown }).result ?? 0;
}

function result(sheet: Worksheet, address: string): unknown {
  return (sheet.getCell(address).model as { result?: unknown }).result;
}

const samples = readdirSync(SAMPLES).filter((f) => f.endsWith(".tsv"));

describe("hnb import: checks sheets", () => {
  it.each(samples)("%s: every HNB formula is worked out, no error cached, each table followed by its checks sheet", async (sample) => {
    const out = join(dir, `${sample}.xlsx`);
    const run = await hnb("import", join(SAMPLES, sample), "--out", out, "--force");
    if (run.code !== 0) {
      throw new Error(`hnb import of ${sample} failed: ${run.stderr}`);
    }
    const book = new Workbook();
    await book.xlsx.readFile(out);
    const names = book.worksheets.map((s) => s.name);
    for (const sheet of book.worksheets.filter((s) => s.name.startsWith("Checks ("))) {
      expect(sheet.getCell("A1").value).toBe(CHECKS_TITLE);
      // Straight after the table it checks.
      expect(names[names.indexOf(sheet.name) - 1]).toBe(/^Checks \((.*)\)$/.exec(sheet.name)![1]);
      const cells = formulas(sheet);
      expect(cells.some((c) => c.formula.includes("_xldudf_HNB_"))).toBe(true);
      for (const c of cells) {
        // Stored as Excel stores an add-in's function, never left dotted (which reads as #NAME?).
        expect(c.formula).not.toMatch(/HNB\./);
        expect(c.result === undefined || typeof c.result !== "object").toBe(true);
      }
      expect(typeof master(sheet)).toBe("number");
    }
  });

  it("counts what fails: savings-plan-messy's totals, statuses and a column of text", async () => {
    const { book, stdout } = await imported("savings-plan-messy.tsv");
    expect(book.worksheets.map((s) => s.name)).toEqual(["Savings plan", "Checks (Savings plan)", "Import notes"]);
    expect(stdout).toMatch(/Checks of HNB formulas on "Checks \(Savings plan\)": \d+ HNB formulas worked out; each sheet's B1 counts the checks that fail\./);
    const checks = book.getWorksheet("Checks (Savings plan)")!;
    expect(checks.getCell("A7").value).toBe("Savings 2026/27: the stated total agrees with the rows");
    expect(result(checks, "B7")).toMatch(/^The rows add to 665,000 but the total says 657,000/);
    expect(result(checks, "C7")).toBe(1);
    // A row pasted out of line leaves text in 2025/26: that check cannot run, and says so.
    expect(result(checks, "B6")).toMatch(/^Cannot be checked/);
    expect(master(checks)).toBe(4);
    // The savings by year, as the rows give them, text passed over.
    expect(checks.getCell("A12").value).toBe("Total of the rows");
    expect(result(checks, "B12")).toBe(205000);
    expect(typeof result(checks, "B13")).toBe("number");
  });

  it("with --realign the transposed 2026/27 total is what is left, beside the statuses outside the key", async () => {
    const { book } = await imported("savings-plan-messy.tsv", "--realign");
    const checks = book.getWorksheet("Checks (Savings plan)")!;
    expect(result(checks, "B5")).toBe("Passes");
    expect(result(checks, "B6")).toBe("Passes");
    expect(result(checks, "B7")).toMatch(/675,000 but the total says 657,000/);
    expect(master(checks)).toBe(2);
  });

  it("savings-plan-shifted with --realign passes every check", async () => {
    const { book } = await imported("savings-plan-shifted.tsv", "--realign");
    const checks = book.getWorksheet("Checks (Savings plan)")!;
    expect(master(checks)).toBe(0);
    const results = formulas(checks).filter((c) => /^B\d+$/.test(c.address) && c.formula.startsWith("IFERROR(IF("));
    expect(results.length).toBe(5);
    for (const c of results) expect(c.result).toBe("Passes");
  });

  it("an action plan's overdue count waits for the report date, and uses --as-of when given", async () => {
    const blank = (await imported("action-plan-messy.tsv")).book.getWorksheet("Checks (Action plan)")!;
    expect(blank.getCell("A3").value).toBe("Report date");
    expect(blank.getCell("B3").value).toBeNull();
    expect(blank.getCell("A11").value).toBe("Actions overdue at the report date");
    expect(result(blank, "B11")).toBe("Type the report date in B3");
    const dated = (await imported("action-plan-messy.tsv", "--as-of", "2025-03-31")).book.getWorksheet("Checks (Action plan)")!;
    expect(dated.getCell("B3").value).toEqual(new Date(Date.UTC(2025, 2, 31)));
    expect(result(dated, "B11")).toBe(3);
    expect(formulas(dated).find((c) => c.address === "B14")!.formula).toContain("_xldudf_HNB_OVERDUE('Action plan'!G2,'Action plan'!H2,");
    // The statuses by the names of the key under the table (three-point), written beside the checks.
    expect([8, 9, 10].map((r) => blank.getCell(`A${r}`).value)).toEqual(["Actions at Green", "Actions at Amber", "Actions at Red"]);
    expect([4, 5, 6, 7].map((r) => blank.getCell(`E${r}`).value)).toEqual(["RAG key", "Green", "Amber", "Red"]);
    expect(result(blank, "B8")).toBe(3);
    // "Grey" is outside that key: the checks sheet says so, as hnb check's rag.unknown does.
    expect(result(blank, "B5")).not.toBe("Passes");
  });

  it("without --as-of, the overdue count is judged by the report date the paper states, and the command says where it found it", async () => {
    const titled = join(dir, "titled.tsv");
    writeFileSync(titled, `Action plan: position as at 31 March 2025\n\n${readFileSync(join(SAMPLES, "action-plan-messy.tsv"), "utf8")}`);
    const out = join(dir, "titled.xlsx");
    const run = await hnb("import", titled, "--out", out, "--force");
    expect(run.stdout).toContain("Overdue actions judged as of 31 March 2025, the report date at titled!A1, in the heading “Action plan: position as at 31 March …” (--as-of to choose another).");
    const book = new Workbook();
    await book.xlsx.readFile(out);
    const checks = book.getWorksheet("Checks (Action plan)")!;
    expect(checks.getCell("B3").value).toEqual(new Date(Date.UTC(2025, 2, 31)));
    expect(result(checks, "B11")).toBe(3);
  });

  it("an action plan whose statuses were lost (action-tracker-pdf) still counts what has run past its end date", async () => {
    const checks = (await imported("action-tracker-pdf.tsv", "--as-of", "2025-11-01")).book.getWorksheet("Checks (Action plan)")!;
    expect(checks.getCell("A8").value).toBe("Actions overdue at the report date");
    // Row 2 (end March 2025) is past its end date with its status unknown, as hnb check says.
    expect(result(checks, "B8")).toBe(1);
    expect(String(checks.getCell("A9").value)).toMatch(/no status column/);
    expect(formulas(checks).find((c) => c.address === "B11")!.formula).toContain(`_xldudf_HNB_OVERDUE('Action plan'!G2,"",`);
    // No status column, so no key beside the checks and no RAG check.
    expect(checks.getCell("E4").value).toBeNull();
  });

  it("a DSG deficit table gets its corkscrew, deficit paths and first year out of deficit", async () => {
    const good = (await imported("dsg-budget.tsv")).book.getWorksheet("Checks (DSG budget)")!;
    expect(master(good)).toBe(0);
    expect(result(good, "B5")).toBe("Passes");
    expect(result(good, "B8")).toBe("Not recovered by 2027/28");
    expect(good.getCell("A9").value).toBe("First year out of deficit, with the recovery plan");
    expect(result(good, "B9")).toBe("Not recovered by 2027/28");
    // The 2026 rules: the Stability Grant on the deficit at 31 March 2026 (2,162), what is left, and 31 March 2028.
    expect(result(good, "B10")).toBeCloseTo(1945.8, 9);
    expect(result(good, "B11")).toBeCloseTo(216.2, 9);
    expect(good.getCell("A12").value).toBe("Deficit at 31 March 2028, the end of the statutory override, as the carried-forward row states");
    expect(result(good, "B12")).toBe(3992);
    expect(good.getCell("A16").value).toBe("Deficit path, with the recovery plan");
    expect(result(good, "B16")).toBe(1037);
    expect(good.getCell("F16").value).toBe(3057);
    // Cells for the deficit by source, and SOURCECHECK over them asking for the figures until typed.
    expect(good.getCell("A20").value).toBe("s251 outturn");
    expect(good.getCell("A25").value).toBe("The sources agree");
    expect(result(good, "B25")).toBe("Type the deficit each source gives in the cells above.");
    const broken = (await imported("dsg-budget-broken.tsv")).book.getWorksheet("Checks (DSG budget)")!;
    expect(master(broken)).toBe(1);
    expect(result(broken, "B5")).toMatch(/2025\/26 brought forward is 1,552 but 2024\/25 carried forward 1,522/);
  });

  it("a budget monitoring table's checks sheet adds each subtotal, total and the in-year position from exactly its lines, and sets HNB.VARIANCE beside each stated variance", async () => {
    const checks = (await imported("hnb-budget-monitoring.tsv")).book.getWorksheet("Checks (Budget)")!;
    const cells = formulas(checks);
    // The total counts the lines, never the subtotal over three of them.
    expect(cells.find((c) => c.address === "B8")!.formula).toContain("_xldudf_HNB_TOTALCHECK(Budget!C15,SUM(Budget!C3,Budget!C5:C7,Budget!C9:C14))");
    expect(checks.getCell("A8").value).toBe("Total High Needs expenditure, Budget: the total adds up");
    expect(result(checks, "B8")).toBe("Passes");
    // 1.2.3's 1,751 throws out the subtotal's and the total's variance, and differs from HNB.VARIANCE.
    expect(result(checks, "B7")).toMatch(/^The rows add to 3,178 but the total says 3,142/);
    expect(checks.getCell("A14").value).toBe("Every line's variance is outturn - budget (the table's own way round)");
    expect(result(checks, "B14")).toMatch(/^1 line\(s\) state a variance other than outturn - budget/);
    expect(checks.getCell("A20").value).toBe("1.2.3 Top-up: independent and non-maintained special schools");
    expect([result(checks, "B20"), result(checks, "C20"), result(checks, "D20")]).toEqual([1715, 1751, 1]);
    expect(master(checks)).toBe(3);
  });

  it("a DSG outturn by block is cross-footed by HNB.CROSSFOOT; reserve scenarios have each closing balance carried down", async () => {
    const byBlock = (await imported("dsg-outturn-by-block.tsv")).book.getWorksheet("Checks (Budget)")!;
    expect(formulas(byBlock).find((c) => c.address === "B10")!.formula).toContain("_xldudf_HNB_CROSSFOOT(Budget!B2:F5)");
    // Row 2 as the Budget sheet shows it (Budget!B2:F5), not row 1 of the range.
    expect(result(byBlock, "B10")).toMatch(/^Row 2 adds across to 2,423 but its total says 2,432/);
    const scenarios = (await imported("dsg-balance-scenarios.tsv", "--realign")).book.getWorksheet("Checks (Budget)")!;
    // Put back in line, only scenario 3's 31 March 2027 balance fails, by a tolerance fit for £m to two places.
    expect(master(scenarios)).toBe(1);
    expect(scenarios.getCell("A10").value).toBe("Closing DSG balance 31 March 2027, Forecast with recovery actions and a 0.5% block transfer: the balance carries down");
    expect(formulas(scenarios).find((c) => c.address === "B10")!.formula).toContain("_xldudf_HNB_TOTALCHECK(Budget!D6,SUM(Budget!D4:D5),0.005)");
    expect(result(scenarios, "B10")).toMatch(/^The rows add to \(7\.45\) but the total says \(7\.54\)/);
  });

  it("a list of figures pasted without its heading line is written under headings the add-in names, said as something to check, its total checked", async () => {
    const pasted = join(dir, "headless.tsv");
    writeFileSync(pasted, ["Review of transport eligibility\t£250,000\t£300,000", "Autism outreach service\t£120,000\t£150,000", "Post-16 pathways\t£80,000\t£95,000", "Total\t£450,000\t£554,000"].join("\n"));
    const out = join(dir, "headless.xlsx");
    const run = await hnb("import", pasted, "--out", out, "--force");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("from headless.tsv, headless!A1");
    const book = new Workbook();
    await book.xlsx.readFile(out);
    const table = book.worksheets[0]!;
    expect(table.getRow(1).values).toEqual([undefined, "Description", "Column B (no heading)", "Column C (no heading)"]);
    expect(table.getRow(5).values).toEqual([undefined, "Total", 450000, 554000]);
    const notes = book.getWorksheet("Import notes")!;
    expect(notes.getCell("C2").value).toBe("Needs a person");
    expect(notes.getCell("D2").value).toMatch(/^The table came without its heading line: its figures are written under headings the add-in gave them \(“Column B \(no heading\)” and “Column C \(no heading\)”\)/);
    // 554,000 against rows adding to 545,000: the checks sheet says so.
    const checks = book.getWorksheet("Checks (Table)")!;
    expect(master(checks)).toBe(1);
    expect(String(result(checks, "B6"))).toMatch(/^The rows add to 545,000 but the total says 554,000/);
  });

  it("read as a savings plan (--kind), a list of figures with no heading line is laid out by its shape rather than reported as no table", async () => {
    const pasted = join(dir, "headless-savings.tsv");
    writeFileSync(pasted, ["Review of transport eligibility\t£250,000\t£300,000", "Autism outreach service\t£120,000\t£150,000", "Total\t£370,000\t£450,000"].join("\n"));
    const out = join(dir, "headless-savings.xlsx");
    const run = await hnb("import", pasted, "--kind", "savings-plan", "--out", out, "--force");
    expect(run.code).toBe(0);
    const book = new Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets[0]!.getRow(4).values).toEqual([undefined, "Total", 370000, 450000]);
    const said = book.getWorksheet("Import notes")!.getColumn(4).values.map(String);
    expect(said.some((m) => m.startsWith("Read by its shape as a savings plan: chosen by you"))).toBe(true);
    expect(master(book.getWorksheet(`Checks (${book.worksheets[0]!.name})`)!)).toBe(0);
  });

  it("a list of actions and statuses with no heading line is not laid out as figures: hnb says why and writes nothing", async () => {
    const pasted = join(dir, "statuses.tsv");
    writeFileSync(pasted, ["Set up the panel\tGreen", "Review transport\tAmber", "Train staff\tRed"].join("\n"));
    const run = await hnb("import", pasted, "--out", join(dir, "statuses.xlsx"), "--force");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not laid out as a table (its lines go to the import notes with the rest of the file): it has no heading line");
  });

  it("a scorecard has no checks sheet; --no-checks leaves them all out", async () => {
    expect((await imported("strategy-scorecard.tsv")).book.worksheets.map((s) => s.name)).toEqual(["Scorecard", "Import notes"]);
    const { book, stdout } = await imported("savings-plan-messy.tsv", "--no-checks");
    expect(book.worksheets.map((s) => s.name)).toEqual(["Savings plan", "Import notes"]);
    expect(stdout).not.toContain("Checks of HNB formulas");
  });

  it.each(samples)("%s: hnb check of the written file finds what hnb check of the pasted text finds, less what the import put right", async (sample) => {
    const pasted = join(SAMPLES, sample);
    const out = join(dir, `agree-${sample}.xlsx`);
    const run = await hnb("import", pasted, "--out", out, "--force");
    expect(run.code).toBe(0);
    const counts = async (file: string) => {
      const report = JSON.parse((await hnb("check", file, "--as-of", "2025-11-01", "--json")).stdout) as { findings: { rule: string; severity: string }[] };
      const m = new Map<string, number>();
      for (const f of report.findings) m.set(`${f.rule}/${f.severity}`, (m.get(`${f.rule}/${f.severity}`) ?? 0) + 1);
      return m;
    };
    const before = await counts(pasted);
    const after = await counts(out);
    // What the import itself settles, each said on the Import notes: a line a PDF wrapped is
    // joined to its cell, an unheaded column of objectives is given its heading, and figures
    // typed to mixed precision are written as numbers under one number format.
    // A scorecard's cell of targets for two measures becomes a row per measure.
    const settled = new Set(["row.wrapped/info", "column.unheaded/info", "figures.precision/info", "target.measures/warning"]);
    // A scorecard laid out as the template gains an Actual column for the report year, empty until
    // figures are typed: one note says so.
    if (sample === "strategy-scorecard.tsv") {
      expect(after.get("kpi.no-actual/info")).toBe(1);
      after.delete("kpi.no-actual/info");
    }
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      if (settled.has(k)) expect(after.get(k) ?? 0).toBeLessThanOrEqual(before.get(k) ?? 0);
      else expect([k, after.get(k) ?? 0]).toEqual([k, before.get(k) ?? 0]);
    }
  });

  it("hnb check of an imported file shows a date as a date and reads the import's own headings for cells past the last heading as no heading", async () => {
    const tracker = join(dir, "tracker.xlsx");
    await hnb("import", join(SAMPLES, "action-tracker-pdf.tsv"), "--out", tracker, "--force");
    const checked = (await hnb("check", tracker, "--as-of", "2025-11-01")).stdout;
    expect(checked).toContain("so “1 April 2026” sits under “Start Date”");
    expect(checked).not.toMatch(/“46\d{3}”/);
    const shifted = join(dir, "shifted.xlsx");
    await hnb("import", join(SAMPLES, "savings-plan-shifted.tsv"), "--out", shifted, "--force");
    // Read as the pasted text is: the row's cells slid by different amounts, two of them past the last heading.
    expect((await hnb("check", shifted, "--as-of", "2025-11-01")).stdout).toMatch(/Row 4's cells slid by different amounts \(2 cells 3 columns to the right, 4 cells 4 columns to the right\)/);
  });

  it("hnb check finds the same in the written file with its checks sheets as without them", async () => {
    for (const sample of ["savings-plan-messy.tsv", "action-plan-messy.tsv", "dsg-budget-broken.tsv", "recovery-plan-summary-and-detail.tsv"]) {
      const withChecks = (await imported(sample)).out;
      const without = (await imported(sample, "--no-checks")).out;
      const a = await hnb("check", withChecks, "--as-of", "2025-03-31");
      const b = await hnb("check", without, "--as-of", "2025-03-31");
      expect(a.code).toBe(b.code);
      expect(a.stdout.split(withChecks).join("FILE")).toBe(b.stdout.split(without).join("FILE"));
    }
  });
});
