/*
 * The hnb command line, run in-process through main() with its output captured. The table
 * reader, checks and import are replaced by small fakes here, so these tests pin down what the
 * CLI itself does (arguments, files, output, exit codes); test/cli/samples.e2e.test.ts runs the
 * real ones over the shared samples.
 */
import { execFileSync, execSync, spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import type { CheckOptions, Finding, ImportedTable, ImportOptions, SheetGrid, Table } from "../../src/core/table/types";
import { location } from "../../src/core/table/location";
import { serialFromYmd } from "../../src/core/years";
import { parseAsOf } from "../../src/cli/main";
import { type Run, hnbWith } from "../helpers/run-cli";
import type { CliDeps } from "../../src/cli/io";

// ---------------------------------------------------------------------------------------------
// Fakes of the core table functions

/** A grid is a savings plan when its first row has an "Initiative" heading; rows below are data. */
function fakeReadTables(grid: SheetGrid): Table[] {
  const [header, ...rest] = grid.values;
  if (!header || !header.some((h) => h === "Initiative")) return [];
  const origin = grid.origin ?? { row: 0, column: 0 };
  return [
    {
      sheet: grid.name,
      kind: "savings-plan",
      kindReason: "an Initiative heading",
      headerRow: 0,
      columns: header.map((h, index) => ({ index, header: String(h), field: "initiative", reason: "fake" })),
      unmapped: [],
      rows: rest.map((cells, i) => ({ index: i + 1, role: "data", cells, fills: cells.map(() => null), group: String(cells[0]) })),
      lastRow: rest.length,
      origin,
    },
  ];
}

/** "TBC" anywhere is a warning, "ERROR" an error, "NOTE" information; locations as the real checks give them. */
function fakeCheckTables(tables: Table[], options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, c) => {
        const at = location(table.sheet, row.index, c, table.origin);
        if (cell === "TBC") findings.push({ rule: "rag.unknown", severity: "warning", location: at, message: "“TBC” is not a status in the key.", actual: "TBC" });
        if (cell === "ERROR") {
          findings.push({ rule: "total.mismatch", severity: "error", location: at, message: "The rows add to £675,000 but the total says £657,000.", expected: 675000, actual: 657000 });
        }
        if (cell === "NOTE") findings.push({ rule: "date.due", severity: "info", location: at, message: `Deadline just passed (as of ${options.asOf}).` });
      });
    }
  }
  return findings;
}

function fakeImportTable(table: Table, options: ImportOptions): ImportedTable {
  if (table.rows.some((r) => r.cells.includes("BREAK IMPORT"))) throw new Error("cannot import this");
  return {
    title: "Savings plan",
    kind: table.kind,
    headers: table.columns.map((c) => c.header),
    formats: table.columns.map(() => "text"),
    rows: table.rows.map((r) => r.cells),
    footer: [],
    notes: [
      { location: location(table.sheet, 0, 0, table.origin), kind: "inferred", message: options.realign ? "Realigned." : "Kept as laid out." },
      { location: location(table.sheet, 1, 0, table.origin), kind: "unread", message: "Could not read." },
    ],
  };
}

// The table rules hnb runs, given to main() as its dependencies: fakes that say what was asked of them.
const core = {
  readTables: jest.fn(),
  checkTables: jest.fn(),
  importTable: jest.fn(),
};
const hnb = (...argv: string[]) => hnbWith({ rules: core as unknown as CliDeps["rules"] }, ...argv);

beforeEach(() => {
  core.readTables.mockReset().mockImplementation(fakeReadTables);
  core.checkTables.mockReset().mockImplementation(fakeCheckTables);
  core.importTable.mockReset().mockImplementation(fakeImportTable);
});

// ---------------------------------------------------------------------------------------------
// Running main() and files


/** A one-line message on stderr, no stack trace, nothing on stdout. */
function expectOneLineFailure(run: Run, pattern: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^hnb: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function textFile(name: string, lines: string[][], delimiter = "\t"): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => l.join(delimiter)).join("\r\n") + "\r\n");
  return path;
}

