import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook } from "exceljs";
import { SAMPLES_DIR } from "../helpers/samples";
import { hnb } from "../helpers/run-cli";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-demo-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hnb demo", () => {
  it("writes every template with its figures worked out, and the checks find nothing wrong", async () => {
    const out = join(dir, "demo.xlsx");
    const run = await hnb("demo", "--out", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/RAG Key, Action Plan, Savings Plan, EHCP Numbers, HN Monitoring, DSG Budget, Scorecard, Checks; 100 HNB formulas worked out/);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    const checks = workbook.getWorksheet("Checks")!;
    expect([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((r) => (checks.getCell(`B${r}`).value as { result?: unknown }).result)).toEqual(Array(16).fill("Passes"));
    // The EHCP numbers: caseload × unit cost spilled, its total, and NMSS or independent placements' cost as 1.2.3's forecast.
    const ehcp = workbook.getWorksheet("EHCP Numbers")!;
    const result = (cell: string) => {
      const v = ehcp.getCell(cell).value as { result?: unknown } | number;
      return typeof v === "number" ? v : v.result;
    };
    expect(["B182", "D182", "F182", "D186"].map(result)).toEqual([1_536_000, 1_820_000, 2_184_000, 4_859_200]);
    expect((workbook.getWorksheet("HN Monitoring")!.getCell("D9").value as { result?: unknown }).result).toBe(1820);
    // The High Needs monitoring's forecast outturn is the DSG budget's 2025/26 spending.
    const monitoring = workbook.getWorksheet("HN Monitoring")!;
    expect((monitoring.getCell("D21").value as { result?: unknown }).result).toBe(7480);
    expect((monitoring.getCell("E9").value as { result?: unknown }).result).toBe(170);
    expect(workbook.getWorksheet("DSG Budget")!.getCell("D6").value).toEqual({ formula: "HNForecastOutturn", result: 7480 });
    const dsg = workbook.getWorksheet("DSG Budget")!;
    // The mitigated path, the High Needs Stability Grant (1,890) taken off in 2026/27.
    expect(["B28", "C28", "D28", "E28", "F28"].map((c) => {
      const v = dsg.getCell(c).value as { result?: unknown } | number;
      return typeof v === "number" ? v : v.result;
    })).toEqual([1037, 1357, 1787, 447, 1167]);
    const check = await hnb("check", out, "--json");
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({ asOf: { date: "2025-03-31", from: "'Action Plan'!B1, beside “Report date”" }, findings: [], groups: [] });
  });

  it("checks deadlines as of the workbook's own report date when no --as-of is given, and says so", async () => {
    const out = join(dir, "demo-dated.xlsx");
    expect((await hnb("demo", "--out", out)).code).toBe(0);
    const check = await hnb("check", out);
    expect(check.stdout).toContain("Deadlines judged as of 31 March 2025, the report date at 'Action Plan'!B1, beside “Report date” (--as-of to choose another).");
    const later = await hnb("check", out, "--as-of", "2026-01-31");
    expect(later.stdout).not.toContain("Deadlines judged as of");
    expect(later.stdout).toMatch(/'Savings Plan'!C2\s+date\.overdue\s+Overdue: 6 cells in column C \(C2, C4:C6, C8:C9\), holding “30 September 2025” \(C2\)/);
  });

  it("refuses to overwrite without --force", async () => {
    const out = join(dir, "taken.xlsx");
    writeFileSync(out, "x");
    const run = await hnb("demo", "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists: add --force/);
    expect(readFileSync(out, "utf8")).toBe("x");
  });
});

