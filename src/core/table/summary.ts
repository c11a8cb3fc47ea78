import type { EhcpPlacements } from "./ehcp-section";
import { keyOf } from "./key-sheet";
import { deficitRules } from "./deficit-rules";
import { OVERRIDE_END, STABILITY_GRANT_CUT_OFF, stabilityGrant } from "../stability";
import { formatDate } from "../years";
import { type ScorecardSummary, scorecardSummary } from "./scorecard";
import { isItemRow, placedCells } from "./rows";
import { deficitPath, recoveryYear } from "../corkscrew";
import { cleanSum } from "../grid";
import { joinNames } from "../leads";
import { formatFigure, readAmount } from "../money";
import { COLOUR_ORDER, colourOfFill, normaliseStatus, rollUp, statusIndex } from "../rag";
import { savingsByYear } from "../savings";
import { HnbError } from "../errors";
import { corkscrewOf, yearName } from "./deficit";
import type { ColumnMapping, Table, TableRow } from "./types";
import { summaryDetailPairs } from "./plans";
import { coloursLostOf, initiativeName, latestComment, leadLine, overdueActions, shortNames } from "./plan-lines";
import { checkTables } from "./checks";
import type { FigureUnit } from "./budget-words";
import { budgetOf } from "./budget-summary";
import type { Reading } from "./shape/types";

/**
 * The Schools Forum paper's content, from a workbook's tables: one line per initiative (lead
 * with initials expanded, roll-up RAG, latest comment), counts by status, savings by year (stated,
 * calculated and risk-adjusted) and the deficit with and without the recovery plan. Renderers
 * (HTML for Word, Markdown, a Summary sheet) take it from here; no figure is worked out twice.
 */
export interface InitiativeLine {
  name: string;
  /** "Savings plan" or "Action plan", and where. */
  source: string;
  lead: string;
  status: string;
  /** Statuses outside the key that the roll-up could not count. */
  unread: string[];
  comment: string;
  rows: number;
  /** Where the line joins a summary row to its detail: the summary's own status, beside the detail's roll-up in `status`. */
  stated?: string;
  /** The name in full, where `name` is cut (its first sentence, its heading, or at a word with "…"): said in the closing appendix. */
  fullName?: string;
  /** Why the line's leads are all left as initials, where they are: "“HC” is not in the lead legend". */
  leadsAsInitials?: string[];
}

export interface SavingsSummary {
  sheet: string;
  years: string[];
  stated: (number | null)[];
  calculated: number[];
  /**
   * The risk-adjusted savings by year, as HNB.SAVINGSBYYEAR gives them on the checks sheet; null
   * where the table has no status column, or where a row's status leaves them not worked out.
   */
  riskAdjusted: number[] | null;
  /** Why the risk-adjusted savings are not worked out (a status outside the key, at its sheet row), where they are not. */
  riskNote: string | null;
  unit: "£" | "£000" | "£m";
  /** How the figures were read where the paper's layout was not what it said: rows put back in line, totals that differ and why. */
  notes: string[];
}

export interface DeficitSummary {
  sheet: string;
  years: string[];
  unmitigated: number[];
  mitigated: number[] | null;
  recoveryYear: string;
  unit: "£" | "£000" | "£m";
  /** The recovery plan's impact row as the table gives it, with its label, and how it is read. */
  impact: { label: string; values: number[]; reading: string } | null;
  /** The deficit against the 2026 rules, where the table runs to 31 March 2026. */
  rules2026: Rules2026Summary | null;
}

export interface Rules2026Summary {
  /** Label and figure, in order: the deficit at the cut-off, what is taken out, the eligible deficit, the grant, the residual, the deficit at the end of the override. */
  lines: { label: string; value: number }[];
  /** How the grant figure was read: the table's own line, or worked out where it has none. */
  grantNote: string;
  /** The sources check in words, or null where the table gives no sources. */
  sources: string | null;
}

