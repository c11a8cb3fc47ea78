/**
 * Offline checks of manifest.xml. Microsoft's validator (npm run validate) needs the internet;
 * these catch the mistakes that matter most for this add-in without it: a broken shared
 * runtime (the functions and the task pane in different runtimes), resids that point nowhere,
 * and icons that do not exist.
 */
import { createHash } from "crypto";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { DEFAULT_PRODUCTION_URL, DEV_URL, VERSIONED_FILES, productionManifest, versionedManifest } from "../../scripts/manifest-urls.cjs";
import { attribute, child, descendants, findAll, parseXml, type XmlElement } from "./xml";

const ROOT = join(__dirname, "..", "..");
const manifestXml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(manifestXml);

const resources = findAll(manifest, "Resources");
const resourceElements = resources.flatMap((r) => r.children.flatMap((group) => group.children));

/** resid → DefaultValue, across Images, Urls, ShortStrings and LongStrings. */
const resourceValues = new Map<string, string>(
  resourceElements.map((element) => [attribute(element, "id"), attribute(element, "DefaultValue")]),
);

function resolve(resid: string | undefined): string {
  if (resid === undefined) throw new Error("missing resid attribute");
  const value = resourceValues.get(resid);
  if (value === undefined) throw new Error(`resid "${resid}" is not defined in <Resources>`);
  return value;
}

