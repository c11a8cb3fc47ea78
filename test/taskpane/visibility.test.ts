// Whether the task pane is showing (issue 25, item 10): judged by Office's own signals and the
// pane's first interaction, never by document.visibilityState, which on the web follows the
// browser tab rather than the pane. Office and the page are stubs here.
import { watchVisibility, type VisibilitySources } from "../../src/taskpane/host";

const EXCEL = { kind: "excel" as const, officeHost: "Excel" };

/** A stub of Office.addin and of the page, with ways to play Office's part and the person's. */
function stubs(state?: () => Promise<unknown>) {
  let visibilityHandler: ((args: { visibilityMode: string }) => void) | null = null;
  const listeners = new Map<string, (() => void)[]>();
  const page = {
    // What the web gives while the browser tab shows, whether the pane does or not.
    visibilityState: "visible",
    addEventListener: (type: string, listener: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const sources: VisibilitySources = {
    addin: {
      onVisibilityModeChanged: async (handler) => {
        visibilityHandler = handler;
        return async () => undefined;
      },
      ...(state ? { _getState: state } : {}),
    },
    document: page as unknown as Pick<Document, "addEventListener">,
  };
  return {
    sources,
    office: (visibilityMode: "Taskpane" | "Hidden") => visibilityHandler!({ visibilityMode }),
    person: (type: string) => (listeners.get(type) ?? []).forEach((l) => l()),
    listening: () => [...listeners.keys()].sort(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("whether the pane is showing", () => {
  test("in Excel it starts hidden whatever the page's visibility says, until Office says otherwise", async () => {
    const { sources, office } = stubs();
    const seen: boolean[] = [];
    expect(watchVisibility(EXCEL, (v) => seen.push(v), sources)).toBe(false);
    await settle();
    expect(seen).toEqual([]);
    office("Taskpane");
    office("Taskpane");
    office("Hidden");
    office("Taskpane");
    expect(seen).toEqual([true, false, true]);
  });

  test("the pane's first interaction shows it: no one clicks or types in a pane that is not showing", async () => {
    const { sources, office, person, listening } = stubs();
    const seen: boolean[] = [];
    watchVisibility(EXCEL, (v) => seen.push(v), sources);
    expect(listening()).toEqual(["focusin", "keydown", "pointerdown", "touchstart", "wheel"]);
    person("pointerdown");
    person("keydown");
    expect(seen).toEqual([true]);
    // Hidden by Office, then a click in it again (Office's word that it is showing having gone astray).
    office("Hidden");
    person("focusin");
    expect(seen).toEqual([true, false, true]);
  });

  test("Excel's answer to where the runtime is (Visible) shows it at once; Background leaves it hidden", async () => {
    const visible = stubs(async () => "Visible");
    const seen: boolean[] = [];
    expect(watchVisibility(EXCEL, (v) => seen.push(v), visible.sources)).toBe(false);
    await settle();
    expect(seen).toEqual([true]);

    const background = stubs(async () => "Background");
    const hidden: boolean[] = [];
    watchVisibility(EXCEL, (v) => hidden.push(v), background.sources);
    await settle();
    expect(hidden).toEqual([]);
    background.office("Taskpane");
    expect(hidden).toEqual([true]);
  });

  test("Office's event stands over a late answer about the start, and an Office that cannot answer is no obstacle", async () => {
    let answer: (state: string) => void = () => undefined;
    const late = stubs(() => new Promise((resolve) => (answer = resolve)));
    const seen: boolean[] = [];
    watchVisibility(EXCEL, (v) => seen.push(v), late.sources);
    late.office("Hidden");
    answer("Visible");
    await settle();
    expect(seen).toEqual([]);

    const failing = stubs(() => Promise.reject(new Error("not supported")));
    const shown: boolean[] = [];
    expect(watchVisibility(EXCEL, (v) => shown.push(v), failing.sources)).toBe(false);
    await settle();
    failing.person("keydown");
    expect(shown).toEqual([true]);

    // No Office.addin at all (no shared runtime): the first interaction still shows the pane.
    const none: boolean[] = [];
    const bare = stubs();
    watchVisibility(EXCEL, (v) => none.push(v), { document: bare.sources.document! });
    bare.person("pointerdown");
    expect(none).toEqual([true]);
  });

  test("outside Excel the page is the pane, always shown, and nothing is watched", () => {
    const { sources, listening } = stubs();
    expect(watchVisibility({ kind: "browser", officeHost: null }, () => undefined, sources)).toBe(true);
    expect(listening()).toEqual([]);
  });
});