/**
 * A budget table in the paper: every line as the table has it (sections, subtotals and totals
 * kept, so each column adds to its stated total), each column in its own unit, and what the table
 * says in words (what each column means, the position, the closing balances, the movement), with
 * how the checks read any figure the table got wrong.
 */
export interface BudgetSummary {
  sheet: string;
  /** "High Needs budget: forecast against budget", "DSG by block", "DSG reserve: scenarios", "DSG settlement by block, 2015/16 and 2016/17". */
  title: string;
  /** The unit of the table's money (named once, in the section's heading); a table read by its shape may hold counts, or figures in more than one unit. */
  unit: "£" | "£000" | "£m" | "count" | "mixed";
  /** Decimal places to show the figures to, where the table gives them (a table read by its shape). */
  decimals?: number;
  columns: string[];
  /**
   * Each column's unit where it is not the section's: "%" for a share ("% of the block", shown as
   * 12.5%), "count" for numbers of pupils or plans; null where the column is in `unit`.
   */
  columnUnits?: (FigureUnit | null)[];
  /** Decimal places for figures in a unit other than the section's (a percentage to two places). */
  places?: Partial<Record<FigureUnit, number>>;
  lines: BudgetLine[];
  /** What the columns mean, the position, the largest variances and how the position moves the deficit, in sentences. */
  sentences: string[];
  /** The one sentence the paper's headline gives of this table (the in-year position, the total movement, the closing balances), where it has one. */
  headline?: string;
  /** Figures the table states that the checks found wrong, in the checks' words. */
  notes: string[];
}

/** A line of a budget table in the paper. */
export interface BudgetLine {
  label: string;
  values: (number | null)[];
  /** A total or subtotal (or a closing balance, a net position): bold. */
  total?: boolean;
  /** A heading inside the table ("Top-up funding", "Early Years Block:"): a band across, with no figures. */
  section?: boolean;
  /** The line's figures are in a unit other than its columns' (a count of pupils, a rate in £, in a table of £m). */
  unit?: FigureUnit;
}

export interface PaperSummary {
  initiatives: InitiativeLine[];
  /** What could not be read, in words, for the paper's last section. */
  notRead: string[];
  /** In key order, then "Outside the key" and "No status". */
  statusCounts: { status: string; count: number }[];
  savings: SavingsSummary[];
  deficits: DeficitSummary[];
  budgets: BudgetSummary[];
  scorecards: ScorecardSummary[];
  /** Actions past their end date and not complete, as of the report date: set where the paper has a date to judge by. */
  overdue?: { name: string; end: string; status: string; cell?: string }[];
  /** EHC plans by placement category, now and forecast, and their cost, from a table of EHC plans. */
  placements?: EhcpPlacements[];
  /** Said where the plan's statuses lost their colours on paste (a count of Green 0 / Amber 0 / Red 0 would mislead). */
  coloursLost?: string;
}

