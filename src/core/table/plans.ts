/**
 * A plan written twice: a summary table (one row per initiative) and its detail (a row per
 * milestone) in another table, naming the initiatives in slightly different words. Found once
 * here, for the roll-up checks and for the paper's one line per initiative.
 */
import { normaliseStatus } from "../rag";
import { matchNames, type NameMatch } from "./names";
import { isItemRow } from "./rows";
import type { Table, TableRow } from "./types";

export interface DetailGroup {
  /** The initiative's name as the detail first writes it. */
  name: string;
  rows: TableRow[];
}

export interface PlanPair {
  summary: Table;
  detail: Table;
  /** The summary's initiative rows, in order: matches' `from` index into them. */
  summaryRows: TableRow[];
  /** The detail's initiatives, in order: matches' `to` index into them. */
  groups: DetailGroup[];
  matches: NameMatch[];
}

/** A detail table's initiatives, each with its rows, in the order they first appear. */
export function detailGroups(detail: Table): DetailGroup[] {
  const byName = new Map<string, DetailGroup>();
  for (const r of detail.rows) {
    if (!isItemRow(r) || r.group === "") continue;
    const key = normaliseStatus(r.group);
    const group = byName.get(key);
    if (group) group.rows.push(r);
    else byName.set(key, { name: r.group, rows: [r] });
  }
  return [...byName.values()];
}

/**
 * Every summary table with its detail: a plan table whose names do not repeat, beside one whose
 * initiatives have several rows, with one name the same (or the same words) or two close ones.
 */
export function summaryDetailPairs(tables: readonly Table[]): PlanPair[] {
  const plans = tables.filter((t) => t.kind !== "deficit" && t.kind !== "scorecard" && t.columns.some((c) => c.field === "rag"));
  const pairs: PlanPair[] = [];
  for (const summary of plans) {
    const summaryRows = summary.rows.filter((r) => r.role === "data");
    if (summaryRows.length === 0 || summary.rows.some((r) => r.role === "continuation")) continue;
    const names = new Set(summaryRows.map((r) => normaliseStatus(r.group)));
    if (names.size !== summaryRows.length) continue; // names repeat: a detail table, not a summary
    for (const detail of plans) {
      if (detail === summary) continue;
      const groups = detailGroups(detail);
      if (!groups.some((g) => g.rows.length > 1)) continue;
      const matches = matchNames(summaryRows.map((r) => r.group), groups.map((g) => g.name));
      if (!matches.some((m) => m.how !== "close") && matches.length < 2) continue;
      pairs.push({ summary, detail, summaryRows, groups, matches });
    }
  }
  return pairs;
}
