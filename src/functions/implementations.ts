/*
 * What each HNB custom function does, over Excel's raw arguments: coerce them (./args), call the
 * rule in src/core, return. A failure is always core's HnbError (`run` turns anything else into
 * one), so these run anywhere: the Excel wrappers (./functions) turn it into the error Excel
 * shows, and `hnb calc` and the tests' formula engine into their own error values (./call).
 * Exported under the wrappers' names, which is how the registry pairs them.
 */
import {
  HnbError,
  academicYearStart,
  amountGrid,
  amountLine,
  carryForward as coreCarryForward,
  corkscrewBreaks,
  corkscrewVerdict,
  deficitPath as coreDeficitPath,
  financialYearStart,
  isOverdue,
  leadNames,
  legendFromCells,
  line,
  parseBound,
  parseDate,
  parseRollupMethod,
  parseUnit,
  parseYearStyle,
  projectCost as coreProjectCost,
  quote,
  ragCheck as coreRagCheck,
  ragCount as coreRagCount,
  ragStatus,
  readAsOf,
  readDateRange,
  readShare,
  recoveryYear as coreRecoveryYear,
  rollUp,
  savingsByYear as coreSavingsByYear,
  savingsTotal as coreSavingsTotal,
  statusIndices,
  totalCheck as coreTotalCheck,
  transferCheck as coreTransferCheck,
  unitFactor,
  valueError,
  naError,
  yearLabel,
  isBlank,
  requireAmount,
  crossFoot as coreCrossFoot,
  readConvention,
  variance as coreVariance,
  DEFAULT_TOLERANCE,
  type TargetYear,
  figureValue,
  keyWordFor,
  kpiColour,
  parseDirection,
  readYear,
  targetResult,
  trajectory as coreTrajectory,
  trend as coreTrend,
  capitalise,
  cleanSum,
  SOURCE_TOLERANCE,
  STABILITY_GRANT_SHARE,
  sourceCheck as coreSourceCheck,
  stabilityGrant as coreStabilityGrant,
  requireAlike,
  rangeOrigin,
  breakdownPlan,
  ehcpChecks,
  ehcpVerdict,
  placementCost as corePlacementCost,
  readBreakdown,
} from "../core";
import {
  amount,
  grid,
  labels,
  optionalBoolean,
  optionalGrid,
  optionalTolerance,
  optionalTextGrid,
  ragKey,
  run,
  settle,
  single,
  text as textArg,
  textGrid,
} from "./args";

export function carryForward(broughtForward: unknown, movements: unknown): number {
  return run(() =>
    coreCarryForward(amount(broughtForward, "broughtForward"), amountGrid(grid(movements), { label: "movements" })),
  );
}

export function deficitPath(openingBalance: unknown, movements: unknown, impact?: unknown): number[][] {
  return run(() => {
    const moves = amountGrid(grid(movements), { label: "movements" });
    const impactRange = optionalGrid(impact);
    const effects = impactRange ? amountLine(impactRange, { label: "impact" }) : null;
    return [coreDeficitPath(amount(openingBalance, "openingBalance"), moves, effects)];
  });
}

export function corkscrew(
  broughtForward: unknown,
  movements: unknown,
  carriedForward: unknown,
  yearLabels?: unknown,
  tolerance?: unknown,
): true | string {
  return run(() => {
    const bf = amountLine(grid(broughtForward), { label: "broughtForward" });
    const cf = amountLine(grid(carriedForward), { label: "carriedForward" });
    const moves = amountGrid(grid(movements), { label: "movements" });
    const names = optionalTextGrid(yearLabels);
    const tol = optionalTolerance(tolerance, 0.5);
    return corkscrewVerdict(corkscrewBreaks(bf, moves, cf, names ? labels(names) : [], tol));
  });
}

export function recoveryYear(closingBalances: unknown, yearLabels: unknown): string {
  return run(() =>
    coreRecoveryYear(amountLine(grid(closingBalances), { label: "closingBalances" }), labels(grid(yearLabels))),
  );
}

export function transferCheck(transfer: unknown, schoolsBlock: unknown): string {
  return run(() => coreTransferCheck(amount(transfer, "transfer"), amount(schoolsBlock, "schoolsBlock")).message);
}

export function money(text: unknown, unit?: unknown): number {
  return run(() => {
    const value = single(text, "text");
    const unitText = textArg(unit, "unit");
    const u = isBlank(unitText) ? "£" : parseUnit(unitText);
    if (u === null) throw valueError(`The unit ${quote(unitText)} is not one of £, £000 or £m.`);
    const read = requireAmount(value, () => quote(value));
    return read === null ? 0 : read / unitFactor(u);
  });
}

