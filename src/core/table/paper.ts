import { maxOf, minOf, trimEndWhile, visibleControls } from "../grid";
import { joinNames } from "../leads";
import { formatFigure, formatMoney } from "../money";
import { COLOURS, colourNamed } from "../rag";
import type { ScorecardLine, ScorecardSummary } from "./scorecard";
import type { BudgetLine, BudgetSummary, DeficitSummary, InitiativeLine, PaperSummary, SavingsSummary } from "./summary";
import { figureWords, type FigureUnit } from "./budget-words";
import { placeRowNumbers, type RowLabels } from "./paper-refs";
import { cellsBySheet } from "./plan-lines";
import { HOW_READ, NO_DATE, PAPER_SUFFIX, WHERE, oneLine, type PaperBlock, type PaperCell, type PaperDocument, type PaperTableRow } from "./paper-doc";

/**
 * The Schools Forum paper as HTML to paste into Word (inline styles, which Word keeps; status as
 * text on its colour, never colour alone; figures with negatives in brackets) and as Markdown.
 */
export interface PaperOptions {
  /** The title asked for (--title): used as it is. */
  title?: string;
  /** The workbook's own title for its tables (the plan's or table's title line), where it has one. */
  ownTitle?: string;
  /** The council, where the workbook names it. */
  council?: string;
  /** "As at 31 March 2025", shown under the title; without it the paper says in bold that no date was given. */
  asAt?: string | null;
  /** Where figures the paper gives are in the workbook ("The report date: 'Checks'!B3"), for the closing appendix. */
  where?: string[];
  /** Each sheet's line labels by 1-based row: the paper names lines by these, not by row numbers. */
  rowLabels?: RowLabels;
}

