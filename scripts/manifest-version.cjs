#!/usr/bin/env node
// Sets manifest.xml's <Version> from package.json's version (1.4.2 → 1.4.2.0).
//
//   node scripts/manifest-version.cjs   (npm runs it as the `version` script: after `npm version`
//                                        raises package.json, before it commits)
//
// Every build sets the version of the manifest it writes to dist/ anyway; this keeps the
// manifest that `npm start` sideloads in step. test/manifest/manifest.test.ts fails when the two differ.
"use strict";

const fs = require("fs");
const path = require("path");
const { manifestVersion, withVersion } = require("./manifest-urls.cjs");

const file = path.join(__dirname, "..", "manifest.xml");
// Read afresh: `npm version` has just rewritten package.json.
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
try {
  const before = fs.readFileSync(file, "utf8");
  const after = withVersion(before, manifestVersion(version));
  if (after !== before) fs.writeFileSync(file, after);
  console.log(`manifest.xml: <Version>${manifestVersion(version)}</Version>${after === before ? " (unchanged)" : ""}. Commit it with package.json.`);
} catch (error) {
  console.error(`manifest-version: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
