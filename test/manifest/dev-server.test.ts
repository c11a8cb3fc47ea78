/*
 * The development server: reachable from this machine only unless asked, and serving the task
 * pane under its Content-Security-Policy, with cross-origin reads allowed only for what Excel on
 * the web fetches from its own origin (the functions' metadata and help).
 */
import { CONTENT_SECURITY_POLICY } from "../../scripts/csp.cjs";

type Headers = Record<string, string>;
interface DevServer {
  host?: string;
  headers: (req: { path: string }) => Headers;
}

async function devServer(host?: string): Promise<DevServer> {
  const before = process.env.HNB_DEV_HOST;
  if (host === undefined) delete process.env.HNB_DEV_HOST;
  else process.env.HNB_DEV_HOST = host;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
    const make = require("../../webpack.config.js") as (env: object, options: { mode: string }) => Promise<{ devServer: DevServer }>;
    return (await make({}, { mode: "development" })).devServer;
  } finally {
    if (before === undefined) delete process.env.HNB_DEV_HOST;
    else process.env.HNB_DEV_HOST = before;
  }
}

it("listens on localhost only, unless HNB_DEV_HOST names another interface", async () => {
  expect((await devServer()).host).toBe("localhost");
  expect((await devServer("0.0.0.0")).host).toBe("0.0.0.0");
});

it("serves every file under the task pane's policy, and lets other origins read only the functions' metadata and help", async () => {
  const { headers } = await devServer();
  const page = headers({ path: "/taskpane.html" });
  expect(page["Content-Security-Policy"]).toBe(CONTENT_SECURITY_POLICY);
  expect(page["Access-Control-Allow-Origin"]).toBeUndefined();
  expect(headers({ path: "/taskpane.js" })["Access-Control-Allow-Origin"]).toBeUndefined();
  expect(headers({ path: "/functions.json" })["Access-Control-Allow-Origin"]).toBe("*");
  expect(headers({ path: "/help/functions.html" })["Access-Control-Allow-Origin"]).toBe("*");
});

it("allows scripts only from the add-in's own origin and Office's script host, with no inline script or eval", () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
  expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-eval");
});