describe("hnb summary", () => {
  let imported: string;
  beforeAll(async () => {
    imported = join(dir, "imported.xlsx");
    const files = ["action-plan-messy.tsv", "savings-plan-messy.tsv", "dsg-budget.tsv"].map((f) => join(SAMPLES_DIR, f));
    expect((await hnb("import", ...files, "--out", imported)).code).toBe(0);
  });

  it("writes an HTML paper with every initiative, the roll-ups and the totals, from an imported workbook", async () => {
    const out = join(dir, "paper.html");
    const run = await hnb("summary", imported, "--out", out, "--as-at", "2025-03-31");
    expect(run.code).toBe(0);
    const html = readFileSync(out, "utf8");
    for (const name of ["Autism outreach team", "Early years inclusion fund", "Independent placement review", "Post-16 pathways", "Alternative provision framework", "Transport review", "A1: Front door", "B2: Transition"]) {
      expect(html).toContain(name);
    }
    expect(html).toContain("As at 31 March 2025");
    expect(html).toMatch(/Independent placement review<\/td><td[^>]*>Head of Commissioning<\/td><td[^>]*>Red<\/td>/);
    expect(html).toContain("£675,000");
    expect(html).toContain("£657,000");
    expect(html).toContain("1,037");
  });

  it("writes Markdown, and a workbook with a Summary sheet", async () => {
    expect((await hnb("summary", imported, "--out", join(dir, "paper.md"))).code).toBe(0);
    expect(readFileSync(join(dir, "paper.md"), "utf8")).toContain("| Transport review | Transport Manager | Green |");
    const xlsx = join(dir, "paper.xlsx");
    const run = await hnb("summary", imported, "--out", xlsx);
    expect(run.code).toBe(0);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((s) => s.name)).toContain("Summary");
  });

  it("takes --as-of as every command does, and writes the As at line on the Summary sheet too", async () => {
    const xlsx = join(dir, "paper-as-of.xlsx");
    expect((await hnb("summary", imported, "--out", xlsx, "--as-of", "31/03/2025")).code).toBe(0);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.getWorksheet("Summary")!.getCell("A2").value).toBe("As at 31 March 2025");
    const both = await hnb("summary", imported, "--out", join(dir, "both.md"), "--as-of", "2025-03-31", "--as-at", "2025-03-31");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--as-of or --as-at, not both/);
  });

  it("dates the paper by the workbook's report date when no date is given", async () => {
    const out = join(dir, "dated.xlsx");
    expect((await hnb("demo", "--out", out)).code).toBe(0);
    expect((await hnb("summary", out, "--out", join(dir, "dated.md"))).code).toBe(0);
    const paper = readFileSync(join(dir, "dated.md"), "utf8");
    // The date under the title; the cell it came from only in the closing appendix.
    expect(paper).toMatch(/^# .*\n\nAs at 31 March 2025\n/);
    expect(paper.slice(paper.indexOf("## Where the figures are"))).toContain("- The report date: 'Action Plan'!B1, beside “Report date”.");
    expect(paper.slice(0, paper.indexOf("## Where the figures are"))).not.toContain("'Action Plan'!B1");
  });

  it("says which outputs it can write", async () => {
    const run = await hnb("summary", imported, "--out", join(dir, "paper.pdf"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must end in \.html, \.md or \.xlsx/);
  });
});

describe("hnb fix", () => {
  let source: string;
  beforeAll(async () => {
    source = join(dir, "to-fix.xlsx");
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet("Plan");
    sheet.addRows([["Action", "RAG", "Lead"], ["Front door", "on track", "JB"], ["Backlog", "TBC", "KP"]]);
    await workbook.xlsx.writeFile(source);
  });

  it("lists the changes and writes nothing without --yes where there is no one to ask", async () => {
    const out = join(dir, "fixed-no.xlsx");
    const run = await hnb("fix", source, "--out", out, "--statuses");
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("Plan!B2: value “on track” → “Green” (“on track” is Green in the key)");
    expect(run.stderr).toMatch(/nothing written: 1 change listed above; run again with --yes/);
    expect(existsSync(out)).toBe(false);
  });

  it("writes the fixed copy with a change log, leaving TBC for a person to decide", async () => {
    const out = join(dir, "fixed.xlsx");
    const run = await hnb("fix", source, "--out", out, "--statuses", "--yes");
    expect(run.code).toBe(0);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet("Plan")!.getCell("B2").value).toBe("Green");
    expect(workbook.getWorksheet("Plan")!.getCell("B3").value).toBe("TBC");
    const log = workbook.getWorksheet("HNB change log")!;
    expect([2, 3, 4, 5, 6].map((c) => log.getRow(2).getCell(c).value)).toEqual(["Plan", "B2", "Value", "on track", "Green"]);
  });

  it("puts a drop-down of the key's statuses on the status column with --lists, and logs it", async () => {
    const out = join(dir, "fixed-lists.xlsx");
    const run = await hnb("fix", source, "--out", out, "--lists", "--yes");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Plan!B2:B3: drop-down of Blue, Green, Amber, Red, Grey");
    const workbook = new Workbook();
    await workbook.xlsx.readFile(out);
    const validation = workbook.getWorksheet("Plan")!.getCell("B3").dataValidation;
    expect(validation).toMatchObject({ type: "list", formulae: ['"Blue,Green,Amber,Red,Grey"'] });
    expect(workbook.getWorksheet("Plan")!.getCell("B2").value).toBe("on track");
    const log = workbook.getWorksheet("HNB change log")!;
    expect([2, 3, 4].map((c) => log.getRow(2).getCell(c).value)).toEqual(["Plan", "B2:B3", "Drop-down"]);
  });
});

