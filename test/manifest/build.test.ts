/**
 * The two builds (webpack.config.js): a production build needs a real URL and says so in one
 * line without one; each build's functions namespace is the same in its manifest, in the task
 * pane's formulas and words (DefinePlugin) and in its help page; CI builds with a URL the build
 * accepts.
 */
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { DEVELOPMENT, PRODUCTION, productionUrl } from "../../scripts/manifest-urls.cjs";
import { parseXml, findAll, attribute } from "./xml";

jest.setTimeout(60_000);

const ROOT = join(__dirname, "..", "..");

interface Plugin {
  constructor: { name: string };
  definitions?: Record<string, string>;
  namespace?: string;
  baseUrl?: string;
  patterns?: { from: string; transform?: (content: Buffer) => string }[];
}

async function config(mode: "development" | "production", url?: string): Promise<{ plugins: Plugin[] }> {
  const before = process.env.HNB_PRODUCTION_URL;
  if (url === undefined) delete process.env.HNB_PRODUCTION_URL;
  else process.env.HNB_PRODUCTION_URL = url;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
    const make = require("../../webpack.config.js") as (env: object, options: { mode: string }) => Promise<{ plugins: Plugin[] }>;
    return await make({}, { mode });
  } finally {
    if (before === undefined) delete process.env.HNB_PRODUCTION_URL;
    else process.env.HNB_PRODUCTION_URL = before;
  }
}

/** What `webpack --mode production` prints when it loads the config with `url` (or none). */
function productionBuildLoads(url: string | undefined): { status: number | null; stderr: string; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.HNB_PRODUCTION_URL;
  if (url !== undefined) env.HNB_PRODUCTION_URL = url;
  const run = spawnSync(process.execPath, ["-e", 'require("./webpack.config.js")({}, { mode: "production" }).then(() => console.log("loaded"))'], { cwd: ROOT, env, encoding: "utf8" });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

describe("a production build's URL (HNB_PRODUCTION_URL)", () => {
  it("is refused when unset, and the build stops with one line saying what to do", () => {
    // Unset in the environment too: CI sets a stand-in for its own production build.
    const before = process.env.HNB_PRODUCTION_URL;
    delete process.env.HNB_PRODUCTION_URL;
    try {
      expect(() => productionUrl(undefined)).toThrow(/^HNB_PRODUCTION_URL is not set/);
    } finally {
      if (before !== undefined) process.env.HNB_PRODUCTION_URL = before;
    }
    expect(() => productionUrl("  ")).toThrow(/^HNB_PRODUCTION_URL is not set/);
    const run = productionBuildLoads(undefined);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      "[hnb] HNB_PRODUCTION_URL is not set: a production build needs the https address dist/ will be served from (HNB_PRODUCTION_URL=https://<your server>/<folder>/ npm run build); npm run build:dev builds for https://localhost:3000/ instead.",
    ]);
  });

  it.each([
    ["http://addins.northshire.gov.uk/hnb/", /must use https/],
    ["https://www.contoso.com/hnb/", /placeholder/],
    ["https://contoso.sharepoint.com/hnb/", /placeholder/],
    ["https://addins.example.gov.uk/hnb/", /placeholder/],
    ["https://example.com/", /placeholder/],
    ["https://hnb.test/", /placeholder/],
    ["https://localhost:3000/", /this machine/],
    ["https://127.0.0.1/hnb/", /this machine/],
    ["https://addins.northshire.gov.uk/hnb/?v=1", /folder/],
    ["not a url", /not a valid URL/],
  ])("refuses %s", (url, why) => {
    expect(() => productionUrl(url)).toThrow(why);
    const run = productionBuildLoads(url);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("takes a real https address, as a folder", () => {
    expect(productionUrl("https://addins.northshire.gov.uk/hnb")).toBe("https://addins.northshire.gov.uk/hnb/");
    expect(productionUrl(" https://hnb.shared.council.org.uk/ ")).toBe("https://hnb.shared.council.org.uk/");
    expect(productionBuildLoads("https://addins.northshire.gov.uk/hnb/")).toMatchObject({ status: 0, stdout: "loaded\n" });
  });

  it("is given by CI (.ci/run), which builds for production", () => {
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
    const url = /^export HNB_PRODUCTION_URL="?([^"\s]+)"?$/m.exec(ci)?.[1];
    expect(url).toBeDefined();
    expect(productionUrl(url)).toBe(url);
    expect(ci).toMatch(/^npm run build <\/dev\/null$/m);
  });
});

describe.each([
  ["development", undefined, DEVELOPMENT],
  ["production", "https://addins.northshire.gov.uk/hnb/", PRODUCTION],
] as const)("the %s build", (mode, url, identity) => {
  let plugins: Plugin[];
  beforeAll(async () => {
    plugins = (await config(mode, url)).plugins;
  });
  const plugin = (name: string) => plugins.find((p) => p.constructor.name === name)!;

  it("writes the manifest of its own identity, with its functions' namespace", () => {
    const manifest = plugin("CopyPlugin").patterns!.find((p) => p.from === "manifest.xml")!;
    const xml = manifest.transform!(readFileSync(join(ROOT, "manifest.xml")));
    const root = parseXml(xml);
    expect(findAll(root, "Id")[0]!.text).toBe(identity.id);
    const strings = findAll(root, "String");
    expect(attribute(strings.find((s) => s.attributes.id === "Functions.Namespace")!, "DefaultValue")).toBe(identity.namespace);
  });

  it("tells the task pane the same namespace, and that it is a development build or not", () => {
    const { definitions } = plugin("DefinePlugin");
    expect(definitions!.__HNB_NAMESPACE__).toBe(JSON.stringify(identity.namespace));
    expect(definitions!.__HNB_DEVELOPMENT__).toBe(JSON.stringify(mode === "development"));
  });

  it("writes its help page in the same namespace, at its own URL", () => {
    expect(plugin("HelpPagePlugin").namespace).toBe(identity.namespace);
    expect(plugin("HelpPagePlugin").baseUrl).toBe(url ?? "https://localhost:3000/");
  });
});

describe("the help page", () => {
  it("shows each function in the build's namespace, and leaves the add-in's name alone", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own helper is CommonJS
    const { inNamespace } = require("../../scripts/help-page.cjs") as { inNamespace: (markdown: string, namespace?: string) => string };
    const markdown = readFileSync(join(ROOT, "docs", "functions.md"), "utf8");
    const dev = inNamespace(markdown, "HNBDEV");
    expect(dev).toContain("=HNBDEV.CARRYFORWARD(");
    expect(dev).toContain("`HNBDEV` namespace");
    expect(dev).not.toMatch(/\bHNB\./);
    expect(inNamespace("HNB High Needs: =HNB.RAG(F2), HNB.MONEY and `=HNB.`", "HNBDEV")).toBe("HNB High Needs: =HNBDEV.RAG(F2), HNBDEV.MONEY and `=HNBDEV.`");
    expect(inNamespace(markdown)).toBe(markdown);
  });
});
