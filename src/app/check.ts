/**
 * Checking a workbook, as the pane's Check and Home and `hnb check` all report it: which date
 * deadlines are judged by and where it came from, the findings folded for reading, in severity
 * order, and the counts in one wording.
 */
import { count } from "../core";
import { checkReading, findReportDate, foldFindings, groupReference, legacyKind, readGridByShape, reportDateSource, type Finding, type FindingGroup, type Reading, type Severity, type ShapeKind, type SheetGrid, type Table } from "../core/table";
import { formatDate, ymdFromSerial } from "../core";
import { addinOutput, readWorkbookTables, type Unreadable } from "./outputs";
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
   * block, a reserve, a movement, EHCP numbers, any labelled figures): their totals, cross-foots
   * and variances are checked all the same.
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

/** Reads a workbook's tables and checks them all together (a summary on one sheet against its detail on another). */
export function checkWorkbook(grids: readonly SheetGrid[], request: CheckRequest = {}, rules: TableRules = TABLE_RULES): CheckReport {
  const legacy = request.kind ? legacyKind(request.kind) : undefined;
  const { tables, unreadable } = legacy === null ? { tables: [] as Table[], unreadable: [] as Unreadable[] } : readWorkbookTables(grids, legacy ? { kind: legacy } : {}, rules);
  const readings = shapeReadings(grids, tables, request.kind);
  const found = request.asOf === undefined ? findReportDate(grids, tables) : null;
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
  const findings = [...rules.checkTables(tables, asOf ? { asOf: asOf.serial } : {}), ...readings.flatMap(checkReading)];
  return reportFindings(tables, findings, asOf, unreadable, readings);
}

/** The tables read by shape on the sheets where no table was found by its headings (the add-in's own sheets passed over). */
export function shapeReadings(grids: readonly SheetGrid[], tables: readonly Table[], kind?: ShapeKind): Reading[] {
  const read = new Set(tables.map((t) => t.sheet));
  return grids.filter((g) => !read.has(g.name) && !addinOutput(g)).flatMap((g) => readGridByShape(g, kind ? { kind } : {}).filter((r) => r.figureColumns.length > 0));
}

/** The date a check judged deadlines by, in a sentence's words: "31 March 2025, the report date at B1, beside “Report date”". */
export function asOfInWords(asOf: JudgedAsOf): string {
  if (asOf.from === "report date") return `${asOf.date}, the report date at ${asOf.source}`;
  if (asOf.from === "today") return `${asOf.date} (today: no report date was found in the workbook)`;
  return asOf.date;
}
