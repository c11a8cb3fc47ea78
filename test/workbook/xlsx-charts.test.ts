/*
 * Native line charts from the xlsx adapter: written through XlsxWorkbook, then checked three ways:
 * exceljs still reads the file (data and tables intact), the zip holds chart, drawing and
 * relationship parts that point at each other with the right formulas and cached values, and
 * LibreOffice (where installed) prints the chart. The PDF and a PNG of each page are kept in
 * test-results/xlsx-charts/ for a person to look at.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsx";
import { escapeXml, withDrawingElement } from "../../src/adapters/xlsx/charts";
import { office, pdftoppm, pdftotext } from "../helpers/tools";

const OUT = join(__dirname, "..", "..", "test-results", "xlsx-charts");

let dir: string;
let path: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hnb-xlsx-charts-"));
  path = join(dir, "charts.xlsx");
  const xlsx = await XlsxWorkbook.create();
  const report = await xlsx.apply([
    { kind: "addSheet", name: "DSG Budget" },
    { kind: "addSheet", name: "Ken's Summary" },
    {
      kind: "write",
      sheet: "DSG Budget",
      at: "A1",
      values: [
        ["Line", "£000"],
        ["Top-up", 900],
        ["Places", 400],
      ],
    },
    { kind: "addTable", sheet: "DSG Budget", range: "A1:B3", name: "Lines" },
    {
      kind: "write",
      sheet: "DSG Budget",
      at: "A10",
      values: [
        ["£000", "2024/25", "2025/26", "2026/27", "2027/28", "2028/29"],
        ["Unmitigated", -1200, -2650, -4450, "=E11-2000", null],
        ["Mitigated & <recovered>", -1200, -2100, -2900, -3300, -3400],
      ],
      formulas: true,
    },
    {
      kind: "lineChart",
      sheet: "Ken's Summary",
      at: "B2",
      title: "Deficit path: Ken's <plan> & recovery",
      categories: "'DSG Budget'!B10:F10",
      series: [
        { name: "Unmitigated", values: "'DSG Budget'!B11:F11" },
        { name: "Mitigated & <recovered>", values: "'DSG Budget'!B12:F12" },
      ],
    },
    {
      kind: "lineChart",
      sheet: "DSG Budget",
      at: "H2",
      title: "Budget lines",
      categories: "A2:A3",
      series: [{ name: "Spend", values: "B2:B3" }],
    },
  ]);
  xlsx.setCachedValues("DSG Budget", "E11", [[-6450]]);
  expect(report.changes[5]).toBe(`Drew the line chart "Deficit path: Ken's <plan> & recovery" at 'Ken''s Summary'!B2, with 2 series`);
  await xlsx.save(path);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`the file has no ${name}`);
  return file.async("string");
}

describe("line charts in the xlsx file", () => {
  it("leaves a file exceljs reads, with its data and tables", async () => {
    const raw = new Workbook();
    await raw.xlsx.readFile(path);
    const budget = raw.getWorksheet("DSG Budget")!;
    expect(budget.getCell("B2").value).toBe(900);
    expect(budget.getCell("C10").value).toBe("2025/26");
    expect(budget.getCell("E11").value).toEqual({ formula: "E11-2000", result: -6450 });
    expect(Object.keys((budget as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["Lines"]);
  });

  it("adds chart, drawing and relationship parts that point at each other", async () => {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const types = await part(zip, "[Content_Types].xml");
    const workbook = await part(zip, "xl/workbook.xml");
    const workbookRels = await part(zip, "xl/_rels/workbook.xml.rels");
    // Ken's Summary is the second sheet: find its part as a reader would.
    const rid = /<sheet [^>]*name="Ken&apos;s Summary"[^>]*r:id="(rId\d+)"|<sheet [^>]*r:id="(rId\d+)"[^>]*name="Ken&apos;s Summary"/.exec(workbook);
    expect(rid).not.toBeNull();
    const target = new RegExp(`Id="${rid![1] ?? rid![2]}"[^>]*Target="([^"]+)"`).exec(workbookRels)![1]!;
    const sheetPart = `xl/${target}`;
    const sheetXml = await part(zip, sheetPart);
    const sheetRels = await part(zip, sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels");
    const drawingRid = /<drawing r:id="(rId\d+)"\/>/.exec(sheetXml)![1]!;
    const drawingTarget = new RegExp(`Id="${drawingRid}" Type="[^"]*/drawing" Target="\\.\\./drawings/(drawing\\d+\\.xml)"`).exec(sheetRels)![1]!;
    const drawing = await part(zip, `xl/drawings/${drawingTarget}`);
    const drawingRels = await part(zip, `xl/drawings/_rels/${drawingTarget}.rels`);
    expect(drawing).toContain("<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>");
    expect(drawing).toContain("<xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row>");
    const chartRid = /<c:chart [^>]*r:id="(rId\d+)"\/>/.exec(drawing)![1]!;
    const chartTarget = new RegExp(`Id="${chartRid}" Type="[^"]*/chart" Target="\\.\\./charts/(chart\\d+\\.xml)"`).exec(drawingRels)![1]!;
    const chart = await part(zip, `xl/charts/${chartTarget}`);
    expect(types).toContain(`<Override PartName="/xl/charts/${chartTarget}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
    expect(types).toContain(`<Override PartName="/xl/drawings/${drawingTarget}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);

    // Title, names, formulas and caches, escaped.
    expect(chart).toContain("<a:t>Deficit path: Ken&apos;s &lt;plan&gt; &amp; recovery</a:t>");
    expect(chart).toContain("<c:tx><c:v>Mitigated &amp; &lt;recovered&gt;</c:v></c:tx>");
    expect(chart).toContain("<c:f>&apos;DSG Budget&apos;!$B$10:$F$10</c:f>");
    expect(chart).toContain("<c:f>&apos;DSG Budget&apos;!$B$11:$F$11</c:f>");
    expect(chart).toContain(
      '<c:strCache><c:ptCount val="5"/><c:pt idx="0"><c:v>2024/25</c:v></c:pt><c:pt idx="1"><c:v>2025/26</c:v></c:pt>',
    );
    // The formula's cached result is in the cache; the empty cell is a gap.
    expect(chart).toContain(
      '<c:ptCount val="5"/><c:pt idx="0"><c:v>-1200</c:v></c:pt><c:pt idx="1"><c:v>-2650</c:v></c:pt>' +
        '<c:pt idx="2"><c:v>-4450</c:v></c:pt><c:pt idx="3"><c:v>-6450</c:v></c:pt></c:numCache>',
    );
    expect(chart.match(/<c:ser>/g)).toHaveLength(2);
    expect(chart).toMatch(/<c:catAx><c:axId val="(\d+)"\/>[\s\S]*<c:crossAx val="(\d+)"\/>[\s\S]*<c:valAx>/);
    expect(chart).toContain("<c:legend>");

    // The sheet with a table keeps it, and gets its drawing before tableParts.
    const budgetRid = /<sheet [^>]*name="DSG Budget"[^>]*r:id="(rId\d+)"/.exec(workbook)![1]!;
    const budgetPart = `xl/${new RegExp(`Id="${budgetRid}"[^>]*Target="([^"]+)"`).exec(workbookRels)![1]!}`;
    const budgetXml = await part(zip, budgetPart);
    const budgetRels = await part(zip, budgetPart.replace("worksheets/", "worksheets/_rels/") + ".rels");
    expect(budgetRels).toMatch(/Type="[^"]*\/table"/);
    expect(budgetRels).toMatch(/Type="[^"]*\/drawing"/);
    expect(budgetXml.indexOf("<drawing ")).toBeGreaterThan(budgetXml.indexOf("<pageSetup"));
    expect(budgetXml.indexOf("<drawing ")).toBeLessThan(budgetXml.indexOf("<tableParts"));
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);
  });

  it("keeps its charts when the file is opened, changed and saved again", async () => {
    const again = await XlsxWorkbook.open(path);
    expect(again.charts.map((c) => [c.sheet, c.title, c.series.length])).toEqual([
      ["DSG Budget", "Budget lines", 1],
      ["Ken's Summary", "Deficit path: Ken's <plan> & recovery", 2],
    ]);
    await again.apply([{ kind: "write", sheet: "DSG Budget", at: "C12", values: [[-2000]] }]);
    const resaved = join(dir, "resaved.xlsx");
    await again.save(resaved);
    const zip = await JSZip.loadAsync(readFileSync(resaved));
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
        .map((f) => part(zip, f)),
    );
    expect(charts).toHaveLength(2);
    expect(charts.join("")).toContain('<c:pt idx="1"><c:v>-2000</c:v></c:pt>');
  });

  it("puts the drawing element where CT_Worksheet wants it", () => {
    const root = '<worksheet xmlns="m" xmlns:r="r">';
    expect(withDrawingElement(`${root}<sheetData/><pageMargins/><headerFooter/><legacyDrawing r:id="x"/></worksheet>`, "rId9")).toBe(
      `${root}<sheetData/><pageMargins/><headerFooter/><drawing r:id="rId9"/><legacyDrawing r:id="x"/></worksheet>`,
    );
    expect(withDrawingElement(`${root}<sheetData/><pageMargins/></worksheet>`, "rId1")).toBe(
      `${root}<sheetData/><pageMargins/><drawing r:id="rId1"/></worksheet>`,
    );
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});

