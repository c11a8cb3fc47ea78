import { Button, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { reportDateSource } from "../../core/table";
import { formatDate } from "../../core";
import { CHANGE_LOG_SHEET, planChanges, type ChangePlan } from "../../app";
import { reenterChanges, unboundHnbFormulas } from "../../app";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";
import { asOfInWords } from "../../app";
import { KIND_NAMES, unreadableText, type CheckResult } from "./tables";
import type { HomeView } from "../work";

const NOTHING: HomeView = { sheets: [], tables: [], readings: [], otherKey: "", reportDate: null, unbound: [], unreadable: [], skipped: [], keyProblems: [] };

function useHome(props: ScreenProps, version: number) {
  const { port, onChanged } = props;
  const work = workOf(props);
  const task = useTask();
  const [found, setFound] = useState<HomeView>(NOTHING);
  const [reentered, setReentered] = useState<number | null>(null);
  const [reentry, setReentry] = useState<ChangePlan | null>(null);
  const refresh = useCallback(
    () =>
      task.run(async (w) => {
        await w.step("Reading the workbook…");
        const reads = await w.wait(port.readSheets(undefined, { signal: w.signal }));
        await w.step("Finding tables…");
        setFound(await w.wait(work.run("home", { grids: reads }, w.signal)));
      }, "Try again, or reopen the add-in if the workbook was closed."),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- task.run is stable
    [port, work],
  );
  useEffect(() => {
    void refresh();
  }, [refresh, version]);
  // Read again before showing what would change: a cell may have been edited in Excel since Home read it.
  const review = () =>
    task.run(async (w) => {
      setReentered(null);
      await w.step("Reading the formulas…");
      const cells = unboundHnbFormulas(await w.wait(port.readSheets(undefined, { signal: w.signal })));
      setReentry(await w.wait(planChanges(port, reenterChanges(cells))));
    }, "Try again, or reopen the add-in if the workbook was closed.");
  const reenter = () =>
    task.run(async (w) => {
      if (!reentry) return;
      const n = reentry.changes.length;
      w.committing(`Re-entering ${n} ${n === 1 ? "formula" : "formulas"}…`);
      await reentry.apply();
      setReentry(null);
      setReentered(n);
      onChanged();
    }, "Nothing was changed. Check the workbook is not being edited (press Esc in Excel) and try again.");
  return { task, found, refresh, review, reentry, reenter, reentered };
}

export function HomeScreen(props: ScreenProps & { version: number; lastCheck: CheckResult | null }) {
  const styles = useScreenStyles();
  const { task, found, refresh, review, reentry, reenter, reentered } = useHome(props, props.version);
  const { sheets, tables, readings, otherKey, reportDate, unbound, unreadable, skipped, keyProblems } = found;
  const ownKeys = tables.filter((t) => t.ownKey).length;
  const others = tables.some((t) => !t.ownKey);
  return (
    <section className={styles.screen} aria-labelledby="hnb-home-heading">
      <Subtitle2 as="h2" id="hnb-home-heading" className={styles.heading}>
        This workbook
      </Subtitle2>
      <p>
        {sheets.length} {sheets.length === 1 ? "sheet" : "sheets"}: {sheets.join(", ") || "none"}.
      </p>
      {tables.length + readings.length === 0 ? (
        <p>No plan, savings, budget or scorecard tables found yet. Insert a template or import a table.</p>
      ) : (
        <Table size="small" aria-label="Tables found">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Sheet</TableHeaderCell>
              <TableHeaderCell>Rows</TableHeaderCell>
              <TableHeaderCell>With it</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tables.map((t, i) => (
              <TableRow key={i}>
                <TableCell>{KIND_NAMES[t.kind]}</TableCell>
                <TableCell>{t.sheet}</TableCell>
                <TableCell>{t.rows}</TableCell>
                <TableCell>{t.extras}</TableCell>
              </TableRow>
            ))}
            {readings.map((r, i) => (
              <TableRow key={`shape-${i}`}>
                <TableCell>{r.kind}</TableCell>
                <TableCell>{r.sheet}</TableCell>
                <TableCell>{r.rows}</TableCell>
                <TableCell>{r.about}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {unreadable.map((u) => (
        <Notice key={u.sheet} intent="warning" title={unreadableText(u)} />
      ))}
      {keyProblems.map((k) => (
        <Notice key={k.sheet} intent="warning" title={`“${k.sheet}” is laid out as a RAG key but cannot be used`}>
          {`${k.problem.replace(/\.?$/, ".")} Correct it there; until then tables without a key of their own are read against the built-in key.`}
        </Notice>
      ))}
      {skipped.length > 0 && <p>{`Not read as tables, being the add-in’s own: ${skipped.map((s) => `${s.sheet} (${s.what.replace(/^the add-in’s /, "")})`).join(", ")}.`}</p>}
      <p>
        {ownKeys === 0
          ? `RAG statuses are read against ${otherKey || "the built-in five-point key (Blue, Green, Amber, Red, Grey)"}.`
          : `${ownKeys === 1 ? "One table has a RAG key of its own (see above), used for that table" : `${ownKeys} tables have a RAG key of their own (see above), used for those tables`}${others ? `; the others are read against ${otherKey}` : ""}.`}
      </p>
      <p>
        Report date:{" "}
        {reportDate ? `${formatDate(reportDate.serial)}, from ${reportDateSource(reportDate)}. Check judges deadlines by it.` : "none found. Check judges deadlines as of the date you give it, or today."}
      </p>
      <p>
        Last check:{" "}
        {props.lastCheck ? `as of ${props.lastCheck.report.asOf ? asOfInWords(props.lastCheck.report.asOf) : "no date"}: ${props.lastCheck.report.summary}.` : "not run yet (see Check)."}
      </p>
      {unbound.length > 0 && (
        <Notice intent="warning" title={`${unbound.length} HNB ${unbound.length === 1 ? "formula shows" : "formulas show"} #NAME?`}>
          <p>
            Excel has not linked {unbound.length === 1 ? "this formula" : "these formulas"} to the add-in (first at {unbound[0]!.sheet}!{unbound[0]!.address}). Entering{" "}
            {unbound.length === 1 ? "it" : "them"} again, unchanged, links {unbound.length === 1 ? "it" : "them"}.
          </p>
          {!reentry && (
            <Button onClick={() => void review()} disabled={task.busy}>
              {`Review the ${unbound.length === 1 ? "formula" : `${unbound.length} formulas`} to re-enter`}
            </Button>
          )}
        </Notice>
      )}
      {reentry && reentry.changes.length === 0 && <Notice intent="info" title="No formula shows #NAME? now: nothing to re-enter." />}
      {reentry && reentry.changes.length > 0 && (
        <>
          <p>Nothing has changed yet. Each formula below will be entered again and listed on the “{CHANGE_LOG_SHEET}” sheet.</p>
          <ul className={styles.list} aria-label="Formulas to re-enter">
            {reentry.preview.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void reenter()} disabled={task.busy}>
              {`Re-enter ${reentry.changes.length} ${reentry.changes.length === 1 ? "formula" : "formulas"}`}
            </Button>
          </div>
        </>
      )}
      {reentered !== null && (
        <Notice title={`Re-entered ${reentered} ${reentered === 1 ? "formula" : "formulas"}.`}>Each is listed on the “{CHANGE_LOG_SHEET}” sheet. Nothing else was changed.</Notice>
      )}
      <div className={styles.row}>
        <Button onClick={() => void refresh()} disabled={task.busy}>
          Read the workbook again
        </Button>
      </div>
      <TaskStatus task={task} label="Reading the workbook…" />
    </section>
  );
}
