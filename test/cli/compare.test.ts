import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { Workbook } from "exceljs";
import { paperOf, readWorkbookTables } from "../../src/app";
import { readWorkbookGrids } from "../../src/adapters/xlsx";
import { comparePapers, comparisonDocument, gridFromFile, type PaperBlock } from "../../src/core/table";
import { CORPUS_DIR } from "../helpers/corpus";
import { SAMPLES_DIR } from "../helpers/samples";
import { hnb, type Run } from "../helpers/run-cli";

const EARLIER_DIR = join(__dirname, "..", "fixtures", "earlier");
const MONTH5 = join(CORPUS_DIR, "b02-westberks-dsg-month5-2015-16.tsv");
const MONTH9 = join(CORPUS_DIR, "b01-westberks-dsg-month9-2015-16.tsv");
const PLAN_THEN = join(EARLIER_DIR, "savings-plan-messy.tsv");
const PLAN_NOW = join(SAMPLES_DIR, "savings-plan-messy.tsv");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-compare-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectOneLineFailure(run: Run, pattern: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^hnb: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

/** The sentences of the comparison, as the command builds it: headings, paragraphs and list items (tables aside). */
function sentencesOf(earlier: string, later: string): string[] {
  const paper = (path: string) => paperOf([gridFromFile(basename(path), readFileSync(path))]);
  const e = paper(earlier);
  const l = paper(later);
  const doc = comparisonDocument(comparePapers(e.summary, l.summary), { laterSummary: l.summary, later: l.options, earlier: e.options });
  const words = (b: PaperBlock) => (b.kind === "heading" || b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : []);
  return [doc.title, ...doc.blocks.flatMap(words)];
}

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("hnb compare", () => {
  it("prints the Markdown of what moved from month 5 to month 9 when no --out is given", async () => {
    const run = await hnb("compare", MONTH5, MONTH9);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^# Movement since the last report: paper for Schools Forum — since the last paper\n\n## Since the last paper\n/);
    expect(run.stdout).toContain("- The forecast for “High Needs Block” rose by £225,350, from £16,413,890 to £16,639,240; its variance rose by £225,350, from £272,880 to £498,230.");
    expect(run.stdout).toContain("| High Needs Block | £16,413,890 | £16,639,240 | £225,350 |");
  });

  it("writes .html, .md and .xlsx carrying the same sentences", async () => {
    const sentences = sentencesOf(PLAN_THEN, PLAN_NOW);
    expect(sentences).toContain("The total fell by £45,000, from £1,525,000 to £1,480,000, and the savings were re-profiled between years.");
    const md = join(dir, "since.md");
    const page = join(dir, "since.html");
    const book = join(dir, "since.xlsx");
    for (const out of [md, page, book]) {
      const run = await hnb("compare", PLAN_THEN, PLAN_NOW, "--out", out);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Wrote what has moved since 31 July 2024 to ${out}: 15 movements.`);
    }
    const markdown = readFileSync(md, "utf8");
    const page2 = readFileSync(page, "utf8");
    const workbook = new Workbook();
    await workbook.xlsx.readFile(book);
    const sheet = workbook.getWorksheet("Since last paper")!;
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && cells.push(cell.value)));
    for (const s of sentences) {
      expect(markdown).toContain(s);
      expect(page2).toContain(html(s));
      expect(cells).toContain(s);
    }
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Since last paper"]);
  });

  it("writes a sheet the add-in knows for its own, so it is not read back as a table", async () => {
    const book = join(dir, "own.xlsx");
    expect((await hnb("compare", MONTH5, MONTH9, "--out", book)).code).toBe(0);
    const { tables, skipped } = readWorkbookTables(await readWorkbookGrids(book));
    expect(tables).toEqual([]);
    expect(skipped).toEqual([{ sheet: "Since last paper", what: "the add-in’s comparison with the last paper" }]);
  });

  it("reads every table of both papers as --kind says", async () => {
    const run = await hnb("compare", MONTH5, MONTH9, "--kind", "budget-by-block");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("“High Needs Block” rose by £225,350");
  });

  it("refuses to write over an existing file without --force, and replaces it with --force", async () => {
    const out = join(dir, "taken.md");
    writeFileSync(out, "x");
    expectOneLineFailure(await hnb("compare", MONTH5, MONTH9, "--out", out), /already exists: add --force/);
    expect(readFileSync(out, "utf8")).toBe("x");
    expect((await hnb("compare", MONTH5, MONTH9, "--out", out, "--force")).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("High Needs Block");
  });

  it("never writes over one of the papers it compares, even with --force", async () => {
    // A later paper saved with a name that ends as an output would.
    const later = join(dir, "later.md");
    copyFileSync(MONTH9, later);
    const before = readFileSync(later, "utf8");
    expectOneLineFailure(await hnb("compare", MONTH5, later, "--out", later, "--force"), /is one of the papers being compared/);
    expect(readFileSync(later, "utf8")).toBe(before);
  });

  it.each([
    ["no paper", ["compare"], /compare: give two papers, the earlier first, then the later .* got 0\. Try "hnb compare --help"/],
    ["one paper", ["compare", MONTH5], /got 1\./],
    ["three papers", ["compare", MONTH5, MONTH9, MONTH9], /got 3\./],
    ["an output it cannot write", ["compare", MONTH5, MONTH9, "--out", "since.pdf"], /--out must end in \.html, \.md or \.xlsx, not "since\.pdf"/],
    ["a kind it does not know", ["compare", MONTH5, MONTH9, "--kind", "ledger"], /--kind must be one of/],
    ["an option it does not take", ["compare", MONTH5, MONTH9, "--json"], /unknown option --json/],
    ["a paper that is not there", ["compare", "missing.tsv", MONTH9], /cannot find missing\.tsv\./],
    ["a paper it cannot read", ["compare", MONTH5, "paper.pdf"], /cannot read \.pdf files/],
  ])("exits 2 with one line for %s", async (_what, argv, message) => {
    expectOneLineFailure(await hnb(...argv), message);
  });

  it("exits 2 with one line where the two papers have no kind of table in common", async () => {
    expectOneLineFailure(await hnb("compare", PLAN_NOW, MONTH9), /nothing to compare: .*savings-plan-messy\.tsv has 6 initiatives, 1 savings plan and .*b01-westberks-dsg-month9-2015-16\.tsv has 1 budget table, with no kind of table in common\./);
  });

  it("exits 2 with one line where a paper has no table at all", async () => {
    const empty = join(dir, "empty.tsv");
    writeFileSync(empty, "Nothing to see here\n");
    expectOneLineFailure(await hnb("compare", empty, MONTH9), /no table found in .*empty\.tsv: there is nothing to compare\./);
    expectOneLineFailure(await hnb("compare", empty, MONTH9, "--out", join(dir, "never.md")), /no table found/);
    expect(existsSync(join(dir, "never.md"))).toBe(false);
  });

  it("prints its help for hnb compare --help and hnb help compare, and is listed in the general help", async () => {
    for (const argv of [["compare", "--help"], ["help", "compare"]]) {
      const run = await hnb(...argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^hnb compare: what has moved since the last paper/);
    }
    expect((await hnb("--help")).stdout).toContain("hnb compare <earlier> <later> [--out <paper.html | paper.md | paper.xlsx>] [--kind <kind>] [--force]");
  });
});

describe("hnb summary --since", () => {
  it("puts what has moved since the last paper into the paper, after its sections and before how the figures were read", async () => {
    const out = join(dir, "summary-since.md");
    const run = await hnb("summary", PLAN_NOW, "--since", PLAN_THEN, "--out", out);
    expect(run.code).toBe(0);
    const md = readFileSync(out, "utf8");
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(["## In brief", "## Progress by initiative", "## Actions by status", "## Savings by year", "## Since 31 July 2024", "## How these figures were read", "## Where the figures are"]);
    // The same sentences as hnb compare gives, in the paper.
    for (const sentence of sentencesOf(PLAN_THEN, PLAN_NOW).slice(1)) expect(md.replace(/\\([\\[\]<>|])/g, "$1")).toContain(sentence);
  });

  it("says in one line where the last paper has no table", async () => {
    const empty = join(dir, "empty.tsv");
    writeFileSync(empty, "just words\n");
    expectOneLineFailure(await hnb("summary", PLAN_NOW, "--since", empty, "--out", join(dir, "none.md")), /no table found in .*empty\.tsv: there is no last paper/);
  });
});
