/**
 * The manifests ask for the requirement sets the code needs, no lower: each Office API the
 * sources call (found by the TypeScript checker, so a call through a variable counts as much as
 * one written out) has the requirement set office.js's own typings give it ("[Api set: ExcelApi
 * 1.13]"); the highest of each kind must be the manifest's <Set>. An Excel that lacks a set the
 * manifest asks for never offers the add-in, so nothing fails later on a missing method.
 *
 * The table of API → set is test/manifest/office-api-sets.json, so a review shows each API a change
 * starts to call. After changing which Office APIs the sources use:
 *   UPDATE_GOLDEN=1 npx jest test/manifest/requirements
 * rewrites it; then raise the manifest's <Set> if the test says so.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join, relative } from "path";
import * as ts from "typescript";
import { developmentManifest, manifestVersion, productionManifest } from "../../scripts/manifest-urls.cjs";
import { generateMetadata } from "../helpers/metadata";
import { findAll, parseXml } from "./xml";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const TABLE = join(__dirname, "office-api-sets.json");
const BUILT = join(ROOT, "dist", "manifest.xml");

/** Sets a manifest declares, as the <Requirements> element gives them. */
const DECLARABLE = ["ExcelApi", "CustomFunctionsRuntime", "SharedRuntime"];

/**
 * APIs whose typings give a set that is not the one that matters in Excel, with the set that
 * does (null: none to declare) and why.
 */
const NOT_AS_TYPED: Record<string, { set: string | null; why: string }> = {
  "Office.AddinCommands.Event.completed": {
    set: null,
    why: "its typings give Outlook's Mailbox 1.3; in Excel it ends a function command, which the ribbon's VersionOverrides (AddinCommands 1.1) already needs",
  },
};

/**
 * APIs the code uses only where Excel says at run time that it has their set
 * (Office.context.requirements.isSetSupported), doing without them elsewhere: they are in the
 * table with their set but not in the manifest's requirements, which would keep the add-in from
 * every Excel without them. Each file that uses one must ask for its set by name and version.
 */
const RUN_TIME_DETECTED: Record<string, { set: string; why: string }> = {
  "Excel.RunOptions.mergeUndoGroup": {
    set: "ExcelApi 1.20",
    why: "a write's syncs are one undo step where Excel has it (src/adapters/office/run.ts); elsewhere each sync is its own step, as before",
  },
};

/**
 * Event properties read only where the host gives them: on an older Excel they are undefined and
 * the code goes on as before, so they raise no requirement. Each names where and why.
 */
const READ_WHERE_GIVEN: Record<string, { set: string; why: string }> = {
  "Excel.WorksheetChangedEventArgs.triggerSource": {
    set: "ExcelApi 1.14",
    why: "the pane's own writes are not read again where Excel says it made them (src/adapters/office/office.ts); elsewhere they cost one more read",
  },
};

/** Function options in the custom functions' metadata (JSDoc tags) and the set each needs. */
const METADATA_OPTIONS: Record<string, string> = {
  // @requiresParameterAddresses: Invocation.parameterAddresses is CustomFunctionsRuntime 1.3.
  requiresParameterAddresses: "CustomFunctionsRuntime 1.3",
};

/** "[Api set: ExcelApi 1.12]" or "**Requirement set**: {@link … | SharedRuntime 1.1}" in a declaration's JSDoc. */
function stated(node: ts.Node): string | null {
  const comment = node.getSourceFile().text.slice(node.getFullStart(), node.getStart());
  const match = /\[Api set: (\w+) (\d+\.\d+)/i.exec(comment) ?? /Requirement sets?\*\*:[^|]*\|\s*(\w+) (\d+\.\d+)\}/.exec(comment);
  return match ? `${match[1]} ${match[2]}` : null;
}

/** "Excel.Range.getSpillParentOrNullObject", from the declaration's namespaces, owner and name. */
function apiName(declaration: ts.Declaration, member: string): string {
  const names: string[] = [member];
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) && node.name) {
      names.unshift(node.name.getText());
    }
  }
  return names.join(".");
}

