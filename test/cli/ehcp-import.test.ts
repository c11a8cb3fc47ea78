/*
 * `hnb import` of EHCP numbers (the ehcp-numbers kind): the table as pasted, with its totals
 * checked, and the same counts in the DSG management plan's layout on the checks sheet: DfE's
 * groups in DfE's order, each a SUM of the table's lines, a council's placement words mapped to
 * DfE's seven categories where they allow (a guess, said in the import notes).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Workbook, type Worksheet } from "exceljs";
import { hnb } from "../helpers/run-cli";
import { CORPUS_DIR } from "../helpers/corpus";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hnb-ehcp-import-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importFile(input: string): Promise<Workbook> {
  const out = join(dir, `${input.replace(/^.*[\\/]/, "")}.xlsx`);
  const run = await hnb("import", input, "--out", out, "--force");
  expect(run.code).toBe(0);
  const book = new Workbook();
  await book.xlsx.readFile(out);
  return book;
}

/** Column A's text and column B's value (a formula's cached result) from `first` down, until a blank row. */
function block(sheet: Worksheet, first: number): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  for (let r = first; sheet.getCell(`A${r}`).value !== null; r++) {
    const v = sheet.getCell(`B${r}`).model as { value?: unknown; result?: unknown; formula?: string };
    out.push([sheet.getCell(`A${r}`).value, v.formula !== undefined ? (v.result ?? 0) : (v.value ?? null)]);
  }
  return out;
}

function rowOf(sheet: Worksheet, text: string): number {
  let found = -1;
  sheet.eachRow((row, n) => {
    if (found < 0 && String(row.getCell(1).value ?? "").startsWith(text)) found = n;
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

describe("hnb import: EHCP numbers in the plan's layout", () => {
  it("maps a council's placements to DfE's seven categories, each a guess said in the notes, and leaves out what has no place", async () => {
    const input = join(dir, "placements.tsv");
    writeFileSync(
      input,
      [
        "EHCPs by placement type, January 2025",
        "Placement\tNumber of EHCPs",
        "Mainstream school\t1,204",
        "Resourced provision\t86",
        "Special school (maintained)\t512",
        "Independent special school\t143",
        "Pupil referral unit\t21",
        "FE college\t310",
        "Elective home education\t12",
        "Waiting list\tc",
        "Total\t2,288",
        "",
      ].join("\n"),
    );
    const book = await importFile(input);
    const checks = book.getWorksheet("Checks (EHCP numbers)")!;
    expect((checks.getCell("B5").model as { result?: unknown }).result).toBe("Passes");
    const top = rowOf(checks, "EHCPs by placement category");
    expect(block(checks, top)).toEqual([
      ["EHCPs by placement category", "Number of EHCPs"],
      ["Mainstream schools or academies", 1204],
      ["Resourced provision or SEN Units", 86],
      ["Maintained special schools or special academies", 512],
      ["Non-maintained special schools or independent (NMSS or independent)", 143],
      ["Hospital schools or alternative provision (AP)", 21],
      ["Post 16 and further education (FE)", 310],
      ["Other placements or direct payments", 12],
      ["Total", 2288],
    ]);
    expect((checks.getCell(`B${top + 1}`).model as { formula?: string }).formula).toBe("SUM('EHCP numbers'!B2)");
    const notes = book.getWorksheet("Import notes")!;
    const messages: string[] = [];
    notes.eachRow((row) => messages.push(String(row.getCell(4).value)));
    expect(messages).toContain("“Independent special school” is placed in DfE's category “Non-maintained special schools or independent (NMSS or independent)” in the plan's layout: a guess from its words. Check it before the plan goes to DfE.");
    expect(messages).toContain("“Waiting list” is not one of DfE's seven placement categories: left out of the plan's layout (its count stays in the table).");
    expect(messages).toContain("“c” under “Number of EHCPs” is a count the publisher held back (suppressed): kept as text, and counted as nothing in the plan's layout.");
  });

  it("puts single ages into DfE's age groups from a table by age and ethnicity (p06), carrying its Grand Total column", async () => {
    const book = await importFile(join(CORPUS_DIR, "p06-lincolnshire-foi-ehcp-age-by-ethnicity.tsv"));
    const checks = book.getWorksheet("Checks (EHCP numbers)")!;
    expect(block(checks, rowOf(checks, "EHCPs by age group"))).toEqual([
      ["EHCPs by age group", "Grand Total"],
      ["All placements (the table does not say which)", null],
      ["Under 5", 196],
      ["Age 5 to 10", 2420],
      ["Age 11 to 15", 2608],
      ["Age 16 to 19", 1165],
      ["Age 20 to 25", 0],
      ["Total", 6389],
    ]);
  });

  it("carries a table by DfE's age bands (p07) as it stands", async () => {
    const book = await importFile(join(CORPUS_DIR, "p07-cumberland-ehcp-by-age-band-jan-2024.tsv"));
    const checks = book.getWorksheet("Checks (EHCP numbers)")!;
    const rows = block(checks, rowOf(checks, "EHCPs by age group"));
    expect(rows.slice(2).map((r) => r[1])).toEqual([189, 982, 956, 457, 72, 2656]);
  });
});
