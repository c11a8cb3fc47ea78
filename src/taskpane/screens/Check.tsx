import { Button, Field, Input, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { checkTables } from "../../core/table/checks";
import type { Finding, Severity } from "../../core/table/types";
import { formatDate, serialFromYmd } from "../../core/years";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";
import { readAllTables, splitLocation, type CheckResult } from "./tables";

const SEVERITIES: { severity: Severity; title: string }[] = [
  { severity: "error", title: "Errors" },
  { severity: "warning", title: "Warnings" },
  { severity: "info", title: "Information" },
];

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2025-03-31" → an Excel date, or undefined when blank or unreadable. */
export function serialFromIso(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function useCheck({ port, onChanged }: ScreenProps, onChecked: (result: CheckResult) => void) {
  const task = useTask();
  const [asOf, setAsOf] = useState(todayIso());
  const [result, setResult] = useState<CheckResult | null>(null);
  const run = () =>
    task.run(async () => {
      const serial = serialFromIso(asOf);
      const findings = checkTables(await readAllTables(port), serial === undefined ? {} : { asOf: serial });
      const checked = { asOf: serial === undefined ? "no date (overdue not judged)" : formatDate(serial), findings };
      setResult(checked);
      onChecked(checked);
    }, "Check the workbook is not being edited (press Esc in Excel) and run the check again.");
  const go = (finding: Finding) =>
    task.run(async () => {
      const { sheet, address } = splitLocation(finding.location);
      await port.select(sheet, address);
      // The browser preview shows the selected cell; in Excel this only re-reads the workbook.
      onChanged();
    }, "The sheet may have been renamed or deleted: run the check again.");
  return { task, asOf, setAsOf, run, result, go };
}

function groupByRule(findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return [...groups];
}

export function CheckScreen(props: ScreenProps & { onChecked: (result: CheckResult) => void }) {
  const styles = useScreenStyles();
  const { task, asOf, setAsOf, run, result, go } = useCheck(props, props.onChecked);
  return (
    <section className={styles.screen} aria-labelledby="hnb-check-heading">
      <Subtitle2 as="h2" id="hnb-check-heading" className={styles.heading}>
        Check
      </Subtitle2>
      <div className={styles.row}>
        <Field label="As of" hint="Actions due before this date count as overdue.">
          <Input type="date" value={asOf} onChange={(_, data) => setAsOf(data.value)} />
        </Field>
        <Button appearance="primary" onClick={() => void run()} disabled={task.busy}>
          {result ? "Run again" : "Run"}
        </Button>
      </div>
      <TaskStatus task={task} label="Checking…" />
      {result && result.findings.length === 0 && <Notice title="No problems found">Checked as of {result.asOf}.</Notice>}
      {result &&
        SEVERITIES.map(({ severity, title }) => {
          const found = result.findings.filter((f) => f.severity === severity);
          if (found.length === 0) return null;
          return (
            <section key={severity} aria-label={title}>
              <Subtitle2 as="h3" className={styles.heading}>
                {title} ({found.length})
              </Subtitle2>
              {groupByRule(found).map(([rule, findings]) => (
                <section key={rule} aria-label={`${title}: ${rule}`}>
                  <h4 className={styles.heading}>{rule}</h4>
                  <ul className={styles.list}>
                    {findings.map((f, i) => (
                      <li key={i}>
                        <Button appearance="subtle" onClick={() => void go(f)}>
                          {`${f.location} — ${f.message}`}
                        </Button>
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