function columnOf(table: Table, field: ColumnMapping["field"]): ColumnMapping | undefined {
  return table.columns.find((c) => c.field === field);
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

function effective(row: TableRow): unknown[] {
  return placedCells(row);
}

const KIND_LABEL: Record<Table["kind"], string> = { "action-plan": "Action plan", "savings-plan": "Savings plan", deficit: "DSG budget", scorecard: "Scorecard", budget: "Budget" };

/** One initiative's line from its rows: roll-up status, leads (initials expanded), the latest comment. */
function lineOf(table: Table, name: string, rows: TableRow[]): InitiativeLine {
  const { key } = keyOf(table);
  const rag = columnOf(table, "rag");
  const lead = columnOf(table, "lead");
  const progress = columnOf(table, "progress");
  const indices: number[] = [];
  const unread: string[] = [];
  if (rag) {
    for (const r of rows) {
      const raw = effective(r)[rag.index];
      const i = statusIndex(raw, key);
      if (i >= 0) indices.push(i);
      else if (i === -1) unread.push(text(raw));
    }
  }
  // Every lead by the legend's name, or every one as initials where the legend cannot settle one.
  const leads = leadLine(rows, lead, table.legend?.entries);
  return {
    name,
    source: `${KIND_LABEL[table.kind]} (${table.sheet})`,
    lead: leads.lead,
    status: indices.length > 0 ? rollUp(indices, key, "worst") : unread.length > 0 ? "Outside the key" : "No status",
    unread,
    // The latest by date where the comments carry dates, else the last written.
    comment: latestComment(rows, progress),
    rows: rows.length,
    ...(leads.unsettled.length > 0 ? { leadsAsInitials: leads.unsettled } : {}),
  };
}

/**
 * What the paper says of statuses shown only by a cell's fill: counted as no status (as the checks
 * flag them), named with their colours, a handful at most, so the reader knows the count's gap.
 */
function colourOnlySentences(rows: readonly { name: string; colour: string }[]): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 8).map((r) => `“${r.name}” (${r.colour.toLowerCase()})`);
  const more = rows.length > shown.length ? ` and ${rows.length - shown.length} more` : "";
  const one = rows.length === 1;
  return [
    `${one ? "One row shows its" : `${rows.length} rows show their`} status only by the cell's fill, so ${one ? "it is" : "they are"} counted as no status: ${more ? `${shown.join(", ")}${more}` : joinNames(shown)}. Write the status in the cell: colour alone is lost when the table is copied.`,
  ];
}

