/*
 * The HNB custom functions as Excel calls them. Each is a thin wrapper: the JSDoc is the
 * function's metadata (custom-functions-metadata turns it into functions.json and
 * scripts/function-registry.cjs into the registry), and the body hands Excel's arguments to the
 * implementation of the same name (./implementations), turning core's HnbError into the
 * CustomFunctions.Error Excel shows. Names and argument order are a contract with users'
 * workbooks. Parameter types are written inline (`any`, `any[][]`) because the metadata generator
 * refuses type aliases; optional arguments arrive as null when omitted.
 *
 * Only this file may touch `CustomFunctions`: it exists only inside Excel, so everything that
 * also runs in Node (hnb calc, the tests) calls the implementations.
 */
import { HnbError } from "../core";
import { asHnbError } from "./args";
import * as implementations from "./implementations";

/**
 * Carried-forward balance: brought forward plus every movement in the range (income and surplus negative, as in brackets).
 * @customfunction CARRYFORWARD
 * @helpurl https://localhost:3000/help/functions.html#carryforward
 * @param broughtForward Brought-forward balance (deficit positive), a number or money text such as "£457k" or "(126)".
 * @param movements The year's movements: transfer, allocation, placement costs… Blanks count as nothing.
 * @returns The carried-forward balance, in the same unit as the figures.
 */
export function carryForward(broughtForward: any, movements: any[][]): number {
  return excel(() => implementations.carryForward(broughtForward, movements));
}

/**
 * The deficit path: one spilled row of carried-forward balances, year by year, from an opening balance.
 * @customfunction DEFICITPATH
 * @helpurl https://localhost:3000/help/functions.html#deficitpath
 * @param openingBalance Balance brought forward into the first year (deficit positive).
 * @param movements Budget lines down, years across: each year's movements (income and surplus negative).
 * @param impact One row of in-year recovery-plan effects (negative = saving); they accumulate in the balance, giving the mitigated path.
 * @returns One row of carried-forward balances, one per year.
 */
export function deficitPath(openingBalance: any, movements: any[][], impact?: any[][]): number[][] {
  return excel(() => implementations.deficitPath(openingBalance, movements, impact));
}

/**
 * Checks a corkscrew: each year's brought forward equals the year before's carried forward, and each year's lines add up to its carried forward.
 * @customfunction CORKSCREW
 * @helpurl https://localhost:3000/help/functions.html#corkscrew
 * @param broughtForward One row of brought-forward balances, a cell per year.
 * @param movements Budget lines down, years across (not including brought or carried forward).
 * @param carriedForward One row of carried-forward balances, a cell per year.
 * @param yearLabels One row of year labels (such as 2024/25) used to name the year that breaks.
 * @param tolerance Largest gap treated as rounding; default 0.5. Use 1 for tables rounded to the nearest £000.
 * @returns TRUE, or text naming the first year that breaks, with both figures and the gap.
 */
export function corkscrew(
  broughtForward: any[][],
  movements: any[][],
  carriedForward: any[][],
  yearLabels?: any[][],
  tolerance?: any,
): any {
  return excel(() => implementations.corkscrew(broughtForward, movements, carriedForward, yearLabels, tolerance));
}

/**
 * The first year whose closing balance is no longer a deficit.
 * @customfunction RECOVERYYEAR
 * @helpurl https://localhost:3000/help/functions.html#recoveryyear
 * @param closingBalances One row or column of closing (carried-forward) balances, deficit positive.
 * @param yearLabels The year labels for those balances, such as 2024/25.
 * @returns The first year at or below zero, or "Not recovered by" the last year.
 */
export function recoveryYear(closingBalances: any[][], yearLabels: any[][]): string {
  return excel(() => implementations.recoveryYear(closingBalances, yearLabels));
}

/**
 * The transfer from the Schools Block as a share of it, and who must approve it: within 0.5% Schools Forum; above, the Secretary of State.
 * @customfunction TRANSFERCHECK
 * @helpurl https://localhost:3000/help/functions.html#transfercheck
 * @param transfer The transfer to the High Needs Block (brackets are fine).
 * @param schoolsBlock The Schools Block for the year, in the same unit.
 * @returns The share, as a percentage, and who approves it.
 */
export function transferCheck(transfer: any, schoolsBlock: any): string {
  return excel(() => implementations.transferCheck(transfer, schoolsBlock));
}

/**
 * Reads money text as a number: "£7,000", "£1.2m", "£25k", "(£10,000)", "(126)", "1,028".
 * @customfunction MONEY
 * @helpurl https://localhost:3000/help/functions.html#money
 * @param text The amount as written. Brackets mean negative.
 * @param unit The unit to answer in: "£" (default), "£000" or "£m".
 * @returns The amount as a number in the unit asked. A blank is 0.
 */
