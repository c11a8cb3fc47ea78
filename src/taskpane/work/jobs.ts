/**
 * The pane's heavy work, as jobs that take a workbook's grids and give what a screen shows: the
 * check's findings, the paper (to show and copy, or as a Summary sheet), what Home lists, Import's
 * reading of a paste or a file with its preview and the operations that write it (import-jobs.ts),
 * the last paper read for the paper since it, and the changes Fix would make.
 * They are pure (no React, no Excel), so that they run in the pane's Web Worker, off the thread
 * the custom functions run on, or, where a worker cannot be used, on that thread in units with
 * the event loop given a turn between them (slices.ts). Each job is written once, as steps
 * (src/app/steps.ts): both ways run the same code and give the same result.
 *
 * What a job gives is what the screen needs, not the whole reading: the tables of a 20,000-row
 * plan would take longer to send back to the pane's thread than the findings about them.
 */
import { capitalise } from "../../core";
import { keyOf, renderHtml, renderText, shapeKindName, type CellChange, type FixKind, type ReportDate, type TableKind } from "../../core/table";
import { findReportDate } from "../../core/table";
import {
  checkWorkbookSteps,
  documentSheetOperations,
  fixChangesSteps,
  paperDocumentSince,
  paperOfSteps,
  readWorkbookTablesSteps,
  shapeReadingsSteps,
  unboundHnbFormulas,
  type CheckReport,
  type CheckRequest,
  type Paper,
  type Steps,
  type WorkSteps,
  type UnboundFormula,
  type Unreadable,
} from "../../app";
import { gridsOfSource, importChoice, importSource, importWrite, type ChoiceView, type ImportChoice, type ImportSource, type ImportWriteRequest, type ImportWritten, type SourceView } from "./import-jobs";
import type { SheetRead, WorkbookOperation } from "../../port";

/** The check as the Check and Home screens show it. */
export interface CheckView extends Pick<CheckReport, "asOf" | "unreadable" | "sections" | "summary" | "counts"> {
  /** Tables read, by their heading words and by their shape. */
  tableCount: number;
  /** Findings before folding. */
  findingCount: number;
}

/** What the paper since the last one needs of the last paper. */
export type EarlierPaper = Pick<Paper, "summary" | "asAt">;

/** The paper rendered both ways, for the pane to show and copy. */
export interface PaperView {
  html: string;
  text: string;
}

/** One table Home lists. */
export interface HomeTable {
  kind: TableKind;
  sheet: string;
  /** Rows that hold data. */
  rows: number;
  /** "RAG key under it; figures in £000", or "—". */
  extras: string;
  /** Whether it has a RAG key of its own. */
  ownKey: boolean;
}

/** One table Home lists that was read by its shape. */
export interface HomeReading {
  /** "Reserve", "Movement", "EHCP numbers" */
  kind: string;
  sheet: string;
  rows: number;
  about: string;
}

/** What Home shows of the workbook. */
export interface HomeView {
  /** Sheet names in tab order. */
  sheets: string[];
  tables: HomeTable[];
  readings: HomeReading[];
  /** The key the tables without one of their own are read against, in words; "" when every table has its own. */
  otherKey: string;
  reportDate: ReportDate | null;
  unbound: UnboundFormula[];
  unreadable: Unreadable[];
  skipped: { sheet: string; what: string }[];
  keyProblems: { sheet: string; problem: string }[];
}

/** Each job's input and output. Every input carries the grids; the rest is small. */
export interface JobTypes {
  check: { input: { grids: SheetRead[]; request: CheckRequest }; output: CheckView };
  /** The paper to show and copy; null when the workbook has nothing to put in it. */
  paper: { input: { grids: SheetRead[]; earlier: EarlierPaper | null }; output: PaperView | null };
  /** The Summary sheet's operations, named so as not to clash with the workbook's sheets; null when there is nothing to put in it. */
  summarySheet: { input: { grids: SheetRead[]; earlier: EarlierPaper | null }; output: { sheet: string; operations: WorkbookOperation[] } | null };
  home: { input: { grids: SheetRead[] }; output: HomeView };
  /** Import's reading of a paste or a file: the tables found in it (import-jobs.ts). */
  importSource: { input: { source: ImportSource }; output: SourceView };
  /** The table chosen in Import, read as the kind chosen, as its preview shows it. */
  importChoice: { input: ImportChoice; output: ChoiceView };
  /** The operations that write the chosen table, with its checks and notes. */
  importWrite: { input: ImportWriteRequest; output: ImportWritten };
  /** The last paper, from a file or a paste, for the paper since it; null when it has no plan, savings, budget or scorecard table. */
  earlierPaper: { input: { source: ImportSource }; output: EarlierPaper | null };
  /** Fix's changes to the workbook, before they are planned against the change log (which needs Excel). */
  fixChanges: { input: { grids: SheetRead[]; kinds: FixKind[] }; output: { unreadable: Unreadable[]; changes: CellChange[] } };
}

