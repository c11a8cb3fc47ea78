/*
 * hnb check with a finding on each of 150,000 rows: it used to fail with "Maximum call stack
 * size exceeded" (a list spread into Math.max) and exit 2, as if the file could not be read.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hnb } from "../helpers/run-cli";

const dir = mkdtempSync(join(tmpdir(), "hnb-many-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("hnb check reports 150,000 findings, in lines and as JSON, without overflowing the stack", async () => {
  const rows = Array.from({ length: 150_000 }, (_, i) => `I${i}\tGreen\tJB\tTBC`);
  const file = join(dir, "tbc.tsv");
  writeFileSync(file, ["Initiative\tRAG\tLead\t24/25 Target Savings", ...rows].join("\n"));
  const text = await hnb("check", file);
  expect(text.stderr).toBe("");
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("0 errors, 150,000 warnings, 0 notes");
  const json = await hnb("check", file, "--json");
  expect(json.code).toBe(0);
  expect((JSON.parse(json.stdout) as { findings: unknown[] }).findings).toHaveLength(150_000);
}, 60_000);

it("hnb check shows a cell's terminal control sequences as visible codes, never sends them to the terminal", async () => {
  const file = join(dir, "escape.tsv");
  writeFileSync(file, ["Action\tRAG\tLead\tEnd Date", "Front door\t\u001b[2J\u001b]0;owned\u0007Purple\tJB\tMar-25"].join("\n"));
  const run = await hnb("check", file);
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach the terminal
  expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(run.stdout).toContain("\\u001b[2J");
});

it("hnb fix refuses an empty, a text and an encrypted file in the plain words the other commands use", async () => {
  const empty = join(dir, "empty.xlsx");
  writeFileSync(empty, "");
  const text = join(dir, "text.xlsx");
  writeFileSync(text, "Initiative\tRAG\n");
  const encrypted = join(dir, "locked.xlsx");
  writeFileSync(encrypted, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  for (const [file, words] of [
    [empty, "is not an Excel workbook (.xlsx)."],
    [text, "is not an Excel workbook (.xlsx)."],
    [encrypted, "is password-protected or an Excel 97–2003 file: remove the password or save it as .xlsx."],
  ] as const) {
    const run = await hnb("fix", file, "--out", join(dir, "fixed.xlsx"), "--statuses", "--yes");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hnb: ${file} ${words}\n`);
    expect(run.stderr).not.toMatch(/https?:/);
  }
});
