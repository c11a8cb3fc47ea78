import { Body1Strong, Button, Field, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { EarlierPaper, ImportSource } from "../work";
import { ReadableFileInput, pastedSource, sourceOfFile } from "./files";
import { Notice, TaskStatus, useScreenStyles, useTask, workOf, type ScreenProps } from "./common";

const useStyles = makeStyles({
  // Scrolls within itself, both ways, so the pane never does.
  manual: {
    maxHeight: "320px",
    maxWidth: "100%",
    minWidth: 0,
    overflow: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

/** The paper's body, without the document around it: what goes on the clipboard and in the select-and-copy view. */
function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return m ? m[1]! : html;
}

/**
 * Copies by selecting an off-screen copy of the paper and asking the browser to copy it: the
 * way that works where the Clipboard API is blocked (Excel on the web runs the add-in in a frame
 * that may not use it). Must run within the click itself. True when the browser copied.
 */
function copyBySelection(html: string): boolean {
  if (typeof document.execCommand !== "function") return false;
  const holder = document.createElement("div");
  holder.setAttribute("aria-hidden", "true");
  holder.style.position = "fixed";
  holder.style.left = "-10000px";
  holder.style.top = "0";
  // The paper's own HTML: every cell's text escaped by paperHtml.
  holder.innerHTML = bodyOf(html);
  document.body.appendChild(holder);
  const selection = window.getSelection();
  let copied = false;
  try {
    const range = document.createRange();
    range.selectNodeContents(holder);
    selection?.removeAllRanges();
    selection?.addRange(range);
    copied = document.execCommand("copy") === true;
  } catch {
    copied = false;
  } finally {
    selection?.removeAllRanges();
    holder.remove();
  }
  return copied;
}

type CopyOutcome = "html" | "selection" | "manual";

/** The paper made ready before any click, in both the clipboard's flavours: one document, rendered twice. */
interface Prepared {
  html: string;
  text: string;
}

/**
 * Copy for Word, started within the click: the Clipboard API first (called at once, before any
 * wait, so Office on Mac still counts it as the user's click), then a selected off-screen copy,
 * and, when the host blocks both, "manual": the pane shows the paper to select and copy by hand.
 */
function copyPaper({ html, text }: Prepared, done: (how: CopyOutcome) => void): void {
  const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
  const fallback = () => done(copyBySelection(html) ? "selection" : "manual");
  try {
    if (clipboard && typeof ClipboardItem !== "undefined" && typeof clipboard.write === "function") {
      // The plain flavour is the paper's words (a plain-text paste must not show the HTML's tags).
      clipboard.write([new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([text], { type: "text/plain" }) })]).then(() => done("html"), fallback);
      return;
    }
  } catch {
    // A blocked Clipboard API may throw at once rather than reject: the selection is tried next.
  }
  fallback();
}

const COPIED: Record<Exclude<CopyOutcome, "manual">, string> = {
  html: "Copied. Paste into Word to keep the tables.",
  selection: "Copied. Paste into Word to keep the tables.",
};

/** The last paper, to say what has moved since: its name as the user gave it and its reading. */
interface Earlier {
  name: string;
  /** What the paper since the last one needs of it: its summary and its date, no tables. */
  paper: EarlierPaper;
}

function sinceOf(earlier: Earlier | null): EarlierPaper | null {
  return earlier?.paper ?? null;
}

const NOTHING_TO_PUT = "No plan, savings, budget or scorecard tables were found";

function usePaper(props: ScreenProps, changes: number) {
  const { port, onChanged } = props;
  const work = workOf(props);
  // The user's own work (building, reading the last paper) and the paper made ready in the
  // background are apart: a change in the workbook prepares the paper again without stopping a build.
  const task = useTask();
  const prep = useTask();
  const [message, setMessage] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [manual, setManual] = useState(false);
  const [earlier, setEarlier] = useState<Earlier | null>(null);
  const [earlierText, setEarlierText] = useState("");
  // The paper is made ready before any click: a copy must happen within the click, with no wait.
  // A newer preparation (the workbook changed again) takes the place of one still running: its
  // read stops at its next round trip to Excel, and what it would have shown is dropped.
  const prepare = useCallback(
    () =>
      prep.run(async (w) => {
        // The paper shown stays until the new one is ready (Copy waits for it): no flicker while edits come in.
        try {
          await w.step("Reading the workbook…");
          const grids = await w.wait(port.readSheets(undefined, { signal: w.signal }));
          await w.step("Preparing the paper…");
          const view = await w.wait(work.run("paper", { grids, earlier: sinceOf(earlier) }, w.signal));
          if (!view) throw new Error(NOTHING_TO_PUT);
          setPrepared(view);
        } catch (error) {
          // Stopped for a newer preparation, which will show its own; failed, there is no paper to show.
          if (!w.signal.aborted) setPrepared(null);
          throw error;
        }
      }, "Insert a template or import a table first; the paper is prepared when there is something to put in it."),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- prep.run is stable
    [port, work, earlier],
  );
  useEffect(() => {
    void prepare();
  }, [prepare, changes]);
  const build = () =>
    task.run(async (w) => {
      setMessage(null);
      await w.step("Reading the workbook…");
      const grids = await w.wait(port.readSheets(undefined, { signal: w.signal }));
      await w.step("Building the summary…");
      // The same paper as hnb summary's.
      const built = await w.wait(work.run("summarySheet", { grids, earlier: sinceOf(earlier) }, w.signal));
      if (!built) throw new Error(NOTHING_TO_PUT);
      w.committing("Writing the Summary sheet…");
      await port.apply(built.operations);
      setMessage(`Built the “${built.sheet}” sheet.`);
      onChanged();
    }, "Insert a template or import a table first, then build the paper again.");
  const copy = () => {
    if (!prepared) return;
    setMessage(null);
    setManual(false);
    copyPaper(prepared, (how) => {
      if (how === "manual") setManual(true);
      else setMessage(COPIED[how]);
    });
  };
  /** The last paper from a file or a paste: read as the workbook is, so the two compare like for like. */
  // Read by a job, as the workbook's paper is, off the thread the custom functions share with the pane.
  const readEarlier = (name: string, source: () => Promise<ImportSource>) =>
    task.run(async (w) => {
      await w.step(`Reading ${name}…`);
      const read = await w.wait(source());
      const paper = await w.wait(work.run("earlierPaper", { source: read }, w.signal));
      if (!paper) throw new Error(`No plan, savings, budget or scorecard table was found in ${name}`);
      setEarlier({ name, paper });
    }, "Choose the last paper's workbook (.xlsx) or a .tsv, .csv or .txt file, or paste its table.");
  const chooseEarlier = (file: File | undefined) => file && void readEarlier(file.name, () => sourceOfFile(file));
  const pasteEarlier = (text: string) => {
    setEarlierText(text);
    if (text.trim() === "") return setEarlier(null);
    void readEarlier("the pasted table", () => Promise.resolve(pastedSource("Last paper", text)));
  };
  const clearEarlier = () => {
    setEarlier(null);
    setEarlierText("");
  };
  return { task, prep, message, build, copy, prepared, manual, earlier, earlierText, chooseEarlier, pasteEarlier, clearEarlier };
}

/** The paper shown in the pane to select and copy by hand, when the host lets the add-in use neither way of copying. */
function SelectAndCopy({ html }: { html: string }) {
  const styles = useStyles();
  const view = useRef<HTMLDivElement>(null);
  const selectAll = () => {
    const node = view.current;
    if (!node) return;
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    node.focus();
  };
  return (
    <>
      <Notice intent="warning" title="This copy of Excel does not let the add-in use the clipboard.">
        Select the paper below and copy it with Ctrl+C (⌘C on a Mac), then paste it into Word.
      </Notice>
      <div>
        <Button size="small" onClick={selectAll}>
          Select the paper
        </Button>
      </div>
      <div ref={view} className={styles.manual} role="region" aria-label="The paper, to select and copy" tabIndex={0} dangerouslySetInnerHTML={{ __html: bodyOf(html) }} />
    </>
  );
}

/** The paper as it will be copied and built, to read in the pane: the same document as the Summary sheet. */
function Preview({ html }: { html: string }) {
  const styles = useStyles();
  // Under the screen's own heading (h2): the paper's title and sections a level or two below it.
  const body = bodyOf(html).replace(/<(\/?)h([1-3])(?=[\s>])/g, (_m: string, slash: string, level: string) => `<${slash}h${Number(level) + 2}`);
  return <div className={styles.manual} role="region" aria-label="The paper" tabIndex={0} dangerouslySetInnerHTML={{ __html: body }} />;
}

export function PaperScreen(props: ScreenProps & { changes?: number }) {
  const styles = useScreenStyles();
  const { task, prep, message, build, copy, prepared, manual, earlier, earlierText, chooseEarlier, pasteEarlier, clearEarlier } = usePaper(props, props.changes ?? 0);
  return (
    <section className={styles.screen} aria-labelledby="hnb-paper-heading">
      <Subtitle2 as="h2" id="hnb-paper-heading" className={styles.heading}>
        Paper for Schools Forum
      </Subtitle2>
      <p>Build a Summary sheet with progress by initiative, savings by year, budgets against forecast, the deficit chart and each strategy scorecard&rsquo;s indicators against their targets, or copy the paper for Word.</p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void build()} disabled={task.busy}>
          Build the Summary sheet
        </Button>
        <Button onClick={copy} disabled={task.busy || prep.busy || !prepared}>
          Copy paper for Word
        </Button>
      </div>
      <Subtitle2 as="h3">Since the last paper</Subtitle2>
      <p>Give the last paper to add what has moved since: statuses, actions completed or overdue, savings re-profiled, forecasts and the deficit.</p>
      <Field label="Paste the last paper's table">
        <Textarea value={earlierText} onChange={(_, data) => pasteEarlier(data.value)} resize="vertical" rows={3} disabled={task.busy} />
      </Field>
      <Field label="Or choose the last paper's workbook (.xlsx, .tsv, .csv or .txt)">
        <ReadableFileInput label="Or choose the last paper's workbook (.xlsx, .tsv, .csv or .txt)" disabled={task.busy} onFile={chooseEarlier} />
      </Field>
      {earlier && (
        <div className={styles.row}>
          <Body1Strong>{`Comparing with ${earlier.name}${earlier.paper.asAt ? `, ${earlier.paper.asAt.replace(/^As at/, "as at")}` : ""}.`}</Body1Strong>
          <Button size="small" onClick={clearEarlier}>
            Clear
          </Button>
        </div>
      )}
      <TaskStatus task={prep} label="Preparing the paper…" />
      <TaskStatus task={task} label="Building the paper…" />
      {message && <Notice title={message} />}
      {manual && prepared && <SelectAndCopy html={prepared.html} />}
      {!manual && prepared && <Preview html={prepared.html} />}
    </section>
  );
}
