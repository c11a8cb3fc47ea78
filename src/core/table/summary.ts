import { keyOf } from "./key-sheet";
import { placedCells } from "./rows";
import { deficitPath, recoveryYear } from "../corkscrew";
import { cleanSum } from "../grid";
import { joinNames, resolveLead } from "../leads";
import { readAmount } from "../money";
import { COLOUR_ORDER, normaliseStatus, rollUp, statusIndex } from "../rag";
import { weightsFor } from "../savings";
import { corkscrewOf, yearName } from "./deficit";
import type { ColumnMapping, Table, TableRow } from "./types";

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
}

export interface DeficitSummary {
  sheet: string;
  years: string[];
  unmitigated: number[];
  mitigated: number[] | null;
  recoveryYear: string;
  unit: "£" | "£000" | "£m";
}

export interface PaperSummary {
  initiatives: InitiativeLine[];
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

const KIND_LABEL: Record<Table["kind"], string> = { "action-plan": "Action plan", "savings-plan": "Savings plan", deficit: "DSG budget", scorecard: "Scorecard" };

export function buildSummary(tables: Table[]): PaperSummary {
  const initiatives: InitiativeLine[] = [];
  const counts = new Map<string, number>();
  let outside = 0;
  let missing = 0;
  const statusOrder: string[] = [];

  for (const table of tables) {
    if (table.kind === "deficit") continue;
    const { key } = keyOf(table);
    for (const s of key.statuses) if (!statusOrder.includes(s.name)) statusOrder.push(s.name);
    const rag = columnOf(table, "rag");
    const lead = columnOf(table, "lead");
    const progress = columnOf(table, "progress");
    const groups = new Map<string, TableRow[]>();
    for (const row of table.rows) {
      if (row.role !== "data" && row.role !== "continuation") continue;
      const name = row.group || text(effective(row)[columnOf(table, "action")?.index ?? -1]);
      groups.set(name, [...(groups.get(name) ?? []), row]);
      if (rag) {
        const i = statusIndex(effective(row)[rag.index], key);
        if (i >= 0) counts.set(key.statuses[i]!.name, (counts.get(key.statuses[i]!.name) ?? 0) + 1);
        else if (i === -1) outside++;
        else missing++;
      }
    }
    for (const [name, rows] of groups) {
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
      initiatives.push({
        name,
        source: `${KIND_LABEL[table.kind]} (${table.sheet})`,
        lead: joinNames(leads),
        status: indices.length > 0 ? rollUp(indices, key, "worst") : unread.length > 0 ? "Outside the key" : "No status",
        unread,
        comment,
        rows: rows.length,
      });
    }
  }

  const statusCounts = [
    ...COLOUR_ORDER.filter((c) => statusOrder.some((s) => normaliseStatus(s) === normaliseStatus(c))).map((c) => ({ status: c, count: counts.get(c) ?? 0 })),
    ...statusOrder.filter((s) => !COLOUR_ORDER.some((c) => normaliseStatus(c) === normaliseStatus(s))).map((s) => ({ status: s, count: counts.get(s) ?? 0 })),
  ];
  if (outside > 0) statusCounts.push({ status: "Outside the key", count: outside });
  if (missing > 0) statusCounts.push({ status: "No status", count: missing });

  return {
    initiatives,
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
  };
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
  };
}
