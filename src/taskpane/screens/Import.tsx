import { Badge, Button, Checkbox, Field, Select, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { a1, location, legacyKind, shapeKindName, type ShapeKind, type TableKind } from "../../core/table";
import type { ImportNote, ImportNoteKind } from "../../core/table";
import { TooLarge, formatDate, limitsSentence, requireBytes } from "../../core";
import { ReadableFileInput, pastedSource, sourceOfFile } from "./files";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";
import { shapeKindOf, type ChoiceView, type ImportSource, type PreviewView, type SourceView, type WrittenView } from "../work";
import { KIND_NAMES, unreadableText } from "./tables";

/** Read as: the kinds with a layout of their own under their pane names, then those read by shape. */
const KIND_OPTIONS: { kind: ShapeKind; name: string }[] = [
  ...(["action-plan", "savings-plan", "deficit", "budget-lines", "scorecard"] as const).map((kind) => ({ kind, name: KIND_NAMES[legacyKind(kind)!] })),
  ...(["budget-by-block", "movement", "reserve", "ehcp-numbers", "other"] as const).map((kind) => ({ kind, name: `${capital(shapeKindName(kind).replace(/^an? /, ""))} (read by its shape)` })),
];

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
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

/** A paste or a file being imported; its text or bytes go to the jobs, which read it. */
type Source = ImportSource;

/** A cell as the preview shows it: a date column's serial as a date. */
function shown(v: unknown, isDate: boolean): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && isDate && v > 0 && v < 2958466) return formatDate(v);
  return String(v);
}