export type JobName = keyof JobTypes;
export type JobInput<K extends JobName> = JobTypes[K]["input"];
export type JobOutput<K extends JobName> = JobTypes[K]["output"];

/** A job as steps: a unit ends at each `yield` (a sheet read, the tables checked); one that waits (a file unpacked) yields what it waits on. */
export type Job<K extends JobName> = (input: JobInput<K>) => WorkSteps<JobOutput<K>>;

function* check({ grids, request }: JobInput<"check">): Steps<CheckView> {
  const report = yield* checkWorkbookSteps(grids, request);
  return {
    asOf: report.asOf,
    unreadable: report.unreadable,
    sections: report.sections,
    summary: report.summary,
    counts: report.counts,
    tableCount: report.tables.length + report.readings.length,
    findingCount: report.findings.length,
  };
}

/** Whether the paper has anything in it: a plan, savings, budget or scorecard table. */
function hasContent(paper: Paper): boolean {
  return paper.tables.length > 0 || paper.summary.budgets.length > 0;
}

function* paper({ grids, earlier }: JobInput<"paper">): Steps<PaperView | null> {
  const later = yield* paperOfSteps(grids);
  if (!hasContent(later)) return null;
  const doc = paperDocumentSince(later, earlier);
  yield;
  return { html: renderHtml(doc), text: renderText(doc) };
}

function* summarySheet({ grids, earlier }: JobInput<"summarySheet">): Steps<JobOutput<"summarySheet">> {
  const later = yield* paperOfSteps(grids);
  if (!hasContent(later)) return null;
  // The read has every sheet's name: no separate listing is needed to pick a free one.
  return documentSheetOperations(paperDocumentSince(later, earlier), grids.map((g) => g.name), "Summary");
}

function tableExtras(t: Parameters<typeof keyOf>[0]): string {
  const extras: string[] = [];
  if (t.key) extras.push("RAG key under it");
  if (t.legend) extras.push(`legend of ${t.legend.entries.length} leads`);
  if (t.unit) extras.push(`figures in ${t.unit}`);
  return extras.join("; ") || "—";
}

function* home({ grids }: JobInput<"home">): Steps<HomeView> {
  const { tables: read, unreadable, skipped, keyProblems } = yield* readWorkbookTablesSteps(grids);
  const shaped = yield* shapeReadingsSteps(grids, read);
  const tables = read.filter((t) => !shaped.replaced.includes(t));
  const others = tables.find((t) => !t.key);
  return {
    // One read of every sheet serves for the names too: no separate listing round trip.
    sheets: grids.map((g) => g.name),
    tables: tables.map((t) => ({ kind: t.kind, sheet: t.sheet, rows: t.rows.filter((r) => r.role === "data" || r.role === "continuation").length, extras: tableExtras(t), ownKey: Boolean(t.key) })),
    readings: shaped.readings.map((r) => ({
      kind: capitalise(shapeKindName(r.kind).replace(/^an? /, "")),
      sheet: r.sheet,
      rows: r.rows.filter((x) => x.role === "data").length,
      about: `read by its shape${r.unit === "count" ? "; counts" : r.unit === "%" ? "; percentages" : r.unit !== "mixed" ? `; figures in ${r.unit}` : ""}${r.totals.length ? `; ${r.totals.length} ${r.totals.length === 1 ? "total" : "totals"} checked` : ""}`,
    })),
    otherKey: others ? keyOf(others).source.replace(/^the usual/, "the built-in") : "",
    reportDate: findReportDate(grids, tables),
    unbound: unboundHnbFormulas(grids),
    unreadable,
    skipped,
    keyProblems,
  };
}

function* earlierPaper({ source }: JobInput<"earlierPaper">): WorkSteps<EarlierPaper | null> {
  const grids = yield* gridsOfSource(source);
  yield;
  // Read as the workbook is, so that the two compare like for like.
  const earlier = yield* paperOfSteps(grids);
  return hasContent(earlier) ? { summary: earlier.summary, asAt: earlier.asAt } : null;
}

function* fixChanges({ grids, kinds }: JobInput<"fixChanges">): Steps<JobOutput<"fixChanges">> {
  // The tables stay here: Fix shows the changes, not the tables.
  const { unreadable, changes } = yield* fixChangesSteps(grids, kinds);
  return { unreadable, changes };
}

/** Every job by name: what the worker runs and the slices run. */
export const JOBS: { [K in JobName]: Job<K> } = { check, paper, summarySheet, home, importSource, importChoice, importWrite, earlierPaper, fixChanges };
