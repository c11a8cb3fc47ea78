import { existsSync, mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import type { ConditionalFormattingRule, DataValidation, Worksheet } from "exceljs";
import type { SheetGrid } from "../../src/core/table/types";
import { formatAddress, parseAddress, parseReference } from "../../src/port/a1";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsx";
import { readWorkbookGrids } from "../../src/adapters/xlsx/file";
import { describeWorkbookContract, type ContractWorkbook } from "./contract";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-xlsx-adapter-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let saved = 0;

/** The hooks the contract reads through, over the exceljs model the adapter keeps. */
function contractWorkbook(xlsx: XlsxWorkbook): ContractWorkbook {
  const book = xlsx.workbook;
  const sheet = (name: string): Worksheet => {
    const found = book.worksheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const hex = (argb: unknown) => (typeof argb === "string" ? `#${argb.slice(-6).toUpperCase()}` : null);
  return Object.assign(xlsx, {
    async reopen() {
      const path = join(dir, `reopen-${++saved}.xlsx`);
      await xlsx.save(path);
      return contractWorkbook(await XlsxWorkbook.open(path));
    },
    inspect: {
      async namedRange(name: string) {
        const named = book.definedNames.model.find((n) => n.name.toLowerCase() === name.toLowerCase());
        const ref = named?.ranges[0] ? parseReference(named.ranges[0]) : null;
        return ref?.sheet ? { sheet: ref.sheet, range: formatAddress(ref.range) } : null;
      },
      async listValidation(name: string, cell: string) {
        const model = (sheet(name) as unknown as { dataValidations: { model: Record<string, DataValidation | undefined> } })
          .dataValidations.model;
        const target = parseAddress(cell)!;
        // exceljs keeps one entry per cell, or per range where one was added whole.
        const entry = Object.entries(model).find(([address, v]) => {
          const range = parseAddress(address);
          return (
            v &&
            range &&
            range.top <= target.top &&
            target.top <= range.bottom &&
            range.left <= target.left &&
            target.left <= range.right
          );
        })?.[1];
        if (!entry || entry.type !== "list") return null;
        const formula = String(entry.formulae[0]);
        if (!formula.startsWith('"')) return `=${formula}`;
        return formula
          .slice(1, -1)
          .split(",")
          .map((v) => v.replace(/""/g, '"'));
      },
      async conditionalFills(name: string) {
        const formats = (
          sheet(name) as unknown as { conditionalFormattings: { ref: string; rules: ConditionalFormattingRule[] }[] }
        ).conditionalFormattings;
        return formats.flatMap((cf) =>
          cf.rules.flatMap((rule) => {
            const formula = rule.type === "expression" ? String(rule.formulae?.[0] ?? "") : "";
            const m = /^\$?[A-Z]+\$?\d+="((?:[^"]|"")*)"$/.exec(formula);
            if (!m) return [];
            const fill = rule.style?.fill;
            const colour = fill && fill.type === "pattern" ? hex(fill.bgColor?.argb ?? fill.fgColor?.argb) : null;
            const font = hex(rule.style?.font?.color?.argb);
            return [{ range: cf.ref, text: m[1]!.replace(/""/g, '"'), fill: colour ?? "", ...(font ? { font } : {}) }];
          }),
        );
      },
      async frozen(name: string) {
        const view = sheet(name).views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
        return view?.state === "frozen" ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : { rows: 0, columns: 0 };
      },
      async activeCell() {
        const tab = book.views[0]?.activeTab;
        const active = tab === undefined ? undefined : book.worksheets[tab];
        const cell = active?.views[0]?.activeCell;
        return active && cell ? { sheet: active.name, cell } : null;
      },
      async font(name: string, cell: string) {
        const font = sheet(name).getCell(cell).font;
        return { bold: font?.bold ?? false, italic: font?.italic ?? false, colour: hex(font?.color?.argb) };
      },
      async wrapped(name: string, cell: string) {
        const alignment = sheet(name).getCell(cell).alignment;
        return alignment?.wrapText === true && alignment.vertical === "top";
      },
      async columnWidth(name: string, column: string) {
        return sheet(name).getColumn(column).width ?? null;
      },
      async charts(name: string) {
        // The charts `save` draws; a reopened workbook holds those read back from the file.
        return xlsx.charts.filter((c) => c.sheet.toLowerCase() === name.toLowerCase()).map((c) => ({ title: c.title }));
      },
    },
  });
}

