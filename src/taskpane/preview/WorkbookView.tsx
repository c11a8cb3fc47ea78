import { Caption1, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { formatFigure, formatMoney } from "../../core";
import { a1, columnLetters } from "../../core/table";
import { ymdFromSerial } from "../../core";
import { parseAddress } from "../../port";
import type { MemoryWorkbook } from "../../adapters/memory";

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
  selected: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: `-${tokens.strokeWidthThick}`,
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
    position: "sticky",
    top: 0,
  },
});

/** A cell's value as its number format shows it: dates as 30/09/2024, money as £1,234 or (£1,234). */
function shown(value: unknown, numberFormat = "General"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (showsDayMonthYear(numberFormat)) {
      const { year, month, day } = ymdFromSerial(value);
      return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
    }
    if (numberFormat.includes("£")) return formatMoney(value);
    if (numberFormat.includes("#,##0")) return formatFigure(value);
    if (/^0(\.0+)?%$/.test(numberFormat)) return `${Math.round(value * 100)}%`;
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
  return String(value);
}

/**
 * Whether a number format has a "d", then an "m", then "yy", on one line, any case: what
 * /d{1,2}.*m{1,2}.*y{2,4}/i finds, without its backtracking. The earliest "d" and the earliest "m"
 * after it leave the most room for what follows, so one pass suffices.
 */
function showsDayMonthYear(format: string): boolean {
  let want: "d" | "m" | "y" = "d";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!.toLowerCase();
    if ("\n\r\u2028\u2029".includes(c)) want = "d"; // "." does not match a line break
    else if (c === want && want !== "y") want = want === "d" ? "m" : "y";
    else if (want === "y" && c === "y" && format[i + 1]?.toLowerCase() === "y") return true;
  }
  return false;
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
  // When a finding is clicked (Check selects its cell), show that cell's sheet.
  const lastSelection = useRef<string | null>(null);
  const selectionKey = workbook.selection ? `${workbook.selection.sheet}!${workbook.selection.address}` : null;
  useEffect(() => {
    if (selectionKey !== null && selectionKey !== lastSelection.current && workbook.selection) setPicked(workbook.selection.sheet);
    lastSelection.current = selectionKey;
  }, [selectionKey, workbook, version]);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Bring the outlined cell into view, as Excel scrolls to a selection.
    const cell = scroller.current?.querySelector<HTMLElement>("td[data-selected]");
    cell?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [selectionKey, picked, version]);
  const name = picked !== null && names.includes(picked) ? picked : (names[0] ?? "");
  const sheet = workbook.sheet(name);
  const used = sheet?.usedRange() ?? null;
  // The cell a finding points at (Check selects it), outlined so it can be seen.
  const selection = workbook.selection;
  const selected = selection && selection.sheet === name ? parseAddress(selection.address) : null;
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
        <div ref={scroller} className={styles.scroll} role="region" aria-label={`Cells of ${name}`} tabIndex={0}>
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
                    const text = shown(cell.value, cell.numberFormat);
                    const isSelected = selected !== null && r >= selected.top && r <= selected.bottom && c >= selected.left && c <= selected.right;
                    return (
                      <td
                        key={c}
                        className={isSelected ? `${styles.cell} ${styles.selected}` : styles.cell}
                        style={style}
                        data-selected={isSelected || undefined}
                        data-address={isSelected ? a1(r, c) : undefined}
                        title={cell.fill ? `${text} (fill ${cell.fill})` : undefined}
                      >
                        {cell.font?.bold ? <strong>{text}</strong> : text}
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
