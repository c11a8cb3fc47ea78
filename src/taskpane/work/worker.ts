/**
 * The pane's Web Worker (dist/work.js, its own webpack entry): runs the pane's jobs off the thread
 * the custom functions share with the pane. See protocol.ts.
 */
import type { FromWorker, ToWorker } from "./protocol";
import { serveJobs } from "./serve";

// The worker's global scope; the project's types are the page's (lib "DOM"), so it is named here.
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: { data: ToWorker }) => void) | null };
const handle = serveJobs((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
