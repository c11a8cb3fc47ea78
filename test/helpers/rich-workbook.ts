/**
 * A workbook holding what councils' workbooks hold beyond cells and that exceljs does not write:
 * a classification label in the custom document properties, a customXml item, a link to another
 * workbook with a formula through it, printer settings, a Print_Area and a named range, besides
 * what exceljs keeps itself (data validation, conditional formats, a comment). Written with
 * exceljs, then the parts added as Excel writes them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

export const CLASSIFICATION = "OFFICIAL-SENSITIVE";

export async function richWorkbook(options: { statuses?: string[]; extraParts?: Record<string, string>; workbookRels?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet("Plan");
  s.addRow(["Action", "Lead", "RAG"]);
  const statuses = options.statuses ?? ["Green", "Amber"];
  statuses.forEach((status, i) => s.addRow([`Action ${i + 1}`, "AB", status]));
  s.getCell("C2").dataValidation = { type: "list", allowBlank: true, formulae: ['"Green,Amber,Red"'] };
  s.addConditionalFormatting({ ref: "C2:C3", rules: [{ type: "containsText", operator: "containsText", text: "Red", priority: 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } } }] });
  s.getCell("A2").note = "Agreed at Schools Forum";
  s.getCell("E2").value = { formula: "[1]Sheet1!$A$1", result: 5 };
  wb.definedNames.add("Plan!$A$1:$C$3", "_xlnm.Print_Area");
  wb.definedNames.add("Plan!$C$2:$C$3", "Statuses");
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const parts: Record<string, string> = {
    "docProps/custom.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Classification"><vt:lpwstr>${CLASSIFICATION}</vt:lpwstr></property></Properties>`,
    "customXml/item1.xml": '<?xml version="1.0"?><label xmlns="urn:example:label">OFFICIAL</label>',
    "customXml/itemProps1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6D3A1C3B-1111-2222-3333-444455556666}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
    "customXml/_rels/item1.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>',
    "xl/externalLinks/externalLink1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>5</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
    "xl/externalLinks/_rels/externalLink1.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="Budget%202025.xlsx" TargetMode="External"/></Relationships>',
    "xl/printerSettings/printerSettings1.bin": "\u0000PRINTER\u0000",
    ...options.extraParts,
  };
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  const edit = async (name: string, change: (xml: string) => string) => zip.file(name, change((await zip.file(name)!.async("string"))));
  await edit("[Content_Types].xml", (ct) =>
    ct.replace(
      "</Types>",
      '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/><Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/><Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
    ),
  );
  await edit("_rels/.rels", (rels) => rels.replace("</Relationships>", '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
  await edit("xl/_rels/workbook.xml.rels", (rels) =>
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/><Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>${options.workbookRels ?? ""}</Relationships>`,
    ),
  );
  await edit("xl/workbook.xml", (w) => w.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rId90"/></externalReferences>'));
  const sheetRels = "xl/worksheets/_rels/sheet1.xml.rels";
  const printer = '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/>';
  if (zip.file(sheetRels)) await edit(sheetRels, (rels) => rels.replace("</Relationships>", `${printer}</Relationships>`));
  else zip.file(sheetRels, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${printer}</Relationships>`);
  await edit("xl/worksheets/sheet1.xml", (xml) => xml.replace(/<pageSetup\s/, '<pageSetup r:id="rId99" '));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** What of the rich workbook a file still holds, to compare before and after a write. */
export async function richParts(bytes: Buffer): Promise<Record<string, unknown>> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => (zip.file(name) ? zip.file(name)!.async("string") : null);
  const workbook = (await part("xl/workbook.xml")) ?? "";
  const sheet = (await part("xl/worksheets/sheet1.xml")) ?? "";
  const sheetRels = (await part("xl/worksheets/_rels/sheet1.xml.rels")) ?? "";
  const pageSetupId = /<pageSetup\s[^>]*r:id="([^"]+)"/.exec(sheet)?.[1];
  const printerRel = pageSetupId ? new RegExp(`<Relationship[^>]*Id="${pageSetupId}"[^>]*>`).exec(sheetRels)?.[0] ?? "" : "";
  const rootRels = (await part("_rels/.rels")) ?? "";
  const workbookRels = (await part("xl/_rels/workbook.xml.rels")) ?? "";
  const externalId = /<externalReference r:id="([^"]+)"/.exec(workbook)?.[1];
  return {
    classification: ((await part("docProps/custom.xml")) ?? "").includes(CLASSIFICATION) && rootRels.includes('Target="docProps/custom.xml"'),
    customXml: (await part("customXml/item1.xml")) !== null && (await part("customXml/itemProps1.xml")) !== null && workbookRels.includes("../customXml/item1.xml"),
    externalLink: externalId !== undefined && new RegExp(`Id="${externalId}"[^>]*Target="externalLinks/externalLink1.xml"|Target="externalLinks/externalLink1.xml"[^>]*Id="${externalId}"`).test(workbookRels) && (await part("xl/externalLinks/_rels/externalLink1.xml.rels"))?.includes("Budget%202025.xlsx"),
    formulaThroughLink: sheet.includes("<f>[1]Sheet1!$A$1</f>"),
    printerSettings: printerRel.includes("../printerSettings/printerSettings1.bin") && (await part("xl/printerSettings/printerSettings1.bin")) !== null,
    printArea: /<definedName name="_xlnm\.Print_Area"[^>]*>Plan!\$A\$1:\$C\$3<\/definedName>/.test(workbook),
    namedRange: /<definedName name="Statuses"[^>]*>Plan!\$C\$2:\$C\$3<\/definedName>/.test(workbook),
    dataValidation: sheet.includes("<dataValidation"),
    conditionalFormat: sheet.includes("<conditionalFormatting"),
    comment: ((await part("xl/comments1.xml")) ?? "").includes("Agreed at Schools Forum"),
  };
}

export const EVERY_PART_KEPT = {
  classification: true,
  customXml: true,
  externalLink: true,
  formulaThroughLink: true,
  printerSettings: true,
  printArea: true,
  namedRange: true,
  dataValidation: true,
  conditionalFormat: true,
  comment: true,
};
