import { COLOURS, COLOUR_ORDER, ehcpLayoutPlan, OVERRIDE_END, STABILITY_GRANT_CUT_OFF, STABILITY_GRANT_SHARE, STABILITY_GRANT_YEAR, financialYearStart, formatDate, yearLabel } from "../core";
import type { ImportedTable, SheetGrid, Table } from "../core/table";
import { MEASURE_FIELDS, columnLetters, findReportDate, reportDateSource } from "../core/table";
import { quoteSheet, uniqueSheetName, type WorkbookOperation } from "../port";
import { CHECKS_TITLE } from "./outputs";
import { DATE_FORMAT, DEFICIT_SOURCES, MONEY_FORMAT, THOUSANDS_FORMAT } from "./templates";

/**
 * A checks sheet of its own for an imported table: HNB formulas over the cells the import wrote,
 * so the table checks itself as it is edited, in Excel and in a file `hnb calc` has worked out.
 *
 * It is a sheet apart rather than cells beside the table because Excel grows a table into a
 * write in the row under it or the column beside it. Its A1 is the template checks sheet's
 * title, so the table reader passes it over as the add-in's own output, and B1 counts the
 * checks that fail, as the template's master check does. Checks read "Passes" as text: a
 * viewer without the add-in cannot show TRUE from an add-in's function.
 */

/** Where importOperations wrote the table: its sheet, its Excel table and how many rows it holds. */
export interface WrittenTable {
  sheet: string;
  table: string;
  rows: number;
}

export interface ImportChecksOptions {
  /** The report date overdue actions are judged by (an Excel date); without it the cell is left for the user. */
  reportDate?: number;
}

export interface ImportChecks {
  sheet: string;
  operations: WorkbookOperation[];
  /** How many checks the master check counts. */
  checks: number;
}

/**
 * The report date a checks sheet judges overdue actions by: the one asked for (--as-of), else
 * the one the paper itself states ("Position as at 30 September 2025" above the table), with
 * where it was found so the user can be told. Null leaves the cell for the user to type.
 */
export function checksReportDate(asOf: number | undefined, grids: readonly SheetGrid[], tables: readonly Table[]): { serial: number; from: string | null } | null {
  if (asOf !== undefined) return { serial: asOf, from: null };
  const found = findReportDate(grids, tables);
  return found ? { serial: found.serial, from: reportDateSource(found) } : null;
}

/**
 * The sheet row (1-based) of an imported table's first footer line: a blank row under the
 * table, then the footer. Nothing is written in the row directly under the table, which Excel
 * would take into the table as soon as anyone typed in it.
 */
export function footerTop(rowCount: number): number {
  return Math.max(rowCount, 1) + 3;
}

/** The name a table's checks sheet is given, before it is made unique. */
export function checksSheetTitle(tableSheet: string): string {
  return `Checks (${tableSheet})`;
}

const FIRST_CHECK_ROW = 5;

/** What a check or figure says when the function cannot read its cells. */
const CANNOT_CHECK = "Cannot be checked: a cell it reads is not a figure or a date (hnb check and the Import notes say which)";
const CANNOT_WORK_OUT = "Not worked out: a row with savings has no status, or text is among the figures (hnb check says which)";
const NOT_IN_KEY = "Not worked out: a status is not in the key (the RAG check above says which)";

interface Line {
  label: string;
  /** A formula without its "=". */
  formula: string;
  /** Or one formula a year, across. */
  cells?: string[];
}

/**
 * Operations writing the checks sheet for `imported`, written by importOperations as `written`;
 * null when there is nothing to check (a scorecard, or a table without the columns or rows the
 * checks need).
 */
