import { Button, Checkbox, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { proposeFixes, type FixKind } from "../../core/table/fixes";
import { CHANGE_LOG_SHEET, planChanges, type ChangePlan } from "../../workbook/changes";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";
import { readAllTables } from "./tables";

const FIXES: { kind: FixKind; label: string }[] = [
  { kind: "text-from-fills", label: "Write colour-only RAG statuses as text" },
  { kind: "normalise-statuses", label: "Write statuses the key’s way" },
  { kind: "fills-from-text", label: "Fill each status with its colour" },
];

function useFix({ port, onChanged }: ScreenProps) {
  const task = useTask();
  const [kinds, setKinds] = useState<Set<FixKind>>(new Set(FIXES.map((f) => f.kind)));
  const [plan, setPlan] = useState<ChangePlan | null>(null);
  const [applied, setApplied] = useState<number | null>(null);
  const toggle = (kind: FixKind, on: boolean) => {
    setPlan(null);
    setKinds((old) => {
      const next = new Set(old);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
  };
  const preview = () =>
    task.run(async () => {
      setApplied(null);
      const changes = proposeFixes(await readAllTables(port), [...kinds]);
      setPlan(await planChanges(port, changes));
    }, "Try again; if it keeps failing, run Check first to see what the add-in reads.");
  const apply = () =>
    task.run(async () => {
      if (!plan) return;
      await plan.apply();
      setApplied(plan.changes.length);
      setPlan(null);
      onChanged();
    }, "Nothing was changed. Preview the changes again and apply them.");
  return { task, kinds, toggle, plan, preview, apply, applied };
}

export function FixScreen(props: ScreenProps) {
  const styles = useScreenStyles();
  const { task, kinds, toggle, plan, preview, apply, applied } = useFix(props);
  return (
    <section className={styles.screen} aria-labelledby="hnb-fix-heading">
      <Subtitle2 as="h2" id="hnb-fix-heading" className={styles.heading}>
        Fix
      </Subtitle2>
      <div role="group" aria-label="Fixes">
        {FIXES.map((f) => (
          <Checkbox key={f.kind} label={f.label} checked={kinds.has(f.kind)} onChange={(_, data) => toggle(f.kind, data.checked === true)} />
        ))}
      </div>
      <div className={styles.row}>
        <Button onClick={() => void preview()} disabled={task.busy || kinds.size === 0}>
          Preview changes
        </Button>
      </div>
      <TaskStatus task={task} label="Working…" />
      {plan && plan.changes.length === 0 && <Notice intent="info" title="Nothing to fix">The chosen fixes find nothing to change.</Notice>}
      {plan && plan.changes.length > 0 && (
        <>
          <p>
            Nothing has changed yet. Each change below will be written to the “{CHANGE_LOG_SHEET}” sheet with its old value, so it can be put back.
          </p>
          <ul className={styles.list} aria-label="Changes to make">
            {plan.preview.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void apply()} disabled={task.busy}>
              {`Apply ${plan.changes.length} ${plan.changes.length === 1 ? "change" : "changes"}`}
            </Button>
          </div>
        </>
      )}
      {applied !== null && (
        <Notice title={`Applied ${applied} ${applied === 1 ? "change" : "changes"}`}>Old and new values are listed on the “{CHANGE_LOG_SHEET}” sheet.</Notice>
      )}
    </section>
  );
}