export function savingsTotal(amounts: unknown, skipText?: unknown): number {
  return run(() => coreSavingsTotal(grid(amounts), optionalBoolean(skipText, false, "skipText")));
}

export function savingsByYear(amounts: unknown, statuses?: unknown, weights?: unknown, key?: unknown, addresses?: readonly (string | undefined)[]): number[][] {
  return run(() => {
    const status = optionalTextGrid(statuses);
    const statusCells = status ? line(status, "statuses") : null;
    // A row named as Excel shows it where the amounts' place on the sheet is known.
    const origin = rangeOrigin(addresses?.[0]);
    return [coreSavingsByYear(grid(amounts), statusCells, optionalGrid(weights), ragKey(key), origin ? (r) => `Row ${origin.row + r + 1}` : undefined)];
  });
}

export function totalCheck(statedTotal: unknown, amounts: unknown, tolerance?: unknown): true | string {
  return run(() => {
    const verdict = coreTotalCheck(
      amount(statedTotal, "statedTotal"),
      amountGrid(grid(amounts), { label: "amounts" }),
      optionalTolerance(tolerance, 0.5),
    );
    return verdict.ok ? true : verdict.message;
  });
}

export function rag(status: unknown, key?: unknown): string {
  return run(() => ragStatus(textArg(status, "status"), ragKey(key)));
}

export function ragCheck(statuses: unknown, key?: unknown, allowBlank?: unknown, addresses?: readonly (string | undefined)[]): true | string {
  return run(() => coreRagCheck(textGrid(statuses), ragKey(key), optionalBoolean(allowBlank, false, "allowBlank"), rangeOrigin(addresses?.[0])));
}

export function ragRollup(statuses: unknown, method?: unknown, key?: unknown): string {
  return run(() => {
    const given = textArg(method, "method");
    const m = parseRollupMethod(given);
    if (m === null) throw valueError(`The method ${quote(given)} is not "worst" or "average".`);
    const k = ragKey(key);
    return rollUp(statusIndices(textGrid(statuses), k), k, m);
  });
}

export function ragCount(statuses: unknown, status: unknown, key?: unknown): number {
  return run(() => coreRagCount(textGrid(statuses), textArg(status, "status"), ragKey(key)));
}

export function parseDateText(text: unknown, bound?: unknown): number | "" {
  return run(() => {
    const given = textArg(bound, "bound");
    const b = parseBound(given);
    if (b === null) throw valueError(`The bound ${quote(given)} is not "start" or "end".`);
    return parseDate(textArg(text, "text"), b) ?? "";
  });
}

export function fyLabel(date: unknown, style?: unknown): string {
  return run(() => yearLabel(financialYearStart(dateArg(date)), styleArg(style)));
}

export function ayLabel(date: unknown, style?: unknown): string {
  return run(() => yearLabel(academicYearStart(dateArg(date)), styleArg(style)));
}

export function overdue(endDate: unknown, status: unknown, asOf: unknown, key?: unknown): boolean {
  return run(() =>
    isOverdue(textArg(endDate, "endDate"), textArg(status, "status"), readAsOf(textArg(asOf, "asOf")), ragKey(key)),
  );
}

export function projectCost(caseload: unknown, unitCost: unknown, caseloadGrowth: unknown, costInflation: unknown, years: unknown): number[][] {
  return run(() => {
    const n = single(years, "years");
    const count = typeof n === "number" ? n : Number(String(n ?? "").trim());
    return [
      coreProjectCost(
        amount(caseload, "caseload"),
        amount(unitCost, "unitCost"),
        readShare(single(caseloadGrowth, "caseloadGrowth"), "Caseload growth"),
        readShare(single(costInflation, "costInflation"), "Cost inflation"),
        count,
      ),
    ];
  });
}

/**
 * Caseload × unit cost by category and year, spilled: each input carries on past its last given
 * year grown by its rate (caseload by growth, unit cost by inflation).
 */
export function placementCost(caseload: unknown, unitCost: unknown, growth?: unknown, inflation?: unknown, years?: unknown): number[][] {
  return run(() => {
    const counts = amountGrid(grid(caseload), { label: "caseload" });
    const costs = amountGrid(grid(unitCost), { label: "unitCost" });
    const n = single(years ?? null, "years");
    const count = isBlank(n) ? undefined : typeof n === "number" ? n : Number(String(n).trim());
    if (count !== undefined && !Number.isInteger(count)) throw valueError(`Years (${quote(n)}) must be a whole number from 1 to 100.`);
    return corePlacementCost(counts, costs, rates(growth, "growth", "Growth"), rates(inflation, "inflation", "Inflation"), count);
  });
}

