import { Button, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { paperDocument, renderHtml, renderText } from "../../core/table";
import { paperOf, paperSheetOperations } from "../../app";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";

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

function usePaper({ port, onChanged }: ScreenProps, changes: number) {
  const task = useTask();
  const [message, setMessage] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [manual, setManual] = useState(false);
  // The paper is made ready before any click: a copy must happen within the click, with no wait.
  const prepare = useCallback(
    () =>
      task.run(async (w) => {
        setPrepared(null);
        await w.step("Reading the workbook…");
        const { tables, summary, options } = paperOf(await w.wait(port.readSheets()));
        if (tables.length === 0 && summary.budgets.length === 0) throw new Error("No plan, savings, budget or scorecard tables were found");
        const doc = paperDocument(summary, options);
        setPrepared({ html: renderHtml(doc), text: renderText(doc) });
      }, "Insert a template or import a table first; the paper is prepared when there is something to put in it."),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- task.run is stable
    [port],
  );
  useEffect(() => {
    void prepare();
  }, [prepare, changes]);
  const build = () =>
    task.run(async (w) => {
      setMessage(null);
      await w.step("Reading the workbook…");
      // The same paper as hnb summary's.
      const { tables, summary, options } = paperOf(await w.wait(port.readSheets()));
      if (tables.length === 0 && summary.budgets.length === 0) throw new Error("No plan, savings, budget or scorecard tables were found");
      const existing = (await w.wait(port.listSheets())).map((s) => s.name);
      await w.step("Building the summary…");
      const { sheet, operations } = paperSheetOperations(summary, existing, "Summary", options);
      w.committing("Writing the Summary sheet…");
      await port.apply(operations);
      setMessage(`Built the “${sheet}” sheet.`);
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
  return { task, message, build, copy, prepared, manual };
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
  return <div className={styles.manual} role="region" aria-label="The paper" tabIndex={0} dangerouslySetInnerHTML={{ __html: bodyOf(html) }} />;
}

export function PaperScreen(props: ScreenProps & { changes?: number }) {
  const styles = useScreenStyles();
  const { task, message, build, copy, prepared, manual } = usePaper(props, props.changes ?? 0);
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
        <Button onClick={copy} disabled={task.busy || !prepared}>
          Copy paper for Word
        </Button>
      </div>
      <TaskStatus task={task} label="Preparing the paper…" />
      {message && <Notice title={message} />}
      {manual && prepared && <SelectAndCopy html={prepared.html} />}
      {!manual && prepared && <Preview html={prepared.html} />}
    </section>
  );
}
