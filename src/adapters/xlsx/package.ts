/**
 * A workbook written over keeps what exceljs does not: its package is edited, not rebuilt. exceljs
 * writes the sheets, styles, names and notes it models and drops the rest of the file (custom
 * document properties such as a classification label, customXml, external links, printer
 * settings, the Print_Area). After it has written, every part of the original it left out is put
 * back byte for byte with the relationships and content types that attach it, and the defined
 * names it lost are written back; a part that cannot be attached that way is reported as dropped,
 * for the command to refuse (or, with --force, to list).
 */
import type JSZip from "jszip";

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface KeptPackage {
  data: Buffer;
  /** Parts of the original put back, by name. */
  kept: string[];
  /** What of the original the written file does not hold, in words ("xl/pivotTables/pivotTable1.xml", "the defined name “X”"). */
  dropped: string[];
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The element as the file wrote it. */
  xml: string;
}

/** The part a relationship in `relsPart` points at, as a name in the zip ("xl/externalLinks/externalLink1.xml"). */
function resolveTarget(relsPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  // "xl/_rels/workbook.xml.rels" describes "xl/workbook.xml": targets are relative to "xl/".
  const base = relsPart.replace(/_rels\/[^/]*$/, "");
  const parts = (base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package's own is "_rels/.rels". */
function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

function relationships(xml: string | null): Relationship[] {
  if (!xml) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\s[^>]*?\/?>/g)) {
    const tag = m[0];
    out.push({ id: attribute(tag, "Id") ?? "", type: attribute(tag, "Type") ?? "", target: attribute(tag, "Target") ?? "", external: attribute(tag, "TargetMode") === "External", xml: tag });
  }
  return out;
}

async function text(zip: JSZip, part: string): Promise<string | null> {
  const file = zip.file(part);
  return file ? file.async("string") : null;
}

/** Each part of the zip, files only. */
function partsOf(zip: JSZip): string[] {
  return Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
}

/**
 * The written file with every part of `original` that exceljs left out put back where a
 * relationship from a part both files hold attaches it (the package, the workbook, a sheet), and
 * the defined names and external references of the workbook written back. Parts still missing
 * are listed as dropped.
 */
