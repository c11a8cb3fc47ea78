/**
 * Where the task pane is running. The page must render in three situations:
 * - inside Excel, once Office.onReady resolves with host Excel;
 * - in a plain browser with office.js loaded, where Office.onReady resolves with host null;
 * - with no office.js at all (the CDN was unreachable), where `Office` is undefined.
 */
export type HostKind = "excel" | "other-office-app" | "browser" | "no-office-js" | "not-confirmed";

export interface HostInfo {
  kind: HostKind;
  /** Office's own name for the host ("Excel", "Word", …), or null outside Office. */
  officeHost: string | null;
}

/** How long to wait for Office.onReady before showing the task pane anyway. */
export const OFFICE_READY_TIMEOUT_MS = 8000;

/** Office.HostType values are strings at run time ("Excel"), whatever the typings say. */
export function classifyHost(host: unknown): HostInfo {
  if (host === null || host === undefined || host === "") return { kind: "browser", officeHost: null };
  const officeHost = String(host);
  if (officeHost === "Excel") return { kind: "excel", officeHost };
  return { kind: "other-office-app", officeHost };
}

/**
 * Calls `onHost` once Office says where it is running, at once when office.js is missing, and
 * after OFFICE_READY_TIMEOUT_MS with kind "not-confirmed" if Office.onReady has not answered
 * by then (a late answer still arrives through a second call).
 */
export function watchHost(onHost: (host: HostInfo) => void): void {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    onHost({ kind: "no-office-js", officeHost: null });
    return;
  }
  let answered = false;
  const timer = setTimeout(() => {
    if (!answered) onHost({ kind: "not-confirmed", officeHost: null });
  }, OFFICE_READY_TIMEOUT_MS);
  Office.onReady()
    .then((info) => {
      answered = true;
      clearTimeout(timer);
      onHost(classifyHost(info.host));
    })
    .catch(() => {
      answered = true;
      clearTimeout(timer);
      onHost({ kind: "browser", officeHost: null });
    });
}

/**
 * Whether the task pane is showing. With a long-lifetime shared runtime Excel loads the page
 * hidden to calculate HNB formulas; the pane must then read nothing until it is shown, since any
 * read runs on the thread the functions run on. Office says when it shows or hides the pane
 * (Office.addin.onVisibilityModeChanged, SharedRuntime 1.1) but not how it starts, so the start
 * is taken from the page's own visibility; outside Excel the page is the pane, always shown.
 */
export function watchVisibility(host: HostInfo, onChange: (visible: boolean) => void): boolean {
  if (host.kind !== "excel") return true;
  // Office.addin is missing where there is no shared runtime (the manifest requires one, but an
  // Excel that ignored that must still show the pane).
  const addin: Partial<Office.Addin> | undefined = typeof Office !== "undefined" ? Office.addin : undefined;
  if (typeof addin?.onVisibilityModeChanged === "function") {
    void addin.onVisibilityModeChanged((args) => onChange(args.visibilityMode === "Taskpane")).catch(() => undefined);
  }
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", () => onChange(document.visibilityState === "visible"));
  return typeof document === "undefined" || document.visibilityState === "visible";
}

/** Office's document setting that makes Excel fetch functions.js and functions.json afresh. */
export const FORCE_REFRESH_SETTING = "Office.ForceRefreshCustomFunctionsCache";

/**
 * In a development build, turns on Office's custom-functions cache refresh for this workbook, so
 * the next time it is opened Excel fetches functions.js and functions.json afresh rather than
 * a cached copy up to a day old. Microsoft documents the setting for shared-runtime add-ins, as
 * taking effect at the next open, and for use while developing or fixing a bug only, since it
 * slows loading: a production build never sets it (its manifest's versioned URLs bring a release
 * instead). Saved in the workbook, and only when not already on. Returns whether it was set.
 */
export function refreshFunctionsWhileDeveloping(office: Pick<typeof Office, "context">, development: boolean): boolean {
  if (!development) return false;
  const settings = office.context?.document?.settings;
  if (!settings || settings.get(FORCE_REFRESH_SETTING) === true) return false;
  settings.set(FORCE_REFRESH_SETTING, true);
  settings.saveAsync();
  return true;
}
