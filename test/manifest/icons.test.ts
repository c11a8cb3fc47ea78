/*
 * Every icon in assets/ is drawn by scripts/make-icons.mjs (Node's zlib only, nothing downloaded):
 * run into a scratch folder, it makes the committed files byte for byte, and no others.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

it("scripts/make-icons.mjs draws each icon in assets/, the ribbon commands' included", () => {
  const out = mkdtempSync(join(tmpdir(), "hnb-icons-"));
  try {
    execFileSync(process.execPath, [join(ROOT, "scripts", "make-icons.mjs"), out], { stdio: "pipe" });
    const made = readdirSync(out).sort();
    expect(made).toEqual(readdirSync(join(ROOT, "assets")).filter((f) => f.endsWith(".png")).sort());
    for (const command of ["check", "import", "paper", "templates"]) for (const size of [16, 32, 80]) expect(made).toContain(`${command}-${size}.png`);
    for (const file of made) expect([file, readFileSync(join(out, file)).equals(readFileSync(join(ROOT, "assets", file)))]).toEqual([file, true]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
