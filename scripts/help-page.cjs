// Builds the function reference Excel links to (each function's @helpurl, shown by the Insert
// Function dialog) from docs/functions.md, so the help and the repository's reference are one
// text, in the build's namespace: docs/functions.md writes =HNB.RAG(…), which a development build
// (namespace HNBDEV) shows as =HNBDEV.RAG(…). In a production build it also points
// functions.json's help links at the production URL.
"use strict";

const fs = require("fs");
const path = require("path");
const { DEV_URL } = require("./manifest-urls.cjs");

const SOURCE = path.join(__dirname, "..", "docs", "functions.md");
const OUTPUT = "help/functions.html";

/** An anchor the way the @helpurl tags write it: "## CARRYFORWARD" → #carryforward. */
function anchor(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The reference's function calls in `namespace`: "HNB.RAG" → "HNBDEV.RAG"; the name HNB alone is left. */
function inNamespace(markdown, namespace = "HNB") {
  if (namespace === "HNB") return markdown;
  return markdown.replace(/\bHNB\.(?=[A-Z]|$|[\s`*)])/g, `${namespace}.`).replace(/`HNB` namespace/g, `\`${namespace}\` namespace`);
}

async function renderHelp(markdown, namespace = "HNB") {
  markdown = inNamespace(markdown, namespace);
  const { Marked } = await import("marked");
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${anchor(inner)}">${inner}</h${depth}>\n`;
      },
    },
  });
  const body = await marked.parse(markdown);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HNB functions: reference</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #242424; }
  code { font-family: Consolas, "Cascadia Mono", monospace; background: #f5f5f5; padding: 0 0.2em; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border: 1px solid #d1d1d1; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  h2 { border-top: 1px solid #e0e0e0; padding-top: 1.5rem; }
</style>
</head>
<body>
${body}</body>
</html>
`;
}

class HelpPagePlugin {
  /** @param {{ baseUrl: string, namespace?: string }} options the URL the add-in is served from and its functions' namespace */
  constructor(options) {
    this.baseUrl = options.baseUrl;
    this.namespace = options.namespace ?? "HNB";
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.fileDependencies.add(SOURCE);
      compilation.hooks.processAssets.tapPromise(
        { name: "HelpPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        async () => {
          const html = await renderHelp(fs.readFileSync(SOURCE, "utf8"), this.namespace);
          compilation.emitAsset(OUTPUT, new sources.RawSource(html), { minimized: true });
        },
      );
      compilation.hooks.processAssets.tap(
        { name: "HelpPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const metadata = compilation.getAsset("functions.json");
          if (!metadata || this.baseUrl === DEV_URL) return;
          const text = metadata.source.source().toString().split(DEV_URL).join(this.baseUrl);
          compilation.updateAsset("functions.json", new sources.RawSource(text));
        },
      );
    });
  }
}

module.exports = { HelpPagePlugin, renderHelp, inNamespace, anchor };