/** A new workbook holding the seed grids, written through the port itself. */
async function seeded(seed?: SheetGrid[]): Promise<ContractWorkbook> {
  const xlsx = await XlsxWorkbook.create();
  for (const grid of seed ?? []) {
    const report = await xlsx.apply([{ kind: "addSheet", name: grid.name }]);
    const name = report.sheetsAdded[0]!;
    const origin = grid.origin ?? { row: 0, column: 0 };
    const at = formatAddress({ top: origin.row, left: origin.column, bottom: origin.row, right: origin.column });
    await xlsx.apply([{ kind: "write", sheet: name, at, values: grid.values }]);
    const fills = (grid.fills ?? []).flatMap((row, r) =>
      row.flatMap((colour, c) => {
        if (!colour) return [];
        const cell = { top: origin.row + r, left: origin.column + c, bottom: origin.row + r, right: origin.column + c };
        return [{ kind: "fill" as const, sheet: name, range: formatAddress(cell), colour }];
      }),
    );
    await xlsx.apply(fills);
  }
  return contractWorkbook(xlsx);
}

describeWorkbookContract("xlsx", seeded);

// ---------------------------------------------------------------------------------------------

async function exceljsFile(name: string, build: (workbook: Workbook) => void): Promise<string> {
  const workbook = new Workbook();
  build(workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe("the xlsx workbook", () => {
  it("reads values and fills exactly as readWorkbookGrids does, with formats and formulas besides", async () => {
    const path = await exceljsFile("read.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("Budget");
      sheet.getCell("C5").value = "Line";
      sheet.getCell("D5").value = 1200;
      sheet.getCell("D5").numFmt = "£#,##0;(£#,##0)";
      sheet.getCell("D6").value = { formula: "D5*2", result: 2400 };
      sheet.getCell("E6").value = { formula: "D5/0" } as never;
      sheet.getCell("F7").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } };
    });
    const grids = await readWorkbookGrids(path);
    const [read] = await (await XlsxWorkbook.open(path)).readSheets();
    expect(read!.origin).toEqual(grids[0]!.origin);
    expect(read!.fills).toEqual(grids[0]!.fills);
    // The same values, but a formula without a cached result reads as null: its text is in `formulas`.
    expect(read!.values).toEqual([
      ["Line", 1200, null, null],
      [null, 2400, null, null],
      [null, null, null, null],
    ]);
    expect(grids[0]!.values[1]).toEqual([null, 2400, "=D5/0", null]);
    expect(read!.formulas[1]).toEqual([null, "=D5*2", "=D5/0", null]);
    expect(read!.numberFormats[0]).toEqual(["General", "£#,##0;(£#,##0)", "General", "General"]);
  });

  it("formats one cell of a file without changing the cells that shared its style", async () => {
    const path = await exceljsFile("shared-style.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("S");
      for (const address of ["A1", "A2", "A3"]) {
        sheet.getCell(address).value = 1;
        sheet.getCell(address).numFmt = "0.00";
      }
    });
    const xlsx = await XlsxWorkbook.open(path);
    await xlsx.apply([
      { kind: "numberFormat", sheet: "S", range: "A2", format: "£#,##0" },
      { kind: "fill", sheet: "S", range: "A3", colour: "#00B050" },
    ]);
    const [read] = await xlsx.readSheets();
    expect(read!.numberFormats).toEqual([["0.00"], ["£#,##0"], ["0.00"]]);
    expect(read!.fills).toEqual([[null], [null], ["#00B050"]]);
  });

  it("keeps a table's cell formats and formulas when it makes the cells a table", async () => {
    const xlsx = await XlsxWorkbook.create();
    await xlsx.apply([
      { kind: "addSheet", name: "S" },
      {
        kind: "write",
        sheet: "S",
        at: "A1",
        values: [
          ["Amount", "Double"],
          [5, "=A2*2"],
        ],
        formulas: true,
        numberFormats: ["£#,##0", ""],
      },
      { kind: "addTable", sheet: "S", range: "A1:B2", name: "Amounts" },
    ]);
    const path = join(dir, "table.xlsx");
    await xlsx.save(path);
    const [read] = await (await XlsxWorkbook.open(path)).readSheets();
    expect(read!.formulas).toEqual([
      [null, null],
      [null, "=A2*2"],
    ]);
    expect(read!.numberFormats[1]).toEqual(["£#,##0", "General"]);
  });

  it("writes formulas without their = and text as text, in the file itself", async () => {
    const xlsx = await XlsxWorkbook.create();
    await xlsx.apply([
      { kind: "addSheet", name: "S" },
      { kind: "write", sheet: "S", at: "A1", values: [["=1+1"]] },
      { kind: "write", sheet: "S", at: "B1", values: [["=1+1"]], formulas: true },
    ]);
    const path = join(dir, "formulas.xlsx");
    await xlsx.save(path);
    const raw = new Workbook();
    await raw.xlsx.readFile(path);
    expect(raw.getWorksheet("S")!.getCell("A1").value).toBe("=1+1");
    expect(raw.getWorksheet("S")!.getCell("B1").value).toEqual({ formula: "1+1" });
  });

  it("stores calculated results as formulas' cached values, so the file shows figures", async () => {
    const xlsx = await XlsxWorkbook.create();
    await xlsx.apply([
      { kind: "addSheet", name: "S" },
      { kind: "write", sheet: "S", at: "A1", values: [["=HNB.RAG(B1)", "=1/0", "=2+2", "text"]], formulas: true },
    ]);
    xlsx.setCachedValues("S", "A1", [["Green", "#DIV/0!", null, "not a formula"]]);
    const path = join(dir, "cached.xlsx");
    await xlsx.save(path);
    const [read] = await (await XlsxWorkbook.open(path)).readSheets();
    expect(read!.values).toEqual([["Green", "#DIV/0!", null, "text"]]);
    expect(read!.formulas).toEqual([["=HNB.RAG(B1)", "=1/0", "=2+2", null]]);
  });

  it("reports the chart it will draw", async () => {
    const xlsx = await XlsxWorkbook.create();
    const report = await xlsx.apply([
      { kind: "addSheet", name: "Summary" },
      {
        kind: "lineChart",
        sheet: "Summary",
        at: "H2",
        title: "Deficit path",
        categories: "B1:F1",
        series: [{ name: "Unmitigated", values: "B2:F2" }],
      },
    ]);
    expect(report.changes[1]).toBe('Drew the line chart "Deficit path" at Summary!H2, with 1 series');
  });

  it("makes the selected sheet the only selected tab and the active one", async () => {
    const xlsx = await XlsxWorkbook.create();
    await xlsx.apply([
      { kind: "addSheet", name: "One" },
      { kind: "addSheet", name: "Two" },
      { kind: "freeze", sheet: "Two", rows: 1 },
    ]);
    await xlsx.select("One", "B2");
    await xlsx.select("Two", "D4:E9");
    // exceljs writes tabSelected but does not read it back, so the marks are checked before saving.
    expect(xlsx.workbook.worksheets.map((s) => (s.views[0] as { tabSelected?: boolean }).tabSelected)).toEqual([false, true]);
    const path = join(dir, "select.xlsx");
    await xlsx.save(path);
    const raw = new Workbook();
    await raw.xlsx.readFile(path);
    expect(raw.views[0]!.activeTab).toBe(1);
    expect(raw.worksheets[1]!.views[0]).toMatchObject({ state: "frozen", ySplit: 1, activeCell: "D4" });
  });

  it("saves through a temporary file, leaving only the workbook behind", async () => {
    const out = mkdtempSync(join(dir, "save-"));
    const xlsx = await XlsxWorkbook.create();
    await xlsx.apply([{ kind: "addSheet", name: "S" }]);
    await xlsx.save(join(out, "book.xlsx"));
    expect(readdirSync(out)).toEqual(["book.xlsx"]);
    await expect(xlsx.save(join(out, "missing", "book.xlsx"))).rejects.toThrow();
    expect(existsSync(join(out, "missing"))).toBe(false);
  });
});
