// Rewrites the development URLs in manifest.xml for a production build.
//
// manifest.xml is written for the dev server at https://localhost:3000/. `npm run build`
// (webpack --mode production) copies it to dist/manifest.xml through productionManifest(),
// which swaps that base for HNB_PRODUCTION_URL: the https folder the contents of dist/ will
// be served from, for example
//
//   HNB_PRODUCTION_URL=https://addins.example.gov.uk/hnb/ npm run build
//
// Without the variable the placeholder DEFAULT_PRODUCTION_URL is used (as in Microsoft's
// templates): fine for checking a build, useless for deployment.
"use strict";

const DEV_URL = "https://localhost:3000/";
const DEFAULT_PRODUCTION_URL = "https://www.contoso.com/hnb/";

/** The production base URL, always ending in "/". Throws on anything but an absolute https URL. */
function productionUrl(raw = process.env.HNB_PRODUCTION_URL) {
  const value = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_PRODUCTION_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`HNB_PRODUCTION_URL is not a valid URL: "${value}"`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`HNB_PRODUCTION_URL must use https (Office refuses add-ins served over http): "${value}"`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** The manifest text with every development URL (and the dev origin in AppDomains) replaced. */
function productionManifest(xml, baseUrl = productionUrl()) {
  const devOrigin = new URL(DEV_URL).origin;
  const prodOrigin = new URL(baseUrl).origin;
  return xml.split(DEV_URL).join(baseUrl).split(devOrigin).join(prodOrigin);
}

/** The files whose URLs the manifest gives Office, which it caches by URL. */
const VERSIONED_FILES = ["functions.js", "functions.json", "taskpane.html"];

/**
 * The manifest with each of VERSIONED_FILES's URLs carrying its content's version (`?v=…`):
 * Office caches functions.js, functions.json and the task pane by URL, for up to a day, so a
 * release that keeps the same URLs can reach users a day late. A new build with new contents
 * gives new URLs, which Office fetches at once once the manifest is redeployed.
 */
function versionedManifest(xml, versions) {
  let out = xml;
  for (const file of VERSIONED_FILES) {
    const version = versions[file];
    if (!version) continue;
    // Only whole URLs ending at the file name, inside an attribute: "https://…/functions.js".
    out = out.replace(new RegExp(`(="https://[^"]*/${file.replace(/\./g, "\\.")})(?:\\?v=[^"]*)?"`, "g"), `$1?v=${version}"`);
  }
  return out;
}

module.exports = { DEV_URL, DEFAULT_PRODUCTION_URL, VERSIONED_FILES, productionUrl, productionManifest, versionedManifest };
