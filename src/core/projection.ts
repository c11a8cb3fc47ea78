import { valueError } from "./errors";

/**
 * A driver-based cost forecast: caseload (e.g. EHCPs in a placement type) × average unit cost,
 * each grown year on year. The first year is the base year: its figure is caseload × unit cost
 * as given; year n applies n years of caseload growth and n years of cost inflation.
 * Caseloads are not rounded to whole children: the forecast is an expectation.
 */
export function projectCost(
  caseload: number,
  unitCost: number,
  caseloadGrowth: number,
  costInflation: number,
  years: number,
): number[] {
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    throw valueError("Years must be a whole number from 1 to 100.");
  }
  if (caseloadGrowth <= -1 || costInflation <= -1) {
    throw valueError("Growth and inflation must be above -100%.");
  }
  const out = new Array<number>(years);
  let c = caseload;
  let u = unitCost;
  for (let y = 0; y < years; y++) {
    out[y] = Math.round(c * u * 100) / 100;
    c *= 1 + caseloadGrowth;
    u *= 1 + costInflation;
  }
  return out;
}