export function importChecksOperations(imported: ImportedTable, written: WrittenTable, existingSheets: readonly string[], options: ImportChecksOptions = {}): ImportChecks | null {
  const source = quoteSheet(written.sheet);
  const rows = Math.max(written.rows, 1);
  const ref = (column: number, first: number, last = first) => `${source}!${columnLetters(column)}${first}${last === first ? "" : `:${columnLetters(column)}${last}`}`;
  const rowRef = (row: number, first: number, last: number) => `${source}!${columnLetters(first)}${row}:${columnLetters(last)}${row}`;
  const dataRef = (column: number) => ref(column, 2, rows + 1);
  const fields = imported.fields ?? [];
  const columnOf = (field: string) => fields.findIndex((f) => f === field);
  const money = imported.unit === "£000" ? THOUSANDS_FORMAT : imported.unit === "£m" ? "#,##0.00;(#,##0.00)" : MONEY_FORMAT;

  const checks: Line[] = [];
  const info: Line[] = [];
  /** A row of year labels and the rows of figures by year under it, for spilled results. */
  let byYear: { labels: string[]; lines: Line[] } | null = null;
  let needsReportDate = false;
  /** A deficit table running to 31 March 2026 gets cells for the deficit by source. */
  let sourcesBlock = false;
  let budget: BudgetChecks | null = null;
  // The table's own key (three-point when the paper had one), written on this sheet for the
  // status formulas, so the checks sheet judges statuses as hnb check does.
  const keyNames = imported.statuses && imported.statuses.length > 0 ? imported.statuses : [...COLOUR_ORDER];
  let keyColumn: number | null = null;
  const keyRef = () => `$${columnLetters(keyColumn!)}$5:$${columnLetters(keyColumn!)}$${4 + keyNames.length}`;

  if (imported.kind === "savings-plan") {
    const yearColumns = fields.flatMap((f, c) => (f === "amount" && imported.years?.[c] !== null && imported.years?.[c] !== undefined ? [c] : []));
    const status = columnOf("rag");
    // The stated total row, the first line under the table when it holds anything.
    const total = imported.footer[0]?.some((v) => v !== null && v !== undefined && v !== "") ? imported.footer[0]! : null;
    const totalRow = footerTop(written.rows);
    for (const c of yearColumns) {
      const label = yearLabel(imported.years![c]!);
      const stated = total?.[c];
      if (stated !== null && stated !== undefined && stated !== "") {
        checks.push({ label: `Savings ${label}: the stated total agrees with the rows`, formula: `HNB.TOTALCHECK(${ref(c, totalRow)},${dataRef(c)})` });
      }
    }
    if (status >= 0) {
      // Clear of the figures by year, which run from column B across.
      keyColumn = Math.max(4, yearColumns.length + 3);
      checks.push({ label: "Every RAG status is in the key", formula: `HNB.RAGCHECK(${dataRef(status)},${keyRef()})` });
    }
    if (yearColumns.length > 0) {
      // Text in an amount cell ("TBC") is passed over in the totals: the total check above says it is there.
      const lines: Line[] = [{ label: "Total of the rows", formula: "", cells: yearColumns.map((c) => `HNB.SAVINGSTOTAL(${dataRef(c)},TRUE)`) }];
      // A year at a time rather than one spilled row, so a column of text gives words in its own
      // cell; the default weights and key need none of the RAG Key template's named ranges.
      if (status >= 0) {
        // The real cause in words: #N/A is a status outside the key, #VALUE! a row with savings
        // and no status, or text among the figures (Excel shows the function's own message too).
        lines.push({
          label: "Risk-adjusted (weighted by RAG status)",
          formula: "",
          cells: yearColumns.map((c) => {
            const call = `HNB.SAVINGSBYYEAR(${dataRef(c)},${dataRef(status)})`;
            return `IFERROR(${call},IF(ISNA(${call}),"${NOT_IN_KEY}","${CANNOT_WORK_OUT}"))`;
          }),
        });
      }
      byYear = { labels: yearColumns.map((c) => yearLabel(imported.years![c]!)), lines };
    }
  } else if (imported.kind === "action-plan") {
    const status = columnOf("rag");
    const end = columnOf("end");
    if (status >= 0) {
      keyColumn = 4;
      checks.push({ label: "Every RAG status is in the key", formula: `HNB.RAGCHECK(${dataRef(status)},${keyRef()})` });
      for (const c of keyNames) info.push({ label: `Actions at ${c}`, formula: `HNB.RAGCOUNT(${dataRef(status)},"${c.replace(/"/g, '""')}",${keyRef()})` });
    }
    // Without a status column (a PDF's colours lost on paste) the end dates alone still say
    // which actions have run past their deadline with nothing to show they were finished.
    if (end >= 0) needsReportDate = true;
  } else if (imported.kind === "budget" && imported.sums) {
    budget = budgetChecks(imported, ref, rows);
    checks.push(...budget.checks);
  } else if (imported.kind === "deficit" && imported.corkscrew) {
    const cork = imported.corkscrew;
    const yearColumns = fields.flatMap((f, c) => (f === "amount" ? [c] : []));
    if (yearColumns.length > 0) {
      const first = yearColumns[0]!;
      const last = yearColumns[yearColumns.length - 1]!;
      const at = (row: number) => row + 2;
      const movements = [...cork.movements].sort((a, b) => a - b);
      // CORKSCREW and DEFICITPATH take the movements as one block of rows: a subtotal among them
      // would be counted twice, so the formulas are written only when the rows run unbroken.
      const unbroken = movements.length > 0 && movements.every((r, i) => i === 0 || r === movements[i - 1]! + 1);
      const labels = yearColumns.map((c, i) => (imported.years?.[c] !== null && imported.years?.[c] !== undefined ? yearLabel(imported.years[c]!) : String(imported.headers[c] ?? `Year ${i + 1}`)));
      const movementsRef = unbroken ? `${source}!${columnLetters(first)}${at(movements[0]!)}:${columnLetters(last)}${at(movements[movements.length - 1]!)}` : null;
      const tolerance = imported.unit === "£000" || imported.unit === "£m" ? ",1" : "";
      // The year labels are written on this sheet (row 3), since the table's headings may carry a unit or "Actual".
      const labelsRef = `$B$3:$${columnLetters(labels.length)}$3`;
      if (movementsRef) {
        checks.push({ label: "The corkscrew carries forward and adds up", formula: `HNB.CORKSCREW(${rowRef(at(cork.broughtForward), first, last)},${movementsRef},${rowRef(at(cork.carriedForward), first, last)},${labelsRef}${tolerance})` });
      }
      info.push({ label: "First year out of deficit, as the carried-forward row states", formula: `HNB.RECOVERYYEAR(${rowRef(at(cork.carriedForward), first, last)},${labelsRef})` });
      const lines: Line[] = [];
      if (movementsRef) {
        const opening = `${source}!${columnLetters(first)}${at(cork.broughtForward)}`;
        lines.push({ label: "Deficit path, unmitigated", formula: `HNB.DEFICITPATH(${opening},${movementsRef})` });
        if (cork.impact !== undefined) {
          const mitigated = `HNB.DEFICITPATH(${opening},${movementsRef},${rowRef(at(cork.impact), first, last)})`;
          lines.push({ label: "Deficit path, with the recovery plan", formula: mitigated });
          // The path itself as the argument, not the cells it spills into, so it never reads a spill not yet worked out.
          info.push({ label: "First year out of deficit, with the recovery plan", formula: `HNB.RECOVERYYEAR(${mitigated},${labelsRef})` });
        }
      }
      // The 2026 rules: the Stability Grant on the deficit carried forward at 31 March 2026, and the
      // deficit at 31 March 2028, the end of the statutory override, as the table states them.
      const cutOff = labels.indexOf(yearLabel(STABILITY_GRANT_YEAR - 1));
      sourcesBlock = cutOff >= 0;
      if (cutOff >= 0) {
        const deficit = `${source}!${columnLetters(yearColumns[cutOff]!)}${at(cork.carriedForward)}`;
        info.push({ label: `High Needs Stability Grant on the deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} (${Math.round(STABILITY_GRANT_SHARE * 100)}%; nothing taken out as not High Needs)`, formula: `HNB.STABILITYGRANT(${deficit})` });
        info.push({ label: `Deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} after the grant`, formula: `${deficit}-HNB.STABILITYGRANT(${deficit})` });
      }
      const overrideEnd = labels.indexOf(yearLabel(financialYearStart(OVERRIDE_END)));
      if (overrideEnd >= 0) {
        info.push({ label: `Deficit at ${formatDate(OVERRIDE_END)}, the end of the statutory override, as the carried-forward row states`, formula: `${source}!${columnLetters(yearColumns[overrideEnd]!)}${at(cork.carriedForward)}` });
      }
      byYear = { labels, lines };
    }
  }

  // EHCP numbers also go into the DSG management plan's layout, by formulas over the table's cells.
  const layout = imported.shapeKind === "ehcp-numbers" ? ehcpLayoutOf(imported, ref) : null;
  if (layout && layout.unplaced.length > 0) {
    info.push({ label: "Lines left out of the plan's layout (not one of DfE's groups)", formula: `"${layout.unplaced.slice(0, 10).map((u) => u.replace(/"/g, "'")).join("; ")}${layout.unplaced.length > 10 ? ` and ${layout.unplaced.length - 10} more` : ""}"` });
  }
  if (checks.length === 0 && info.length === 0 && !needsReportDate && (byYear === null || byYear.lines.length === 0) && !layout) return null;
  const varianceRows = budget?.byLine ?? null;

  const sheet = uniqueSheetName(checksSheetTitle(written.sheet), existingSheets);
  const operations: WorkbookOperation[] = [{ kind: "addSheet", name: sheet }, { kind: "write", sheet, at: "A1", values: [[CHECKS_TITLE]] }];
  const checkFirst = FIRST_CHECK_ROW;
  const checkLast = checkFirst + checks.length - 1;
  operations.push(
    { kind: "write", sheet, at: "B1", values: [[checks.length > 0 ? `=SUM(C${checkFirst}:C${checkLast})` : 0]], formulas: true },
    { kind: "font", sheet, range: "A1:B1", bold: true },
    { kind: "conditionalFill", sheet, range: "B1", text: "0", fill: COLOURS.Green.fill },
    { kind: "write", sheet, at: "A2", values: [[`0 means every check below of the table on "${written.sheet}" passes. A check that fails says why in its Result cell.`]] },
  );
  // Row 3 carries what the formulas below need from the user or the table: a report date, or year labels.
  if (needsReportDate) {
    operations.push(
      { kind: "write", sheet, at: "A3", values: [["Report date", options.reportDate ?? null]], numberFormats: ["@", DATE_FORMAT] },
      { kind: "font", sheet, range: "A3", bold: true },
    );
  } else if (imported.kind === "deficit" && byYear) {
    operations.push({ kind: "write", sheet, at: "A3", values: [["Year", ...byYear.labels]], numberFormats: "@" }, { kind: "font", sheet, range: `A3:${columnLetters(byYear.labels.length)}3`, bold: true });
  }
  if (keyColumn !== null) {
    const at = columnLetters(keyColumn);
    operations.push({ kind: "write", sheet, at: `${at}4`, values: [["RAG key"], ...keyNames.map((n) => [n])], numberFormats: "@" }, { kind: "font", sheet, range: `${at}4`, bold: true });
  }
  operations.push({ kind: "write", sheet, at: `A${checkFirst - 1}`, values: [["Check", "Result", "Failing"]] }, { kind: "font", sheet, range: `A${checkFirst - 1}:C${checkFirst - 1}`, bold: true });
  if (checks.length > 0) {
    operations.push({
      kind: "write",
      sheet,
      at: `A${checkFirst}`,
      // A check that cannot run (text where a figure should be) fails in words, not as an error
      // value: the master check's SUM would show #VALUE! rather than a count.
      values: checks.map(({ label, formula }, i) => [label, `=IFERROR(IF(${formula}=TRUE(),"Passes",${formula}),"${CANNOT_CHECK}")`, `=IF(B${checkFirst + i}="Passes",0,1)`]),
      formulas: true,
    });
  } else {
    operations.push({ kind: "write", sheet, at: `A${checkFirst}`, values: [["No check applies to this table: the figures below are for information."]] });
  }

  let row = Math.max(checkLast, checkFirst) + 2;
  if (info.length > 0 || needsReportDate) {
    operations.push({ kind: "write", sheet, at: `A${row}`, values: [["Information"]] }, { kind: "font", sheet, range: `A${row}`, bold: true });
    row++;
    if (info.length > 0) {
      operations.push({ kind: "write", sheet, at: `A${row}`, values: info.map((l) => [l.label, `=${l.formula}`]), formulas: true });
      row += info.length;
    }
  }
  if (needsReportDate) {
    // One OVERDUE a row in a column of its own, summed: a formula over whole columns would need
    // Excel to lift the scalar arguments, which custom functions and the engine do not share.
    const status = columnOf("rag");
    const end = columnOf("end");
    const first = row + 3;
    const last = first + rows - 1;
    const date =
      options.reportDate === undefined ? "Type the report date in B3 to count the overdue actions."
      : status >= 0 ? "Overdue counts actions whose end date is before the report date in B3 and that are not complete."
      : "Overdue counts actions whose end date is before the report date in B3: the table has no status column, so none can show it was finished.";
    const statusArg = (r: number) => (status >= 0 ? `${ref(status, r)},IF(ISBLANK($B$3),1,$B$3),${keyRef()}` : `"",IF(ISBLANK($B$3),1,$B$3)`);
    operations.push(
      { kind: "write", sheet, at: `A${row}`, values: [["Actions overdue at the report date", `=IF(ISBLANK($B$3),"Type the report date in B3",SUM(B${first}:B${last}))`]], formulas: true },
      { kind: "write", sheet, at: `A${row + 1}`, values: [[date]] },
      { kind: "write", sheet, at: `A${first - 1}`, values: [["Overdue, by row of the table", "1 if overdue"]] },
      { kind: "font", sheet, range: `A${first - 1}:B${first - 1}`, bold: true },
      {
        kind: "write",
        sheet,
        at: `A${first}`,
        // IF(ISBLANK($B$3),1,$B$3) inside: the engine works out both branches of the outer IF, and
        // OVERDUE refuses a blank date; Excel never gets there. An end date OVERDUE cannot read is words SUM passes over.
        values: Array.from({ length: rows }, (_, i) => [`Row ${i + 2}`, `=IF(ISBLANK($B$3),"",IFERROR(IF(HNB.OVERDUE(${ref(end, i + 2)},${statusArg(i + 2)}),1,0),"End date not read"))`]),
        formulas: true,
      },
    );
    row = last + 2;
  }
  if (varianceRows) {
    // One HNB.VARIANCE a line beside the stated variance, the check above counting those that differ.
    const first = varianceRows.firstRow;
    if (first !== row + 1) throw new Error("The variance lines must start where the check expects them.");
    operations.push(
      { kind: "write", sheet, at: `A${row}`, values: [["Variance by line", "HNB.VARIANCE", "Stated", "Differs"]] },
      { kind: "font", sheet, range: `A${row}:D${row}`, bold: true },
      { kind: "write", sheet, at: `A${first}`, values: varianceRows.lines, formulas: true },
      { kind: "numberFormat", sheet, range: `B${first}:C${first + varianceRows.lines.length - 1}`, format: money },
    );
    row = first + varianceRows.lines.length + 1;
  }
  if (byYear && byYear.lines.length > 0) {
    row++;
    const width = byYear.labels.length;
    const header = imported.kind === "deficit" ? "Figures by year" : "Savings by year";
    operations.push({ kind: "write", sheet, at: `A${row}`, values: [[header, ...byYear.labels]], numberFormats: "@" }, { kind: "font", sheet, range: `A${row}:${columnLetters(width)}${row}`, bold: true });
    let at = row + 1;
    for (const line of byYear.lines) {
      if (line.cells) {
        operations.push({ kind: "write", sheet, at: `A${at}`, values: [[line.label, ...line.cells.map((f) => `=${f}`)]], formulas: true });
      } else {
        operations.push({ kind: "write", sheet, at: `A${at}`, values: [[line.label, `=${line.formula}`]], formulas: true });
      }
      at++;
    }
    operations.push({ kind: "numberFormat", sheet, range: `B${row + 1}:${columnLetters(width)}${at - 1}`, format: money });
  }
  if (sourcesBlock) {
    // The deficit at the cut-off as each source gives it, typed by the user: DfE uses the lowest.
    const top = row + (byYear && byYear.lines.length > 0 ? byYear.lines.length + 3 : 1);
    const first = top + 1;
    const last = first + DEFICIT_SOURCES.length - 1;
    operations.push(
      { kind: "write", sheet, at: `A${top}`, values: [[`Deficit at ${formatDate(STABILITY_GRANT_CUT_OFF)} by source: type each (DfE uses the lowest where they differ)`]] },
      { kind: "font", sheet, range: `A${top}`, bold: true },
      { kind: "write", sheet, at: `A${first}`, values: DEFICIT_SOURCES.map((label) => [label]) },
      { kind: "numberFormat", sheet, range: `B${first}:B${last}`, format: money },
      { kind: "write", sheet, at: `A${last + 1}`, values: [["The sources agree", `=IFERROR(HNB.SOURCECHECK(B${first}:B${last},A${first}:A${last}),"Type the deficit each source gives in the cells above.")`]], formulas: true },
    );
  }
  if (layout) {
    const top = row + 1;
    const { rows: lines, bold } = layout.render(top + 1);
    const width = lines[0]!.length - 1;
    operations.push(
      { kind: "write", sheet, at: `A${top}`, values: [[`In the DSG management plan's layout: DfE's ${layout.what}, in DfE's order, each adding the table's lines (the import notes say which placements are a guess)`]] },
      { kind: "font", sheet, range: `A${top}`, bold: true },
      // The heading row as text, the groups' figures as formulas.
      { kind: "write", sheet, at: `A${top + 1}`, values: [lines[0]!], numberFormats: "@" },
      { kind: "write", sheet, at: `A${top + 2}`, values: lines.slice(1), formulas: true, numberFormats: ["@", ...Array.from({ length: width }, () => "#,##0")] },
      ...bold.map((i): WorkbookOperation => ({ kind: "font", sheet, range: `A${top + 1 + i}:${columnLetters(width)}${top + 1 + i}`, bold: true })),
    );
  }
  operations.push({ kind: "columnWidths", sheet, widths: [{ column: "A", width: 56 }, { column: "B", width: 60 }, { column: "C", width: 15 }, { column: "D", width: 15 }] });
  return { sheet, operations, checks: checks.length };
}

