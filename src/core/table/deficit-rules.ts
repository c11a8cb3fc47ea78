/**
 * A deficit table read against the 2026 rules (core/stability): the deficit carried forward at
 * 31 March 2026, the High Needs Stability Grant line among the movements, the amounts taken out
 * as not High Needs and the deficit by source where the table gives them (under it, as the DSG
 * Budget template lays them out), and the deficit at the end of the statutory override. The
 * checks and the paper read a table's rules through this, so they agree.
 */
import { readAmount } from "../money";
import { deficitPath } from "../corkscrew";
import { OVERRIDE_END, STABILITY_GRANT_SHARE, STABILITY_GRANT_YEAR, type SourceFigure, type StabilityGrant, sourceCheck, stabilityGrant, type SourceVerdict } from "../stability";
import { financialYearStart, yearLabel } from "../years";
import { corkscrewOf } from "./deficit";
import type { Table, TableRow } from "./types";

const GRANT = /stability\s+grant/i;
const INELIGIBLE = /not\s+high\s+needs|ineligible|early\s+years\s+overspend|equal\s+pay/i;
const SHARE = /\bshare\b/i;
const SOURCE = /\bs\.?\s?251\b|section\s+251|dsg\s+note|\bs\.?\s?151\b|assurance|revenue\s+outturn/i;

export interface DeficitRules {
  /** The year whose carried-forward balance is the deficit at 31 March 2026 ("2025/26"), and its column. */
  cutOff: { label: string; column: number; deficit: number } | null;
  grantLine?: TableRow;
  /** Each year the grant line has a figure, as income (positive). */
  grantPaid: { label: string; column: number; amount: number }[];
  /** The year the grant is received in: "2026/27". */
  grantYear: string;
  ineligible: number;
  share: number;
  /** The grant the rules give on this table's deficit, where it has one at the cut-off. */
  expected: StabilityGrant | null;
  sources: SourceFigure[];
  sourceVerdict: SourceVerdict | null;
  /** The balance at the end of the statutory override (2027/28), without and with the recovery plan, where the table runs that far. */
  overrideEnd: { label: string; unmitigated: number; mitigated: number | null } | null;
}

/**
 * Lines that are not the corkscrew's, as label and figure: rows of the table after carried
 * forward (the impact row aside) and lines under it ("Less: not High Needs … | 62").
 */
function lines(table: Table, corkscrew: TableRow[]): { row: number; label: string; value: number | null }[] {
  const lastFigure = (cells: readonly unknown[], from: number) => {
    let value: number | null = null;
    for (let c = from; c < cells.length; c++) {
      const a = readAmount(cells[c]);
      if (a !== null && !Number.isNaN(a)) value = a;
    }
    return value;
  };
  const rows = table.rows.filter((r) => r.role === "data" && !corkscrew.includes(r)).map((r) => ({ row: r.index, label: r.group, value: lastFigure(r.cells, 1) }));
  const under = (table.notes ?? []).map((n) => {
    const cells = table.lineCells?.[n.row] ?? [];
    return { row: n.row, label: typeof cells[0] === "string" ? cells[0] : n.text, value: lastFigure(cells, 1) };
  });
  return [...rows, ...under];
}

export function deficitRules(table: Table): DeficitRules {
  const cork = corkscrewOf(table);
  const grantYear = yearLabel(STABILITY_GRANT_YEAR);
  const cutOffAt = cork.labels.indexOf(yearLabel(STABILITY_GRANT_YEAR - 1));
  const cutOff = cork.carriedForward && cutOffAt >= 0 ? { label: cork.labels[cutOffAt]!, column: cork.years[cutOffAt]!.index, deficit: cork.figures(cork.carriedForward)[cutOffAt]! } : null;
  const grantLine = cork.movements.find((r) => GRANT.test(r.group));
  const grantPaid = grantLine
    ? cork
        .figures(grantLine)
        .map((v, i) => ({ label: cork.labels[i]!, column: cork.years[i]!.index, amount: -v }))
        .filter((g) => g.amount !== 0)
    : [];
  const corkscrewRows = cork.broughtForward && cork.carriedForward ? [cork.broughtForward, ...cork.movements, cork.carriedForward, ...(cork.impact ? [cork.impact] : [])] : [];
  const under = lines(table, corkscrewRows);
  const ineligible = under.find((l) => INELIGIBLE.test(l.label) && l.value !== null)?.value ?? 0;
  const shareLine = under.find((l) => SHARE.test(l.label) && l.value !== null && l.value > 0 && l.value <= 1);
  const share = shareLine?.value ?? STABILITY_GRANT_SHARE;
  const sources = under.filter((l) => SOURCE.test(l.label) && l.value !== null).map((l) => ({ label: l.label, value: l.value! }));
  const overrideAt = cork.labels.indexOf(yearLabel(financialYearStart(OVERRIDE_END)));
  let overrideEnd: DeficitRules["overrideEnd"] = null;
  if (cork.broughtForward && cork.movements.length > 0 && overrideAt >= 0) {
    const opening = cork.figures(cork.broughtForward)[0] ?? 0;
    const moves = cork.movements.map(cork.figures);
    const unmitigated = deficitPath(opening, moves)[overrideAt]!;
    const mitigated = cork.impact ? deficitPath(opening, moves, cork.figures(cork.impact))[overrideAt]! : null;
    overrideEnd = { label: cork.labels[overrideAt]!, unmitigated, mitigated };
  }
  return {
    cutOff,
    ...(grantLine ? { grantLine } : {}),
    grantPaid,
    grantYear,
    ineligible,
    share,
    expected: cutOff ? stabilityGrant(cutOff.deficit, ineligible, share) : null,
    sources,
    sourceVerdict: sources.length >= 2 ? sourceCheck(sources) : null,
    overrideEnd,
  };
}