/** Import's state and flows, apart from how the screen shows them (exported for its tests). */
export function useImport(props: ScreenProps) {
  const { port, onChanged } = props;
  const work = workOf(props);
  const task = useTask();
  // Reading the paste or file into tables, and the chosen table into its preview: a task of its
  // own, so that typing in the box goes on while the last text is read (each new text drops the
  // reading of the one before). All of it is jobs (src/taskpane/work/import-jobs.ts), off the
  // thread the custom functions share with the pane.
  const reading = useTask();
  const [text, setText] = useState("");
  const [file, setFile] = useState<Source | null>(null);
  const [tableIndex, setTableIndex] = useState(0);
  const [kind, setKind] = useState<ShapeKind | "guess">("guess");
  const [realign, setRealign] = useState(true);
  const [keepNotes, setKeepNotes] = useState(true);
  const [addChecks, setAddChecks] = useState(true);
  const [written, setWritten] = useState<{ sheet: string; checks: string | null; notes: string | null; reportDate: string | null } | null>(null);

  // A paste over the byte limit is refused here, before it is copied anywhere; one over the row or
  // cell limits is refused by the reading, with the limit it passed. Never read for minutes.
  const [pasted, overBytes] = useMemo<[Source | null, string | null]>(() => {
    if (text.trim() === "") return [null, null];
    try {
      requireBytes("Pasted table", text.length);
    } catch (error) {
      if (error instanceof TooLarge) return [null, error.message];
      throw error;
    }
    return [pastedSource("Pasted table", text), null];
  }, [text]);
  const source = file ?? pasted;
  const [read, setRead] = useState<{ source: Source; view: SourceView } | null>(null);
  const [refused, setRefused] = useState<{ source: Source; message: string } | null>(null);
  useEffect(() => {
    if (!source) return;
    void reading.run(async (w) => {
      await w.step(`Reading ${source.from === "file" ? source.name : "the pasted table"}…`);
      try {
        setRead({ source, view: await w.wait(work.run("importSource", { source }, w.signal)) });
      } catch (error) {
        if (!(error instanceof Error && error.name === "TooLarge")) throw error;
        setRefused({ source, message: error.message });
      }
    }, "Paste the table or choose the file again.");
    // A new source is read afresh, the reading of the last one dropped.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading.run is stable
  }, [source, work]);
  const current = read && read.source === source ? read.view : null;
  const tooLarge = overBytes ?? (refused && refused.source === source ? refused.message : null);
  const found = useMemo(() => current?.found ?? [], [current]);
  const unreadable = current?.unreadable ?? [];
  const chosenIndex = Math.min(tableIndex, found.length - 1);
  const chosen = found[chosenIndex];
  // The chosen table as it will be written: read again as the kind chosen (Read as), laid out, its
  // notes made. Until it is back for this choice, there is nothing to preview.
  const asKind = chosen && kind !== "guess" && kind !== shapeKindOf(chosen) ? kind : undefined;
  const [choice, setChoice] = useState<{ key: string; view: ChoiceView } | null>(null);
  // A layout that failed or was cancelled is tried again on asking (Lay out again), the choice unchanged.
  const [attempt, setAttempt] = useState(0);
  const [ended, setEnded] = useState<string | null>(null);
  const choiceKey = source && chosen ? `${source.key}|${chosenIndex}|${asKind ?? ""}|${realign}|${attempt}` : null;
  useEffect(() => {
    if (!source || !chosen || !choiceKey) return;
    void reading
      .run(async (w) => {
        await w.step(asKind ? "Reading the table again…" : "Laying out the table…");
        const view = await w.wait(work.run("importChoice", { source, table: chosenIndex, ...(asKind ? { kind: asKind } : {}), realign }, w.signal));
        setChoice({ key: choiceKey, view });
      }, "Lay out the table again, or choose it again.")
      .then(() => setEnded(choiceKey));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading.run is stable; the key holds what the choice depends on
  }, [choiceKey, work]);
  const shown = choice && choice.key === choiceKey ? choice.view : null;
  // The layout for this choice ended without a preview: failed, or cancelled.
  const layoutFailed = choiceKey !== null && ended === choiceKey && !shown;
  const stated = current?.stated ?? null;

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
      setFile(await w.wait(sourceOfFile(chosenFile)));
      setText("");
    }, "Choose an .xlsx workbook or a .tsv, .csv or .txt file, or copy the table's cells and paste them into the box.");

  const write = () =>
    task.run(async (w) => {
      if (!shown?.table || !source || !chosen) return;
      const sheets = await w.wait(port.listSheets());
      const sheetNames = sheets.map((s) => s.name);
      const tableNames = sheets.flatMap((s) => s.tables.map((t) => t.name));
      await w.step("Laying out the sheets…");
      const made = await w.wait(
        work.run("importWrite", { source, table: chosenIndex, ...(asKind ? { kind: asKind } : {}), realign, keepNotes, checks: addChecks, sheetNames, tableNames }, w.signal),
      );
      w.committing(`Writing “${made.sheet}”…`);
      await port.apply(made.operations);
      const date = made.stated;
      const reportDate = !made.judged ? null : date ? `Overdue actions are judged as of ${formatDate(date.serial)}, the report date at ${date.from}; change B3 on “${made.checksSheet}” to choose another. ` : `Type the report date in B3 on “${made.checksSheet}” to count the overdue actions. `;
      setWritten({ sheet: made.sheet, checks: made.checksSheet, notes: made.notesSheet, reportDate });
      onChanged();
    }, "Nothing was written. Try again; your existing sheets were not touched.");

  return {
    task,
    reading,
    text,
    paste,
    tooLarge,
    source,
    tablesRead: current !== null,
    found,
    unreadable,
    tableIndex,
    setTableIndex: (i: number) => (setTableIndex(i), setKind("guess"), setWritten(null)),
    chosen,
    kind,
    setKind: (k: ShapeKind | "guess") => (setKind(k), setWritten(null)),
    realign,
    setRealign,
    keepNotes,
    setKeepNotes,
    addChecks,
    setAddChecks,
    /** The chosen table as previewed, once read for this choice; its `table` is null when it cannot be read as the kind chosen. */
    choice: shown,
    layoutFailed,
    layOutAgain: () => setAttempt((a) => a + 1),
    stated,
    readFile,
    write,
    written,
    clearFile: () => (reset(), setFile(null)),
  };
}

