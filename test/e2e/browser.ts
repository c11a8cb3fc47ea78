/*
 * What the end-to-end tests (taskpane.e2e.test.ts) and the task pane bench
 * (test/bench/taskpane.bench.ts) share: the production build in dist/, a tiny static server for
 * it on 127.0.0.1, and Debian's chromium driven by playwright-core.
 *
 * Never downloads a browser (`npx playwright install` cannot work here): it uses /usr/bin/chromium
 * or `chromium` on PATH, which .ci/run installs from Debian's packages.
 */
import { execFileSync, execSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CONTENT_SECURITY_POLICY } from "../../scripts/csp.cjs";

export const ROOT = join(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");

/** The chromium binary: /usr/bin/chromium, else `chromium` on PATH; null when there is none. */
export function findChromium(): string | null {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
    return found !== "" ? found : null;
  } catch {
    return null;
  }
}

/** Builds dist/ (production) when taskpane.html or taskpane.js is missing. */
export function ensureBuilt(): void {
  if (existsSync(join(DIST, "taskpane.html")) && existsSync(join(DIST, "taskpane.js")) && existsSync(join(DIST, "functions.js"))) return;
  console.log("e2e: dist/ is missing the task pane; building it (npx webpack --mode production)…");
  // A production build needs the address it will be served from; these tests serve it themselves, so any real-looking one does (CI's).
  const url = process.env.HNB_PRODUCTION_URL ?? "https://hnb-ci.northshire.gov.uk/hnb/";
  execSync("npx webpack --mode production", { cwd: ROOT, stdio: "inherit", env: { ...process.env, HNB_PRODUCTION_URL: url } });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves `dir` over plain http on 127.0.0.1, on a port the system chooses, with the task pane's Content-Security-Policy. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = normalize(join(dir, path === "/" ? "taskpane.html" : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    // Served as the README asks production hosting to serve it: under the task pane's policy.
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store", "content-security-policy": CONTENT_SECURITY_POLICY });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Chromium {
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Debian's chromium, headless, with no background traffic. playwright-core gives every launch a
 * fresh, empty profile of its own (--user-data-dir in a new temporary folder, removed on close);
 * it refuses a --user-data-dir argument.
 */
export async function launchChromium(executablePath: string): Promise<Chromium> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A new page that may only reach `origin`: everything else (office.js on Microsoft's CDN) is
 * aborted at once, so the pane runs on its sample workbook without waiting for the network.
 */
export async function isolatedPage(browser: Browser, origin: string, viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB" });
  const page = await context.newPage();
  await page.route("**/*", (route) => (route.request().url().startsWith(origin + "/") ? route.continue() : route.abort()));
  return page;
}

/**
 * Records every Content-Security-Policy violation the page reports, from before its first
 * script runs; `cspViolations(page)` reads them. The policy's own checks, not the test's.
 */
export async function watchPolicy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/**
 * axe-core put into the page as DevTools evaluates code, which the page's policy rightly does
 * not govern: a <script> tag of it would be inline script, which the policy refuses.
 */
export async function addAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
}
