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
import { type ZipPart, deflatedRepeat, writeZip, zipParts } from "../helpers/zip";

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
  it("is refused from the rectangle its cells span, measured before exceljs unpacks it", async () => {
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

  it("is refused when one cell far from the rest makes its used range vast, before exceljs unpacks it", async () => {
    const path = await streamed("stray.xlsx", 3, (sheet) => {
      sheet.getRow(150_000).getCell(16_384).value = "stray";
    });
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hnb: A sheet of stray.xlsx (A1:XFD150000) holds 2,457,600,000 cells (150,000 rows by 16,384 columns); at most 1,000,000 cells can be read at once: copy the table's own rows to a new workbook or text file and use that.\n",
    );
  });

  it("within the limits is read as before", async () => {
    const path = await streamed("fine.xlsx", 500);
    const run = await hnb("check", path);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("savings plan at Savings!A1");
  });
});

describe("a hostile workbook is refused before exceljs unpacks it, holding a chunk at a time", () => {
  /** A small real workbook's parts, with one part replaced. */
  async function withPart(name: string, data: ZipPart["data"]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Savings").addRow(["Initiative", "RAG", "2024/25"]);
    workbook.getWorksheet("Savings")!.addRow(["Transport", "Green", 1000]);
    const parts = (await zipParts(Buffer.from(await workbook.xlsx.writeBuffer()))).filter((p) => p.name !== name);
    return writeZip([...parts, { name, data }]);
  }

  it("a 200 MB shared string in a file of a few hundred KB: refused from the text's length, never held", async () => {
    const text = deflatedRepeat('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', "A", 200 * 1024 * 1024, "</t></si></sst>");
    const bytes = await withPart("xl/sharedStrings.xml", text);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const path = join(dir, "long-text.xlsx");
    writeFileSync(path, bytes);
    const heap = process.memoryUsage().heapUsed;
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hnb: long-text.xlsx holds a text of over 196,602 bytes in its shared strings, longer than the 32,767 characters a cell of Excel holds: it was not saved by Excel as it is. Open it in Excel and save it again, or copy the table's own rows to a new workbook and use that.\n",
    );
    // Refused after the first chunks: nothing like the text itself was held.
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
  });

  it("a text longer than a cell holds but within what a file may hold is read, and the import keeps the rest in its notes", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Savings");
    sheet.addRow(["Initiative", "RAG", "2024/25", "Progress"]);
    sheet.addRow(["Transport", "Green", 1000, `${"A long progress comment. ".repeat(1_600)}END`]);
    const path = join(dir, "long-cell.xlsx");
    await workbook.xlsx.writeFile(path);
    const out = join(dir, "long-cell-out.xlsx");
    const run = await hnb("import", path, "--out", out);
    expect(run.code).toBe(0);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const cells = written.worksheets.flatMap((w) => w.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).filter((v): v is string => typeof v === "string"));
    expect(Math.max(...cells.filter((v) => v.startsWith("A long progress")).map((v) => v.length))).toBeLessThanOrEqual(32_767);
    expect(cells.some((v) => v.includes("the rest is here") && v.endsWith("END”"))).toBe(true);
  });

  it("a sheet stating <dimension ref=\"A1:D2\"/> over 250,000 rows: its rows are counted, not taken from what it states", async () => {
    const rows = 250_000;
    const sheet = deflatedRepeat(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D2"/><sheetData>',
      // The same row each time: the counting reads tags, not their numbers, once the rectangle is past trusting.
      '<row><c t="inlineStr"><is><t>x</t></is></c></row>',
      rows,
      "</sheetData></worksheet>",
    );
    const path = join(dir, "false-dimension.xlsx");
    writeFileSync(path, await withPart("xl/worksheets/sheet1.xml", sheet));
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hnb: A sheet of false-dimension\.xlsx \(its rows counted as it was unpacked\) holds over 200,000 rows; at most 200,000 rows/);
  });

  it("a part that unpacks past the limit on what a workbook may unpack to is refused, naming the part", async () => {
    const styles = deflatedRepeat('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!--', " ", 300 * 1024 * 1024, "--></styleSheet>");
    const path = join(dir, "bomb.xlsx");
    writeFileSync(path, await withPart("xl/styles.xml", styles));
    const run = await hnb("check", path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hnb: bomb.xlsx unpacks to over 256 MB (its part xl/styles.xml alone passes it); at most 256 MB can be read at once: copy the table's own rows to a new workbook and use that.\n");
  }, 20_000);
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
