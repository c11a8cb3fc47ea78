/*
 * importChecksOperations: the checks sheet an imported table gets, as port operations applied to
 * a workbook in memory. What the formulas work out to is tested through `hnb import`
 * (test/cli/import-checks.test.ts).
 */
import { importChecksOperations, importOperations, readWorkbookTables } from "../../src/app";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { importTable, readTables } from "../../src/core/table";
import type { ImportedTable } from "../../src/core/table/types";
import { readSampleGrid } from "../helpers/samples";

function sampleTable(name: string): ImportedTable {
  const [table] = readTables({ name, values: readSampleGrid(`${name}.tsv`) });
  return importTable(table!, { realign: true });
}

async function written(imported: ImportedTable, existing: string[] = [], options = {}) {
  const workbook = new MemoryWorkbook();
  for (const name of existing) await workbook.apply([{ kind: "addSheet", name }]);
  const table = importOperations(imported, existing, []);
  await workbook.apply(table.operations);
  const checks = importChecksOperations(imported, { sheet: table.sheet, table: table.table, rows: imported.rows.length }, [...existing, table.sheet], options);
  if (checks) await workbook.apply(checks.operations);
  return { workbook, table, checks };
}

describe("importChecksOperations", () => {
  it("gives a savings plan a sheet of its own, named after the table's and made unique, that the reader passes over", async () => {
    const { workbook, table, checks } = await written(sampleTable("savings-plan-shifted"), ["Checks (Savings plan)"]);
    expect(table.sheet).toBe("Savings plan");
    expect(checks!.sheet).toBe("Checks (Savings plan) (2)");
    const sheet = workbook.sheet(checks!.sheet)!;
    expect(sheet.cell("B1").formula).toBe(`=SUM(C5:C${4 + checks!.checks})`);
    expect(sheet.cell("B5").formula).toBe(`=IFERROR(IF(HNB.TOTALCHECK('Savings plan'!H12,'Savings plan'!H2:H10)=TRUE(),"Passes",HNB.TOTALCHECK('Savings plan'!H12,'Savings plan'!H2:H10)),"Cannot be checked: a cell it reads is not a figure or a date (hnb check and the Import notes say which)")`);
    expect(sheet.cell("C5").formula).toBe(`=IF(B5="Passes",0,1)`);
    const grids = await workbook.readSheets();
    const read = readWorkbookTables(grids);
    expect(read.skipped.map((s) => s.sheet)).toEqual([checks!.sheet]);
    expect(read.tables.map((t) => t.sheet)).toEqual(["Savings plan"]);
  });

  it("quotes a sheet name as Excel needs it", async () => {
    const imported = { ...sampleTable("dsg-budget"), title: "Marg's budget" };
    const { workbook, checks } = await written(imported);
    const sheet = workbook.sheet(checks!.sheet)!;
    expect(checks!.sheet).toBe("Checks (Marg's budget)");
    expect(sheet.cell("B5").formula).toContain("HNB.CORKSCREW('Marg''s budget'!B2:F2,'Marg''s budget'!B3:F5,'Marg''s budget'!B6:F6,$B$3:$F$3,1)");
    expect(sheet.cell("B10").formula).toBe("=HNB.STABILITYGRANT('Marg''s budget'!D6)");
    expect(sheet.cell("B15").formula).toBe("=HNB.DEFICITPATH('Marg''s budget'!B2,'Marg''s budget'!B3:F5)");
    expect(sheet.cell("B16").formula).toBe("=HNB.DEFICITPATH('Marg''s budget'!B2,'Marg''s budget'!B3:F5,'Marg''s budget'!B7:F7)");
    expect(sheet.cell("B9").formula).toBe("=HNB.RECOVERYYEAR(HNB.DEFICITPATH('Marg''s budget'!B2,'Marg''s budget'!B3:F5,'Marg''s budget'!B7:F7),$B$3:$F$3)");
  });

  it("writes the report date given for an action plan's overdue count", async () => {
    const { workbook, checks } = await written(sampleTable("action-plan-messy"), [], { reportDate: 45747 });
    const sheet = workbook.sheet(checks!.sheet)!;
    expect(sheet.cell("B3").value).toBe(45747);
    expect(sheet.cell("A12").value).toMatch(/^Overdue counts actions whose end date is before the report date in B3/);
  });

  it("has nothing for a scorecard, nor for a table read without its columns' fields", async () => {
    expect((await written(sampleTable("strategy-scorecard"))).checks).toBeNull();
    const bare: ImportedTable = { ...sampleTable("savings-plan-shifted") };
    delete bare.fields;
    expect((await written(bare)).checks).toBeNull();
  });
});

describe("an imported table's status column", () => {
  it("offers the table's own key as a drop-down, as the templates' status columns do", async () => {
    const imported = sampleTable("action-plan-messy");
    const { workbook, table } = await written(imported);
    const status = imported.fields!.indexOf("rag");
    const column = String.fromCharCode(65 + status);
    const sheet = workbook.sheet(table.sheet)!;
    expect(sheet.validationAt(`${column}2`)?.source).toEqual(["Green", "Amber", "Red"]);
    expect(sheet.validationAt(`${column}${imported.rows.length + 1}`)?.source).toEqual(["Green", "Amber", "Red"]);
  });

  it("offers the five-point key where the table has no key of its own", async () => {
    const imported = sampleTable("savings-plan-messy");
    const { workbook, table } = await written(imported);
    const column = String.fromCharCode(65 + imported.fields!.indexOf("rag"));
    expect(workbook.sheet(table.sheet)!.validationAt(`${column}3`)?.source).toEqual(["Blue", "Green", "Amber", "Red", "Grey"]);
  });
});