export function money(text: any, unit?: any): number {
  return excel(() => implementations.money(text, unit));
}

/**
 * Total of a range of savings, reading money text. Text that is not an amount is an error naming its cell, unless skipText.
 * @customfunction SAVINGSTOTAL
 * @helpurl https://localhost:3000/help/functions.html#savingstotal
 * @param amounts The savings, as numbers or money text. Blanks count as nothing.
 * @param skipText TRUE to pass over text that is not an amount (notes, names); default FALSE.
 * @returns The sum.
 */
export function savingsTotal(amounts: any[][], skipText?: any): number {
  return excel(() => implementations.savingsTotal(amounts, skipText));
}

/**
 * One spilled row of column totals (years across). With a status per row, each row is weighted by its status: risk-adjusted savings.
 * @customfunction SAVINGSBYYEAR
 * @helpurl https://localhost:3000/help/functions.html#savingsbyyear
 * @param amounts Savings: initiatives down, years across.
 * @param statuses One RAG status per row of amounts.
 * @param weights Two columns, status and weight (50% or 0.5), to override the defaults: Blue and Green 100%, Amber 50%, Red and Grey 0%.
 * @param key A RAG key range: status in the first column, then its description and synonyms.
 * @param invocation Where the arguments are, so a message names rows as Excel shows them.
 * @returns One row of totals, one per column.
 * @requiresParameterAddresses
 */
export function savingsByYear(amounts: any[][], statuses?: any[][], weights?: any[][], key?: any[][], invocation?: CustomFunctions.Invocation): number[][] {
  return excel(() => implementations.savingsByYear(amounts, statuses, weights, key, invocation?.parameterAddresses));
}

/**
 * Checks a stated total against the rows it totals, and spots two transposed digits.
 * @customfunction TOTALCHECK
 * @helpurl https://localhost:3000/help/functions.html#totalcheck
 * @param statedTotal The total as the paper states it.
 * @param amounts The rows it should total.
 * @param tolerance Largest gap treated as rounding; default 0.5.
 * @returns TRUE, or what the rows add to, what the total says and the gap.
 */
export function totalCheck(statedTotal: any, amounts: any[][], tolerance?: any): any {
  return excel(() => implementations.totalCheck(statedTotal, amounts, tolerance));
}

/**
 * The canonical RAG status for free text: "On track" is Green, "Requires escalation" Red, "Not started" Grey, "Complete" Blue.
 * @customfunction RAG
 * @helpurl https://localhost:3000/help/functions.html#rag
 * @param status The status as typed.
 * @param key A RAG key range: status in the first column, then its description and synonyms. Default: Blue, Green, Amber, Red, Grey.
 * @returns The status as the key names it, or "" for a blank.
 */
export function rag(status: any, key?: any[][]): string {
  return excel(() => implementations.rag(status, key));
}

/**
 * Checks that every status in a range is in the RAG key.
 * @customfunction RAGCHECK
 * @helpurl https://localhost:3000/help/functions.html#ragcheck
 * @param statuses The statuses to check.
 * @param key A RAG key range; default the five-point key.
 * @param allowBlank TRUE to accept blank statuses; default FALSE.
 * @param invocation Where the arguments are, so the answer names each status's cell as Excel shows it.
 * @returns TRUE, or how many statuses are outside the key, which, and where.
 * @requiresParameterAddresses
 */
export function ragCheck(statuses: any[][], key?: any[][], allowBlank?: any, invocation?: CustomFunctions.Invocation): any {
  return excel(() => implementations.ragCheck(statuses, key, allowBlank, invocation?.parameterAddresses));
}

/**
 * One status for many: "worst" (default) or "average".
 * @customfunction RAGROLLUP
 * @helpurl https://localhost:3000/help/functions.html#ragrollup
 * @param statuses The statuses to roll up; blanks are left out.
 * @param method "worst" (default: any Red is Red; Grey only when all are Grey; all Blue is Blue) or "average".
 * @param key A RAG key range; default the five-point key.
 * @returns One status.
 */
export function ragRollup(statuses: any[][], method?: any, key?: any[][]): string {
  return excel(() => implementations.ragRollup(statuses, method, key));
}

/**
 * How many statuses in a range mean the given status, once normalised.
 * @customfunction RAGCOUNT
 * @helpurl https://localhost:3000/help/functions.html#ragcount
 * @param statuses The statuses to count.
 * @param status The status to count, such as "Red" or "On track".
 * @param key A RAG key range; default the five-point key.
 * @returns The count.
 */
