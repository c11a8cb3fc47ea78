/**
 * Native Excel line charts for the xlsx adapter. exceljs cannot write charts, so the file it
 * writes is opened as the zip it is and the chart parts are added by hand:
 *
 *   xl/charts/chartN.xml                  c:chartSpace with one c:lineChart, cached values included
 *   xl/drawings/drawingN.xml (+ _rels)    xdr:wsDr with a twoCellAnchor per chart on the sheet
 *   xl/worksheets/_rels/sheetK.xml.rels   the sheet's link to its drawing (tables etc. kept)
 *   xl/worksheets/sheetK.xml              <drawing r:id="…"/> where CT_Worksheet wants it
 *   [Content_Types].xml                   overrides for the chart and drawing parts
 *
 * `readLineCharts` reads back line charts drawn this way (or by Excel, when laid out alike), so
 * a workbook opened, changed and saved again keeps them: exceljs drops charts when it reads.
 * Pure string building over jszip; Node only, like the rest of the xlsx adapter.
 */
import { maxOf } from "../../core";
import type JSZip from "jszip";
import { absoluteAddress, parseReference, quoteSheet, type Rect } from "../../port";

/** A reference to a block of cells on a named sheet. */
export interface ChartReference {
  sheet: string;
  range: Rect;
}

/** A line chart as the adapter keeps it until the file is written. */
export interface LineChartSpec {
  sheet: string;
  /** The cell under the chart's top-left corner, 0-based. */
  at: { row: number; column: number };
  title: string;
  categories: ChartReference;
  series: { name: string; values: ChartReference }[];
}

/** A cell as the chart's caches need it: its value as read (a formula's cached result) and its number format. */
export type ChartCellReader = (sheet: string, row: number, column: number) => { value: unknown; format: string };

/** How far a chart reaches from its anchor cell. */
export const CHART_COLUMNS = 8;
export const CHART_ROWS = 16;

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  officeRels: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingml: "http://schemas.openxmlformats.org/drawingml/2006/main",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
const REL_DRAWING = `${NS.officeRels}/drawing`;
const REL_CHART = `${NS.officeRels}/chart`;
const REL_WORKSHEET = `${NS.officeRels}/worksheet`;
const TYPE_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const TYPE_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * CT_Worksheet's children that come after <drawing>, in schema order: the drawing element goes
 * before the first of these the sheet has (after pageMargins, pageSetup, headerFooter, breaks…).
 */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

// ---------------------------------------------------------------------------------------------
// XML helpers

/** Text or an attribute value as XML needs it; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these at all.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#")
      return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity]!;
  });
}

/** The attributes of one start tag, unescaped, by their qualified names. */
function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  // The name starts where a run of name characters does: a match never starts mid-run (if one
  // did, the run's earlier characters would have matched first), and the look-behind stops the
  // search rescanning a long run that has no "=" after it from each of its characters.
  for (const m of tag.matchAll(/(?<![\w:.-])([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) found[m[1]!] = unescapeXml(m[3] ?? m[4] ?? "");
  return found;
}

/** Start tags (or empty elements) named `name`, with any prefix or none. */
function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*>`, "g"))].map((m) => m[0]);
}

/** The content of the first element named `name` (any prefix), or null. */
function inner(xml: string, name: string): string | null {
  const m = new RegExp(`<((?:[\\w.-]+:)?${name})(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</\\1>)`).exec(xml);
  return m ? (m[2] ?? "") : null;
}

/** The Id → Target of a relationships part. */
function relationships(xml: string | null): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  return tags(xml, "Relationship").map((tag) => {
    const a = attributes(tag);
    return { id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" };
  });
}

/** A relationship's target as a part name in the zip ("xl/worksheets/sheet1.xml"), from the folder of its source. */
function resolvePart(fromFolder: string, target: string): string {
  const parts = target.startsWith("/") ? [] : fromFolder.split("/").filter(Boolean);
  for (const piece of target.replace(/^\//, "").split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A path to `to` relative to the folder of `from`, both part names. */
function relativeTarget(from: string, to: string): string {
  const a = folderOf(from).split("/").filter(Boolean);
  const b = to.split("/");
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}

function nextRelId(rels: { id: string }[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function addRelationship(xml: string | null, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${escapeXml(id)}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  if (!xml) return `${XML_HEAD}<Relationships xmlns="${NS.rels}">${rel}</Relationships>`;
  if (/<Relationships[^>]*\/>/.test(xml)) return xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return xml.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`);
}