/** Every Office API the sources touch, with the set its typings state (its owner's if its own says none). */
function officeApisCalled(): Map<string, { set: string | null; files: Set<string> }> {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error("tsconfig.json could not be read");
  const sources = parsed.fileNames.filter((f) => relative(ROOT, f).startsWith("src"));
  const program = ts.createProgram({ rootNames: sources, options: parsed.options });
  const checker = program.getTypeChecker();
  const found = new Map<string, { set: string | null; files: Set<string> }>();
  for (const file of program.getSourceFiles()) {
    if (!relative(ROOT, file.fileName).startsWith("src")) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const declaration = checker.getSymbolAtLocation(node.name)?.declarations?.[0];
        if (declaration && /@types[\\/](office-js|custom-functions-runtime)[\\/]/.test(declaration.getSourceFile().fileName)) {
          const name = apiName(declaration, node.name.text);
          const owner = declaration.parent;
          const set = stated(declaration) ?? (owner && (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) ? stated(owner) : null);
          const entry = found.get(name) ?? { set, files: new Set<string>() };
          entry.files.add(relative(ROOT, file.fileName));
          found.set(name, entry);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

function version(set: string): number[] {
  return set.split(" ")[1]!.split(".").map(Number);
}

function higher(a: string, b: string): string {
  const [x, y] = [version(a), version(b)];
  const i = x.findIndex((n, k) => n !== y[k]);
  return i >= 0 && x[i]! < y[i]! ? b : a;
}

/** The highest set of each kind in `sets`. */
function highest(sets: Iterable<string>): Map<string, string> {
  const byName = new Map<string, string>();
  for (const set of sets) {
    const name = set.split(" ")[0]!;
    const seen = byName.get(name);
    byName.set(name, seen ? higher(seen, set) : set);
  }
  return byName;
}

function declared(xml: string): string[] {
  return findAll(findAll(parseXml(xml), "Requirements")[0]!, "Set")
    .map((s) => `${s.attributes.Name} ${s.attributes.MinVersion}`)
    .sort();
}

let apis: Map<string, { set: string | null; files: Set<string> }>;
let table: Record<string, string | null>;

beforeAll(() => {
  apis = officeApisCalled();
  const derived = Object.fromEntries([...apis.keys()].sort().map((name) => [name, name in NOT_AS_TYPED ? NOT_AS_TYPED[name]!.set : apis.get(name)!.set]));
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(TABLE, `${JSON.stringify(derived, null, 2)}\n`);
  table = JSON.parse(readFileSync(TABLE, "utf8")) as Record<string, string | null>;
});

describe("the Office APIs the sources call", () => {
  it("are found, the adapter's checks before a write among them", () => {
    expect(apis.get("Excel.Range.getSpillParentOrNullObject")).toEqual({ set: "ExcelApi 1.12", files: new Set(["src/adapters/office/office.ts"]) });
    expect(apis.get("Excel.Range.getMergedAreasOrNullObject")?.set).toBe("ExcelApi 1.13");
    expect(apis.get("CustomFunctions.Invocation.parameterAddresses")?.set).toBe("CustomFunctionsRuntime 1.3");
    expect(apis.get("Office.Addin.showAsTaskpane")?.set).toBe("SharedRuntime 1.1");
    expect(apis.has("Office.Actions.associate")).toBe(true);
  });

  it("that Excel is asked about at run time are each asked for by their set in every file that uses them", () => {
    for (const [name, { set }] of Object.entries(RUN_TIME_DETECTED)) {
      const api = apis.get(name);
      expect([name, api?.set]).toEqual([name, set]);
      const [setName, setVersion] = set.split(" ");
      for (const file of api!.files) {
        const text = readFileSync(join(ROOT, file), "utf8");
        expect([file, text.includes("isSetSupported(") && text.includes(`"${setName}"`) && text.includes(`"${setVersion}"`)]).toEqual([file, true]);
      }
    }
  });

  it("are each in the table (office-api-sets.json) with the set office.js's typings give them, and the table names no other", () => {
    const expected = Object.fromEntries([...apis.keys()].sort().map((name) => [name, name in NOT_AS_TYPED ? NOT_AS_TYPED[name]!.set : apis.get(name)!.set]));
    expect(table).toEqual(expected);
  });
});

describe("the requirement sets", () => {
  let needed: string[];
  beforeAll(async () => {
    const { metadata } = await generateMetadata();
    const options = metadata.functions.flatMap((f) => Object.entries(f.options ?? {}).filter(([, on]) => on === true).map(([option]) => option));
    const fromMetadata = options.filter((o) => o in METADATA_OPTIONS).map((o) => METADATA_OPTIONS[o]!);
    expect(fromMetadata).toContain("CustomFunctionsRuntime 1.3");
    const declaredByManifest = Object.entries(table).filter(([name, set]) => set !== null && !(name in RUN_TIME_DETECTED) && !(name in READ_WHERE_GIVEN)).map(([, set]) => set!);
    needed = [...highest([...declaredByManifest, ...fromMetadata]).values()].sort();
  });

  it("the code needs are all of kinds a manifest declares", () => {
    expect(needed.filter((set) => !DECLARABLE.includes(set.split(" ")[0]!))).toEqual([]);
    expect(needed).toEqual(["CustomFunctionsRuntime 1.3", "ExcelApi 1.13", "SharedRuntime 1.1"]);
  });

  it("are what manifest.xml (development) asks for", () => {
    expect(declared(developmentManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), manifestVersion()))).toEqual(needed);
  });

  it("are what the production manifest asks for", () => {
    expect(declared(productionManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), "https://addins.northshire.gov.uk/hnb/"))).toEqual(needed);
  });

  (existsSync(BUILT) ? it : it.skip)("are what the built manifest (dist/manifest.xml) asks for", () => {
    expect(declared(readFileSync(BUILT, "utf8"))).toEqual(needed);
  });
});
