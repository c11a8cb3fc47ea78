/*
 * Excel grows a table into cells written in the row under it or the column beside it: the rule
 * the planner refuses by, and the memory adapter and the Office fake model (office-js issues
 * 2097, 3013, 3191).
 */
import { grownTable, parseAddress, type Rect } from "../../src/port";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { FakeExcel } from "../workbook/office-fake";

const rect = (a1: string): Rect => parseAddress(a1)!;
const all = () => true;

describe("grownTable", () => {
  it("takes in rows written directly under the table, within its columns", () => {
    expect(grownTable(rect("A1:C4"), rect("A5:C6"), all)).toEqual(rect("A1:C6"));
    expect(grownTable(rect("A1:C4"), rect("C5:E5"), all)).toEqual(rect("A1:C5"));
  });

  it("takes in columns written directly beside it, within its rows", () => {
    expect(grownTable(rect("A1:C4"), rect("D2:E3"), all)).toEqual(rect("A1:E4"));
  });

  it("leaves it alone for a gap, the corner cell, cells beside other rows, or blanks", () => {
    expect(grownTable(rect("A1:C4"), rect("A6:C6"), all)).toBeNull();
    expect(grownTable(rect("A1:C4"), rect("D5"), all)).toBeNull();
    expect(grownTable(rect("A1:C4"), rect("D6:D9"), all)).toBeNull();
    expect(grownTable(rect("A1:C4"), rect("A5:C5"), () => false)).toBeNull();
  });
});

describe("adapters model Excel's growth", () => {
  const ops = (extendsTable?: string) => [
    { kind: "addSheet" as const, name: "T" },
    { kind: "write" as const, sheet: "T", at: "A1", values: [["Ref", "Amount"], ["1", 5]] },
    { kind: "addTable" as const, sheet: "T", range: "A1:B2", name: "Amounts" },
    { kind: "write" as const, sheet: "T", at: "A3", values: [["2", 7]], ...(extendsTable ? { extendsTable } : {}) },
  ];

  it("a write meant to add a row to the table (extendsTable) grows it, in memory and in the Office fake alike", async () => {
    const memory = new MemoryWorkbook();
    await memory.apply(ops("Amounts"));
    const excel = new FakeExcel();
    const office = new OfficeWorkbook(excel.run);
    await office.apply(ops("Amounts"));
    for (const workbook of [memory, office]) expect((await workbook.listSheets())[0]!.tables.map((t) => t.address)).toEqual(["A1:B3"]);
  });

  it("without it the write is refused, and nothing is changed", async () => {
    const memory = new MemoryWorkbook();
    await expect(memory.apply(ops())).rejects.toThrow(/would put values against the table "Amounts"/);
    expect(await memory.listSheets()).toEqual([]);
  });

  it("the Office fake grows a table when Office.js writes under it directly, as Excel does", async () => {
    const excel = new FakeExcel();
    await new OfficeWorkbook(excel.run).apply(ops().slice(0, 3));
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("T").getRange("A3:B3").values = [["2", 7]];
      await context.sync();
    });
    expect(excel.tables.map((t) => t.rect)).toEqual([rect("A1:B3")]);
  });
});
