import { keyOf } from "./key-sheet";
import { isItemRow, placedCells } from "./rows";
import { deficitPath, recoveryYear } from "../corkscrew";
import { cleanSum } from "../grid";
import { joinNames, resolveLead } from "../leads";
import { readAmount } from "../money";
import { COLOUR_ORDER, normaliseStatus, rollUp, statusIndex } from "../rag";
import { weightsFor } from "../savings";
import { corkscrewOf, yearName } from "./deficit";
import type { ColumnMapping, Table, TableRow } from "./types";
import { summaryDetailPairs } from "./plans";
import { checkTables } from "./checks";

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
}

export interface SavingsSummary {
  sheet: string;
  years: string[];
  stated: (number | null)[];
  calculated: number[];
  riskAdjusted: number[];
  unit: "£" | "£000" | "£m";
  /** Rows whose status is outside the key or blank, counted at 0% in the risk-adjusted figures. */
  unweighted: number;
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
}

export interface PaperSummary {
  initiatives: InitiativeLine[];
  /** What could not be read, in words, for the paper's last section. */
  notRead: string[];
  /** In key order, then "Outside the key" and "No status". */
  statusCounts: { status: string; count: number }[];
  savings: SavingsSummary[];
  deficits: DeficitSummary[];
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
  const leads: string[] = [];
  if (lead) {
    for (const r of rows) {
      const raw = text(effective(r)[lead.index]);
      if (raw === "") continue;
      const names = table.legend ? resolveLead(raw, table.legend.entries) : null;
      const expanded = names && names.unknown.length === 0 && names.ambiguous.length === 0 ? names.names : [raw];
      for (const n of expanded) if (!leads.includes(n)) leads.push(n);
    }
  }
  let comment = "";
  if (progress) {
    for (const r of rows) {
      const c = text(effective(r)[progress.index]);
      if (c !== "") comment = c; // the last written is the latest
    }
  }
  return {
    name,
    source: `${KIND_LABEL[table.kind]} (${table.sheet})`,
    lead: joinNames(leads),
    status: indices.length > 0 ? rollUp(indices, key, "worst") : unread.length > 0 ? "Outside the key" : "No status",
    unread,
    comment,
    rows: rows.length,
  };
}

export function buildSummary(tables: Table[]): PaperSummary {
  const initiatives: InitiativeLine[] = [];
  const counts = new Map<string, number>();
  let outside = 0;
  let missing = 0;
  const statusOrder: string[] = [];

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
    if (table.kind === "deficit") continue;
    const { key } = keyOf(table);
    for (const s of key.statuses) if (!statusOrder.includes(s.name)) statusOrder.push(s.name);
    const rag = columnOf(table, "rag");
    const pair = pairOfSummary.get(table);
    const groups = new Map<string, TableRow[]>();
    for (const row of table.rows) {
      if (row.role !== "data" && row.role !== "continuation") continue;
      const name = row.group || text(effective(row)[columnOf(table, "action")?.index ?? -1]);
      groups.set(name, [...(groups.get(name) ?? []), row]);
      if (rag && !pair) {
        const i = statusIndex(effective(row)[rag.index], key);
        if (i >= 0) counts.set(key.statuses[i]!.name, (counts.get(key.statuses[i]!.name) ?? 0) + 1);
        else if (i === -1) outside++;
        else missing++;
      }
    }
    if (pair) {
      pair.summaryRows.forEach((row, i) => {
        const own = lineOf(table, row.group, [row]);
        const m = pair.matches.find((x) => x.from === i);
        if (!m) {
          initiatives.push({ ...own, source: `Summary (${table.sheet}), no detail rows` });
          return;
        }
        const group = pair.groups[m.to]!;
        const detail = lineOf(pair.detail, group.name, group.rows);
        initiatives.push({
          ...detail,
          name: row.group,
          source: `Summary (${table.sheet}) and detail (${pair.detail.sheet}${m.how === "same" ? "" : `, as “${group.name}”`})`,
          lead: own.lead || detail.lead,
          comment: own.comment || detail.comment,
          stated: own.status === "Outside the key" ? `“${own.unread[0] ?? ""}”, which is not in the key` : own.status === "No status" ? "nothing" : own.status,
        });
      });
      continue;
    }
    const taken = merged.get(table);
    for (const [name, rows] of groups) {
      if (taken?.has(normaliseStatus(name))) continue; // on its summary's line
      initiatives.push(lineOf(table, name, rows));
    }
  }

  const statusCounts = [
    ...COLOUR_ORDER.filter((c) => statusOrder.some((s) => normaliseStatus(s) === normaliseStatus(c))).map((c) => ({ status: c, count: counts.get(c) ?? 0 })),
    ...statusOrder.filter((s) => !COLOUR_ORDER.some((c) => normaliseStatus(c) === normaliseStatus(s))).map((s) => ({ status: s, count: counts.get(s) ?? 0 })),
  ];
  if (outside > 0) statusCounts.push({ status: "Outside the key", count: outside });
  if (missing > 0) statusCounts.push({ status: "No status", count: missing });

  const notRead = initiatives.flatMap((i) => i.unread.map((u) => `“${u}”, the status of a row of “${i.name}”, is not in the key: it is not counted in the RAG.`));
  return {
    initiatives,
    notRead,
    statusCounts,
    savings: tables.filter((t) => t.kind === "savings-plan").map(savingsOf),
    deficits: tables.filter((t) => t.kind === "deficit").map(deficitOf).filter((d): d is DeficitSummary => d !== null),
  };
}

function savingsOf(table: Table): SavingsSummary {
  const years = table.columns.filter((c) => c.field === "amount");
  const rag = columnOf(table, "rag");
  const { key } = keyOf(table);
  const weights = weightsFor(key);
  const items = table.rows.filter((r) => r.role === "data" || r.role === "continuation");
  const total = table.rows.find((r) => r.role === "total");
  let unweighted = 0;
  const calculated = years.map(() => 0);
  const riskAdjusted = years.map(() => 0);
  for (const row of items) {
    const cells = effective(row);
    const amounts = years.map((c) => {
      const a = readAmount(cells[c.index]);
      return a === null || Number.isNaN(a) ? 0 : a;
    });
    const i = rag ? statusIndex(cells[rag.index], key) : -2;
    const w = i >= 0 && !Number.isNaN(weights[i]!) ? weights[i]! : 0;
    if (amounts.some((a) => a !== 0) && !(i >= 0 && !Number.isNaN(weights[i]!))) unweighted++;
    amounts.forEach((a, y) => {
      calculated[y]! += a;
      riskAdjusted[y]! += a * w;
    });
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
    riskAdjusted: riskAdjusted.map(cleanSum),
    unit: table.unit ?? "£",
    unweighted,
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
  };
}
