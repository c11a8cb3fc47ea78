#!/usr/bin/env node
// npm run validate: check manifest.xml with Microsoft's validation service (office-addin-manifest,
// run on demand with npx). The service is on the internet; offline, this falls back to xmllint,
// which checks only that the XML is well formed (the shared-runtime wiring is checked by
// test/manifest/manifest.test.ts), and exits non-zero because the manifest was not validated.
import { spawnSync } from "node:child_process";
import { MANIFEST, ROOT, onPath, runCapturing } from "./office-tools.mjs";

console.log("Validating manifest.xml with Microsoft's validation service (this needs the internet)…");
const args = ["--yes", "office-addin-manifest@2", "validate", MANIFEST];
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
  console.error("Offline check instead: xmllint --noout manifest.xml (well-formedness only).");
  const lint = spawnSync("xmllint", ["--noout", MANIFEST], { cwd: ROOT, stdio: "inherit" });
  console.error(lint.status === 0 ? "manifest.xml is well-formed XML." : "manifest.xml is NOT well-formed XML.");
} else {
  console.error("xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils), so no offline check ran.");
}
process.exit(1);
