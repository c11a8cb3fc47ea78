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
  expect(text.stdout).toContain("0 errors, 150000 warnings, 0 notes");
  const json = await hnb("check", file, "--json");
  expect(json.code).toBe(0);
  expect((JSON.parse(json.stdout) as { findings: unknown[] }).findings).toHaveLength(150_000);
}, 60_000);

it("hnb check shows a cell's terminal control sequences as visible codes, never sends them to the terminal", async () => {
  const file = join(dir, "escape.tsv");
  writeFileSync(file, ["Action\tRAG\tLead\tEnd Date", "Front door\t\u001b[2J\u001b]0;owned\u0007Purple\tJB\tMar-25"].join("\n"));
  const run = await hnb("check", file);
  expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(run.stdout).toContain("\\u001b[2J");
});
