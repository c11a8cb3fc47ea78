/*
 * A workbook written over keeps every part the add-in did not mean to change (issue 22): the
 * classification label, customXml, a link to another workbook and the formula through it,
 * printer settings, Print_Area and named ranges, besides the validation, formats and comments
 * exceljs keeps itself. `hnb fix`, `hnb calc` and the pane's writes through the xlsx adapter all
 * go through the same package edit; what cannot be kept is refused unless --force, then listed.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { XlsxWorkbook } from "../../src/adapters/xlsx";
import { hnb } from "../helpers/run-cli";
import { EVERY_PART_KEPT, richParts, richWorkbook } from "../helpers/rich-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-keep-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function richFile(name: string, options: Parameters<typeof richWorkbook>[0] = {}): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await richWorkbook(options));
  chmodSync(path, 0o600);
  return path;
}

describe("a rich workbook written over", () => {
  it("starts with every part (the fixture is what it claims)", async () => {
    expect(await richParts(readFileSync(await richFile("start.xlsx")))).toEqual(EVERY_PART_KEPT);
  });

  it("hnb calc --out the input keeps every part, the file's permissions and a .bak of it as it was", async () => {
    const path = await richFile("calc.xlsx");
    const before = readFileSync(path);
    const run = await hnb("calc", path, "--out", path, "--force");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Kept ${path} as it was in ${path}.bak.`);
    expect(await richParts(readFileSync(path))).toEqual(EVERY_PART_KEPT);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.bak`).equals(before)).toBe(true);
    // A second run keeps the first backup and makes another.
    await hnb("calc", path, "--out", path, "--force");
    expect(existsSync(`${path}.2.bak`)).toBe(true);
    // No temporary copy left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("hnb fix keeps every part while it changes the statuses, and a new file takes the input's permissions", async () => {
    const path = await richFile("fix.xlsx", { statuses: ["green", "AMBER"] });
    const out = join(dir, "fixed.xlsx");
    const run = await hnb("fix", path, "--out", out, "--statuses", "--yes");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Wrote .*fixed\.xlsx: 2 changes/m);
    expect(await richParts(readFileSync(out))).toEqual(EVERY_PART_KEPT);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it("the pane's writes through the xlsx adapter keep every part", async () => {
    const path = await richFile("pane.xlsx");
    const workbook = await XlsxWorkbook.open(path);
    await workbook.apply([{ kind: "addSheet", name: "Checks" }, { kind: "write", sheet: "Checks", at: "A1", values: [["Master check", 0]] }]);
    const written = await workbook.save(join(dir, "pane-out.xlsx"));
    expect(written.dropped).toEqual([]);
    expect(written.kept).toEqual(expect.arrayContaining(["docProps/custom.xml", "customXml/item1.xml", "xl/externalLinks/externalLink1.xml", "xl/printerSettings/printerSettings1.bin"]));
    expect(await richParts(readFileSync(join(dir, "pane-out.xlsx")))).toEqual(EVERY_PART_KEPT);
  });

  it("a part the add-in cannot put back (a pivot cache) is refused by name, and with --force written without it and listed", async () => {
    const path = await richFile("pivot.xlsx", {
      extraParts: { "xl/pivotCache/pivotCacheDefinition1.xml": '<?xml version="1.0"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' },
      workbookRels: '<Relationship Id="rId92" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>',
    });
    const out = join(dir, "pivot-out.xlsx");
    const refused = await hnb("calc", path, "--out", out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`hnb: nothing written: ${out} would not keep this part of ${path}, which the add-in cannot write: xl/pivotCache/pivotCacheDefinition1.xml. Add --force to write it without them.\n`);
    expect(existsSync(out)).toBe(false);
    const forced = await hnb("calc", path, "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe(`hnb: written without this part of ${path} (--force): xl/pivotCache/pivotCacheDefinition1.xml.\n`);
    expect(await richParts(readFileSync(out))).toEqual(EVERY_PART_KEPT);
  });

  it("hnb import never writes over one of its own inputs, --force or not", async () => {
    const path = await richFile("source.xlsx");
    const before = readFileSync(path);
    const run = await hnb("import", path, "--out", path, "--force");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hnb: --out ${path} is one of the files being imported: choose another name, so ${path} is kept as it is.\n`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
