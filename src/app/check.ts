/**
 * Checking a workbook, as the pane's Check and Home and `hnb check` all report it: which date
 * deadlines are judged by and where it came from, the findings folded for reading, in severity
 * order, and the counts in one wording.
 */
import { count, minOf } from "../core";
import { checkReading, findKeySheet, findReportDate, sheetPrefix, tableFromReading, foldFindings, groupReference, legacyKind, readGridByShape, reportDateSource, type Finding, type FindingGroup, type Reading, type Severity, type ShapeKind, type SheetGrid, type Table } from "../core/table";
import { formatDate, ymdFromSerial } from "../core";
import { addinOutput, readWorkbookTablesSteps, type Unreadable, type WorkbookTables } from "./outputs";
import { finish, type Steps } from "./steps";
import { TABLE_RULES, type TableRules } from "./rules";

/** Errors first: what must be put right before the paper goes out. */
const SEVERITIES: readonly { severity: Severity; heading: string }[] = [
  { severity: "error", heading: "Errors" },
  { severity: "warning", heading: "Warnings" },
  { severity: "info", heading: "Information" },
];

/** One rule on this many cells of a column, saying the same thing, is one finding. */
export const FOLD_MIN = 3;

export interface CheckRequest {
  /** The date deadlines are judged by (Excel serial), when the user gave one. */
  asOf?: number;
  /**
   * Today (Excel serial), to judge by when the user gave no date and the workbook has no report
   * date. Without it nothing is judged overdue: `hnb check` never assumes today's date, so the
   * same file gives the same findings tomorrow.
   */
  today?: number;
  /** Read every table as this kind (Read as); the kinds only the shape reader knows are read by it alone. */
  kind?: ShapeKind;
}

export interface JudgedAsOf {
  serial: number;
  /** "31 March 2025" */
  date: string;
  /** "2025-03-31" */
  iso: string;
  /** Where it came from: the user, the workbook's report date, or the clock. */
  from: "given" | "report date" | "today";
  /** For a report date, the cell: "'Action Plan'!B1, beside “Report date”". */
  source?: string;
}

export interface ReportSection {
  severity: Severity;
  heading: string;
  /** Findings of this severity, folded; each with the reference to show (a range for a run of cells). */
  groups: (FindingGroup & { reference: string })[];
  /** Findings of this severity, before folding. */
  count: number;
}

export interface CheckReport {
  tables: Table[];
  /**
   * Tables read by their shape where the heading-word reader found none on a sheet (a budget by
   * block, a reserve, a movement, EHCP numbers, any labelled figures) or took one for a deficit
   * that is not: their totals, cross-foots and variances are checked all the same.
   */
  readings: Reading[];
  /** Sheets the reader failed on: the rest were still checked. */
  unreadable: Unreadable[];
  asOf: JudgedAsOf | null;
  findings: Finding[];
  sections: ReportSection[];
  counts: Record<Severity, number>;
  /** "1 error, 10 warnings, 0 notes" */
  summary: string;
  /** How many lines the folded findings take. */
  lines: number;
}

