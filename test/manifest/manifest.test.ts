/**
 * Offline checks of the two manifests: manifest.xml (development, sideloaded by npm start) and
 * the production manifest npm run build makes from it (made here by the same functions the build
 * runs, and read from dist/manifest.xml too where a build has run). Microsoft's validator (npm run
 * validate) needs the internet; these catch the mistakes that matter most for this add-in without
 * it: a broken shared runtime, resids that point nowhere, icons that do not exist, a ribbon
 * button without its label, the two builds sharing an Id or a namespace, placeholder URLs.
 */
import { createHash } from "crypto";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import {
  DEV_URL,
  DEVELOPMENT,
  HELP_PAGE,
  PRODUCTION,
  VERSIONED_FILES,
  developmentManifest,
  manifestVersion,
  productionManifest,
  versionedManifest,
} from "../../scripts/manifest-urls.cjs";
import { RIBBON_COMMANDS } from "../../src/taskpane/commands";
import { COUNT_FUNCTION } from "../../src/taskpane/count-command";
import { attribute, child, descendants, findAll, parseXml, type XmlElement } from "./xml";

const ROOT = join(__dirname, "..", "..");
const PRODUCTION_URL = "https://addins.northshire.gov.uk/hnb/";
const packageVersion = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const sourceXml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const BUILT = join(ROOT, "dist", "manifest.xml");

/** A manifest with its resources looked up. */
class Manifest {
  readonly root: XmlElement;
  readonly resources: XmlElement[];
  readonly values: Map<string, string>;

  constructor(
    readonly xml: string,
    readonly baseUrl: string,
  ) {
    this.root = parseXml(xml);
    this.resources = findAll(this.root, "Resources").flatMap((r) => r.children.flatMap((group) => group.children));
    this.values = new Map(this.resources.map((element) => [attribute(element, "id"), attribute(element, "DefaultValue")]));
  }

  resolve(resid: string | undefined): string {
    if (resid === undefined) throw new Error("missing resid attribute");
    const value = this.values.get(resid);
    if (value === undefined) throw new Error(`resid "${resid}" is not defined in <Resources>`);
    return value;
  }

  /** The resource group ("ShortStrings", "LongStrings", "Images", "Urls") holding `resid`. */
  groupOf(resid: string): string {
    return this.resources.find((e) => e.attributes.id === resid)!.parent!.localName;
  }

  customFunctions(): XmlElement {
    const points = findAll(this.root, "ExtensionPoint").filter((point) => point.attributes["xsi:type"] === "CustomFunctions");
    expect(points).toHaveLength(1);
    return points[0]!;
  }

  namespace(): string {
    return this.resolve(child(this.customFunctions(), "Namespace").attributes.resid);
  }

