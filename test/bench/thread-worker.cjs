// The pane's Web Worker (src/taskpane/work/worker.ts) as a Node worker thread, for
// test/bench/thread.bench.ts: the same job code (serveJobs), with Node's parentPort in place of
// the worker's global scope, and the TypeScript sources loaded through ts-node as the bench is.
"use strict";

const { join } = require("node:path");
const { parentPort } = require("node:worker_threads");

require("ts-node").register({ project: join(__dirname, "..", "..", "tsconfig.jest.json"), transpileOnly: true });
const { serveJobs } = require("../../src/taskpane/work/serve");

const handle = serveJobs((message) => parentPort.postMessage(message));
parentPort.on("message", handle);
