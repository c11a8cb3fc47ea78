/**
 * The ribbon's commands: the HNB group on Excel's Home tab (manifest.xml). Its first button
 * opens the pane (ShowTaskpane); each of the others runs a function in the shared runtime
 * (ExecuteFunction) that opens the pane at one screen. Office.actions.associate ties each
 * manifest <FunctionName> to its function; the functions are associated as soon as the page
 * loads, since a click may be what loads it.
 *
 * The pane learns which screen was asked for through requestScreen and onScreenRequest. A
 * request made while no pane is listening (the page still loading, Office not yet ready) is
 * kept until the pane takes it.
 *
 * Check opens the pane and runs the check at once. Count findings (count-command.ts) runs it
 * without the pane and says its counts in a dialog: Excel gives add-ins no notification to show
 * them in (Office's NotificationMessages are Outlook's, on a mail item).
 */

export type ScreenName = "home" | "templates" | "import" | "check" | "fix" | "paper";

export interface ScreenRequest {
  screen: ScreenName;
  /** Counts requests: the same screen asked for twice is two requests (Check runs again). */
  seq: number;
}

/** Each ExecuteFunction button of manifest.xml, by its <FunctionName>, and the screen it opens. */
export const RIBBON_COMMANDS = [
  { functionName: "hnbOpenTemplates", screen: "templates" },
  { functionName: "hnbOpenImport", screen: "import" },
  { functionName: "hnbOpenCheck", screen: "check" },
  { functionName: "hnbOpenPaper", screen: "paper" },
] as const satisfies readonly { functionName: string; screen: ScreenName }[];

let seq = 0;
let pending: ScreenRequest | null = null;
const listeners = new Set<(request: ScreenRequest) => void>();

/** Asks the pane for a screen: at once if it is listening, else when it next takes a request. */
export function requestScreen(screen: ScreenName): ScreenRequest {
  const request = { screen, seq: ++seq };
  if (listeners.size === 0) pending = request;
  for (const listener of listeners) listener(request);
  return request;
}

/** The request made while nobody listened, once: the screen a pane starting now should open at. */
export function takeScreenRequest(): ScreenRequest | null {
  const request = pending;
  pending = null;
  return request;
}

/** Calls `listener` with each request from now on; returns the call that stops it. */
export function onScreenRequest(listener: (request: ScreenRequest) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The parts of Office the commands use (office.js's own types, so a test can pass a stand-in). */
export type CommandOffice = Pick<typeof Office, "actions" | "addin">;

/**
 * Asks for `screen`, shows the pane, and tells Office the command is done (a function command
 * that never calls completed() is stopped by Office after five minutes). If the pane cannot be
 * shown from here, the request still waits for the pane to open.
 */
export async function openScreen(office: CommandOffice, screen: ScreenName, event?: Office.AddinCommands.Event): Promise<void> {
  requestScreen(screen);
  try {
    await office.addin.showAsTaskpane();
  } catch {
    // Already showing, or this Excel cannot show it from a command: the request waits for the pane.
  } finally {
    event?.completed();
  }
}

/** Associates each ribbon command's function name with its function; returns the names. */
export function registerCommands(office: CommandOffice): string[] {
  for (const command of RIBBON_COMMANDS) {
    office.actions.associate(command.functionName, (event?: Office.AddinCommands.Event) => void openScreen(office, command.screen, event));
  }
  return RIBBON_COMMANDS.map((c) => c.functionName);
}
