#!/usr/bin/env node
// `npm run bench`: throughput of the HNB custom functions against the 1,000,000 cells/s target.
//
// Runs test/bench/functions.bench.ts from the TypeScript sources through ts-node (transpile
// only, with tsconfig.jest.json's CommonJS settings) and the CustomFunctions stub the tests use.
// It is a measurement, not a test: it exits 0 whether or not the target is met, and non-zero
// only when the benchmark itself fails. Extra arguments are passed to the bench file;
// BENCH_REPEATS sets the number of timed runs (default 7).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchFile = join("test", "bench", "functions.bench.ts");
const TIME_LIMIT_MS = 120_000;

const child = spawn(
  process.execPath,
  ["--expose-gc", "-r", "ts-node/register", benchFile, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(root, "tsconfig.jest.json"),
      TS_NODE_TRANSPILE_ONLY: "true",
      NODE_ENV: process.env.NODE_ENV ?? "production",
    },
  },
);

const timer = setTimeout(() => {
  console.error(`bench: no result after ${TIME_LIMIT_MS / 1000} s; stopping it.`);
  child.kill("SIGTERM");
}, TIME_LIMIT_MS);

child.on("error", (error) => {
  clearTimeout(timer);
  console.error(`bench: could not start node: ${error.message}`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  clearTimeout(timer);
  if (signal) {
    console.error(`bench: stopped by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
