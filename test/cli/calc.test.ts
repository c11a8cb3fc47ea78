/*
 * `hnb calc`: arguments, files, exit codes and the summary, run in-process through main(); and
 * once through the compiled command line, as bin/hnb.js runs it.
 * What the calculation itself gives is tested in test/workbook/calc.test.ts.
 */
import { execFileSync, spawnSync } from "child_process";
import { builtinModules } from "module";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative } from "path";
import { Workbook } from "exceljs";
import { hnb } from "../helpers/run-cli";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-calc-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string) => join(dir, name);

/** A workbook with HNB formulas and no cached values, as another program would write it. */
async function writeInput(path: string, extra?: (sheet: import("exceljs").Worksheet) => void): Promise<void> {
  const book = new Workbook();
  const sheet = book.addWorksheet("Savings Plan");
  sheet.addRow(["Initiative", "Status", "Saving", "RAG"]);
  sheet.addRow(["Specialist places", "On track", "£250"]);
  sheet.addRow(["Early help", "some risk", "532"]);
  sheet.addRow(["Transport", "Requires escalation", "£300"]);
  for (const r of [2, 3, 4]) sheet.getCell(`D${r}`).value = { formula: `HNB.RAG(B${r})` } as never;
  sheet.getCell("C6").value = { formula: "HNB.SAVINGSTOTAL(C2:C4)" } as never;
  sheet.getCell("C7").value = { formula: "HNB.PROJECTCOST(10,1000,0,0,3)" } as never;
  sheet.getCell("C8").value = { formula: 'HNB.MONEY("plenty")' } as never;
  extra?.(sheet);
  await book.xlsx.writeFile(path);
}

async function cached(path: string, address: string, sheetName = "Savings Plan"): Promise<unknown> {
  const book = new Workbook();
  await book.xlsx.readFile(path);
  return (book.getWorksheet(sheetName)!.getCell(address).model as { result?: unknown }).result;
}

