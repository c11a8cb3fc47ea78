import { maxOf, minOf, visibleControls } from "../grid";
import { formatFigure, formatMoney } from "../money";
import { COLOURS, colourNamed } from "../rag";
import type { ScorecardLine, ScorecardSummary } from "./scorecard";
import type { BudgetSummary, DeficitSummary, InitiativeLine, PaperSummary, SavingsSummary } from "./summary";

/**
 * The Schools Forum paper as HTML to paste into Word (inline styles, which Word keeps; status as
 * text on its colour, never colour alone; figures with negatives in brackets) and as Markdown.
 */
export interface PaperOptions {
  title?: string;
  /** "As at 31 March 2025", shown under the title. */
  asAt?: string;
}

const DEFAULT_TITLE = "High Needs recovery plan: summary for Schools Forum";

function escape(text: string): string {
  return visibleControls(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function money(unit: SavingsSummary["unit"]): (v: number) => string {
  return unit === "£" ? (v) => formatMoney(v) : formatFigure;
}

/** A budget section's figures: £ in full, or the table's own unit to its own precision (£m to two places). */
export function budgetFigure(b: BudgetSummary): (v: number) => string {
  if (b.decimals !== undefined) return (v) => formatMoney(v, { symbol: b.unit === "£", decimals: b.decimals });
  if (b.unit === "£") return (v) => formatMoney(v);
  if (b.unit === "£m") return (v) => formatMoney(v, { symbol: false, decimals: 2 });
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

function unitNote(unit: SavingsSummary["unit"] | BudgetSummary["unit"]): string {
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

export function paperHtml(summary: PaperSummary, options: PaperOptions = {}): string {
  const parts: string[] = [];
  const title = options.title ?? DEFAULT_TITLE;
  parts.push(`<h1 style="font-family:Arial,sans-serif;font-size:16pt;">${escape(title)}</h1>`);
  if (options.asAt) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(options.asAt)}</p>`);
  const table = (rows: string[]) => `<table style="border-collapse:collapse;font-family:Arial,sans-serif;font-size:10pt;margin-bottom:12pt;">${rows.join("")}</table>`;
  const h2 = (text: string) => `<h2 style="font-family:Arial,sans-serif;font-size:13pt;">${escape(text)}</h2>`;

  if (summary.initiatives.length > 0) {
    parts.push(h2("Progress by initiative"));
    parts.push(
      table([
        `<tr><th style="${HEAD}">Initiative</th><th style="${HEAD}">Lead</th><th style="${HEAD}">RAG</th><th style="${HEAD}">Latest comment</th></tr>`,
        ...summary.initiatives.map(
          (i) =>
            `<tr><td style="${CELL}">${escape(i.name)}</td><td style="${CELL}">${escape(i.lead)}</td>${statusCell(i.status)}<td style="${CELL}">${escape(initiativeComment(i))}${i.unread.length > 0 ? ` <em>(not counted in the RAG: ${escape(i.unread.join(", "))})</em>` : ""}</td></tr>`,
        ),
      ]),
    );
  }
  if (summary.statusCounts.length > 0) {
    parts.push(h2("Actions by status"));
    parts.push(
      table([
        `<tr><th style="${HEAD}">Status</th><th style="${HEAD}">Actions</th></tr>`,
        ...summary.statusCounts.map((s) => `<tr>${statusCell(s.status)}<td style="${NUM}">${s.count}</td></tr>`),
      ]),
    );
  }
  for (const s of summary.savings) {
    const f = money(s.unit);
    parts.push(h2(`Savings by year${unitNote(s.unit)}`));
    const row = (label: string, values: (number | null)[]) =>
      `<tr><td style="${CELL}">${escape(label)}</td>${values.map((v) => `<td style="${NUM}">${v === null ? "" : escape(f(v))}</td>`).join("")}</tr>`;
    parts.push(
      table([
        `<tr><th style="${HEAD}"></th>${s.years.map((y) => `<th style="${HEAD}text-align:right;">${escape(y)}</th>`).join("")}</tr>`,
        ...(s.stated.some((v) => v !== null) ? [row("Stated total", s.stated)] : []),
        row("Total of the initiatives", s.calculated),
        ...(s.riskAdjusted ? [row("Risk-adjusted (by RAG status)", s.riskAdjusted)] : []),
      ]),
    );
    for (const note of s.notes) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(note)}</p>`);
    if (s.riskAdjusted) parts.push(`<p style="font-family:Arial,sans-serif;font-size:9pt;">Risk-adjusted savings count Blue and Green in full, Amber at half, Red and Grey at nothing, as HNB.SAVINGSBYYEAR does on the checks sheet.</p>`);
    if (s.riskNote) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(s.riskNote)}</p>`);
  }
  for (const d of summary.deficits) {
    parts.push(h2(`High Needs DSG deficit${unitNote(d.unit)}`));
    const f = money(d.unit);
    const row = (label: string, values: number[]) =>
      `<tr><td style="${CELL}">${escape(label)}</td>${values.map((v) => `<td style="${NUM}">${escape(f(v))}</td>`).join("")}</tr>`;
    parts.push(
      table([
        `<tr><th style="${HEAD}"></th>${d.years.map((y) => `<th style="${HEAD}text-align:right;">${escape(y)}</th>`).join("")}</tr>`,
        row("Without the recovery plan (unmitigated)", d.unmitigated),
        ...(d.impact ? [row(impactLabel(d), d.impact.values)] : []),
        ...(d.mitigated ? [row("With the recovery plan (mitigated)", d.mitigated)] : []),
      ]),
    );
    if (d.impact) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(d.impact.reading)}</p>`);
    parts.push(`<p style="font-family:Arial,sans-serif;">Recovery year: <strong>${escape(d.recoveryYear)}</strong>.</p>`);
    parts.push(deficitChart(d));
    if (d.rules2026) {
      const r = d.rules2026;
      parts.push(`<h3 style="font-family:Arial,sans-serif;font-size:11pt;">${escape(RULES_2026_HEADING)}${escape(unitNote(d.unit))}</h3>`);
      parts.push(table(r.lines.map((l) => `<tr><td style="${CELL}">${escape(l.label)}</td><td style="${NUM}">${escape(f(l.value))}</td></tr>`)));
      parts.push(`<p style="font-family:Arial,sans-serif;font-size:9pt;">${escape(r.grantNote)}</p>`);
      if (r.sources) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(r.sources)}</p>`);
    }
  }
  for (const b of summary.budgets) {
    parts.push(h2(`${b.title}${unitNote(b.unit)}`));
    const f = budgetFigure(b);
    for (const sentence of b.sentences) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(sentence)}</p>`);
    parts.push(
      table([
        `<tr><th style="${HEAD}"></th>${b.columns.map((c) => `<th style="${HEAD}text-align:right;">${escape(c)}</th>`).join("")}</tr>`,
        ...b.lines.map((l) => `<tr><td style="${CELL}${l.total ? "font-weight:bold;" : ""}">${escape(l.label)}</td>${l.values.map((v) => `<td style="${NUM}${l.total ? "font-weight:bold;" : ""}">${v === null ? "" : escape(f(v))}</td>`).join("")}</tr>`),
      ]),
    );
    for (const note of b.notes) parts.push(`<p style="font-family:Arial,sans-serif;">${escape(note)}</p>`);
  }
  for (const sc of summary.scorecards) {
    parts.push(h2(scorecardHeading(sc)));
    parts.push(`<p style="font-family:Arial,sans-serif;">${escape(scorecardCountsSentence(sc))}</p>`);
    parts.push(
      table([
        `<tr>${SCORECARD_COLUMNS.map((c) => `<th style="${HEAD}">${c}</th>`).join("")}</tr>`,
        ...scorecardRows(sc).map((r) =>
          "perspective" in r
            ? `<tr><td colspan="${SCORECARD_COLUMNS.length}" style="${CELL}font-weight:bold;background:#f2f2f2;">${escape(r.perspective)}</td></tr>`
            : `<tr><td style="${CELL}">${escape(r.line.ref)}</td><td style="${CELL}">${escape(r.line.name)}</td><td style="${CELL}">${escape(r.line.latest)}</td><td style="${CELL}">${escape(r.line.target)}</td>${statusCell(r.line.status)}<td style="${CELL}">${escape(r.line.trend)}</td></tr>`,
        ),
      ]),
    );
    parts.push(
      table([
        `<tr><th style="${HEAD}">Status</th><th style="${HEAD}">Indicators</th></tr>`,
        ...sc.counts.map((c) => `<tr>${statusCell(c.status)}<td style="${NUM}">${c.count}</td></tr>`),
      ]),
    );
    for (const note of sc.notes) parts.push(`<p style="font-family:Arial,sans-serif;font-size:9pt;">${escape(note)}</p>`);
  }
  if (summary.notRead.length > 0) {
    parts.push(h2(NOT_READ));
    parts.push(`<ul style="font-family:Arial,sans-serif;">${summary.notRead.map((t) => `<li>${escape(t)}</li>`).join("")}</ul>`);
  }
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>\n${parts.join("\n")}\n</body></html>\n`;
}

/** A line chart of both deficit paths as inline SVG: it pastes into Word as a picture. */
export function deficitChart(d: DeficitSummary, width = 560, height = 260): string {
  const series = [
    { name: "Unmitigated", values: d.unmitigated, colour: "#c00000" },
    ...(d.mitigated ? [{ name: "Mitigated", values: d.mitigated, colour: "#0070c0" }] : []),
  ];
  const all = series.flatMap((s) => s.values);
  const max = Math.max(0, maxOf(all, 0));
  const min = Math.min(0, minOf(all, 0));
  const left = 70;
  // Room for half of the last year label, which is centred on the last point.
  const right = 40;
  const top = 30;
  const bottom = 40;
  const x = (i: number) => left + (d.years.length === 1 ? 0 : (i * (width - left - right)) / (d.years.length - 1));
  const y = (v: number) => top + ((max - v) * (height - top - bottom)) / (max - min || 1);
  const f = money(d.unit);
  const lines = series.map(
    (s) =>
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}"/>` +
      s.values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}"/>`).join(""),
  );
  const axis = `<line x1="${left}" y1="${y(0).toFixed(1)}" x2="${width - right}" y2="${y(0).toFixed(1)}" stroke="#8c8c8c"/>`;
  const labels = d.years.map((yr, i) => `<text x="${x(i).toFixed(1)}" y="${height - 15}" font-size="11" text-anchor="middle">${escape(yr)}</text>`);
  const ticks = [max, (max + min) / 2, min].map((v) => `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${escape(f(Math.round(v)))}</text>`);
  const legend = series.map((s, i) => `<rect x="${left + i * 130}" y="8" width="12" height="12" fill="${s.colour}"/><text x="${left + 16 + i * 130}" y="18" font-size="11">${s.name}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="High Needs DSG deficit by year, with and without the recovery plan" width="${width}" height="${height}" font-family="Arial,sans-serif">${axis}${lines.join("")}${labels.join("")}${ticks.join("")}${legend.join("")}</svg>`;
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
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|");
}

