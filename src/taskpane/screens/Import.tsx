import { Badge, Button, Field, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { gridFromText } from "../../core/table/delimited";
import { importTable } from "../../core/table/import";
import { readTables } from "../../core/table/reader";
import type { Table as ReadTable, TableRow as ReadRow } from "../../core/table/types";
import { importOperations } from "../../workbook/import-sheet";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";
import { KIND_NAMES } from "./tables";

const PREVIEW_ROWS = 12;

function rowBadges(row: ReadRow): string[] {
  const badges: string[] = [];
  if (row.role === "continuation") badges.push("Continuation");
  if (row.role === "section") badges.push("Section");
  if (row.role !== "data" && row.role !== "continuation" && row.role !== "section") badges.push(row.role[0]!.toUpperCase() + row.role.slice(1));
  if (row.realignment) badges.push("Realigned");
  return badges;
}

function useImport({ port, onChanged }: ScreenProps) {
  const task = useTask();
  const [text, setText] = useState("");
  const [source, setSource] = useState("Pasted table");
  const [written, setWritten] = useState<string | null>(null);
  const parsed = useMemo(() => {
    if (text.trim() === "") return null;
    const grid = gridFromText(source, text);
    const tables = readTables(grid);
    const table: ReadTable | undefined = tables[0];
    return { grid, tables, table, imported: table ? importTable(table, { realign: true }) : null };
  }, [text, source]);

  const readFile = (file: File | undefined) =>
    task.run(async () => {
      if (!file) return;
      if (/\.xlsx$/i.test(file.name)) throw new Error("Excel files cannot be imported here yet");
      setWritten(null);
      setSource(file.name.replace(/\.[^.]+$/, ""));
      setText(await file.text());
    }, "Save the table as .tsv or .csv, or copy its cells and paste them into the box.");

  const write = () =>
    task.run(async () => {
      if (!parsed?.imported) return;
      const sheets = await port.listSheets();
      const { sheet, operations } = importOperations(
        parsed.imported,
        sheets.map((s) => s.name),
        sheets.flatMap((s) => s.tables.map((t) => t.name)),
      );
      await port.apply(operations);
      setWritten(sheet);
      onChanged();
    }, "Nothing was written. Try again; your existing sheets were not touched.");

  return { task, text, setText: (t: string) => (setWritten(null), setSource("Pasted table"), setText(t)), parsed, readFile, write, written };
}

export function ImportScreen(props: ScreenProps) {
  const styles = useScreenStyles();
  const { task, text, setText, parsed, readFile, write, written } = useImport(props);
  const table = parsed?.table;
  const headerCells = table ? (parsed.grid.values[table.headerRow] ?? []) : [];
  return (
    <section className={styles.screen} aria-labelledby="hnb-import-heading">
      <Subtitle2 as="h2" id="hnb-import-heading" className={styles.heading}>
        Import a table
      </Subtitle2>
      <Field label="Paste a table" hint="Copy the cells from Word, a PDF or another workbook and paste them here.">
        <Textarea value={text} onChange={(_, data) => setText(data.value)} resize="vertical" rows={5} />
      </Field>
      <Field label="Or choose a file (.tsv, .csv or .txt)">
        <input
          type="file"
          aria-label="Or choose a file (.tsv, .csv or .txt)"
          accept=".tsv,.csv,.txt,text/plain,text/csv,text/tab-separated-values"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </Field>
      <TaskStatus task={task} label="Working…" />
      {parsed && !table && <Notice intent="warning" title="No table found">The add-in could not find a plan, savings or budget table in this text. Check the header row was copied too.</Notice>}
      {table && parsed.imported && (
        <>
          <p>
            Read as: <strong>{KIND_NAMES[table.kind]}</strong> ({table.kindReason}). {parsed.tables.length > 1 ? `${parsed.tables.length} tables found; the first is shown.` : ""} Choosing a different kind is not available yet.
          </p>
          <div role="region" aria-label="Preview of the table" tabIndex={0} className={styles.scroll}>
            <Table size="extra-small" aria-label="Preview rows">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Row</TableHeaderCell>
                  {headerCells.map((h, c) => (
                    <TableHeaderCell key={c}>{String(h ?? "")}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {table.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <TableRow key={row.index}>
                    <TableCell>
                      {row.index + 1}{" "}
                      {rowBadges(row).map((b) => (
                        <Badge key={b} appearance="outline" size="small">
                          {b}
                        </Badge>
                      ))}
                    </TableCell>
                    {headerCells.map((_, c) => (
                      <TableCell key={c}>{String(row.cells[c] ?? "")}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {table.rows.length > PREVIEW_ROWS && <p>{`…and ${table.rows.length - PREVIEW_ROWS} more rows.`}</p>}
          <Subtitle2 as="h3" className={styles.heading}>
            Import notes ({parsed.imported.notes.length})
          </Subtitle2>
          <ul className={styles.list} aria-label="Import notes">
            {parsed.imported.notes.map((n, i) => (
              <li key={i}>{`${n.kind === "unread" ? "Not read" : "Inferred"}: ${n.location} — ${n.message}`}</li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void write()} disabled={task.busy}>
              Write to a new sheet
            </Button>
          </div>
        </>
      )}
      {written && <Notice title={`Wrote the table to a new sheet, “${written}”.`}>Existing sheets were not changed.</Notice>}
    </section>
  );
}