export function isoDate(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "1 error, 10 warnings, 0 notes". */
function countsSummary(counts: Record<Severity, number>): string {
  return `${count(counts.error, "error")}, ${count(counts.warning, "warning")}, ${count(counts.info, "note")}`;
}

/** The findings of tables already read, reported. */
function reportFindings(tables: Table[], findings: Finding[], asOf: JudgedAsOf | null, unreadable: Unreadable[] = [], readings: Reading[] = []): CheckReport {
  const groups = foldFindings(findings, { min: FOLD_MIN });
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const sections = SEVERITIES.map(({ severity, heading }) => ({
    severity,
    heading,
    groups: groups.filter((g) => g.severity === severity).map((g) => ({ ...g, reference: groupReference(g) })),
    count: counts[severity],
  })).filter((s) => s.count > 0);
  return { tables, readings, unreadable, asOf, findings, sections, counts, summary: countsSummary(counts), lines: groups.length };
}

/**
 * Every table in a workbook, read as Check, Paper and Import all read it: by the heading-word
 * reader and by shape, or all as one kind when the user said which (Read as). The kinds only the
 * shape reader knows are read by it alone.
 */
export function readTablesAs(
  grids: readonly SheetGrid[],
  kind: ShapeKind | undefined,
  rules: Pick<TableRules, "readTables"> = TABLE_RULES,
): { tables: Table[]; unreadable: Unreadable[]; readings: Reading[]; beside: Reading[] } {
  return finish(readTablesAsSteps(grids, kind, rules));
}

/** `readTablesAs` in units: each sheet read by heading words, then each read by its shape. */
export function* readTablesAsSteps(
  grids: readonly SheetGrid[],
  kind: ShapeKind | undefined,
  rules: Pick<TableRules, "readTables"> = TABLE_RULES,
): Steps<{ tables: Table[]; unreadable: Unreadable[]; readings: Reading[]; beside: Reading[] }> {
  const legacy = kind ? legacyKind(kind) : undefined;
  const read = legacy === null ? { tables: [] as Table[], unreadable: [] as Unreadable[] } : yield* readWorkbookTablesSteps(grids, legacy ? { kind: legacy } : {}, rules);
  const shaped = yield* shapeReadingsSteps(grids, read.tables, kind);
  return { tables: read.tables.filter((t) => !shaped.replaced.includes(t)), unreadable: read.unreadable, readings: shaped.readings, beside: shaped.beside };
}

/** Reads a workbook's tables and checks them all together (a summary on one sheet against its detail on another). */
export function checkWorkbook(grids: readonly SheetGrid[], request: CheckRequest = {}, rules: TableRules = TABLE_RULES): CheckReport {
  return finish(checkWorkbookSteps(grids, request, rules));
}

/** `checkWorkbook` in units: the sheets read one at a time, the tables checked together, then each table read by its shape. */
export function* checkWorkbookSteps(grids: readonly SheetGrid[], request: CheckRequest = {}, rules: TableRules = TABLE_RULES): Steps<CheckReport> {
  const { tables: tablesKept, unreadable, readings, beside } = yield* readTablesAsSteps(grids, request.kind, rules);
  const found = request.asOf === undefined ? findReportDate(grids, tablesKept) : null;
  const serial = request.asOf ?? found?.serial ?? request.today;
  const asOf: JudgedAsOf | null =
    serial === undefined
      ? null
      : {
          serial,
          date: formatDate(serial),
          iso: isoDate(serial),
          from: request.asOf !== undefined ? "given" : found ? "report date" : "today",
          ...(request.asOf === undefined && found ? { source: reportDateSource(found) } : {}),
        };
  const findings = totalsByShape(rules.checkTables(tablesKept, asOf ? { asOf: asOf.serial } : {}), beside);
  yield;
  for (const reading of readings) {
    findings.push(...checkReading(reading));
    yield;
  }
  return reportFindings(tablesKept, findings, asOf, unreadable, readings);
}

/** The rules about a table's arithmetic. */
const ARITHMETIC = new Set<Finding["rule"]>(["total.mismatch", "crossfoot.mismatch", "variance.mismatch", "balance.mismatch", "corkscrew.balance", "corkscrew.column"]);

/**
 * The heading-word reader's total findings, put right by the same table read by its shape: a
 * total the shape shows adding up (a grand total of subtotals, a subtotal of the last rows of its
 * block, a net total with its income taken off) is not reported as not adding up, and a total the
 * shape shows not adding up is reported where nothing else was said of its sheet's arithmetic.
 */
function totalsByShape(findings: Finding[], beside: readonly Reading[]): Finding[] {
  if (beside.length === 0) return findings;
  const agreeing = new Set<string>();
  const shapeFindings: Finding[] = [];
  for (const r of beside) {
    for (const t of r.totals) if (t.agrees && t.cell) agreeing.add(`${sheetPrefix(r.sheet)}!${t.cell}`);
    shapeFindings.push(...checkReading(r).filter((f) => f.rule === "total.mismatch"));
  }
  const kept = findings.filter((f) => !(f.rule === "total.mismatch" && agreeing.has(f.location)));
  // Where the heading-word checks still found something in a sheet's arithmetic, they said it with
  // its knock-on totals ("the total agrees once this line reads …"): the shape adds nothing there.
  const arithmetic = new Set(kept.filter((f) => ARITHMETIC.has(f.rule)).map((f) => f.location.slice(0, f.location.lastIndexOf("!"))));
  return [...kept, ...shapeFindings.filter((f) => !arithmetic.has(f.location.slice(0, f.location.lastIndexOf("!"))))];
}

/**
 * The tables an import writes: the heading-word reader's, less any it misread, with the tables
 * read by their shape that the import can lay out (a reserve, a movement, a budget by block, EHCP
 * numbers, in the layout of a budget by line, their totals checked on the checks sheet). Those
 * it cannot lay out yet (no heading line, read back out of a line of text) are returned apart,
 * for the caller to say so; their lines go to the import notes like any line outside a table.
 */
export function importableTables(grids: readonly SheetGrid[], tables: readonly Table[], kind?: ShapeKind): { tables: Table[]; unlaid: Reading[] } {
  return finish(importableTablesSteps(grids, tables, kind));
}

/** `importableTables` in units: each sheet read by its shape, then each reading laid out. */
export function* importableTablesSteps(grids: readonly SheetGrid[], tables: readonly Table[], kind?: ShapeKind): Steps<{ tables: Table[]; unlaid: Reading[] }> {
  const { readings, replaced } = yield* shapeReadingsSteps(grids, tables, kind);
  const byName = new Map(grids.map((g) => [g.name, g]));
  const laid: Table[] = [];
  const unlaid: Reading[] = [];
  const kept = new Set(tables.filter((t) => !replaced.includes(t)));
  for (const r of readings) {
    const table = tableFromReading(byName.get(r.sheet)!, r);
    if (table) laid.push(table);
    else unlaid.push(r);
    yield;
  }
  // A misread table stays unless its reading by shape could be laid out in its place.
  for (const t of replaced) {
    const instead = laid.some((l) => l.sheet === t.sheet && l.headerRow <= t.lastRow && l.lastRow >= t.headerRow);
    if (!instead) kept.add(t);
  }
  return { tables: inSheetOrder(grids, [...kept, ...laid]), unlaid };
}

/** Tables in the workbook's order: by sheet as the tabs run, then down each sheet. */
function inSheetOrder(grids: readonly SheetGrid[], tables: Table[]): Table[] {
  const order = new Map(grids.map((g, i) => [g.name, i]));
  return tables.sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.headerRow - b.headerRow);
}

