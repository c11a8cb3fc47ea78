// The task pane's Content-Security-Policy, in one place: the dev server sends it as a header,
// the built taskpane.html carries it in a <meta> tag (so it holds wherever dist/ is hosted), the
// e2e serves the page with it and fails on any violation, and the README gives it for production.
//
// Scripts only from the add-in's own origin and Office's script host (office.js loads its
// host-specific parts from there too); no inline script and no eval. Styles allow 'unsafe-inline'
// because Fluent UI v9 (Griffel) writes its styles into <style> elements at run time.
"use strict";

const OFFICE_SCRIPT_HOST = "https://appsforoffice.microsoft.com";

const DIRECTIVES = {
  "default-src": ["'self'"],
  "script-src": ["'self'", OFFICE_SCRIPT_HOST],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'", OFFICE_SCRIPT_HOST],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'none'"],
};

const CONTENT_SECURITY_POLICY = Object.entries(DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(" ")}`)
  .join("; ");

module.exports = { CONTENT_SECURITY_POLICY, OFFICE_SCRIPT_HOST };