function customFunctionsExtensionPoint(): XmlElement {
  const points = findAll(manifest, "ExtensionPoint").filter(
    (point) => point.attributes["xsi:type"] === "CustomFunctions",
  );
  expect(points).toHaveLength(1);
  return points[0]!;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  it("is a task pane add-in for Excel workbooks with a GUID id", () => {
    expect(manifest.localName).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(child(manifest, "Id").text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(findAll(child(manifest, "Hosts"), "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(child(manifest, "ProviderName").text.trim()).toBe("HNB");
    expect(child(manifest, "DisplayName").attributes.DefaultValue).toBe("HNB High Needs");
  });

  it("uses British English as its default locale", () => {
    expect(child(manifest, "DefaultLocale").text.trim()).toBe("en-GB");
  });

  it("requires the shared runtime, and custom functions runtime 1.2 for the CustomFunctions.Error every function throws", () => {
    const sets = findAll(child(manifest, "Requirements"), "Set").map((set) => [set.attributes.Name, set.attributes.MinVersion]);
    expect(sets).toEqual(
      expect.arrayContaining([
        ["SharedRuntime", "1.1"],
        ["CustomFunctionsRuntime", "1.2"],
      ]),
    );
  });

  describe("shared runtime", () => {
    it("gives the Runtime, the custom functions Page and the FunctionFile the same resid, Taskpane.Url", () => {
      const runtimes = findAll(manifest, "Runtime");
      expect(runtimes).toHaveLength(1);
      expect(runtimes[0]!.attributes.lifetime).toBe("long");

      const runtimeResid = runtimes[0]!.attributes.resid;
      const pageResid = child(customFunctionsExtensionPoint(), "Page", "SourceLocation").attributes.resid;
      const functionFiles = findAll(manifest, "FunctionFile");
      expect(functionFiles).toHaveLength(1);
      const functionFileResid = functionFiles[0]!.attributes.resid;

      expect(runtimeResid).toBe("Taskpane.Url");
      expect(pageResid).toBe(runtimeResid);
      expect(functionFileResid).toBe(runtimeResid);
      expect(resolve(runtimeResid)).toMatch(/\/taskpane\.html$/);
    });

    it("opens the task pane from the same page as the runtime", () => {
      const actions = findAll(manifest, "Action").filter((a) => a.attributes["xsi:type"] === "ShowTaskpane");
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        expect(child(action, "SourceLocation").attributes.resid).toBe("Taskpane.Url");
      }
      expect(child(manifest, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(resolve("Taskpane.Url"));
    });

    it("puts a task pane button on the Home tab", () => {
      const homeTabs = findAll(manifest, "OfficeTab").filter((tab) => tab.attributes.id === "TabHome");
      expect(homeTabs).toHaveLength(1);
      expect(findAll(homeTabs[0]!, "Control").some((c) => c.attributes["xsi:type"] === "Button")).toBe(true);
    });
  });

  describe("custom functions", () => {
    it("loads the script from functions.js and the metadata from functions.json", () => {
      const point = customFunctionsExtensionPoint();
      expect(resolve(child(point, "Script", "SourceLocation").attributes.resid)).toMatch(/\/functions\.js$/);
      expect(resolve(child(point, "Metadata", "SourceLocation").attributes.resid)).toMatch(/\/functions\.json$/);
    });

    it('uses the namespace "HNB"', () => {
      const namespace = child(customFunctionsExtensionPoint(), "Namespace");
      expect(resolve(namespace.attributes.resid)).toBe("HNB");
    });
  });

  describe("resources", () => {
    it("defines every resid that is used", () => {
      const all = descendants(manifest);
      const resids = all.map((e) => e.attributes.resid).filter((resid) => resid !== undefined);
      expect(resids.length).toBeGreaterThan(10);
      const undefinedResids = resids.filter((resid) => !resourceValues.has(resid));
      expect(undefinedResids).toEqual([]);
    });

    it("defines each resource id once, within the manifest's length limits", () => {
      const ids = resourceElements.map((e) => e.attributes.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const group of resources.flatMap((r) => r.children)) {
        const limit = group.localName === "ShortStrings" ? 125 : group.localName === "LongStrings" ? 250 : 2048;
        for (const element of group.children) {
          expect(attribute(element, "DefaultValue").length).toBeLessThanOrEqual(limit);
        }
      }
    });

    it("points every icon at a PNG in assets/ of the size it claims", () => {
      const iconUrls: { url: string; size?: number }[] = [
        { url: attribute(child(manifest, "IconUrl"), "DefaultValue"), size: 32 },
        { url: attribute(child(manifest, "HighResolutionIconUrl"), "DefaultValue"), size: 64 },
        ...findAll(manifest, "Image")
          .filter((image) => image.attributes.resid !== undefined)
          .map((image) => ({ url: resolve(image.attributes.resid), size: Number(image.attributes.size) })),
        ...findAll(manifest, "Images").flatMap((images) =>
          images.children.map((image) => ({ url: attribute(image, "DefaultValue") })),
        ),
      ];
      expect(iconUrls.length).toBeGreaterThan(3);
      for (const { url, size } of iconUrls) {
        expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
        const file = join(ROOT, url.slice(DEV_URL.length));
        expect(existsSync(file)).toBe(true);
        const named = /icon-(\d+)\.png$/.exec(file);
        expect(named).not.toBeNull();
        const { width, height } = pngSize(file);
        expect([width, height]).toEqual([Number(named?.[1]), Number(named?.[1])]);
        if (size !== undefined) expect(width).toBe(size);
      }
    });
  });

  describe("versioned URLs, so a release reaches users at once", () => {
    const versioned = versionedManifest(manifestXml, { "functions.js": "aaaa1111", "functions.json": "bbbb2222", "taskpane.html": "cccc3333" });

    it("gives functions.js, functions.json and the task pane their contents' versions, wherever the manifest names them", () => {
      const parsed = parseXml(versioned);
      const urls = findAll(parsed, "Resources").flatMap((r) => r.children.flatMap((group) => group.children));
      const url = (id: string) => attribute(urls.find((u) => attribute(u, "id") === id)!, "DefaultValue");
      expect(url("Functions.Script.Url")).toBe(`${DEV_URL}functions.js?v=aaaa1111`);
      expect(url("Functions.Metadata.Url")).toBe(`${DEV_URL}functions.json?v=bbbb2222`);
      expect(url("Taskpane.Url")).toBe(`${DEV_URL}taskpane.html?v=cccc3333`);
      expect(child(parsed, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(`${DEV_URL}taskpane.html?v=cccc3333`);
    });

    it("replaces an old version rather than adding a second, and leaves other URLs alone", () => {
      expect(versionedManifest(versioned, { "functions.js": "dddd4444" })).toContain("functions.js?v=dddd4444\"");
      expect(versionedManifest(versioned, { "functions.js": "dddd4444" })).not.toContain("aaaa1111");
      expect(versioned).toContain(`${DEV_URL}assets/icon-32.png"`);
    });

    const built = join(__dirname, "..", "..", "dist", "manifest.xml");
    // The build (npm run build, which CI runs before the tests) writes the versions; checked where it has run.
    (existsSync(built) ? it : it.skip)("in the build, each version is the hash of the file served", () => {
      const xml = readFileSync(built, "utf8");
      for (const file of VERSIONED_FILES) {
        const version = new RegExp(`/${file.replace(".", "\\.")}\\?v=([0-9a-f]{12})"`).exec(xml)?.[1];
        expect([file, version]).toEqual([file, createHash("sha256").update(readFileSync(join(built, "..", file))).digest("hex").slice(0, 12)]);
      }
    });
  });

  describe("production copy", () => {
    it("serves every add-in URL from the dev server base, so the build can rewrite them all", () => {
      const urls = resourceElements
        .map((e) => attribute(e, "DefaultValue"))
        .filter((value) => /^https?:\/\//.test(value) && value.includes("localhost"));
      expect(urls.length).toBeGreaterThan(4);
      for (const url of urls) expect(url.startsWith(DEV_URL)).toBe(true);
    });

    it("has no localhost left after the production rewrite, and stays well formed", () => {
      const production = productionManifest(manifestXml, "https://addins.example.gov.uk/hnb/");
      expect(production).not.toMatch(/:\/\/localhost/);
      const parsed = parseXml(production);
      expect(child(parsed, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(
        "https://addins.example.gov.uk/hnb/taskpane.html",
      );
      expect(findAll(parsed, "AppDomain").map((d) => d.text.trim())).toEqual(["https://addins.example.gov.uk"]);
      expect(DEFAULT_PRODUCTION_URL.endsWith("/")).toBe(true);
    });
  });
});
