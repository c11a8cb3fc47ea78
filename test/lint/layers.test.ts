import { execFileSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join, relative, sep } from "path";

const ROOT = join(__dirname, "..", "..");

/**
 * Each probe is a one-line module linted as if it were at `file`, through the project's own
 * eslint.config.mjs (in a child Node: the flat config is an ES module jest cannot load).
 */
function lint(probes: { file: string; source: string }[], rule: string | RegExp = "no-restricted-imports"): string[][] {
  const rules = typeof rule === "string" ? `^${rule}$` : rule.source;
  const script = `
    const { ESLint } = require("eslint");
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = [];
      for (const p of JSON.parse(process.argv[1])) {
        const [result] = await eslint.lintText(p.source, { filePath: p.file });
        out.push(result.messages.filter((m) => new RegExp(process.argv[2]).test(m.ruleId ?? "")).map((m) => \`\${m.ruleId}: \${m.message}\`));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, JSON.stringify(probes), rules], { cwd: ROOT, encoding: "utf8" })) as string[][];
}

describe("the layers, enforced by lint", () => {
  it("fails an import that goes up a layer, or into another layer's files, and passes one through an index below", () => {
    const [coreUp, appToAdapter, paneDeep, adapterToApp, appDown, paneDown, xlsxToRead, appIntoTable, cliIntoCore, cliThroughIndexes, coreWithin] = lint([
      { file: "src/core/table/probe.ts", source: 'export { buildTemplate } from "../../app";\n' },
      { file: "src/app/probe.ts", source: 'export { XlsxWorkbook } from "../adapters/xlsx";\n' },
      { file: "src/taskpane/screens/probe.ts", source: 'export { planOperations } from "../../port/plan";\n' },
      { file: "src/adapters/memory/probe.ts", source: 'export { readWorkbookTables } from "../../app";\n' },
      { file: "src/app/probe.ts", source: 'export { planOperations } from "../port";\n' },
      { file: "src/taskpane/screens/probe.ts", source: 'export { MemoryWorkbook } from "../../adapters/memory";\n' },
      { file: "src/adapters/xlsx/probe.ts", source: 'export { readGridsFromBytes } from "../xlsx-read";\n' },
      { file: "src/app/probe.ts", source: 'export { readTables } from "../core/table/reader";\n' },
      { file: "src/cli/probe.ts", source: 'export { formatDate } from "../core/years";\n' },
      { file: "src/cli/probe.ts", source: 'export { readTables } from "../core/table";\nexport { formatDate } from "../core";\n' },
      { file: "src/core/table/probe.ts", source: 'export { formatDate } from "../years";\n' },
    ]);
    expect(coreUp![0]).toMatch(/only from the layers below it/);
    expect(appToAdapter![0]).toMatch(/only from the layers below it/);
    expect(paneDeep![0]).toMatch(/through its index/);
    expect(adapterToApp![0]).toMatch(/only from the layers below it/);
    expect(appIntoTable![0]).toMatch(/through its index \(core, or core\/table\)/);
    expect(cliIntoCore![0]).toMatch(/through its index \(core, or core\/table\)/);
    expect([appDown, paneDown, xlsxToRead, cliThroughIndexes, coreWithin]).toEqual([[], [], [], [], []]);
  });
});

describe("the kinds of table, enforced by lint", () => {
  it("fails a kind that imports another kind or the registry, and passes one that imports the shared table rules", () => {
    const [otherKind, registry, shared, core] = lint([
      { file: "src/core/table/kinds/reserve/probe.ts", source: 'export { movement } from "../movement";\n' },
      { file: "src/core/table/kinds/reserve/probe.ts", source: 'export { KIND_RULES } from "..";\n' },
      { file: "src/core/table/kinds/reserve/probe.ts", source: 'export { weigh } from "../../shape/kind-rule";\n' },
      { file: "src/core/table/kinds/reserve/probe.ts", source: 'export { formatMoney } from "../../../money";\n' },
    ]);
    expect(otherKind![0]).toMatch(/never another kind/);
    expect(registry![0]).toMatch(/does not import the registry/);
    expect([shared, core]).toEqual([[], []]);
  });
});

describe("Excel's CustomFunctions global", () => {
  it("is touched only by the Excel wrappers, src/functions/functions.ts", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return files(path);
        return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
      });
    const touching = files(join(ROOT, "src"))
      .filter((path) => /\bCustomFunctions\b/.test(readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path).split(sep).join("/"));
    expect(touching).toEqual(["src/functions/functions.ts"]);
  });
});

describe("no spread of a list into Math.max or Math.min, enforced by lint", () => {
  it("fails Math.max(...list) and Math.min(...list) in the sources, and passes maxOf", () => {
    const script = `
      const { ESLint } = require("eslint");
      (async () => {
        const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
        const out = [];
        for (const source of JSON.parse(process.argv[1])) {
          const [result] = await eslint.lintText(source, { filePath: "src/core/probe.ts" });
          out.push(result.messages.filter((m) => m.ruleId === "no-restricted-syntax").length);
        }
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const counts = JSON.parse(
      execFileSync(process.execPath, ["-e", script, JSON.stringify(["export const a = (xs: number[]) => Math.max(...xs);\n", "export const b = (xs: number[]) => Math.min(0, ...xs);\n", 'import { maxOf } from "./grid";\nexport const c = (xs: number[]) => maxOf(xs);\n'])], { cwd: ROOT, encoding: "utf8" }),
    ) as number[];
    expect(counts).toEqual([1, 1, 0]);
  });
});

describe("regular expressions, checked by lint", () => {
  it("fails a pattern that can backtrack super-linearly on text a user typed, and passes a linear one", () => {
    const [nested, overlapping, unanchored, linear] = lint(
      [
        { file: "src/core/probe.ts", source: "export const NOTE = /^(\\s*[*]+)+$/;\n" },
        { file: "src/core/probe.ts", source: "export const PAIR = /^\\s*(.+?)\\s*$/;\n" },
        { file: "src/core/table/probe.ts", source: 'export const trimmed = (s: string) => s.replace(/\\s+$/, "");\n' },
        { file: "src/core/probe.ts", source: "export const YEAR = /^(\\d{4})\\/(\\d{2})$/;\n" },
      ],
      /^regexp\//,
    );
    expect(nested!.join("\n")).toMatch(/regexp\/no-super-linear-backtracking: .*exponential backtracking/);
    expect(overlapping!.join("\n")).toMatch(/regexp\/no-super-linear-backtracking/);
    expect(unanchored!.join("\n")).toMatch(/regexp\/no-super-linear-move/);
    expect(linear).toEqual([]);
  });
});
