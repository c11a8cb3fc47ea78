#!/usr/bin/env node
// npm run validate [file]: check a manifest (manifest.xml, the development one, unless a file is
// named: npm run validate -- dist/manifest.xml for the one a build wrote) with Microsoft's
// validation service (office-addin-manifest, run on demand with npx). The service is on the
// internet; offline, this falls back to xmllint, which checks only that the XML is well formed
// (the wiring, ribbon, icons and requirement sets are checked by test/manifest), and exits
// non-zero because the manifest was not validated.
import { spawnSync } from "node:child_process";
import { MANIFEST, ROOT, onPath, runCapturing } from "./office-tools.mjs";

const file = process.argv[2] ?? MANIFEST;
console.log(`Validating ${file} with Microsoft's validation service (this needs the internet)…`);
const args = ["--yes", "office-addin-manifest@2", "validate", file];
console.log(`> npx ${args.join(" ")}`);
const { code, output } = await runCapturing("npx", args);

if (code === 0 && !/Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(output)) {
  process.exit(0);
}

if (/Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|getaddrinfo/.test(output)) {
  console.error("\nThe manifest was NOT validated: Microsoft's validation service could not be reached (offline?).");
} else {
  console.error("\nThe manifest was NOT validated: office-addin-manifest reported a problem (see above).");
}

if (onPath("xmllint")) {
  console.error(`Offline check instead: xmllint --noout ${file} (well-formedness only).`);
  const lint = spawnSync("xmllint", ["--noout", file], { cwd: ROOT, stdio: "inherit" });
  console.error(lint.status === 0 ? `${file} is well-formed XML.` : `${file} is NOT well-formed XML.`);
} else {
  console.error("xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils), so no offline check ran.");
}
process.exit(1);