function escape(text: string): string {
  return visibleControls(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function money(unit: SavingsSummary["unit"]): (v: number) => string {
  return unit === "£" ? (v) => formatMoney(v) : formatFigure;
}

/** A budget section's figures: £ in full, or the table's own unit to its own precision (£m to two places). */
export function budgetFigure(b: BudgetSummary): (v: number) => string {
  return unitFigure(b.unit, b.decimals);
}

/**
 * How a figure in `unit` is shown: to `decimals` places where the table gives them (with £ only
 * for a table in £), else £ in full, £m to two places, and £000 and counts as figures (the heading
 * gives the unit).
 */
export function unitFigure(unit: BudgetSummary["unit"], decimals?: number): (v: number) => string {
  if (decimals !== undefined) return (v) => formatMoney(v, { symbol: unit === "£", decimals });
  if (unit === "£") return (v) => formatMoney(v);
  if (unit === "£m") return (v) => formatMoney(v, { symbol: false, decimals: 2 });
  return formatFigure;
}

const CELL = "border:1px solid #8c8c8c;padding:3pt 6pt;vertical-align:top;";
const HEAD = `${CELL}background:#e7e6e6;font-weight:bold;text-align:left;`;
const NUM = `${CELL}text-align:right;white-space:nowrap;`;

function statusCell(status: string): string {
  const c = colourNamed(status);
  const style = c ? `${CELL}background:${COLOURS[c].fill};color:${COLOURS[c].text};font-weight:bold;` : CELL;
  return `<td style="${style}">${escape(status)}</td>`;
}

/** A section heading's unit: "(£000)" or "(£m)"; nothing for £, counts or mixed units. */
export function unitNote(unit: SavingsSummary["unit"] | BudgetSummary["unit"]): string {
  return unit === "£" || unit === "count" || unit === "mixed" ? "" : ` (${unit})`;
}

/**
 * What the paper says of an initiative beside its latest comment: where its summary's status
 * differs from what its milestones roll up to. Every format says it in these words.
 */
export function statusNote(i: InitiativeLine): string {
  if (i.stated === undefined || i.stated.toLowerCase() === i.status.toLowerCase()) return "";
  return `The summary says ${i.stated}; its milestones roll up to ${i.status}.`;
}

/** The comment cell's words: the status note, then the latest comment. */
export function initiativeComment(i: InitiativeLine): string {
  return [statusNote(i), i.comment].filter((t) => t !== "").join(" ");
}

/** The last section's heading: what the paper could not read, so a reader knows what is missing. */
export const NOT_READ = "Not read";

/** The heading of the deficit's 2026 rules: the Stability Grant, the residual and the end of the override. */
export const RULES_2026_HEADING = "The deficit under the 2026 rules: the High Needs Stability Grant and the end of the statutory override";

/** The impact row's label in the deficit table: "Recovery plan impact (as “Recovery Plan Impact”)". */
export function impactLabel(d: DeficitSummary): string {
  return `Recovery plan impact (“${d.impact?.label ?? ""}”)`;
}

/** The scorecard section's heading: "Strategy scorecard (Scorecard), statuses for 2025/26". */
export function scorecardHeading(s: ScorecardSummary): string {
  return `Strategy scorecard (${s.sheet})${s.year ? `: statuses for ${s.year}` : ""}`;
}

export const SCORECARD_COLUMNS = ["Ref", "Indicator", "Latest actual", "Target", "Status", "Trend"] as const;

/** The scorecard's lines with a perspective heading before each perspective's first line. */
export function scorecardRows(s: ScorecardSummary): ({ perspective: string } | { line: ScorecardLine })[] {
  const out: ({ perspective: string } | { line: ScorecardLine })[] = [];
  let current: string | null = null;
  for (const line of s.lines) {
    if (line.perspective !== "" && line.perspective !== current) out.push({ perspective: line.perspective });
    current = line.perspective;
    out.push({ line });
  }
  return out;
}

/** "3 Green, 2 Amber, 1 Red and 2 with no status": the counts in a sentence, for every format. */
export function scorecardCountsSentence(s: ScorecardSummary): string {
  const parts = s.counts.filter((c) => c.count > 0).map((c) => (c.status === "No status" ? `${c.count} with no status` : `${c.count} ${c.status}`));
  const list = parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `${s.lines.length} indicator${s.lines.length === 1 ? "" : "s"}: ${list || "none"}.`;
}

/** A figure cell: its text as the paper shows it, its value and number format for the sheet. */
function figureCell(value: number | null, show: (v: number) => string, format: string): PaperCell {
  return value === null ? { text: "" } : { text: show(value), value, format };
}

/**
 * Excel's number format for figures shown as `unit` to `decimals` places (negatives in brackets,
 * as the paper shows them). A percentage is written as its fraction (12.5% as 0.125) under a
 * percent format.
 */
export function numberFormatFor(unit: BudgetSummary["unit"] | SavingsSummary["unit"] | FigureUnit, decimals?: number): string {
  const places = decimals ? `.${"0".repeat(decimals)}` : unit === "£m" && decimals === undefined ? ".00" : "";
  if (unit === "%") return `0${places}%;(0${places}%)`;
  const symbol = unit === "£" ? "£" : "";
  return `${symbol}#,##0${places};(${symbol}#,##0${places})`;
}

/**
 * A budget table's figure as the paper shows it: in the section's unit, or in its line's or
 * column's own where that differs (a share as 12.5%, a count of pupils as 6,596, a rate of
 * £4,294.88 among figures in £m, each money figure with its unit where the section has several).
 */
export function budgetCell(b: BudgetSummary, line: BudgetLine, column: number, value: number | null): PaperCell {
  if (value === null) return { text: "" };
  const unit = line.unit ?? b.columnUnits?.[column] ?? null;
  if (unit === null || unit === b.unit) return figureCell(value, budgetFigure(b), numberFormatFor(b.unit, b.decimals));
  const places = b.places?.[unit];
  // The fraction to 12 significant figures: 6.28% is 0.0628, not 0.06280000000000001.
  if (unit === "%") return { text: figureWords(value, "%", places ?? 2), value: Number((value / 100).toPrecision(12)), format: numberFormatFor("%", places ?? 2) };
  if (unit === "count") return { text: figureWords(value, "count", places ?? 0), value, format: numberFormatFor("count", places ?? 0) };
  // Money in a section of several units: each figure says its own.
  const decimals = places ?? (unit === "£m" ? 2 : 0);
  const digits = `#,##0${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}`;
  const suffix = unit === "£000" ? '"k"' : unit === "£m" ? '"m"' : "";
  return { text: figureWords(value, unit, decimals), value, format: `£${digits}${suffix};(£${digits}${suffix})` };
}

/** "a, b and c". */

/** What the paper is about, where the workbook gives it no title of its own: its kinds of table. */
function titleFromKinds(summary: PaperSummary): string {
  const parts: string[] = [];
  if (summary.initiatives.length > 0) parts.push(summary.savings.length > 0 ? "Recovery plan" : "Action plan");
  else if (summary.savings.length > 0) parts.push("Savings plan");
  if (summary.deficits.length > 0) parts.push("DSG deficit");
  for (const b of summary.budgets) {
    const kind = b.title.split(":")[0]!.trim();
    if (!parts.includes(kind)) parts.push(kind);
  }
  if (summary.scorecards.length > 0) parts.push("Strategy scorecard");
  if (parts.length === 0) return "High Needs";
  // "Recovery plan and High Needs budget", but "DSG deficit" keeps its capitals.
  const lower = (p: string) => (/^[A-Z][a-z]/.test(p) ? p.charAt(0).toLowerCase() + p.slice(1) : p);
  return parts.length === 1 ? parts[0]! : `${parts[0]} and ${parts.slice(1).map(lower).join(" and ")}`;
}

/** The paper's title: the one asked for, else the workbook's own (with its council), else what its tables are. */
export function paperTitle(summary: PaperSummary, options: PaperOptions = {}): string {
  if (options.title) return options.title;
  const own = options.ownTitle ? oneLine(options.ownTitle) : titleFromKinds(summary);
  const council = options.council && !own.toLowerCase().includes(options.council.toLowerCase()) ? `${options.council}: ` : "";
  return `${council}${own}${PAPER_SUFFIX}`;
}

/** The headline in a few sentences: the in-year position, the deficit, savings, actions and overdue, as the sections below give them. */
export function headline(summary: PaperSummary): string[] {
  const out: string[] = [];
  for (const b of summary.budgets) if (b.headline) out.push(b.headline);
  for (const d of summary.deficits) {
    const f = money(d.unit);
    const last = d.years.length - 1;
    if (last < 0) continue;
    const unit = unitNote(d.unit);
    const end = d.mitigated ? `${f(d.unmitigated[last]!)} without the recovery plan and ${f(d.mitigated[last]!)} with it` : f(d.unmitigated[last]!);
    out.push(`The DSG deficit${unit}: ${f(d.unmitigated[0]!)} in ${d.years[0]}; by ${d.years[last]}, ${end}. Recovery year: ${d.recoveryYear}.`);
  }
  for (const s of summary.savings) {
    const f = money(s.unit);
    const total = cleanTotal(s.calculated);
    const span = s.years.length > 1 ? `${s.years[0]} to ${s.years[s.years.length - 1]}` : (s.years[0] ?? "");
    const risk = s.riskAdjusted ? cleanTotal(s.riskAdjusted) : null;
    out.push(
      `Savings planned${unitNote(s.unit)}: ${f(total)} over ${span}${risk === null ? "" : `; weighted by RAG status ${f(risk)}, so ${f(total - risk)} is at risk`}.`,
    );
  }
  const actions = summary.statusCounts.reduce((n, c) => n + c.count, 0);
  if (actions > 0) {
    const parts = summary.statusCounts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.status}`);
    out.push(`${actions} action${actions === 1 ? "" : "s"} by status: ${joinNames(parts)}.${summary.coloursLost ? ` ${summary.coloursLost}` : ""}`);
  }
  if (summary.overdue) {
    const n = summary.overdue.length;
    out.push(n === 0 ? "No action is overdue." : `${n} action${n === 1 ? " is" : "s are"} overdue: listed under “Overdue actions”.`);
  }
  for (const p of summary.placements ?? []) {
    const t = p.total;
    const g = growthOf(t.actual, t.forecast);
    const plans = `EHCPs: ${formatFigure(t.actual)} in ${p.actualYear}${p.forecastYear && t.forecast !== null ? `, forecast ${formatFigure(t.forecast)} by ${p.forecastYear}${g === null ? "" : ` (${g >= 0 ? "up" : "down"} ${Math.abs(g * 100).toFixed(1)}%)`}` : ""}`;
    const money = t.costActual !== null ? `; the cost of placements ${formatMoney(t.costActual)}${t.costForecast !== null ? `, ${t.costForecast >= t.costActual ? "rising" : "falling"} to ${formatMoney(t.costForecast)}` : ""}` : "";
    out.push(`${plans}${money}.`);
  }
  for (const sc of summary.scorecards) out.push(`${scorecardHeading(sc)}: ${scorecardCountsSentence(sc)}`);
  return out;
}

/** The growth from one figure to another as a share of the first; null where either is missing or the first is nothing. */
function growthOf(from: number | null, to: number | null): number | null {
  return from === null || to === null || from === 0 ? null : (to - from) / Math.abs(from);
}

function cleanTotal(values: readonly number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
}

/**
 * The paper as one document (see paper-doc): title, date or the warning that there is none,
 * headline, a section per table, how the figures were read, and where they are in the workbook.
 */
export function paperDocument(summary: PaperSummary, options: PaperOptions = {}): PaperDocument {
  const blocks: PaperBlock[] = [];
  // The sheet each run of blocks is about, from the block where it starts: its notes' row numbers are that sheet's.
  const marks: { from: number; sheet: string | undefined }[] = [];
  const h2 = (text: string, sheet?: string) => {
    marks.push({ from: blocks.length, sheet });
    blocks.push({ kind: "heading", level: 2, text });
  };
  const h3 = (text: string) => blocks.push({ kind: "heading", level: 3, text });
  const para = (text: string, style?: "strong" | "small") => blocks.push(style ? { kind: "paragraph", text, style } : { kind: "paragraph", text });
  /** Notes on how a section's figures were read, said once in "How these figures were read". */
  const howRead: { section: string; notes: string[]; sheet: string }[] = [];
  const noteFor = (section: string, notes: readonly string[], sheet: string) => {
    if (notes.length > 0) howRead.push({ section, notes: [...notes], sheet });
  };

  if (options.asAt) para(options.asAt);
  else para(NO_DATE, "strong");
  const brief = headline(summary);
  if (brief.length > 0) {
    h2("In brief");
    for (const s of brief) para(s);
  }

  if (summary.initiatives.length > 0) {
    h2("Progress by initiative");
    blocks.push({
      kind: "table",
      columns: [{ heading: "Initiative" }, { heading: "Lead" }, { heading: "RAG" }, { heading: "Latest comment" }],
      rows: summary.initiatives.map((i) => ({
        cells: [
          { text: i.name },
          { text: i.lead },
          { text: i.status, status: true },
          { text: `${initiativeComment(i)}${i.unread.length > 0 ? ` (not counted in the RAG: ${i.unread.join(", ")})` : ""}` },
        ],
      })),
    });
  }
  if (summary.statusCounts.length > 0) {
    h2("Actions by status");
    blocks.push({
      kind: "table",
      columns: [{ heading: "Status" }, { heading: "Actions", numeric: true }],
      rows: summary.statusCounts.map((s) => ({ cells: [{ text: s.status, status: true }, { text: String(s.count), value: s.count, format: "0" }] })),
    });
    // Why the statuses lost their colours is said once, with the count in "In brief".
  }
  if (summary.overdue && summary.overdue.length > 0) {
    h2("Overdue actions");
    blocks.push({
      kind: "table",
      columns: [{ heading: "Action" }, { heading: "End date" }, { heading: "Status" }],
      rows: summary.overdue.map((o) => ({ cells: [{ text: o.name }, { text: o.end }, { text: o.status, status: true }] })),
    });
  }
  for (const s of summary.savings) {
    const f = money(s.unit);
    const format = numberFormatFor(s.unit);
    const section = `Savings by year${unitNote(s.unit)}`;
    h2(section, s.sheet);
    const row = (label: string, values: readonly (number | null)[], bold = false): PaperTableRow => ({ cells: [{ text: label }, ...values.map((v) => figureCell(v, f, format))], bold });
    const total = (values: readonly number[]) => cleanTotal(values);
    blocks.push({
      kind: "table",
      columns: [{ heading: "" }, ...s.years.map((y) => ({ heading: y, numeric: true })), ...(s.years.length > 1 ? [{ heading: "Total", numeric: true }] : [])],
      rows: [
        ...(s.stated.some((v) => v !== null) ? [row("Stated total", s.years.length > 1 ? [...s.stated, s.stated.every((v) => v !== null) ? total(s.stated as number[]) : null] : s.stated)] : []),
        row("Total of the initiatives", s.years.length > 1 ? [...s.calculated, total(s.calculated)] : s.calculated, true),
        ...(s.riskAdjusted ? [row("Risk-adjusted (by RAG status)", s.years.length > 1 ? [...s.riskAdjusted, total(s.riskAdjusted)] : s.riskAdjusted)] : []),
      ],
    });
    if (s.riskAdjusted) para("Risk-adjusted savings count Blue and Green in full, Amber at half, Red and Grey at nothing, as HNB.SAVINGSBYYEAR does on the checks sheet.", "small");
    if (s.riskNote) para(s.riskNote);
    noteFor(section, s.notes, s.sheet);
  }
  for (const d of summary.deficits) {
    const f = money(d.unit);
    const format = numberFormatFor(d.unit);
    const section = `High Needs DSG deficit${unitNote(d.unit)}`;
    h2(section, d.sheet);
    const row = (label: string, values: readonly number[]): PaperTableRow => ({ cells: [{ text: label }, ...values.map((v) => figureCell(v, f, format))] });
    const rows = [row("Without the recovery plan (unmitigated)", d.unmitigated), ...(d.mitigated ? [row("With the recovery plan (mitigated)", d.mitigated)] : []), ...(d.impact ? [row(impactLabel(d), d.impact.values)] : [])];
    blocks.push({ kind: "table", columns: [{ heading: "" }, ...d.years.map((y) => ({ heading: y, numeric: true }))], rows });
    blocks.push({
      kind: "chart",
      title: "High Needs DSG deficit: with and without the recovery plan",
      series: [{ row: 0, name: "Unmitigated", colour: "#c00000" }, ...(d.mitigated ? [{ row: 1, name: "Mitigated", colour: "#0070c0" }] : [])],
      categories: d.years,
      values: [d.unmitigated, ...(d.mitigated ? [d.mitigated] : [])],
      axis: (v) => f(Math.round(v)),
    });
    if (d.impact) para(d.impact.reading);
    para(`Recovery year: ${d.recoveryYear}.`);
    if (d.rules2026) {
      const r = d.rules2026;
      h3(`${RULES_2026_HEADING}${unitNote(d.unit)}`);
      blocks.push({ kind: "table", columns: [{ heading: "" }, { heading: "", numeric: true }], rows: r.lines.map((l) => ({ cells: [{ text: l.label }, figureCell(l.value, f, format)] })) });
      para(r.grantNote, "small");
      if (r.sources) para(r.sources);
    }
  }
  for (const p of summary.placements ?? []) {
    const section = "EHCPs and placements";
    h2(section, p.sheet);
    const count = (v: number | null): PaperCell => figureCell(v, formatFigure, "#,##0");
    const cost = (v: number | null): PaperCell => figureCell(v, (x) => formatMoney(x), numberFormatFor("£"));
    const growthCell = (from: number | null, to: number | null): PaperCell => {
      const g = growthOf(from, to);
      return g === null ? { text: "" } : { text: `${g >= 0 ? "+" : "−"}${Math.abs(g * 100).toFixed(1)}%`, value: g, format: "+0.0%;−0.0%" };
    };
    const costed = p.total.costActual !== null;
    blocks.push({
      kind: "table",
      columns: [
        { heading: "Placement category" },
        { heading: `EHCPs, ${p.actualYear}`, numeric: true },
        ...(p.forecastYear ? [{ heading: `EHCPs, ${p.forecastYear} (forecast)`, numeric: true }, { heading: "Growth", numeric: true }] : []),
        ...(costed ? [{ heading: `Cost, ${p.actualYear}`, numeric: true }, ...(p.forecastYear ? [{ heading: `Cost, ${p.forecastYear} (forecast)`, numeric: true }] : [])] : []),
      ],
      rows: [...p.lines.map((l) => ({ ...l, bold: false })), { category: "All placements", ...p.total, bold: true }].map((l) => ({
        cells: [
          { text: l.category },
          count(l.actual),
          ...(p.forecastYear ? [count(l.forecast), growthCell(l.actual, l.forecast)] : []),
          ...(costed ? [cost(l.costActual), ...(p.forecastYear ? [cost(l.costForecast)] : [])] : []),
        ],
        bold: l.bold,
      })),
    });
    noteFor(section, p.guesses, p.sheet);
  }
  for (const b of summary.budgets) {
    const section = `${b.title}${unitNote(b.unit)}`;
    h2(section, b.sheet);
    // The headline already gives the position: said once.
    for (const sentence of b.sentences) if (sentence !== b.headline) para(sentence);
    blocks.push({
      kind: "table",
      columns: [{ heading: "" }, ...b.columns.map((c) => ({ heading: c, numeric: true }))],
      // A section heading inside the table is a band across it; totals and subtotals are bold.
      rows: b.lines.map((l) =>
        l.section ? { cells: [{ text: l.label }, ...b.columns.map(() => ({ text: "" }))], band: true } : { cells: [{ text: l.label }, ...l.values.map((v, k) => budgetCell(b, l, k, v))], bold: l.total === true },
      ),
    });
    noteFor(section, b.notes, b.sheet);
  }
  for (const sc of summary.scorecards) {
    const section = scorecardHeading(sc);
    h2(section, sc.sheet);
    para(scorecardCountsSentence(sc));
    blocks.push({
      kind: "table",
      columns: SCORECARD_COLUMNS.map((heading) => ({ heading })),
      rows: scorecardRows(sc).map((r) =>
        "perspective" in r
          ? { cells: [{ text: r.perspective }, ...SCORECARD_COLUMNS.slice(1).map(() => ({ text: "" }))], band: true }
          : { cells: [{ text: r.line.ref }, { text: r.line.name }, { text: r.line.latest }, { text: r.line.target }, { text: r.line.status, status: true }, { text: r.line.trend }] },
      ),
    });
    blocks.push({ kind: "table", columns: [{ heading: "Status" }, { heading: "Indicators", numeric: true }], rows: sc.counts.map((c) => ({ cells: [{ text: c.status, status: true }, { text: String(c.count), value: c.count, format: "0" }] })) });
    noteFor(section, sc.notes, sc.sheet);
  }

  // How the figures were read: each note once, under the section it is about; then what was not read.
  const said = new Set<string>();
  const once = (notes: readonly string[]) => notes.filter((n) => (said.has(oneLine(n)) ? false : (said.add(oneLine(n)), true)));
  const sections = howRead.map((h) => ({ section: h.section, sheet: h.sheet, notes: once(h.notes) })).filter((h) => h.notes.length > 0);
  const notRead = once(summary.notRead);
  if (sections.length > 0 || notRead.length > 0) {
    h2(HOW_READ);
    for (const h of sections) {
      h3(h.section);
      marks.push({ from: blocks.length, sheet: h.sheet });
      blocks.push({ kind: "list", items: h.notes });
    }
    if (notRead.length > 0) {
      h3(NOT_READ);
      marks.push({ from: blocks.length, sheet: undefined });
      blocks.push({ kind: "list", items: notRead });
    }
  }
  const rowsWhere = placeRowsInBlocks(blocks, marks, options.rowLabels);
  // An initiative's name cut for the table is given here in full.
  const initiativesWhere = summary.initiatives.filter((i) => i.source !== "").map((i) => `“${i.name}”: ${i.source}${i.fullName ? `; in full, “${i.fullName}”` : ""}.`);
  const overdueCells = (summary.overdue ?? []).flatMap((o) => (o.cell ? [o.cell] : []));
  const overdueWhere = overdueCells.length > 0 ? [`The overdue actions' end dates: ${cellsBySheet(overdueCells)}.`] : [];
  const where = [...(options.where ?? []), ...initiativesWhere, ...overdueWhere, ...rowsWhere];
  if (where.length > 0) {
    h2(WHERE);
    blocks.push({ kind: "list", items: once(where) });
  }
  return { title: paperTitle(summary, options), blocks };
}

const FONT = "font-family:Arial,sans-serif;";

/** The paper as HTML to paste into Word: inline styles, which Word keeps. */
export function renderHtml(doc: PaperDocument): string {
  const parts: string[] = [`<h1 style="${FONT}font-size:16pt;">${escape(doc.title)}</h1>`];
  let previous: Extract<PaperBlock, { kind: "table" }> | null = null;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        parts.push(b.level === 2 ? `<h2 style="${FONT}font-size:13pt;">${escape(b.text)}</h2>` : `<h3 style="${FONT}font-size:11pt;">${escape(b.text)}</h3>`);
        break;
      case "paragraph":
        parts.push(
          b.style === "strong"
            ? `<p style="${FONT}"><strong>${escape(b.text)}</strong></p>`
            : `<p style="${FONT}${b.style === "small" ? "font-size:9pt;" : ""}">${escape(b.text)}</p>`,
        );
        break;
      case "list":
        parts.push(`<ul style="${FONT}">${b.items.map((t) => `<li>${escape(t)}</li>`).join("")}</ul>`);
        break;
      case "table": {
        previous = b;
        const head = b.columns.some((c) => c.heading !== "")
          ? `<tr>${b.columns.map((c) => `<th style="${HEAD}${c.numeric ? "text-align:right;" : ""}">${escape(c.heading)}</th>`).join("")}</tr>`
          : "";
        const rows = b.rows.map((r) => {
          const bold = r.bold ? "font-weight:bold;" : "";
          if (r.band) return `<tr><td colspan="${b.columns.length}" style="${CELL}font-weight:bold;background:#f2f2f2;">${escape(r.cells[0]?.text ?? "")}</td></tr>`;
          return `<tr>${r.cells.map((c, i) => (c.status ? statusCell(c.text) : `<td style="${b.columns[i]?.numeric ? NUM : CELL}${bold}">${escape(c.text)}</td>`)).join("")}</tr>`;
        });
        parts.push(`<table style="border-collapse:collapse;${FONT}font-size:10pt;margin-bottom:12pt;">${head}${rows.join("")}</table>`);
        break;
      }
      case "chart":
        if (previous) parts.push(lineChartSvg(b));
        break;
    }
  }
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head><body>\n${parts.join("\n")}\n</body></html>\n`;
}

/** The paper as Markdown: the same blocks; a chart is said in words, as its table gives its figures. */
export function renderMarkdown(doc: PaperDocument): string {
  const out: string[] = [`# ${mdEscape(doc.title)}`, ""];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        out.push(`${b.level === 2 ? "##" : "###"} ${mdEscape(b.text)}`, "");
        break;
      case "paragraph":
        out.push(b.style === "strong" ? `**${mdEscape(b.text)}**` : mdEscape(b.text), "");
        break;
      case "list":
        out.push(...b.items.map((t) => `- ${mdEscape(t)}`), "");
        break;
      case "table": {
        out.push(`| ${b.columns.map((c) => mdEscape(c.heading)).join(" | ")} |`, `|${b.columns.map((c) => (c.numeric ? "---:" : "---")).join("|")}|`);
        for (const r of b.rows) {
          const strong = (t: string) => ((r.bold || r.band) && t !== "" ? `**${t}**` : t);
          if (r.band) out.push(`| ${strong(mdEscape(r.cells[0]?.text ?? ""))} |${" |".repeat(b.columns.length - 1)}`);
          else out.push(`| ${r.cells.map((c) => strong(mdEscape(c.text))).join(" | ")} |`);
        }
        out.push("");
        break;
      }
      case "chart":
        break;
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * The paper as plain text: the clipboard's plain flavour (a plain-text paste shows words, never
 * tags), tables as tab-separated lines that Word and Excel split into cells.
 */
