/**
 * A pasted scorecard brought into the Scorecard template's layout (scorecard-layout), so it comes
 * alive: its targets read for each year by HNB.TARGET, its status and trend by formulas. The plan
 * import has already put every cell in line and recorded where it went; this moves the columns
 * into the template's places, reads each baseline's figure and year, and gives a target cell
 * that sets targets for several measures one row per measure. Columns the template has no place
 * for are kept after it, under their own headings.
 */
import { DEFAULT_TOLERANCE, describeYear, figureValue, guessDirection, yearEnding } from "../scorecard";
import { type Target, figureWritten, readTargets, yearsWritten } from "../targets";
import { yearLabel } from "../years";
import { capitalise } from "../grid";
import { count, quoteInFull } from "../errors";
import { location } from "./location";
import { formatIndicatorFigure, reportYear as reportYearOf } from "./scorecard";
import { type ScorecardColumn, scorecardLayout } from "./scorecard-layout";
import type { ColumnFormat, Field, ImportNote, ImportedTable, KeptCell, Table } from "./types";

/** The import's column of targets as read, which the template's columns by year replace. */
export const READ_AS_HEADER = "Read as year: value";

export interface ScorecardImportOptions {
  /** The report date (an Excel date): statuses are judged for its financial year. */
  asOf?: number;
}

/** Template slots the import fills from the paper's columns, by what the reader read them as. */
const SLOTS: [Field, ScorecardColumn][] = [
  ["ref", "ref"],
  ["perspective", "perspective"],
  ["aims", "objective"],
  ["measure", "measure"],
  ["current", "baseline"],
  ["baselineYear", "baselineYear"],
  ["target", "target"],
  ["direction", "direction"],
  ["tolerance", "tolerance"],
];

