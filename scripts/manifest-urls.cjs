// The two manifests: development (manifest.xml as it stands) and production (made from it).
//
// manifest.xml is the DEVELOPMENT manifest: its own add-in Id, the display name "HNB High Needs
// (development)", its functions under the namespace HNBDEV, every URL on the dev server at
// https://localhost:3000/. `npm start` sideloads it as it is; `npm run build:dev` and the dev
// server copy it to dist/ with <Version> set from package.json.
//
// `npm run build` (webpack --mode production) writes the PRODUCTION manifest to dist/ through
// productionManifest(): the production Id and display name, the namespace HNB, <Version> from
// package.json, and every development URL (SupportUrl and the Get Started LearnMoreUrl, which
// point at the help page, included) swapped for HNB_PRODUCTION_URL: the https folder the
// contents of dist/ will be served from, for example
//
//   HNB_PRODUCTION_URL=https://addins.northshire.gov.uk/hnb/ npm run build
//
// Without a real URL there (unset, http, localhost, Microsoft's placeholder contoso, a reserved
// example or test name) the production build stops with one line saying so.
//
// Two Ids and two namespaces, so a developer can have both installed: with one Id Office keeps
// only one of them, and with one namespace each HNB cell would have two functions of the same
// name (#REF!).
"use strict";

const DEV_URL = "https://localhost:3000/";

/** Each build's identity: what differs between the two manifests besides URLs and version. */
const DEVELOPMENT = Object.freeze({
  id: "7936ea97-dde0-4f47-84ab-c9823d2491fd",
  displayName: "HNB High Needs (development)",
  namespace: "HNBDEV",
  groupLabel: "HNB dev",
});
const PRODUCTION = Object.freeze({
  id: "beea6a1e-26ea-4027-890e-bb623e09c7bd",
  displayName: "HNB High Needs",
  namespace: "HNB",
  groupLabel: "HNB",
});

/** Where the add-in's help is, relative to where it is served: SupportUrl and LearnMoreUrl. */
const HELP_PAGE = "help/functions.html";

/** Host names that are never where an add-in is really served. */
const PLACEHOLDER_HOST = /(?:^|\.)contoso\.|(?:^|\.)example(?:\.|$)|\.(?:test|invalid|localhost|local)$/i;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * The production base URL, always ending in "/". Throws, with a one-line message, unless it is an
 * absolute https URL of a real host: unset, http, localhost, Microsoft's placeholder contoso and
 * names reserved for examples and tests (example.com, *.test, …) are refused.
 */
function productionUrl(raw = process.env.HNB_PRODUCTION_URL) {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (value === "") {
    throw new Error(
      "HNB_PRODUCTION_URL is not set: a production build needs the https address dist/ will be served from " +
        "(HNB_PRODUCTION_URL=https://<your server>/<folder>/ npm run build); npm run build:dev builds for https://localhost:3000/ instead.",
    );
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`HNB_PRODUCTION_URL is not a valid URL: "${value}".`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`HNB_PRODUCTION_URL must use https (Office refuses add-ins served over http): "${value}".`);
  }
  if (LOOPBACK_HOST.test(url.hostname)) {
    throw new Error(`HNB_PRODUCTION_URL is this machine ("${value}"): give the server users will load the add-in from, or use npm run build:dev.`);
  }
  if (PLACEHOLDER_HOST.test(url.hostname)) {
    throw new Error(`HNB_PRODUCTION_URL is a placeholder ("${value}"): give the real https address dist/ will be served from.`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error(`HNB_PRODUCTION_URL must be a folder, without ?query or #fragment: "${value}".`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * package.json's version as the manifest's four-part <Version>: 1.4.2 → 1.4.2.0. Office compares
 * it when a manifest is redeployed, so it must rise with every release; a pre-release version
 * (1.5.0-beta.1) has no four-part form that keeps rising, so it is refused.
 */
function manifestVersion(packageVersion = require("../package.json").version) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(packageVersion));
  if (!match || match.slice(1).some((part) => Number(part) > 65535)) {
    throw new Error(`package.json's version "${packageVersion}" has no manifest form: use major.minor.patch, each at most 65535 (the manifest's <Version> is four such numbers).`);
  }
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/** The manifest with its <Version> set. */
function withVersion(xml, version) {
  return replaceOnce(xml, /<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`, "<Version>");
}

/**
 * The manifest as a development build serves it: manifest.xml with <Version> from package.json.
 */
function developmentManifest(xml, version = manifestVersion()) {
  return withVersion(xml, version);
}

/**
 * The production manifest, made from manifest.xml (the development one): production Id, display
 * name, ribbon group label and namespace (also in the Get Started text, "=HNB."), <Version> from
 * package.json, and every development URL and the dev origin in AppDomains replaced by `baseUrl`.
 * Throws if manifest.xml no longer holds what it replaces, so the two cannot drift apart silently.
 */
function productionManifest(xml, baseUrl = productionUrl(), version = manifestVersion()) {
  const dev = DEVELOPMENT;
  const prod = PRODUCTION;
  let out = withVersion(xml, version);
  // manifest.xml's opening comment is about the development manifest.
  out = replaceOnce(
    out,
    /^<\?xml[^>]*>\s*<!--[\s\S]*?-->/,
    `<?xml version="1.0" encoding="UTF-8"?>\n<!--\n  HNB High Needs: the PRODUCTION manifest, for ${baseUrl}, written by npm run build from\n  manifest.xml (the development manifest) and scripts/manifest-urls.cjs. Edit those, not this.\n-->`,
    "an opening comment",
  );
  out = replaceOnce(out, `<Id>${dev.id}</Id>`, `<Id>${prod.id}</Id>`, "the development <Id>");
  out = replaceOnce(out, `<DisplayName DefaultValue="${dev.displayName}"/>`, `<DisplayName DefaultValue="${prod.displayName}"/>`, "the development <DisplayName>");
  out = replaceOnce(out, `<bt:String id="Functions.Namespace" DefaultValue="${dev.namespace}"/>`, `<bt:String id="Functions.Namespace" DefaultValue="${prod.namespace}"/>`, "the Functions.Namespace string");
  out = replaceOnce(out, `<bt:String id="HNB.Group.Label" DefaultValue="${dev.groupLabel}"/>`, `<bt:String id="HNB.Group.Label" DefaultValue="${prod.groupLabel}"/>`, "the HNB.Group.Label string");
  // Text telling users what to type: "=HNBDEV." becomes "=HNB.".
  out = out.split(`=${dev.namespace}.`).join(`=${prod.namespace}.`);
  const devOrigin = new URL(DEV_URL).origin;
  const prodOrigin = new URL(baseUrl).origin;
  return out.split(DEV_URL).join(baseUrl).split(devOrigin).join(prodOrigin);
}

function replaceOnce(text, find, replacement, what) {
  const count = typeof find === "string" ? text.split(find).length - 1 : (text.match(new RegExp(find.source, "g")) ?? []).length;
  if (count !== 1) throw new Error(`manifest.xml should hold ${what} once but holds it ${count} times: update it or scripts/manifest-urls.cjs.`);
  return text.replace(find, () => replacement);
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

module.exports = {
  DEV_URL,
  DEVELOPMENT,
  PRODUCTION,
  HELP_PAGE,
  VERSIONED_FILES,
  productionUrl,
  manifestVersion,
  withVersion,
  developmentManifest,
  productionManifest,
  versionedManifest,
};
