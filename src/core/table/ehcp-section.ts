import { matchAgeGroup, matchCategory, matchNeed } from "../ehcp";
import type { BudgetSummary } from "./summary";

/**
 * The paper's "EHCPs and placements" section, from a table of EHC plans as the paper lays it out
 * (its lines, each in its unit, under their bands): for each placement category the plans in the
 * latest actual year and the last forecast year, the growth between them, and the cost of its
 * placements then and now where the table costs them. Null where the table has no lines by
 * placement category with counts.
 */
export interface EhcpPlacements {
  sheet: string;
  /** The year of the latest actual count, and of the last forecast, as the table heads them. */
  actualYear: string;
  forecastYear: string | null;
  lines: { category: string; actual: number | null; forecast: number | null; costActual: number | null; costForecast: number | null }[];
  total: { actual: number; forecast: number | null; costActual: number | null; costForecast: number | null };
  /** Labels taken as a DfE category from their words, not DfE's own: said in the paper as guesses. */
  guesses: string[];
}

const FORECAST = /\bforecast|projected|projection\b/i;
const COST_BAND = /\bcost\b/i;
// "Average cost per EHCP (£ a year)" is a unit cost; "Cost of placements (£): EHCPs × average cost" is the cost.
const UNIT_COST_BAND = /^\s*(?:average|unit)\b|\bcost per\b/i;

/** A year's heading without the word the forecast columns carry: "January 2028 (forecast)" is "January 2028". */
function yearName(heading: string): string {
  const at = heading.search(/\((?:forecast|projected|projection)\)/i);
  return (at < 0 ? heading : heading.slice(0, at)).trim() || heading;
}

export function ehcpPlacements(b: BudgetSummary): EhcpPlacements | null {
  const forecastColumn = b.columns.map((c) => FORECAST.test(c));
  let actualAt = -1;
  for (let k = 0; k < b.columns.length; k++) if (!forecastColumn[k]) actualAt = k;
  if (actualAt < 0) return null;
  let forecastAt = -1;
  for (let k = actualAt + 1; k < b.columns.length; k++) if (forecastColumn[k]) forecastAt = k;

  // Lines by placement category: counts (the table's first block of them), and costs under a band
  // that names a cost but not a unit cost.
  const counts = new Map<string, { values: (number | null)[]; exact: boolean; label: string }>();
  const costs = new Map<string, { values: (number | null)[]; exact: boolean; label: string }>();
  const guesses: string[] = [];
  let band = "";
  for (const l of b.lines) {
    if (l.section) {
      band = l.label;
      continue;
    }
    // An age group or a primary need ("Other Difficulty/Disability") is not a placement.
    if (matchAgeGroup(l.label) !== null || matchNeed(l.label) !== null) continue;
    const category = matchCategory(l.label);
    if (!category) continue;
    const name = category.category.name;
    const money = l.unit === "£" || l.unit === "£000" || l.unit === "£m" || (l.unit === undefined && b.unit !== "count" && b.unit !== "mixed");
    const into = !money && l.unit === "count" ? counts : money && COST_BAND.test(band) && !UNIT_COST_BAND.test(band) ? costs : null;
    if (!into) continue;
    // DfE's own words come before a guess from a council's: a guess is kept only where nothing better names the category.
    const held = into.get(name);
    if (held && (held.exact || !category.exact)) continue;
    into.set(name, { values: l.values, exact: category.exact, label: l.label });
  }
  for (const held of counts.values()) if (!held.exact) guesses.push(`“${held.label}” is taken as ${matchCategory(held.label)!.category.name}, from its words (a guess).`);
  if (counts.size < 2) return null;
  const at = (values: (number | null)[] | undefined, k: number) => (values && k >= 0 ? (values[k] ?? null) : null);
  const lines = [...counts].map(([category, held]) => ({
    category,
    actual: at(held.values, actualAt),
    forecast: at(held.values, forecastAt),
    costActual: at(costs.get(category)?.values, actualAt),
    costForecast: at(costs.get(category)?.values, forecastAt),
  }));
  const sum = (pick: (l: (typeof lines)[number]) => number | null): number | null => {
    let total = 0;
    for (const l of lines) {
      const v = pick(l);
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  return {
    sheet: b.sheet,
    actualYear: yearName(b.columns[actualAt]!),
    forecastYear: forecastAt >= 0 ? yearName(b.columns[forecastAt]!) : null,
    lines,
    guesses,
    total: { actual: sum((l) => l.actual) ?? 0, forecast: forecastAt >= 0 ? sum((l) => l.forecast) : null, costActual: costs.size > 0 ? sum((l) => l.costActual) : null, costForecast: costs.size > 0 && forecastAt >= 0 ? sum((l) => l.costForecast) : null },
  };
}
