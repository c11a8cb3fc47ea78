/*
 * The point of `hnb calc`, shown with a real viewer: a workbook of HNB formulas printed to PDF by
 * LibreOffice shows #NAME? (LibreOffice has no HNB functions and nothing is cached), and after
 * `hnb calc` the same print shows the figures.
 *
 * Runs only where LibreOffice is installed (`libreoffice` or `soffice` on PATH; .ci/run installs
 * libreoffice-calc and poppler-utils). The PDF's text is read with `pdftotext` (poppler-utils);
 * without it, LibreOffice's own CSV export of the displayed values stands in. Artefacts (the
 * workbooks, PDFs and a PNG of each page) are kept in
 * test-results/e2e-libreoffice/ for a person to look at.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { Workbook } from "exceljs";
import { hnb } from "../helpers/run-cli";
import { office, pdftoppm, pdftotext } from "../helpers/tools";


const OUT = join(__dirname, "..", "..", "test-results", "e2e-libreoffice");
// A profile of its own, so a LibreOffice already open on the machine does not swallow the job.
const PROFILE = join(OUT, "profile");

/** Converts `file` with LibreOffice headless; returns the paths written (a CSV per sheet). */
function convert(file: string, format: "pdf" | "csv", name: string): string[] {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The CSV filter's options: comma, double quote, UTF-8, "save cell contents as shown", every sheet.
  const filter = format === "csv" ? "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1" : "pdf";
  const run = spawnSync(
    office!,
    [`-env:UserInstallation=file://${PROFILE}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", dir, file],
    { encoding: "utf8", timeout: 180_000 },
  );
  const written = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`.${format}`)) : [];
  if (run.status !== 0 || written.length === 0) {
    throw new Error(`LibreOffice did not convert ${file} (status ${run.status}): ${run.stderr || run.stdout || run.error}`);
  }
  return written.map((f) => join(dir, f));
}

/** What a person sees on the printed pages, as text. */
function shownText(xlsx: string, name: string): string {
  if (pdftotext) {
    const pdf = convert(xlsx, "pdf", name)[0]!;
    const text = spawnSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8" });
    if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
    if (pdftoppm) spawnSync(pdftoppm, ["-png", "-r", "70", pdf, join(OUT, `${name}-page`)]);
    return text.stdout;
  }
  convert(xlsx, "pdf", name); // still kept as an artefact
  // Without pdftotext: LibreOffice's CSV export of every sheet, with values as shown.
  return convert(xlsx, "csv", `${name}-csv`)
    .map((csv) => csvAsText(readFileSync(csv, "utf8")))
    .join("\n");
}

/** CSV rows as lines of fields two spaces apart, quotes removed, so "1,082" reads as 1,082. */
function csvAsText(csv: string): string {
  return csv
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"')).join("  "))
    .join("\n");
}

/** A small recovery-plan workbook with HNB formulas and no cached values, as a program would write it. */
async function writeWorkbook(path: string): Promise<void> {
  const workbook = new Workbook();
  const plan = workbook.addWorksheet("Savings Plan");
  plan.columns = [{ width: 28 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  // Savings in £000 as pasted from a paper: text, which Excel's SUM would miss.
  plan.addRow(["Initiative", "Status", "Saving £000", "RAG"]);
  plan.addRow(["Specialist places in-county", "On track", "£250"]);
  plan.addRow(["Early help for SEMH", "some risk", "532"]);
  plan.addRow(["Post-16 transport review", "Requires escalation", "£300"]);
  for (const row of [2, 3, 4]) plan.getCell(`D${row}`).value = { formula: `HNB.RAG(B${row})` };
  plan.getCell("A6").value = "Total (£000)";
  plan.getCell("C6").value = { formula: 'IF(SUM(C2:C4)=0,HNB.SAVINGSTOTAL(C2:C4),"numbers typed")' };
  plan.getCell("C6").numFmt = "#,##0";
  plan.getCell("A7").value = "Roll-up";
  plan.getCell("D7").value = { formula: "HNB.RAGROLLUP(D2:D4)" };
  plan.getCell("A8").value = "Stated total";
  plan.getCell("C8").value = 1082;
  plan.getCell("D8").value = { formula: 'IF(HNB.TOTALCHECK(C8,C2:C4)=TRUE,"Adds up","Does not add up")' };

  const budget = workbook.addWorksheet("DSG Budget");
  budget.columns = [{ width: 20 }, { width: 12 }, { width: 12 }, { width: 12 }];
  budget.addRow(["£000", "2024/25", "2025/26", "2026/27"]);
  budget.addRow(["High needs spend", 9100, 9650, 10200]);
  budget.addRow(["Allocation", -8000, -8200, -8400]);
  budget.addRow(["Deficit path", { formula: "HNB.DEFICITPATH(1200,B2:D3)" }]);
  budget.addRow(["Recovery", { formula: "HNB.RECOVERYYEAR(B4:D4,B1:D1)" }]);
  for (const cell of ["B4", "C4", "D4"]) budget.getCell(cell).numFmt = "#,##0;(#,##0)";
  await workbook.xlsx.writeFile(path);
}

const title = office
  ? `LibreOffice shows HNB figures after hnb calc (${office}${pdftotext ? ", pdftotext" : ", CSV export in place of pdftotext"})`
  : "LibreOffice shows HNB figures after hnb calc — SKIPPED: neither libreoffice nor soffice is on PATH (apt-get install libreoffice-calc poppler-utils)";
const describeWhereInstalled = office ? describe : describe.skip;
// Said out loud as well: the default reporter does not print a skipped suite's title.
if (!office) console.warn(`Skipping test/e2e-libreoffice: ${title.replace(/^.*SKIPPED: /, "")}`);

describeWhereInstalled(title, () => {
  jest.setTimeout(300_000);
  const before = join(OUT, "before-calc.xlsx");
  const after = join(OUT, "after-calc.xlsx");
  let beforeText = "";
  let afterText = "";

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    rmSync(after, { force: true });
    await writeWorkbook(before);
    beforeText = shownText(before, "before");
    const run = await hnb("calc", before, "--out", after);
    if (run.code !== 0) throw new Error(`hnb calc failed (${run.code}): ${run.stderr}${run.stdout}`);
    afterText = shownText(after, "after");
  });

  it("shows #NAME? where nothing is cached", () => {
    expect(beforeText).toContain("#NAME?");
    expect(beforeText).not.toMatch(/\bGreen\b/);
    expect(beforeText).not.toContain("1,082");
  });

  it("shows the figures and statuses after hnb calc", () => {
    expect(afterText).not.toContain("#NAME?");
    // HNB.SAVINGSTOTAL of "£250", "532" and "£300".
    expect(afterText).toContain("1,082");
    expect(afterText).toMatch(/\bGreen\b/);
    expect(afterText).toMatch(/\bAmber\b/);
    expect(afterText).toMatch(/\bRed\b/);
    expect(afterText).toContain("Adds up");
    // The spilled deficit path: 1,200 + 1,100 = 2,300; + 1,450 = 3,750; + 1,800 = 5,550.
    expect(afterText).toMatch(/2,300\s+3,750\s+5,550/);
    expect(afterText).toContain("Not recovered by 2026/27");
  });
});

describeWhereInstalled("LibreOffice shows the figures of an imported table's checks sheet (hnb import caches them)", () => {
  jest.setTimeout(300_000);
  const imported = join(OUT, "imported.xlsx");
  let text = "";

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    rmSync(imported, { force: true });
    const samples = join(__dirname, "..", "fixtures", "samples");
    const run = await hnb("import", join(samples, "dsg-budget.tsv"), join(samples, "savings-plan-shifted.tsv"), "--realign", "--out", imported);
    if (run.code !== 0) throw new Error(`hnb import failed (${run.code}): ${run.stderr}${run.stdout}`);
    text = shownText(imported, "imported");
  });

  it("prints the checks' results, not #NAME?", () => {
    expect(text).not.toContain("#NAME?");
    expect(text).toContain("Passes");
    expect(text).toContain("Not recovered by 2027/28");
    // The savings plan's 2024/25 total of the rows, put back in line: £250,000.
    expect(text).toContain("£250,000");
  });
});

describeWhereInstalled("LibreOffice shows every sheet of hnb demo as it reads with the add-in (every result cached, booleans too)", () => {
  jest.setTimeout(300_000);
  const demo = join(OUT, "demo.xlsx");
  const sheets = new Map<string, string>();
  let formulaSheets: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    rmSync(demo, { force: true });
    const run = await hnb("demo", "--out", demo);
    if (run.code !== 0) throw new Error(`hnb demo failed (${run.code}): ${run.stderr}${run.stdout}`);
    // Each sheet's values as LibreOffice shows them (its CSV filter writes one file per sheet).
    for (const csv of convert(demo, "csv", "demo-csv")) sheets.set(csv.replace(/^.*demo-(.*)\.csv$/, "$1"), csvAsText(readFileSync(csv, "utf8")));
    const workbook = new Workbook();
    await workbook.xlsx.readFile(demo);
    formulaSheets = workbook.worksheets.filter((w) => {
      let any = false;
      w.eachRow((row) => row.eachCell((cell) => (any ||= cell.formula !== undefined)));
      return any;
    }).map((w) => w.name);
  });

  it("converts every sheet, and every sheet with HNB formulas shows no #NAME?", () => {
    expect(formulaSheets.length).toBeGreaterThanOrEqual(5);
    for (const name of formulaSheets) {
      expect({ name, converted: sheets.has(name) }).toEqual({ name, converted: true });
      expect({ name, nameError: sheets.get(name)!.includes("#NAME?") }).toEqual({ name, nameError: false });
    }
  });

  it("shows SOURCECHECK's cached TRUE as TRUE, where a boolean once showed #NAME?", () => {
    expect(sheets.get("DSG Budget")).toMatch(/The sources agree\s+TRUE/);
  });
});