async function text(zip: JSZip, part: string): Promise<string | null> {
  const file = zip.file(part);
  return file ? file.async("string") : null;
}

/** Sheet name → its part ("xl/worksheets/sheet1.xml"), through xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const rels = relationships(await text(zip, "xl/_rels/workbook.xml.rels"));
  const parts = new Map<string, string>();
  for (const tag of tags(workbook, "sheet")) {
    const a = attributes(tag);
    const rel = rels.find((r) => r.id === a["r:id"] && r.type === REL_WORKSHEET);
    if (a.name !== undefined && rel) parts.set(a.name.toLowerCase(), resolvePart("xl/", rel.target));
  }
  return parts;
}

function freeNumber(zip: JSZip, pattern: (n: number) => string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const part = pattern(n);
    if (!zip.file(part) && !taken.has(part)) {
      taken.add(part);
      return part;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A reference as a chart formula keeps it: "'DSG Budget'!$B$10:$F$10". */
export function chartFormula(ref: ChartReference): string {
  return `${quoteSheet(ref.sheet)}!${absoluteAddress(ref.range)}`;
}

/** The cells of a block, row by row: a row or a column, as chart ranges are. */
function cellsOf(range: Rect): { row: number; column: number }[] {
  const cells: { row: number; column: number }[] = [];
  for (let row = range.top; row <= range.bottom; row++)
    for (let column = range.left; column <= range.right; column++) cells.push({ row, column });
  return cells;
}

function displayText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function points(values: (string | null)[]): string {
  return (
    `<c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`)).join("")
  );
}

function categoryXml(ref: ChartReference, read: ChartCellReader): string {
  const cells = cellsOf(ref.range).map((c) => read(ref.sheet, c.row, c.column));
  const f = `<c:f>${escapeXml(chartFormula(ref))}</c:f>`;
  const numeric = cells.every((c) => typeof c.value === "number");
  if (numeric) {
    const format = cells[0]?.format || "General";
    return `<c:cat><c:numRef>${f}<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode>${points(
      cells.map((c) => String(c.value)),
    )}</c:numCache></c:numRef></c:cat>`;
  }
  return `<c:cat><c:strRef>${f}<c:strCache>${points(cells.map((c) => displayText(c.value)))}</c:strCache></c:strRef></c:cat>`;
}

function valuesXml(ref: ChartReference, read: ChartCellReader): { xml: string; format: string } {
  const cells = cellsOf(ref.range).map((c) => read(ref.sheet, c.row, c.column));
  const format = cells.find((c) => typeof c.value === "number")?.format || "General";
  const numbers = cells.map((c) => (typeof c.value === "number" && Number.isFinite(c.value) ? String(c.value) : null));
  const xml = `<c:val><c:numRef><c:f>${escapeXml(chartFormula(ref))}</c:f><c:numCache><c:formatCode>${escapeXml(
    format,
  )}</c:formatCode>${points(numbers)}</c:numCache></c:numRef></c:val>`;
  return { xml, format };
}

const CAT_AXIS = 500000001;
const VAL_AXIS = 500000002;

/** xl/charts/chartN.xml for one line chart, its caches filled from `read`. */
export function chartXml(chart: LineChartSpec, read: ChartCellReader): string {
  let valueFormat = "General";
  const series = chart.series
    .map((s, i) => {
      const values = valuesXml(s.values, read);
      if (i === 0) valueFormat = values.format;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
        `${categoryXml(chart.categories, read)}${values.xml}<c:smooth val="0"/></c:ser>`
      );
    })
    .join("");
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" b="1"/><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const categoryAxis =
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    // "low": the labels stay at the bottom when the values run below zero, as deficits do.
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${VAL_AXIS}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valueAxis =
    `<c:valAx><c:axId val="${VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CAT_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingml}" xmlns:r="${NS.officeRels}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>` +
    `<c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/></c:lineChart>${categoryAxis}${valueAxis}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>` +
    `<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** One xdr:twoCellAnchor holding a chart: from the anchor cell, CHART_COLUMNS wide and CHART_ROWS tall. */
export function anchorXml(chart: LineChartSpec, relId: string, shapeId: number): string {
  const corner = (row: number, column: number) =>
    `<xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${corner(chart.at.row, chart.at.column)}</xdr:from>` +
    `<xdr:to>${corner(chart.at.row + CHART_ROWS, chart.at.column + CHART_COLUMNS)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId - 1}" ` +
    `descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>` +
    `<a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.officeRels}" r:id="${escapeXml(relId)}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The sheet XML with <drawing r:id="…"/> in the place CT_Worksheet gives it. */
export function withDrawingElement(sheetXml: string, relId: string): string {
  const element = `<drawing r:id="${escapeXml(relId)}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${name}(?=[\\s/>])`).exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("The sheet's XML has no </worksheet>.");
  let xml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
  // r: must be declared on the root for the attribute to mean anything.
  const root = /<worksheet\b[^>]*>/.exec(xml)![0];
  if (!/\sxmlns:r=/.test(root)) xml = xml.replace(root, root.replace(/^<worksheet/, `<worksheet xmlns:r="${NS.officeRels}"`));
  return xml;
}

