/*
 * Each function's help link (shown by Excel's Insert Function dialog) must land on its section
 * of the reference, and the reference must cover every function with an example.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { generateMetadata } from "../helpers/metadata";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own helper is CommonJS
const { anchor } = require("../../scripts/help-page.cjs") as { anchor: (text: string) => string };

const reference = readFileSync(join(__dirname, "..", "..", "docs", "functions.md"), "utf8");
const sections = new Map<string, string>();
for (const part of reference.split(/^## /m).slice(1)) {
  const title = part.slice(0, part.indexOf("\n")).trim();
  sections.set(anchor(title), part);
}

describe("the function reference", () => {
  it("has a section, named as the help link says, for every function", async () => {
    const { metadata } = await generateMetadata();
    for (const f of metadata.functions) {
      const url = new URL(f.helpUrl!);
      expect(url.pathname).toBe("/help/functions.html");
      expect(sections.has(url.hash.slice(1))).toBe(true);
      expect(url.hash.slice(1)).toBe(f.id.toLowerCase());
    }
  });

  it("shows every function in use with an example formula", async () => {
    const { metadata } = await generateMetadata();
    for (const f of metadata.functions) {
      expect(sections.get(f.id.toLowerCase())).toContain(`=HNB.${f.id}(`);
    }
  });

  it("describes every argument by name", async () => {
    const { metadata } = await generateMetadata();
    for (const f of metadata.functions) {
      const section = sections.get(f.id.toLowerCase())!;
      for (const p of f.parameters) expect(section).toContain(p.name);
    }
  });
});
