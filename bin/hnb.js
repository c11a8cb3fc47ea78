#!/usr/bin/env node
// The `hnb` command: runs the compiled command line in lib/ (built from src/ by
// `npm run build:cli`, which `npm install` runs for you).
"use strict";

const { existsSync } = require("fs");
const { join } = require("path");

const compiled = join(__dirname, "..", "lib", "cli", "main.js");
if (!existsSync(compiled)) {
  process.stderr.write("hnb: the command line is not built yet: run `npm run build:cli` in the project folder.\n");
  process.exit(2);
}

require(compiled)
  .main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
  .then(
    (code) => {
      // exitCode, not exit(): a large --json report piped to another program must finish writing.
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`hnb: something went wrong: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 2;
    },
  );