  buttons(): XmlElement[] {
    return findAll(this.root, "Control").filter((c) => c.attributes["xsi:type"] === "Button");
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const development = new Manifest(developmentManifest(sourceXml, manifestVersion(packageVersion)), DEV_URL);
const production = new Manifest(productionManifest(sourceXml, PRODUCTION_URL, manifestVersion(packageVersion)), PRODUCTION_URL);

describe.each([
  ["development (manifest.xml)", development, DEVELOPMENT],
  ["production (as npm run build makes it)", production, PRODUCTION],
])("the %s manifest", (_, manifest, identity) => {
  it("is a task pane add-in for Excel workbooks with its own GUID, name and namespace", () => {
    expect(manifest.root.localName).toBe("OfficeApp");
    expect(manifest.root.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(child(manifest.root, "Id").text.trim()).toBe(identity.id);
    expect(identity.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(findAll(child(manifest.root, "Hosts"), "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(child(manifest.root, "ProviderName").text.trim()).toBe("HNB");
    expect(child(manifest.root, "DisplayName").attributes.DefaultValue).toBe(identity.displayName);
    expect(manifest.namespace()).toBe(identity.namespace);
    expect(child(manifest.root, "DefaultLocale").text.trim()).toBe("en-GB");
  });

  it("tells users to type the functions in its own namespace", () => {
    expect(manifest.resolve("GetStarted.Description")).toContain(`=${identity.namespace}.`);
    expect(manifest.xml).not.toMatch(new RegExp(`=(?!${identity.namespace}\\.)HNB[A-Z]*\\.`));
  });

  it("has the version of package.json, in four parts", () => {
    expect(child(manifest.root, "Version").text.trim()).toBe(manifestVersion(packageVersion));
    expect(manifestVersion(packageVersion)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  describe("shared runtime", () => {
    it("gives the Runtime, the custom functions Page and the FunctionFile the same resid, Taskpane.Url", () => {
      const runtimes = findAll(manifest.root, "Runtime");
      expect(runtimes).toHaveLength(1);
      expect(runtimes[0]!.attributes.lifetime).toBe("long");
      const runtimeResid = runtimes[0]!.attributes.resid;
      const pageResid = child(manifest.customFunctions(), "Page", "SourceLocation").attributes.resid;
      const functionFiles = findAll(manifest.root, "FunctionFile");
      expect(functionFiles).toHaveLength(1);
      expect(runtimeResid).toBe("Taskpane.Url");
      expect(pageResid).toBe(runtimeResid);
      expect(functionFiles[0]!.attributes.resid).toBe(runtimeResid);
      expect(manifest.resolve(runtimeResid)).toBe(`${manifest.baseUrl}taskpane.html`);
    });

    it("opens the task pane from the same page as the runtime", () => {
      const actions = findAll(manifest.root, "Action").filter((a) => a.attributes["xsi:type"] === "ShowTaskpane");
      expect(actions).toHaveLength(1);
      expect(child(actions[0]!, "SourceLocation").attributes.resid).toBe("Taskpane.Url");
      expect(child(manifest.root, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(manifest.resolve("Taskpane.Url"));
    });

    it("loads the functions' script from functions.js and their metadata from functions.json", () => {
      const point = manifest.customFunctions();
      expect(manifest.resolve(child(point, "Script", "SourceLocation").attributes.resid)).toBe(`${manifest.baseUrl}functions.js`);
      expect(manifest.resolve(child(point, "Metadata", "SourceLocation").attributes.resid)).toBe(`${manifest.baseUrl}functions.json`);
    });
  });

  describe("the ribbon: an HNB group on the Home tab", () => {
    const group = () => {
      const tabs = findAll(manifest.root, "OfficeTab");
      expect(tabs.map((t) => t.attributes.id)).toEqual(["TabHome"]);
      const groups = findAll(tabs[0]!, "Group");
      expect(groups).toHaveLength(1);
      return groups[0]!;
    };

    it("has the pane's button, then Templates, Import, Check, Count findings and Paper, each opening the pane at its screen but Count findings", () => {
      const buttons = findAll(group(), "Control");
      expect(buttons.map((b) => [b.attributes["xsi:type"], manifest.resolve(child(b, "Label").attributes.resid)])).toEqual([
        ["Button", "High Needs"],
        ["Button", "Templates"],
        ["Button", "Import"],
        ["Button", "Check"],
        ["Button", "Count findings"],
        ["Button", "Paper"],
      ]);
      expect(child(buttons[0]!, "Action").attributes["xsi:type"]).toBe("ShowTaskpane");
      // The others run a function in the shared runtime, the one src/taskpane/commands.ts associates.
      const functions = buttons.slice(1).map((b) => {
        const action = child(b, "Action");
        expect(action.attributes["xsi:type"]).toBe("ExecuteFunction");
        return child(action, "FunctionName").text.trim();
      });
      // Count findings runs the check without the pane and says its counts in a dialog (src/taskpane/count-command.ts).
      expect(functions.filter((f) => f !== COUNT_FUNCTION)).toEqual(RIBBON_COMMANDS.map((c) => c.functionName));
      expect(functions).toContain(COUNT_FUNCTION);
      expect(RIBBON_COMMANDS.map((c) => c.screen)).toEqual(["templates", "import", "check", "paper"]);
    });

    it("gives each button, in the schema's order, a label, a Supertip (what screen readers and the tooltip say) and an action", () => {
      for (const button of manifest.buttons()) {
        expect(button.children.map((c) => c.localName)).toEqual(["Label", "Supertip", "Icon", "Action"]);
        const label = manifest.resolve(child(button, "Label").attributes.resid);
        const title = child(button, "Supertip", "Title").attributes.resid!;
        const description = child(button, "Supertip", "Description").attributes.resid!;
        expect(manifest.groupOf(title)).toBe("ShortStrings");
        expect(manifest.groupOf(description)).toBe("LongStrings");
        expect(label.trim()).not.toBe("");
        expect(manifest.resolve(title)).toMatch(/^[A-Z]\S* \S/); // a few words: "Check the workbook"
        expect(manifest.resolve(description)).toMatch(/^[A-Z].{30,}\.$/);
      }
      const labels = manifest.buttons().map((b) => manifest.resolve(child(b, "Label").attributes.resid));
      expect(new Set(labels).size).toBe(labels.length);
      const ids = findAll(manifest.root, "Control").map((c) => c.attributes.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("gives the group and each button 16, 32 and 80 px icons of their own, which exist in assets/ at those sizes", () => {
      const iconSets = [group(), ...manifest.buttons()].map((element) => child(element, "Icon").children);
      const files = new Set<string>();
      for (const images of iconSets) {
        expect(images.map((image) => image.attributes.size)).toEqual(["16", "32", "80"]);
        for (const image of images) {
          const url = manifest.resolve(image.attributes.resid);
          expect(url.startsWith(`${manifest.baseUrl}assets/`)).toBe(true);
          const file = join(ROOT, "assets", url.slice(`${manifest.baseUrl}assets/`.length));
          expect(existsSync(file)).toBe(true);
          const { width, height } = pngSize(file);
          expect([width, height]).toEqual([Number(image.attributes.size), Number(image.attributes.size)]);
          files.add(file);
        }
      }
      // The pane's button shares the group's icon; each command has its own.
      expect(files.size).toBe(3 * (1 + RIBBON_COMMANDS.length));
    });
  });

  describe("resources", () => {
    it("defines every resid that is used, each once, within the manifest's length limits", () => {
      const resids = descendants(manifest.root)
        .map((e) => e.attributes.resid)
        .filter((resid) => resid !== undefined);
      expect(resids.length).toBeGreaterThan(40);
      expect(resids.filter((resid) => !manifest.values.has(resid))).toEqual([]);
      // A resid attribute is at most 32 characters.
      expect(resids.filter((resid) => resid.length > 32)).toEqual([]);
      const ids = manifest.resources.map((e) => e.attributes.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of manifest.resources) {
        const group = element.parent!.localName;
        const limit = group === "ShortStrings" ? 125 : group === "LongStrings" ? 250 : 2048;
        expect([element.attributes.id, attribute(element, "DefaultValue").length <= limit]).toEqual([element.attributes.id, true]);
      }
    });

    it("points the add-in's icons at PNGs in assets/ of the size each claims", () => {
      const icons = [
        { url: attribute(child(manifest.root, "IconUrl"), "DefaultValue"), size: 32 },
        { url: attribute(child(manifest.root, "HighResolutionIconUrl"), "DefaultValue"), size: 64 },
      ];
      for (const { url, size } of icons) {
        const file = join(ROOT, url.slice(manifest.baseUrl.length));
        expect(existsSync(file)).toBe(true);
        expect(pngSize(file).width).toBe(size);
      }
    });

    it("serves everything, support and help included, from its own base URL: no placeholder, nothing elsewhere", () => {
      const urls = [...manifest.values.values(), ...findAll(manifest.root, "SourceLocation").map((s) => s.attributes.DefaultValue), ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((name) => attribute(child(manifest.root, name), "DefaultValue"))].filter(
        (value): value is string => value !== undefined && /^https?:/.test(value),
      );
      expect(urls.length).toBeGreaterThan(20);
      expect(urls.filter((url) => !url.startsWith(manifest.baseUrl))).toEqual([]);
      expect(manifest.xml).not.toMatch(/contoso/i);
      expect(attribute(child(manifest.root, "SupportUrl"), "DefaultValue")).toBe(`${manifest.baseUrl}${HELP_PAGE}`);
      expect(manifest.resolve("GetStarted.LearnMoreUrl")).toBe(`${manifest.baseUrl}${HELP_PAGE}`);
      expect(findAll(manifest.root, "AppDomain").map((d) => d.text.trim())).toEqual([new URL(manifest.baseUrl).origin]);
    });
  });
});

describe("the two manifests", () => {
  it("differ in Id, name, ribbon group and namespace, so both can be installed side by side", () => {
    for (const key of ["id", "displayName", "namespace", "groupLabel"] as const) expect(DEVELOPMENT[key]).not.toBe(PRODUCTION[key]);
    expect(development.resolve("HNB.Group.Label")).toBe(DEVELOPMENT.groupLabel);
    expect(production.resolve("HNB.Group.Label")).toBe(PRODUCTION.groupLabel);
    expect(production.xml).not.toMatch(/localhost|HNBDEV|\(development\)/);
  });

  it("are otherwise the same: the production one is made from manifest.xml, so they cannot drift apart", () => {
    const strip = (m: Manifest) =>
      m.xml
        .replace(/^<\?xml[^>]*>\s*<!--[\s\S]*?-->/, "")
        .split(m.baseUrl)
        .join("BASE/")
        .split(new URL(m.baseUrl).origin)
        .join("ORIGIN");
    const identity = (text: string, id: typeof DEVELOPMENT) =>
      text
        .replace(id.id, "ID")
        .replace(`"${id.displayName}"`, '"NAME"')
        .replace(`DefaultValue="${id.namespace}"`, 'DefaultValue="NS"')
        .replace(`DefaultValue="${id.groupLabel}"`, 'DefaultValue="GROUP"')
        .split(`=${id.namespace}.`)
        .join("=NS.");
    expect(identity(strip(production), PRODUCTION)).toBe(identity(strip(development), DEVELOPMENT));
  });

  it("are made only from a manifest.xml that still holds the development identity", () => {
    expect(() => productionManifest(sourceXml.replace(DEVELOPMENT.id, PRODUCTION.id), PRODUCTION_URL, "1.0.0.0")).toThrow(/development <Id>/);
    expect(() => productionManifest(sourceXml.replace('DefaultValue="HNBDEV"', 'DefaultValue="HNB"'), PRODUCTION_URL, "1.0.0.0")).toThrow(/Functions.Namespace/);
  });
});

describe("the version", () => {
  it("manifest.xml's is package.json's (npm version keeps it so: scripts/manifest-version.cjs)", () => {
    expect(child(parseXml(sourceXml), "Version").text.trim()).toBe(manifestVersion(packageVersion));
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.version).toBe("node scripts/manifest-version.cjs");
  });

  it("rises with package.json's, and a version with no four-part form is refused", () => {
    const parts = (v: string) => v.split(".").map(Number);
    const rises = (a: string, b: string) => {
      const [x, y] = [parts(manifestVersion(a)), parts(manifestVersion(b))];
      const i = x.findIndex((n, k) => n !== y[k]);
      return i >= 0 && x[i]! < y[i]!;
    };
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("2.10.3")).toBe("2.10.3.0");
    expect(rises("0.1.0", "0.1.1")).toBe(true);
    expect(rises("0.9.0", "0.10.0")).toBe(true);
    expect(rises("1.9.9", "2.0.0")).toBe(true);
    expect(() => manifestVersion("1.5.0-beta.1")).toThrow(/major\.minor\.patch/);
    expect(() => manifestVersion("1.70000.0")).toThrow(/65535/);
  });
});

describe("versioned URLs, so a release reaches users at once", () => {
  const versioned = versionedManifest(development.xml, { "functions.js": "aaaa1111", "functions.json": "bbbb2222", "taskpane.html": "cccc3333" });

  it("gives functions.js, functions.json and the task pane their contents' versions, wherever the manifest names them", () => {
    const parsed = new Manifest(versioned, DEV_URL);
    expect(parsed.resolve("Functions.Script.Url")).toBe(`${DEV_URL}functions.js?v=aaaa1111`);
    expect(parsed.resolve("Functions.Metadata.Url")).toBe(`${DEV_URL}functions.json?v=bbbb2222`);
    expect(parsed.resolve("Taskpane.Url")).toBe(`${DEV_URL}taskpane.html?v=cccc3333`);
    expect(child(parsed.root, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(`${DEV_URL}taskpane.html?v=cccc3333`);
  });

  it("replaces an old version rather than adding a second, and leaves other URLs alone", () => {
    expect(versionedManifest(versioned, { "functions.js": "dddd4444" })).toContain('functions.js?v=dddd4444"');
    expect(versionedManifest(versioned, { "functions.js": "dddd4444" })).not.toContain("aaaa1111");
    expect(versioned).toContain(`${DEV_URL}assets/icon-32.png"`);
  });
});

// The build (npm run build, which CI runs before the tests) writes dist/; checked where it has run.
(existsSync(BUILT) ? describe : describe.skip)("the built manifest (dist/manifest.xml)", () => {
  const xml = existsSync(BUILT) ? readFileSync(BUILT, "utf8") : "";
  const id = /<Id>([^<]*)<\/Id>/.exec(xml)?.[1];
  const identity = id === PRODUCTION.id ? PRODUCTION : DEVELOPMENT;
  const baseUrl = identity === PRODUCTION ? (/<SourceLocation DefaultValue="([^"]*)taskpane\.html/.exec(xml)?.[1] ?? "") : DEV_URL;

  it("is one of the two manifests, as the build makes it from manifest.xml", () => {
    expect([PRODUCTION.id, DEVELOPMENT.id]).toContain(id);
    const made = identity === PRODUCTION ? productionManifest(sourceXml, baseUrl) : developmentManifest(sourceXml);
    expect(xml.replace(/\?v=[0-9a-f]{12}"/g, '"')).toBe(made);
  });

  it("gives each versioned URL the hash of the file served", () => {
    for (const file of VERSIONED_FILES) {
      const version = new RegExp(`/${file.replace(".", "\\.")}\\?v=([0-9a-f]{12})"`).exec(xml)?.[1];
      expect([file, version]).toEqual([file, createHash("sha256").update(readFileSync(join(BUILT, "..", file))).digest("hex").slice(0, 12)]);
    }
  });

  it("has every icon it names in dist/assets", () => {
    const icons = [...xml.matchAll(/DefaultValue="[^"]*\/assets\/([^"]+\.png)"/g)].map((m) => m[1]!);
    expect(icons.length).toBe(3 * (1 + RIBBON_COMMANDS.length) + 2);
    for (const icon of icons) expect([icon, existsSync(join(ROOT, "dist", "assets", icon))]).toEqual([icon, true]);
  });
});
