/*
 * Nothing the user gave us is lost: every non-blank cell of what is imported ends up in the
 * workbook written — in the table, an extra column, the lines under it, or a note quoting it —
 * for `hnb import` (every table of a file, and the lines outside them) and for the task pane's
 * import (one chosen table, and the lines outside every table).
 */
import { mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import fc from "fast-check";
import { importTable, readTables } from "../../src/core/table";
import { outsideNotes } from "../../src/core/table/import";
import type { ImportedTable, SheetGrid, Table } from "../../src/core/table/types";
import { importTableOperations } from "../../src/app/import-sheet";
import { importWorkbookOperations } from "../../src/app/import-file";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsx";
import { main } from "../../src/cli/main";
import { lostCells } from "../helpers/conservation";
import { SAMPLES_DIR, readSampleGrid } from "../helpers/samples";

/** What `hnb import` writes for one grid, applied to a workbook in memory. */
async function importAll(grid: SheetGrid, realign: boolean) {
  const tables = readTables(grid);
  const imported = tables.map((t) => importTable(t, { realign }));
  const outside = outsideNotes(grid, imported.map((i) => ({ span: i.span! })));
  const { sheets, operations } = importWorkbookOperations(imported, imported.map(() => "input"), outside.notes.length > 0 ? [{ notes: outside.notes, source: "input" }] : []);
  const workbook = new MemoryWorkbook();
  await workbook.apply(operations);
  return { workbook, sheets, imported, tables, notesSheet: "Import notes" };
}

/** What the task pane writes when the user imports table `n` of a grid. */
async function importOne(grid: SheetGrid, tables: Table[], n: number, keepNotes: boolean) {
  const imported: ImportedTable = importTable(tables[n]!, { realign: true });
  const others = tables.filter((_, i) => i !== n).map((t) => importTable(t).span!);
  const written = importTableOperations({ imported, grid, others, source: "Pasted table", keepNotes }, [], []);
  const workbook = new MemoryWorkbook();
  await workbook.apply(written.operations);
  return { result: { workbook, sheets: [written.sheet], imported: [imported], tables: [tables[n]!], notesSheet: written.notesSheet }, others };
}

const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".tsv"));

describe("every cell of every shared sample is kept by an import", () => {
  it.each(samples)("%s, as hnb import writes it (laid out and realigned)", async (file) => {
    const grid = { name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) };
    // A file with no table is not imported at all (hnb says so), so nothing of it is half-kept.
    if (readTables(grid).length === 0) return;
    for (const realign of [false, true]) expect(await lostCells(grid, await importAll(grid, realign))).toEqual([]);
  });

  it.each(samples)("%s, each table as the task pane writes it", async (file) => {
    const grid = { name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) };
    const tables = readTables(grid);
    for (let n = 0; n < tables.length; n++) {
      for (const keepNotes of [true, false]) {
        const { result, others } = await importOne(grid, tables, n, keepNotes);
        expect(await lostCells(grid, result, (r) => !others.some((o) => r >= o.first && r <= o.last))).toEqual([]);
      }
    }
  });
});