export function buildSummary(tables: Table[], options: { asOf?: number; shapes?: readonly Reading[] } = {}): PaperSummary {
  const initiatives: InitiativeLine[] = [];
  const counts = new Map<string, number>();
  let outside = 0;
  let missing = 0;
  const colourOnly: { name: string; colour: string }[] = [];
  const statusOrder: string[] = [];
  /** Each item row's initiative as its line names it, for the overdue actions. */
  const lineName = new Map<TableRow, { name: string; full: string }>();
  const coloursLost: string[] = [];
  /** The line with its name cut for the table, and the whole name kept where it was cut. */
  const named = (line: InitiativeLine, full: string, short: string): InitiativeLine => ({ ...line, name: short, ...(short !== full ? { fullName: full } : {}) });

  // A summary and its detail are one plan: one line per initiative, its status the detail's
  // roll-up beside the summary's own, and its actions counted from the detail rows only.
  const pairs = summaryDetailPairs(tables);
  const pairOfSummary = new Map(pairs.map((p) => [p.summary, p]));
  // A detail table's initiatives that a summary line already shows, by name as the pairing read them.
  const merged = new Map<Table, Set<string>>();
  for (const p of pairs) {
    const names = merged.get(p.detail) ?? new Set<string>();
    for (const m of p.matches) names.add(normaliseStatus(p.groups[m.to]!.name));
    merged.set(p.detail, names);
  }

  for (const table of tables) {
    // Budgets have lines and scorecards indicators, not initiatives: their own sections below.
    if (table.kind === "deficit" || table.kind === "budget" || table.kind === "scorecard") continue;
    const { key } = keyOf(table);
    for (const s of key.statuses) if (!statusOrder.includes(s.name)) statusOrder.push(s.name);
    const rag = columnOf(table, "rag");
    const pair = pairOfSummary.get(table);
    // Statuses that were cell colours lost on paste: said beside the counts, and counted as no status.
    const lost = coloursLostOf(table);
    if (lost) coloursLost.push(lost);
    const groups = new Map<string, TableRow[]>();
    for (const row of table.rows) {
      if (row.role !== "data" && row.role !== "continuation") continue;
      const name = row.group || text(effective(row)[columnOf(table, "action")?.index ?? -1]);
      groups.set(name, [...(groups.get(name) ?? []), row]);
      if (rag && !pair) {
        const i = statusIndex(effective(row)[rag.index], key);
        if (i >= 0) counts.set(key.statuses[i]!.name, (counts.get(key.statuses[i]!.name) ?? 0) + 1);
        else if (i === -1) outside++;
        else {
          missing++;
          // A status shown only by the cell's fill is counted as none, as the checks flag it: said, with the colour.
          const fill = colourOfFill(row.fills[rag.index]);
          const action = text(effective(row)[columnOf(table, "action")?.index ?? -1]);
          if (fill) colourOnly.push({ name: action !== "" && action !== name ? `${name} ${action}` : name, colour: fill });
        }
      } else if (lost && !pair) missing++;
    }
    if (pair) {
      const fulls = pair.summaryRows.map((row) => initiativeName(table, row.group, [row]));
      const shorts = shortNames(fulls);
      pair.summaryRows.forEach((row, i) => {
        const own = named(lineOf(table, row.group, [row]), fulls[i]!, shorts[i]!);
        const ownName = { name: own.name, full: own.fullName ?? own.name };
        lineName.set(row, ownName);
        const m = pair.matches.find((x) => x.from === i);
        if (!m) {
          initiatives.push({ ...own, source: `Summary (${table.sheet}), no detail rows` });
          return;
        }
        const group = pair.groups[m.to]!;
        for (const r of group.rows) lineName.set(r, ownName);
        const detail = lineOf(pair.detail, group.name, group.rows);
        initiatives.push({
          ...detail,
          name: own.name,
          ...(own.fullName ? { fullName: own.fullName } : {}),
          source: `Summary (${table.sheet}) and detail (${pair.detail.sheet}${m.how === "same" ? "" : `, as “${group.name}”`})`,
          lead: own.lead || detail.lead,
          comment: own.comment || detail.comment,
          stated: own.status === "Outside the key" ? `“${own.unread[0] ?? ""}”, which is not in the key` : own.status === "No status" ? "nothing" : own.status,
        });
      });
      continue;
    }
    const taken = merged.get(table);
    // One line per initiative: the name it was grouped by, with the lines a PDF wrapped it over.
    const own = [...groups].filter(([name]) => !taken?.has(normaliseStatus(name))); // the rest are on their summary's line
    const fulls = own.map(([name, rows]) => initiativeName(table, name, rows));
    const shorts = shortNames(fulls);
    own.forEach(([name, rows], i) => {
      const line = named(lineOf(table, name, rows), fulls[i]!, shorts[i]!);
      for (const r of rows) lineName.set(r, { name: line.name, full: fulls[i]! });
      initiatives.push(line);
    });
  }

  const statusCounts = [
    ...COLOUR_ORDER.filter((c) => statusOrder.some((s) => normaliseStatus(s) === normaliseStatus(c))).map((c) => ({ status: c, count: counts.get(c) ?? 0 })),
    ...statusOrder.filter((s) => !COLOUR_ORDER.some((c) => normaliseStatus(c) === normaliseStatus(s))).map((s) => ({ status: s, count: counts.get(s) ?? 0 })),
  ];
  if (outside > 0) statusCounts.push({ status: "Outside the key", count: outside });
  if (missing > 0) statusCounts.push({ status: "No status", count: missing });

  const notRead = [
    ...colourOnlySentences(colourOnly),
    ...initiatives.flatMap((i) => i.unread.map((u) => `“${u}”, the status of a row of “${i.name}”, is not in the key: it is not counted in the RAG.`)),
    ...initiatives.flatMap((i) =>
      i.leadsAsInitials
        ? [`The leads of “${i.name}” are left as initials, none expanded: ${joinNames(i.leadsAsInitials)}.`]
        : [],
    ),
  ];
  // Overdue as HNB.OVERDUE and `hnb check` count it, where the paper has a date to judge by.
  const asOf = options.asOf;
  const overdue =
    asOf === undefined
      ? undefined
      : tables
          .filter((t) => t.kind !== "deficit" && t.kind !== "budget")
          .flatMap((t) =>
            overdueActions(t, asOf, (row) => {
              const full = initiativeName(t, row.group, [row]);
              return lineName.get(row) ?? { name: shortNames([full])[0]!, full };
            }),
          );
  return {
    initiatives,
    notRead,
    statusCounts,
    ...(overdue ? { overdue } : {}),
    ...(coloursLost.length > 0 ? { coloursLost: coloursLost.join(" ") } : {}),
    savings: tables.filter((t) => t.kind === "savings-plan").map(savingsOf),
    deficits: tables.filter((t) => t.kind === "deficit").map(deficitOf).filter((d): d is DeficitSummary => d !== null),
    // A budget's subtotals the heading words missed ("1.2.3 Net total") are taken from the same table read by its shape.
    budgets: tables.filter((t) => t.kind === "budget").map((t) => budgetOf(t, options.shapes)).filter((b): b is BudgetSummary => b !== null),
    scorecards: tables.filter((t) => t.kind === "scorecard").map((t) => scorecardSummary(t, options.asOf)),
  };
}

