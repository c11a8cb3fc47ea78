import { Button, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Table as ReadTable } from "../../core/table/types";
import type { SheetInfo } from "../../workbook/port";
import { TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";
import { KIND_NAMES, dataRows, readAllTables, type CheckResult } from "./tables";

function useHome({ port }: ScreenProps, version: number) {
  const task = useTask();
  const [sheets, setSheets] = useState<SheetInfo[]>([]);
  const [tables, setTables] = useState<ReadTable[]>([]);
  const refresh = useCallback(
    () =>
      task.run(async () => {
        setSheets(await port.listSheets());
        setTables(await readAllTables(port));
      }, "Try again, or reopen the add-in if the workbook was closed."),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- task.run is stable
    [port],
  );
  useEffect(() => {
    void refresh();
  }, [refresh, version]);
  return { task, sheets, tables, refresh };
}

function severityCounts(result: CheckResult): string {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  return `${count("error")} errors, ${count("warning")} warnings, ${count("info")} for information`;
}

export function HomeScreen(props: ScreenProps & { version: number; lastCheck: CheckResult | null }) {
  const styles = useScreenStyles();
  const { task, sheets, tables, refresh } = useHome(props, props.version);
  const key = tables.find((t) => t.key);
  return (
    <section className={styles.screen} aria-labelledby="hnb-home-heading">
      <Subtitle2 as="h2" id="hnb-home-heading" className={styles.heading}>
        This workbook
      </Subtitle2>
      <p>
        {sheets.length} sheets: {sheets.map((s) => s.name).join(", ") || "none"}.
      </p>
      {tables.length === 0 ? (
        <p>No plan, savings or budget tables found yet. Insert a template or import a table.</p>
      ) : (
        <Table size="small" aria-label="Tables found">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Sheet</TableHeaderCell>
              <TableHeaderCell>Rows</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tables.map((t, i) => (
              <TableRow key={i}>
                <TableCell>{KIND_NAMES[t.kind]}</TableCell>
                <TableCell>{t.sheet}</TableCell>
                <TableCell>{dataRows(t)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p>
        RAG key in use:{" "}
        {key?.key ? `the workbook’s own (${key.key.key.statuses.map((s) => s.name).join(", ")}), on ${key.sheet}` : "the built-in five-point key (Blue, Green, Amber, Red, Grey)"}.
      </p>
      <p>
        Last check:{" "}
        {props.lastCheck ? `as of ${props.lastCheck.asOf}, ${severityCounts(props.lastCheck)}.` : "not run yet (see Check)."}
      </p>
      <div className={styles.row}>
        <Button onClick={() => void refresh()} disabled={task.busy}>
          Read the workbook again
        </Button>
      </div>
      <TaskStatus task={task} label="Reading the workbook…" />
    </section>
  );
}
