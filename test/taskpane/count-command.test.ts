/**
 * @jest-environment jsdom
 */
// The ribbon's Count findings (issue 25): the check run without the pane, its counts said in a
// small dialog with a button to open the pane at Check; the pane instead where Excel has no dialog.
import { readFileSync } from "fs";
import { join } from "path";
import { checkWorkbook } from "../../src/app/check";
import { parseDelimited } from "../../src/core/table/delimited";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { takeScreenRequest } from "../../src/taskpane/commands";
import { COUNT_FUNCTION, countFindings, dialogPageBeside, registerCountCommand, type CountDeps, type CountOffice } from "../../src/taskpane/count-command";
import { countDialogUrl, countText } from "../../src/taskpane/count-words";
import { showCounts } from "../../src/taskpane/findings";
import { SLICED } from "../../src/taskpane/work/slices";
import type { SheetRead } from "../../src/port";

const ROOT = join(__dirname, "..", "..");
const PAGE = "https://hnb.example.gov.uk/hnb/findings.html?abc123";
const TODAY = 45_800;

async function sampleWorkbook(): Promise<SheetRead[]> {
  const grid = (name: string) => ({ name, values: parseDelimited(readFileSync(join(ROOT, "test", "fixtures", "samples", `${name}.tsv`), "utf8"), "\t") });
  return MemoryWorkbook.fromGrids([grid("savings-plan-messy"), grid("action-plan-messy")]).readSheets();
}

/** Office as Count findings sees it, recording the dialog it opens and what the dialog's buttons do. */
function fakeOffice(options: { dialogs?: boolean; opens?: boolean } = {}) {
  const { dialogs = true, opens = true } = options;
  const handlers: ((arg: { message: string }) => void)[] = [];
  const dialog = { addEventHandler: jest.fn((_: unknown, handler: (arg: { message: string }) => void) => handlers.push(handler)), close: jest.fn() };
  const opened: { url: string; options: Office.DialogOptions }[] = [];
  const office = {
    actions: { associate: jest.fn() },
    addin: { showAsTaskpane: jest.fn(() => Promise.resolve()) },
    context: {
      requirements: { isSetSupported: jest.fn((name: string, version: string) => dialogs && name === "DialogApi" && version === "1.1") },
      ui: {
        displayDialogAsync: jest.fn((url: string, opts: Office.DialogOptions, callback: (result: { status: string; value: unknown }) => void) => {
          opened.push({ url, options: opts });
          callback(opens ? { status: "succeeded", value: dialog } : { status: "failed", value: undefined });
        }),
      },
    },
  };
  return { office: office as unknown as CountOffice, opened, dialog, handlers, showAsTaskpane: office.addin.showAsTaskpane, displayDialogAsync: office.context.ui.displayDialogAsync };
}