function savingsOf(table: Table): SavingsSummary {
  const years = table.columns.filter((c) => c.field === "amount");
  const rag = columnOf(table, "rag");
  const { key } = keyOf(table);
  const items = table.rows.filter((r) => r.role === "data" || r.role === "continuation");
  const total = table.rows.find((r) => r.role === "total");
  const calculated = years.map(() => 0);
  const rowCells = items.map(effective);
  for (const cells of rowCells) {
    years.forEach((c, y) => {
      const a = readAmount(cells[c.index]);
      calculated[y]! += a === null || Number.isNaN(a) ? 0 : a;
    });
  }
  // The risk-adjusted figures by the one rule HNB.SAVINGSBYYEAR follows on the checks sheet: a row
  // with savings and no status in the key leaves them not worked out, said with its sheet row.
  let riskAdjusted: number[] | null = null;
  let riskNote: string | null = null;
  if (rag) {
    const sheetRow = (i: number) => `Row ${items[i]!.index + table.origin.row + 1}`;
    try {
      riskAdjusted = savingsByYear(
        rowCells.map((cells) => years.map((c) => cells[c.index] ?? null)),
        rowCells.map((cells) => cells[rag.index] ?? null),
        null,
        key,
        sheetRow,
      );
    } catch (error) {
      if (!(error instanceof HnbError)) throw error;
      riskNote = `Risk-adjusted savings are not worked out: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
    }
  }
  return {
    sheet: table.sheet,
    years: years.map(yearName),
    stated: years.map((c) => {
      if (!total) return null;
      const a = readAmount(total.cells[c.index]);
      return a === null || Number.isNaN(a) ? null : a;
    }),
    calculated: calculated.map(cleanSum),
    riskAdjusted,
    riskNote,
    unit: table.unit ?? "£",
    notes: savingsNotes(table),
  };
}

/**
 * What a reader of the paper needs to trust its savings figures: rows the paper had out of line,
 * counted where they belong, and any stated total that still differs, in the checks' own words.
 */
function savingsNotes(table: Table): string[] {
  const notes: string[] = [];
  const moved = table.rows.filter((r) => isItemRow(r) && r.realignment);
  if (moved.length > 0) {
    const rows = moved.map((r) => r.index + table.origin.row + 1);
    notes.push(`${rows.length === 1 ? `Row ${rows[0]} was` : `Rows ${rows.join(", ")} were`} out of line in the paper (cells under the wrong headings): each cell is read under the heading it belongs to, and every figure counted in its own year.`);
  }
  for (const f of checkTables([table])) {
    if (f.rule === "total.mismatch") notes.push(f.message);
  }
  return notes;
}

/** The 2026 rules section: what the deficit at 31 March 2026 becomes with the Stability Grant, and at the end of the override. */
function rules2026Of(table: Table): Rules2026Summary | null {
  const rules = deficitRules(table);
  if (!rules.cutOff || !rules.expected) return null;
  const e = rules.expected;
  const paid = rules.grantPaid.find((g) => g.label === rules.grantYear)?.amount;
  const grant = paid ?? e.grant;
  const cutOff = formatDate(STABILITY_GRANT_CUT_OFF);
  const lines: Rules2026Summary["lines"] = [{ label: `Deficit at ${cutOff} (carried forward ${rules.cutOff.label})`, value: e.deficit }];
  if (e.ineligible !== 0) lines.push({ label: "Less: not High Needs (other blocks' overspends, other charges)", value: -e.ineligible });
  lines.push({ label: "Eligible deficit", value: e.eligible });
  lines.push({ label: `High Needs Stability Grant (income in ${rules.grantYear})`, value: grant });
  lines.push({ label: "Residual deficit after the grant", value: e.deficit - grant });
  const end = formatDate(OVERRIDE_END);
  if (rules.overrideEnd) {
    lines.push({ label: `Forecast deficit at ${end}, the end of the statutory override${rules.overrideEnd.mitigated === null ? "" : ", without the recovery plan"}`, value: rules.overrideEnd.unmitigated });
    if (rules.overrideEnd.mitigated !== null) lines.push({ label: `Forecast deficit at ${end}, with the recovery plan`, value: rules.overrideEnd.mitigated });
  }
  const share = `${Math.round(e.share * 100)}%`;
  const grantNote =
    paid !== undefined
      ? `The grant is the table's own High Needs Stability Grant line; the rules (GOV.UK explanatory note, 9 February 2026) give ${share} of the eligible deficit, ${formatFigure(e.grant)}.`
      : e.why || `The table has no grant line: the grant shown is what the rules give (${share} of the eligible deficit, GOV.UK explanatory note, 9 February 2026), if DfE approves the local SEND reform plan; the forecast to ${end} does not count it.`;
  let sources: string | null = null;
  if (rules.sourceVerdict?.agree) sources = `The deficit at ${cutOff} is the same in all ${rules.sources.length} sources given.`;
  else if (rules.sourceVerdict) {
    // DfE pays on the lowest figure unless the difference is explained: say what that would mean.
    const onLowest = stabilityGrant(rules.sourceVerdict.lowest.value, e.ineligible, e.share);
    sources = `${rules.sourceVerdict.message} On the lowest figure the grant would be ${formatFigure(onLowest.grant)}${onLowest.grant === grant ? "" : `, ${formatFigure(Math.abs(grant - onLowest.grant))} ${onLowest.grant < grant ? "less" : "more"} than shown above`}.`;
  }
  return { lines, grantNote, sources };
}

function deficitOf(table: Table): DeficitSummary | null {
  const cork = corkscrewOf(table);
  if (!cork.broughtForward || !cork.carriedForward) return null;
  const opening = cork.figures(cork.broughtForward)[0] ?? 0;
  const moves = cork.movements.map(cork.figures);
  const unmitigated = moves.length > 0 ? deficitPath(opening, moves) : cork.figures(cork.carriedForward);
  const mitigated = cork.impact && moves.length > 0 ? deficitPath(opening, moves, cork.figures(cork.impact)) : null;
  return {
    sheet: table.sheet,
    years: cork.labels,
    unmitigated,
    mitigated,
    recoveryYear: recoveryYear(mitigated ?? unmitigated, cork.labels),
    unit: table.unit ?? "£",
    impact:
      cork.impact && mitigated
        ? {
            label: cork.impact.group,
            values: cork.figures(cork.impact),
            reading: `“${cork.impact.group}” is read as each year's in-year effect of the recovery plan (a saving as a negative figure); the effects accumulate, so a year's saving lowers that year's balance and every later one. The mitigated path is the unmitigated one with them added in.`,
          }
        : null,
    rules2026: rules2026Of(table),
  };
}
