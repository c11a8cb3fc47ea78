#!/usr/bin/env node
// npm start: sideload the add-in into Excel desktop and serve it, or, where there is no Excel
// desktop (Linux), just serve it for Excel on the web.
//
//   npm start                 Windows/macOS: office-addin-debugging start (desktop Excel)
//   npm start -- <args>       Windows/macOS: extra arguments for office-addin-debugging start
//   npm start                 elsewhere: webpack dev server on https://localhost:3000/
import { MANIFEST, OFFICE_ADDIN_DEBUGGING, PORT, hasExcelDesktop, run } from "./office-tools.mjs";

const extra = process.argv.slice(2);

if (hasExcelDesktop()) {
  const args = ["--yes", OFFICE_ADDIN_DEBUGGING, "start", MANIFEST, "desktop", "--app", "excel", ...extra];
  console.log(`> npx ${args.join(" ")}`);
  process.exitCode = await run("npx", args);
} else {
  console.log(
    [
      `Excel desktop is not available on this machine (${process.platform}), so nothing will be sideloaded.`,
      `Serving the add-in at https://localhost:${PORT}/taskpane.html instead, for Excel on the web in a`,
      `browser on this machine: upload ${MANIFEST} with Add-ins > More Add-ins > Upload My Add-in.`,
      "The browser must trust the development certificate (npx office-addin-dev-certs install).",
      "That is the development add-in, \"HNB High Needs (development)\": its functions are =HNBDEV.RAG(…) and so on.",
      "Opened in a plain browser, the same page runs the task pane beside a sample workbook held in",
      "the page, so every screen can be tried without Excel.",
      "Press Ctrl+C to stop the server.",
      "",
    ].join("\n"),
  );
  process.exitCode = await run("npx", ["webpack", "serve", "--mode", "development", ...extra]);
}
