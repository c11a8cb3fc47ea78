import { normaliseStatus } from "../rag";
import { findYearLabel, yearLabel } from "../years";
import type { Field } from "./types";
import { columnLetters } from "./location";

/**
 * Column headings as councils write them, by what the column holds. Matching ignores case,
 * punctuation and "&"/"and". A heading that names a financial year ("24/25 Target Savings",
 * "2024-25") is an amount column for that year whatever else it says.
 */
const SYNONYMS: Record<Field, string[]> = {
  ref: ["ref", "ref no", "reference", "no", "number", "id", "action no", "action ref", "item", "priority ref"],
  action: [
    "key improvement action", "improvement action", "action", "actions", "key action", "key actions",
    "what we will do", "what will we do", "task", "tasks", "action description", "activity", "actions required",
  ],
  initiative: [
    "initiative", "initiatives", "project", "projects", "workstream", "work stream", "scheme", "proposal",
    "savings initiative", "saving initiative", "savings proposal", "recovery action", "area", "savings area",
  ],
  milestone: [
    "milestone", "milestones", "milestone activities", "key milestones", "activities", "milestone activity",
    "deliverables", "key deliverables",
  ],
  outcomes: [
    "expected outcomes", "expected outcome", "outcome", "outcomes", "intended outcomes", "success measures",
    "measures of success", "impact", "expected impact", "what difference will it make",
  ],
  aims: ["aims", "aim", "aims success criteria", "success criteria", "objectives", "objective", "purpose"],
  risks: ["risks", "risk", "risks and mitigations", "risks mitigations", "risks issues", "issues", "dependencies"],
  lead: [
    "lead", "leads", "lead officer", "lead officers", "owner", "owners", "responsible", "responsible officer",
    "accountable officer", "accountable", "who", "by whom", "lead person", "officer", "action owner",
    "action lead", "lead officer s", "responsible lead",
  ],
  start: ["start date", "start", "from", "begin", "commencement", "start by", "date started"],
  end: [
    "end date", "end", "target date", "deadline", "due date", "completion date", "by when", "timescale",
    "timescales", "date due", "target completion", "to", "due", "completion", "target completion date", "finish",
    "target", "timeframe", "time frame", "date to be completed", "revised date", "revised target date",
    "revised deadline", "revised end date", "original target date", "original date", "revised timescale",
  ],
  rag: [
    "rag", "rag status", "rag rating", "progress rag", "status rag", "status", "rating", "current rag",
    "delivery rag", "rag progress", "overall rag", "b rag", "brag", "delivery confidence", "confidence",
    "action status", "project status", "current status", "rag rating",
  ],
  progress: [
    "progress", "progress comments", "progress update", "update", "updates", "comments", "comment",
    "commentary", "latest update", "progress to date", "current position", "position", "narrative",
  ],
  costs: ["costs agreed", "costs", "cost", "investment", "budget", "resource", "resources", "funding", "cost of delivery"],
  savingsNote: ["savings note", "savings notes", "note", "notes", "calculation", "basis of calculation", "assumptions"],
  priority: ["strategy priority", "priority", "strategic priority", "theme", "strategic theme", "priority area"],
  amount: [],
  total: ["total", "total savings", "totals", "total saving"],
  label: [],
  current: [
    "current perf", "current performance", "current performance level", "baseline", "baseline position",
    "current value", "current level", "performance now", "latest performance", "current data", "current",
  ],
  target: ["targets", "target value", "target values", "target measure", "kpi target", "targets by year", "target as written", "targets as written"],
  // Scorecard words are matched only as whole headings (SCORECARD_EXACT): "measure" or "trend"
  // inside a plan's heading ("Outcome measure") must not take it from the plan's own field.
  perspective: [],
  measure: [],
  baselineYear: [],
  targetYear: [],
  targetNow: [],
  actual: [],
  direction: [],
  tolerance: [],
  trend: [],
  // Budget measures are read by the budget reader (budget.ts), not by plan headings.
  code: [],
  budget: [],
  outturn: [],
  variance: [],
  variancePercent: [],
  previous: [],
  block: [],
  scenario: [],
};

const SCORECARD_WORDS: Partial<Record<Field, string[]>> = {
  perspective: ["perspective", "scorecard perspective", "balanced scorecard perspective"],
  measure: ["measure", "indicator", "kpi", "performance indicator", "key performance indicator", "metric", "performance measure"],
  baselineYear: ["baseline year", "baseline date", "baseline period", "year of baseline"],
  direction: ["direction", "better is", "good is", "polarity", "higher or lower is better", "direction of improvement"],
  tolerance: ["tolerance", "amber tolerance", "amber threshold", "tolerance for amber"],
  trend: ["trend", "direction of travel", "dot", "trend since last period"],
};
const SCORECARD_EXACT = new Map<string, Field>();
for (const [field, words] of Object.entries(SCORECARD_WORDS) as [Field, string[]][]) for (const w of words) SCORECARD_EXACT.set(normaliseStatus(w), field);

/** Fields that are a scorecard's own: read as amounts by year, or not at all, in any other table. */
export const SCORECARD_FIELDS: ReadonlySet<Field> = new Set<Field>(["perspective", "measure", "baselineYear", "targetYear", "targetNow", "actual", "direction", "tolerance", "trend"]);

/** A scorecard heading naming a year: "Target 2026/27", "Target for 2025/26", "Actual Q2 2025/26". */
const SCORECARD_YEAR_HEADING: { re: RegExp; field: Field; what: string }[] = [
  { re: /^\s*target\s+for\b/i, field: "targetNow", what: "the target the status is judged against" },
  { re: /^\s*targets?\b(?!.*\bsaving)/i, field: "targetYear", what: "an indicator's target" },
  { re: /^\s*actuals?\b/i, field: "actual", what: "an indicator's actual" },
];

