/*
 * `hnb read`: how the add-in reads a file's tables, for a person and as JSON in the corpus's
 * field names; `--kind` reads as the kind asked, on read and check alike.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hnb } from "../helpers/run-cli";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-read-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const RESERVE = ["DSG reserve: balances brought and carried forward", "Block\tOpening balance\tIn year\tClosing balance", "\t£000\t£000\t£000", "High Needs\t(1,200)\t(300)\t(1,500)", "Early Years\t100\t20\t120", "Total\t(1,100)\t(280)\t(1,380)"];

describe("hnb read", () => {
  it("tells a person each table's kind and why, its columns, its rows and its totals", async () => {
    const run = await hnb("read", file("reserve.tsv", RESERVE));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Table 1 \(reserve, lines 2–6\): a reserve or balances table, because/);
    expect(run.stdout).toMatch(/Heading lines: 2, 3\. Labels in column 1\./);
    expect(run.stdout).toMatch(/2 {2}“Opening balance £000”: brought-forward/);
    expect(run.stdout).toMatch(/line 6, column 4: stated \(1,380\), worked out \(1,380\) — agrees\./);
  });

  it("prints the reading as JSON with the corpus's field names", async () => {
    const run = await hnb("read", file("reserve.tsv", RESERVE), "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { file: string; tables: Record<string, unknown>[] };
    const t = json.tables[0]!;
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["sheet", "kind", "unit", "headingRows", "labelColumn", "figureColumns", "rows", "totals", "crossFoot", "variances", "notes"]));
    expect(t).toMatchObject({ kind: "reserve", unit: "£000", headingRows: [2, 3], labelColumn: 1 });
    expect(t.rows).toEqual(expect.arrayContaining([{ line: 6, label: "Total", role: "total", why: expect.any(String) }]));
    expect(t.totals).toEqual(expect.arrayContaining([expect.objectContaining({ line: 6, col: 2, stated: -1100, computed: -1100, agrees: true, cell: "B6" })]));
  });

  it("reads as the kind asked with --kind, and refuses a kind it does not know in one line", async () => {
    const path = file("reserve.tsv", RESERVE);
    const asked = JSON.parse((await hnb("read", path, "--json", "--kind", "budget-by-block")).stdout) as { tables: { kind: string; why: string[] }[] };
    expect(asked.tables[0]).toMatchObject({ kind: "budget-by-block", why: ["chosen by you"] });
    const bad = await hnb("read", path, "--kind", "ledger");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hnb: read: --kind must be one of action-plan, .*; not "ledger"\. Try "hnb read --help"\.\n$/);
  });

  it("says there is no table where no line holds figures against a label", async () => {
    const run = await hnb("read", file("minutes.txt", ["Minutes", "Apologies were received from the chair."]));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No table in .*minutes\.txt: no line holds figures or statuses against a label\./);
  });
});

describe("hnb check reads tables its heading words miss by their shape", () => {
  it("checks a budget by block's total and says where the figure is wrong", async () => {
    const run = await hnb("check", file("blocks.tsv", ["Block\tAllocation 2025/26\tAllocation 2024/25", "Schools Block\t96,093\t94,000", "High Needs Block\t19,109\t18,000", "Early Years Block\t6,997\t6,500", "Total\t122,199\t118,050"]));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 table \(a budget by DSG block at blocks!A1\)/);
    expect(run.stdout).toMatch(/blocks!C5 +total\.mismatch +“Total” under “Allocation 2024\/25” says 118,050 but the 3 rows it closes \(lines 2–4\) add to 118,500: a gap of \(450\)\./);
    expect(run.stdout).not.toMatch(/blocks!B5/);
  });

  it("with --kind, reads as the kind asked", async () => {
    const run = await hnb("check", file("blocks2.tsv", ["Block\tAllocation 2025/26", "Schools Block\t96,093", "High Needs Block\t19,190", "Early Years Block\t6,997", "Total\t122,199"]), "--kind", "reserve", "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { findings: { rule: string; location: string; message: string }[] };
    expect(json.findings).toEqual([expect.objectContaining({ rule: "total.mismatch", location: "blocks2!B5" })]);
    expect(json.findings[0]!.message).toMatch(/says 122,199 but the 3 rows it closes \(lines 2–4\) add to 122,280: a gap of \(81\)\. The gap divides by 9/);
  });
});

describe("hnb summary puts tables read by their shape in the paper", () => {
  it("gives a movement its own section, each run-together row with its own figures, and says which totals do not add up", async () => {
    const path = file("movement.tsv", [
      "DSG monitoring, Quarter 3",
      "DSG Figures in £mLatest forecast Previous forecast MovementComments on movements Schools block(1.24)(1.22)(0.02)Minor movement High Needs block 2.50 1.90 0.60 More placements TOTAL 1.26 0.68 0.58",
    ]);
    const out = join(dir, "movement.md");
    const run = await hnb("summary", path, "--out", out, "--force");
    expect(run.code).toBe(0);
    const md = readFileSync(out, "utf8");
    expect(md).toMatch(/## Movement since the last report: DSG monitoring, Quarter 3 \(£m\)/);
    expect(md).toMatch(/\| Schools block \| \(1\.24\) \| \(1\.22\) \| \(0\.02\) \|/);
    expect(md).toMatch(/\| High Needs block \| 2\.50 \| 1\.90 \| 0\.60 \|/);
    expect(md).toMatch(/Every total in the table adds up \(3 checked\)\./);
  });

  it("with --kind, gives a table the paper section of the kind asked, not the kind its shape suggests, and says so", async () => {
    // Whole numbers with no £ read, unasked, as counts of plans.
    const path = file("asked.tsv", ["Item\t2025/26\t2026/27", "Transport\t1,200\t1,300", "Therapies\t800\t900", "Total\t2,000\t2,200"]);
    const out = join(dir, "asked.md");
    expect((await hnb("summary", path, "--out", out)).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/## EHC plans/);
    const bad = await hnb("summary", path, "--out", out, "--kind", "ledger");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hnb: summary: --kind must be one of action-plan, .*; not "ledger"\./);
    const run = await hnb("summary", path, "--out", out, "--force", "--kind", "budget-lines");
    expect(run.code).toBe(0);
    const md = readFileSync(out, "utf8");
    expect(md).toMatch(/\| Transport \| 1,200 \| 1,300 \|/);
    expect(md).toMatch(/Every total in the table adds up \(2 checked\)\./);
    expect(md).toMatch(/## Budget lines/);
    expect(md).not.toMatch(/EHC plans/);
    expect(md).toMatch(/Read by its shape as chosen by you; it does not look like budget lines: read as asked\./);
  });
});