export function ragCount(statuses: any[][], status: any, key?: any[][]): number {
  return excel(() => implementations.ragCount(statuses, status, key));
}

/**
 * A date from council free text: "Jan 2020", "Sep-21", "Nov2021", "03/17", "01/09/2024" (UK order), "2021/22", "Academic Year 2022-23".
 * @customfunction PARSEDATE
 * @helpurl https://localhost:3000/help/functions.html#parsedate
 * @param text The date as typed.
 * @param bound "end" (default: a month or year means its last day) or "start" (its first day).
 * @returns The date as an Excel date number (format the cell as a date), or "" for a blank.
 */
export function parseDateText(text: any, bound?: any): any {
  return excel(() => implementations.parseDateText(text, bound));
}

/**
 * The financial year (April to March) holding a date, as 2021/22.
 * @customfunction FYLABEL
 * @helpurl https://localhost:3000/help/functions.html#fylabel
 * @param date A date, or date text such as "01/09/2024".
 * @param style "long" (default, 2021/22) or "short" (21/22).
 * @returns The financial year label.
 */
export function fyLabel(date: any, style?: any): string {
  return excel(() => implementations.fyLabel(date, style));
}

/**
 * The academic year (September to August) holding a date, as 2021/22.
 * @customfunction AYLABEL
 * @helpurl https://localhost:3000/help/functions.html#aylabel
 * @param date A date, or date text such as "01/09/2024".
 * @param style "long" (default, 2021/22) or "short" (21/22).
 * @returns The academic year label.
 */
export function ayLabel(date: any, style?: any): string {
  return excel(() => implementations.ayLabel(date, style));
}

/**
 * TRUE when an action is more than 30 days past its end date at the as-of date and its status is not complete (a deadline passed within the month has only just passed, as the checks say).
 * @customfunction OVERDUE
 * @helpurl https://localhost:3000/help/functions.html#overdue
 * @param endDate The end date or deadline (date or text such as "Sep 24"; a month means its end). Blank or "Ongoing" is never overdue.
 * @param status The action's RAG status.
 * @param asOf The report date to judge by (a date; the function does not use today's date).
 * @param key A RAG key range; its complete status (Blue) is what counts as done.
 * @returns TRUE or FALSE.
 */
export function overdue(endDate: any, status: any, asOf: any, key?: any[][]): boolean {
  return excel(() => implementations.overdue(endDate, status, asOf, key));
}

/**
 * A driver-based cost forecast: one spilled row of caseload × unit cost, each grown year on year. The first year is the base year, as given.
 * @customfunction PROJECTCOST
 * @helpurl https://localhost:3000/help/functions.html#projectcost
 * @param caseload Caseload in the base year, such as the number of EHCPs in a placement type.
 * @param unitCost Average cost per case in the base year.
 * @param caseloadGrowth Yearly growth in caseload: 5% or 0.05.
 * @param costInflation Yearly growth in unit cost: 3% or 0.03.
 * @param years How many years to show, the base year included.
 * @returns One row of yearly costs.
 */
export function projectCost(caseload: any, unitCost: any, caseloadGrowth: any, costInflation: any, years: any): number[][] {
  return excel(() => implementations.projectCost(caseload, unitCost, caseloadGrowth, costInflation, years));
}

/**
 * Full names for a lead written as initials, such as "BC/AM", from a legend like "Bernadette Caffrey (BC), Andrew Merry (AM)".
 * @customfunction LEAD
 * @helpurl https://localhost:3000/help/functions.html#lead
 * @param initials The lead cell: one or more initials separated by /, &, commas or "and".
 * @param legend The legend: a cell or range of cells such as "Jane Bloggs (JB), Kamal Patel (KP)".
 * @returns The names, such as "Bernadette Caffrey and Andrew Merry".
 */
export function lead(initials: any, legend: any[][]): string {
  return excel(() => implementations.lead(initials, legend));
}

/**
 * The variance of a budget line: outturn less budget (an overspend positive), or budget less outturn where the convention says so. Over ranges of the same shape, one variance per cell.
 * @customfunction VARIANCE
 * @helpurl https://localhost:3000/help/functions.html#variance
 * @param budget The budget: a cell or a range.
 * @param outturn The forecast or actual outturn, the same shape as budget.
 * @param convention "outturn - budget" (the default: an overspend positive) or "budget - outturn" (an underspend positive).
 * @returns The variance, or one per cell, spilled.
 */