describe("hnb import of the samples carrying real papers' patterns", () => {
  const dir = mkdtempSync(join(tmpdir(), "hnb-conserve-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = { write: () => true };

  it.each(["savings-plan-shifted.tsv", "recovery-plan-summary-and-detail.tsv", "action-tracker-pdf.tsv", "strategy-scorecard.tsv"])(
    "keeps every cell of %s in the .xlsx it writes",
    async (file) => {
      const out = join(dir, file.replace(/\.tsv$/, ".xlsx"));
      const code = await main(["import", join(SAMPLES_DIR, file), "--out", out, "--realign"], { stdout: quiet, stderr: quiet });
      expect(code).toBe(0);
      const grid = { name: file.replace(/\.tsv$/, ""), values: readSampleGrid(file) };
      const tables = readTables(grid);
      const imported = tables.map((t) => importTable(t, { realign: true }));
      const workbook = await XlsxWorkbook.open(out);
      // Each table's sheet, without the checks sheet written after it.
      const sheets = (await workbook.listSheets()).map((s) => s.name).filter((s) => !s.startsWith("Checks ("));
      expect(await lostCells(grid, { workbook, sheets: sheets.slice(0, imported.length), imported, tables, notesSheet: "Import notes" })).toEqual([]);
    },
  );
});

describe("any grid at all", () => {
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.constant("") },
    { weight: 3, arbitrary: fc.constantFrom("Initiative", "Action", "Ref", "Lead", "RAG", "Status", "24/25", "25/26", "Target Date", "Start Date", "End Date", "Progress", "Savings Note", "Progress (RAG)", "Current Perf", "Target", "Total", "Total savings projection") },
    { weight: 3, arbitrary: fc.constantFrom("£1,000", "(£5,000)", "£20k", "150000", "TBC", "Green", "On track", "Delayed", "Requires escalation", "Sep-24", "Nov2025", "March 2025", "Ongoing", "JB", "KP/AT", "KP/AT Nov2025", "RD Jun", "e 2025 Dec 202", "5", "65% 2026; 80% 2027") },
    { weight: 3, arbitrary: fc.constantFrom("Training booked for two cohorts.", "children at risk of exclusion.", "Action on target and key", "milestones met", "• Jane Bloggs (JB), Kamal Patel (KP)", "Blue", "Completed", "Please use the following key", "Page 2 of 4", "Section A: Early help", "=1+1", "Stakeholder Perspective") },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const grids = fc.array(fc.array(cell, { maxLength: 9 }), { minLength: 1, maxLength: 14 }).map((values): SheetGrid => ({ name: "Pasted", values }));

  it("hnb import keeps every non-blank cell, laid out or realigned", async () => {
    await fc.assert(
      fc.asyncProperty(grids, fc.boolean(), async (grid, realign) => {
        if (readTables(grid).length === 0) return; // hnb import writes nothing and says so
        expect(await lostCells(grid, await importAll(grid, realign))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("the task pane's import of any one table keeps every cell outside the other tables", async () => {
    await fc.assert(
      fc.asyncProperty(grids, fc.boolean(), async (grid, keepNotes) => {
        const tables = readTables(grid);
        for (let n = 0; n < tables.length; n++) {
          const { result, others } = await importOne(grid, tables, n, keepNotes);
          expect(await lostCells(grid, result, (r) => !others.some((o) => r >= o.first && r <= o.last))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("a cell longer than one cell of Excel holds", () => {
  const long = (n: number, word: string) => {
    let text = "";
    for (let i = 0; text.length < n; i++) text += `${word} ${i}. `;
    return text.slice(0, n).trim();
  };
  const comment = long(100_000, "Comment");
  const beyond = long(70_000, "Beyond");
  const grid: SheetGrid = {
    name: "tracker",
    values: [
      ["Action", "RAG", "Lead", "Comments"],
      ["Recruit two educational psychologists", "Green", "JB", comment],
      ["Review banding", "Amber", "KP", "On the agenda", beyond],
    ],
  };
  const continued = / … \(continued in the import notes\)$/;

  /** The cell's start, then its note and the note's continuations: the text as the paper had it. */
  const rejoined = (cell: string, messages: string[], at: string, locations: unknown[]): string => {
    const first = locations.findIndex((l, i) => l === at && messages[i]!.startsWith("The cell holds "));
    expect(first).toBeGreaterThanOrEqual(0);
    let rest = messages[first]!.replace(/^.*?the rest is here: “/s, "");
    for (let i = first + 1; messages[i]?.startsWith("(continued, part"); i++) rest += messages[i]!.replace(/^\(continued, part \d+ of \d+\) /, "");
    return cell.replace(continued, "") + rest.replace(/”$/, "");
  };

  it("keeps its start in the table marked as continued, and the rest whole in the notes, in parts no longer than a cell", async () => {
    const written = await importAll(grid, false);
    const reads = await written.workbook.readSheets();
    const table = reads.find((r) => r.name === written.sheets[0])!;
    const notes = reads.find((r) => r.name === "Import notes")!;
    for (const sheet of reads) for (const row of sheet.values) for (const v of row) if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(32_767);
    const messages = notes.values.slice(1).map((r) => String(r[3]));
    const locations = notes.values.slice(1).map((r) => r[1]);
    expect(messages.find((m) => m.startsWith("The cell holds 100,000 characters"))).toMatch(
      /^The cell holds 100,000 characters, more than the 32,767 one cell of Excel holds: the first 32,733 are in the table, ending “… \(continued in the import notes\)”, and the rest is here: “/,
    );
    const cell = table.values[1]![3] as string;
    expect(cell).toMatch(continued);
    expect(rejoined(cell, messages, "tracker!D2", locations)).toBe(comment);
    // Past the last heading, in a column of its own, and as long: kept the same way.
    const past = table.values[2]![4] as string;
    expect(past).toMatch(continued);
    expect(rejoined(past, messages, "tracker!E3", locations)).toBe(beyond);
  });
});