/**
 * The tables an import writes from a workbook or a paste, as the pane's Import and `hnb import`
 * both take them: guessed (by heading words, and by shape where those miss or misread), or all
 * read as the kind the user chose. A kind the heading words have a layout for is read by them;
 * the others (a reserve, a movement, a budget by block, EHCP numbers, other) by shape alone.
 */
export function tablesToImport(
  grids: readonly SheetGrid[],
  kind: ShapeKind | undefined,
  rules: Pick<TableRules, "readTables"> = TABLE_RULES,
): WorkbookTables & { unlaid: Reading[] } {
  return finish(tablesToImportSteps(grids, kind, rules));
}

/** `tablesToImport` in units: each sheet read by heading words, then each by its shape, then each reading laid out. */
export function* tablesToImportSteps(
  grids: readonly SheetGrid[],
  kind: ShapeKind | undefined,
  rules: Pick<TableRules, "readTables"> = TABLE_RULES,
): Steps<WorkbookTables & { unlaid: Reading[] }> {
  const legacy = kind ? legacyKind(kind) : undefined;
  const read = yield* readWorkbookTablesSteps(grids, legacy ? { kind: legacy } : {}, rules);
  if (legacy) {
    // Read as a kind whose own layout needs headings the sheet lacks (a savings list pasted without
    // its heading line): the sheet is read by its shape as that kind and laid out as lines, its
    // totals checked, rather than reported as holding no table.
    const without = grids.filter((g) => !read.tables.some((t) => t.sheet === g.name));
    if (without.length === 0) return { ...read, unlaid: [] };
    const shaped = yield* importableTablesSteps(without, [], kind);
    return { ...read, tables: inSheetOrder(grids, [...read.tables, ...shaped.tables]), unlaid: shaped.unlaid };
  }
  const shaped = yield* importableTablesSteps(grids, legacy === null ? [] : read.tables, kind);
  return { ...read, tables: shaped.tables, unlaid: shaped.unlaid };
}

