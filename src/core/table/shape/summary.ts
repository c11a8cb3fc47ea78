import { formatMoney } from "../../money";
import type { BudgetSummary } from "../summary";
import { isWordsColumn } from "./meaning";
import type { Reading } from "./types";

/** The table's own title: the last short line of words above it ("Table 1 - Summary of spend & variances 2015-16"). */
function ownTitle(reading: Reading): string | undefined {
  const above = reading.rows.filter((r) => r.line < reading.firstLine && (r.role === "note" || r.role === "section") && r.label.length <= 100 && !/^table\s+\d+$/i.test(r.label.trim()));
  return above[above.length - 1]?.label.trim() || undefined;
}

/** A paper says once that a copy dropped blank cells, naming the lines, not once a line. */
function folded(notes: readonly string[]): string[] {
  const dropped = notes.filter((n) => /^Line \d+: the copy dropped blank cells/.test(n)).map((n) => /^Line (\d+)/.exec(n)![1]!);
  const rest = notes.filter((n) => !/^Line \d+: the copy dropped blank cells/.test(n));
  if (dropped.length === 0) return rest;
  const lines = dropped.length === 1 ? `Line ${dropped[0]}` : `Lines ${dropped.slice(0, -1).join(", ")} and ${dropped[dropped.length - 1]}`;
  return [...rest, `${lines}: the copy dropped blank cells, so each row's figures were placed under the headings its shape gives (a guess: check them against the paper).`];
}


/**
 * A table read by its shape, for the paper: its figures as the paper states them (each to its own
 * decimals), its totals, subtotals and sections, what its arithmetic found in a sentence, and how
 * it was read. The paper's budget section lays it out, in HTML, Markdown and the Summary sheet.
 */
export function summariseReading(reading: Reading, heading: string, title = ownTitle(reading)): BudgetSummary | null {
  const columns = reading.figureColumns.filter((c) => !isWordsColumn(c.meaning));
  if (columns.length === 0) return null;
  const left = (c: number) => c - 1;
  let decimals = 0;
  const lines: BudgetSummary["lines"] = [];
  for (const [n, r] of reading.rows.entries()) {
    if (r.role !== "data" && r.role !== "subtotal" && r.role !== "total") continue;
    const cells = reading.cells.get(n);
    if (!cells) continue;
    const values = columns.map((c) => {
      const f = cells[left(c.col)]?.figure;
      if (!f) return null;
      if (f.decimals > decimals) decimals = f.decimals;
      return f.value;
    });
    if (values.every((v) => v === null)) continue;
    lines.push({ label: r.label, values, ...(r.role !== "data" ? { total: true } : {}) });
  }
  if (lines.length === 0) return null;
  const wrong = reading.totals.filter((t) => !t.agrees);
  const figure = (v: number) => formatMoney(v, { symbol: false, decimals: Math.min(6, decimals) });
  const sentences: string[] = [];
  if (reading.totals.length > 0) {
    sentences.push(
      wrong.length === 0
        ? `Every total in the table adds up (${reading.totals.length} checked).`
        : `${wrong.length} of the table's ${reading.totals.length} totals do not add up: ${wrong
            .slice(0, 3)
            .map((t) => `“${t.label ?? ""}” says ${figure(t.stated)} where its lines come to ${figure(t.computed)}`)
            .join("; ")}${wrong.length > 3 ? `; and ${wrong.length - 3} more` : ""}. Check them before the paper goes out.`,
    );
  }
  const badAcross = reading.crossFoot.filter((x) => !x.agrees);
  if (badAcross.length > 0) {
    sentences.push(
      `${badAcross
        .slice(0, 3)
        .map((x) => `“${x.label ?? ""}” says ${figure(x.stated)} in its total column, but its figures across come to ${figure(x.computed)}`)
        .join("; ")}${badAcross.length > 3 ? `; and ${badAcross.length - 3} more rows` : ""}.`,
    );
  }
  const badMoves = reading.kindChecks.filter((k) => !k.agrees);
  if (badMoves.length > 0) sentences.push(`${badMoves.map((k) => `“${k.label ?? ""}”`).join(", ")}: the movement is not ${badMoves[0]!.how}.`);
  const unit = reading.unit === "£" || reading.unit === "£000" || reading.unit === "£m" ? reading.unit : reading.unit === "count" ? "count" : "mixed";
  return {
    sheet: reading.sheet,
    title: `${heading}${title ? `: ${title}` : ""}`,
    unit,
    columns: columns.map((c) => c.heading || "(no heading)"),
    lines,
    sentences,
    notes: [`Read by its shape as ${reading.why.length ? reading.why.join("; ") : heading.toLowerCase()}.`, ...folded(reading.notes)],
    decimals,
  };
}