const EXACT = new Map<string, Field>();
const PHRASES: { words: string; field: Field }[] = [];
for (const [field, words] of Object.entries(SYNONYMS) as [Field, string[]][]) {
  for (const w of words) {
    const n = normaliseStatus(w);
    if (!EXACT.has(n)) EXACT.set(n, field);
    PHRASES.push({ words: n, field });
  }
}
// Longer phrases first, so "progress rag" wins over "progress" inside "progress (rag)".
PHRASES.sort((a, b) => b.words.length - a.words.length);

export interface HeaderMatch {
  field: Field;
  year?: number;
  reason: string;
}

/**
 * Whether a cell is a heading by its exact words or a year label: cheap enough to ask of every
 * cell of a 20,000-row sheet, so only rows with such a cell are read as possible headings.
 */
export function isPlainHeading(raw: unknown): boolean {
  if (typeof raw !== "string" || raw.length > 80) return false;
  const n = normaliseStatus(raw);
  return EXACT.has(n) || SCORECARD_EXACT.has(n) || findYearLabel(raw) !== null || FY_ENDING.test(raw);
}

const FY_ENDING = /^\s*fy\s*'?(\d{2}|\d{4})\s*$/i;

/** What a heading means, or null when it is not one the reader knows. */
export function matchHeader(raw: unknown): HeaderMatch | null {
  if (typeof raw !== "string") {
    // A year typed as a number (2024) is not a year label: financial years need two years.
    return null;
  }
  const text = raw.trim();
  if (text.length === 0 || text.length > 80) return null;
  const year = findYearLabel(text);
  if (year !== null) {
    const label = yearLabel(year);
    const scorecard = SCORECARD_YEAR_HEADING.find((h) => h.re.test(text));
    if (scorecard) return { field: scorecard.field, year, reason: `${scorecard.what} for ${label}` };
    return { field: "amount", year, reason: `names the financial year ${label}` };
  }
  const fy = FY_ENDING.exec(text);
  if (fy) {
    // "FY25" is the financial year ending in March 2025, as the DfE and most councils write it.
    const ending = fy[1]!.length === 2 ? 2000 + Number(fy[1]) : Number(fy[1]);
    return { field: "amount", year: ending - 1, reason: `names the financial year ending March ${ending} (${ending - 1}/${String(ending % 100).padStart(2, "0")})` };
  }
  const n = normaliseStatus(text);
  const exact = EXACT.get(n) ?? SCORECARD_EXACT.get(n);
  if (exact) return { field: exact, reason: "a usual heading" };
  // Long cells are content, not headings: only short ones are read by the words they contain.
  if (text.length > 40) return null;
  // In an English heading the last words name the thing ("Action Owner" is an owner, "Progress
  // (RAG)" a RAG status), so of the phrases it contains, the one ending latest wins; then the longest.
  const padded = ` ${n} `;
  let best: { field: Field; words: string; end: number } | null = null;
  for (const p of PHRASES) {
    if (p.words.length < 3) continue;
    const at = padded.lastIndexOf(` ${p.words} `);
    if (at < 0) continue;
    const end = at + p.words.length;
    if (!best || end > best.end || (end === best.end && p.words.length > best.words.length)) {
      best = { field: p.field, words: p.words, end };
    }
  }
  return best ? { field: best.field, reason: `contains “${best.words}”` } : null;
}

export const FIELD_NAMES: Record<Field, string> = {
  ref: "reference",
  action: "action",
  initiative: "initiative",
  milestone: "milestone",
  outcomes: "expected outcomes",
  aims: "aims",
  risks: "risks",
  lead: "lead",
  start: "start date",
  end: "end date",
  rag: "RAG status",
  progress: "progress",
  costs: "costs",
  savingsNote: "savings note",
  priority: "priority",
  amount: "amount",
  total: "total",
  label: "line label",
  current: "current performance",
  target: "targets",
  perspective: "perspective",
  measure: "measure",
  baselineYear: "baseline year",
  targetYear: "target for a year",
  targetNow: "target for the year",
  actual: "actual",
  direction: "direction",
  tolerance: "tolerance",
  trend: "trend",
  code: "line code",
  budget: "budget",
  outturn: "outturn",
  variance: "variance",
  variancePercent: "% variance",
  previous: "previous year",
  block: "block",
  scenario: "scenario",
};

export const PAST_LAST_HEADING = "Past the last heading";

/** The heading the import gives a column of cells that sat past the table's last heading. */
export function beyondHeading(sheetColumn: number): string {
  return `${PAST_LAST_HEADING} (column ${columnLetters(sheetColumn)})`;
}

/** The heading the import gives a column that held cells under no heading. */
export function unheadedHeading(sheetColumn: number): string {
  return `Column ${columnLetters(sheetColumn)} (no heading)`;
}

const PLACEHOLDER = new RegExp(`^(?:${PAST_LAST_HEADING} \\(column [A-Z]{1,3}\\)|Column [A-Z]{1,3} \\(no heading\\))$`);

/**
 * A heading the import wrote to keep cells no heading named. Read back, it is no heading at all,
 * so a workbook the import wrote is checked as the pasted text was.
 */
export function isPlaceholderHeading(raw: unknown): boolean {
  return typeof raw === "string" && PLACEHOLDER.test(raw.trim());
}
