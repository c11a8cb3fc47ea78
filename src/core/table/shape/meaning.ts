import { yearIn } from "./typed";

/**
 * What a figure column means, from its heading's words: the vocabulary of the corpus ("budget",
 * "forecast", "outturn", "variance", "previous", "movement", "brought-forward", "carried-forward",
 * "in-year", "adjustment", "funding", "target", "baseline", "actual", "total", "rag", "lead",
 * "start-date", "end-date", "comment", "polarity", "% of …", "year:2025/26"). A year decides a
 * column's meaning unless a budget word says more ("2015/16 Budget £" is the budget).
 */
const WORDS: ReadonlyArray<readonly [RegExp, string, boolean]> = [
  // [pattern, meaning, beats a year in the heading]
  [/\bcomments?\b|\bcommentary\b|\bnotes?\b|\bexplanation\b|\breasons?\b/, "comment", true],
  [/\bprevious\b|\bprior\b|\blast (?:month|quarter|report)\b/, "previous", true],
  [/\bmovement\b|\bchange\b|increase\s*\/\s*\(?decrease|\bdifference between\b/, "movement", true],
  [/\bvariance\b|\(under\)\s*(?:\/\s*)?over|over\s*\/\s*\(under\)|\bheadroom\b|\bshortfall\b|\bover\s*\/\s*under\b|\bunder\s*\/\s*over\b|\bdifference\b/, "variance", true],
  [/\bopening\b|\bbrought\s+forward\b|\bb\s*\/\s*f(?:wd)?\b/, "brought-forward", true],
  [/\bclosing\b|\bcarried\s+forward\b|\bc\s*\/\s*f(?:wd)?\b/, "carried-forward", true],
  [/\bcorrection\b|\badjustments?\b|\bcarry[- ]forwards\b|\btransfers?\b/, "adjustment", true],
  [/\bforecast\b|\bprojected\b|\bprojection\b|\blatest\b/, "forecast", true],
  [/\boutturn\b|\bexpenditure\b|\bspend\b|\bspent\b/, "outturn", true],
  [/\bbudget\b|\ballocated\b|\ballocation\b/, "budget", true],
  [/\bfunding\b|\bgrant\b|\bincome\b/, "funding", true],
  [/\bpolarity\b|\bgood is\b|\bdirection\b|\bbetter\b/, "polarity", true],
  [/\brag\b|\btraffic light\b|\bstatus\b/, "rag", false],
  [/\bstart\b/, "start-date", true],
  [/\bend date\b|\bdeadline\b|\bdue\b|\bcompletion date\b|\btarget date\b|\bby when\b|\btimescale\b/, "end-date", true],
  [/\blead\b|\bowner\b|\bresponsib/, "lead", true],
  [/\bbaseline\b|\bcurrent position\b|\bstarting point\b/, "baseline", true],
  [/\btargets?\b|\bambition\b|\baim\b/, "target", false],
  [/\bactuals?\b|\bnumber of\b|\bcount\b|\bachieved\b/, "actual", false],
  [/\bgrand total\b|^total\b|\btotal$/, "total", true],
  [/\bsavings?\b/, "saving", false],
  [/\bbalances?\b|\breserves?\b/, "balance", false],
];

/** A column of words, not figures: comments, text, statuses, leads, dates, polarity. */
export function isWordsColumn(meaning: string): boolean {
  return /^(?:comment|text|rag|lead|polarity)|date$/.test(meaning);
}

/** A column of shares ("% of budget", "percent"): not added up, not money. */
export function isShare(meaning: string): boolean {
  return /^%|^percent/.test(meaning);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "May 20", "August 2021" → "2020-05": a status column dated by month. */
function monthIn(text: string): string | null {
  const m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+'?(\d{2}|\d{4})\b/i.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return `${year}-${String(month).padStart(2, "0")}`;
}

export interface MeaningInput {
  readonly heading: string;
  /** The share of the column's cells that are percentages. */
  readonly percentShare: number;
}

/** The meaning of a column from its heading, or "" where the heading says nothing the reader knows. */
export function meaningOf({ heading, percentShare }: MeaningInput): string {
  const h = heading.toLowerCase().replace(/\s+/g, " ").trim();
  // Data sets name a share "asd_pc" or "rate_pct": a percentage as much as one headed "%".
  if ((/%|\bper ?cent|\bpercentage\b/.test(h) || /_(?:pc|pct)$/.test(h)) && !/\btarget|\bactual|\bbaseline/.test(h)) {
    // The years belong to the column beside it; the share is of what the words name.
    const rest = h.replace(/%|\bpercentage\b|\bper ?cent\b|\bof\b|£'?000|£m?|\(|\)|\b(?:19|20)?\d\d\s*(?:\/|-|–|to)\s*(?:19|20)?\d\d\b/g, " ");
    return `% of ${rest.replace(/\s+/g, " ").trim() || "the total"}`;
  }
  if (!h && percentShare >= 0.6) return "percent";
  let word = "";
  let beatsYear = false;
  for (const [pattern, meaning, beats] of WORDS) {
    if (pattern.test(h)) {
      word = meaning;
      beatsYear = beats;
      break;
    }
  }
  const month = monthIn(h);
  if (month && (word === "rag" || word === "")) return `${word || "actual"}:${month}`;
  const year = yearIn(h);
  if (year !== null && (!word || !beatsYear)) {
    const label = `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
    return word ? `${word}; year:${label}` : `year:${label}`;
  }
  return word;
}
