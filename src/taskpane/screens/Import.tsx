import { Badge, Button, Checkbox, Field, Select, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { gridFromText } from "../../core/table";
import { importTable, outsideNotes, tableSpan } from "../../core/table";
import { a1, location } from "../../core/table";
import { withWorkbookKey } from "../../core/table";
import { legacyKind, shapeKindName, type ShapeKind } from "../../core/table";
import type { ImportedTable, ImportNote, ImportNoteKind, KeySheet, SheetGrid, Table as ReadTable } from "../../core/table";
import { TooLarge, formatDate, limitsSentence } from "../../core";
import { checksReportDate, importTableOperations } from "../../app";
import { READABLE_FILES, gridsOfFile } from "./files";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";
import type { Unreadable } from "../../app";
import { KIND_NAMES, unreadableText } from "./tables";

const PREVIEW_ROWS = 15;
/** Read as: the kinds with a layout of their own under their pane names, then those read by shape. */
const KIND_OPTIONS: { kind: ShapeKind; name: string }[] = [
  ...(["action-plan", "savings-plan", "deficit", "budget-lines", "scorecard"] as const).map((kind) => ({ kind, name: KIND_NAMES[legacyKind(kind)!] })),
  ...(["budget-by-block", "movement", "reserve", "ehcp-numbers", "other"] as const).map((kind) => ({ kind, name: `${capital(shapeKindName(kind).replace(/^an? /, ""))} (read by its shape)` })),
];

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The kind a table already is, in the Read as list's terms. */
function shapeKindOf(table: ReadTable): ShapeKind {
  return (table.shapeKind as ShapeKind | undefined) ?? (table.kind === "budget" ? "budget-lines" : table.kind);
}

const useStyles = makeStyles({
  preview: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    verticalAlign: "top",
    maxWidth: "12em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  head: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold, textAlign: "start" },
  rowHead: { whiteSpace: "nowrap", color: tokens.colorNeutralForeground2 },
  unread: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    outline: `${tokens.strokeWidthThick} dashed ${tokens.colorPaletteMarigoldBorderActive}`,
    outlineOffset: `-${tokens.strokeWidthThick}`,
  },
  inferred: { backgroundColor: tokens.colorPaletteLightTealBackground2 },
  attention: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    outlineOffset: `-${tokens.strokeWidthThick}`,
  },
  moved: { backgroundColor: tokens.colorPaletteLightGreenBackground2 },
  noteGroup: { margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`, fontSize: tokens.fontSizeBase300 },
  mark: { fontSize: tokens.fontSizeBase100, fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXXS, verticalAlign: "super" },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

interface Source {
  name: string;
  grids: SheetGrid[];
  from: "paste" | "file";
}

/** What each row under the heading is, in words, for the preview's row labels. */
function rowLabels(table: ReadTable): Map<number, string[]> {
  const labels = new Map<number, string[]>();
  const add = (row: number, label: string) => labels.set(row, [...(labels.get(row) ?? []), label]);
  const ROLE: Record<string, string> = { continuation: "Continues", section: "Section", subtotal: "Subtotal", total: "Total", unit: "Units", note: "Skipped", wrapped: "Wrapped line" };
  for (const row of table.rows) {
    if (ROLE[row.role]) add(row.index, ROLE[row.role]!);
    const moves = row.realignment?.moves ?? [];
    if (row.realignment) add(row.index, "Out of line");
    if (moves.some((m) => m.how === "split")) add(row.index, "Split");
    if (row.realignment?.guess || moves.some((m) => m.how === "joined")) add(row.index, "Guess");
  }
  if (table.unitRow !== undefined) add(table.unitRow, "Units");
  if (table.legend) add(table.legend.row, "Legend");
  for (const r of table.key?.rows ?? []) add(r, "RAG key");
  for (const n of table.notes ?? []) add(n.row, "Note");
  return labels;
}

/** A cell as the preview shows it: a date column's serial as a date. */
function shown(v: unknown, isDate: boolean): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && isDate && v > 0 && v < 2958466) return formatDate(v);
  return String(v);
}

/** A table found, with the grid it was read from. */
interface Found {
  grid: SheetGrid;
  table: ReadTable;
}

/**
 * Of the tables read again as another kind, the same table as `chosen`: the one that shares most
 * rows with it, never another table on the sheet; with the workbook's key where it has none.
 */
function sameTable(chosen: ReadTable, tables: readonly ReadTable[], keySheet: KeySheet | null): ReadTable | undefined {
  const { headerRow, lastRow } = chosen;
  const shared = (t: ReadTable) => Math.min(t.lastRow, lastRow) - Math.max(t.headerRow, headerRow) + 1;
  const again = tables.filter((t) => (t.headerRow >= headerRow && t.headerRow <= lastRow) || shared(t) > (lastRow - headerRow + 1) / 2);
  const same = again.reduce<ReadTable | undefined>((best, t) => (!best || shared(t) > shared(best) ? t : best), undefined);
  return same ? withWorkbookKey([same], keySheet)[0] : undefined;
}

/** Import's state and flows, apart from how the screen shows them (exported for its tests). */
export function useImport(props: ScreenProps) {
  const { port, onChanged } = props;
  const work = workOf(props);
  const task = useTask();
  // Reading the paste or file into tables: a task of its own, so that typing in the box goes on
  // while the last text is read (each new text drops the reading of the one before).
  const reading = useTask();
  const [text, setText] = useState("");
  const [file, setFile] = useState<Source | null>(null);
  const [tableIndex, setTableIndex] = useState(0);
  const [kind, setKind] = useState<ShapeKind | "guess">("guess");
  const [realign, setRealign] = useState(true);
  const [keepNotes, setKeepNotes] = useState(true);
  const [addChecks, setAddChecks] = useState(true);
  const [written, setWritten] = useState<{ sheet: string; checks: string | null; notes: string | null; reportDate: string | null } | null>(null);

  // A paste beyond the limits is refused with its reason, never read for minutes.
  const [pasted, tooLarge] = useMemo<[Source | null, string | null]>(() => {
    if (text.trim() === "") return [null, null];
    try {
      return [{ name: "Pasted table", grids: [gridFromText("Pasted table", text)], from: "paste" }, null];
    } catch (error) {
      if (error instanceof TooLarge) return [null, error.message];
      throw error;
    }
  }, [text]);
  const source = file ?? pasted;
  // Read as the other screens read a workbook: the add-in's own sheets passed over, the file's key
  // sheet used. Tables the heading words miss or misread are read by their shape (a reserve, a
  // movement, a budget by block, EHCP numbers), as `hnb import` takes them. The reading is a job
  // (src/taskpane/work), off the thread the custom functions share with the pane; until it is
  // back for this source, nothing is found.
  const [tables, setTables] = useState<{ source: Source; found: Found[]; unreadable: Unreadable[]; keySheet: KeySheet | null } | null>(null);
  useEffect(() => {
    if (!source) return;
    void reading.run(async (w) => {
      await w.step(`Reading ${source.from === "file" ? source.name : "the pasted table"}…`);
      const read = await w.wait(work.run("importTables", { grids: source.grids }, w.signal));
      setTables({ source, found: read.tables.map((table) => ({ grid: source.grids.find((g) => g.name === table.sheet)!, table })), unreadable: read.unreadable, keySheet: read.keySheet });
    }, "Paste the table or choose the file again.");
    // A new source is read afresh, the reading of the last one dropped.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading.run is stable
  }, [source, work]);
  const current = tables && tables.source === source ? tables : null;
  const found = useMemo(() => current?.found ?? [], [current]);
  const unreadable = current?.unreadable ?? [];
  const keySheet = current?.keySheet ?? null;
  const chosen = found[Math.min(tableIndex, found.length - 1)];
  // The chosen table read again as another kind (Read as): a job too.
  const [reread, setReread] = useState<{ chosen: Found; kind: ShapeKind; table: ReadTable | undefined } | null>(null);
  const again = chosen && kind !== "guess" && kind !== shapeKindOf(chosen.table) ? { chosen, kind } : null;
  useEffect(() => {
    if (!again) return;
    const { chosen, kind } = again;
    void reading.run(async (w) => {
      await w.step("Reading the table again…");
      const read = await w.wait(work.run("importTables", { grids: [chosen.grid], kind }, w.signal));
      setReread({ chosen, kind, table: sameTable(chosen.table, read.tables, keySheet) });
    }, "Choose the kind again.");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading.run is stable; `again` is new each render, what it holds is not
  }, [again?.chosen, again?.kind, keySheet, work]);
  const rereading = again !== null;
  // Until the table read again is back, there is nothing to preview.
  const read = useMemo(() => {
    if (!chosen) return null;
    if (!rereading) return { grid: chosen.grid, table: chosen.table as ReadTable | undefined };
    return reread && reread.chosen === chosen && reread.kind === kind ? { grid: chosen.grid, table: reread.table } : null;
  }, [chosen, kind, reread, rereading]);
  // The paper's own report date ("Position as at …"), when it states one: the overdue count and a scorecard's year go by it.
  const stated = useMemo(() => (source ? checksReportDate(undefined, source.grids, found.map((f) => f.table)) : null), [source, found]);
  const imported = useMemo(() => (read?.table ? importTable(read.table, { realign, ...(stated ? { asOf: stated.serial } : {}) }) : null), [read, realign, stated]);

  const reset = () => {
    setWritten(null);
    setTableIndex(0);
    setKind("guess");
  };

  const paste = (t: string) => {
    reset();
    setFile(null);
    setText(t);
  };

  const readFile = (chosenFile: File | undefined) =>
    task.run(async (w) => {
      if (!chosenFile) return;
      reset();
      await w.step(`Opening ${chosenFile.name}…`);
      setFile({ name: chosenFile.name, grids: await w.wait(gridsOfFile(chosenFile)), from: "file" });
      setText("");
    }, "Choose an .xlsx workbook or a .tsv, .csv or .txt file, or copy the table's cells and paste them into the box.");

  // The other tables on the same sheet are not part of this import; lines outside every table are kept in the notes.
  const others = useMemo(() => (read ? found.filter((f) => f.grid === read.grid && f.table !== chosen?.table).map((f) => tableSpan(f.table)) : []), [found, read, chosen]);
  const outside = useMemo(() => (read && imported ? outsideNotes(read.grid, imported.span ? [{ span: imported.span }] : [], others).notes : []), [read, imported, others]);

  const write = () =>
    task.run(async (w) => {
      if (!imported || !read || !source) return;
      const sheets = await w.wait(port.listSheets());
      const names = sheets.map((s) => s.name);
      const tableNames = sheets.flatMap((s) => s.tables.map((t) => t.name));
      const date = stated;
      const written = importTableOperations({ imported, grid: read.grid, others, source: source.name, keepNotes, checks: addChecks, ...(date ? { reportDate: date.serial } : {}) }, names, tableNames);
      w.committing(`Writing “${written.sheet}”…`);
      await port.apply(written.operations);
      const judged = written.checksSheet && imported.kind === "action-plan" && imported.fields?.includes("end");
      const reportDate = !judged ? null : date ? `Overdue actions are judged as of ${formatDate(date.serial)}, the report date at ${date.from}; change B3 on “${written.checksSheet}” to choose another. ` : `Type the report date in B3 on “${written.checksSheet}” to count the overdue actions. `;
      setWritten({ sheet: written.sheet, checks: written.checksSheet, notes: written.notesSheet, reportDate });
      onChanged();
    }, "Nothing was written. Try again; your existing sheets were not touched.");

  return { task, reading, text, paste, tooLarge, source, tablesRead: current !== null, found, unreadable, tableIndex, setTableIndex: (i: number) => (setTableIndex(i), setKind("guess"), setWritten(null)), chosen, kind, setKind: (k: ShapeKind | "guess") => (setKind(k), setWritten(null)), realign, setRealign, keepNotes, setKeepNotes, addChecks, setAddChecks, read, imported, outside, readFile, write, written, clearFile: () => (reset(), setFile(null)) };
}

function Preview({ grid, table, notes }: { grid: SheetGrid; table: ReadTable; notes: ImportNote[] }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const origin = grid.origin ?? { row: 0, column: 0 };
  const labels = rowLabels(table);
  const byCell = new Map<string, number[]>();
  notes.forEach((n, i) => byCell.set(n.location, [...(byCell.get(n.location) ?? []), i]));
  const fields = new Map(table.columns.map((c) => [c.index, c.field as string]));
  const rows: number[] = [];
  for (let r = table.headerRow; r <= table.lastRow && rows.length <= PREVIEW_ROWS; r++) {
    if ((grid.values[r] ?? []).some((v) => v !== null && v !== undefined && v !== "")) rows.push(r);
  }
  // Only the rows shown: a table of 100,000 rows must not be measured (or spread into Math.max).
  let width = 0;
  for (const r of rows) width = Math.max(width, grid.values[r]?.length ?? 0);
  const hidden = Math.max(0, table.lastRow - rows[rows.length - 1]!);

  const cell = (r: number, c: number, header: boolean) => {
    const marks = byCell.get(location(grid.name, r, c, origin)) ?? [];
    const kinds = new Set(marks.map((i) => notes[i]!.kind));
    // The strongest note a cell has decides its look: a person's attention, then unread, then inferred.
    const strongest: ImportNoteKind | null = kinds.has("attention") ? "attention" : kinds.has("unread") ? "unread" : marks.length > 0 ? "inferred" : null;
    // Every heading has a note saying how it was read: only one needing a person or unread is shaded.
    const shade = strongest === "attention" ? styles.attention : strongest === "unread" ? styles.unread : strongest && !header ? styles.inferred : "";
    const className = [styles.cell, header ? styles.head : "", shade].join(" ");
    const field = fields.get(c);
    const text = shown(grid.values[r]?.[c], field === "start" || field === "end");
    const sign = strongest === "attention" ? "!" : strongest === "unread" ? "?" : "";
    const said = strongest === "attention" ? "needs a person" : strongest === "unread" ? "not read" : "inferred";
    // The mark comes first so that a long cell cut short with "…" still shows it.
    const content = (
      <>
        {marks.length > 0 && (
          <span className={styles.mark} aria-label={`${said}: note ${marks.map((i) => i + 1).join(", ")}`}>
            {`${sign}${marks.map((i) => i + 1).join(",")}`}
          </span>
        )}
        {text}
      </>
    );
    return header ? (
      <th key={c} scope="col" className={className} title={text}>
        {content}
      </th>
    ) : (
      <td key={c} className={className} title={text}>
        {content}
      </td>
    );
  };

  return (
    <>
      <div role="region" aria-label="Preview of the table" tabIndex={0} className={screen.scroll}>
        <table className={styles.preview} aria-label="Preview rows">
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row" className={`${styles.cell} ${styles.rowHead}`}>
                  {r + origin.row + 1}{" "}
                  {r === table.headerRow && (
                    <Badge appearance="outline" size="small">
                      Headings
                    </Badge>
                  )}
                  {(labels.get(r) ?? []).map((b) => (
                    <Badge key={b} appearance="outline" size="small">
                      {b}
                    </Badge>
                  ))}
                </th>
                {Array.from({ length: width }, (_, c) => cell(r, c, r === table.headerRow))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 && <p>{`…and ${hidden} more ${hidden === 1 ? "row" : "rows"} to the end of the table.`}</p>}
      <p>
        Cells marked with a number have a note below. A “!” and red border: a person should look (a row put back in line, a cell split, a guess). A “?” and dashed yellow border: the add-in could not read the cell and keeps it as typed.
      </p>
    </>
  );
}

/** A table's kind as the pane names it; one read by its shape by the kind its shape showed. */
function kindLabel(table: ReadTable): string {
  if (!table.shapeKind) return KIND_NAMES[table.kind];
  return `${capital(shapeKindName(table.shapeKind as ShapeKind).replace(/^an? /, ""))} (read by its shape)`;
}

const NOTE_GROUPS: { kinds: ImportNoteKind[]; title: string; lead: string }[] = [
  { kinds: ["attention"], title: "Needs a person", lead: "Needs a person" },
  { kinds: ["unread"], title: "Could not read", lead: "Not read" },
  { kinds: ["inferred"], title: "Inferred", lead: "Inferred" },
  { kinds: ["kept"], title: "Kept in the notes", lead: "Kept" },
];

/** The notes, what needs a person first; each keeps the number its cells are marked with. */
function Notes({ notes }: { notes: ImportNote[] }) {
  const screen = useScreenStyles();
  const styles = useStyles();
  return (
    <section aria-label="Import notes">
      <Subtitle2 as="h3" className={screen.heading}>
        Import notes ({notes.length})
      </Subtitle2>
      {NOTE_GROUPS.map(({ kinds, title, lead }) => {
        const numbered = notes.map((n, i) => ({ n, i })).filter(({ n }) => kinds.includes(n.kind));
        if (numbered.length === 0) return null;
        return (
          <section key={title} aria-label={`${title} (${numbered.length})`}>
            <h4 className={styles.noteGroup}>{`${title} (${numbered.length})`}</h4>
            <ol className={styles.notes} aria-label={title}>
              {numbered.map(({ n, i }) => (
                <li key={i} value={i + 1}>{`${lead}: ${n.location} — ${n.message}`}</li>
              ))}
            </ol>
          </section>
        );
      })}
    </section>
  );
}

/** The first rows as they will be written: realigned rows put back, extra columns with their headings. */
function Written({ imported, grid }: { imported: ImportedTable; grid: SheetGrid }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const origin = grid.origin ?? { row: 0, column: 0 };
  // Where each written cell came from, so that a cell written under another column than it was pasted in is shown as moved.
  const from = new Map<string, { row: number; column: number }>();
  for (const k of imported.kept ?? []) if (k.to.area === "rows") from.set(`${k.to.row},${k.to.column}`, { row: k.row, column: k.column });
  const rows = imported.rows.slice(0, PREVIEW_ROWS);
  let width = imported.headers.length;
  for (const r of rows) width = Math.max(width, r.length);
  return (
    <>
      <Subtitle2 as="h3" className={screen.heading}>
        As it will be written
      </Subtitle2>
      <div role="region" aria-label="The table as it will be written" tabIndex={0} className={screen.scroll}>
        <table className={styles.preview} aria-label="Rows as written">
          <tbody>
            <tr>
              {Array.from({ length: width }, (_, c) => (
                <th key={c} scope="col" className={`${styles.cell} ${styles.head}`} title={imported.headers[c] ?? ""}>
                  {imported.headers[c] ?? ""}
                </th>
              ))}
            </tr>
            {rows.map((row, r) => (
              <tr key={r}>
                {Array.from({ length: width }, (_, c) => {
                  const source = from.get(`${r},${c}`);
                  const moved = source !== undefined && source.column !== c;
                  const text = shown(row[c], imported.formats[c] === "date");
                  const was = moved ? `moved from ${a1(source.row + origin.row, source.column + origin.column)}, as pasted` : "";
                  return (
                    <td key={c} className={[styles.cell, moved ? styles.moved : ""].join(" ")} title={moved ? `${text}: ${was}` : text}>
                      {moved && (
                        <span className={styles.mark} aria-label={was}>
                          ↦
                        </span>
                      )}
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {imported.rows.length > rows.length && <p>{`…and ${imported.rows.length - rows.length} more ${imported.rows.length - rows.length === 1 ? "row" : "rows"}.`}</p>}
    </>
  );
}

export function ImportScreen(props: ScreenProps) {
  const screen = useScreenStyles();
  const imp = useImport(props);
  const { task, text, source, found, chosen, read, imported, written } = imp;
  const table = read?.table;
  return (
    <section className={screen.screen} aria-labelledby="hnb-import-heading">
      <Subtitle2 as="h2" id="hnb-import-heading" className={screen.heading}>
        Import a table
      </Subtitle2>
      <Field label="Paste a table" hint="Copy the cells from Word, a PDF or another workbook and paste them here.">
        <Textarea value={text} onChange={(_, data) => imp.paste(data.value)} resize="vertical" rows={5} disabled={task.busy} />
      </Field>
      {imp.tooLarge && <Notice intent="warning" title="Too large to import">{imp.tooLarge}</Notice>}
      <Field label="Or choose a file (.xlsx, .tsv, .csv or .txt)" hint={`The add-in reads ${limitsSentence()}.`}>
        <input
          type="file"
          aria-label="Or choose a file (.xlsx, .tsv, .csv or .txt)"
          accept={READABLE_FILES}
          disabled={task.busy}
          onChange={(e) => {
            const chosenFile = e.target.files?.[0];
            // Cleared at once, so that choosing the same file again (after Clear, or a fix to it) reads it again.
            e.target.value = "";
            void imp.readFile(chosenFile);
          }}
        />
      </Field>
      {source?.from === "file" && (
        <div className={screen.row}>
          <span>{`Reading ${source.name}.`}</span>
          <Button size="small" onClick={imp.clearFile}>
            Clear
          </Button>
        </div>
      )}
      <TaskStatus task={imp.reading} label="Reading…" />
      <TaskStatus task={task} label="Working…" />
      {imp.unreadable.map((u) => (
        <Notice key={u.sheet} intent="warning" title={unreadableText(u)} />
      ))}
      {source && imp.tablesRead && found.length === 0 && (
        <Notice intent="warning" title="No table found">
          The add-in could not find a plan, savings or budget table in {source.from === "file" ? source.name : "this text"}. Check the heading row was copied too.
        </Notice>
      )}
      {chosen && (
        <>
          {found.length > 1 && (
            <Field label={`Table (${found.length} found)`}>
              <Select className={screen.fitSelect} value={String(imp.tableIndex)} onChange={(_, data) => imp.setTableIndex(Number(data.value))}>
                {found.map((f, i) => (
                  <option key={i} value={i}>
                    {`${kindLabel(f.table)} on ${f.grid.name}, from row ${f.table.headerRow + (f.grid.origin?.row ?? 0) + 1}`}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label="Read as" hint={imp.kind === "guess" ? `Guessed from the headings: ${chosen.table.kindReason}.` : "Chosen by you. Choose the first option to go back to the guess."}>
            <Select className={screen.fitSelect} value={imp.kind} onChange={(_, data) => imp.setKind(data.value as ShapeKind | "guess")}>
              <option value="guess">{`${kindLabel(chosen.table)} (the add-in’s guess)`}</option>
              {KIND_OPTIONS.filter((k) => k.kind !== shapeKindOf(chosen.table)).map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.name}
                </option>
              ))}
            </Select>
          </Field>
          {read && !table && (
            <Notice intent="warning" title={`Not readable as ${imp.kind === "deficit" ? "a DSG budget" : shapeKindName(imp.kind as ShapeKind)}`}>
              {imp.kind === "deficit"
                ? "A DSG budget needs financial years across the top and line labels down the first column."
                : legacyKind(imp.kind as ShapeKind)
                  ? "The headings do not name enough columns for that kind."
                  : "Read that way, the table has no heading line the add-in can lay out."}{" "}
              Choose another kind.
            </Notice>
          )}
          {table && imported && read && (
            <>
              <Checkbox
                checked={imp.realign}
                onChange={(_, data) => imp.setRealign(data.checked === true)}
                label="Move rows pasted out of line back under their headings"
              />
              <Checkbox checked={imp.keepNotes} onChange={(_, data) => imp.setKeepNotes(data.checked === true)} label="Keep the import notes on a sheet of their own" />
              <Checkbox checked={imp.addChecks} onChange={(_, data) => imp.setAddChecks(data.checked === true)} label="Add a checks sheet with HNB formulas" />
              <Preview grid={read.grid} table={table} notes={imported.notes} />
              <Written imported={imported} grid={read.grid} />
              <Notes notes={[...imported.notes, ...imp.outside]} />
              <div className={screen.row}>
                <Button appearance="primary" onClick={() => void imp.write()} disabled={task.busy}>
                  Write to a new sheet
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {written && (
        <Notice title={`Wrote the table to a new sheet, “${written.sheet}”${written.checks ? `, its checks to “${written.checks}”` : ""}${written.notes ? `, and its notes to “${written.notes}”` : ""}.`}>
          {written.checks ? `The checks follow every edit to the table; “${written.checks}” B1 counts those that fail. ` : ""}
          {written.reportDate ?? ""}Existing sheets were not changed.
        </Notice>
      )}
    </section>
  );
}