export function variance(budget: any[][], outturn: any[][], convention?: any): number[][] {
  return excel(() => implementations.variance(budget, outturn, convention));
}

/**
 * Checks that a table cross-foots: each row adds across to its last column, each column down to its last row, and both to the grand total.
 * @customfunction CROSSFOOT
 * @helpurl https://localhost:3000/help/functions.html#crossfoot
 * @param range The figures with their Total column on the right and Total row at the foot.
 * @param tolerance Largest gap treated as rounding; default 0.5.
 * @param invocation Where the arguments are, so a message names rows and columns as Excel shows them.
 * @returns TRUE, or the first row or column that does not add, by how much, with a hint where two digits look transposed.
 * @requiresParameterAddresses
 */
export function crossFoot(range: any[][], tolerance?: any, invocation?: CustomFunctions.Invocation): any {
  return excel(() => implementations.crossFoot(range, tolerance, invocation?.parameterAddresses));
}

/**
 * The target a scorecard cell sets for a year: "65% 2026; 80% 2027" for 2027 is 80%; "50% reduction by 2026-27" on a baseline of 14 is 7.
 * @customfunction TARGET
 * @helpurl https://localhost:3000/help/functions.html#target
 * @param target The target as written: one or several, each a figure and a year ("2026: 15%; 2027: 18%"), or a change ("5% reduction by 2026-27", "halve by 2027").
 * @param year The year: 2027, "2026/27", "2026-27", "7/2027", a heading that names one, or a date.
 * @param baseline The figure a reduction or increase starts from, such as 14 or "£9.6m". Needed only for those.
 * @returns The target for that year, a percentage as a fraction (80% is 0.8); #N/A naming the years the cell has when it has none for that year.
 */
export function target(target: any, year: any, baseline?: any): number {
  return excelOutcome(implementations.outcomes.target(target, year, baseline));
}

/**
 * An indicator's status against its target, in the key's words: met is Green; short by no more than the tolerance is Amber; further short is Red.
 * @customfunction KPISTATUS
 * @helpurl https://localhost:3000/help/functions.html#kpistatus
 * @param actual The actual: a cell, or a row of actuals by period (the latest figure is used).
 * @param target The target for the period, such as 65% or a TARGET formula.
 * @param direction "higher" (the default) or "lower": which way is better.
 * @param tolerance How far short still counts as Amber, as a share of the target; default 10%.
 * @param key A RAG key range; the status is its name for Green, Amber or Red. Default: Green, Amber, Red.
 * @returns The status, such as "Amber".
 */
export function kpiStatus(actual: any[][], target: any, direction?: any, tolerance?: any, key?: any[][]): string {
  return excel(() => implementations.kpiStatus(actual, target, direction, tolerance, key));
}

/**
 * The straight-line milestone for a year between a baseline and a target: from 52% in 2025 to 80% in 2027, 2026's is 66%.
 * @customfunction TRAJECTORY
 * @helpurl https://localhost:3000/help/functions.html#trajectory
 * @param baseline The figure at the start, such as 52%.
 * @param baselineYear The year of the baseline: 2025 or "2024/25".
 * @param target The target, such as 80%.
 * @param targetYear The year of the target: 2027 or "2026/27".
 * @param year The year wanted. After the target year the target itself.
 * @returns The milestone for that year.
 */
export function trajectory(baseline: any, baselineYear: any, target: any, targetYear: any, year: any): number {
  return excel(() => implementations.trajectory(baseline, baselineYear, target, targetYear, year));
}

/**
 * The trend of an indicator in words, from its last two figures: "improving", "worse" or "no change".
 * @customfunction TREND
 * @helpurl https://localhost:3000/help/functions.html#trend
 * @param actuals A row of actuals by period, oldest first; blanks are skipped.
 * @param direction "higher" (the default) or "lower": which way is better.
 * @returns "improving", "worse", "no change", or "" with fewer than two figures.
 */
export function trend(actuals: any[][], direction?: any): string {
  return excel(() => implementations.trend(actuals, direction));
}

/**
 * The High Needs Stability Grant on the eligible deficit at 31 March 2026: the deficit less what is not High Needs, times the share (90% as announced on 9 February 2026).
 * @customfunction STABILITYGRANT
 * @helpurl https://localhost:3000/help/functions.html#stabilitygrant
 * @param deficitAtCutOff The DSG deficit carried forward at 31 March 2026 (deficit positive), such as 12345 or "£12.3m".
 * @param ineligible Amounts taken out as not High Needs (an early years overspend, equal pay): a cell or cells, added. Default none.
 * @param share The share of the eligible deficit paid: default 90%. Change it when the rules move.
 * @returns The grant; 0 where there is no eligible deficit (a surplus, or more taken out than the deficit).
 */
