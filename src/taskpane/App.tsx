import { Button, Caption1, Tab, TabList, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import { HNB_SPECS } from "../formulas";
import type { MemoryWorkbook } from "../adapters/memory";
import type { WorkbookPort } from "../port";
import type { HostInfo } from "./host";
import { FUNCTION_NAMESPACE } from "./build";
import { onScreenRequest, takeScreenRequest, type ScreenName } from "./commands";
import { coalesce, oneReadAtATime } from "./reads";
import { SLICED, type WorkRunner } from "./work";
import { WorkbookView } from "./preview/WorkbookView";
import { CheckScreen } from "./screens/Check";
import { FixScreen } from "./screens/Fix";
import { HomeScreen } from "./screens/Home";
import { ImportScreen } from "./screens/Import";
import { PaperScreen } from "./screens/Paper";
import { TemplatesScreen } from "./screens/Templates";
import type { CheckResult } from "./screens/tables";

const HOST_MESSAGES: Record<HostInfo["kind"], string> = {
  excel: "Connected to Excel.",
  "other-office-app": "HNB works in Excel only; this Office application cannot use its functions.",
  browser: "Opened outside Excel: working on a sample workbook held in this page.",
  "no-office-js": "Office could not be loaded, so this page is working on a sample workbook of its own. Open it from Excel to use your workbook.",
  "not-confirmed": "Waiting for Excel to confirm the connection…",
};

const useStyles = makeStyles({
  layout: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalXXL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  pane: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    flex: "1 1 320px",
    maxWidth: "480px",
    minWidth: 0,
  },
  preview: {
    flex: "2 1 480px",
    minWidth: 0,
  },
  heading: { margin: 0 },
  // At Excel's usual task-pane width (about 320 px) six tabs do not fit on one line: they wrap
  // onto a second rather than run off the pane's edge, and arrow keys still move along them.
  tabs: { flexWrap: "wrap", rowGap: tokens.spacingVerticalXXS },
  status: { color: tokens.colorNeutralForeground3 },
});

const TABS: { value: ScreenName; label: string }[] = [
  { value: "home", label: "Home" },
  { value: "templates", label: "Templates" },
  { value: "import", label: "Import" },
  { value: "check", label: "Check" },
  { value: "fix", label: "Fix" },
  { value: "paper", label: "Paper" },
];

export interface AppProps {
  host: HostInfo;
  /** The workbook the pane works on; none while Office has not said where it runs. */
  port?: WorkbookPort | null;
  /** The memory workbook behind the port in the browser preview, shown beside the pane. */
  memory?: MemoryWorkbook | null;
  /**
   * Whether the pane is showing (host.ts: from Office's signals and the pane's first interaction).
   * Hidden (Excel started the runtime to calculate), it reads and watches nothing; shown, it reads
   * the workbook, and again when shown after edits.
   */
  visible?: boolean;
  /** Where the screens' heavy work runs (the page's worker); slices of the pane's thread when not given. */
  work?: WorkRunner;
  /** The person asked to see the workbook while the pane counted as hidden: it is showing after all. */
  onShow?: () => void;
}

