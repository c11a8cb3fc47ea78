import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook, ValueType } from "exceljs";
import type { Worksheet } from "exceljs";
import { serialFromYmd } from "../../src/core/years";
import type { ImportedTable } from "../../src/core/table/types";
import { NOTES_SHEET, sheetNamesFor, writeImportWorkbook } from "../../src/app/import-file";
import { readWorkbookGrids } from "../../src/adapters/xlsx/file";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsx";
import { MONEY_FORMAT } from "../../src/app/templates";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-xlsx-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => join(dir, name);

async function reopen(path: string): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

interface TableModel {
  name: string;
  tableRef: string;
  headerRow: boolean;
  columns: { name: string; filterButton?: boolean }[];
  style: { theme: string };
}

function tablesOf(sheet: Worksheet): TableModel[] {
  return (sheet.getTables() as unknown as { table: TableModel }[]).map((t) => t.table);
}

// ---------------------------------------------------------------------------------------------

describe("formula results a workbook caches", () => {
  it("reads a cached 0 and a cached empty text as the values they are, not as formulas never worked out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hnb-results-"));
    try {
      const book = new Workbook();
      const sheet = book.addWorksheet("Results");
      sheet.getCell("A1").value = { formula: "1-1", result: 0 } as never;
      // Excel saves IF(…,"") as <c t="str"><f>…</f><v></v></c>: exceljs writes the same.
      sheet.getCell("B1").value = { formula: 'IF(TRUE,"","x")', result: "" } as never;
      sheet.getCell("C1").value = { formula: "2*3" } as never;
      sheet.getCell("D1").value = "Total";
      await book.xlsx.writeFile(join(dir, "results.xlsx"));
      expect(readFileSync(join(dir, "results.xlsx")).length).toBeGreaterThan(0);
      const [grid] = await readWorkbookGrids(join(dir, "results.xlsx"));
      expect(grid!.values[0]).toEqual([0, "", "=2*3", "Total"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("reading a workbook into grids", () => {
  let path: string;

  beforeAll(async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet("Savings plan");
    // The used range starts at C5, as a table placed under a title block would.
    sheet.getCell("C5").value = "Initiative";
    sheet.getCell("D5").value = "Amount";
    sheet.getCell("E5").value = "Date";
    sheet.getCell("F5").value = "RAG";
    sheet.getCell("C6").value = { richText: [{ text: "Autism " , font: { bold: true } }, { text: "outreach" }] };
    sheet.getCell("D6").value = 40000;
    sheet.getCell("E6").value = new Date(Date.UTC(2024, 8, 30));
    sheet.getCell("E6").numFmt = "dd/mm/yyyy";
    sheet.getCell("F6").value = "Green";
    sheet.getCell("F6").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    sheet.getCell("C7").value = { text: "Early years fund", hyperlink: "https://example.org/fund" };
    sheet.getCell("D7").value = { formula: "D6*2", result: 80000 };
    sheet.getCell("E7").value = new Date(Date.UTC(2024, 8, 30, 12, 0, 0));
    sheet.getCell("E7").numFmt = "dd/mm/yyyy hh:mm";
    sheet.getCell("F7").fill = { type: "pattern", pattern: "solid", fgColor: { theme: 9 } as never };
    sheet.getCell("C8").value = true;
    sheet.getCell("D8").value = { formula: "SUM(D6:D7)" } as never;
    sheet.getCell("E8").value = { error: "#N/A" };
    sheet.getCell("F8").fill = { type: "pattern", pattern: "solid", fgColor: { indexed: 10 } as never };
    sheet.getCell("C9").value = "Merged heading";
    sheet.getCell("C9").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } };
    sheet.mergeCells("C9:E9");
    sheet.getCell("F9").fill = { type: "pattern", pattern: "darkGrid", fgColor: { argb: "FFFF0000" } };
    sheet.getCell("D10").value = { formula: "D6+1", result: { error: "#DIV/0!" } } as never;
    // A cell holding only a colour (a RAG status lost its text) still belongs to the used range.
    sheet.getCell("G11").fill = { type: "pattern", pattern: "solid", fgColor: { theme: 5, tint: 0.3999755851924192 } as never };
    workbook.addWorksheet("Empty");
    workbook.addWorksheet("Second").getCell("A1").value = "=looks like a formula";
    path = file("read.xlsx");
    await workbook.xlsx.writeFile(path);
  });

  it("gives one grid per worksheet, in tab order", async () => {
    const grids = await readWorkbookGrids(path);
    expect(grids.map((g) => g.name)).toEqual(["Savings plan", "Empty", "Second"]);
  });

  it("places the grid at the used range's top-left, 0-based", async () => {
    const [grid] = await readWorkbookGrids(path);
    expect(grid!.origin).toEqual({ row: 4, column: 2 });
    expect(grid!.values).toHaveLength(7); // rows 5 to 11
    for (const row of grid!.values) expect(row).toHaveLength(5); // columns C to G
  });

  it("reads numbers, text, rich text, hyperlinks and booleans as plain values", async () => {
    const { values } = (await readWorkbookGrids(path))[0]!;
    expect(values[0]).toEqual(["Initiative", "Amount", "Date", "RAG", null]);
    expect(values[1]!.slice(0, 2)).toEqual(["Autism outreach", 40000]);
    expect(values[2]![0]).toBe("Early years fund");
    expect(values[3]![0]).toBe(true);
  });

  it("reads dates as Excel serial numbers, keeping any time of day", async () => {
    const { values } = (await readWorkbookGrids(path))[0]!;
    expect(values[1]![2]).toBe(serialFromYmd(2024, 9, 30));
    expect(values[1]![2]).toBe(45565);
    expect(values[2]![2]).toBeCloseTo(45565.5, 9);
  });

  it("reads a formula as its cached result, or as its text when the file holds no result", async () => {
    const { values } = (await readWorkbookGrids(path))[0]!;
    expect(values[2]![1]).toBe(80000);
    expect(values[3]![1]).toBe("=SUM(D6:D7)");
    expect(values[5]![1]).toBe("#DIV/0!");
  });

  it("reads an error cell as its text", async () => {
    const { values } = (await readWorkbookGrids(path))[0]!;
    expect(values[3]![2]).toBe("#N/A");
  });

  it("keeps a merged area's value and fill in its top-left cell only", async () => {
    const { values, fills } = (await readWorkbookGrids(path))[0]!;
    expect(values[4]!.slice(0, 3)).toEqual(["Merged heading", null, null]);
    expect(fills![4]!.slice(0, 3)).toEqual(["#FFC000", null, null]);
  });

  it("reads solid fills as #RRGGBB from ARGB, theme (with tint) and indexed colours", async () => {
    const { fills } = (await readWorkbookGrids(path))[0]!;
    expect(fills![1]![3]).toBe("#00B050");
    // exceljs writes the Office 2007 theme into the file, and the colours come from the file.
    expect(fills![2]![3]).toBe("#F79646"); // theme 9: accent6
    expect(fills![3]![3]).toBe("#FF0000"); // indexed 10
    expect(fills![6]![4]).toBe("#D99694"); // theme 5 (accent2, C0504D) lighter 40%, as Excel shows it
  });

  it("gives no colour for patterned fills or unfilled cells", async () => {
    const { fills } = (await readWorkbookGrids(path))[0]!;
    expect(fills![4]![3]).toBeNull(); // dark grid pattern
    expect(fills![0]).toEqual([null, null, null, null, null]);
  });

  it("gives an empty grid for an empty worksheet", async () => {
    const empty = (await readWorkbookGrids(path))[1]!;
    expect(empty.values).toEqual([]);
    expect(empty.origin).toEqual({ row: 0, column: 0 });
  });

  it("reads text that starts with = as text", async () => {
    expect((await readWorkbookGrids(path))[2]!.values).toEqual([["=looks like a formula"]]);
  });

  it("gives 1900-system serials for a workbook saved in the 1904 date system (old Mac Excel)", async () => {
    const workbook = new Workbook();
    workbook.properties.date1904 = true;
    const cell = workbook.addWorksheet("Mac").getCell("A1");
    cell.value = new Date(Date.UTC(2024, 8, 30));
    cell.numFmt = "dd/mm/yyyy";
    const mac = file("1904.xlsx");
    await workbook.xlsx.writeFile(mac);
    expect((await readWorkbookGrids(mac))[0]!.values).toEqual([[45565]]);
  });

  it("rejects a file that is not a workbook", async () => {
    const bogus = file("not-a-workbook.xlsx");
    writeFileSync(bogus, "Initiative\tRAG\n");
    await expect(readWorkbookGrids(bogus)).rejects.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

function savingsPlan(overrides: Partial<ImportedTable> = {}): ImportedTable {
  return {
    title: "Savings plan",
    kind: "savings-plan",
    headers: ["Initiative", "Target date", "RAG", "Lead", "2024/25", "2025/26"],
    formats: ["text", "date", "status", "text", "money", "money"],
    rows: [
      ["Autism outreach team", serialFromYmd(2024, 9, 30), "Green", "Head of SEND", 40000, 95000],
      ["=1+1", "Spring 2025", "Amber", "-£5", -10000, "TBC"],
      ["+44 1632 960000", null, "Red", "@SUM(A1)", null, 45000],
    ],
    footer: [
      ["Total savings projection", null, null, null, 30000, 140000],
      [],
      ["Jane Bloggs (JB), Kamal Patel (KP)"],
    ],
    unit: "£",
    notes: [
      { location: "'savings-plan-messy'!H1", kind: "inferred", message: "“24/25 Target Savings” read as savings for 2024/25." },
      { location: "'savings-plan-messy'!I12", kind: "unread", message: "“Transport Manager” is not an amount of money." },
    ],
    ...overrides,
  };
}

function deficitTable(): ImportedTable {
  return {
    title: "DSG deficit",
    kind: "deficit",
    headers: ["Line", "2023/24", "2024/25"],
    formats: ["text", "money", "money"],
    rows: [
      ["High Needs DSG B/Fwd Deficit / (Surplus)", 812, 1082],
      ["Transfer From Schools Block", -150, -150],
    ],
    footer: [],
    unit: "£000",
    notes: [],
  };
}

describe("writing imported tables to a workbook", () => {
  let path: string;
  let workbook: Workbook;

  beforeAll(async () => {
    path = file("import.xlsx");
    await writeImportWorkbook(await XlsxWorkbook.create(), path, [savingsPlan(), savingsPlan({ title: "savings PLAN", notes: [] }), deficitTable()], [
      "savings-plan-messy.tsv",
      "copy.csv",
      "dsg-budget.xlsx",
    ]);
    workbook = await reopen(path);
  });

  it("writes one sheet per table, then the import notes, with names unique ignoring case", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Savings plan", "savings PLAN (2)", "DSG deficit", NOTES_SHEET]);
  });

  it("holds each table as an Excel table with headers, filter buttons and a banded style", () => {
    const [table] = tablesOf(workbook.getWorksheet("Savings plan")!);
    expect(table!.tableRef).toBe("A1:F4");
    expect(table!.headerRow).toBe(true);
    expect(table!.style.theme).toBe("TableStyleMedium2");
    expect(table!.columns.map((c) => c.name)).toEqual(["Initiative", "Target date", "RAG", "Lead", "2024/25", "2025/26"]);
    expect(table!.columns.every((c) => c.filterButton)).toBe(true);
  });

  it("gives every table, the notes' too, a distinct name", () => {
    const names = workbook.worksheets.flatMap((s) => tablesOf(s).map((t) => t.name.toLowerCase()));
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
  });

  it("formats money in £ with negatives in brackets, dates as dd/mm/yyyy and text as text", () => {
    const sheet = workbook.getWorksheet("Savings plan")!;
    expect(sheet.getCell("E2").numFmt).toBe(MONEY_FORMAT);
    expect(sheet.getCell("E3").value).toBe(-10000);
    expect(sheet.getCell("B2").numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getCell("C2").numFmt).toBe("@");
    expect(sheet.getCell("A2").numFmt).toBe("@");
  });

  it("shows a table's unit in its money headers when figures are in £000, without a £ in the format", () => {
    const sheet = workbook.getWorksheet("DSG deficit")!;
    expect(sheet.getCell("B1").value).toBe("2023/24 (£000)");
    expect(sheet.getCell("B2").numFmt).toBe("#,##0;(#,##0)");
    expect(sheet.getCell("B3").value).toBe(-150);
  });

  it("writes text that looks like a formula as text, never as a formula", () => {
    const sheet = workbook.getWorksheet("Savings plan")!;
    for (const [address, text] of [
      ["A3", "=1+1"],
      ["D3", "-£5"],
      ["A4", "+44 1632 960000"],
      ["D4", "@SUM(A1)"],
    ] as const) {
      const cell = sheet.getCell(address);
      expect(cell.type).toBe(ValueType.String);
      expect(cell.value).toBe(text);
    }
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeFalsy()));
  });

  it("keeps values that could not be read as the text they were", () => {
    const sheet = workbook.getWorksheet("Savings plan")!;
    expect(sheet.getCell("F3").value).toBe("TBC");
    expect(sheet.getCell("B3").value).toBe("Spring 2025");
  });

  it("writes the footer lines under the table after a blank row (Excel would grow the table into the row under it), as laid out, figures in the column's format", () => {
    const sheet = workbook.getWorksheet("Savings plan")!;
    expect(["A5", "B5", "E5"].map((c) => sheet.getCell(c).value)).toEqual([null, null, null]);
    expect(sheet.getCell("A6").value).toBe("Total savings projection");
    expect(sheet.getCell("E6").value).toBe(30000);
    expect(sheet.getCell("E6").numFmt).toBe(MONEY_FORMAT);
    expect(sheet.getCell("A7").value).toBeNull();
    expect(sheet.getCell("A8").value).toBe("Jane Bloggs (JB), Kamal Patel (KP)");
  });

  it("lists every note with its source, location and kind on the notes sheet, wrapped", () => {
    const sheet = workbook.getWorksheet(NOTES_SHEET)!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows).toEqual([
      ["Source", "Location", "Kind", "Message"],
      ["savings-plan-messy.tsv", "'savings-plan-messy'!H1", "Inferred", "“24/25 Target Savings” read as savings for 2024/25."],
      ["savings-plan-messy.tsv", "'savings-plan-messy'!I12", "Could not read", "“Transport Manager” is not an amount of money."],
    ]);
    expect(["A1", "B1", "C1", "D1"].map((c) => sheet.getCell(c).font?.bold)).toEqual([true, true, true, true]);
    expect(sheet.getCell("D2").alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(60);
  });

  it("reads back through readWorkbookGrids with dates as serials and money as numbers", async () => {
    const [grid] = await readWorkbookGrids(path);
    expect(grid!.name).toBe("Savings plan");
    expect(grid!.values[1]).toEqual(["Autism outreach team", 45565, "Green", "Head of SEND", 40000, 95000]);
    expect(grid!.values[2]).toEqual(["=1+1", "Spring 2025", "Amber", "-£5", -10000, "TBC"]);
    expect(grid!.values[7]![0]).toBe("Jane Bloggs (JB), Kamal Patel (KP)");
  });

  it("says so on the notes sheet when there is nothing to note", async () => {
    const quiet = file("quiet.xlsx");
    await writeImportWorkbook(await XlsxWorkbook.create(), quiet, [deficitTable()], ["dsg-budget.tsv"]);
    const sheet = (await reopen(quiet)).getWorksheet(NOTES_SHEET)!;
    expect(sheet.getCell("D2").value).toMatch(/Nothing was inferred/);
  });

  it("makes headers unique and single-line, and names columns beyond the headers", async () => {
    const ragged = file("ragged.xlsx");
    await writeImportWorkbook(await XlsxWorkbook.create(),
      ragged,
      [
        savingsPlan({
          headers: ["Lead", "lead", "Progress\n(RAG)", ""],
          formats: ["text", "text", "status", "text"],
          rows: [["JB", "KP", "Green", "", "spilled over"]],
          footer: [],
        }),
      ],
      ["x.tsv"],
    );
    const [table] = tablesOf((await reopen(ragged)).worksheets[0]!);
    expect(table!.columns.map((c) => c.name)).toEqual(["Lead", "lead 2", "Progress (RAG)", "Column 4", "Column 5"]);
  });

  it("writes a table with no rows as a header and one empty row", async () => {
    const bare = file("bare.xlsx");
    await writeImportWorkbook(await XlsxWorkbook.create(), bare, [savingsPlan({ rows: [], footer: [] })], ["x.tsv"]);
    const [table] = tablesOf((await reopen(bare)).worksheets[0]!);
    expect(table!.tableRef).toBe("A1:F2");
  });

  it("turns Word's line breaks (vertical tabs) into new lines", async () => {
    const word = file("word.xlsx");
    await writeImportWorkbook(await XlsxWorkbook.create(), word, [savingsPlan({ rows: [["Recruit\u000bTrain", null, "Green", "JB", 1, 2]], footer: [] })], ["x.tsv"]);
    expect((await reopen(word)).worksheets[0]!.getCell("A2").value).toBe("Recruit\nTrain");
  });
});

describe("sheet names", () => {
  it("are valid in Excel: at most 31 characters and none of [ ] : * ? / \\", () => {
    const names = sheetNamesFor([
      "Savings plan: 2024/25 [draft]*?",
      "A very long title for a recovery plan table that goes on",
      "'Quoted'",
      "Back\\slash",
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
      expect(name).not.toMatch(/^'|'$/);
    }
    expect(names[0]).toBe("Savings plan 2024 25 draft");
    expect(names[2]).toBe("Quoted");
  });

  it("are unique ignoring case, also when a suffix must shorten a long name", () => {
    const long = "x".repeat(40);
    const names = sheetNamesFor([long, long.toUpperCase(), "Table", "table", "TABLE"]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(5);
    expect(names[1]).toBe(`${"X".repeat(27)} (2)`);
    expect(names.slice(2)).toEqual(["Table", "table (2)", "TABLE (3)"]);
  });

  it("never take the notes sheet's name, a blank name or Excel's reserved History", () => {
    expect(sheetNamesFor(["Import notes", "", "History", "  "])).toEqual([
      "Import notes (2)",
      "Table",
      "History table",
      "Table (2)",
    ]);
  });
});

describe("writing safely", () => {
  it("replaces an existing file whole", async () => {
    const path = file("replace.xlsx");
    writeFileSync(path, "old contents");
    await writeImportWorkbook(await XlsxWorkbook.create(), path, [deficitTable()], ["dsg.tsv"]);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
    expect((await reopen(path)).worksheets.map((s) => s.name)).toEqual(["DSG deficit", NOTES_SHEET]);
  });

  it("leaves no file and no temporary file behind when the folder does not exist", async () => {
    const path = join(dir, "missing-folder", "out.xlsx");
    await expect(writeImportWorkbook(await XlsxWorkbook.create(), path, [deficitTable()], ["dsg.tsv"])).rejects.toThrow();
    expect(existsSync(path)).toBe(false);
  });

  it("writes nothing when a table has no source", async () => {
    const path = file("unsourced.xlsx");
    await expect(writeImportWorkbook(await XlsxWorkbook.create(), path, [deficitTable()], [])).rejects.toThrow(/source/);
    expect(existsSync(path)).toBe(false);
  });

  it("leaves no temporary files in the output folder", () => {
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
