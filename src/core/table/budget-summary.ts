import { conventionOf, decimalsOf, variance } from "../budget";
import { readFigure } from "../figures";
import { cleanSum, maxOf } from "../grid";
import { readAmount } from "../money";
import { MEASURE_FIELDS, budgetLineLabel, budgetSums } from "./budget";
import { balanceSignWords, balanceWords, deficitSign, figureWords, isShareHeading, listWords, overspendWords, varianceWords, type FigureUnit } from "./budget-words";
import { checkTables } from "./checks";
import { placedCells } from "./rows";
import type { BudgetLine, BudgetSummary } from "./summary";
import type { Reading } from "./shape/types";
import type { ColumnMapping, Table, TableRow } from "./types";

/**
 * A budget table the heading-word reader found (lines by section 251 code with budget, forecast
 * and variance; DSG blocks across; scenarios across), as the paper shows it: every line, section,
 * subtotal and total as the table has them, so each column adds to the total it states; a share
 * as a percentage; and in words what the columns mean, the position, and the closing balances.
 */

/** The lines with the largest variances a budget section names. */
const LARGEST = 3;

const HIGH_NEEDS = /\bhigh\s+needs\b/i;
const BLOCK = /\bblock\b/i;
const VARIANCE_WORDS = /\bvariance\b|\bover\s?spend|\bunder\s?spend|\bover\s?\/\s?\(?under\b/i;

/** A figure column as the paper shows it: its heading, its value on a line, its unit where not the table's. */
interface Shown {
  header: string;
  value: (row: TableRow) => number | null;
  unit: FigureUnit | null;
}

/** "the budget", "the forecast outturn": what a heading-word column holds, or null where its field says nothing more than its heading. */
function fieldWords(c: ColumnMapping): string | null {
  switch (c.field) {
    case "budget":
      return "the budget";
    case "outturn":
      return /forecast|projected|projection/i.test(c.header) ? "the forecast outturn" : "the outturn";
    case "previous":
      return "last year's figure";
    case "total":
      return "the total across the row";
    case "variancePercent":
      return "the variance as a percentage";
    default:
      return null;
  }
}

/**
 * The table with the subtotals its shape shows where the heading words read them as lines
 * (the s251 data's "1.2.3 Net total" under its phases), where that makes its totals add up
 * better: a total over subtotals is then checked, and shown, over them.
 */
function withShapeSubtotals(table: Table, shapes: readonly Reading[]): Table {
  const origin = table.origin?.row ?? 0;
  const top = origin + table.headerRow + 1;
  const bottom = origin + table.lastRow + 1;
  const shape = shapes.find((r) => r.sheet === table.sheet && r.firstLine <= bottom && r.lastLine >= top);
  if (!shape) return table;
  const onLine = new Map<number, number>();
  for (const r of shape.rows) onLine.set(r.line, (onLine.get(r.line) ?? 0) + 1);
  const subtotal = new Set(shape.rows.filter((r) => r.role === "subtotal" && onLine.get(r.line) === 1).map((r) => r.line));
  let changed = false;
  const rows = table.rows.map((r) => {
    if (r.role !== "data" || !subtotal.has(origin + r.index + 1)) return r;
    changed = true;
    return { ...r, role: "subtotal" as const };
  });
  if (!changed) return table;
  const reread = { ...table, rows };
  const before = gaps(table);
  const after = gaps(reread);
  // Fewer totals out and by less, or out by far less (DfE's s251 lines, whose place funding total leaves two phases out).
  const better = after.size < before.size && (after.count <= before.count || after.size * 10 < before.size);
  return before.count > 0 && better ? reread : table;
}

/** How far a table's subtotals and totals are from the lines they add: how many miss, and by how much in all. */
function gaps(table: Table): { count: number; size: number } {
  const columns = table.columns.filter((c) => MEASURE_FIELDS.has(c.field) && c.field !== "variancePercent" && !isShareHeading(c.header));
  const at = (row: TableRow, c: ColumnMapping) => {
    const a = readAmount(placedCells(row)[c.index]);
    return a === null || Number.isNaN(a) ? null : a;
  };
  let count = 0;
  let size = 0;
  for (const sum of budgetSums(table.rows)) {
    if (sum.kind !== "subtotal" && sum.kind !== "total") continue;
    for (const c of columns) {
      const stated = at(sum.row, c);
      if (stated === null) continue;
      const gap = Math.abs(cleanSum(stated - sum.parts.reduce((a, r) => a + (at(r, c) ?? 0), 0)));
      if (gap > 0.5) count++;
      size += gap;
    }
  }
  return { count, size };
}

export function budgetOf(given: Table, shapes: readonly Reading[] = []): BudgetSummary | null {
  const table = withShapeSubtotals(given, shapes);
  const unit = table.unit ?? "£";
  const inTable = table.rows.filter((r) => r.role === "data" || r.role === "subtotal" || r.role === "total" || r.role === "section");
  // A section heading is a band over the lines under it: one with none under it is left out.
  const rows = inTable.filter((r, i) => r.role !== "section" || (inTable[i + 1] !== undefined && inTable[i + 1]!.role !== "section"));
  const lines = rows.filter((r) => r.role !== "section");
  if (lines.length === 0) return null;
  const cellOf = (row: TableRow, col: ColumnMapping) => placedCells(row)[col.index];
  const figure = (row: TableRow, col: ColumnMapping | undefined): number | null => {
    if (!col) return null;
    const a = readAmount(cellOf(row, col));
    return a === null || Number.isNaN(a) ? null : a;
  };
  const label = (row: TableRow) => budgetLineLabel(table, row);
  const notes = checkTables([table]).filter((f) => f.severity !== "info").map((f) => f.message);
  const measures = table.columns.filter((c) => MEASURE_FIELDS.has(c.field)).sort((a, b) => a.index - b.index);
  const percents = new Set(measures.filter((c) => c.field === "variancePercent" || isShareHeading(c.header)));
  // A share Excel holds is a fraction (0.125 shows as 12.5%); a share typed is as written ("12.5%", "12.5").
  const fractions = new Set(
    [...percents].filter((c) => {
      const held = lines.map((r) => cellOf(r, c)).filter((v): v is number => typeof v === "number");
      return held.length > 0 && held.every((v) => Math.abs(v) <= 1);
    }),
  );
  const share = (row: TableRow, col: ColumnMapping): number | null => {
    const raw = cellOf(row, col);
    if (typeof raw === "number") return Number.isFinite(raw) ? (fractions.has(col) ? cleanSum(raw * 100) : raw) : null;
    const f = typeof raw === "string" ? readFigure(raw) : null;
    return f ? f.value : null;
  };
  const asShown = (c: ColumnMapping): Shown => (percents.has(c) ? { header: c.header, value: (r) => share(r, c), unit: "%" } : { header: c.header, value: (r) => figure(r, c), unit: null });
  const sums = budgetSums(table.rows);
  const bold = new Set<TableRow>([...lines.filter((r) => r.role !== "data"), ...sums.filter((s) => s.kind === "net" || s.kind === "closing").map((s) => s.row)]);
  const say = (v: number) => figureWords(v, unit);
  const blocksDown = lines.filter((r) => r.role === "data" && BLOCK.test(label(r))).length >= 2;

  const build = (title: string, shown: Shown[], sentences: string[], headline?: string): BudgetSummary => {
    const out: BudgetLine[] = rows.map((r) =>
      r.role === "section" ? { label: label(r), values: shown.map(() => null), section: true } : { label: label(r), values: shown.map((c) => c.value(r)), ...(bold.has(r) ? { total: true } : {}) },
    );
    const columnUnits = shown.map((c) => c.unit);
    const shares = out.flatMap((l) => l.values.filter((v, k): v is number => v !== null && columnUnits[k] === "%"));
    return {
      sheet: table.sheet,
      title,
      unit,
      columns: shown.map((c) => c.header),
      ...(columnUnits.some((u) => u !== null) ? { columnUnits, places: { "%": Math.min(2, maxOf(shares.map(decimalsOf), 0)) } } : {}),
      lines: out,
      sentences,
      ...(headline ? { headline } : {}),
      notes,
    };
  };
  const sharesSaid = (shown: readonly Shown[]) => {
    const named = shown.filter((c) => c.unit === "%").map((c) => `“${c.header}”`);
    return named.length === 0 ? [] : [`${listWords(named)} ${named.length === 1 ? "is a percentage" : "are percentages"}, shown as such.`];
  };

  const budget = table.columns.find((c) => c.field === "budget" && !percents.has(c));
  const outturn = table.columns.find((c) => c.field === "outturn" && !percents.has(c));
  if (budget && outturn) {
    const stated = table.columns.find((c) => c.field === "variance" && !percents.has(c));
    const triples = lines.flatMap((r) => {
      const b = figure(r, budget);
      const o = figure(r, outturn);
      const v = figure(r, stated);
      return b !== null && o !== null && v !== null ? [{ budget: b, outturn: o, variance: v }] : [];
    });
    const { convention } = conventionOf(triples);
    const varianceOf = (r: TableRow) => {
      const b = figure(r, budget);
      const o = figure(r, outturn);
      return b === null || o === null ? null : variance(b, o, convention);
    };
    // An overspend, whichever way round the table takes its variance.
    const overspend = (r: TableRow) => {
      const b = figure(r, budget);
      const o = figure(r, outturn);
      return b === null || o === null ? null : cleanSum(o - b);
    };
    const varianceHeading = stated?.header ?? "Variance";
    // Every column in the table's order; the variance worked out from budget and outturn (the
    // checks say where the table's own differs), so the column adds as the other two do.
    const shown: Shown[] = measures.map((c) => (c === stated ? { header: c.header, value: varianceOf, unit: null } : asShown(c)));
    if (!stated) shown.push({ header: varianceHeading, value: varianceOf, unit: null });
    const data = lines.filter((r) => r.role === "data" && !sums.some((s) => s.row === r));
    const largest = data
      .filter((r) => (varianceOf(r) ?? 0) !== 0)
      .sort((a, b) => Math.abs(varianceOf(b)!) - Math.abs(varianceOf(a)!))
      .slice(0, LARGEST);
    const sentences: string[] = [];
    let headline: string | undefined;
    const net = sums.find((s) => s.kind === "net")?.row;
    const total = [...lines].reverse().find((r) => r.role === "total");
    const position = net ?? total;
    if (position) {
      const planned = figure(position, budget);
      const forecast = figure(position, outturn);
      const over = overspend(position);
      if (net && planned !== null && forecast !== null) {
        sentences.push(`The in-year position (“${label(net)}”): ${overspendWords(forecast, unit)} forecast, against ${overspendWords(planned, unit)} in the budget.`);
      } else if (over !== null && forecast !== null && planned !== null) {
        sentences.push(`“${label(position)}”: ${say(forecast)} forecast against a budget of ${say(planned)}, ${overspendWords(over, unit)}.`);
      }
      headline = sentences[0];
    }
    // A table of DSG blocks: the High Needs Block's own line, where the position is of them all.
    const highNeeds = blocksDown ? data.find((r) => HIGH_NEEDS.test(label(r))) : undefined;
    if (highNeeds && highNeeds !== position) {
      const b = figure(highNeeds, budget);
      const o = figure(highNeeds, outturn);
      if (b !== null && o !== null) sentences.push(`“${label(highNeeds)}”: ${say(o)} forecast against a budget of ${say(b)}, ${overspendWords(cleanSum(o - b), unit)}.`);
    }
    if (largest.length > 0) {
      const driver = total ? overspend(total) : null;
      const parts = largest.map((r) => {
        const o = overspend(r)!;
        const part = driver && driver > 0 && o > 0 ? ` (${Math.round((o / driver) * 100)}% of the overspend)` : "";
        return `“${label(r)}” ${o >= 0 ? "over" : "under"} by ${say(Math.abs(o))}${part}`;
      });
      sentences.push(`The largest variances: ${listWords(parts)}.`);
    }
    if (position) {
      const moves = net ? figure(net, outturn) : overspend(position);
      const deficit = blocksDown ? "the DSG deficit" : "the High Needs deficit";
      if (moves !== null && moves !== 0) {
        sentences.push(
          moves > 0
            ? `Spending over the grant adds to ${deficit}: this forecast adds ${say(moves)} to the DSG deficit carried forward at the year end, unless it is met from elsewhere.`
            : `Spending under the grant reduces ${deficit}: this forecast takes ${say(-moves)} off the DSG deficit carried forward at the year end.`,
        );
      }
    }
    sentences.push(...columnsSaid(measures.filter((c) => c !== stated && !percents.has(c))), ...sharesSaid(shown));
    sentences.push(`${varianceWords(varianceHeading, outturn.header, budget.header, convention)}, as the table takes it; each line's variance is worked out from the two.`);
    const title = blocksDown ? "DSG by block: forecast against budget" : "High Needs budget: forecast against budget";
    return build(title, shown, sentences, headline);
  }

  const blocks = measures.filter((c) => c.field === "block" && !percents.has(c));
  if (blocks.length >= 2) {
    const total = measures.find((c) => c.field === "total" && !percents.has(c));
    const shown = measures.map(asShown);
    const sentences: string[] = [];
    const totals = lines.filter((r) => r.role === "total");
    const last = totals[totals.length - 1] ?? lines[lines.length - 1]!;
    const byBlock = blocks.map((b) => ({ name: b.header, v: figure(last, b) })).filter((x): x is { name: string; v: number } => x.v !== null);
    const stated = total ? figure(last, total) : null;
    const grand = stated ?? cleanSum(byBlock.reduce((a, b) => a + b.v, 0));
    const biggest = [...byBlock].sort((a, b) => Math.abs(b.v) - Math.abs(a.v))[0];
    // Over- and underspends where the table's words say its figures are variances.
    const variances = VARIANCE_WORDS.test(label(last)) || measures.some((c) => VARIANCE_WORDS.test(c.header));
    const amount = (v: number) => (variances ? overspendWords(v, unit) : say(v));
    let headline: string | undefined;
    if (biggest) {
      headline = `Across the blocks, “${label(last)}” comes to ${amount(grand)}${total && stated !== null ? ` (“${total.header}”)` : ""}; the largest is the ${biggest.name} at ${amount(biggest.v)}.`;
      sentences.push(headline);
    }
    sentences.push(`The columns are the DSG blocks (${listWords(blocks.map((b) => `“${b.header}”`))})${total ? `, with “${total.header}” the total across them` : ""}.`, ...sharesSaid(shown));
    return build("DSG by block", shown, sentences, headline);
  }

  const scenarios = measures.filter((c) => c.field === "scenario" && !percents.has(c));
  if (scenarios.length >= 1) {
    const shown = measures.map(asShown);
    const closing = sums.filter((s) => s.kind === "closing").map((s) => s.row);
    const sign = deficitSign(lines.map((r) => ({ label: label(r), values: scenarios.map((c) => figure(r, c)) })));
    const at = (row: TableRow) => {
      const values = scenarios.map((c) => figure(row, c));
      if (values.every((v) => v !== null && v === values[0])) return `“${label(row)}”: ${balanceWords(values[0]!, sign, unit)} in ${scenarios.length === 1 ? "the" : "every"} scenario.`;
      return `“${label(row)}”: ${listWords(scenarios.map((c, k) => `“${c.header}” ${values[k] === null ? "not given" : balanceWords(values[k]!, sign, unit)}`))}.`;
    };
    const sentences = closing.map(at);
    // The last closing balance is the headline: what each scenario leaves.
    const headline = sentences[sentences.length - 1];
    sentences.push(`Each column is a scenario's forecast; the closing balances (in bold) are the opening balance and each year's movement added in. ${balanceSignWords(sign)}`);
    return build("DSG reserve: scenarios", shown, sentences, headline);
  }
  return null;
}

/** "“Budget” is the budget and “Forecast Outturn” the forecast outturn.": the columns whose field says what they hold. */
function columnsSaid(columns: readonly ColumnMapping[]): string[] {
  const parts = columns.flatMap((c) => {
    const w = fieldWords(c);
    return w ? [{ heading: c.header, words: w }] : [];
  });
  if (parts.length === 0) return [];
  const [first, ...rest] = parts;
  return [`“${first!.heading}” is ${first!.words}${rest.length > 0 ? `${rest.length > 1 ? ", " : " and "}${listWords(rest.map((p) => `“${p.heading}” ${p.words}`))}` : ""}.`];
}