/**
 * A "deficit table" of the heading-word reader that is by its shape something else (years across
 * are not enough to make a deficit: allocations by block for two years, a savings plan), where the
 * shape's reading has something to check or a layout of its own. Its plans, scorecards and budget
 * tables are not second-guessed: they have checks of their own that a shape alone cannot give.
 */
function misread(tables: readonly Table[], reading: Reading): boolean {
  const checks = reading.totals.length + reading.crossFoot.length > 0;
  return tables.every((t) => t.kind === "deficit") && reading.kind !== "deficit" && (checks || legacyKind(reading.kind) !== null);
}

/**
 * The tables read by their shape that the heading-word reader missed or misread: every such
 * table on a sheet where it found none, and in place of a table it misread (years across do not
 * make a deficit: allocations by block for two years are a budget by block, and their totals are
 * checked). The add-in's own sheets are passed over.
 */
export function shapeReadings(grids: readonly SheetGrid[], tables: readonly Table[], kind?: ShapeKind): { readings: Reading[]; replaced: Table[]; beside: Reading[] } {
  return finish(shapeReadingsSteps(grids, tables, kind));
}

/** `shapeReadings` a sheet at a time: a unit ends after each sheet read by its shape. */
export function* shapeReadingsSteps(grids: readonly SheetGrid[], tables: readonly Table[], kind?: ShapeKind): Steps<{ readings: Reading[]; replaced: Table[]; beside: Reading[] }> {
  const readings: Reading[] = [];
  const replaced: Table[] = [];
  /** Readings of the budget tables the heading-word reader kept: their sums still count. */
  const beside: Reading[] = [];
  const keySheet = findKeySheet(grids)?.sheet;
  for (const grid of grids) {
    // The add-in's own sheets, and the workbook's RAG key (a list of statuses, not a table of figures).
    if (addinOutput(grid) || grid.name === keySheet) continue;
    const own = tables.filter((t) => t.sheet === grid.name);
    // Its plans, savings plans and scorecards the heading-word reader reads for itself: a sheet of
    // nothing else is not read twice.
    if (own.length > 0 && own.every((t) => t.kind !== "deficit" && t.kind !== "budget")) continue;
    for (const r of readGridByShape(grid, kind ? { kind } : {})) {
      if (r.figureColumns.length === 0) continue;
      const overlapping = own.filter((t) => {
        const top = (t.origin?.row ?? 0) + minOf([t.headerRow, ...(t.headingRows ?? [])]) + 1;
        const bottom = (t.origin?.row ?? 0) + t.lastRow + 1;
        return top <= r.lastLine && bottom >= r.firstLine;
      });
      if (overlapping.length === 0) readings.push(r);
      else if (!kind && misread(overlapping, r)) {
        readings.push(r);
        replaced.push(...overlapping);
      } else if (overlapping.every((t) => t.kind === "budget")) beside.push(r);
    }
    yield;
  }
  return { readings, replaced, beside };
}

/** The date a check judged deadlines by, in a sentence's words: "31 March 2025, the report date at B1, beside “Report date”". */
export function asOfInWords(asOf: JudgedAsOf): string {
  if (asOf.from === "report date") return `${asOf.date}, the report date at ${asOf.source}`;
  if (asOf.from === "today") return `${asOf.date} (today: no report date was found in the workbook)`;
  return asOf.date;
}
