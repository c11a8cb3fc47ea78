import { Button, Checkbox, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import type { FixKind } from "../../core/table";
import { CHANGE_LOG_SHEET, planChanges, type ChangePlan } from "../../app";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";

const FIXES: { kind: FixKind; label: string; chosen: boolean }[] = [
  { kind: "text-from-fills", label: "Write colour-only RAG statuses as text", chosen: true },
  { kind: "normalise-statuses", label: "Write statuses the key’s way", chosen: true },
  { kind: "fills-from-text", label: "Fill each status with its colour", chosen: true },
  // Off until asked for: the add-in cannot see a drop-down already on the column, so it would
  // offer (and replace) one every time.
  { kind: "status-lists", label: "Add a drop-down of the key’s statuses to each status column, coloured as the key", chosen: false },
];

function useFix(props: ScreenProps) {
  const { port, onChanged } = props;
  const work = workOf(props);
  const task = useTask();
  const [kinds, setKinds] = useState<Set<FixKind>>(new Set(FIXES.filter((f) => f.chosen).map((f) => f.kind)));
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
    task.run(async (w) => {
      setApplied(null);
      await w.step("Reading the workbook…");
      const sheets = await w.wait(port.readSheets(undefined, { signal: w.signal }));
      await w.step("Working out the changes…");
      // The same changes as hnb fix's (planFixes), worked out off the functions' thread; then
      // planned against the change log. Nothing is written until the plan is applied.
      const { changes } = await w.wait(work.run("fixChanges", { grids: sheets, kinds: [...kinds] }, w.signal));
      setPlan(await w.wait(planChanges(port, changes)));
    }, "Try again; if it keeps failing, run Check first to see what the add-in reads.");
  const apply = () =>
    task.run(async (w) => {
      if (!plan) return;
      w.committing(`Writing ${plan.changes.length} ${plan.changes.length === 1 ? "change" : "changes"} and the change log…`);
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
      <div role="group" aria-label="Fixes" className={styles.options}>
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