export function paperMarkdown(summary: PaperSummary, options: PaperOptions = {}): string {
  const out: string[] = [`# ${mdEscape(options.title ?? DEFAULT_TITLE)}`, ""];
  if (options.asAt) out.push(mdEscape(options.asAt), "");
  if (summary.initiatives.length > 0) {
    out.push("## Progress by initiative", "", "| Initiative | Lead | RAG | Latest comment |", "|---|---|---|---|");
    for (const i of summary.initiatives) out.push(`| ${mdEscape(i.name)} | ${mdEscape(i.lead)} | ${mdEscape(i.status)} | ${mdEscape(initiativeComment(i))} |`);
    out.push("");
  }
  if (summary.statusCounts.length > 0) {
    out.push("## Actions by status", "", "| Status | Actions |", "|---|---:|");
    for (const s of summary.statusCounts) out.push(`| ${mdEscape(s.status)} | ${s.count} |`);
    out.push("");
  }
  for (const s of summary.savings) {
    const f = money(s.unit);
    out.push(`## Savings by year${unitNote(s.unit)}`, "", `| | ${s.years.map(mdEscape).join(" | ")} |`, `|---|${s.years.map(() => "---:").join("|")}|`);
    if (s.stated.some((v) => v !== null)) out.push(`| Stated total | ${s.stated.map((v) => (v === null ? "" : f(v))).join(" | ")} |`);
    out.push(`| Total of the initiatives | ${s.calculated.map(f).join(" | ")} |`);
    if (s.riskAdjusted) out.push(`| Risk-adjusted (by RAG status) | ${s.riskAdjusted.map(f).join(" | ")} |`);
    out.push("");
    for (const note of s.notes) out.push(mdEscape(note), "");
    if (s.riskNote) out.push(mdEscape(s.riskNote), "");
  }
  for (const d of summary.deficits) {
    const f = money(d.unit);
    out.push(`## High Needs DSG deficit${unitNote(d.unit)}`, "", `| | ${d.years.map(mdEscape).join(" | ")} |`, `|---|${d.years.map(() => "---:").join("|")}|`);
    out.push(`| Without the recovery plan (unmitigated) | ${d.unmitigated.map(f).join(" | ")} |`);
    if (d.impact) out.push(`| ${mdEscape(impactLabel(d))} | ${d.impact.values.map(f).join(" | ")} |`);
    if (d.mitigated) out.push(`| With the recovery plan (mitigated) | ${d.mitigated.map(f).join(" | ")} |`);
    out.push("");
    if (d.impact) out.push(mdEscape(d.impact.reading), "");
    out.push(`Recovery year: **${mdEscape(d.recoveryYear)}**.`, "");
    if (d.rules2026) {
      const r = d.rules2026;
      out.push(`### ${mdEscape(RULES_2026_HEADING)}${mdEscape(unitNote(d.unit))}`, "", "| | |", "|---|---:|", ...r.lines.map((l) => `| ${mdEscape(l.label)} | ${f(l.value)} |`), "", mdEscape(r.grantNote), "");
      if (r.sources) out.push(mdEscape(r.sources), "");
    }
  }
  for (const b of summary.budgets) {
    const f = budgetFigure(b);
    out.push(`## ${b.title}${unitNote(b.unit)}`, "");
    for (const sentence of b.sentences) out.push(mdEscape(sentence), "");
    out.push(`| | ${b.columns.map(mdEscape).join(" | ")} |`, `|---|${b.columns.map(() => "---:").join("|")}|`);
    for (const l of b.lines) {
      const strong = (t: string) => (l.total && t !== "" ? `**${t}**` : t);
      out.push(`| ${strong(mdEscape(l.label))} | ${l.values.map((v) => strong(v === null ? "" : f(v))).join(" | ")} |`);
    }
    out.push("");
    for (const note of b.notes) out.push(mdEscape(note), "");
  }
  for (const sc of summary.scorecards) {
    out.push(`## ${mdEscape(scorecardHeading(sc))}`, "", mdEscape(scorecardCountsSentence(sc)), "");
    out.push(`| ${SCORECARD_COLUMNS.join(" | ")} |`, `|${SCORECARD_COLUMNS.map(() => "---").join("|")}|`);
    for (const r of scorecardRows(sc)) {
      if ("perspective" in r) out.push(`| **${mdEscape(r.perspective)}** |${" |".repeat(SCORECARD_COLUMNS.length - 1)}`);
      else out.push(`| ${[r.line.ref, r.line.name, r.line.latest, r.line.target, r.line.status, r.line.trend].map(mdEscape).join(" | ")} |`);
    }
    out.push("", "| Status | Indicators |", "|---|---:|", ...sc.counts.map((c) => `| ${mdEscape(c.status)} | ${c.count} |`), "");
    for (const note of sc.notes) out.push(mdEscape(note), "");
  }
  if (summary.notRead.length > 0) {
    out.push(`## ${NOT_READ}`, "", ...summary.notRead.map((t) => `- ${mdEscape(t)}`), "");
  }
  return `${out.join("\n")}\n`;
}