interface OutRow {
  /** The input row it came from. */
  from: number;
  values: Partial<Record<ScorecardColumn, unknown>>;
  actuals: unknown[];
  extras: unknown[];
  unit: "%" | "£" | "count" | null;
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** The targets of one measure as the strategy wrote them: each piece once, in order. */
function written(targets: Target[]): string {
  return [...new Set(targets.map((t) => t.text))].join("; ");
}

export function toScorecardLayout(table: Table, imported: ImportedTable, options: ScorecardImportOptions = {}): ImportedTable {
  const fields = imported.fields ?? [];
  const column = (f: Field) => fields.indexOf(f);
  const slotOf = new Map<number, ScorecardColumn>();
  for (const [field, slot] of SLOTS) {
    const c = column(field);
    if (c >= 0) slotOf.set(c, slot);
  }
  if (column("aims") < 0 && column("outcomes") >= 0) slotOf.set(column("outcomes"), "objective");
  const actualColumns = fields.flatMap((f, c) => (f === "actual" ? [c] : []));
  const readAs = imported.headers.indexOf(READ_AS_HEADER);
  const extraColumns = imported.headers.map((_, c) => c).filter((c) => !slotOf.has(c) && !actualColumns.includes(c) && c !== readAs);
  const targetColumn = column("target");
  const currentColumn = column("current");

  // Where each input cell came from, to say where in the paper a note is about.
  const source = new Map<string, KeptCell>();
  for (const k of imported.kept ?? []) if (k.to.area === "rows") source.set(`${k.to.row}:${k.to.column}`, k);
  const at = (row: number, c: number) => {
    const k = source.get(`${row}:${c}`);
    return k ? location(table.sheet, k.row, k.column, table.origin) : location(table.sheet, table.headerRow, c, table.origin);
  };
  const attention: ImportNote[] = [];
  const inferred: ImportNote[] = [];

  const out: OutRow[] = [];
  const firstOut = new Map<number, number>();
  imported.rows.forEach((row, r) => {
    const values: OutRow["values"] = {};
    for (const [c, slot] of slotOf) values[slot] = row[c] ?? null;
    const base: OutRow = { from: r, values, actuals: actualColumns.map((c) => row[c] ?? null), extras: extraColumns.map((c) => row[c] ?? null), unit: null };
    const baselineRaw = values.baseline;
    // The baseline's figure and year from the words around it: "Tribunals 2024-25: 14".
    if (typeof baselineRaw === "string" && baselineRaw.trim() !== "") {
      const figure = figureWritten(baselineRaw);
      const years = yearsWritten(baselineRaw);
      if (figure) {
        const value = figureValue(baselineRaw)!;
        values.baseline = value;
        base.unit = figure.unit;
        const year = years[0];
        if (year && (values.baselineYear === null || values.baselineYear === undefined)) values.baselineYear = year.kind === "pair" ? yearLabel(year.year) : describeYear(year);
        inferred.push({ location: at(r, currentColumn), kind: "inferred", keeps: true, message: `${quoteInFull(baselineRaw)} read as a baseline of ${formatIndicatorFigure(value, figure.unit)}${year ? ` for ${describeYear(year)}` : ""}: the figure is in Baseline${year ? ", its year in Baseline year" : ""}.` });
      } else {
        inferred.push({ location: at(r, currentColumn), kind: "unread", message: `${quoteInFull(baselineRaw)} states no figure: kept as written in Baseline, so no target that is a change on it can be worked out.` });
      }
    } else if (typeof baselineRaw === "number") base.unit = null;
    const targetRaw = values.target;
    const reading = readTargets(text(targetRaw));
    base.unit = reading.targets.find((t) => !t.change)?.unit ?? base.unit;
    if (!reading.severalMeasures) {
      firstOut.set(r, out.length);
      out.push(base);
      return;
    }
    // One row per measure: the row's own (the one with no measure of its own, else the first) keeps its cells.
    const groups = new Map<string, Target[]>();
    for (const t of reading.targets) groups.set(t.measure.toLowerCase(), [...(groups.get(t.measure.toLowerCase()) ?? []), t]);
    const own = groups.has("") ? "" : [...groups.keys()][0]!;
    const ownTargets = groups.get(own)!;
    base.values.target = [written(ownTargets), ...reading.unread].join("; ");
    base.values.measure ??= own === "" ? null : capitalise(ownTargets[0]!.measure);
    base.unit = ownTargets.find((t) => !t.change)?.unit ?? base.unit;
    firstOut.set(r, out.length);
    out.push(base);
    const others = [...groups.entries()].filter(([m]) => m !== own);
    for (const [, targets] of others) {
      out.push({
        from: r,
        values: { ref: values.ref, perspective: values.perspective, objective: values.objective, measure: capitalise(targets[0]!.measure), target: written(targets), direction: values.direction, tolerance: values.tolerance },
        actuals: actualColumns.map(() => null),
        extras: extraColumns.map(() => null),
        unit: targets.find((t) => !t.change)?.unit ?? null,
      });
    }
    attention.push({
      location: at(r, targetColumn),
      kind: "attention",
      message: `${quoteInFull(targetRaw)} sets targets for ${groups.size} measures, so each has its own row: ${quoteInFull(written(ownTargets))} stays on ${text(values.ref) ? `${text(values.ref)}'s` : "its"} row; ${others.map(([, t]) => `${quoteInFull(written(t))} is a new row under it, its measure read as ${quoteInFull(capitalise(t[0]!.measure))} (a guess) with no baseline, as the paper gives none`).join("; ")}.`,
    });
  });

  // Target columns for every financial year the targets name; statuses for the report date's year.
  const ending = new Set<number>();
  for (const o of out) for (const t of readTargets(text(o.values.target)).targets) ending.add(yearEnding(t.year));
  const years = [...ending].sort((a, b) => a - b).map((e) => yearLabel(e - 1));
  const first = years[0];
  const reportYear = reportYearOf(options.asOf)?.text ?? first ?? yearLabel(new Date().getUTCFullYear());
  if (options.asOf === undefined && first) {
    inferred.push({ location: location(table.sheet, table.headerRow, Math.max(targetColumn, 0), table.origin), kind: "inferred", message: `Statuses are judged against the targets for ${reportYear}, the first year the targets name (no report date was given): change the year in the “Target for ${reportYear}” heading to judge another.` });
  }
  const calendar = out.flatMap((o) => readTargets(text(o.values.target)).targets).filter((t) => t.year.kind === "calendar");
  if (calendar.length > 0) {
    const example = calendar[0]!.year;
    inferred.push({ location: location(table.sheet, table.headerRow, Math.max(targetColumn, 0), table.origin), kind: "inferred", message: `Targets set for a calendar year stand under the year ending in it: ${describeYear(example)} under ${yearLabel(yearEnding(example) - 1)}, as HNB.TARGET reads them. If the strategy means the year starting then, write the year as ${yearLabel(example.year)} in the targets.` });
  }
  const periods = actualColumns.length > 0 ? actualColumns.map((c) => imported.headers[c]!.replace(/^\s*actuals?\s*/i, "") || imported.headers[c]!) : [reportYear];
  const layout = scorecardLayout(years.length > 0 ? years : [reportYear], periods, reportYear);
  const width = layout.headers.length;
  const extraAt = (i: number) => width + i;

  // The paper's own heading stays in sight beside the template's: "Baseline (Current Perf)".
  const headers = [...layout.headers, ...extraColumns.map((c) => imported.headers[c]!)];
  for (const [c, slot] of slotOf) {
    const paper = text(imported.headers[c]);
    const mine = layout.headers[layout.index(slot)]!;
    if (paper === "" || mine.includes(paper)) continue;
    headers[layout.index(slot)] = / \(no heading in the paper\)$/.test(paper) || mine.toLowerCase() === paper.toLowerCase() ? paper : `${mine} (${paper})`;
  }
  const formats: ColumnFormat[] = [...layout.formats, ...extraColumns.map((c) => imported.formats[c] ?? "text")];
  const outFields: (Field | null)[] = [...layout.fields, ...extraColumns.map((c) => fields[c] ?? null)];
  const rows = out.map((o, i) => {
    const sheetRow = i + 2;
    const line = layout.row(sheetRow, {
      ref: o.values.ref ?? null,
      perspective: o.values.perspective ?? null,
      objective: o.values.objective ?? null,
      measure: o.values.measure ?? null,
      baseline: o.values.baseline ?? null,
      baselineYear: o.values.baselineYear ?? null,
      target: o.values.target ?? null,
      actuals: o.actuals,
      direction: o.values.direction ?? null,
      tolerance: o.values.tolerance ?? null,
    });
    // Formulas are written apart from the values (a pasted "=" is only ever text).
    for (const c of layout.formulaColumns) line[c] = null;
    return [...line, ...o.extras];
  });
  let guessed = 0;
  let lower = 0;
  out.forEach((o, i) => {
    if (o.values.direction !== null && o.values.direction !== undefined) return;
    const row = rows[i]!;
    const baseline = typeof o.values.baseline === "number" ? o.values.baseline : null;
    const direction = guessDirection(readTargets(text(o.values.target)).targets, baseline, text(o.values.objective));
    row[layout.index("direction")] = direction === "lower" ? "Lower" : "Higher";
    row[layout.index("tolerance")] ??= DEFAULT_TOLERANCE;
    guessed++;
    if (direction === "lower") lower++;
  });
  if (guessed > 0) {
    inferred.push({ location: location(table.sheet, table.headerRow, 0, table.origin), kind: "inferred", message: `The paper says not which way is better: Direction is Lower for ${count(lower, "indicator")} (a reduction, or a target below the baseline) and Higher for the rest, with a tolerance of ${Math.round(DEFAULT_TOLERANCE * 100)}%. A guess: check it.` });
  }

  // Where each source cell went, now that the columns and rows have moved.
  const columnMap = new Map<number, number>();
  for (const [c, slot] of slotOf) columnMap.set(c, layout.index(slot));
  actualColumns.forEach((c, i) => columnMap.set(c, layout.actualColumns[i]!));
  extraColumns.forEach((c, i) => columnMap.set(c, extraAt(i)));
  // Lines under the table may hold cells past every heading: they go after all the columns, never onto one.
  const beyond = new Map<number, number>();
  const outWidth = width + extraColumns.length;
  const movedTo = (c: number): number => {
    const mapped = columnMap.get(c);
    if (mapped !== undefined) return mapped;
    if (!beyond.has(c)) beyond.set(c, outWidth + beyond.size);
    return beyond.get(c)!;
  };
  const shift = attention.length;
  const kept: KeptCell[] = (imported.kept ?? []).map((k) => {
    const to = k.to;
    if (to.area === "notes") return { ...k, to: { area: "notes", note: to.note + shift } };
    if (to.area === "headers") return { ...k, to: { area: "headers", column: columnMap.get(to.column) ?? 0 } };
    if (to.area === "rows") return { ...k, to: { area: "rows", row: firstOut.get(to.row) ?? to.row, column: columnMap.get(to.column) ?? 0 } };
    return { ...k, to: { area: "footer", row: to.row, column: movedTo(to.column) } };
  });
  const footer = imported.footer.map((line) => {
    const moved: unknown[] = [];
    line.forEach((v, c) => {
      if (v === null || v === undefined) return;
      moved[movedTo(c)] = v;
    });
    return Array.from({ length: moved.length }, (_, i) => moved[i] ?? null);
  });
  inferred.push({ location: location(table.sheet, table.headerRow, 0, table.origin), kind: "inferred", message: `Laid out as the Scorecard template: the paper's columns in its places (the paper's heading in brackets where the template's differs), the columns it has no place for after them. Targets by year, the target for ${reportYear}, status and trend are HNB formulas.` });

  const figureCells = rows.map((_, i) => ({ row: i, columns: layout.figureColumns, unit: out[i]!.unit }));
  const formulas = layout.formulaColumns.map((c) => ({ column: c, formulas: rows.map((_, i) => layout.formula(c, i + 2)) }));
  // The status column holds formulas, so it offers no drop-down of statuses.
  const rest: ImportedTable = { ...imported };
  delete rest.statuses;
  return {
    ...rest,
    headers,
    formats,
    rows,
    footer,
    notes: [...attention, ...imported.notes, ...inferred],
    kept,
    fields: outFields,
    years: outFields.map(() => null),
    formulas,
    figureCells,
  };
}
