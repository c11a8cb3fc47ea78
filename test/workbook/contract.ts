/**
 * The workbook port's contract: one suite every adapter passes (memory, xlsx, and office through
 * a recording fake of Office.js). Assertions go through the port, and where the port has no read
 * for something (names, validation, conditional formats, panes, the selection) through the
 * factory's `inspect` hooks, which each adapter's test writes over its own internals and returns
 * in the neutral shapes below. Nothing here may know about exceljs, memory or Office.js.
 */
import type { SheetGrid } from "../../src/core/table/types";
import type { SheetRead, WorkbookOperation, WorkbookPort } from "../../src/port/port";

/** What the port cannot read back, as each adapter's test reads it from its own internals. */
export interface WorkbookInspection {
  /** A workbook-scope name's sheet and range ("A2:A6", no $), or null. */
  namedRange(name: string): Promise<{ sheet: string; range: string } | null>;
  /** The list a cell is limited to: its values, or the name or range as a formula ("=RAGKey"); null for none. */
  listValidation(sheet: string, cell: string): Promise<string[] | string | null>;
  /** Conditional fills on a sheet, as the port's conditionalFill describes them. */
  conditionalFills(sheet: string): Promise<{ range: string; text: string; fill: string; font?: string }[]>;
  frozen(sheet: string): Promise<{ rows: number; columns: number }>;
  /** The active sheet and its active cell, once something was selected. */
  activeCell(): Promise<{ sheet: string; cell: string } | null>;
  font(sheet: string, cell: string): Promise<{ bold: boolean; italic: boolean; colour: string | null }>;
  /** Whether long text in the cell wraps, aligned to the top. */
  wrapped(sheet: string, cell: string): Promise<boolean>;
  /** Width in characters, or null when the column has its default width. */
  columnWidth(sheet: string, column: string): Promise<number | null>;
  /** Charts drawn on a sheet; empty where an adapter cannot draw them (it must say so in its report). */
  charts(sheet: string): Promise<{ title: string }[]>;
}

export type ContractWorkbook = WorkbookPort & {
  inspect: WorkbookInspection;
  /** Saves and opens the workbook again (adapters over a file), so a test proves the file keeps what it reads. */
  reopen?(): Promise<ContractWorkbook>;
};

export type ContractFactory = (seed?: SheetGrid[]) => Promise<ContractWorkbook>;

/** The workbook as it reads after a save and reopen where the adapter has a file, else as it is. */
async function again(workbook: ContractWorkbook): Promise<ContractWorkbook> {
  return workbook.reopen ? workbook.reopen() : workbook;
}

async function readOne(workbook: WorkbookPort, sheet: string): Promise<SheetRead> {
  const [read] = await workbook.readSheets([sheet]);
  if (!read) throw new Error(`readSheets gave nothing for ${sheet}`);
  return read;
}

