/*
 * What Excel itself does to an add-in's requests, as the recording fake (office-fake.ts) models
 * it, and how the office adapter lives with it (issue 25):
 *  - a cell being edited: Excel refuses a batch unless the run asks it to wait (delayForCellEdit);
 *  - calculated columns: a formula written into a table's column is filled down it;
 *  - a refused request: office.js will not use again the ranges made in it (InvalidObjectPath);
 *  - undo: each sync is its own undo step unless the run merges them (mergeUndoGroup, ExcelApi 1.20).
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { CELL_EDIT_MESSAGE } from "../../src/adapters/office/run";
import { ALL_TEMPLATES, buildTemplates } from "../../src/app/templates";
import { importOperations as importTableOperations } from "../../src/app/import-sheet";
import { CHANGE_LOG_SHEET, planChanges } from "../../src/app/changes";
import type { CellChange, ImportedTable } from "../../src/core/table";
import type { WorkbookOperation } from "../../src/port/port";
import { FakeExcel, FakeRichApiError, RAG_FILLS, importOperations, planRows, shiftRows } from "./office-fake";

const ROOT = join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A moment for anything queued to run: a sync waiting on an edit stays waiting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("every batch goes into Excel one way", () => {
  it("the only Excel.run in the sources is the one the office adapter's wrapper (run.ts) calls", () => {
    const uses = sourceFiles(join(ROOT, "src")).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line) => (/\bExcel\.run\b/.test(line) && !/^\s*(\/?\*|\/\/)/.test(line) ? [{ file: relative(ROOT, file), line: line.trim() }] : [])),
    );
    // Handed to OfficeWorkbook (its default, and the task pane's), which calls it only through runInExcel.
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const handed = (use.file === "src/adapters/office/office.ts" && /^private readonly excelRun: ExcelRunner = Excel\.run,$/.test(use.line)) || /new OfficeWorkbook\(Excel\.run[,)]/.test(use.line);
      expect([use, handed]).toEqual([use, true]);
    }
    const adapter = readFileSync(join(ROOT, "src/adapters/office/office.ts"), "utf8");
    expect(adapter.match(/this\.excelRun\b/g)).toHaveLength(1);
    expect(adapter).toMatch(/return runInExcel\(this\.excelRun, /);
  });
});

describe("a cell being edited", () => {
  const plan: WorkbookOperation[] = [
    { kind: "addSheet", name: "Log" },
    { kind: "write", sheet: "Log", at: "A1", values: [["written"]] },
  ];

  it("the fake refuses a batch while a cell is edited, unless the run asks Excel to wait, when it waits for the edit to end", async () => {
    const excel = FakeExcel.fromGrids([{ name: "S", values: [["a"]] }]);
    excel.editing = true;
    const refused = excel.run(async (context) => {
      context.workbook.worksheets.load("items/name");
      await context.sync();
    });
    await expect(refused).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });

    let done = false;
    const waiting = excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["b"]];
      await context.sync();
      done = true;
    });
    await settle();
    expect([done, excel.sheet("S")!.cell(0, 0)!.value]).toEqual([false, "a"]);
    excel.endCellEdit();
    await waiting;
    expect([done, excel.sheet("S")!.cell(0, 0)!.value]).toEqual([true, "b"]);

    // An Excel that cannot hold a batch (office.js sets the flag only where the host supports it) refuses it anyway.
    excel.editing = true;
    excel.delaysForCellEdit = false;
    const anyway = excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.load("items/name");
      await context.sync();
    });
    await expect(anyway).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });

  it("asks Excel to hold every command until the edit ends, and carries it out then", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status"], ["On track"]] }]);
    const workbook = new OfficeWorkbook(excel.run);
    excel.editing = true;
    const applying = workbook.apply(plan);
    const reading = workbook.readSheets(["Plan"]);
    await settle();
    expect(excel.sheet("Log")).toBeUndefined();
    excel.endCellEdit();
    await applying;
    expect(excel.sheet("Log")!.cell(0, 0)!.value).toBe("written");
    expect((await reading)[0]!.values).toEqual([["Status"], ["On track"]]);
    await workbook.listSheets();
    await workbook.select("Plan", "A2");
    expect(excel.runs.length).toBeGreaterThanOrEqual(4);
    expect(excel.runs.every((options) => options.delayForCellEdit === true)).toBe(true);
  });

  it("where Excel refuses anyway, says so in plain words for every command, and writes nothing", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status"], ["On track"]] }]);
    const workbook = new OfficeWorkbook(excel.run);
    excel.editing = true;
    excel.delaysForCellEdit = false;
    await expect(workbook.apply(plan)).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    await expect(workbook.readSheets()).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    await expect(workbook.readSheets(["Plan"])).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    await expect(workbook.listSheets()).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    await expect(workbook.select("Plan", "A2")).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    expect(excel.sheets.map((s) => s.name)).toEqual(["Plan"]);
    expect(CELL_EDIT_MESSAGE).toBe("Excel is busy editing a cell: finish the edit (Enter or Esc) and try again.");
    // Once the edit is over the same commands go through.
    excel.endCellEdit();
    await workbook.apply(plan);
    expect(excel.sheet("Log")!.cell(0, 0)!.value).toBe("written");
  });

  it("takes the refusal as the docs give it too (InvalidOperation about cell editing), and no other InvalidOperation", async () => {
    const refuse = (error: FakeRichApiError) => (async () => Promise.reject(error)) as unknown as ConstructorParameters<typeof OfficeWorkbook>[0];
    await expect(new OfficeWorkbook(refuse(new FakeRichApiError("InvalidOperation", "The batch failed: the user is in cell edit mode."))).listSheets()).rejects.toThrow(new Error(CELL_EDIT_MESSAGE));
    await expect(new OfficeWorkbook(refuse(new FakeRichApiError("InvalidOperation", "We can't do that to a merged cell."))).listSheets()).rejects.toThrow("We can't do that to a merged cell.");
  });
});

describe("calculated columns", () => {
  function tableOf(excel: FakeExcel, formulas: (string | null)[], other: (string | number | null)[] = formulas.map(() => null)): void {
    const sheet = excel.sheet("T")!;
    sheet.edit(0, 0).value = "Status";
    sheet.edit(0, 1).value = "Check";
    formulas.forEach((f, i) => {
      sheet.edit(i + 1, 0).value = "Green";
      const cell = sheet.edit(i + 1, 1);
      if (f !== null) cell.formula = f;
      else if (other[i] !== null) cell.value = other[i]!;
    });
    excel.tables.push({ name: "T1", sheet, rect: { top: 0, left: 0, bottom: formulas.length, right: 1 }, style: "TableStyleMedium2" });
  }
  const column = (excel: FakeExcel, rows: number) => Array.from({ length: rows }, (_, r) => excel.sheet("T")!.cell(r + 1, 1)?.formula ?? excel.sheet("T")!.cell(r + 1, 1)?.value ?? null);
  const write = (excel: FakeExcel, at: string, values: unknown[][]) =>
    excel.run(async (context) => {
      context.workbook.worksheets.getItem("T").getRange(at).formulas = values;
      await context.sync();
    });

  it("the fake fills a formula down a table's column whose other cells are blank or hold the same formula, as Excel's AutoCorrect does", async () => {
    const excel = FakeExcel.fromGrids([{ name: "T", values: [] }]);
    tableOf(excel, [null, null, null]);
    await write(excel, "B3", [["=HNB.RAG(A3)"]]);
    expect(column(excel, 3)).toEqual(["=HNB.RAG(A2)", "=HNB.RAG(A3)", "=HNB.RAG(A4)"]);

    // Consistent formulas take a changed one; blanks written as "" or left alone are filled; several formulas become the last.
    await write(excel, "B2:B4", [["=HNB.RAG(A2)"], [""], ["=LEN(A4)"]]);
    expect(column(excel, 3)).toEqual(["=LEN(A2)", "=LEN(A3)", "=LEN(A4)"]);

    // A column holding values is left as it is, and so is one with the option off.
    const values = FakeExcel.fromGrids([{ name: "T", values: [] }]);
    tableOf(values, [null, null, null], [null, "kept", null]);
    await write(values, "B2", [["=HNB.RAG(A2)"]]);
    expect(column(values, 3)).toEqual(["=HNB.RAG(A2)", "kept", null]);
    const off = FakeExcel.fromGrids([{ name: "T", values: [] }]);
    off.fillsCalculatedColumns = false;
    tableOf(off, [null, null, null]);
    await write(off, "B2", [["=HNB.RAG(A2)"]]);
    expect(column(off, 3)).toEqual(["=HNB.RAG(A2)", null, null]);

    expect(shiftRows('=IF($A$2>B2,"B2",SUM(B2:C3))+LOG10(4)', 2)).toBe('=IF($A$2>B4,"B2",SUM(B4:C5))+LOG10(4)');
  });

  it("an import writes its HNB formulas before the table is made, so a row without one stays blank and each keeps its own", async () => {
    const table: ImportedTable = {
      title: "Scorecard",
      kind: "scorecard",
      headers: ["Measure", "Actual", "Target", "Status"],
      formats: ["text", "number", "number", "text"],
      rows: [
        ["Assessments in 20 weeks", 0.52, 0.6, null],
        ["Tribunals", null, null, null],
        ["Placements within 20 miles", 0.71, 0.7, null],
      ],
      footer: [],
      notes: [],
      formulas: [{ column: 3, formulas: ['=HNB.KPISTATUS(B2,C2)', "", '=IF(B4="","",HNB.KPISTATUS(B4,C4))'] }],
    } as ImportedTable;
    const excel = new FakeExcel();
    const { operations, sheet } = importTableOperations(table, [], []);
    await new OfficeWorkbook(excel.run).apply(operations);
    const written = excel.sheet(sheet)!;
    expect(excel.tables.map((t) => t.name)).toHaveLength(1);
    expect([1, 2, 3].map((r) => written.cell(r, 3)?.formula ?? null)).toEqual(['=HNB.KPISTATUS(B2,C2)', null, '=IF(B4="","",HNB.KPISTATUS(B4,C4))']);
  });

  it("every template's formulas read back from Excel as they were written: none is written into a table that is there already", async () => {
    const excel = new FakeExcel();
    const { operations } = buildTemplates(ALL_TEMPLATES, []);
    await new OfficeWorkbook(excel.run).apply(operations);
    let checked = 0;
    for (const op of operations) {
      if (op.kind !== "write" || op.formulas !== true) continue;
      const sheet = excel.sheet(op.sheet)!;
      const at = /^([A-Z]+)(\d+)$/.exec(op.at)!;
      const left = at[1]!.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      op.values.forEach((row, r) =>
        (row as unknown[]).forEach((v, c) => {
          if (typeof v !== "string" || !v.startsWith("=")) return;
          checked++;
          expect([op.sheet, r, c, sheet.cell(Number(at[2]) - 1 + r, left + c)?.formula]).toEqual([op.sheet, r, c, v]);
        }),
      );
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe("a request Excel refused", () => {
  it("the fake will not use again a range made in it (InvalidObjectPath, as office.js), but sheets and objects from earlier syncs still work", async () => {
    const excel = FakeExcel.fromGrids([{ name: "S", values: [["a"], ["b"]] }]);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const earlier = sheet.getRange("A1");
      earlier.load("values");
      await context.sync();
      const refused = sheet.getRange("A2");
      refused.load("values");
      context.workbook.worksheets.getItem("Nowhere").load("name");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(() => refused.load("values")).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
      expect(() => refused.format.fill.load("color")).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
      expect(() => refused.getCellProperties({ format: { fill: { color: true } } })).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
      const again = sheet.getRange("A2");
      again.load("values");
      earlier.load("values");
      await context.sync();
      expect([earlier.values, again.values]).toEqual([[["a"]], [["b"]]]);
    });
  });
  // The adapter's read of a used range over five million cells, whose probes are asked again in
  // bands with new ranges after Excel refuses them, is in office.test.ts ("a used range over
  // Excel's five million cells a get"): with the ranges of the refused request it fails there.
});

describe("undo", () => {
  /** A 20,000-row plan, and a change to every status with its fill and a change-log line each: several syncs. */
  async function setUp(excelApi: string): Promise<{ excel: FakeExcel; changes: CellChange[]; statuses: string[] }> {
    const excel = new FakeExcel();
    excel.excelApi = excelApi;
    await new OfficeWorkbook(excel.run).apply(importOperations(20_000, "Plan"));
    const statuses = planRows(20_000).map((r) => String(r[5]));
    const changes: CellChange[] = statuses.flatMap((s, i): CellChange[] => {
      const to = s === "On track" ? "Green" : s === "Delayed" ? "Amber" : s;
      return [
        { sheet: "Plan", address: `F${i + 2}`, target: "value", old: s, new: to, reason: `“${s}” is ${to} in the key` },
        { sheet: "Plan", address: `F${i + 2}`, target: "fill", old: null, new: RAG_FILLS[to] ?? null, reason: `${to}'s colour` },
      ];
    });
    excel.reset();
    excel.undoSteps.length = 0;
    return { excel, changes, statuses };
  }

  it("where Excel has ExcelApi 1.20, a change and its change-log lines are one undo step: one Ctrl+Z takes back both", async () => {
    const { excel, changes, statuses } = await setUp("1.20");
    excel.keepUndo = true;
    const workbook = new OfficeWorkbook(excel.run, { requirements: excel.requirements });
    await (await planChanges(workbook, changes, new Date(2025, 3, 1, 9, 30))).apply();
    const writeRun = excel.runs[excel.runs.length - 1]!;
    expect(writeRun).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
    expect(excel.syncCount).toBeGreaterThan(3); // the listing, the reads before the write, and the write in more than one sync
    expect(excel.undoSteps).toHaveLength(1);
    expect(excel.sheet(CHANGE_LOG_SHEET)).toBeDefined();
    expect(excel.sheet("Plan")!.cell(20_000, 5)!.fill).not.toBeNull();

    excel.undo();
    expect(excel.sheet(CHANGE_LOG_SHEET)).toBeUndefined();
    expect(excel.sheet("Plan")!.cell(1, 5)!.value).toBe(statuses[0]);
    expect(excel.sheet("Plan")!.cell(20_000, 5)!.value).toBe(statuses[19_999]);
    expect(excel.sheet("Plan")!.cell(20_000, 5)!.fill).toBeNull();
  }, 60_000);

  it("where Excel lacks ExcelApi 1.20, no undo group is asked for: each sync that writes stays its own step, as before", async () => {
    const { excel, changes } = await setUp("1.19");
    const workbook = new OfficeWorkbook(excel.run, { requirements: excel.requirements });
    await (await planChanges(workbook, changes, new Date(2025, 3, 1, 9, 30))).apply();
    expect(excel.runs[excel.runs.length - 1]).toEqual({ delayForCellEdit: true });
    expect(excel.undoSteps.length).toBeGreaterThan(1);
  }, 60_000);

  it("asks Office.context.requirements at run time when given no stand-in, and never groups reads", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values: [["Status"], ["On track"]] }]);
    const office = globalThis as { Office?: unknown };
    const workbook = new OfficeWorkbook(excel.run);
    await workbook.apply([{ kind: "write", sheet: "Plan", at: "A2", values: [["Green"]] }]);
    expect(excel.runs[excel.runs.length - 1]).toEqual({ delayForCellEdit: true });
    office.Office = { context: { requirements: excel.requirements } };
    try {
      await workbook.apply([{ kind: "write", sheet: "Plan", at: "A2", values: [["Amber"]] }]);
      expect(excel.runs[excel.runs.length - 1]).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
      const before = excel.runs.length;
      await workbook.listSheets();
      await workbook.readSheets();
      await workbook.select("Plan", "A2");
      expect(excel.runs.slice(before)).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true }, { delayForCellEdit: true }]);
    } finally {
      delete office.Office;
    }
  });
});