function Preview({ preview, notes }: { preview: PreviewView; notes: ImportNote[] }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const { origin, rows, width, hidden } = preview;
  const byCell = new Map<string, number[]>();
  notes.forEach((n, i) => byCell.set(n.location, [...(byCell.get(n.location) ?? []), i]));
  const dates = new Set(preview.dateColumns);
  const rowCells = new Map(rows.map((row) => [row.index, row.cells]));

  const cell = (r: number, c: number, header: boolean) => {
    const marks = byCell.get(location(preview.sheet, r, c, origin)) ?? [];
    const kinds = new Set(marks.map((i) => notes[i]!.kind));
    // The strongest note a cell has decides its look: a person's attention, then unread, then inferred.
    const strongest: ImportNoteKind | null = kinds.has("attention") ? "attention" : kinds.has("unread") ? "unread" : marks.length > 0 ? "inferred" : null;
    // Every heading has a note saying how it was read: only one needing a person or unread is shaded.
    const shade = strongest === "attention" ? styles.attention : strongest === "unread" ? styles.unread : strongest && !header ? styles.inferred : "";
    const className = [styles.cell, header ? styles.head : "", shade].join(" ");
    const text = shown(rowCells.get(r)?.[c], dates.has(c));
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
            {rows.map(({ index: r, labels }) => (
              <tr key={r}>
                <th scope="row" className={`${styles.cell} ${styles.rowHead}`}>
                  {r + origin.row + 1}{" "}
                  {r === preview.headerRow && (
                    <Badge appearance="outline" size="small">
                      Headings
                    </Badge>
                  )}
                  {labels.map((b) => (
                    <Badge key={b} appearance="outline" size="small">
                      {b}
                    </Badge>
                  ))}
                </th>
                {Array.from({ length: width }, (_, c) => cell(r, c, r === preview.headerRow))}
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
function kindLabel(table: { kind: TableKind; byShape?: ShapeKind }): string {
  if (!table.byShape) return KIND_NAMES[table.kind];
  return `${capital(shapeKindName(table.byShape).replace(/^an? /, ""))} (read by its shape)`;
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
function Written({ written, origin }: { written: WrittenView; origin: { row: number; column: number } }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  // Where each written cell came from, so that a cell written under another column than it was pasted in is shown as moved.
  const from = new Map(written.moved.map((m) => [`${m.row},${m.column}`, m.from]));
  const { rows, headers } = written;
  const dates = new Set(written.dateColumns);
  let width = headers.length;
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
                <th key={c} scope="col" className={`${styles.cell} ${styles.head}`} title={headers[c] ?? ""}>
                  {headers[c] ?? ""}
                </th>
              ))}
            </tr>
            {rows.map((row, r) => (
              <tr key={r}>
                {Array.from({ length: width }, (_, c) => {
                  const source = from.get(`${r},${c}`);
                  const moved = source !== undefined;
                  const text = shown(row[c], dates.has(c));
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
      {written.more > 0 && <p>{`…and ${written.more} more ${written.more === 1 ? "row" : "rows"}.`}</p>}
    </>
  );
}

export function ImportScreen(props: ScreenProps) {
  const screen = useScreenStyles();
  const imp = useImport(props);
  const { task, text, source, found, chosen, choice, written } = imp;
  const table = choice?.table;
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
        <ReadableFileInput label="Or choose a file (.xlsx, .tsv, .csv or .txt)" disabled={task.busy} onFile={(file) => void imp.readFile(file)} />
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
                    {`${kindLabel(f)} on ${f.sheet}, from row ${Math.max(f.headerRow, 0) + f.origin.row + 1}`}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label="Read as" hint={imp.kind === "guess" ? `Guessed from ${chosen.byShape ? "its shape" : "the headings"}: ${chosen.kindReason}.` : "Chosen by you. Choose the first option to go back to the guess."}>
            <Select className={screen.fitSelect} value={imp.kind} onChange={(_, data) => imp.setKind(data.value as ShapeKind | "guess")}>
              <option value="guess">{`${kindLabel(chosen)} (the add-in’s guess)`}</option>
              {KIND_OPTIONS.filter((k) => k.kind !== shapeKindOf(chosen)).map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.name}
                </option>
              ))}
            </Select>
          </Field>
          {choice && !table && (
            <Notice intent="warning" title={`Not readable as ${imp.kind === "deficit" ? "a DSG budget" : shapeKindName(imp.kind as ShapeKind)}`}>
              {imp.kind === "deficit"
                ? "A DSG budget needs financial years across the top and line labels down the first column."
                : legacyKind(imp.kind as ShapeKind)
                  ? "The headings do not name enough columns for that kind."
                  : "Read that way, the table has no heading line the add-in can lay out."}{" "}
              Choose another kind.
            </Notice>
          )}
          <Checkbox checked={imp.realign} onChange={(_, data) => imp.setRealign(data.checked === true)} label="Move rows pasted out of line back under their headings" />
          <Checkbox checked={imp.keepNotes} onChange={(_, data) => imp.setKeepNotes(data.checked === true)} label="Keep the import notes on a sheet of their own" />
          <Checkbox checked={imp.addChecks} onChange={(_, data) => imp.setAddChecks(data.checked === true)} label="Add a checks sheet with HNB formulas" />
          {imp.layoutFailed && (
            <div className={screen.row}>
              <Button size="small" onClick={imp.layOutAgain} disabled={imp.reading.busy}>
                Lay out the table again
              </Button>
            </div>
          )}
          {table && choice.preview && choice.written && (
            <>
              <Preview preview={choice.preview} notes={choice.notes} />
              <Written written={choice.written} origin={choice.preview.origin} />
              <Notes notes={[...choice.notes, ...choice.outside]} />
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