const plan = (...statuses: string[]) => [
  ["Initiative", "RAG", "24/25"],
  ...statuses.map((s, i) => [`Initiative ${i + 1}`, s, "£1,000"]),
];

const outFile = (name: string) => join(dir, name);
const leftovers = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

// ---------------------------------------------------------------------------------------------

describe("hnb check", () => {
  it("exits 0 and lists warnings by severity when there are no errors", async () => {
    const file = textFile("warnings.tsv", plan("Green", "TBC", "NOTE"));
    const run = await hnb("check", file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Checked");
    expect(run.stdout).toContain("1 table (savings plan at warnings!A1)");
    expect(run.stdout).toMatch(/\nWarnings\n {2}warnings!B3 {2}rag\.unknown {2}“TBC” is not a status in the key\.\n/);
    expect(run.stdout).toMatch(/\nInformation\n {2}warnings!B4 {2}date\.due {2}Deadline just passed/);
    expect(run.stdout).not.toContain("Errors");
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("0 errors, 1 warning, 1 note");
  });

  it("exits 1 when any finding is an error, listing errors first", async () => {
    const file = textFile("errors.tsv", plan("TBC", "ERROR", "ERROR"));
    const run = await hnb("check", file);
    expect(run.code).toBe(1);
    const headings = run.stdout.split("\n").filter((l) => /^(Errors|Warnings|Information)$/.test(l));
    expect(headings).toEqual(["Errors", "Warnings"]);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("2 errors, 1 warning, 0 notes");
  });

  it("aligns locations and rules in columns within a group", async () => {
    const rows = plan("ERROR");
    for (let i = 0; i < 10; i++) rows.push([`More ${i}`, "ERROR", ""]);
    const run = await hnb("check", textFile("aligned.tsv", rows));
    const lines = run.stdout.split("\n").filter((l) => l.includes("total.mismatch"));
    expect(new Set(lines.map((l) => l.indexOf("total.mismatch"))).size).toBe(1);
  });

  it("prints one line for a rule found on many cells of a column, and --json still lists every cell", async () => {
    const file = textFile("folded.tsv", plan("TBC", "TBC", "TBC", "TBC"));
    const run = await hnb("check", file);
    const lines = run.stdout.split("\n").filter((l) => l.includes("rag.unknown"));
    expect(lines).toEqual(["  folded!B2:B5  rag.unknown  4 cells in column B (B2:B5): “TBC” is not a status in the key."]);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("0 errors, 4 warnings, 0 notes (in 1 line: a rule found on 3 or more cells of one column is one line; --json lists every cell)");
    const json = JSON.parse((await hnb("check", file, "--json")).stdout) as { findings: Finding[]; groups: { location: string; locations: string[] }[] };
    expect(json.findings.map((f) => f.location)).toEqual(["folded!B2", "folded!B3", "folded!B4", "folded!B5"]);
    expect(json.groups).toEqual([expect.objectContaining({ location: "folded!B2:B5", locations: json.findings.map((f) => f.location) })]);
  });

  it("says so when every check passes", async () => {
    const run = await hnb("check", textFile("clean.tsv", plan("Green")));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Nothing to report");
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("0 errors, 0 warnings, 0 notes");
  });

  it("prints only {\"findings\": [...]} with each finding's fields for --json", async () => {
    const file = textFile("json.tsv", plan("TBC", "ERROR"));
    const run = await hnb("check", file, "--json");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const parsed = JSON.parse(run.stdout) as { findings: Finding[] };
    expect(Object.keys(parsed)).toEqual(["asOf", "findings", "groups"]);
    expect(parsed.findings).toEqual([
      { rule: "rag.unknown", severity: "warning", location: "json!B2", message: "“TBC” is not a status in the key.", actual: "TBC" },
      {
        rule: "total.mismatch",
        severity: "error",
        location: "json!B3",
        message: "The rows add to £675,000 but the total says £657,000.",
        expected: 675000,
        actual: 657000,
      },
    ]);
    expect(run.stdout.endsWith("}\n")).toBe(true);
  });

  it("prints an empty list for --json when nothing is found, and exits 0", async () => {
    const run = await hnb("check", "--json", textFile("json-clean.tsv", plan("Green")));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ asOf: null, findings: [], groups: [] });
  });

  it("passes --as-of to the checks as an Excel serial, in ISO or UK order", async () => {
    const file = textFile("asof.tsv", plan("NOTE"));
    await hnb("check", file, "--as-of", "2025-04-01");
    expect(core.checkTables.mock.calls[0][1]).toEqual({ asOf: serialFromYmd(2025, 4, 1) });
    await hnb("check", file, "--as-of=01/04/2025");
    expect(core.checkTables.mock.calls[1][1]).toEqual({ asOf: 45748 });
    await hnb("check", file);
    expect(core.checkTables.mock.calls[2][1]).toEqual({});
  });

  it("checks every sheet of a workbook in one call, with locations on each sheet", async () => {
    const workbook = new Workbook();
    const first = workbook.addWorksheet("Savings plan");
    first.getCell("C5").value = "Initiative";
    first.getCell("D5").value = "RAG";
    first.getCell("C6").value = "Autism outreach";
    first.getCell("D6").value = "TBC";
    const second = workbook.addWorksheet("Summary");
    second.addRow(["Initiative", "RAG"]);
    second.addRow(["Post-16", "ERROR"]);
    workbook.addWorksheet("Notes").addRow(["Nothing here"]);
    const path = join(dir, "workbook.xlsx");
    await workbook.xlsx.writeFile(path);

    const run = await hnb("check", path, "--json");
    expect(run.code).toBe(1);
    expect(core.checkTables).toHaveBeenCalledTimes(1);
    expect((core.checkTables.mock.calls[0][0] as Table[]).map((t) => t.sheet)).toEqual(["Savings plan", "Summary"]);
    expect((JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => f.location)).toEqual([
      "'Savings plan'!D6",
      "Summary!B2",
    ]);
  });

  it("reads comma- and semicolon-separated CSV, and UTF-16 text as Excel saves it", async () => {
    const csv = textFile("plan.csv", plan("TBC"), ",");
    expect((await hnb("check", csv, "--json")).stdout).toContain('"location":"plan!B2"');
    const semicolons = textFile("plan-eu.csv", plan("TBC"), ";");
    expect((await hnb("check", semicolons, "--json")).stdout).toContain('"location":"\'plan-eu\'!B2"');
    const unicode = join(dir, "unicode.txt");
    const text = plan("TBC").map((l) => l.join("\t")).join("\r\n");
    writeFileSync(unicode, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const run = await hnb("check", unicode, "--json");
    expect(run.stdout).toContain('"location":"unicode!B2"');
    expect((core.readTables.mock.calls.at(-1)[0] as SheetGrid).values[1]).toEqual(["Initiative 1", "TBC", "£1,000"]);
  });

  it("reads a CSV saved in Windows-1252, with £ as one byte", async () => {
    const path = join(dir, "ansi.csv");
    writeFileSync(path, Buffer.from("Initiative,24/25\r\nAutism,\xa340,000\r\n", "latin1"));
    await hnb("check", path);
    expect((core.readTables.mock.calls.at(-1)[0] as SheetGrid).values[1]).toEqual(["Autism", "£40", "000"]);
  });

  it("exits 2 when no table is found", async () => {
    expectOneLineFailure(await hnb("check", textFile("no-table.tsv", [["Just a note"]])), /no table found in .*no-table\.tsv/);
  });

  it("exits 2 with one line for a file that does not exist", async () => {
    expectOneLineFailure(await hnb("check", join(dir, "missing.xlsx")), /cannot find .*missing\.xlsx/);
  });

  it("exits 2 with one line for a folder", async () => {
    mkdirSync(join(dir, "folder.tsv"), { recursive: true });
    expectOneLineFailure(await hnb("check", join(dir, "folder.tsv")), /folder\.tsv is a folder, not a file/);
  });

  it("exits 2 with one line for an unknown file type", async () => {
    const path = join(dir, "paper.pdf");
    writeFileSync(path, "%PDF-1.4");
    expectOneLineFailure(await hnb("check", path), /cannot read \.pdf files; give a \.xlsx, \.tsv, \.txt or \.csv file/);
  });

  it("exits 2 for an old .xls workbook, saying to save it as .xlsx", async () => {
    const path = join(dir, "old.xls");
    writeFileSync(path, "whatever");
    expectOneLineFailure(await hnb("check", path), /Excel 97–2003 workbook: open it in Excel and save it as \.xlsx/);
  });

  it("exits 2 for an .xlsx that is not a workbook", async () => {
    const path = join(dir, "fake.xlsx");
    writeFileSync(path, "Initiative\tRAG\n");
    expectOneLineFailure(await hnb("check", path), /fake\.xlsx is not an Excel workbook/);
  });

  it("exits 2 for a password-protected workbook", async () => {
    const path = join(dir, "protected.xlsx");
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expectOneLineFailure(await hnb("check", path), /password-protected/);
  });

  it("exits 2 for a damaged workbook", async () => {
    const path = join(dir, "damaged.xlsx");
    writeFileSync(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    expectOneLineFailure(await hnb("check", path), /damaged\.xlsx could not be read as an Excel workbook/);
  });

  it("exits 2 with one line when the reader itself fails", async () => {
    core.readTables.mockImplementation(() => {
      throw new Error("reader broke\n    at somewhere (reader.ts:1:1)");
    });
    expectOneLineFailure(await hnb("check", textFile("reader-fails.tsv", plan("Green"))), /could not read the tables on sheet "reader-fails"/);
  });

  it.each([
    [["check"], /check: give the file to check/],
    [["check", "a.tsv", "b.tsv"], /one file at a time/],
    [["check", "a.tsv", "--as-of"], /--as-of needs a value/],
    [["check", "a.tsv", "--as-of", "2025-02-30"], /--as-of must be a date such as 2025-04-01 or 01\/04\/2025, not "2025-02-30"/],
    [["check", "a.tsv", "--as-of", "04/31/2025"], /--as-of must be a date/],
    [["check", "a.tsv", "--as-of", "next Tuesday"], /--as-of must be a date/],
    [["check", "a.tsv", "--jsno"], /unknown option --jsno\. Try "hnb check --help"/],
    [["check", "a.tsv", "--json=yes"], /--json takes no value/],
  ])("exits 2 with one line for bad usage: hnb %j", async (argv, message) => {
    expectOneLineFailure(await hnb(...argv), message);
  });
});

describe("hnb import", () => {
  it("writes one workbook from several inputs and prints a summary", async () => {
    const a = textFile("a.tsv", plan("Green", "TBC"));
    const b = textFile("b.csv", plan("Amber"), ",");
    const out = outFile("imported.xlsx");
    const run = await hnb("import", a, b, "--out", out);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`Imported 2 tables into ${out}:`);
    expect(run.stdout).toMatch(/"Savings plan" +savings plan, 2 rows +from a\.tsv, a!A1/);
    expect(run.stdout).toMatch(/"Savings plan \(2\)" +savings plan, 1 row +from b\.csv, b!A1/);
    expect(run.stdout).toContain('4 import notes (2 could not be read, 2 inferred): see the "Import notes" sheet.');

    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Savings plan", "Savings plan (2)", "Import notes"]);
    expect(workbook.getWorksheet("Savings plan")!.getCell("B3").value).toBe("TBC");
    expect(workbook.getWorksheet("Import notes")!.getCell("A2").value).toBe("a.tsv");
  });

  it("shows a file name's terminal escape codes as visible codes, never sends them to the terminal", async () => {
    const a = textFile("red\u001b[31m\u001b]0;pwned\u0007.tsv", plan("Green"));
    const out = outFile("escaped\u001b[2J.xlsx");
    const run = await hnb("import", a, "--out", out);
    expect(run.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- no control character but a line end may reach the terminal
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toContain("from red\\u001B[31m\\u001B]0;pwned\\u0007.tsv");
    expect(run.stdout).toContain("escaped\\u001B[2J.xlsx");
    const missing = await hnb("check", join(dir, "gone\u001b[31m.tsv"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("gone\\u001B[31m.tsv");
    expect(missing.stderr).not.toContain("\u001b");
  });

  it("passes --realign to the import", async () => {
    const out = outFile("realigned.xlsx");
    await hnb("import", textFile("r.tsv", plan("Green")), "--out", out, "--realign");
    expect(core.importTable.mock.calls[0][1]).toEqual({ realign: true });
    await hnb("import", textFile("r.tsv", plan("Green")), "-o", outFile("not-realigned.xlsx"));
    expect(core.importTable.mock.calls[1][1]).toEqual({ realign: false });
  });

  it("refuses to replace an existing --out without --force, and leaves it alone", async () => {
    const out = outFile("existing.xlsx");
    writeFileSync(out, "keep me");
    const run = await hnb("import", textFile("c.tsv", plan("Green")), "--out", out);
    expectOneLineFailure(run, /existing\.xlsx already exists: add --force to replace it/);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect(core.readTables).not.toHaveBeenCalled();
  });

  it("replaces an existing --out with --force", async () => {
    const out = outFile("forced.xlsx");
    writeFileSync(out, "old");
    const run = await hnb("import", textFile("d.tsv", plan("Green")), "--out", out, "--force");
    expect(run.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("exits 2 and writes nothing when no input holds a table", async () => {
    const out = outFile("nothing.xlsx");
    const run = await hnb("import", textFile("e.tsv", [["A note"]]), textFile("f.tsv", [["Another"]]), "--out", out);
    expectOneLineFailure(run, /no table found in .*e\.tsv, .*f\.tsv: nothing written/);
    expect(existsSync(out)).toBe(false);
  });

  it("leaves out an input with no table, saying so on stderr, and imports the rest", async () => {
    const out = outFile("some.xlsx");
    const run = await hnb("import", textFile("g.tsv", [["A note"]]), textFile("h.tsv", plan("Green")), "--out", out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^hnb: no table found in .*g\.tsv; it is left out\.\n$/);
    expect(existsSync(out)).toBe(true);
  });

  it("exits 2 and writes no file, partial or temporary, when one input cannot be read", async () => {
    const out = outFile("partial.xlsx");
    const run = await hnb("import", textFile("i.tsv", plan("Green")), join(dir, "absent.csv"), "--out", out);
    expectOneLineFailure(run, /cannot find .*absent\.csv/);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("exits 2 and writes nothing when a table cannot be imported", async () => {
    const out = outFile("broken.xlsx");
    const run = await hnb("import", textFile("j.tsv", plan("Green")), textFile("k.tsv", plan("BREAK IMPORT")), "--out", out);
    expectOneLineFailure(run, /could not import the table at k!A1 in .*k\.tsv: cannot import this/);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 with one line when the output folder does not exist", async () => {
    const out = join(dir, "no-such-folder", "out.xlsx");
    expectOneLineFailure(await hnb("import", textFile("l.tsv", plan("Green")), "--out", out), /cannot write .*out\.xlsx: its folder does not exist/);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    [["import"], /import: give at least one input file/],
    [["import", "a.tsv"], /--out <file\.xlsx> is required/],
    [["import", "a.tsv", "--out"], /--out needs a value/],
    [["import", "a.tsv", "--out", "out.csv"], /--out must name an \.xlsx file, not "out\.csv"/],
    [["import", "a.tsv", "--out", "o.xlsx", "--json"], /unknown option --json\. Try "hnb import --help"/],
    [["import", "a.tsv", "--out", "o.xlsx", "--as-of", "04/31/2025"], /--as-of must be a date such as 2025-04-01 or 01\/04\/2025, not "04\/31\/2025"/],
  ])("exits 2 with one line for bad usage: hnb %j", async (argv, message) => {
    expectOneLineFailure(await hnb(...argv), message);
  });
});

describe("help, version and commands", () => {
  it.each([["--help"], ["-h"], ["help"]])("prints the general help for hnb %s", async (flag) => {
    const run = await hnb(flag);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("hnb import <input>... --out <file.xlsx> [--force] [--realign]");
    expect(run.stdout).toContain("hnb check <file> [--as-of YYYY-MM-DD] [--kind <kind>] [--json]");
    expect(run.stdout).toMatch(/Exit status:/);
  });

  it.each([
    [["import", "--help"], /^hnb import: /],
    [["help", "import"], /^hnb import: /],
    [["check", "--help"], /^hnb check: /],
    [["help", "check"], /^hnb check: /],
    [["check", "-h"], /--as-of <date>/],
  ])("prints a command's help for hnb %j", async (argv, text) => {
    const run = await hnb(...argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(text);
    expect(run.stderr).toBe("");
  });

  it("prints the version from package.json", async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    const run = await hnb("--version");
    expect(run).toEqual({ code: 0, stdout: `hnb ${version}\n`, stderr: "" });
  });

  it("takes the version after npx's -- separator (npx hnb -- --version)", async () => {
    expect((await hnb("--", "--version")).stdout).toMatch(/^hnb \d+\.\d+\.\d+\n$/);
  });

  it.each([
    [[], /no command given/],
    [["chekc", "a.tsv"], /unknown command "chekc": the commands are read, import and check/],
    [["--verbose"], /unknown option --verbose/],
    [["help", "export"], /no help on "export"/],
    [["help", "constructor"], /no help on "constructor"/],
  ])("exits 2 with one line for hnb %j", async (argv, message) => {
    expectOneLineFailure(await hnb(...argv), message);
  });
});

describe("the report date", () => {
  it("reads ISO and UK dates, never US month-first", () => {
    expect(parseAsOf("2025-04-01")).toBe(serialFromYmd(2025, 4, 1));
    expect(parseAsOf("1/4/2025")).toBe(serialFromYmd(2025, 4, 1));
    expect(() => parseAsOf("12/31/2024")).toThrow(/--as-of must be a date/);
    expect(parseAsOf("29/02/2024")).toBe(serialFromYmd(2024, 2, 29));
    expect(() => parseAsOf("29/02/2025")).toThrow();
  });
});

describe("the installed command, bin/hnb.js", () => {
  const root = join(__dirname, "..", "..");

  beforeAll(() => {
    execSync("npm run build:cli", { cwd: root, stdio: "pipe", timeout: 60_000 });
  }, 60_000);

  it("prints the version when run by node", () => {
    const result = spawnSync(process.execPath, [join(root, "bin", "hnb.js"), "--version"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^hnb \d+\.\d+\.\d+\n$/);
  });

  it("exits 2 with the one-line message for a missing file", () => {
    const result = spawnSync(process.execPath, [join(root, "bin", "hnb.js"), "check", join(dir, "nowhere.tsv")], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^hnb: cannot find .*nowhere\.tsv\.\n$/);
  });

  it("says to run npm run build:cli when the compiled command line is missing", () => {
    const bare = join(dir, "bare-install", "bin");
    mkdirSync(bare, { recursive: true });
    copyFileSync(join(root, "bin", "hnb.js"), join(bare, "hnb.js"));
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [join(bare, "hnb.js"), "--version"], { stdio: "pipe", encoding: "utf8" });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = (error as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toBe("hnb: the command line is not built yet: run `npm run build:cli` in the project folder.\n");
  });

  it("is executable and declared as the package's bin", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ hnb: "bin/hnb.js" });
    expect(readFileSync(join(root, "bin", "hnb.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    if (process.platform !== "win32") expect(statSync(join(root, "bin", "hnb.js")).mode & 0o111).not.toBe(0);
  });
});
