/**
 * The ribbon's Count findings: the check run from the ribbon without the pane, its counts shown
 * in a small dialog (Office's dialog API: Excel gives add-ins no notification of their own), with
 * a button that opens the pane at Check for the findings themselves.
 *
 * It runs in the shared runtime, whether or not the pane is showing: the workbook is read through
 * the office adapter and checked by the pane's check job (in its worker), exactly as Check does.
 * Where Excel has no dialog API (DialogApi 1.1, asked at run time), or the dialog cannot be
 * opened (one is open already), the pane opens at Check instead, which runs the check there.
 */
import { todaySerial } from "../core";
import { asOfInWords } from "../app";
import type { SheetRead } from "../port";
import { openScreen, type CommandOffice } from "./commands";
import type { WorkRunner } from "./work";
import { DIALOG_MESSAGES, countDialogUrl, type CountWords } from "./count-words";

export const COUNT_FUNCTION = "hnbCountFindings";

/** The parts of Office the command uses, as office.js types them (a test passes a stand-in). */
export type CountOffice = CommandOffice & { context: { ui: Pick<Office.UI, "displayDialogAsync">; requirements: Pick<Office.RequirementSetSupport, "isSetSupported"> } };

export interface CountDeps {
  /** Every sheet of the workbook, read through Excel. */
  read(): Promise<SheetRead[]>;
  work: WorkRunner;
  /** The dialog page's address (findings.html beside the pane's page), with the page's version query. */
  dialogPage: string;
  /** Today as an Excel serial: overdue actions are judged by the report date, else by today. */
  today?: () => number;
}

/** The words for the dialog from what went wrong: the pane's way of saying it, short. */
function failedWords(error: unknown): CountWords {
  const message = error instanceof Error && error.message ? error.message : String(error);
  return { summary: "The check could not be run.", detail: "Open the pane at Check to try again; nothing in the workbook was changed.", failed: message.slice(0, 300) };
}

/** Runs the check and says its counts in the dialog; the pane opens at Check where no dialog can be shown. */
export async function countFindings(office: CountOffice, deps: CountDeps, event?: Office.AddinCommands.Event): Promise<void> {
  try {
    if (!dialogSupported(office)) {
      await openScreen(office, "check");
      return;
    }
    let words: CountWords;
    try {
      const grids = await deps.read();
      const view = await deps.work.run("check", { grids, request: { today: (deps.today ?? todaySerial)() } });
      const tables = `${view.tableCount} ${view.tableCount === 1 ? "table" : "tables"}`;
      // Sheets that could not be read are said, never counted as sheets with nothing wrong.
      const unread = view.unreadable.length;
      const notRead = unread === 0 ? "" : ` ${unread} ${unread === 1 ? "sheet" : "sheets"} could not be read (${view.unreadable.map((u) => `“${u.sheet}”`).join(", ")}): open the pane at Check to see why.`;
      words =
        view.tableCount === 0
          ? { summary: "No tables were found to check.", detail: unread === 0 ? "Insert a template or import a table first." : notRead.trim() }
          : { summary: `${view.summary}.`, detail: `In ${tables}${view.asOf ? `; deadlines judged as of ${asOfInWords(view.asOf)}` : ""}.${notRead}` };
    } catch (error) {
      words = failedWords(error);
    }
    // No dialog after all: the pane is where the findings go.
    if (!(await showDialog(office, countDialogUrl(deps.dialogPage, words)))) await openScreen(office, "check");
  } finally {
    event?.completed();
  }
}

/** Associates the ribbon's Count findings button (manifest.xml's hnbCountFindings) with the command; returns its name. */
export function registerCountCommand(office: CountOffice, deps: CountDeps): string {
  office.actions.associate(COUNT_FUNCTION, (event?: Office.AddinCommands.Event) => void countFindings(office, deps, event));
  return COUNT_FUNCTION;
}

/** The dialog page beside the page at `pageUrl` (the pane's script or page), with its version query. */
export function dialogPageBeside(pageUrl: string): string {
  const page = new URL("findings.html", pageUrl);
  page.search = new URL(pageUrl).search;
  return page.toString();
}

function dialogSupported(office: CountOffice): boolean {
  try {
    return office.context.requirements.isSetSupported("DialogApi", "1.1") === true;
  } catch {
    return false;
  }
}

/** Opens the dialog; resolves whether it opened. Its buttons: open the pane at Check, or close it. */
function showDialog(office: CountOffice, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      // In an iframe on the web (no pop-up blocker to meet); a small window elsewhere. Sizes are percentages of the screen.
      office.context.ui.displayDialogAsync(url, { height: 30, width: 25, displayInIframe: true }, (result) => {
        // The enums' values, so that nothing here needs office.js's globals (a test's stand-in has none).
        if (String(result.status) !== "succeeded") return resolve(false);
        const dialog = result.value;
        dialog.addEventHandler("dialogMessageReceived" as unknown as Office.EventType, (arg) => {
          const message = "message" in arg ? arg.message : "";
          dialog.close();
          if (message === DIALOG_MESSAGES.openCheck) void openScreen(office, "check");
        });
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