/** The contract, as a Jest `describe` block for the adapter `name`. */
export function describeWorkbookContract(name: string, make: ContractFactory): void {
  describe(`the workbook port contract: ${name}`, () => {
    describe("sheets and blocks", () => {
      it("adds a sheet, writes a block with formats and fills, and reads it back from its origin", async () => {
        const workbook = await make();
        const report = await workbook.apply([
          { kind: "addSheet", name: "Savings plan" },
          {
            kind: "write",
            sheet: "Savings plan",
            at: "B3",
            values: [
              ["Initiative", "24/25", "25/26", "On track"],
              ["Autism outreach", 40000, -12500.5, true],
              ["Early years fund", 0, 80000, false],
            ],
            numberFormats: ["", "£#,##0;(£#,##0)", "£#,##0;(£#,##0)", ""],
          },
          { kind: "fill", sheet: "Savings plan", range: "E4", colour: "#00b050" },
          { kind: "numberFormat", sheet: "Savings plan", range: "C3:D3", format: "@" },
        ]);
        expect(report.sheetsAdded).toEqual(["Savings plan"]);
        expect(report.changes).toHaveLength(4);
        expect(report.changes[1]).toBe("Wrote 3 rows to 'Savings plan'!B3:E5");

        const read = await readOne(await again(workbook), "Savings plan");
        expect(read.name).toBe("Savings plan");
        expect(read.origin).toEqual({ row: 2, column: 1 });
        expect(read.values).toEqual([
          ["Initiative", "24/25", "25/26", "On track"],
          ["Autism outreach", 40000, -12500.5, true],
          ["Early years fund", 0, 80000, false],
        ]);
        expect(read.fills).toEqual([
          [null, null, null, null],
          [null, null, null, "#00B050"],
          [null, null, null, null],
        ]);
        expect(read.numberFormats).toEqual([
          ["General", "@", "@", "General"],
          ["General", "£#,##0;(£#,##0)", "£#,##0;(£#,##0)", "General"],
          ["General", "£#,##0;(£#,##0)", "£#,##0;(£#,##0)", "General"],
        ]);
        expect(read.formulas).toEqual([
          [null, null, null, null],
          [null, null, null, null],
          [null, null, null, null],
        ]);
      });

      it("lists sheets in tab order with their used ranges; an empty sheet has none", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "First" },
          { kind: "addSheet", name: "Empty" },
          {
            kind: "write",
            sheet: "First",
            at: "C2",
            values: [
              ["a", null],
              [null, "b"],
            ],
          },
          // A cell holding only a colour (a RAG status kept as a fill) is part of the used range.
          { kind: "fill", sheet: "First", range: "F9", colour: "#FFC000" },
        ]);
        const sheets = await (await again(workbook)).listSheets();
        expect(sheets.map((s) => [s.name, s.usedRange])).toEqual([
          ["First", "C2:F9"],
          ["Empty", null],
        ]);
        const [, empty] = await (await again(workbook)).readSheets(["First", "empty"]);
        expect(empty).toEqual({
          name: "Empty",
          values: [],
          fills: [],
          numberFormats: [],
          formulas: [],
          origin: { row: 0, column: 0 },
        });
      });

      it("reads every sheet when none is named, and refuses a sheet that does not exist", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "One" },
          { kind: "addSheet", name: "Two" },
        ]);
        expect((await workbook.readSheets()).map((r) => r.name)).toEqual(["One", "Two"]);
        await expect(workbook.readSheets(["Three"])).rejects.toThrow(/no sheet called "Three"/);
      });

      it("starts from seed grids where the test gives them", async () => {
        const workbook = await make([
          {
            name: "Pasted",
            values: [
              ["Ref", "RAG"],
              ["1.1", "Green"],
            ],
            fills: [
              [null, null],
              [null, "#00B050"],
            ],
            origin: { row: 4, column: 2 },
          },
        ]);
        const read = await readOne(workbook, "Pasted");
        expect(read.origin).toEqual({ row: 4, column: 2 });
        expect(read.values).toEqual([
          ["Ref", "RAG"],
          ["1.1", "Green"],
        ]);
        expect(read.fills).toEqual([
          [null, null],
          [null, "#00B050"],
        ]);
      });

      it("pads a ragged block with blanks, clearing what the blanks cover", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "S" },
          {
            kind: "write",
            sheet: "S",
            at: "A1",
            values: [
              ["x", "x", "x"],
              ["x", "x", "x"],
            ],
          },
          { kind: "write", sheet: "S", at: "A1", values: [["a", "b", "c"], ["d"]] },
        ]);
        expect((await readOne(await again(workbook), "S")).values).toEqual([
          ["a", "b", "c"],
          ["d", null, null],
        ]);
      });

      it("writes dates as Excel serial numbers, with a date format where the cell has none", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "Dates" },
          { kind: "write", sheet: "Dates", at: "A1", values: [[new Date(Date.UTC(2025, 2, 31))]] },
        ]);
        const read = await readOne(await again(workbook), "Dates");
        expect(read.values).toEqual([[45747]]);
        expect(read.numberFormats).toEqual([["dd/mm/yyyy"]]);
      });
    });

    describe("sheet names", () => {
      it("makes a new sheet's name unique and valid, and reports the name it gave", async () => {
        const workbook = await make();
        await workbook.apply([{ kind: "addSheet", name: "Summary" }]);
        const report = await workbook.apply([
          { kind: "addSheet", name: "summary" },
          { kind: "addSheet", name: "Summary" },
          { kind: "addSheet", name: "Q1/Q2 [draft]" },
        ]);
        expect(report.sheetsAdded).toEqual(["summary (2)", "Summary (3)", "Q1 Q2 draft"]);
        expect((await (await again(workbook)).listSheets()).map((s) => s.name)).toEqual([
          "Summary",
          "summary (2)",
          "Summary (3)",
          "Q1 Q2 draft",
        ]);
      });

      it("points later operations in the batch that name the requested sheet at the sheet actually added", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "RAG Key" },
          { kind: "write", sheet: "RAG Key", at: "A1", values: [["old"]] },
        ]);
        const report = await workbook.apply([
          { kind: "addSheet", name: "RAG Key" },
          { kind: "write", sheet: "RAG Key", at: "A1", values: [["new"]] },
        ]);
        expect(report.sheetsAdded).toEqual(["RAG Key (2)"]);
        expect(report.changes[1]).toBe("Wrote 1 row to 'RAG Key (2)'!A1");
        const reopened = await again(workbook);
        expect((await readOne(reopened, "RAG Key")).values).toEqual([["old"]]);
        expect((await readOne(reopened, "RAG Key (2)")).values).toEqual([["new"]]);
      });
    });

    describe("text and formulas", () => {
      const risky = ["=1+1", "+44 20 7946 0000", "-£5", "@SUM(A1)", '=HNB.RAG("x")'];

      it("writes text starting with =, +, - or @ as text unless formulas are asked for", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "T" },
          { kind: "write", sheet: "T", at: "A1", values: [risky] },
        ]);
        const read = await readOne(await again(workbook), "T");
        expect(read.values).toEqual([risky]);
        expect(read.formulas).toEqual([risky.map(() => null)]);
      });

      it("writes strings starting = as formulas when asked, and reads them back as formulas", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "F" },
          {
            kind: "write",
            sheet: "F",
            at: "A1",
            values: [
              [2, 3],
              ["=A1+B1", "+A1"],
            ],
            formulas: true,
          },
        ]);
        const read = await readOne(await again(workbook), "F");
        expect(read.formulas).toEqual([
          [null, null],
          ["=A1+B1", null],
        ]);
        // Only "=" starts a formula: anything else stays text even here.
        expect(read.values[1]![1]).toBe("+A1");
        // The value of a formula is the adapter's to give: a calculation (Excel) or a cached value, null when none.
        expect([null, 5]).toContain(read.values[1]![0]);
      });
    });

    describe("tables", () => {
      it("adds a table over cells already written, and lists it with its headers", async () => {
        const workbook = await make();
        const report = await workbook.apply([
          { kind: "addSheet", name: "Action Plan" },
          {
            kind: "write",
            sheet: "Action Plan",
            at: "B2",
            values: [
              ["Ref", "Action", 2024],
              ["1.1", "Recruit", 5],
              ["1.2", "Review", 7],
            ],
          },
          { kind: "addTable", sheet: "Action Plan", range: "B2:D4", name: "ActionPlan" },
        ]);
        expect(report.changes[2]).toBe("Added the table \"ActionPlan\" at 'Action Plan'!B2:D4");
        const reopened = await again(workbook);
        const [sheet] = await reopened.listSheets();
        expect(sheet!.tables).toEqual([{ name: "ActionPlan", address: "B2:D4", headers: ["Ref", "Action", "2024"] }]);
        // A table's headers are text, as Excel makes them.
        expect((await readOne(reopened, "Action Plan")).values[0]).toEqual(["Ref", "Action", "2024"]);
      });

      it("refuses a duplicate name, an overlap, a range with no header row, and a blank or repeated header", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "S" },
          {
            kind: "write",
            sheet: "S",
            at: "A1",
            values: [
              ["A", "B", "", "A"],
              [1, 2, 3, 4],
              [5, 6, 7, 8],
            ],
          },
          {
            kind: "write",
            sheet: "S",
            at: "A10",
            values: [
              ["X", "Y"],
              [1, 2],
            ],
          },
          { kind: "addTable", sheet: "S", range: "A10:B11", name: "First" },
        ]);
        const refusals: [WorkbookOperation, RegExp][] = [
          [{ kind: "addTable", sheet: "S", range: "A1:B3", name: "first" }, /name "first" is already in use/],
          [{ kind: "addTable", sheet: "S", range: "B9:B11", name: "Second" }, /would overlap the table "First"/],
          [{ kind: "addTable", sheet: "S", range: "A5:B7", name: "Second" }, /has no header row/],
          [
            { kind: "addTable", sheet: "S", range: "A1:B1", name: "Second" },
            /needs a header row and at least one row beneath it/,
          ],
          [{ kind: "addTable", sheet: "S", range: "A1:C3", name: "Second" }, /needs a header in every column, and S!C1 is blank/],
          [{ kind: "addTable", sheet: "S", range: "A1:B3", name: "A1" }, /cannot be a table name/],
          [{ kind: "addTable", sheet: "S", range: "A1:B3", name: "Second", style: "Stripy" }, /not a table style/],
        ];
        await workbook.apply([
          {
            kind: "write",
            sheet: "S",
            at: "A20",
            values: [
              ["Same", "same "],
              [1, 2],
            ],
          },
        ]);
        refusals.push([{ kind: "addTable", sheet: "S", range: "A20:B21", name: "Second" }, /two columns headed "same"/]);
        for (const [op, message] of refusals) await expect(workbook.apply([op])).rejects.toThrow(message);
        const [sheet] = await workbook.listSheets();
        expect(sheet!.tables.map((t) => t.name)).toEqual(["First"]);
      });

      it("refuses a write in the row under or the column beside a table, which Excel would take into the table; a gap, or a write before the table is made, is fine", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "T" },
          { kind: "write", sheet: "T", at: "A1", values: [["Ref", "Amount"], ["1", 5], ["2", 7]] },
          // Under where the table will be, written first: Excel makes the table as addressed.
          { kind: "write", sheet: "T", at: "A4", values: [["Stated total", 12]] },
          { kind: "addTable", sheet: "T", range: "A1:B3", name: "Amounts" },
        ]);
        await expect(workbook.apply([{ kind: "write", sheet: "T", at: "B4", values: [[13]] }])).rejects.toThrow(
          /writing T!B4 would put values against the table "Amounts" at T!A1:B3, and Excel would take them into it: leave a blank row or column between them/,
        );
        await expect(workbook.apply([{ kind: "write", sheet: "T", at: "C2", values: [["note"]] }])).rejects.toThrow(/against the table "Amounts"/);
        // Blank cells, a cell past the corner, and cells a row or column further off are left alone.
        await workbook.apply([
          { kind: "write", sheet: "T", at: "A5", values: [[null, null, "far"]] },
          { kind: "write", sheet: "T", at: "D1", values: [["beyond the gap"]] },
          { kind: "write", sheet: "T", at: "C4", values: [["corner"]] },
        ]);
        const [sheet] = await workbook.listSheets();
        expect(sheet!.tables.map((t) => [t.name, t.address])).toEqual([["Amounts", "A1:B3"]]);
      });
    });

    describe("names, validation and formats", () => {
      it("adds a named range, list validations from a list and from the name, and a conditional fill", async () => {
        const workbook = await make();
        const report = await workbook.apply([
          { kind: "addSheet", name: "RAG Key" },
          { kind: "write", sheet: "RAG Key", at: "A1", values: [["Status"], ["Blue"], ["Green"], ["Amber"], ["Red"], ["Grey"]] },
          { kind: "namedRange", name: "RAGKey", sheet: "RAG Key", range: "A2:A6" },
          { kind: "addSheet", name: "Plan" },
          { kind: "listValidation", sheet: "Plan", range: "H2:H20", source: "=RAGKey" },
          { kind: "listValidation", sheet: "Plan", range: "I2:I3", source: ["Yes", "No"] },
          { kind: "listValidation", sheet: "Plan", range: "J2", source: "'RAG Key'!A2:A6" },
          { kind: "conditionalFill", sheet: "Plan", range: "H2:H20", text: "Green", fill: "#00B050", font: "#FFFFFF" },
          { kind: "conditionalFill", sheet: "Plan", range: "H2:H20", text: 'Say "Red"', fill: "#FF0000" },
        ]);
        expect(report.changes).toEqual([
          'Added sheet "RAG Key"',
          "Wrote 6 rows to 'RAG Key'!A1:A6",
          "Named 'RAG Key'!A2:A6 as RAGKey",
          'Added sheet "Plan"',
          "Limited Plan!H2:H20 to the values in RAGKey",
          'Limited Plan!I2:I3 to "Yes" or "No"',
          "Limited Plan!J2 to the values in 'RAG Key'!$A$2:$A$6",
          'Cells of Plan!H2:H20 reading "Green" are filled #00B050 with text in #FFFFFF',
          'Cells of Plan!H2:H20 reading "Say "Red"" are filled #FF0000',
        ]);
        const { inspect } = await again(workbook);
        expect(await inspect.namedRange("RAGKey")).toEqual({ sheet: "RAG Key", range: "A2:A6" });
        expect(await inspect.namedRange("ragkey")).toEqual({ sheet: "RAG Key", range: "A2:A6" });
        expect(await inspect.listValidation("Plan", "H2")).toBe("=RAGKey");
        expect(await inspect.listValidation("Plan", "H20")).toBe("=RAGKey");
        expect(await inspect.listValidation("Plan", "H21")).toBeNull();
        expect(await inspect.listValidation("Plan", "I3")).toEqual(["Yes", "No"]);
        expect(await inspect.listValidation("Plan", "J2")).toBe("='RAG Key'!$A$2:$A$6");
        expect(await inspect.conditionalFills("Plan")).toEqual([
          { range: "H2:H20", text: "Green", fill: "#00B050", font: "#FFFFFF" },
          { range: "H2:H20", text: 'Say "Red"', fill: "#FF0000" },
        ]);
      });

      it("refuses a name in use, a name like a cell, and a validation from a name that does not exist", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "S" },
          { kind: "namedRange", name: "Key", sheet: "S", range: "A1:A5" },
        ]);
        await expect(workbook.apply([{ kind: "namedRange", name: "KEY", sheet: "S", range: "B1" }])).rejects.toThrow(
          /"KEY" is already in use/,
        );
        await expect(workbook.apply([{ kind: "namedRange", name: "FY24", sheet: "S", range: "B1" }])).rejects.toThrow(
          /cannot be a name/,
        );
        await expect(workbook.apply([{ kind: "listValidation", sheet: "S", range: "C1", source: "=Nowhere" }])).rejects.toThrow(
          /no name "Nowhere"/,
        );
        await expect(workbook.apply([{ kind: "listValidation", sheet: "S", range: "C1", source: ["a,b"] }])).rejects.toThrow(
          /comma/,
        );
        expect(await workbook.inspect.listValidation("S", "C1")).toBeNull();
      });

      it("wraps long text in a range, top-aligned, leaving the cells around it alone", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "Notes" },
          { kind: "write", sheet: "Notes", at: "A1", values: [["Message", "Kind"], ["A long message that should wrap onto several lines", "Inferred"]] },
          { kind: "wrap", sheet: "Notes", range: "A2:A3" },
        ]);
        const { inspect } = await again(workbook);
        expect(await inspect.wrapped("Notes", "A2")).toBe(true);
        expect(await inspect.wrapped("Notes", "A3")).toBe(true);
        expect(await inspect.wrapped("Notes", "A1")).toBe(false);
        expect(await inspect.wrapped("Notes", "B2")).toBe(false);
        expect((await readOne(workbook, "Notes")).values[1]).toEqual(["A long message that should wrap onto several lines", "Inferred"]);
      });

      it("sets fonts, column widths and frozen panes", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "S" },
          { kind: "write", sheet: "S", at: "A1", values: [["Heading", "Other"]] },
          { kind: "font", sheet: "S", range: "A1", bold: true, colour: "#1f4e79" },
          { kind: "font", sheet: "S", range: "A1", italic: true },
          {
            kind: "columnWidths",
            sheet: "S",
            widths: [
              { column: "A", width: 30 },
              { column: "c", width: 12.5 },
            ],
          },
          { kind: "freeze", sheet: "S", rows: 1, columns: 2 },
        ]);
        const { inspect } = await again(workbook);
        expect(await inspect.font("S", "A1")).toEqual({ bold: true, italic: true, colour: "#1F4E79" });
        expect(await inspect.font("S", "B1")).toEqual({ bold: false, italic: false, colour: null });
        expect(await inspect.columnWidth("S", "A")).toBe(30);
        expect(await inspect.columnWidth("S", "C")).toBe(12.5);
        expect(await inspect.columnWidth("S", "B")).toBeNull();
        expect(await inspect.frozen("S")).toEqual({ rows: 1, columns: 2 });
        expect(await inspect.wrapped("S", "A1")).toBe(false);

        await workbook.apply([{ kind: "freeze", sheet: "S", rows: 0 }]);
        expect(await (await again(workbook)).inspect.frozen("S")).toEqual({ rows: 0, columns: 0 });
      });

      it("draws a line chart, or says plainly in its report that it cannot", async () => {
        const workbook = await make();
        const report = await workbook.apply([
          { kind: "addSheet", name: "Summary" },
          {
            kind: "write",
            sheet: "Summary",
            at: "A1",
            values: [
              ["", "24/25", "25/26"],
              ["Unmitigated", -10, -20],
              ["Mitigated", -10, -5],
            ],
          },
          {
            kind: "lineChart",
            sheet: "Summary",
            at: "E2",
            title: "Deficit path",
            categories: "B1:C1",
            series: [
              { name: "Unmitigated", values: "B2:C2" },
              { name: "Mitigated", values: "Summary!B3:C3" },
            ],
          },
        ]);
        const charts = await (await again(workbook)).inspect.charts("Summary");
        if (charts.length === 0) expect(report.changes[2]).toMatch(/^Chart not written: /);
        else expect(charts).toEqual([{ title: "Deficit path" }]);
      });
    });

    describe("all or nothing", () => {
      const bad: [string, WorkbookOperation, RegExp][] = [
        ["an unknown sheet", { kind: "write", sheet: "Nope", at: "A1", values: [[1]] }, /no sheet called "Nope"/],
        [
          "a bad address",
          { kind: "fill", sheet: "Data", range: "B2:ZZZZ9", colour: "#FF0000" },
          /"B2:ZZZZ9" is not a cell or range/,
        ],
        ["a bad colour", { kind: "fill", sheet: "Data", range: "B2", colour: "red" }, /#RRGGBB/],
        ["a blank sheet name", { kind: "addSheet", name: "  " }, /needs a name/],
        [
          "a value Excel cannot hold",
          { kind: "write", sheet: "Data", at: "A1", values: [[Number.NaN]] },
          /Data!A1 would hold NaN/,
        ],
        ["an object as a value", { kind: "write", sheet: "Data", at: "A1", values: [[{}]] }, /Data!A1 would hold an object/],
        ["a block off the sheet", { kind: "write", sheet: "Data", at: "XFD1", values: [[1, 2]] }, /would run off the sheet/],
        [
          "the wrong number of formats",
          { kind: "write", sheet: "Data", at: "A1", values: [[1, 2]], numberFormats: ["0"] },
          /1 number formats for 2 columns/,
        ],
        ["an unknown kind", { kind: "merge" } as unknown as WorkbookOperation, /"merge" is not an operation/],
      ];

      it.each(bad)("applies nothing when one operation has %s, and says which in one line", async (_what, op, message) => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "Data" },
          { kind: "write", sheet: "Data", at: "A1", values: [["kept"]] },
        ]);
        const before = { sheets: await workbook.listSheets(), reads: await workbook.readSheets() };
        const batch: WorkbookOperation[] = [
          { kind: "addSheet", name: "Extra" },
          { kind: "write", sheet: "Data", at: "A1", values: [["changed"]] },
          { kind: "fill", sheet: "Data", range: "A1", colour: "#FF0000" },
          op,
        ];
        const attempt = workbook.apply(batch);
        await expect(attempt).rejects.toThrow(message);
        await expect(attempt).rejects.toThrow(/^Nothing was changed: .*\(operation 4 of 4/);
        const error = await attempt.then(
          () => new Error("applied"),
          (e: unknown) => e as Error,
        );
        expect(error.message).not.toMatch(/\n/);
        expect(await workbook.listSheets()).toEqual(before.sheets);
        expect(await workbook.readSheets()).toEqual(before.reads);
      });

      it("checks each operation against the workbook as the earlier ones in the batch leave it", async () => {
        const workbook = await make();
        const report = await workbook.apply([
          { kind: "addSheet", name: "New" },
          { kind: "write", sheet: "New", at: "A1", values: [["Head"], ["x"]] },
          { kind: "addTable", sheet: "New", range: "A1:A2", name: "FirstTable" },
          { kind: "namedRange", name: "Heads", sheet: "New", range: "A1" },
          { kind: "listValidation", sheet: "New", range: "B2", source: "=Heads" },
        ]);
        expect(report.changes).toHaveLength(5);
        await expect(
          workbook.apply([
            { kind: "addTable", sheet: "New", range: "C1:C2", name: "SecondTable" },
            { kind: "write", sheet: "New", at: "C1", values: [["Later"], [1]] },
          ]),
        ).rejects.toThrow(/no header row/);
      });
    });

    describe("selecting", () => {
      it("selects a cell on a sheet, and refuses a sheet or address that does not exist", async () => {
        const workbook = await make();
        await workbook.apply([
          { kind: "addSheet", name: "One" },
          { kind: "addSheet", name: "Two" },
        ]);
        await expect(workbook.select("Three", "A1")).rejects.toThrow(/no sheet called "Three"/);
        await expect(workbook.select("Two", "A0")).rejects.toThrow(/"A0" .*not a cell or range/);
        await workbook.select("two", "C7");
        expect(await (await again(workbook)).inspect.activeCell()).toEqual({ sheet: "Two", cell: "C7" });
      });
    });
  });
}
