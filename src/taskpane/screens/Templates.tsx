import { Button, Checkbox, Subtitle2 } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { ALL_TEMPLATES, TEMPLATE_TITLES, buildTemplates, type TemplateName } from "../../app";
import { Notice, TaskStatus, useScreenStyles, useTask, type ScreenProps } from "./common";

function useTemplates({ port, onChanged }: ScreenProps, version: number) {
  const task = useTask();
  const [chosen, setChosen] = useState<Set<TemplateName>>(new Set());
  const [existing, setExisting] = useState<string[]>([]);
  const [report, setReport] = useState<{ added: string[]; changes: string[] } | null>(null);

  useEffect(() => {
    let live = true;
    port.listSheets().then(
      (sheets) => live && setExisting(sheets.map((s) => s.name)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [port, version]);

  const plan = useMemo(() => buildTemplates([...chosen], existing), [chosen, existing]);
  const willAdd = plan.operations.flatMap((op) => (op.kind === "addSheet" ? [op.name] : []));

  const toggle = (name: TemplateName, on: boolean) => {
    setReport(null);
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  };

  const insert = () =>
    task.run(async (w) => {
      const names = (await w.wait(port.listSheets())).map((s) => s.name);
      const build = buildTemplates([...chosen], names);
      w.committing(`Inserting ${chosen.size === 1 ? "the template" : `${chosen.size} templates`}…`);
      const result = await port.apply(build.operations);
      setReport({ added: result.sheetsAdded, changes: result.changes });
      setChosen(new Set());
      onChanged();
    }, "Nothing was inserted. Check the workbook is not being edited (press Esc in Excel) and try again.");

  return { task, chosen, toggle, willAdd, insert, report };
}

export function TemplatesScreen(props: ScreenProps & { version: number }) {
  const styles = useScreenStyles();
  const { task, chosen, toggle, willAdd, insert, report } = useTemplates(props, props.version);
  return (
    <section className={styles.screen} aria-labelledby="hnb-templates-heading">
      <Subtitle2 as="h2" id="hnb-templates-heading" className={styles.heading}>
        Templates
      </Subtitle2>
      <div role="group" aria-label="Templates to insert" className={styles.options}>
        {ALL_TEMPLATES.map((name) => (
          <Checkbox key={name} label={TEMPLATE_TITLES[name]} checked={chosen.has(name)} onChange={(_, data) => toggle(name, data.checked === true)} />
        ))}
      </div>
      {willAdd.length > 0 ? (
        <div>
          <p>These sheets will be added (existing sheets are never changed):</p>
          <ul className={styles.list} aria-label="Sheets to be added">
            {willAdd.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Tick the templates you want. The RAG key comes too when a template needs it.</p>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={willAdd.length === 0 || task.busy} onClick={() => void insert()}>
          Insert
        </Button>
      </div>
      <TaskStatus task={task} label="Inserting templates…" />
      {report && (
        <Notice title={`Added ${report.added.length === 1 ? "1 sheet" : `${report.added.length} sheets`}: ${report.added.join(", ")}`}>
          <details>
            <summary>{`Everything written (${report.changes.length} steps)`}</summary>
            <ul className={styles.list} aria-label="What changed">
              {report.changes.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </details>
        </Notice>
      )}
    </section>
  );
}
