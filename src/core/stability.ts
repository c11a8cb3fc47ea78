/**
 * The DSG deficit rules as announced in 2026, every figure a parameter because they have moved
 * every year:
 * - The High Needs Stability Grant (GOV.UK, "Explanatory note on the government's approach to
 *   Dedicated Schools Grant deficits", 9 February 2026): paid towards the DSG deficit a council
 *   holds at 31 March 2026, reported as about 90% of it, on condition of a local SEND reform plan
 *   approved by DfE. Only the High Needs deficit is eligible: other blocks' overspends (early
 *   years) and other charges (equal pay) are taken out.
 * - DfE compares the council's deficit across its sources (section 251 outturn, the draft and
 *   published DSG note, the S151 officer's assurance, revenue outturn) and uses the lowest where
 *   they differ without a good explanation.
 * - The statutory override keeps DSG deficits off the general fund to the end of 2027-28.
 */
import { valueError } from "./errors";
import { formatFigure } from "./money";
import { serialFromYmd } from "./years";

/** The day the grant was announced: a paper as of an earlier date predates it. */
export const STABILITY_GRANT_ANNOUNCED = serialFromYmd(2026, 2, 9);
/** The share of the eligible deficit the grant is reported to pay (9 February 2026). */
export const STABILITY_GRANT_SHARE = 0.9;
/** The deficit the grant is paid towards is the one held at this date. */
export const STABILITY_GRANT_CUT_OFF = serialFromYmd(2026, 3, 31);
/** The financial year (its first year) the grant is received in: 2026/27, after the cut-off. */
export const STABILITY_GRANT_YEAR = 2026;
/** The statutory override runs to the end of 2027-28: the deficit at this date is what members ask about. */
export const OVERRIDE_END = serialFromYmd(2028, 3, 31);
export const SOURCE_TOLERANCE = 0.5;

export interface StabilityGrant {
  deficit: number;
  ineligible: number;
  /** The deficit less what is not High Needs; negative for a surplus. */
  eligible: number;
  share: number;
  /** Never negative: a surplus or an ineligible amount larger than the deficit gives none. */
  grant: number;
  /** The deficit left after the grant. */
  residual: number;
  /** Why there is no grant, when there is none; else "". */
  why: string;
}

/**
 * The grant on the eligible deficit at the cut-off: `STABILITYGRANT(12345, 345)` is 90% of
 * 12,000, 10,800. Deficits are positive, as the corkscrew carries them.
 */
export function stabilityGrant(deficitAtCutOff: number, ineligible = 0, share = STABILITY_GRANT_SHARE): StabilityGrant {
  // Figures that would make a grant larger than the deficit it is paid towards are refused, not
  // worked through: "(5,000)" taken out would add to the eligible deficit, and 500% pay it five times.
  if (ineligible < 0) {
    throw valueError(`The amounts taken out as not High Needs add to ${describeTaken(ineligible)}: they are taken off the deficit, so give them as positive figures.`);
  }
  if (!(share >= 0 && share <= 1)) {
    throw valueError(`The share paid is ${formatShare(share)}: give a share from 0% to 100% (90% as announced on 9 February 2026).`);
  }
  const eligible = deficitAtCutOff - ineligible;
  let why = "";
  if (deficitAtCutOff <= 0) why = `There is no deficit at the cut-off (${describe(deficitAtCutOff)}), so there is no grant.`;
  else if (eligible <= 0) why = `The amounts taken out (${describe(ineligible)}) are as large as the deficit (${describe(deficitAtCutOff)}): nothing is eligible, so there is no grant.`;
  const grant = why === "" ? eligible * share : 0;
  return { deficit: deficitAtCutOff, ineligible, eligible, share, grant, residual: deficitAtCutOff - grant, why };
}

function describeTaken(value: number): string {
  return `(${formatFigure(-value)})`;
}

function formatShare(share: number): string {
  return Number.isFinite(share) ? `${Math.round(share * 10_000) / 100}%` : String(share);
}

function describe(value: number): string {
  return value < 0 ? `a surplus of ${formatFigure(-value)}` : formatFigure(value);
}

export interface SourceFigure {
  label: string;
  value: number;
}

export interface SourceVerdict {
  /** True when every figure is within the tolerance of the lowest. */
  agree: boolean;
  lowest: SourceFigure;
  /** Each other source and how far it is above the lowest, largest first. */
  above: { source: SourceFigure; by: number }[];
  message: string;
}

/**
 * The council's deficit as each source gives it: where they differ by more than the tolerance,
 * DfE uses the lowest unless the difference is explained.
 */
export function sourceCheck(figures: readonly SourceFigure[], tolerance = SOURCE_TOLERANCE): SourceVerdict {
  let lowest = figures[0]!;
  for (const f of figures) if (f.value < lowest.value) lowest = f;
  const above = figures
    .filter((f) => f !== lowest && f.value - lowest.value > tolerance)
    .map((source) => ({ source, by: source.value - lowest.value }))
    .sort((a, b) => b.by - a.by);
  if (above.length === 0) return { agree: true, lowest, above, message: "" };
  const gaps = above.map((a) => `${a.source.label} is ${formatFigure(a.by)} above it`);
  const list = gaps.length === 1 ? gaps[0]! : `${gaps.slice(0, -1).join(", ")} and ${gaps[gaps.length - 1]}`;
  return {
    agree: false,
    lowest,
    above,
    message: `The sources differ: the lowest is ${lowest.label} (${formatFigure(lowest.value)}); ${list}. DfE will use the lowest unless the difference is explained.`,
  };
}
