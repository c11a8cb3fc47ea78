import { Caption1, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { columnLetters } from "../../core/table/location";
import type { MemoryWorkbook } from "../../workbook/memory";

const MAX_ROWS = 200;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: { margin: 0 },
  scroll: {
    overflow: "auto",
    maxHeight: "80vh",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
  },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    maxWidth: "16em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    verticalAlign: "top",
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
    position: "sticky",
    top: 0,
  },
});

function shown(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/**
 * A read-only view of the browser preview's memory workbook: a sheet picker and the sheet's
 * values, with fills as the workbook holds them (data, not the pane's own colours). `version`
 * changes after every apply, so the view re-reads.
 */
export function WorkbookView({ workbook, version }: { workbook: MemoryWorkbook; version: number }) {
  const styles = useStyles();
  const names = workbook.sheets.map((s) => s.name);
  const [picked, setPicked] = useState<string | null>(null);
  const name = picked !== null && names.includes(picked) ? picked : (names[0] ?? "");
  const sheet = workbook.sheet(name);
  const used = sheet?.usedRange() ?? null;
  const rows: number[] = [];
  const columns: number[] = [];
  if (used) {
    for (let r = 0; r <= Math.min(used.bottom, MAX_ROWS - 1); r++) rows.push(r);
    for (let c = 0; c <= used.right; c++) columns.push(c);
  }
  return (
    <section className={styles.root} aria-labelledby="hnb-preview-heading" data-version={version}>
      <Subtitle2 as="h2" id="hnb-preview-heading" className={styles.heading}>
        Sample workbook (browser preview)
      </Subtitle2>
      <Caption1>A workbook held in this page, so every screen can be tried without Excel. It is read-only here: change it through the pane.</Caption1>
      <Field label="Sheet">
        <Select value={name} onChange={(_, data) => setPicked(data.value)}>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      {!used ? (
        <Caption1>This sheet is empty.</Caption1>
      ) : (
        <div className={styles.scroll} role="region" aria-label={`Cells of ${name}`} tabIndex={0}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th className={`${styles.cell} ${styles.head}`} scope="col">
                  <span aria-label="Row">#</span>
                </th>
                {columns.map((c) => (
                  <th key={c} className={`${styles.cell} ${styles.head}`} scope="col">
                    {columnLetters(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r}>
                  <th className={`${styles.cell} ${styles.head}`} scope="row">
                    {r + 1}
                  </th>
                  {columns.map((c) => {
                    const cell = sheet!.cell(r, c);
                    // Fill and font colours are the workbook's data, shown as they are.
                    const style = cell.fill ? { backgroundColor: cell.fill, color: cell.font?.colour ?? undefined } : cell.font?.colour ? { color: cell.font.colour } : undefined;
                    return (
                      <td key={c} className={styles.cell} style={style} title={cell.fill ? `${shown(cell.value)} (fill ${cell.fill})` : undefined}>
                        {cell.font?.bold ? <strong>{shown(cell.value)}</strong> : shown(cell.value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {used && used.bottom >= MAX_ROWS && <Caption1>{`Showing the first ${MAX_ROWS} rows.`}</Caption1>}
    </section>
  );
}
