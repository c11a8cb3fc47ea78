import { workerRunner, type WorkerLike } from "./protocol";
import { SLICED, type WorkRunner } from "./slices";

/**
 * The runner for the page: jobs in the worker built beside the pane's script (dist/work.js, asked
 * for with the same version query as taskpane.js, so a release never meets last release's
 * worker), or in slices on the pane's thread where there is no Worker or no script address.
 */
export function pageWorkRunner(scriptUrl: string | null | undefined): WorkRunner {
  if (!scriptUrl || typeof Worker === "undefined") return SLICED;
  let url: URL;
  try {
    const script = new URL(scriptUrl);
    url = new URL("work.js", script);
    url.search = script.search;
  } catch {
    return SLICED;
  }
  return workerRunner(() => new Worker(url, { name: "HNB work" }) as unknown as WorkerLike, SLICED);
}
