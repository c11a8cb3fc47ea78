// Webpack build for the HNB add-in, after Microsoft's Excel-Custom-Functions-Shared and
// Office-Addin-TaskPane-React templates.
//
//   npm run build        production build into dist/: needs HNB_PRODUCTION_URL, the https address
//                        dist/ will be served from, and stops with one line without a real one
//   npm run build:dev    development build into dist/ (https://localhost:3000/)
//   npm run dev-server   https://localhost:3000/ for sideloading (Excel desktop or on the web)
//
// Output (dist/):
//   taskpane.html   the one page of the shared runtime: loads office.js from Microsoft's CDN,
//                   then functions.js and taskpane.js
//   functions.js    the custom functions; custom-functions-metadata-plugin appends the
//                   CustomFunctions.associate(...) calls itself
//   functions.json  custom-function metadata generated from the JSDoc in functions.ts
//   taskpane.js     the React task pane
//   work.js         the task pane's Web Worker (reading, checking and the paper off the functions' thread)
//   assets/*.png    icons
//   help/functions.html  the function reference (docs/functions.md), where each function's
//                   help link in Excel points
//   manifest.xml    development: manifest.xml (namespace HNBDEV, localhost) with <Version> from
//                   package.json; production: the production manifest made from it (its own Id
//                   and name, namespace HNB, every URL under HNB_PRODUCTION_URL; see
//                   scripts/manifest-urls.cjs)
//
// The namespace the build's functions are registered under reaches the task pane as
// __HNB_NAMESPACE__ (src/taskpane/build.ts): the pane writes its formulas in it.
//
// office.js is deliberately not bundled or copied (the @microsoft/office-js package is 87 MB):
// add-ins must load it from the CDN, as Microsoft's templates do.
"use strict";

const path = require("path");
const fs = require("fs");
const os = require("os");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { createHash } = require("crypto");
const { Compilation, DefinePlugin, sources } = require("webpack");
const { DEV_URL, DEVELOPMENT, PRODUCTION, VERSIONED_FILES, developmentManifest, manifestVersion, productionUrl, productionManifest, versionedManifest } = require("./scripts/manifest-urls.cjs");
const { HelpPagePlugin } = require("./scripts/help-page.cjs");
const { CONTENT_SECURITY_POLICY } = require("./scripts/csp.cjs");

const port = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * HTTPS options for the dev server from office-addin-dev-certs (the certificates Office trusts
 * for localhost). On Linux installing the CA needs sudo, which a container or CI runner may
 * lack: office-addin-dev-certs then still leaves generated certificate files behind, which we
 * use (https works, but browsers will not trust it: curl -k or accept the warning). If there
 * are no certificates at all, serve plain http and say so.
 */
async function getServerOptions() {
  if (process.env.HNB_DEV_HTTP === "1") {
    console.warn("[hnb] HNB_DEV_HTTP=1: serving plain http on port " + port + ".");
    return { type: "http" };
  }
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch (error) {
    return plainHttp(`office-addin-dev-certs could not be loaded (${firstLine(error)})`);
  }
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (error) {
    // Where office-addin-dev-certs writes its files (its lib/defaults.js; not exported).
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const paths = ["ca.crt", "localhost.crt", "localhost.key"].map((name) => path.join(dir, name));
    if (paths.every((file) => fs.existsSync(file))) {
      const [ca, cert, key] = paths.map((file) => fs.readFileSync(file));
      console.warn(
        "[hnb] The development certificate authority could not be installed " +
          `(${firstLine(error)}).\n` +
          "[hnb] Serving https with the generated certificate anyway: Office and browsers on this " +
          "machine will not trust it until the CA is installed (run `npx office-addin-dev-certs install` " +
          "with administrator rights); curl needs -k.",
      );
      return { type: "https", options: { ca, key, cert } };
    }
    return plainHttp(`no development certificates are available (${firstLine(error)})`);
  }
}

function plainHttp(reason) {
  console.warn(
    `[hnb] HTTPS is unavailable: ${reason}.\n` +
      `[hnb] Falling back to plain http://localhost:${port}/. Office will not load an add-in over http; ` +
      "this is only good for looking at the task pane in a browser.",
  );
  return { type: "http" };
}

function firstLine(error) {
  return String((error && error.message) || error).split("\n")[0];
}

/**
 * Gives the built manifest's URLs for functions.js, functions.json and taskpane.html their
 * contents' versions (`functions.js?v=3f2a…`), once every other plugin has finished with them,
 * so Office's cache, keyed by URL, cannot serve last release's functions for a day.
 */
class VersionedManifestPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("VersionedManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "VersionedManifestPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT + 1 }, () => {
        const manifest = compilation.getAsset("manifest.xml");
        if (!manifest) return;
        const versions = {};
        for (const file of VERSIONED_FILES) {
          const asset = compilation.getAsset(file);
          if (asset) versions[file] = createHash("sha256").update(asset.source.buffer()).digest("hex").slice(0, 12);
        }
        compilation.updateAsset("manifest.xml", new sources.RawSource(versionedManifest(manifest.source.source().toString(), versions)));
      });
    });
  }
}

/**
 * What is wrong with the build's settings (no production URL, a version with no manifest form)
 * is one line on stderr and exit code 1, not webpack-cli's stack trace.
 */
function settingOrExit(read) {
  try {
    return read();
  } catch (error) {
    console.error(`[hnb] ${firstLine(error)}`);
    process.exit(1);
  }
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const baseUrl = dev ? DEV_URL : settingOrExit(() => productionUrl());
  const version = settingOrExit(() => manifestVersion());
  const identity = dev ? DEVELOPMENT : PRODUCTION;

  /** @type {import("webpack").Configuration & { devServer?: import("webpack-dev-server").Configuration }} */
  const config = {
    // Source maps while developing only: a production build would publish the sources with them.
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      // The pane's Web Worker: reading, checking and the paper, off the thread the functions run on.
      // Started by the pane beside its own script (src/taskpane/work/start.ts), never put in the page.
      // Its chunks (exceljs, for a chosen .xlsx file) are loaded with importScripts: a worker has no document to add a <script> to.
      work: { import: "./src/taskpane/work/worker.ts", chunkLoading: "import-scripts" },
      // The dialog the ribbon's Count findings opens (findings.html): the check's counts and two buttons.
      findings: "./src/taskpane/findings.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [
        // The shared samples, bundled as text for the task pane's browser preview (`import x from "./a.tsv?raw"`).
        { resourceQuery: /raw/, type: "asset/source" },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; the build only transpiles, which keeps it fast.
            options: { configFile: path.resolve(__dirname, "tsconfig.json"), transpileOnly: true },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        input: "./src/functions/functions.ts",
        output: "functions.json",
      }),
      // The functions' namespace, for the pane's formulas and its words ("Type =HNBDEV.").
      new DefinePlugin({ __HNB_NAMESPACE__: JSON.stringify(identity.namespace), __HNB_DEVELOPMENT__: JSON.stringify(dev) }),
      // help/functions.html from docs/functions.md, in the build's namespace; production help links in functions.json.
      new HelpPagePlugin({ baseUrl, namespace: identity.namespace }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // ?<build hash> on its scripts: the page's own version changes with theirs.
        hash: true,
        // Shared runtime: the task pane page also runs the custom functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        // The policy travels with the page (a <meta> before any script), so it holds on whatever server hosts dist/.
        templateParameters: { contentSecurityPolicy: CONTENT_SECURITY_POLICY },
      }),
      new HtmlWebpackPlugin({
        filename: "findings.html",
        template: "./src/taskpane/findings.html",
        hash: true,
        chunks: ["findings"],
        templateParameters: { contentSecurityPolicy: CONTENT_SECURITY_POLICY },
      }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: "assets/*.png",
            to: "assets/[name][ext]",
            info: { minimized: true },
          },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            info: { minimized: true },
            transform(content) {
              return dev ? developmentManifest(content.toString(), version) : productionManifest(content.toString(), baseUrl, version);
            },
          },
        ],
      }),
      new VersionedManifestPlugin(),
    ],
    performance: {
      // React and Fluent UI make a task pane bundle well over webpack's 244 KiB advice; it is
      // loaded once per session, so size warnings would be noise.
      hints: false,
    },
    devServer: {
      // Only this machine can reach the dev server unless HNB_DEV_HOST names an interface to
      // listen on (say 0.0.0.0, to sideload from another machine on a trusted network).
      host: process.env.HNB_DEV_HOST || "localhost",
      headers: (req) => ({
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        // Excel on the web fetches the custom functions' metadata and help from its own origin;
        // nothing else is shared across origins.
        ...(/^\/(functions\.json|help\/)/.test(req.path ?? req.url ?? "") ? { "Access-Control-Allow-Origin": "*" } : {}),
      }),
      port,
      // Everything served is built by webpack (CopyWebpackPlugin brings the assets and manifest).
      static: false,
      // Only when serving: `webpack --mode production` must not try to install certificates.
      server: env.WEBPACK_SERVE ? await getServerOptions() : "https",
      client: { overlay: { warnings: false } },
    },
  };

  return config;
};

