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

/** What says whether the pane is showing: Office.addin, and the pane's own page. */
export interface VisibilitySources {
  /**
   * Office.addin (SharedRuntime 1.1): `onVisibilityModeChanged` says each time Excel shows or
   * hides the pane; `_getState`, where office.js has it (its excel-web, -win32 and -mac builds
   * do), asks Excel the runtime's state now ("Visible", "Background", "Inactive"). It is not in
   * Office's documented API, so it is only ever a hint that the pane is showing.
   */
  addin?: { onVisibilityModeChanged?: (handler: (args: { visibilityMode: string }) => void) => Promise<unknown>; _getState?: () => Promise<unknown> };
  /** The page, for the pane's first interaction: no one can click or type in a pane that is not showing. */
  document?: Pick<Document, "addEventListener">;
}

/** What a person does in a pane that is showing. */
const INTERACTIONS = ["pointerdown", "keydown", "focusin", "touchstart", "wheel"] as const;

function pageSources(): VisibilitySources {
  return {
    addin: typeof Office !== "undefined" ? (Office.addin as VisibilitySources["addin"]) : undefined,
    document: typeof document !== "undefined" ? document : undefined,
  };
}

/**
 * Whether the task pane is showing, judged by Office's own signals. With a long-lifetime shared
 * runtime Excel loads the page hidden to calculate HNB formulas; the pane must then read nothing
 * until it is shown, since any read runs on the thread the functions run on. The page's own
 * visibility (document.visibilityState) cannot tell: on the web it follows the browser tab, which
 * is showing whether the pane is or not. So in Excel the pane counts as hidden until Office says
 * it is showing (Office.addin.onVisibilityModeChanged; Excel's answer to _getState, where
 * office.js has it), or someone clicks, types or scrolls in it; and hidden again when Office says
 * so. Outside Excel the page is the pane, always shown. Returns whether it is shown now.
 */
export function watchVisibility(host: HostInfo, onChange: (visible: boolean) => void, sources: VisibilitySources = pageSources()): boolean {
  if (host.kind !== "excel") return true;
  let shown = false;
  // Once Office has said, its word stands over the state asked for at the start.
  let told = false;
  const set = (visible: boolean) => {
    if (visible === shown) return;
    shown = visible;
    onChange(visible);
  };
  const { addin, document: page } = sources;
  // Office.addin is missing where there is no shared runtime (the manifest requires one): the
  // pane's first interaction still shows it.
  if (typeof addin?.onVisibilityModeChanged === "function") {
    try {
      void addin
        .onVisibilityModeChanged((args) => {
          told = true;
          set(args.visibilityMode === "Taskpane");
        })
        .catch(() => undefined);
    } catch {
      // An Office that cannot register the handler: the other signals remain.
    }
  }
  if (typeof addin?._getState === "function") {
    try {
      void addin
        ._getState()
        .then((state) => {
          if (!told && state === "Visible") set(true);
        })
        .catch(() => undefined);
    } catch {
      // Not there in this Office after all.
    }
  }
  for (const type of INTERACTIONS) {
    page?.addEventListener(type, () => !shown && set(true), { capture: true, passive: true });
  }
  return false;
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