/** One rate, or a rate per category (a column, or a row): blank is none. */
function rates(raw: unknown, label: string, what: string): number[] {
  const given = optionalGrid(raw ?? null);
  if (!given) return [0];
  const cells = given.length === 1 ? given[0]! : line(given, label);
  return cells.map((v, i) => readShare(v, cells.length === 1 ? what : `${what} for category ${i + 1}`));
}

/**
 * Checks that each placement category's EHCPs by age group add to the same total as by primary
 * need, year by year; and that no category has an age group it cannot (post-16 under 16).
 */
export function ehcpCheck(byAge: unknown, byNeed: unknown, tolerance?: unknown): true | string {
  return run(() => {
    const plan = breakdownPlan(readBreakdown(textGrid(byAge), "byAge"), readBreakdown(textGrid(byNeed), "byNeed"));
    return ehcpVerdict(ehcpChecks(plan, { tolerance: optionalTolerance(tolerance ?? null, 0), growth: Infinity }));
  });
}

export function lead(initials: unknown, legend: unknown): string {
  return run(() => leadNames(textArg(initials, "initials"), legendFromCells(textGrid(legend))));
}

function dateArg(raw: unknown): number {
  const value = textArg(raw, "date");
  if (isBlank(value)) throw valueError("Give a date.");
  const range = readDateRange(value);
  if (!range) throw naError(`${quote(value)} is not a date.`);
  return range.start;
}

function styleArg(raw: unknown): "long" | "short" {
  const given = textArg(raw, "style");
  const style = parseYearStyle(given);
  if (style === null) throw valueError(`The style ${quote(given)} is not "long" or "short".`);
  return style;
}

/** Outturn less budget (or budget less outturn, as the convention says), cell by cell over same-shaped ranges. */
export function variance(budget: unknown, outturn: unknown, convention?: unknown): number[][] {
  return run(() => {
    const how = readConvention(single(convention ?? null, "convention"));
    const b = amountGrid(grid(budget), { label: "budget" });
    const o = amountGrid(grid(outturn), { label: "outturn" });
    if (b.length !== o.length || b.some((row, r) => row.length !== o[r]!.length)) {
      throw valueError(`Budget and outturn must be the same shape: budget is ${b.length} × ${b[0]?.length ?? 0}, outturn ${o.length} × ${o[0]?.length ?? 0}.`);
    }
    return b.map((row, r) => row.map((v, c) => coreVariance(v, o[r]![c]!, how)));
  });
}

export function crossFoot(range: unknown, tolerance?: unknown, addresses?: readonly (string | undefined)[]): true | string {
  return run(() => {
    const verdict = coreCrossFoot(amountGrid(grid(range), { label: "range" }), optionalTolerance(tolerance, 0.5), undefined, rangeOrigin(addresses?.[0]));
    return verdict === null ? true : verdict.message;
  });
}

/** A scorecard figure: a number, "52%", "£9.6m" or "Satisfaction 52%". */
function figure(raw: unknown, label: string): number | null {
  const value = single(raw, label);
  if (isBlank(value)) return null;
  const read = figureValue(value);
  if (read === null) throw valueError(`${capitalise(label)} (${quote(value)}) states no figure: give a number, a percentage or an amount.`);
  return read;
}

function requiredFigure(raw: unknown, label: string): number {
  const read = figure(raw, label);
  if (read === null) throw naError(`${capitalise(label)} is blank.`);
  return read;
}

/** A year: 2027, "2026/27", "2026-27", "7/2027", a heading naming one ("Target 2026/27") or a date. */
function year(raw: unknown, label: string): TargetYear {
  const value = single(raw, label);
  if (isBlank(value)) throw valueError(`${capitalise(label)} is blank: give a year such as 2027 or 2026/27.`);
  const read = readYear(value);
  if (!read) throw valueError(`${capitalise(label)} (${quote(value)}) is not one year: give it as 2027, 2026/27 or 7/2027.`);
  return read;
}

function direction(raw: unknown): "higher" | "lower" {
  const value = single(raw ?? null, "direction");
  if (isBlank(value)) return "higher";
  const read = parseDirection(value);
  if (!read) throw valueError(`The direction ${quote(value)} is not "higher" or "lower" (which way is better).`);
  return read;
}