function withOverride(contentTypes: string, part: string, type: string): string {
  const override = `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`;
  if (contentTypes.includes(`PartName="/${part}"`)) return contentTypes;
  return contentTypes.replace(/<\/Types>\s*$/, `${override}</Types>`);
}

/**
 * Adds the charts to a written workbook (the bytes exceljs wrote) and returns the new bytes.
 * Each chart's caches are read through `read` now, so viewers show the lines without calculating.
 */
export async function addLineCharts(data: Buffer, charts: readonly LineChartSpec[], read: ChartCellReader): Promise<Buffer> {
  if (charts.length === 0) return data;
  const { default: JSZipClass } = await import("jszip");
  const zip = await JSZipClass.loadAsync(data);
  const sheets = await sheetParts(zip);
  let contentTypes = (await text(zip, "[Content_Types].xml")) ?? "";
  const taken = new Set<string>();

  const bySheet = new Map<string, LineChartSpec[]>();
  for (const chart of charts) {
    const key = chart.sheet.toLowerCase();
    bySheet.set(key, [...(bySheet.get(key) ?? []), chart]);
  }

  for (const [key, sheetCharts] of bySheet) {
    const sheetPart = sheets.get(key);
    if (!sheetPart) throw new Error(`Cannot draw a chart on "${sheetCharts[0]!.sheet}": the file has no such sheet.`);
    let sheetXml = (await text(zip, sheetPart))!;
    const sheetRelsPath = relsPathOf(sheetPart);
    let sheetRels = await text(zip, sheetRelsPath);

    // A drawing the sheet has already (exceljs writes pictures into one) takes the charts too.
    const drawingElement = /<drawing\b[^>]*>/.exec(sheetXml);
    const existing = drawingElement ? relationships(sheetRels).find((r) => r.id === attributes(drawingElement[0])["r:id"]) : undefined;
    let drawingPart: string;
    let drawingXml: string;
    if (existing) {
      drawingPart = resolvePart(folderOf(sheetPart), existing.target);
      drawingXml = (await text(zip, drawingPart)) ?? "";
    } else {
      drawingPart = freeNumber(zip, (n) => `xl/drawings/drawing${n}.xml`, taken);
      drawingXml = `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingml}"></xdr:wsDr>`;
      const relId = nextRelId(relationships(sheetRels));
      sheetRels = addRelationship(sheetRels, relId, REL_DRAWING, relativeTarget(sheetPart, drawingPart));
      sheetXml = withDrawingElement(sheetXml, relId);
      contentTypes = withOverride(contentTypes, drawingPart, TYPE_DRAWING);
    }

    const drawingRelsPath = relsPathOf(drawingPart);
    let drawingRels = await text(zip, drawingRelsPath);
    let shapeId = Math.max(1, maxOf(tags(drawingXml, "cNvPr").map((t) => Number(attributes(t).id) || 0), 0)) + 1;
    const anchors: string[] = [];
    for (const chart of sheetCharts) {
      const chartPart = freeNumber(zip, (n) => `xl/charts/chart${n}.xml`, taken);
      zip.file(chartPart, chartXml(chart, read));
      contentTypes = withOverride(contentTypes, chartPart, TYPE_CHART);
      const relId = nextRelId(relationships(drawingRels));
      drawingRels = addRelationship(drawingRels, relId, REL_CHART, relativeTarget(drawingPart, chartPart));
      anchors.push(anchorXml(chart, relId, shapeId++));
    }
    if (/<xdr:wsDr\b[^>]*\/>/.test(drawingXml)) drawingXml = drawingXml.replace(/<xdr:wsDr\b([^>]*)\/>/, "<xdr:wsDr$1></xdr:wsDr>");
    if (!/\sxmlns:a=/.test(/<xdr:wsDr\b[^>]*>/.exec(drawingXml)?.[0] ?? ""))
      drawingXml = drawingXml.replace(/<xdr:wsDr\b/, `<xdr:wsDr xmlns:a="${NS.drawingml}"`);
    drawingXml = drawingXml.replace(/<\/xdr:wsDr>\s*$/, `${anchors.join("")}</xdr:wsDr>`);

    zip.file(drawingPart, drawingXml);
    zip.file(drawingRelsPath, drawingRels!);
    zip.file(sheetRelsPath, sheetRels!);
    zip.file(sheetPart, sheetXml);
  }
  zip.file("[Content_Types].xml", contentTypes);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

// ---------------------------------------------------------------------------------------------
// Reading back

/**
 * The line charts in a workbook file, as `addLineCharts` draws them: one c:lineChart per chart
 * part, series with a literal or cached name and c:f references. Other charts are left out
 * (exceljs drops them on reading; nothing here can redraw them).
 */
export async function readLineCharts(data: Buffer): Promise<LineChartSpec[]> {
  const { default: JSZipClass } = await import("jszip");
  const zip = await JSZipClass.loadAsync(data);
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const sheets = await sheetParts(zip);
  const names = tags(workbook, "sheet").flatMap((tag) => {
    const name = attributes(tag).name;
    return name === undefined ? [] : [name];
  });
  const charts: LineChartSpec[] = [];
  for (const sheet of names) {
    const sheetPart = sheets.get(sheet.toLowerCase());
    if (!sheetPart) continue;
    const sheetXml = (await text(zip, sheetPart)) ?? "";
    const drawingTag = /<drawing\b[^>]*>/.exec(sheetXml);
    if (!drawingTag) continue;
    const rel = relationships(await text(zip, relsPathOf(sheetPart))).find((r) => r.id === attributes(drawingTag[0])["r:id"]);
    if (!rel) continue;
    const drawingPart = resolvePart(folderOf(sheetPart), rel.target);
    const drawingXml = (await text(zip, drawingPart)) ?? "";
    const drawingRels = relationships(await text(zip, relsPathOf(drawingPart)));
    for (const anchor of drawingXml.match(/<xdr:(twoCellAnchor|oneCellAnchor)\b[\s\S]*?<\/xdr:\1>/g) ?? []) {
      const chartTag = tags(anchor, "chart")[0];
      const from = inner(anchor, "from");
      const chartRel = chartTag ? drawingRels.find((r) => r.id === attributes(chartTag)["r:id"]) : undefined;
      if (!chartRel || from === null) continue;
      const chartXmlText = await text(zip, resolvePart(folderOf(drawingPart), chartRel.target));
      const spec = chartXmlText ? parseLineChart(chartXmlText, sheet) : null;
      if (!spec) continue;
      spec.at = { row: Number(inner(from, "row")) || 0, column: Number(inner(from, "col")) || 0 };
      charts.push(spec);
    }
  }
  return charts;
}

function parseLineChart(xml: string, sheet: string): LineChartSpec | null {
  const line = inner(xml, "lineChart");
  if (line === null) return null;
  const titleXml = inner(xml, "title") ?? "";
  const title = [...titleXml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescapeXml(m[1]!)).join("");
  let categories: ChartReference | null = null;
  const series: LineChartSpec["series"] = [];
  for (const ser of line.match(/<c:ser>[\s\S]*?<\/c:ser>/g) ?? []) {
    const tx = inner(ser, "tx") ?? "";
    const name = unescapeXml(inner(tx, "v") ?? "");
    const values = reference(inner(inner(ser, "val") ?? "", "f"), sheet);
    categories ??= reference(inner(inner(ser, "cat") ?? "", "f"), sheet);
    if (!values) return null;
    series.push({ name, values });
  }
  if (!categories || series.length === 0) return null;
  return { sheet, at: { row: 0, column: 0 }, title, categories, series };
}

function reference(formula: string | null, sheet: string): ChartReference | null {
  const ref = formula === null ? null : parseReference(unescapeXml(formula));
  return ref ? { sheet: ref.sheet ?? sheet, range: ref.range } : null;
}