export function stabilityGrant(deficitAtCutOff: any, ineligible?: any[][], share?: any): number {
  return excel(() => implementations.stabilityGrant(deficitAtCutOff, ineligible, share));
}

/**
 * Checks that the council's sources give the same DSG deficit (s251 outturn, the DSG note draft and published, the S151 assurance, revenue outturn): DfE uses the lowest where they differ.
 * @customfunction SOURCECHECK
 * @helpurl https://localhost:3000/help/functions.html#sourcecheck
 * @param figures The deficit as each source gives it: a row or column; a blank is a source not yet to hand.
 * @param labels The sources' names, one per figure. Default "Source 1", "Source 2"…
 * @param tolerance The largest difference treated as rounding; default 0.5.
 * @returns TRUE, or which source is lowest and how far each other is above it.
 */
export function sourceCheck(figures: any[][], labels?: any[][], tolerance?: any): any {
  return excel(() => implementations.sourceCheck(figures, labels, tolerance));
}

/**
 * Checks a DSG management plan's EHCP numbers: each placement category's EHCPs by age group add to the same total as by primary need, each year; and post-16 has no one under 16.
 * @customfunction EHCPCHECK
 * @helpurl https://localhost:3000/help/functions.html#ehcpcheck
 * @param byAge EHCPs by age group, a column per January census year: with the category and age labels on the left and the years on top if you like (a heading that says "forecast" marks a forecast year). Total rows are left out.
 * @param byNeed EHCPs by primary need, laid out the same way, with the same years.
 * @param tolerance The largest difference allowed in a forecast year, whose breakdowns may be rounded cell by cell; default 0. Actual years must agree exactly.
 * @returns TRUE, or which category and year disagree, with both totals and the difference.
 */
export function ehcpCheck(byAge: any[][], byNeed: any[][], tolerance?: any): any {
  return excel(() => implementations.ehcpCheck(byAge, byNeed, tolerance));
}

/**
 * Placement cost by category and year: caseload × unit cost, spilled a row per category and a column per year; years beyond those given are grown by growth and inflation.
 * @customfunction PLACEMENTCOST
 * @helpurl https://localhost:3000/help/functions.html#placementcost
 * @param caseload EHCPs (or places) by placement category: a row per category, a column per year.
 * @param unitCost Average cost per EHCP a year: a row per category (one column, or one per year), or one row for every category.
 * @param growth Yearly caseload growth for the years past the last caseload given: 5% or 0.05, or one rate per category. Default none.
 * @param inflation Yearly unit-cost inflation for the years past the last unit cost given: 3% or 0.03, or one per category. Default none.
 * @param years How many years to show; default as many as the caseload or unit costs give.
 * @returns Cost by category (rows) and year (columns), to the penny.
 */
export function placementCost(caseload: any[][], unitCost: any[][], growth?: any[][], inflation?: any[][], years?: any): number[][] {
  return excel(() => implementations.placementCost(caseload, unitCost, growth, inflation, years));
}

/**
 * Runs an implementation for Excel: core's errors become CustomFunctions.Error, which the cell
 * shows as #VALUE! or #N/A with the message.
 */
function excel<T>(body: () => T): T {
  try {
    return body();
  } catch (thrown) {
    const error = asHnbError(thrown);
    const code = error.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw cellError(code, error.message);
  }
}

/**
 * An outcome for Excel with its error returned to the cell rather than thrown, which Office shows
 * as the same #N/A or #VALUE! with its message ("Handle and return errors from your custom
 * function"). For TARGET, whose cells are mostly asked for a year their target cell does not set:
 * a throw costs more than reading the target. The same error is the same CustomFunctions.Error.
 */
function excelOutcome<T>(outcome: T | HnbError): T {
  if (!(outcome instanceof HnbError)) return outcome;
  let shown = shownErrors.get(outcome);
  if (!shown) {
    const code = outcome.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    shown = cellError(code, outcome.message);
    shownErrors.set(outcome, shown);
  }
  return shown as unknown as T;
}

const shownErrors = new WeakMap<HnbError, CustomFunctions.Error>();

/**
 * CustomFunctions.Error extends Error, so each one captures a stack trace that Office then
 * discards (its constructor sets `stack` to undefined): on a scorecard sheet most cells are an
 * #N/A, and the capture cost more than the rule. Built with no frames to capture.
 */
function cellError(code: CustomFunctions.ErrorCode, message: string): CustomFunctions.Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new CustomFunctions.Error(code, message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
