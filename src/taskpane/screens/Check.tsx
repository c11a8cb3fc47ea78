import { Button, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { readDay } from "../../core";
import { count } from "../../core";
import { RULE_TITLES, type Finding } from "../../core/table";
import type { FindingGroup } from "../../core/table";
import { formatDate, todaySerial } from "../../core";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";
import { asOfInWords } from "../../app";
import { unreadableText, type CheckResult } from "./tables";
import { splitLocation } from "../../core/table";

const useStyles = makeStyles({
  finding: {
    display: "block",
    width: "100%",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  where: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  findings: { listStyleType: "none", margin: 0, padding: 0 },
  rule: { margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`, fontSize: tokens.fontSizeBase300 },
  ruleId: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  cells: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}` },
});

/**
 * A date as a finance officer types it: "31/03/2025", "31 March 2025", "2025-03-31", "Mar 25"
 * (its last day). Day before month, always. Undefined when blank; null when unreadable or a
 * whole year (see readDay).
 */
export function readAsOf(text: string): number | null | undefined {
  return text.trim() === "" ? undefined : readDay(text);
}

function useCheck(props: ScreenProps, onChecked: (result: CheckResult) => void, onSelected: () => void, changes: number) {
  const { port } = props;
  const work = workOf(props);
  const task = useTask();
  const [asOf, setAsOf] = useState("");
  const [result, setResult] = useState<CheckResult | null>(null);
  const typed = readAsOf(asOf);
  const run = () =>
    task.run(async (w) => {
      if (typed === null) throw new Error(`“${asOf}” is not a date the add-in can read`);
      await w.step("Reading the workbook…");
      const sheets = await w.wait(port.readSheets(undefined, { signal: w.signal }));
      await w.step("Checking the tables…");
      // The same report as hnb check's; the pane, unlike the command line, falls back on today.
      const report = await w.wait(work.run("check", { grids: sheets, request: { ...(typed !== undefined ? { asOf: typed } : {}), today: todaySerial() } }, w.signal));
      const checked = { report, changes };
      setResult(checked);
      onChecked(checked);
    }, "Type the date as 31/03/2025, or check the workbook is not being edited (press Esc in Excel) and run the check again.");
  const go = (finding: Pick<Finding, "location">) =>
    task.run(async (w) => {
      const { sheet, address } = splitLocation(finding.location);
      await w.wait(port.select(sheet, address));
      // The browser preview turns to the selected cell; in Excel, Excel shows it.
      onSelected();
    }, "The sheet may have been renamed or deleted: run the check again.");
  return { task, asOf, setAsOf, typed, run, result, go };
}

function groupByRule(groups: FindingGroup[]): [Finding["rule"], FindingGroup[]][] {
  const byRule = new Map<Finding["rule"], FindingGroup[]>();
  for (const g of groups) byRule.set(g.rule, [...(byRule.get(g.rule) ?? []), g]);
  return [...byRule];
}

export interface CheckScreenProps extends ScreenProps {
  onChecked: (result: CheckResult) => void;
  onSelected: () => void;
  changes: number;
  /** Run the check now, without waiting for Run (the ribbon's Check button); onRunStarted says it has begun. */
  runNow?: boolean;
  onRunStarted?: () => void;
}

export function CheckScreen(props: CheckScreenProps) {
  const styles = useScreenStyles();
  const own = useStyles();
  const { task, asOf, setAsOf, typed, run, result, go } = useCheck(props, props.onChecked, props.onSelected, props.changes);
  const { runNow, onRunStarted } = props;
  useEffect(() => {
    if (!runNow) return;
    onRunStarted?.();
    // A check already running answers the request.
    if (!task.busy) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request counts
  }, [runNow]);
  const stale = result !== null && result.changes !== undefined && props.changes > result.changes;
  const hint =
    typed === undefined
      ? "Blank: the workbook’s report date, or today if it has none. Actions due before it count as overdue."
      : typed === null
        ? "Not a date: type it day first, as 31/03/2025 or 31 March 2025."
        : `Read as ${formatDate(typed)}. Actions due before it count as overdue.`;
  return (
    <section className={styles.screen} aria-labelledby="hnb-check-heading">
      <Subtitle2 as="h2" id="hnb-check-heading" className={styles.heading}>
        Check
      </Subtitle2>
      <div className={styles.row}>
        <Field label="As of" hint={typed === null ? undefined : hint} validationMessage={typed === null ? hint : undefined}>
          <Input value={asOf} placeholder="dd/mm/yyyy" onChange={(_, data) => setAsOf(data.value)} onKeyDown={(e) => e.key === "Enter" && !task.busy && typed !== null && void run()} />
        </Field>
        <Button appearance="primary" onClick={() => void run()} disabled={task.busy || typed === null}>
          {result ? "Run again" : "Run"}
        </Button>
      </div>
      <TaskStatus task={task} label="Checking…" />
      {result && <p>{`Checked as of ${result.report.asOf ? asOfInWords(result.report.asOf) : "no date"}: ${count(result.report.tableCount, "table")}, ${result.report.summary}.`}</p>}
      {stale && !task.busy && (
        <Notice intent="warning" title="The workbook has changed since this check">
          Run it again to see the findings as the workbook is now.
        </Notice>
      )}
      {result?.report.unreadable.map((u) => <Notice key={u.sheet} intent="warning" title={unreadableText(u)} />)}
      {result && result.report.findingCount === 0 && <Notice title="No problems found" />}
      {result &&
        result.report.sections.map(({ severity, heading: title, groups: found, count: n }) => {
          return (
            <section key={severity} aria-label={title}>
              <Subtitle2 as="h3" className={styles.heading}>
                {title} ({n})
              </Subtitle2>
              {groupByRule(found).map(([rule, groups]) => (
                <section key={rule} aria-label={`${title}: ${RULE_TITLES[rule]}`}>
                  <h4 className={own.rule}>
                    {RULE_TITLES[rule]} <span className={own.ruleId}>({rule})</span>
                  </h4>
                  <ul className={own.findings}>
                    {groups.map((g, i) => (
                      <li key={i}>
                        <button
                          type="button"
                          className={own.finding}
                          // Ignored while a check runs (it would be stopped); not disabled, so that keyboard focus stays put.
                          onClick={() => !task.busy && void go(g)}
                          title={`Go to ${g.location}`}
                        >
                          <span className={own.where}>{g.location}</span> {g.message}
                        </button>
                        {g.findings.length > 1 && (
                          // A folded finding still goes to each of its cells.
                          <div className={own.cells} role="group" aria-label={`The ${g.findings.length} cells`}>
                            {g.findings.map((f) => (
                              <Button key={f.location} size="small" appearance="subtle" title={f.message} onClick={() => !task.busy && void go(f)}>
                                {`Go to ${splitLocation(f.location).address}`}
                              </Button>
                            ))}
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </section>
          );
        })}
    </section>
  );
}