describe("hnb calc", () => {
  it("works out targets as councils write them, as the add-in does in Excel (issue 23)", async () => {
    await writeInput(file("targets.xlsx"), (sheet) => {
      sheet.getCell("F1").value = "70% by 2025, 85% by 2026";
      sheet.getCell("F2").value = "Reduce to 10 by 2026/27 and 8 by 2027/28";
      sheet.getCell("F3").value = "Good by 2/2017 Outstanding by 2/2018";
      sheet.getCell("G1").value = { formula: "HNB.TARGET(F1,2025)" } as never;
      sheet.getCell("G2").value = { formula: 'HNB.TARGET(F2,"2027/28")' } as never;
      sheet.getCell("G3").value = { formula: "HNB.TARGET(F3,2017)" } as never;
    });
    await hnb("calc", file("targets.xlsx"), "--out", file("targets-calc.xlsx"));
    expect(await cached(file("targets-calc.xlsx"), "G1")).toBeCloseTo(0.7);
    expect(await cached(file("targets-calc.xlsx"), "G2")).toBe(8);
    expect(await cached(file("targets-calc.xlsx"), "G3")).toEqual({ error: "#N/A" });
  });

  it("names a status outside the key by its cell on the sheet, as Excel shows it, not its row in the range (issue 23)", async () => {
    await writeInput(file("ragcheck.xlsx"), (sheet) => {
      sheet.getCell("B3").value = "Purple";
      sheet.getCell("F5").value = { formula: "HNB.RAGCHECK(B2:B4)" } as never;
    });
    await hnb("calc", file("ragcheck.xlsx"), "--out", file("ragcheck-calc.xlsx"));
    expect(await cached(file("ragcheck-calc.xlsx"), "F5")).toMatch(/“Purple” \(B3\)/);
  });

  it("writes the workbook with every result cached and prints a summary", async () => {
    await writeInput(file("plan.xlsx"));
    const run = await hnb("calc", file("plan.xlsx"), "--out", file("plan-calc.xlsx"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Calculated 6 HNB formulas in ${file("plan.xlsx")} (1 spill, 1 error value) and wrote ${file("plan-calc.xlsx")}.`);
    expect(run.stdout).toMatch(/Spills\n {2}'Savings Plan'!C7:E7 {2}1×3 {2}=HNB\.PROJECTCOST\(10,1000,0,0,3\)/);
    expect(run.stdout).toMatch(/Error values\n {2}'Savings Plan'!C8 {2}#VALUE! {2}.*plenty/);
    expect(await cached(file("plan-calc.xlsx"), "D2")).toBe("Green");
    expect(await cached(file("plan-calc.xlsx"), "C6")).toBe(1082);
    // Nothing half-written is left beside the output.
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("works out the scorecard functions in a file: the issue's examples as cached results", async () => {
    const book = new Workbook();
    const sheet = book.addWorksheet("Scorecard");
    const formulas: [string, string][] = [
      ["A1", 'HNB.TARGET("65% 2026; 80% 2027",2027)'],
      ["A2", 'HNB.TARGET("2026: 15%; 2027: 18%",2026)'],
      ["A3", 'HNB.TARGET("50% reduction by 2026-27","2026/27",14)'],
      ["A4", 'HNB.TARGET("5% reduction 2026-27","2026/27",9600000)'],
      ["A5", "HNB.KPISTATUS(62%,65%)"],
      ["A6", "HNB.KPISTATUS(50%,65%)"],
      ["A7", 'HNB.KPISTATUS(6,7,"lower")'],
      ["A8", "HNB.TRAJECTORY(52%,2025,80%,2027,2026)"],
      ["A9", 'HNB.TARGET("65% 2026; 80% 2027",2028)'],
    ];
    for (const [at, formula] of formulas) sheet.getCell(at).value = { formula } as never;
    await book.xlsx.writeFile(file("scorecard.xlsx"));
    const run = await hnb("calc", file("scorecard.xlsx"), "--out", file("scorecard-calc.xlsx"));
    expect(run.stdout).toContain("Calculated 9 HNB formulas");
    expect(run.stdout).toMatch(/Scorecard!A9 {2}#N\/A {2}.*No target for 2028: the cell sets targets for 2026 and 2027/);
    const results = await Promise.all(formulas.map(([at]) => cached(file("scorecard-calc.xlsx"), at, "Scorecard")));
    expect(results.slice(0, 8).map((v) => (typeof v === "number" ? Number(v.toFixed(10)) : v))).toEqual([0.8, 0.15, 7, 9_120_000, "Amber", "Red", "Green", 0.66]);
  });

  it("works out the 2026 deficit rules in a file: the grant and the sources check", async () => {
    const book = new Workbook();
    const sheet = book.addWorksheet("DSG");
    sheet.addRow(["s251 outturn", 12345]);
    sheet.addRow(["DSG note (published)", 12300]);
    sheet.getCell("D1").value = { formula: "HNB.STABILITYGRANT(12345,345)" } as never;
    sheet.getCell("D2").value = { formula: "HNB.SOURCECHECK(B1:B2,A1:A2)" } as never;
    sheet.getCell("D3").value = { formula: "HNB.STABILITYGRANT(-500)" } as never;
    await book.xlsx.writeFile(file("dsg-rules.xlsx"));
    const run = await hnb("calc", file("dsg-rules.xlsx"), "--out", file("dsg-rules-calc.xlsx"));
    expect(run.stdout).toContain("Calculated 3 HNB formulas");
    expect(await cached(file("dsg-rules-calc.xlsx"), "D1", "DSG")).toBe(10_800);
    expect(await cached(file("dsg-rules-calc.xlsx"), "D2", "DSG")).toBe("The sources differ: the lowest is DSG note (published) (12,300); s251 outturn is 45 above it. DfE will use the lowest unless the difference is explained.");
    expect(await cached(file("dsg-rules-calc.xlsx"), "D3", "DSG")).toBe(0);
  });

  it("never replaces --out without --force, and does with it", async () => {
    await writeInput(file("force.xlsx"));
    writeFileSync(file("taken.xlsx"), "precious");
    const refused = await hnb("calc", file("force.xlsx"), "--out", file("taken.xlsx"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`hnb: ${file("taken.xlsx")} already exists: add --force to replace it, or choose another --out.\n`);
    expect(refused.stdout).toBe("");
    expect(readFileSync(file("taken.xlsx"), "utf8")).toBe("precious");

    const forced = await hnb("calc", file("force.xlsx"), "--out", file("taken.xlsx"), "--force");
    expect(forced.code).toBe(0);
    expect(await cached(file("taken.xlsx"), "C6")).toBe(1082);
  });

  it("can calculate a workbook in place with --force", async () => {
    await writeInput(file("in-place.xlsx"));
    const run = await hnb("calc", file("in-place.xlsx"), "-o", file("in-place.xlsx"), "-f");
    expect(run.code).toBe(0);
    expect(await cached(file("in-place.xlsx"), "D4")).toBe("Red");
  });

  it("writes HNB calls as typed with --dotted", async () => {
    await writeInput(file("dotted.xlsx"));
    expect((await hnb("calc", file("dotted.xlsx"), "--out", file("dotted-out.xlsx"), "--dotted")).code).toBe(0);
    const book = new Workbook();
    await book.xlsx.readFile(file("dotted-out.xlsx"));
    expect(book.getWorksheet("Savings Plan")!.getCell("D2").formula).toBe("HNB.RAG(B2)");
  });

  it("exits 1, still writing the workbook, when a formula cannot be worked out", async () => {
    await writeInput(file("partial.xlsx"), (sheet) => {
      sheet.getCell("F1").value = { formula: "XLOOKUP(1,A1:A2,B1:B2)&HNB.RAG(B2)", result: "old" } as never;
    });
    const run = await hnb("calc", file("partial.xlsx"), "--out", file("partial-out.xlsx"));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Could not be worked out (left as they were)\n  'Savings Plan'!F1  hnb calc cannot work out XLOOKUP: =XLOOKUP(1,A1:A2,B1:B2)&HNB.RAG(B2)");
    expect(await cached(file("partial-out.xlsx"), "F1")).toBe("old");
    expect(await cached(file("partial-out.xlsx"), "D2")).toBe("Green");
  });

  it("says so when there is nothing to calculate", async () => {
    const book = new Workbook();
    book.addWorksheet("Notes").getCell("A1").value = "No formulas here";
    await book.xlsx.writeFile(file("plain.xlsx"));
    const run = await hnb("calc", file("plain.xlsx"), "--out", file("plain-out.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`No HNB formulas in ${file("plain.xlsx")}: wrote it to ${file("plain-out.xlsx")} unchanged.\n`);
    expect(existsSync(file("plain-out.xlsx"))).toBe(true);
  });

  it.each([
    [["calc"], /^hnb: calc: give the workbook to calculate \(\.xlsx\)\. Try "hnb calc --help"\.\n$/],
    [["calc", "a.xlsx"], /--out <file\.xlsx> is required/],
    [["calc", "a.xlsx", "b.xlsx", "--out", "c.xlsx"], /calculates one workbook at a time; got 2/],
    [["calc", "a.xlsx", "--out", "c.csv"], /--out must name an \.xlsx file, not "c\.csv"/],
    [["calc", "a.xlsx", "--out"], /--out needs a value/],
    [["calc", "a.xlsx", "--out", "c.xlsx", "--fast"], /unknown option --fast/],
  ])("refuses %j with exit 2 and one line", async (argv, message) => {
    const run = await hnb(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stdout).toBe("");
  });

  it.each([
    ["missing.xlsx", null, /^hnb: cannot find .*missing\.xlsx\.\n$/],
    ["notes.csv", "a,b\n", /hnb calc works on \.xlsx workbooks, not \.csv files/],
    ["macros.xlsm", "x", /has macros, which would be lost/],
    ["old.xls", "x", /Excel 97–2003 workbook/],
    ["fake.xlsx", "not a zip", /is not an Excel workbook \(\.xlsx\)/],
    ["locked.xlsx", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), /password-protected/],
    ["broken.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /could not be read as an Excel workbook/],
  ])("exits 2 for an input it cannot read: %s", async (name, content, message) => {
    if (content !== null) writeFileSync(file(name), content);
    const run = await hnb("calc", file(name), "--out", file(`${name}-out.xlsx`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(file(`${name}-out.xlsx`))).toBe(false);
  });

  it("exits 2 when the output folder does not exist", async () => {
    await writeInput(file("nowhere-in.xlsx"));
    const run = await hnb("calc", file("nowhere-in.xlsx"), "--out", join(dir, "no-such-folder", "out.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/its folder does not exist/);
  });

  it("has help of its own and is listed in the general help", async () => {
    for (const argv of [["calc", "--help"], ["help", "calc"]]) {
      const run = await hnb(...argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^hnb calc: /);
      expect(run.stdout).toContain("--force");
    }
    expect((await hnb("--help")).stdout).toContain("hnb calc <file.xlsx> --out <file.xlsx> [--force]");
  });
});

describe("the compiled command line", () => {
  const root = join(__dirname, "..", "..");
  // Built apart from lib/, so it does not race the other tests' `npm run build:cli`; inside the
  // project, so that its require() calls find node_modules.
  const build = join(root, "test-results", "calc-cli-build");

  beforeAll(() => {
    rmSync(build, { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.cli.json"), "--outDir", join(build, "lib")], {
      cwd: root,
      stdio: "pipe",
      timeout: 120_000,
    });
    mkdirSync(join(build, "bin"), { recursive: true });
    copyFileSync(join(root, "bin", "hnb.js"), join(build, "bin", "hnb.js"));
  }, 120_000);

  it("calculates in plain Node, with no CustomFunctions global", async () => {
    await writeInput(file("built.xlsx"));
    const result = spawnSync(process.execPath, [join(build, "bin", "hnb.js"), "calc", file("built.xlsx"), "--out", file("built-out.xlsx")], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(await cached(file("built-out.xlsx"), "C6")).toBe(1082);
    expect(await cached(file("built-out.xlsx"), "C8")).toEqual({ error: "#VALUE!" });
    expect(statSync(file("built-out.xlsx")).size).toBeGreaterThan(0);
  });

  it("needs only the package's dependencies at run time", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const outside: string[] = [];
    // Every module reachable from the calc command's entry points.
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      const source = readFileSync(path, "utf8");
      for (const m of source.matchAll(/require\("([^"]+)"\)|import\("([^"]+)"\)/g)) {
        const target = m[1] ?? m[2]!;
        if (target.startsWith(".")) {
          const resolved = join(dirname(path), target);
          visit(existsSync(`${resolved}.js`) ? `${resolved}.js` : join(resolved, "index.js"));
        } else {
          const name = target.startsWith("@") ? target.split("/").slice(0, 2).join("/") : target.split("/")[0]!;
          if (!allowed.has(name.replace(/^node:/, ""))) outside.push(`${relative(build, path)} → ${target}`);
        }
      }
    };
    visit(join(build, "lib", "cli", "main.js"));
    expect(seen.has(join(build, "lib", "engine", "calc.js"))).toBe(true);
    expect(seen.has(join(build, "lib", "functions", "implementations.js"))).toBe(true);
    // Excel's wrappers need Excel's CustomFunctions global: the command line never loads them.
    expect(seen.has(join(build, "lib", "functions", "functions.js"))).toBe(false);
    expect(outside).toEqual([]);
  });
});
