/*
 * Nothing the user gave us is lost, on real papers: every non-blank cell of every corpus table
 * ends up in the workbook `hnb import` writes — in a table (the heading-word reader's, or one read
 * by its shape), under it, or quoted in full in the import notes — laid out as pasted and realigned.
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { importTable, readTables } from "../../src/core/table";
import { importableTables } from "../../src/app";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsx";
import { main } from "../../src/cli/main";
import { lostCells } from "../helpers/conservation";
import { CORPUS_DIR, corpusFiles, corpusGrid } from "../helpers/corpus";

const dir = mkdtempSync(join(tmpdir(), "hnb-corpus-conserve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { write: () => true };

describe("hnb import of the real council tables", () => {
  it.each(corpusFiles().flatMap((f) => [[f, false] as const, [f, true] as const]))("keeps every cell of %s (realigned: %s)", async (file, realign) => {
    const grid = corpusGrid(file);
    const { tables } = importableTables([grid], readTables(grid));
    const out = join(dir, `${file.replace(/\.tsv$/, "")}-${realign}.xlsx`);
    const code = await main(["import", join(CORPUS_DIR, file), "--out", out, "--force", ...(realign ? ["--realign"] : [])], { stdout: quiet, stderr: quiet });
    if (tables.length === 0) {
      // Nothing to lay out as a table: hnb says so and writes nothing, so nothing is half-kept.
      expect(code).toBe(2);
      return;
    }
    expect(code).toBe(0);
    const imported = tables.map((t) => importTable(t, { realign }));
    const workbook = await XlsxWorkbook.open(out);
    const sheets = (await workbook.listSheets()).map((s) => s.name).filter((s) => !s.startsWith("Checks ("));
    expect(await lostCells(grid, { workbook, sheets: sheets.slice(0, imported.length), imported, tables, notesSheet: "Import notes" })).toEqual([]);
  }, 30_000);

  it("lays out a table for most of them, and says which it cannot", async () => {
    const laid = corpusFiles().filter((f) => {
      const grid = corpusGrid(f);
      return importableTables([grid], readTables(grid)).tables.length > 0;
    });
    // Every table of figures is laid out, one with no heading line under headings the add-in gives
    // it (28 of the 32 when this was written); one read back out of a line of text, or a list of
    // words with no heading line to name its columns by (p11), is not yet, and hnb says so.
    expect(laid.length).toBeGreaterThanOrEqual(28);
  });
});