describe("hnb demo --as-of", () => {
  it("dates the action plan's report date, which check then judges by", async () => {
    const dir2 = mkdtempSync(join(tmpdir(), "hnb-demo-as-of-"));
    const out = join(dir2, "demo.xlsx");
    expect((await hnb("demo", "--out", out, "--as-of", "31/01/2026")).code).toBe(0);
    const check = await hnb("check", out);
    expect(check.stdout).toContain("Deadlines judged as of 31 January 2026, the report date at 'Action Plan'!B1");
    rmSync(dir2, { recursive: true, force: true });
  });
});

describe("the strategy scorecard sample, imported and put in the paper", () => {
  it("imports into the template's layout, flags I2's duplicate, and gives the paper a scorecard section in every format", async () => {
    const book = join(dir, "scorecard.xlsx");
    const imported = await hnb("import", join(SAMPLES_DIR, "strategy-scorecard.tsv"), "--out", book, "--as-of", "2025-11-01");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("\"Scorecard\"  scorecard, 9 rows");
    const check = JSON.parse((await hnb("check", book, "--as-of", "2025-11-01", "--json")).stdout) as { findings: { rule: string; location: string }[] };
    expect(check.findings.filter((f) => f.rule === "ref.duplicate").map((f) => f.location)).toEqual(["Scorecard!A8"]);
    const md = join(dir, "scorecard.md");
    const summary = await hnb("summary", book, "--out", md, "--as-of", "2025-11-01");
    expect(summary.stdout).toContain("9 scorecard indicators");
    const paper = readFileSync(md, "utf8");
    expect(paper).toContain("## Strategy scorecard (Scorecard): statuses for 2025/26");
    expect(paper).toContain("9 indicators: 9 with no status.");
    expect(paper).toContain("| S3 | Fewer tribunals | none yet (baseline 14, 2024/25) | 7 by 2026/27 (next due) | No status |  |");
    expect(paper).toContain("| F1 | Reduce independent placement costs | none yet (baseline £9,600,000, 2024/25) | £9,120,000 by 2026/27 (next due) | No status |  |");
    expect(paper).toContain("| I2 | New placements within 20 miles |  | 80% by 2028 (next due) | No status |  |");
    const html = join(dir, "scorecard.html");
    await hnb("summary", book, "--out", html, "--as-of", "2025-11-01");
    expect(readFileSync(html, "utf8")).toContain("Strategy scorecard (Scorecard): statuses for 2025/26");
    const sheet = join(dir, "scorecard-paper.xlsx");
    await hnb("summary", book, "--out", sheet, "--as-of", "2025-11-01");
    const written = new Workbook();
    await written.xlsx.readFile(sheet);
    const cells: string[] = [];
    written.getWorksheet("Summary")!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain("Strategy scorecard (Scorecard): statuses for 2025/26");
    expect(cells).toContain("Fewer tribunals");
    expect(cells).toContain("No status");
  });
});