export function renderText(doc: PaperDocument): string {
  const out: string[] = [oneLine(doc.title), ""];
  for (const b of doc.blocks) {
    if (b.kind === "heading" || b.kind === "paragraph") out.push(oneLine(b.text), "");
    else if (b.kind === "list") out.push(...b.items.map((t) => `- ${oneLine(t)}`), "");
    else if (b.kind === "table") {
      if (b.columns.some((c) => c.heading !== "")) out.push(b.columns.map((c) => oneLine(c.heading)).join("\t"));
      for (const r of b.rows) out.push(r.cells.map((c) => oneLine(c.text)).join("\t"));
      out.push("");
    }
  }
  return `${trimEndWhile(out.join("\n"), (c) => c === "\n")}\n`;
}

/** The paper as HTML for Word: the document paperDocument builds, rendered. */
export function paperHtml(summary: PaperSummary, options: PaperOptions = {}): string {
  return renderHtml(paperDocument(summary, options));
}

/** The paper as Markdown: the same document as the HTML. */
export function paperMarkdown(summary: PaperSummary, options: PaperOptions = {}): string {
  return renderMarkdown(paperDocument(summary, options));
}


/**
 * Puts the workbook's row numbers in the paper's text as the lines' labels (paper-refs), each run
 * of blocks with its own sheet's labels (a block about no one sheet takes the only sheet there
 * is); returns where those lines are, for the appendix.
 */