/**
 * An imported EHCP table in the plan's layout: a heading row of its years, then for each category
 * (one, "all placements", where the table does not say) DfE's groups in DfE's order, each the SUM
 * of the table's lines that go to it, and the total. Null where its lines are not DfE's groups.
 */
function ehcpLayoutOf(
  imported: ImportedTable,
  ref: (column: number, first: number, last?: number) => string,
): { what: string; unplaced: string[]; render(top: number): { rows: (string | number | null)[][]; bold: number[] } } | null {
  const fields = imported.fields ?? [];
  const figures = fields.flatMap((f, c) => (f !== null && MEASURE_FIELDS.has(f) ? [c] : []));
  const labelAt = Math.max(0, fields.findIndex((f) => f === "label"));
  const roles = imported.budgetRows ?? imported.rows.map(() => "line" as const);
  const labelOf = (r: number) => {
    const v = imported.rows[r]?.[labelAt];
    return v === null || v === undefined ? "" : String(v);
  };
  const plan = ehcpLayoutPlan(
    imported.rows.map((_, r) => ({ label: labelOf(r), role: roles[r] ?? "line" })),
    figures.map((c) => ({ heading: String(imported.headers[c] ?? ""), total: fields[c] === "total" })),
  );
  if (!plan) return null;
  const columns = plan.columns.map((i) => figures[i]!);
  /** The cells of the written rows in a column, runs of rows as ranges (sheet rows from 2). */
  const cells = (rows: readonly number[], column: number) => {
    const out: string[] = [];
    let start = -1;
    rows.forEach((r, i) => {
      if (start < 0) start = r;
      if (rows[i + 1] === r + 1) return;
      out.push(ref(column, start + 2, r + 2));
      start = -1;
    });
    return out.length === 0 ? 0 : `=SUM(${out.join(",")})`;
  };
  const what = plan.by === "age" ? "age groups" : plan.by === "need" ? "primary needs" : "placement categories";
  const title = plan.by === "age" ? "EHCPs by age group" : plan.by === "need" ? "EHCPs by primary need" : "EHCPs by placement category";
  /** The rows from the heading at sheet row `top`: each Total sums its block's groups by their sheet rows. */
  const render = (top: number) => {
    const rows: (string | number | null)[][] = [[title, ...plan.headings]];
    const bold = [0];
    for (const block of plan.blocks) {
      if (plan.by !== "category") {
        bold.push(rows.length);
        rows.push([block.category?.name ?? "All placements (the table does not say which)", ...columns.map(() => null)]);
      }
      const first = top + rows.length;
      for (const g of block.groups) rows.push([g.name, ...columns.map((c) => cells(g.rows, c))]);
      const last = top + rows.length - 1;
      bold.push(rows.length);
      rows.push(["Total", ...columns.map((_, i) => `=SUM(${columnLetters(i + 1)}${first}:${columnLetters(i + 1)}${last})`)]);
    }
    return { rows, bold };
  };
  return { what, unplaced: plan.unplaced.map((u) => u.label), render };
}