export async function keepParts(original: Uint8Array, written: Buffer): Promise<KeptPackage> {
  const { default: JSZipClass } = await import("jszip");
  const from = await JSZipClass.loadAsync(original);
  const to = await JSZipClass.loadAsync(written);
  const had = new Set(partsOf(from));
  const has = new Set(partsOf(to));
  const lost = new Set([...had].filter((p) => !has.has(p) && !p.endsWith(".rels") && p !== "[Content_Types].xml"));
  // The workbook part is not written below before its lost names are put back: read them once.
  const namesLost = await definedNamesLost(from, to);
  if (lost.size === 0 && namesLost.length === 0) return { data: written, kept: [], dropped: [] };

  const kept: string[] = [];
  const contentTypes = { from: (await text(from, "[Content_Types].xml")) ?? "", to: (await text(to, "[Content_Types].xml")) ?? "" };
  // Relationship ids renamed where the written file used the original's id for something else: by source part.
  const renamed = new Map<string, Map<string, string>>();

  /** Puts `part` back (and what it alone attaches), with its content type. */
  const copyPart = async (part: string): Promise<void> => {
    if (!lost.has(part)) return;
    lost.delete(part);
    to.file(part, await from.file(part)!.async("uint8array"));
    kept.push(part);
    const override = new RegExp(`<Override\\s[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`).exec(contentTypes.from);
    if (override && !contentTypes.to.includes(`PartName="/${part}"`)) contentTypes.to = contentTypes.to.replace("</Types>", `${override[0]}</Types>`);
    const ext = part.slice(part.lastIndexOf(".") + 1);
    const defaults = new RegExp(`<Default\\s[^>]*Extension="${ext}"[^>]*/>`, "i").exec(contentTypes.from);
    if (defaults && !new RegExp(`Extension="${ext}"`, "i").test(contentTypes.to)) contentTypes.to = contentTypes.to.replace("</Types>", `${defaults[0]}</Types>`);
    // Its own relationships come whole, with every part they attach that was lost too.
    const ownRels = relsOf(part);
    const rels = await text(from, ownRels);
    if (rels !== null) {
      to.file(ownRels, rels);
      for (const r of relationships(rels)) if (!r.external) await copyPart(resolveTarget(ownRels, r.target));
    }
  };

  // The package itself ("" here, its relationships in _rels/.rels) and every part both files
  // hold: what its relationships attached that the written file lacks.
  const sources = ["", ...[...had].filter((p) => has.has(p) && !p.endsWith(".rels") && p !== "[Content_Types].xml")];
  for (const source of sources) {
    const relsPart = source === "" ? "_rels/.rels" : relsOf(source);
    const before = relationships(await text(from, relsPart));
    const missing = before.filter((r) => !r.external && lost.has(resolveTarget(relsPart, r.target)) && attachable(source, r.type));
    if (missing.length === 0) continue;
    let after = (await text(to, relsPart)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;
    const taken = new Set(relationships(after).map((r) => r.id));
    const ids = new Map<string, string>();
    for (const r of missing) {
      let id = r.id;
      for (let n = 1; taken.has(id); n++) id = `rIdKept${n}`;
      taken.add(id);
      ids.set(r.id, id);
      after = after.replace("</Relationships>", `${id === r.id ? r.xml : r.xml.replace(`Id="${r.id}"`, `Id="${id}"`)}</Relationships>`);
      await copyPart(resolveTarget(relsPart, r.target));
    }
    to.file(relsPart, after);
    renamed.set(source, ids);
    // A sheet's printer settings are named by its page set-up, which exceljs writes without them.
    for (const r of missing.filter((m) => m.type.endsWith("/printerSettings"))) {
      const sheet = await text(to, source);
      if (sheet !== null && /<pageSetup\s(?![^>]*r:id=)/.test(sheet)) to.file(source, sheet.replace(/<pageSetup\s/, `<pageSetup r:id="${ids.get(r.id)}" `));
    }
  }

  const workbookPart = "xl/workbook.xml";
  let workbook = await text(to, workbookPart);
  const originalWorkbook = (await text(from, workbookPart)) ?? "";
  const dropped: string[] = [];
  if (workbook !== null) {
    // External references are listed in the workbook by relationship, in the order formulas number them ([1], [2]).
    const references = /<externalReferences>[\s\S]*?<\/externalReferences>/.exec(originalWorkbook);
    if (references && !workbook.includes("<externalReferences>")) {
      const ids = renamed.get(workbookPart) ?? new Map<string, string>();
      const block = references[0].replace(/r:id="([^"]+)"/g, (whole, id: string) => (ids.has(id) ? `r:id="${ids.get(id)}"` : whole));
      workbook = workbook.replace("</sheets>", `</sheets>${block}`);
    }
    if (namesLost.length > 0) {
      const xml = namesLost.map((n) => n.xml).join("");
      if (workbook.includes("</definedNames>")) workbook = workbook.replace("</definedNames>", `${xml}</definedNames>`);
      else if (workbook.includes("<definedNames/>")) workbook = workbook.replace("<definedNames/>", `<definedNames>${xml}</definedNames>`);
      else {
        const after = workbook.includes("</externalReferences>") ? "</externalReferences>" : "</sheets>";
        workbook = workbook.replace(after, `${after}<definedNames>${xml}</definedNames>`);
      }
    }
    to.file(workbookPart, workbook);
  }
  to.file("[Content_Types].xml", contentTypes.to);
  for (const part of [...lost].sort()) dropped.push(part);
  const data = await to.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { data, kept: kept.sort(), dropped };
}

/**
 * Relationships whose part can be put back: from the package, its custom properties; from the
 * workbook, customXml and external links (their list in the workbook is put back with them);
 * from a sheet, its printer settings (named again in its page set-up). Pivot caches, a VBA
 * project, slicers and the like need elements exceljs does not write: they are dropped and said to be.
 */
function attachable(source: string, type: string): boolean {
  const kind = type.slice(type.lastIndexOf("/") + 1);
  if (source === "") return kind === "custom-properties";
  if (source === "xl/workbook.xml") return kind === "externalLink" || kind === "customXml";
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(source)) return kind === "printerSettings";
  return false;
}

interface DefinedName {
  key: string;
  xml: string;
}

/** The original's defined names the written workbook lacks (Print_Area among them), as written. */
async function definedNamesLost(from: JSZip, to: JSZip): Promise<DefinedName[]> {
  const names = (xml: string | null): DefinedName[] =>
    [...(xml ?? "").matchAll(/<definedName\s[^>]*?(?:\/>|>[^<]*<\/definedName>)/g)].map((m) => ({ key: `${attribute(m[0], "name")}\u0000${attribute(m[0], "localSheetId") ?? ""}`, xml: m[0] }));
  const now = new Set(names(await text(to, "xl/workbook.xml")).map((n) => n.key));
  return names(await text(from, "xl/workbook.xml")).filter((n) => !now.has(n.key));
}