export function App({ host, port = null, memory = null, visible = true, work = SLICED, onShow }: AppProps) {
  const styles = useStyles();
  // The screen a ribbon command asked for before the pane was here, else Home.
  const [initial] = useState(takeScreenRequest);
  const [screen, setScreen] = useState<ScreenName>(initial?.screen ?? "home");
  // A Check command runs the check too: true until the Check screen has started it.
  const [checkAsked, setCheckAsked] = useState(initial?.screen === "check");
  useEffect(
    () =>
      onScreenRequest((request) => {
        setScreen(request.screen);
        if (request.screen === "check") setCheckAsked(true);
      }),
    [],
  );
  const checkStarted = useCallback(() => setCheckAsked(false), []);
  const [version, setVersion] = useState(0);
  const [lastCheck, setLastCheck] = useState<CheckResult | null>(null);
  // Every read of the pane goes through one queue: one reading of the workbook in Excel at a time.
  const reader = useMemo(() => (port ? oneReadAtATime(port) : null), [port]);
  // Changes to the workbook: the pane's own writes, and (in Excel) anyone's edits, for "changed since the check".
  const [changes, setChanges] = useState(0);
  // The same, once a burst of edits has died down: what a screen that follows the workbook reads again on.
  const [settled, setSettled] = useState(0);
  const settle = useMemo(() => coalesce(() => setSettled((c) => c + 1)), []);
  useEffect(() => () => settle.cancel(), [settle]);
  const onChanged = useCallback(() => {
    setVersion((v) => v + 1);
    setChanges((c) => c + 1);
    // The pane's own write is one change, known at once.
    setSettled((c) => c + 1);
  }, []);
  // A selection changes what the preview shows, not the workbook.
  const onSelected = useCallback(() => setVersion((v) => v + 1), []);
  // Shown again after the workbook changed while hidden: Home reads it afresh.
  const [shownAt, setShownAt] = useState<number | null>(visible ? 0 : null);
  useEffect(() => {
    if (visible) setShownAt((at) => (at === null || at !== changes ? changes : at));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of visibility counts
  }, [visible]);
  // A layout effect, so that the watch is registered before Home's first read starts (Home's is a
  // plain effect): the registration learns the sheet names, and the read then needs no sync for them.
  useLayoutEffect(() => {
    if (!port?.watchChanges || shownAt === null) return;
    let live = true;
    let stop: (() => Promise<void>) | null = null;
    port.watchChanges(() => {
      setChanges((c) => c + 1);
      settle.poke();
    }).then(
      (s) => (live ? (stop = s) : void s().catch(() => undefined)),
      // Without change events the check simply does not say it is out of date.
      () => undefined,
    );
    return () => {
      live = false;
      void stop?.().catch(() => undefined);
    };
    // Watching starts with the first show, and then lasts: a hidden start registers nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shownAt matters only from null to shown
  }, [port, shownAt === null]);
  const props = reader && shownAt !== null ? { port: reader, onChanged, work } : null;

  return (
    <main className={styles.layout}>
      <div className={styles.pane}>
        <Title2 as="h1" className={styles.heading}>
          HNB High Needs
        </Title2>
        {props ? (
          <>
            <TabList className={styles.tabs} selectedValue={screen} onTabSelect={(_, data) => setScreen(data.value as ScreenName)} size="small" aria-label="Screens">
              {TABS.map((t) => (
                <Tab key={t.value} value={t.value}>
                  {t.label}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-label={TABS.find((t) => t.value === screen)?.label}>
              {screen === "home" && <HomeScreen {...props} version={version + shownAt!} lastCheck={lastCheck} />}
              {screen === "templates" && <TemplatesScreen {...props} version={version} />}
              {screen === "import" && <ImportScreen {...props} />}
              {screen === "check" && <CheckScreen {...props} onChecked={setLastCheck} onSelected={onSelected} changes={changes} runNow={checkAsked} onRunStarted={checkStarted} />}
              {screen === "fix" && <FixScreen {...props} />}
              {screen === "paper" && <PaperScreen {...props} changes={settled} />}
            </div>
          </>
        ) : (
          <>
            <Caption1>
              Type ={FUNCTION_NAMESPACE}. in a cell to use the {HNB_SPECS.length} functions.
            </Caption1>
            {/* Shown before Office has said the pane is showing (it may never say): a click here, as anywhere in the pane, shows the screens. */}
            {port && onShow && (
              <div>
                <Button onClick={onShow}>Show this workbook&rsquo;s tables</Button>
              </div>
            )}
          </>
        )}
        <Caption1 className={styles.status} role="status">
          {HOST_MESSAGES[host.kind]}
        </Caption1>
      </div>
      {memory && (
        <div className={styles.preview}>
          <WorkbookView workbook={memory} version={version} />
        </div>
      )}
    </main>
  );
}