interface BudgetChecks {
  checks: Line[];
  /** The variance block under the checks: one row a line, from `firstRow` on the checks sheet. */
  byLine: { firstRow: number; lines: unknown[][] } | null;
}

/**
 * A budget table's checks: every subtotal, total, net position and closing balance against the
 * lines it adds up (HNB.TOTALCHECK over a SUM of exactly those cells, so a subtotal is never
 * counted twice in a total), the variance of each line by HNB.VARIANCE in the table's own sign
 * convention, and HNB.CROSSFOOT over a table by block with a Total column and Total row.
 */
function budgetChecks(imported: ImportedTable, ref: (column: number, first: number, last?: number) => string, rows: number): BudgetChecks {
  const fields = imported.fields ?? [];
  const measures = fields.flatMap((f, c) => (f && MEASURE_FIELDS.has(f) && f !== "variancePercent" ? [c] : []));
  const labelColumns = fields.flatMap((f, c) => (f === "code" || f === "label" ? [c] : []));
  const at = (row: number) => row + 2;
  const name = (row: number) => labelColumns.map((c) => imported.rows[row]?.[c]).filter((v) => v !== null && v !== undefined && String(v).trim() !== "").join(" ") || `Row ${at(row)}`;
  const tolerance = imported.decimals ? `,${0.5 * 10 ** -imported.decimals}` : "";
  const isFigure = (row: number, c: number) => typeof imported.rows[row]?.[c] === "number";
  const checks: Line[] = [];
  const KIND_WORDS = { subtotal: "the subtotal adds up", total: "the total adds up", net: "the position is the total plus the lines under it", closing: "the balance carries down" } as const;
  for (const sum of imported.sums ?? []) {
    for (const c of measures) {
      if (sum.kind === "closing" && fields[c] === "variance") continue;
      if (!isFigure(sum.row, c) || !sum.parts.some((p) => isFigure(p, c))) continue;
      // Runs of consecutive rows as one range each: SUM(C2,C4:C6).
      const runs: string[] = [];
      let start = sum.parts[0]!;
      sum.parts.forEach((p, i) => {
        const next = sum.parts[i + 1];
        if (next === p + 1) return;
        runs.push(ref(c, at(start), at(p)));
        if (next !== undefined) start = next;
      });
      checks.push({ label: `${name(sum.row)}, ${imported.headers[c]}: ${KIND_WORDS[sum.kind]}`, formula: `HNB.TOTALCHECK(${ref(c, at(sum.row))},SUM(${runs.join(",")})${tolerance})` });
    }
  }
  const blocks = fields.flatMap((f, c) => (f === "block" ? [c] : []));
  const total = fields.indexOf("total");
  const roles = imported.budgetRows ?? [];
  const simple = roles.length >= 2 && roles.slice(0, -1).every((r) => r === "line") && roles[roles.length - 1] === "total";
  if (blocks.length >= 2 && total === blocks[blocks.length - 1]! + 1 && blocks.every((c, i) => i === 0 || c === blocks[i - 1]! + 1) && simple) {
    checks.push({ label: "The blocks cross-foot: each line to the Total column, each block to the Total row", formula: `HNB.CROSSFOOT(${ref(blocks[0]!, 2)}:${columnLetters(total)}${rows + 1}${tolerance})` });
  }
  const budgetAt = fields.indexOf("budget");
  const outturnAt = fields.indexOf("outturn");
  const varianceAt = fields.indexOf("variance");
  let byLine: BudgetChecks["byLine"] = null;
  if (budgetAt >= 0 && outturnAt >= 0 && varianceAt >= 0 && imported.convention) {
    const lines = imported.rows.map((_, i) => i).filter((i) => isFigure(i, budgetAt) && isFigure(i, outturnAt) && isFigure(i, varianceAt));
    if (lines.length > 0) {
      // Under the checks (this one included) and a blank row: a heading, then a row a line.
      const heading = FIRST_CHECK_ROW + checks.length + 2;
      const firstRow = heading + 1;
      const convention = imported.convention === "outturn-budget" ? "outturn - budget" : "budget - outturn";
      const tol = imported.decimals ? 0.5 * 10 ** -imported.decimals : 0.5;
      const flags = `D${firstRow}:D${firstRow + lines.length - 1}`;
      checks.push({
        label: `Every line's variance is ${convention} (the table's own way round)`,
        formula: `IF(SUM(${flags})=0,TRUE(),SUM(${flags})&" line(s) state a variance other than ${convention}: see Variance by line below")`,
      });
      byLine = {
        firstRow,
        lines: lines.map((i, n) => [name(i), `=HNB.VARIANCE(${ref(budgetAt, at(i))},${ref(outturnAt, at(i))},"${convention}")`, `=${ref(varianceAt, at(i))}`, `=IF(ABS(B${firstRow + n}-C${firstRow + n})<=${tol},0,1)`]),
      };
    }
  }
  return { checks, byLine };
}
