/*
 * The HNB custom functions. Each is a thin wrapper: coerce Excel's arguments (./args), call the
 * rule in src/core, return. Names and argument order are a contract with users' workbooks.
 * Parameter types are written inline (`any`, `any[][]`) because the metadata generator refuses
 * type aliases; optional arguments arrive as null when omitted.
 */
import {
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
} from "../core";
import {
  amount,
  grid,
  labels,
  optionalBoolean,
  optionalGrid,
  optionalNumber,
  optionalTextGrid,
  ragKey,
  run,
  single,
  text as textArg,
  textGrid,
} from "./args";

/**
 * Carried-forward balance: brought forward plus every movement in the range (income and surplus negative, as in brackets).
 * @customfunction CARRYFORWARD
 * @helpurl https://localhost:3000/help/functions.html#carryforward
 * @param broughtForward Brought-forward balance (deficit positive), a number or money text such as "£457k" or "(126)".
 * @param movements The year's movements: transfer, allocation, placement costs… Blanks count as nothing.
 * @returns The carried-forward balance, in the same unit as the figures.
 */
export function carryForward(broughtForward: any, movements: any[][]): number {
  return run(() =>
    coreCarryForward(amount(broughtForward, "broughtForward"), amountGrid(grid(movements), { label: "movements" })),
  );
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
  return run(() => {
    const moves = amountGrid(grid(movements), { label: "movements" });
    const impactRange = optionalGrid(impact);
    const effects = impactRange ? amountLine(impactRange, { label: "impact" }) : null;
    return [coreDeficitPath(amount(openingBalance, "openingBalance"), moves, effects)];
  });
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
  return run(() => {
    const bf = amountLine(grid(broughtForward), { label: "broughtForward" });
    const cf = amountLine(grid(carriedForward), { label: "carriedForward" });
    const moves = amountGrid(grid(movements), { label: "movements" });
    const names = optionalTextGrid(yearLabels);
    const tol = optionalNumber(tolerance, 0.5, "tolerance");
    return corkscrewVerdict(corkscrewBreaks(bf, moves, cf, names ? labels(names) : [], tol));
  });
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
  return run(() =>
    coreRecoveryYear(amountLine(grid(closingBalances), { label: "closingBalances" }), labels(grid(yearLabels))),
  );
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
  return run(() => coreTransferCheck(amount(transfer, "transfer"), amount(schoolsBlock, "schoolsBlock")).message);
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
  return run(() => {
    const value = single(text, "text");
    const unitText = textArg(unit, "unit");
    const u = isBlank(unitText) ? "£" : parseUnit(unitText);
    if (u === null) throw valueError(`The unit ${quote(unit)} is not one of £, £000 or £m.`);
    const read = requireAmount(value, () => quote(value));
    return read === null ? 0 : read / unitFactor(u);
  });
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
  return run(() => coreSavingsTotal(grid(amounts), optionalBoolean(skipText, false, "skipText")));
}

/**
 * One spilled row of column totals (years across). With a status per row, each row is weighted by its status: risk-adjusted savings.
 * @customfunction SAVINGSBYYEAR
 * @helpurl https://localhost:3000/help/functions.html#savingsbyyear
 * @param amounts Savings: initiatives down, years across.
 * @param statuses One RAG status per row of amounts.
 * @param weights Two columns, status and weight (50% or 0.5), to override the defaults: Blue and Green 100%, Amber 50%, Red and Grey 0%.
 * @param key A RAG key range: status in the first column, then its description and synonyms.
 * @returns One row of totals, one per column.
 */
export function savingsByYear(amounts: any[][], statuses?: any[][], weights?: any[][], key?: any[][]): number[][] {
  return run(() => {
    const status = optionalTextGrid(statuses);
    const statusCells = status ? line(status, "statuses") : null;
    return [coreSavingsByYear(grid(amounts), statusCells, optionalGrid(weights), ragKey(key))];
  });
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
  return run(() => {
    const verdict = coreTotalCheck(
      amount(statedTotal, "statedTotal"),
      amountGrid(grid(amounts), { label: "amounts" }),
      optionalNumber(tolerance, 0.5, "tolerance"),
    );
    return verdict.ok ? true : verdict.message;
  });
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
  return run(() => ragStatus(textArg(status, "status"), ragKey(key)));
}

/**
 * Checks that every status in a range is in the RAG key.
 * @customfunction RAGCHECK
 * @helpurl https://localhost:3000/help/functions.html#ragcheck
 * @param statuses The statuses to check.
 * @param key A RAG key range; default the five-point key.
 * @param allowBlank TRUE to accept blank statuses; default FALSE.
 * @returns TRUE, or how many statuses are outside the key, which, and where.
 */
export function ragCheck(statuses: any[][], key?: any[][], allowBlank?: any): any {
  return run(() => coreRagCheck(textGrid(statuses), ragKey(key), optionalBoolean(allowBlank, false, "allowBlank")));
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
  return run(() => {
    const m = parseRollupMethod(textArg(method, "method"));
    if (m === null) throw valueError(`The method ${quote(method)} is not "worst" or "average".`);
    const k = ragKey(key);
    return rollUp(statusIndices(textGrid(statuses), k), k, m);
  });
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
  return run(() => coreRagCount(textGrid(statuses), textArg(status, "status"), ragKey(key)));
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
  return run(() => {
    const b = parseBound(textArg(bound, "bound"));
    if (b === null) throw valueError(`The bound ${quote(bound)} is not "start" or "end".`);
    return parseDate(textArg(text, "text"), b) ?? "";
  });
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
  return run(() => yearLabel(financialYearStart(dateArg(date)), styleArg(style)));
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
  return run(() => yearLabel(academicYearStart(dateArg(date)), styleArg(style)));
}

/**
 * TRUE when an action's end date has passed by the as-of date and its status is not complete.
 * @customfunction OVERDUE
 * @helpurl https://localhost:3000/help/functions.html#overdue
 * @param endDate The end date or deadline (date or text such as "Sep 24"; a month means its end). Blank or "Ongoing" is never overdue.
 * @param status The action's RAG status.
 * @param asOf The report date to judge by (a date; the function does not use today's date).
 * @param key A RAG key range; its complete status (Blue) is what counts as done.
 * @returns TRUE or FALSE.
 */
export function overdue(endDate: any, status: any, asOf: any, key?: any[][]): boolean {
  return run(() =>
    isOverdue(textArg(endDate, "endDate"), textArg(status, "status"), readAsOf(textArg(asOf, "asOf")), ragKey(key)),
  );
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
 * Full names for a lead written as initials, such as "BC/AM", from a legend like "Bernadette Caffrey (BC), Andrew Merry (AM)".
 * @customfunction LEAD
 * @helpurl https://localhost:3000/help/functions.html#lead
 * @param initials The lead cell: one or more initials separated by /, &, commas or "and".
 * @param legend The legend: a cell or range of cells such as "Jane Bloggs (JB), Kamal Patel (KP)".
 * @returns The names, such as "Bernadette Caffrey and Andrew Merry".
 */
export function lead(initials: any, legend: any[][]): string {
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
  const style = parseYearStyle(textArg(raw, "style"));
  if (style === null) throw valueError(`The style ${quote(raw)} is not "long" or "short".`);
  return style;
}