/** The actuals of a row, as figures in order: a blank is no figure for that period. */
function figures(raw: unknown, label: string): (number | null)[] {
  return line(grid(raw), label).map((v, i) => {
    if (isBlank(v)) return null;
    const read = figureValue(v);
    if (read === null) throw valueError(`${capitalise(label)} (${quote(v)}, the ${ordinal(i + 1)} figure) states no figure: give a number or leave it blank.`);
    return read;
  });
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

export function target(target: unknown, year_: unknown, baseline?: unknown): number {
  return run(() => outcomes.target(target, year_, baseline));
}

/**
 * Implementations that hand their error back rather than throw it, for the Excel wrappers that
 * return the error to the cell (a plain object, so not one of the functions paired with a wrapper).
 */
export const outcomes = {
  target(target: unknown, year_: unknown, baseline?: unknown): number | HnbError {
    return settle(() => {
      const cell = single(target, "target");
      if (isBlank(cell)) return naError("The target cell is blank: there is no target to read.");
      return targetResult(cell, year(year_, "year"), figure(baseline ?? null, "baseline"));
    });
  },
};

export function kpiStatus(actual: unknown, target: unknown, direction_?: unknown, tolerance?: unknown, key?: unknown): string {
  return run(() => {
    const series = figures(actual, "actual");
    let last = series.length - 1;
    while (last >= 0 && series[last] === null) last--;
    if (last < 0) throw naError("There is no actual yet: the status waits for a figure.");
    const latest = series[last]!;
    const goal = figure(target, "target");
    if (goal === null) throw naError("There is no target for this year: the status needs one.");
    requireAlike({ raw: line(grid(actual), "actual")[last], value: latest }, { raw: single(target, "target"), value: goal });
    const toleranceValue = single(tolerance ?? null, "tolerance");
    const share = isBlank(toleranceValue) ? DEFAULT_TOLERANCE : readShare(toleranceValue, "The tolerance");
    if (share < 0) throw valueError(`The tolerance (${quote(toleranceValue)}) is below nothing: give a share such as 5%, or 0 for none.`);
    const k = ragKey(key);
    return keyWordFor(kpiColour(latest, goal, direction(direction_), share), k);
  });
}

export function trajectory(baseline: unknown, baselineYear: unknown, target: unknown, targetYear: unknown, year_: unknown): number {
  return run(() =>
    coreTrajectory(
      requiredFigure(baseline, "baseline"),
      year(baselineYear, "baselineYear"),
      requiredFigure(target, "target"),
      year(targetYear, "targetYear"),
      year(year_, "year"),
    ),
  );
}

export function trend(actuals: unknown, direction_?: unknown): string {
  return run(() => coreTrend(figures(actuals, "actuals"), direction(direction_)) ?? "");
}

export function stabilityGrant(deficitAtCutOff: unknown, ineligible?: unknown, share?: unknown): number {
  return run(() => {
    const deficit = amount(deficitAtCutOff, "deficitAtCutOff");
    // Amounts taken out may be several cells (an early years overspend, equal pay): they are added.
    const out = optionalGrid(ineligible ?? null);
    const taken = out ? cleanSum(amountGrid(out, { label: "ineligible" }).flat().reduce((a, b) => a + b, 0)) : 0;
    const shareValue = single(share ?? null, "share");
    const s = isBlank(shareValue) ? STABILITY_GRANT_SHARE : readShare(shareValue, "The share");
    return cleanSum(coreStabilityGrant(deficit, taken, s).grant);
  });
}

export function sourceCheck(figures: unknown, labels_?: unknown, tolerance?: unknown): true | string {
  return run(() => {
    const values = line(grid(figures), "figures");
    const names = optionalTextGrid(labels_ ?? null);
    const given = names ? labels(names) : [];
    if (names && given.length !== values.length) {
      throw valueError(`There ${values.length === 1 ? "is" : "are"} ${values.length} figure${values.length === 1 ? "" : "s"} but ${given.length} label${given.length === 1 ? "" : "s"}: give one label per source.`);
    }
    const read = values.flatMap((v, i) => {
      if (isBlank(v)) return [];
      const label = given[i] || `Source ${i + 1}`;
      const value = requireAmount(v, () => `${label} (${quote(v)})`);
      return value === null ? [] : [{ label, value }];
    });
    if (read.length === 0) throw naError("No source gives a figure yet: there is nothing to compare.");
    const verdict = coreSourceCheck(read, optionalTolerance(tolerance ?? null, SOURCE_TOLERANCE));
    return verdict.agree ? true : verdict.message;
  });
}
