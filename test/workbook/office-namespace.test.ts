/*
 * A development build registers its functions as HNBDEV.RAG, so it can be installed beside the
 * production add-in (HNB.RAG). The add-in writes every formula in HNB (templates, import checks,
 * re-entered formulas); the office adapter moves them into the build's namespace on the way into
 * Excel and back on the way out, so what the pane writes calculates in the build that wrote it
 * and everything above the adapter reads HNB as ever.
 */
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { moveNamespace } from "../../src/formulas";
import { FakeExcel } from "./office-fake";

describe("moveNamespace", () => {
  it("moves each known HNB call, in the form it is written, and nothing else", () => {
    expect(moveNamespace('=IF(HNB.OVERDUE(G5,H5,ReportDate,RAGKey),"Yes","No")', "HNB", "HNBDEV")).toBe('=IF(HNBDEV.OVERDUE(G5,H5,ReportDate,RAGKey),"Yes","No")');
    expect(moveNamespace("=_xldudf_HNB_RAG(F2)+hnb.money(B1)", "HNB", "HNBDEV")).toBe("=_xldudf_HNBDEV_RAG(F2)+HNBDEV.MONEY(B1)");
    // Text, unknown functions and names that only start alike are left alone.
    expect(moveNamespace('="HNB.RAG(F2)"&HNB.FOO(1)&HNBX.RAG(2)&SUM(HNB.RAG)', "HNB", "HNBDEV")).toBe('="HNB.RAG(F2)"&HNB.FOO(1)&HNBX.RAG(2)&SUM(HNB.RAG)');
  });

  it("moves back what it moved, and never mistakes one namespace for the other", () => {
    const formula = "=HNB.CORKSCREW(B3:F3,B4:F6,B7:F7)-_xldudf_HNB_MONEY(A1)";
    const dev = moveNamespace(formula, "HNB", "HNBDEV");
    expect(moveNamespace(dev, "HNBDEV", "HNB")).toBe(formula);
    // A production formula read by a development build stays as it is.
    expect(moveNamespace(formula, "HNBDEV", "HNB")).toBe(formula);
    expect(moveNamespace(dev, "HNB", "HNBDEV")).toBe(dev);
  });
});

describe("the office adapter in a development build (namespace HNBDEV)", () => {
  const operations = [
    { kind: "addSheet" as const, name: "Checks" },
    { kind: "write" as const, sheet: "Checks", at: "A1", values: [["Green", "=HNB.RAG(A1)", '=IF(HNB.RAGCHECK(A1:A1),"ok","no")', "=SUM(1,2)"]], formulas: true },
  ];

  it("writes the add-in's formulas in its own namespace, and reads them back in HNB", async () => {
    const excel = new FakeExcel();
    const workbook = new OfficeWorkbook(excel.run, { namespace: "HNBDEV" });
    await workbook.apply(operations);
    const sheet = excel.sheet("Checks")!;
    expect([1, 2, 3].map((c) => sheet.cell(0, c)!.formula)).toEqual(["=HNBDEV.RAG(A1)", '=IF(HNBDEV.RAGCHECK(A1:A1),"ok","no")', "=SUM(1,2)"]);
    const [read] = await workbook.readSheets(["Checks"]);
    expect(read!.formulas[0]).toEqual([null, "=HNB.RAG(A1)", '=IF(HNB.RAGCHECK(A1:A1),"ok","no")', "=SUM(1,2)"]);
  });

  it("leaves them as written in production, its default", async () => {
    const excel = new FakeExcel();
    await new OfficeWorkbook(excel.run).apply(operations);
    expect(excel.sheet("Checks")!.cell(0, 1)!.formula).toBe("=HNB.RAG(A1)");
  });
});