const printTitle = office
  ? `LibreOffice prints the chart (${office})`
  : "LibreOffice prints the chart — SKIPPED: neither libreoffice nor soffice is on PATH (apt-get install libreoffice-calc poppler-utils)";
if (!office) console.warn(`Skipping the LibreOffice part of xlsx-charts: ${printTitle.replace(/^.*SKIPPED: /, "")}`);

(office && pdftotext ? describe : describe.skip)(printTitle, () => {
  it("shows the chart's title on the printed page", () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const run = spawnSync(
      office!,
      [`-env:UserInstallation=file://${join(OUT, "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", OUT, path],
      { encoding: "utf8", timeout: 180_000 },
    );
    const pdf = join(OUT, "charts.pdf");
    if (run.status !== 0 || !existsSync(pdf)) throw new Error(`LibreOffice did not convert (status ${run.status}): ${run.stderr || run.stdout}`);
    if (pdftoppm) spawnSync(pdftoppm, ["-png", "-r", "70", pdf, join(OUT, "page")]);
    // A long title wraps onto two lines on the page.
    const text = spawnSync(pdftotext!, ["-layout", pdf, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    expect(text).toContain("Deficit path: Ken's <plan> & recovery");
    expect(text).toContain("Budget lines");
    expect(text).toContain("Mitigated & <recovered>");
    if (pdftoppm) expect(readdirSync(OUT).some((f) => f.endsWith(".png"))).toBe(true);
  }, 200_000);
});
