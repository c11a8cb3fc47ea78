import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import { DEVELOPMENT_BUILD } from "./build";
import { registerCommands } from "./commands";
import { refreshFunctionsWhileDeveloping, watchHost, watchVisibility, type HostInfo } from "./host";
import { workbookFor, type WorkbookHost } from "./workbook-host";
import { pageWorkRunner } from "./work";
import { dialogPageBeside, registerCountCommand, type CountOffice } from "./count-command";
import { OfficeWorkbook } from "../adapters/office";
import { FUNCTION_NAMESPACE } from "./build";

// The pane's heavy work (reading tables, checking, the paper) goes to a worker beside this script,
// off the thread the custom functions share with the pane; its address is known only now, as the script runs.
const scriptUrl = typeof document !== "undefined" && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : null;
const work = pageWorkRunner(scriptUrl);

let root: Root | null = null;
let workbook: WorkbookHost | null = null;
let current: HostInfo | null = null;
let visible = true;
let watching = false;

/** Office (or the person, clicking in the pane) says the pane is showing, or no longer. */
function show(shown: boolean): void {
  if (shown === visible) return;
  visible = shown;
  if (current) render(current);
}

function render(host: HostInfo): void {
  const container = document.getElementById("container");
  if (!container) return;
  root ??= createRoot(container);
  current = host;
  if (host.kind === "excel" && !watching) {
    watching = true;
    try {
      refreshFunctionsWhileDeveloping(Office, DEVELOPMENT_BUILD);
    } catch {
      // A convenience while developing: never a reason to stop the pane.
    }
    visible = watchVisibility(host, show);
  }
  // Excel or a page on its own: one port for the session (a late answer from Office switches to Excel's).
  const known = host.kind === "excel" || host.kind === "browser" || host.kind === "no-office-js";
  if (known && (!workbook || (host.kind === "excel" && workbook.memory))) workbook = workbookFor(host);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} port={host.kind === "other-office-app" ? null : (workbook?.port ?? null)} memory={workbook?.memory ?? null} visible={visible} work={work} onShow={() => show(true)} />
    </FluentProvider>,
  );
}

// The ribbon's commands, associated as the page loads: clicking one may be what loaded it.
if (typeof Office !== "undefined" && Office.actions) {
  try {
    registerCommands(Office);
    // Count findings reads the workbook itself: the pane may not be showing, or even started.
    const pageUrl = scriptUrl ?? document.baseURI;
    let reader: OfficeWorkbook | null = null;
    const read = () => (reader ??= new OfficeWorkbook(Excel.run, { namespace: FUNCTION_NAMESPACE })).readSheets();
    registerCountCommand(Office as unknown as CountOffice, { read, work, dialogPage: dialogPageBeside(pageUrl) });
  } catch {
    // Outside Excel (a plain browser) there are no commands to run.
  }
}

watchHost(render);
