#!/usr/bin/env node
// `npm run bench`: throughput of the HNB custom functions against the 1,000,000 cells/s target,
// then the speed of the hnb command line (check on a 20,000-row workbook, import of a 1 MB paste),
// the office adapter's round trips, the task pane's thread while it checks 20,000 rows in Excel
// (the longest the custom functions' thread is held, and syncs per command), the pane's bundle.
//
// Runs test/bench/functions.bench.ts and then test/bench/cli.bench.ts from the TypeScript sources
// through ts-node (transpile only, with tsconfig.jest.json's CommonJS settings), the functions
// bench with the CustomFunctions stand-in the wrappers' tests use. They are measurements, not
// tests: they exit 0 whether or not the targets are met, and non-zero only when a benchmark itself fails. Extra arguments are
// passed to the functions bench; BENCH_REPEATS sets its number of timed runs (default 7),
// CLI_BENCH_REPEATS the command line's (default 3).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benches = [
  { file: join("test", "bench", "functions.bench.ts"), args: process.argv.slice(2), timeLimitMs: 120_000 },
  { file: join("test", "bench", "cli.bench.ts"), args: [], timeLimitMs: 600_000 },
  { file: join("test", "bench", "office.bench.ts"), args: [], timeLimitMs: 300_000 },
  // The task pane's thread, shared with the custom functions: the longest it is held while checking 20,000 rows, and syncs per command.
  { file: join("test", "bench", "thread.bench.ts"), args: [], timeLimitMs: 300_000 },
  { file: join("test", "bench", "taskpane.bench.ts"), args: [], timeLimitMs: 300_000 },
  { file: join("test", "bench", "bounded.bench.ts"), args: [], timeLimitMs: 300_000 },
];

function runBench({ file, args, timeLimitMs }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", "-r", "ts-node/register", file, ...args], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(root, "tsconfig.jest.json"),
        TS_NODE_TRANSPILE_ONLY: "true",
        NODE_ENV: process.env.NODE_ENV ?? "production",
      },
    });

    const timer = setTimeout(() => {
      console.error(`bench: ${file} gave no result after ${timeLimitMs / 1000} s; stopping it.`);
      child.kill("SIGTERM");
    }, timeLimitMs);

    child.on("error", (error) => {
      clearTimeout(timer);
      console.error(`bench: could not start node: ${error.message}`);
      resolve(1);
    });

    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal) {
        console.error(`bench: ${file} stopped by ${signal}`);
        resolve(1);
      } else {
        resolve(code ?? 1);
      }
    });
  });
}

let status = 0;
for (const bench of benches) {
  // One after the other: running them side by side would skew both timings.
  const code = await runBench(bench);
  if (status === 0) status = code;
}
process.exit(status);