function placeRowsInBlocks(blocks: PaperBlock[], marks: readonly { from: number; sheet: string | undefined }[], labels: RowLabels | undefined): string[] {
  if (!labels || labels.size === 0) return [];
  const only = labels.size === 1 ? [...labels.keys()][0] : undefined;
  const where: string[] = [];
  let m = -1;
  for (let i = 0; i < blocks.length; i++) {
    while (m + 1 < marks.length && marks[m + 1]!.from <= i) m++;
    const sheet = (m >= 0 ? marks[m]!.sheet : undefined) ?? only;
    if (sheet === undefined) continue;
    const place = (text: string) => {
      const placed = placeRowNumbers(text, sheet, labels.get(sheet));
      where.push(...placed.where);
      return placed.text;
    };
    const b = blocks[i]!;
    if (b.kind === "paragraph") blocks[i] = { ...b, text: place(b.text) };
    else if (b.kind === "list") blocks[i] = { ...b, items: b.items.map(place) };
    // A table's cells are the workbook's own words: never rewritten.
  }
  return where;
}

/** A chart block as an inline SVG line chart: it pastes into Word as a picture. */
function lineChartSvg(chart: Extract<PaperBlock, { kind: "chart" }>, width = 560, height = 260): string {
  const all = chart.values.flat();
  const max = Math.max(0, maxOf(all, 0));
  const min = Math.min(0, minOf(all, 0));
  const left = 70;
  // Room for half of the last year label, which is centred on the last point.
  const right = 40;
  const top = 30;
  const bottom = 40;
  const n = chart.categories.length;
  const x = (i: number) => left + (n === 1 ? 0 : (i * (width - left - right)) / (n - 1));
  const y = (v: number) => top + ((max - v) * (height - top - bottom)) / (max - min || 1);
  const lines = chart.series.map((s, k) => {
    const values = chart.values[k] ?? [];
    return (
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5" points="${values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}"/>` +
      values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}"/>`).join("")
    );
  });
  const axis = `<line x1="${left}" y1="${y(0).toFixed(1)}" x2="${width - right}" y2="${y(0).toFixed(1)}" stroke="#8c8c8c"/>`;
  const labels = chart.categories.map((yr, i) => `<text x="${x(i).toFixed(1)}" y="${height - 15}" font-size="11" text-anchor="middle">${escape(yr)}</text>`);
  const ticks = [max, (max + min) / 2, min].map((v) => `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${escape(chart.axis(v))}</text>`);
  const legend = chart.series.map((s, i) => `<rect x="${left + i * 130}" y="8" width="12" height="12" fill="${s.colour}"/><text x="${left + 16 + i * 130}" y="18" font-size="11">${escape(s.name)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(chart.title)}" width="${width}" height="${height}" font-family="Arial,sans-serif">${axis}${lines.join("")}${labels.join("")}${ticks.join("")}${legend.join("")}</svg>`;
}

/**
 * Text from a workbook as Markdown shows it, never as markup: a Markdown renderer passes raw HTML
 * through, so a cell holding "<script>" or "<img onerror=…>" would become a live tag, and "![](…)"
 * an image fetched from anywhere (a tracking beacon) when the paper is opened. Pipes would end a
 * table cell; line breaks a table row; control characters are written out as visible codes.
 */
function mdEscape(text: string): string {
  return visibleControls(text.replace(/\r?\n/g, " ").replace(/\\/g, "\\\\"))
    .replace(/\[/g, "\\[")
    .replace(/\]/g, "\\]")
    // An ampersand only where it would start an entity: "Speech & language" stays as written.
    .replace(/&(?=#?[A-Za-z0-9]{1,32};)/g, "&amp;")
    // Backslash-escaped, so a tag is shown as written and never made live.
    .replace(/</g, "\\<")
    .replace(/>/g, "\\>")
    .replace(/\|/g, "\\|");
}

