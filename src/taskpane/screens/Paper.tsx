import { Button, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { paperHtml } from "../../core/table";
import { paperOf, paperSheetOperations } from "../../app";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";

/** Copies HTML where the browser allows it (Word keeps the tables), else the same as plain text. */
async function copyHtml(html: string): Promise<"html" | "text"> {
  const clipboard = navigator.clipboard;
  if (!clipboard) throw new Error("This browser does not allow copying from the add-in");
  if (typeof ClipboardItem !== "undefined" && typeof clipboard.write === "function") {
    await clipboard.write([new ClipboardItem({ "text/html": new Blob([html], { type: "text/html" }), "text/plain": new Blob([html], { type: "text/plain" }) })]);
    return "html";
  }
  await clipboard.writeText(html);
  return "text";
}

function usePaper({ port, onChanged }: ScreenProps) {
  const task = useTask();
  const [message, setMessage] = useState<string | null>(null);
  const build = () =>
    task.run(async (w) => {
      setMessage(null);
      await w.step("Reading the workbook…");
      // The same paper as hnb summary's.
      const { tables, summary, asAt } = paperOf(await w.wait(port.readSheets()));
      if (tables.length === 0) throw new Error("No plan, savings or budget tables were found");
      const existing = (await w.wait(port.listSheets())).map((s) => s.name);
      await w.step("Building the summary…");
      const { sheet, operations } = paperSheetOperations(summary, existing, "Summary", asAt ?? undefined);
      w.committing("Writing the Summary sheet…");
      await port.apply(operations);
      setMessage(`Built the “${sheet}” sheet.`);
      onChanged();
    }, "Insert a template or import a table first, then build the paper again.");
  const copy = () =>
    task.run(async (w) => {
      setMessage(null);
      await w.step("Reading the workbook…");
      const { tables, summary, asAt } = paperOf(await w.wait(port.readSheets()));
      if (tables.length === 0) throw new Error("No plan, savings or budget tables were found");
      const how = await w.wait(copyHtml(paperHtml(summary, asAt ? { asAt } : {})));
      setMessage(how === "html" ? "Copied. Paste into Word to keep the tables." : "Copied as text: this browser cannot copy HTML, so Word will show the markup.");
    }, "Allow the add-in to use the clipboard, or build the Summary sheet and copy it from Excel.");
  return { task, message, build, copy };
}

export function PaperScreen(props: ScreenProps) {
  const styles = useScreenStyles();
  const { task, message, build, copy } = usePaper(props);
  return (
    <section className={styles.screen} aria-labelledby="hnb-paper-heading">
      <Subtitle2 as="h2" id="hnb-paper-heading" className={styles.heading}>
        Paper for Schools Forum
      </Subtitle2>
      <p>Build a Summary sheet with progress by initiative, savings by year, budgets against forecast and the deficit chart, or copy the paper for Word.</p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void build()} disabled={task.busy}>
          Build the Summary sheet
        </Button>
        <Button onClick={() => void copy()} disabled={task.busy}>
          Copy paper for Word
        </Button>
      </div>
      <TaskStatus task={task} label="Building the paper…" />
      {message && <Notice title={message} />}
    </section>
  );
}