function event() {
  return { completed: jest.fn() } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

function deps(read: () => Promise<SheetRead[]>): CountDeps {
  return { read, work: SLICED, dialogPage: PAGE, today: () => TODAY };
}

afterEach(() => {
  takeScreenRequest();
});

describe("Count findings on the ribbon", () => {
  it("runs the check without the pane and says its counts, in the check's own words, in a dialog", async () => {
    const grids = await sampleWorkbook();
    const { office, opened, showAsTaskpane } = fakeOffice();
    const e = event();
    await countFindings(office, deps(() => Promise.resolve(grids)), e);
    expect(opened).toHaveLength(1);
    const report = checkWorkbook(grids, { today: TODAY });
    const words = countText(new URL(opened[0]!.url).search);
    expect(words.summary).toBe(`${report.summary}.`);
    expect(report.counts.error + report.counts.warning + report.counts.info).toBeGreaterThan(0);
    expect(words.detail).toMatch(new RegExp(`^In ${report.tables.length + report.readings.length} tables; deadlines judged as of `));
    expect(words.failed).toBe("");
    // Beside the pane's page, with its version.
    expect(opened[0]!.url.startsWith("https://hnb.example.gov.uk/hnb/findings.html?abc123=&summary=")).toBe(true);
    expect(opened[0]!.options.displayInIframe).toBe(true);
    expect(showAsTaskpane).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  it("opens the pane at Check from the dialog's button, and only closes the dialog from Close", async () => {
    const grids = await sampleWorkbook();
    const { office, handlers, dialog, showAsTaskpane } = fakeOffice();
    await countFindings(office, deps(() => Promise.resolve(grids)));
    expect(handlers).toHaveLength(1);
    handlers[0]!({ message: "close" });
    expect(dialog.close).toHaveBeenCalledTimes(1);
    expect(showAsTaskpane).not.toHaveBeenCalled();
    handlers[0]!({ message: "open-check" });
    expect(dialog.close).toHaveBeenCalledTimes(2);
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(takeScreenRequest()?.screen).toBe("check");
  });

  it("opens the pane at Check instead where Excel has no dialog, or the dialog does not open", async () => {
    const grids = await sampleWorkbook();
    for (const options of [{ dialogs: false }, { opens: false }]) {
      const { office, displayDialogAsync, showAsTaskpane } = fakeOffice(options);
      const e = event();
      await countFindings(office, deps(() => Promise.resolve(grids)), e);
      expect(displayDialogAsync).toHaveBeenCalledTimes(options.dialogs === false ? 0 : 1);
      expect(showAsTaskpane).toHaveBeenCalledTimes(1);
      expect(takeScreenRequest()?.screen).toBe("check");
      expect(e.completed).toHaveBeenCalledTimes(1);
    }
  });

  it("says in the dialog that the check could not run, and why, when the workbook cannot be read", async () => {
    const { office, opened } = fakeOffice();
    await countFindings(office, deps(() => Promise.reject(new Error("Excel is busy: a cell is being edited."))));
    const words = countText(new URL(opened[0]!.url).search);
    expect(words).toEqual({ summary: "The check could not be run.", detail: "Open the pane at Check to try again; nothing in the workbook was changed.", failed: "Excel is busy: a cell is being edited." });
  });

  it("says when there is nothing to check", async () => {
    const { office, opened } = fakeOffice();
    await countFindings(office, deps(() => MemoryWorkbook.fromGrids([{ name: "Sheet1", values: [["Notes for the meeting"]] }]).readSheets()));
    expect(countText(new URL(opened[0]!.url).search)).toMatchObject({ summary: "No tables were found to check.", detail: "Insert a template or import a table first." });
  });

  it("says which sheets could not be read, never counting them as sheets with nothing wrong", async () => {
    const grids = await sampleWorkbook();
    const unreadable = { run: async (job: string, input: unknown) => ({ ...((await SLICED.run(job as "check", input as never)) as object), unreadable: [{ sheet: "Big", message: "too large" }] }) } as unknown as CountDeps["work"];
    const { office, opened } = fakeOffice();
    await countFindings(office, { ...deps(() => Promise.resolve(grids)), work: unreadable });
    expect(countText(new URL(opened[0]!.url).search).detail).toMatch(/\. 1 sheet could not be read \(“Big”\): open the pane at Check to see why\.$/);
    const none = { run: async () => ({ ...checkWorkbook([], { today: TODAY }), tableCount: 0, findingCount: 0, unreadable: [{ sheet: "Big", message: "too large" }] }) } as unknown as CountDeps["work"];
    const second = fakeOffice();
    await countFindings(second.office, { ...deps(() => Promise.resolve([])), work: none });
    expect(countText(new URL(second.opened[0]!.url).search)).toMatchObject({ summary: "No tables were found to check.", detail: "1 sheet could not be read (“Big”): open the pane at Check to see why." });
  });

  it("is associated under the manifest's function name, and finds its page beside the pane's script", () => {
    const { office } = fakeOffice();
    expect(registerCountCommand(office, deps(() => Promise.resolve([])))).toBe(COUNT_FUNCTION);
    expect((office.actions.associate as jest.Mock).mock.calls[0]![0]).toBe("hnbCountFindings");
    expect(dialogPageBeside("https://hnb.example.gov.uk/hnb/taskpane.js?7f3a")).toBe("https://hnb.example.gov.uk/hnb/findings.html?7f3a");
  });
});

describe("the findings dialog", () => {
  /** The built page's body, from its template: the script is not run here, showCounts is. */
  function page(): Document {
    const html = readFileSync(join(ROOT, "src", "taskpane", "findings.html"), "utf8").replace(/<%=[^%]*%>/g, "");
    return new DOMParser().parseFromString(html, "text/html");
  }

  it("shows the words it is given as text, never as markup, and its buttons tell the add-in what to do", () => {
    const doc = page();
    const sent: string[] = [];
    const url = countDialogUrl(PAGE, { summary: "2 errors, 1 warning, 0 notes.", detail: "In 3 tables <b>bold</b>.", failed: "" });
    showCounts(doc, new URL(url).search, (m) => sent.push(m));
    expect(doc.getElementById("summary")!.textContent).toBe("2 errors, 1 warning, 0 notes.");
    expect(doc.getElementById("detail")!.textContent).toBe("In 3 tables <b>bold</b>.");
    expect(doc.getElementById("detail")!.querySelector("b")).toBeNull();
    expect(doc.getElementById("failed")!.hidden).toBe(true);
    doc.getElementById("open")!.dispatchEvent(new Event("click"));
    doc.getElementById("close")!.dispatchEvent(new Event("click"));
    expect(sent).toEqual(["open-check", "close"]);
  });
});
