/*
 * The task pane's production bundle sizes and its time to first render. Not a jest test:
 * `npm run bench` runs it after the others (scripts/bench.mjs, through ts-node).
 *
 * Targets (issue 5): dist/taskpane.js and dist/functions.js at most 300 KB gzipped together;
 * first render at most 1.5 s. These are figures, not a pass or fail: it exits 0 whatever they are,
 * and non-zero only when it cannot measure (no build and the build fails, say).
 *
 * exceljs.js, fetched only when an .xlsx file is chosen on the Import screen, is listed apart
 * and is not in the total: it is not part of opening the pane.
 *
 * Sizes: each file gzipped in memory with zlib.gzipSync at its default level, KB = 1000 bytes.
 * First render: in headless Debian chromium (playwright-core, as the e2e tests drive it), from
 * navigation start (performance.timeOrigin) to the moment the "HNB High Needs" heading is in the
 * page, recorded in the page by a MutationObserver; the median of TASKPANE_BENCH_LOADS (default 5)
 * loads, each in a new browser context (empty cache) from a static server on 127.0.0.1. office.js
 * is blocked (as offline), so the pane starts on its sample workbook at once; in Excel the time to
 * fetch office.js from Microsoft's CDN comes on top. Without chromium the render figure is skipped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, ensureBuilt, findChromium, isolatedPage, launchChromium, serveStatic } from "../e2e/browser";

const SIZE_TARGET_KB = 300;
const RENDER_TARGET_MS = 1500;
const LOADS = Number(process.env.TASKPANE_BENCH_LOADS ?? 5);

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

function sizes(): void {
  let total = 0;
  console.log("\nTask pane bundle sizes (production build, gzipped with zlib.gzipSync):");
  for (const file of ["taskpane.js", "functions.js"]) {
    const raw = readFileSync(join(DIST, file));
    const gz = gzipSync(raw).length;
    total += gz;
    console.log(`  ${file.padEnd(14)} ${kb(raw.length).padStart(8)} KB raw  ${kb(gz).padStart(7)} KB gzipped`);
  }
  const verdict = total / 1000 <= SIZE_TARGET_KB ? "within" : "over";
  console.log(`  ${"together".padEnd(14)} ${"".padStart(8)}            ${kb(total).padStart(7)} KB gzipped — ${verdict} the ${SIZE_TARGET_KB} KB target`);
  // exceljs is split out and fetched only when an .xlsx is chosen on the Import screen.
  const lazy = readFileSync(join(DIST, "exceljs.js"));
  console.log(`  ${"exceljs.js".padEnd(14)} ${kb(lazy.length).padStart(8)} KB raw  ${kb(gzipSync(lazy).length).padStart(7)} KB gzipped — loaded only when an .xlsx file is imported`);
}

async function firstRender(): Promise<void> {
  const executable = findChromium();
  if (!executable) {
    console.log("\nTime to first render: skipped, no chromium (/usr/bin/chromium or `chromium` on PATH; apt-get install chromium).");
    return;
  }
  const server = await serveStatic(DIST);
  const chromium = await launchChromium(executable);
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const page = await isolatedPage(chromium.browser, server.origin);
      await page.addInitScript(() => {
        const w = window as unknown as { __hnbFirstRender?: number };
        const seen = () => [...document.querySelectorAll("h1")].some((h) => h.textContent === "HNB High Needs");
        new MutationObserver((_, observer) => {
          if (w.__hnbFirstRender === undefined && seen()) {
            w.__hnbFirstRender = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByRole("heading", { name: "HNB High Needs", level: 1 }).waitFor({ timeout: 30_000 });
      times.push(await page.evaluate(() => (window as unknown as { __hnbFirstRender: number }).__hnbFirstRender));
      await page.context().close();
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`\nTime to first render in headless chromium (navigation start → "HNB High Needs" heading, ${LOADS} loads, office.js blocked):`);
  console.log(`  loads ${times.map((t) => `${Math.round(t)} ms`).join(", ")}`);
  console.log(`  median ${Math.round(median)} ms — ${median <= RENDER_TARGET_MS ? "within" : "over"} the ${RENDER_TARGET_MS / 1000} s target`);
}

async function main(): Promise<void> {
  ensureBuilt();
  sizes();
  await firstRender();
}

main().catch((error: unknown) => {
  console.error(`taskpane bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
