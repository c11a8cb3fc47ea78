/**
 * @jest-environment jsdom
 */
// The ribbon's commands: each ExecuteFunction button of manifest.xml is associated, as the page
// loads, with a function that opens the pane at its screen (and Check runs the check); and the
// development build's cache refresh of the custom functions.
import { readFileSync } from "fs";
import { join } from "path";
import { act, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { RIBBON_COMMANDS, openScreen, registerCommands, requestScreen, takeScreenRequest, type CommandOffice } from "../../src/taskpane/commands";
import { FUNCTION_NAMESPACE } from "../../src/taskpane/build";
import { registerCountCommand, type CountOffice } from "../../src/taskpane/count-command";
import { SLICED } from "../../src/taskpane/work/slices";
import { FORCE_REFRESH_SETTING, refreshFunctionsWhileDeveloping } from "../../src/taskpane/host";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { parseDelimited } from "../../src/core/table/delimited";
import { renderPane } from "../helpers/pane";
import { findAll, parseXml } from "../manifest/xml";

jest.setTimeout(30_000);

const ROOT = join(__dirname, "..", "..");

/** The <FunctionName> of each ExecuteFunction button in manifest.xml, in order. */
const manifestFunctions = findAll(parseXml(readFileSync(join(ROOT, "manifest.xml"), "utf8")), "Action")
  .filter((a) => a.attributes["xsi:type"] === "ExecuteFunction")
  .map((a) => findAll(a, "FunctionName")[0]!.text.trim());

/** Office as the commands see it, recording what they do. */
function fakeOffice(show: () => Promise<void> = () => Promise.resolve()) {
  const associated = new Map<string, (event?: Office.AddinCommands.Event) => void>();
  const office = {
    actions: { associate: jest.fn((id: string, fn: (event?: Office.AddinCommands.Event) => void) => associated.set(id, fn)) },
    addin: { showAsTaskpane: jest.fn(show) },
  };
  return { office: office as unknown as CommandOffice, associated, showAsTaskpane: office.addin.showAsTaskpane };
}

function event() {
  return { completed: jest.fn() } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

afterEach(() => {
  takeScreenRequest();
});

describe("the ribbon's commands", () => {
  it("are the manifest's function buttons, each associated with a function", () => {
    expect(manifestFunctions).toEqual(["hnbOpenTemplates", "hnbOpenImport", "hnbOpenCheck", "hnbCountFindings", "hnbOpenPaper"]);
    const { office, associated } = fakeOffice();
    const names = [...registerCommands(office), registerCountCommand(office as unknown as CountOffice, { read: () => Promise.resolve([]), work: SLICED, dialogPage: "https://localhost:3000/findings.html" })];
    expect(names.sort()).toEqual([...manifestFunctions].sort());
    expect([...associated.keys()].sort()).toEqual([...manifestFunctions].sort());
  });

  it("each ask for its screen, show the pane and tell Office they are done", async () => {
    const { office, associated, showAsTaskpane } = fakeOffice();
    registerCommands(office);
    for (const { functionName, screen: wanted } of RIBBON_COMMANDS) {
      const e = event();
      associated.get(functionName)!(e);
      await waitFor(() => expect(e.completed).toHaveBeenCalledTimes(1));
      expect(takeScreenRequest()?.screen).toBe(wanted);
    }
    expect(showAsTaskpane).toHaveBeenCalledTimes(RIBBON_COMMANDS.length);
  });

  it("are done even when Office cannot show the pane, and the request waits for the pane", async () => {
    const { office } = fakeOffice(() => Promise.reject(new Error("not supported")));
    const e = event();
    await openScreen(office, "paper", e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(takeScreenRequest()?.screen).toBe("paper");
    expect(takeScreenRequest()).toBeNull();
  });

  it("are associated as the task pane's page loads, before Office is ready", () => {
    const { office, associated } = fakeOffice();
    const globals = globalThis as unknown as { Office?: unknown };
    globals.Office = { ...office, onReady: () => new Promise(() => undefined) };
    jest.useFakeTimers();
    try {
      jest.isolateModules(() => {
        // The samples are bundled by webpack (?raw imports), which jest does not do.
        jest.doMock("../../src/taskpane/samples", () => ({ SAMPLE_TEXTS: [] }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the page's entry point, loaded as the browser does
        require("../../src/taskpane/index");
      });
      expect([...associated.keys()].sort()).toEqual([...manifestFunctions].sort());
    } finally {
      jest.useRealTimers();
      delete globals.Office;
    }
  });
});

describe("the pane opened by a command", () => {
  const port = () =>
    MemoryWorkbook.fromGrids([{ name: "savings-plan-messy", values: parseDelimited(readFileSync(join(ROOT, "test", "fixtures", "samples", "savings-plan-messy.tsv"), "utf8"), "\t") }]);
  const selectedTab = () => within(screen.getByRole("tablist", { name: "Screens" })).getByRole("tab", { selected: true });

  it("opens at the screen asked for before it was there, and Check runs the check at once", async () => {
    requestScreen("check");
    renderPane(<App host={{ kind: "browser", officeHost: null }} port={port()} />);
    expect(selectedTab()).toHaveProperty("textContent", "Check");
    expect(await screen.findByText(/^Checked as of /, {}, { timeout: 20_000 })).toBeTruthy();
  });

  it("turns to the screen a command asks for while it is open", async () => {
    renderPane(<App host={{ kind: "browser", officeHost: null }} port={port()} />);
    expect(selectedTab()).toHaveProperty("textContent", "Home");
    act(() => void requestScreen("import"));
    expect(selectedTab()).toHaveProperty("textContent", "Import");
    act(() => void requestScreen("paper"));
    expect(selectedTab()).toHaveProperty("textContent", "Paper");
    act(() => void requestScreen("check"));
    expect(selectedTab()).toHaveProperty("textContent", "Check");
    expect(await screen.findByText(/^Checked as of /, {}, { timeout: 20_000 })).toBeTruthy();
  });

  it("says which namespace to type, the build's", () => {
    renderPane(<App host={{ kind: "excel", officeHost: "Excel" }} port={null} />);
    expect(FUNCTION_NAMESPACE).toBe("HNB");
    expect(screen.getByText(/^Type =HNB\. in a cell/)).toBeTruthy();
  });
});

describe("the custom functions' cache refresh", () => {
  function settings(current?: boolean) {
    const store = new Map<string, unknown>(current === undefined ? [] : [[FORCE_REFRESH_SETTING, current]]);
    const api = { get: jest.fn((k: string) => store.get(k)), set: jest.fn((k: string, v: unknown) => store.set(k, v)), saveAsync: jest.fn() };
    return { office: { context: { document: { settings: api } } } as unknown as Pick<typeof Office, "context">, api };
  }

  it("is turned on for the workbook in a development build, once", () => {
    const { office, api } = settings();
    expect(refreshFunctionsWhileDeveloping(office, true)).toBe(true);
    expect(api.set).toHaveBeenCalledWith("Office.ForceRefreshCustomFunctionsCache", true);
    expect(api.saveAsync).toHaveBeenCalledTimes(1);
    expect(refreshFunctionsWhileDeveloping(office, true)).toBe(false);
    expect(api.saveAsync).toHaveBeenCalledTimes(1);
  });

  it("is never touched by a production build", () => {
    const { office, api } = settings();
    expect(refreshFunctionsWhileDeveloping(office, false)).toBe(false);
    expect(api.set).not.toHaveBeenCalled();
    expect(api.saveAsync).not.toHaveBeenCalled();
  });
});
