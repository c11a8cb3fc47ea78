/*
 * Inputs beyond what can be read at once are refused at the start, saying which limit and what
 * to do, instead of running for minutes into gigabytes (a 1,000,000-row workbook ran past 500 s
 * and 4 GB in an import); long work says what it is doing on stderr.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync, closeSync, openSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { hnb, hnbWith } from "../helpers/run-cli";
import { CLI_DEPS } from "../../src/cli/io";
import { WORK_LIMITS } from "../../src/core";
import { sheetDimensions } from "../../src/adapters/xlsx-read";

const dir = mkdtempSync(join(tmpdir(), "hnb-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workbook written as streaming writers write one: no <dimension> before the cells. */
async function streamed(file: string, rows: number, extra?: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const path = join(dir, file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Savings");
  sheet.addRow(["Initiative", "RAG", "Lead", "2024/25 Target Savings"]).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([`I${i}`, "Green", "JB", 1000]).commit();
  extra?.(sheet);
  sheet.commit();
  await workbook.commit();
  return path;
}

describe("a workbook beyond the limits", () => {
  it("is refused from the sheet size it states, before it is unpacked", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Savings");
    sheet.getCell("A1").value = "Initiative";
    sheet.getCell("E300000").value = 1;
    const path = join(dir, "stated.xlsx");
    await workbook.xlsx.writeFile(path);
    const dimensions = await sheetDimensions(new Uint8Array(await workbook.xlsx.writeBuffer()), WORK_LIMITS);
    expect(dimensions).toEqual([expect.objectContaining({ ref: "A1:E300000", rows: 300_000, columns: 5, atLeast: false })]);
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hnb: A sheet of stated.xlsx (A1:E300000) holds 300,000 rows; at most 200,000 rows of a sheet can be read at once: copy the table's own rows to a new workbook or text file and use that.\n");
    // Every command that opens a workbook refuses it the same way.
    for (const argv of [["calc", path, "--out", join(dir, "stated-calc.xlsx")], ["fix", path, "--out", join(dir, "stated-fixed.xlsx"), "--statuses", "--yes"], ["summary", path, "--out", join(dir, "stated-summary.xlsx")]]) {
      const other = await hnb(...argv);
      expect([argv[0], other.code, other.stderr]).toEqual([argv[0], 2, run.stderr]);
    }
  });

  it("is refused from its rows counted as they are unpacked, where it states no size, stopping at the limit", async () => {
    const path = await streamed("counted.xlsx", WORK_LIMITS.rows + 10);
    const run = await hnb("import", path, "--out", join(dir, "counted-out.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hnb: A sheet of counted\.xlsx \(its rows counted as it was unpacked\) holds over 200,000 rows; at most 200,000 rows/);
  }, 30_000);

  it("is refused when one cell far from the rest makes its used range vast, rather than filling memory with empty cells", async () => {
    const path = await streamed("stray.xlsx", 3, (sheet) => {
      sheet.getRow(150_000).getCell(16_384).value = "stray";
    });
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hnb: Sheet “Savings” (A1:XFD150000) holds 2,457,600,000 cells (150,000 rows by 16,384 columns); at most 1,000,000 cells can be read at once: copy the table's own rows to a new workbook or text file and use that.\n",
    );
  });

  it("within the limits is read as before", async () => {
    const path = await streamed("fine.xlsx", 500);
    const run = await hnb("check", path);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("savings plan at Savings!A1");
  });
});

describe("text beyond the limits", () => {
  it("is refused for its rows, naming them", async () => {
    const path = join(dir, "rows.tsv");
    writeFileSync(path, ["Initiative\tRAG", ...Array.from({ length: WORK_LIMITS.rows + 1 }, (_, i) => `I${i}\tGreen`)].join("\n"));
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hnb: rows.tsv holds 200,002 rows; at most 200,000 rows of a sheet can be read at once: copy the table's own rows to a new workbook or text file and use that.\n");
  });

  it("is refused for its size before any of it is read", async () => {
    const path = join(dir, "huge.csv");
    closeSync(openSync(path, "w"));
    truncateSync(path, WORK_LIMITS.bytes + 1);
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hnb: .*huge\.csv is 50\.0 MB; at most 50 MB can be read at once/);
  });
});

describe("progress on the command line", () => {
  it("says each step on stderr once the work has run a few seconds, and nothing for quick work", async () => {
    const path = await streamed("progress.xlsx", 20);
    let clock = 0;
    const slow = await hnbWith({ ...CLI_DEPS, now: () => (clock += 1_500) }, "import", path, "--out", join(dir, "progress-out.xlsx"));
    expect(slow.code).toBe(0);
    const steps = slow.stderr.trim().split("\n");
    expect(steps[0]).toMatch(/^hnb: finding the tables on 1 sheet… \(\d+ s\)$/);
    expect(steps).toEqual(expect.arrayContaining([expect.stringMatching(/^hnb: importing the savings plan at Savings!A1 \(20 rows\)…/), expect.stringMatching(/^hnb: working out the HNB formulas/), expect.stringMatching(/^hnb: saving /)]));
    const quick = await hnb("import", path, "--out", join(dir, "quick-out.xlsx"));
    expect(quick.stderr).toBe("");
  });
});
