import { formatMoney } from "../money";

/**
 * How a budget section of the paper says its figures in words: money with its unit ("£747k",
 * "£6.15m", "£1,099,530"), never a bare number; a percentage as one; what a column means; which
 * way round a variance, a movement or a balance is signed. The heading-word reader's budgets
 * (summary) and the tables read by their shape (shape/summary) both say them so.
 */

/** The unit of a paper table's figures: money in £, £000 or £m, a percentage, or a count. */
export type FigureUnit = "£" | "£000" | "£m" | "%" | "count";

/** A heading that names a share ("% of the block", "Variance %", "percentage of budget"); never the 0.5% of "a 0.5% block transfer". */
const SHARE_HEADING = /(?<![\d.])%|\bper\s?cent\b|\bpercentage\b/i;

/** Whether a column's heading names a share: its figures are percentages, not added up as money. */
export function isShareHeading(heading: string): boolean {
  return heading.length <= 200 && SHARE_HEADING.test(heading);
}

/** Whether a unit is money. */
export function isMoneyUnit(unit: string | null | undefined): unit is "£" | "£000" | "£m" {
  return unit === "£" || unit === "£000" || unit === "£m";
}

/**
 * A figure in a sentence with its unit, as a reader says it: "£747k" for 747 in £000, "£6.15m",
 * "£1,099,530", "12.5%", "1,223" for a count; a negative in brackets ("(£335k)"). A figure whose
 * unit the table does not say is given with the words "in the table's own units".
 */
export function figureWords(value: number, unit: FigureUnit | "mixed", decimals?: number): string {
  const places = (fallback?: number) => decimals ?? fallback;
  let body: string;
  switch (unit) {
    case "£":
      body = formatMoney(Math.abs(value), { decimals: places() });
      break;
    case "£000":
      body = `${formatMoney(Math.abs(value), { decimals: places(0) })}k`;
      break;
    case "£m":
      body = `${formatMoney(Math.abs(value), { decimals: places(2) })}m`;
      break;
    case "%":
      body = `${formatMoney(Math.abs(value), { symbol: false, decimals: places() })}%`;
      break;
    case "count":
      body = formatMoney(Math.abs(value), { symbol: false, decimals: places(0) });
      break;
    default:
      body = `${formatMoney(Math.abs(value), { symbol: false, decimals: places() })} (in the table's own units)`;
  }
  // A figure that rounds to nothing is never bracketed: "(£0k)" would alarm a reader.
  return value < 0 && /[1-9]/.test(body) ? `(${body})` : body;
}

/** "a, b and c". */
export function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** What a column of the given meaning (the shape reader's vocabulary) holds, in words, or null where the reader does not know. */
export function meaningWords(meaning: string): string | null {
  const [word = "", ...rest] = meaning.split(";").map((m) => m.trim());
  const year = [word, ...rest].find((m) => m.startsWith("year:"))?.slice(5);
  const of = year ? ` for ${year}` : "";
  if (word.startsWith("%")) return `a percentage${word.length > 1 ? ` (${word.replace(/^%\s*/, "")})` : ""}`;
  if (word === "percent") return "a percentage";
  switch (word) {
    case "budget":
      return `the budget${of}`;
    case "forecast":
      return `the forecast${of}`;
    case "outturn":
      return `the outturn (spend)${of}`;
    case "previous":
      return "the figure at the previous report";
    case "movement":
      return "the movement since the previous figure";
    case "brought-forward":
      return "the opening balance (brought forward)";
    case "carried-forward":
      return "the closing balance (carried forward)";
    case "in-year":
      return `the in-year over- or underspend${of}`;
    case "adjustment":
      return "an adjustment to the balance";
    case "funding":
      return `the funding${of}`;
    case "balance":
      return `the balance${of}`;
    case "saving":
      return `savings${of}`;
    case "total":
      return "the total across the row";
    case "actual":
      return `the actual figure${of}`;
    case "target":
      return `the target${of}`;
    case "baseline":
      return "the baseline";
    default:
      return year ? `figures for ${year}` : null;
  }
}

/** "“Variance” is “Forecast” less “Budget”: an overspend positive, an underspend in brackets." */
export function varianceWords(heading: string, latest: string, base: string, convention: "outturn-budget" | "budget-outturn"): string {
  const [first, second] = convention === "outturn-budget" ? [latest, base] : [base, latest];
  const headroom = /headroom|shortfall/i.test(heading);
  const signs = headroom
    ? convention === "outturn-budget"
      ? "a shortfall positive, headroom in brackets"
      : "headroom positive, a shortfall in brackets"
    : convention === "outturn-budget"
      ? "an overspend positive, an underspend in brackets"
      : "an underspend positive, an overspend in brackets";
  return `“${heading}” is “${first}” less “${second}”: ${signs}`;
}

/** An overspend (positive) or underspend as a reader says it, with its unit: "an overspend of £747k". */
export function overspendWords(over: number, unit: FigureUnit | "mixed", decimals?: number, headroom = false): string {
  const amount = figureWords(Math.abs(over), unit, decimals);
  if (headroom) return over > 0 ? `a shortfall of ${amount}` : over < 0 ? `headroom of ${amount}` : "no shortfall and no headroom";
  return over > 0 ? `an overspend of ${amount}` : over < 0 ? `an underspend of ${amount}` : "neither over- nor underspent";
}

/** A labelled line that says which way its figures run: a deficit, an overspend, a surplus. */
const DEFICIT_WORD = /\bdeficits?\b|\bover[\s-]{0,3}spend(?:s|ing)?\b|\bshortfall\b/i;
const BOTH_WAYS = /\bsurplus\b|\bunder[\s-]{0,3}spend|\(\s{0,3}deficit|\/\s{0,3}\(?\s{0,3}deficit/i;

/**
 * Which way a balance table signs a deficit: +1 where a deficit is positive (a "Net DSG Reserve
 * account deficit" of 25,105.8), −1 where it is in brackets (a balance of (4.25) after a forecast
 * overspend of (7.45)). Read from the lines and title that name a deficit or an overspend one
 * way only, by the sign of their figures; a balance in brackets is a deficit where nothing says.
 */
export function deficitSign(lines: readonly { label: string; values: readonly (number | null)[] }[], title = ""): 1 | -1 {
  let vote = 0;
  for (const l of lines) {
    if (!DEFICIT_WORD.test(l.label) || BOTH_WAYS.test(l.label)) continue;
    for (const v of l.values) if (v !== null && v !== 0) vote += v > 0 ? 1 : -1;
  }
  if (vote !== 0) return vote > 0 ? 1 : -1;
  if (DEFICIT_WORD.test(title) && !BOTH_WAYS.test(title)) {
    const last = lines[lines.length - 1];
    const v = last?.values.filter((x): x is number => x !== null).pop();
    if (v !== undefined && v !== 0) return v > 0 ? 1 : -1;
  }
  return -1;
}

/** A balance as a reader says it: "a deficit of £12.35m", "a surplus of £3.20m". */
export function balanceWords(value: number, sign: 1 | -1, unit: FigureUnit | "mixed", decimals?: number): string {
  if (value === 0) return "nil";
  const amount = figureWords(Math.abs(value), unit, decimals);
  return value * sign > 0 ? `a deficit of ${amount}` : `a surplus of ${amount}`;
}

/** The sign convention of a balance table, said once. */
export function balanceSignWords(sign: 1 | -1): string {
  return sign > 0 ? "Balances here are as the table gives them: a deficit positive, a surplus in brackets." : "Balances here are as the table gives them: a surplus positive, a deficit in brackets.";
}
