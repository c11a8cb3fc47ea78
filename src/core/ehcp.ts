import { count, quote, valueError } from "./errors";
import { capitalise, cleanSum, isBlank } from "./grid";
import { formatFigure, readAmount } from "./money";
import { normaliseStatus } from "./rag";

/**
 * The DfE DSG management plan's "children and young people" tables: EHCPs for seven placement
 * categories, each by age group and by primary need, by January census year, actual then
 * forecast. The names, in DfE's words and order; how councils' own words map to them; the
 * checks the plan's tables must pass; and caseload × unit cost, the forecast behind the deficit.
 */

// ---------------------------------------------------------------------------------------------
// DfE's categories, age groups and primary needs

export type EhcpCategoryId = "mainstream" | "resourced" | "special" | "independent" | "ap" | "post16" | "other";
export type AgeGroupId = "under5" | "5to10" | "11to15" | "16to19" | "20to25";
export type NeedId = "asd" | "hi" | "mld" | "msi" | "pd" | "pmld" | "semh" | "slcn" | "sld" | "spld" | "vi" | "oth" | "nsa";

export interface EhcpCategory {
  readonly id: EhcpCategoryId;
  /** DfE's label in the management plan template. */
  readonly name: string;
  /** The age groups the category can have: post-16 only the last two. */
  readonly ages: readonly AgeGroupId[];
}

const ALL_AGES: readonly AgeGroupId[] = ["under5", "5to10", "11to15", "16to19", "20to25"];

/** The seven placement categories, in DfE's order. */
export const EHCP_CATEGORIES: readonly EhcpCategory[] = [
  { id: "mainstream", name: "Mainstream schools or academies", ages: ALL_AGES },
  { id: "resourced", name: "Resourced provision or SEN Units", ages: ALL_AGES },
  { id: "special", name: "Maintained special schools or special academies", ages: ALL_AGES },
  { id: "independent", name: "Non-maintained special schools or independent (NMSS or independent)", ages: ALL_AGES },
  { id: "ap", name: "Hospital schools or alternative provision (AP)", ages: ALL_AGES },
  { id: "post16", name: "Post 16 and further education (FE)", ages: ["16to19", "20to25"] },
  { id: "other", name: "Other placements or direct payments", ages: ALL_AGES },
];

/** The age groups (age on 31 August), in DfE's order and words. */
export const AGE_GROUPS: readonly { readonly id: AgeGroupId; readonly name: string; readonly from: number; readonly to: number }[] = [
  { id: "under5", name: "Under 5", from: 0, to: 4 },
  { id: "5to10", name: "Age 5 to 10", from: 5, to: 10 },
  { id: "11to15", name: "Age 11 to 15", from: 11, to: 15 },
  { id: "16to19", name: "Age 16 to 19", from: 16, to: 19 },
  { id: "20to25", name: "Age 20 to 25", from: 20, to: 25 },
];

/** The thirteen primary needs, in DfE's order and words, with the abbreviations councils and DfE's data use. */
export const PRIMARY_NEEDS: readonly { readonly id: NeedId; readonly name: string; readonly abbreviation: string }[] = [
  { id: "asd", name: "Autistic Spectrum Disorder", abbreviation: "ASD" },
  { id: "hi", name: "Hearing Impairment", abbreviation: "HI" },
  { id: "mld", name: "Moderate Learning Difficulty", abbreviation: "MLD" },
  { id: "msi", name: "Multi- Sensory Impairment", abbreviation: "MSI" },
  { id: "pd", name: "Physical Disability", abbreviation: "PD" },
  { id: "pmld", name: "Profound & Multiple Learning Difficulty", abbreviation: "PMLD" },
  { id: "semh", name: "Social, Emotional and Mental Health", abbreviation: "SEMH" },
  { id: "slcn", name: "Speech, Language and Communications needs", abbreviation: "SLCN" },
  { id: "sld", name: "Severe Learning Difficulty", abbreviation: "SLD" },
  { id: "spld", name: "Specific Learning Difficulty", abbreviation: "SpLD" },
  { id: "vi", name: "Visual Impairment", abbreviation: "VI" },
  { id: "oth", name: "Other Difficulty/Disability", abbreviation: "OTH" },
  { id: "nsa", name: "SEN support but no specialist assessment of type of need", abbreviation: "NSA" },
];

export function ehcpCategory(id: EhcpCategoryId): EhcpCategory {
  return EHCP_CATEGORIES.find((c) => c.id === id)!;
}

export function ageGroupName(id: AgeGroupId): string {
  return AGE_GROUPS.find((a) => a.id === id)!.name;
}

/** Lower case, punctuation and spacing made single spaces: "Non-maintained (NMSS)" → "non maintained nmss". */
function plain(text: string): string {
  return normaliseStatus(text.slice(0, 300));
}

/** How a council's words for a placement map to a category: DfE's own label is certain, other words a guess. */
export interface CategoryMatch {
  readonly category: EhcpCategory;
  /** The words were DfE's own label (or its short form in brackets); otherwise the mapping is a guess from the words. */
  readonly exact: boolean;
}

const EXACT_CATEGORY = new Map<string, EhcpCategoryId>();
for (const c of EHCP_CATEGORIES) {
  EXACT_CATEGORY.set(plain(c.name), c.id);
  const short = /\(([^()]{1,40})\)/.exec(c.name);
  if (short) {
    EXACT_CATEGORY.set(plain(short[1]!), c.id);
    EXACT_CATEGORY.set(plain(c.name.slice(0, short.index)), c.id);
  }
}

/**
 * Words that place a setting in a category, tried in this order: post-16 before independent (an
 * independent specialist provider is post-16), independent before special (an independent special
 * school), special before mainstream.
 */
const CATEGORY_WORDS: readonly [EhcpCategoryId, RegExp][] = [
  ["post16", /\bpost 16\b|\bpost16\b|\bfurther education\b|\bfe\b|\bcolleges?\b|\bsixth form|\bspecialist post|\bindependent specialist provider|\bisp\b|\bapprentice|\btraineeship|\bsupported internship/],
  ["ap", /\bhospital|\balternative provision|\bap\b|\bprus?\b|\bpupil referral/],
  ["independent", /\bnon maintained|\bindependent|\bnmss\b|\biss\b|\bout of (?:county|area|borough)\b|\bprivate\b/],
  ["special", /\bspecial (?:schools?|academ|free school)|\bspecial\b/],
  ["resourced", /\bresourced|\bsen units?\b|\bunits?\b|\bsrp\b|\barp\b|\benhanced provision|\bspecialist resource/],
  ["mainstream", /\bmainstream|\bprimary|\bsecondary|\bacadem|\binfant|\bjunior|\bfirst school|\bmiddle school|\bnursery|\bearly years|\ball through/],
  ["other", /\bdirect payments?|\bpersonal budgets?|\bother\b|\bhome\b|\bhome educat|\behe\b|\bnot in education|\bneet\b|\beducated otherwise|\beotas\b|\bawaiting|\bno placement|\belsewhere\b/],
];

/** The category a label names: DfE's words exactly, or a guess from the words a council uses; null when the words do not say. */
export function matchCategory(label: unknown): CategoryMatch | null {
  if (typeof label !== "string" || isBlank(label)) return null;
  const text = plain(label);
  const exact = EXACT_CATEGORY.get(text);
  if (exact) return { category: ehcpCategory(exact), exact: true };
  for (const [id, words] of CATEGORY_WORDS) if (words.test(text)) return { category: ehcpCategory(id), exact: false };
  return null;
}

/** The age group a label or a single age names ("Under 5", "age 5 to 10", "5-10", 7), or null. */
export function matchAgeGroup(label: unknown): AgeGroupId | null {
  if (typeof label === "number") return Number.isInteger(label) && label >= 0 && label <= 25 ? AGE_GROUPS.find((a) => label >= a.from && label <= a.to)!.id : null;
  if (typeof label !== "string") return null;
  const text = plain(label);
  if (/^(?:age[ds]? )?(?:under|below) 5\b|^(?:age[ds]? )?0 (?:to )?4\b/.test(text)) return "under5";
  const range = /^(?:age[ds]? )?(\d{1,2}) (?:to )?(\d{1,2})(?: years?(?: old)?)?$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return AGE_GROUPS.find((a) => a.from === from && a.to === to)?.id ?? null;
  }
  const single = /^(?:age[ds]? )?(\d{1,2})(?: years?(?: old)?)?$/.exec(text);
  if (single) return matchAgeGroup(Number(single[1]));
  return null;
}

const NEED_WORDS: readonly [NeedId, RegExp][] = [
  ["asd", /\bautis|\basd\b|\basc\b/],
  ["hi", /\bhearing|\bhi\b|\bdeaf/],
  ["pmld", /\bprofound|\bpmld\b/],
  ["mld", /\bmoderate learning|\bmld\b/],
  ["msi", /\bmulti ?sensory|\bmsi\b/],
  ["pd", /\bphysical|\bpd\b/],
  ["semh", /\bsocial emotional|\bsemh\b|\bbesd\b/],
  ["slcn", /\bspeech|\bslcn\b/],
  ["sld", /\bsevere learning|\bsld\b/],
  ["spld", /\bspecific learning|\bspld\b/],
  ["vi", /\bvisual|\bvi\b/],
  ["nsa", /\bno specialist assessment|\bnsa\b/],
  ["oth", /\bother (?:difficulty|disability)|\both\b|^other$/],
];

/** The primary need a label names, in DfE's words or as abbreviated ("ASD", "SEMH"), or null. */
export function matchNeed(label: unknown): NeedId | null {
  if (typeof label !== "string" || isBlank(label)) return null;
  const text = plain(label);
  for (const [id, words] of NEED_WORDS) if (words.test(text)) return id;
  return null;
}

// ---------------------------------------------------------------------------------------------
// A breakdown as a range: labels on the left, a heading row of years on top

/** Cells that publishers write for a count they hold back (suppressed) or that is small. */
const SUPPRESSED = /^(?:[cxz:]|\[[cxz]\]|<\s?\d{1,2}|\*|~|low)$/i;

/** Whether a cell is a suppressed count ("c", "x", "z", ":", "<5"). */
export function isSuppressed(raw: unknown): boolean {
  return typeof raw === "string" && raw.length <= 10 && SUPPRESSED.test(raw.trim());
}

const TOTAL_LABEL = /^(?:grand |sub ?)?totals?\b|\btotals?$|^all\b/;
const FORECAST_WORD = /forecast|projected|projection|estimate|\best\b|\bplan(?:ned)?\b|\(f\)|\bf$/i;

/** One line of a breakdown: the category it belongs to and its counts by year (null: blank, or suppressed). */
export interface BreakdownLine {
  readonly category: string;
  readonly label: string;
  /** 0-based row within the range. */
  readonly row: number;
  readonly values: readonly (number | null)[];
  /** Years whose count is suppressed ("c", "<5"): they cannot be checked. */
  readonly suppressed: readonly number[];
}

export interface Breakdown {
  /** The years' headings, where the range has a heading row; else empty. */
  readonly years: readonly string[];
  /** Which years the heading marks as a forecast (all false without a heading row). */
  readonly forecast: readonly boolean[];
  /** Whether the range named its years: with none, a tolerance applies to every year. */
  readonly named: boolean;
  readonly width: number;
  readonly lines: readonly BreakdownLine[];
}

function isCount(raw: unknown): boolean {
  if (typeof raw === "number") return Number.isFinite(raw);
  if (typeof raw !== "string" || raw.length > 30) return false;
  const v = readAmount(raw);
  return v !== null && !Number.isNaN(v);
}

/** Consecutive whole years as numbers (2024, 2025, 2026): a heading row, not counts. */
function yearRun(cells: readonly unknown[]): boolean {
  const figures = cells.filter((c) => !isBlank(c));
  if (figures.length < 2 || !figures.every((c) => typeof c === "number" && Number.isInteger(c) && c >= 1990 && c <= 2100)) return false;
  return figures.every((c, i) => i === 0 || (c as number) === (figures[i - 1] as number) + 1);
}

/**
 * A breakdown as a finance officer selects it: optional label columns on the left (the category,
 * then the age group or need; a category may also stand alone on a row above its lines), an
 * optional heading row of years (a heading that says "forecast" marks a forecast year), and the
 * counts. Total rows are left out (they are not lines). `what` names the argument in messages.
 */
export function readBreakdown(grid: readonly (readonly unknown[])[], what: string): Breakdown {
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  if (grid.length === 0 || width === 0) throw valueError(`${capitalise(what)} is empty: select the counts, with their labels if you like.`);
  if (grid.length > 10_000 || width > 200) throw valueError(`${capitalise(what)} is too large: select one breakdown of up to 10,000 rows and 200 years.`);
  const cell = (r: number, c: number) => grid[r]?.[c] ?? null;
  // A heading row: text over the figure columns (or a run of years), no counts.
  const first = grid[0]!;
  let labelColumns = 0;
  const headed = (() => {
    // Year headings run to the last column; a category alone on the first row is not a heading.
    if (grid.length < 2 || isBlank(first[width - 1]) || first.filter((c) => !isBlank(c)).length < 1) return false;
    if (yearRun(first)) return true;
    return first.every((c) => isBlank(c) || (typeof c === "string" && !isCount(c) && !isSuppressed(c)));
  })();
  const top = headed ? 1 : 0;
  // Label columns: leading columns whose cells below the heading hold no counts.
  for (let c = 0; c < width - 1; c++) {
    let text = false;
    let counts = false;
    for (let r = top; r < grid.length; r++) {
      const v = cell(r, c);
      if (isBlank(v)) continue;
      if (typeof v === "string" && !isCount(v) && !isSuppressed(v)) text = true;
      else counts = true;
    }
    if (counts || !text) break;
    labelColumns = c + 1;
  }
  const years = width - labelColumns;
  const headings = headed ? Array.from({ length: years }, (_, y) => String(cell(0, labelColumns + y) ?? "").trim()) : [];
  const forecast = Array.from({ length: years }, (_, y) => headed && FORECAST_WORD.test((headings[y] ?? "").slice(0, 100)));
  const lines: BreakdownLine[] = [];
  let category = "";
  for (let r = top; r < grid.length; r++) {
    const labels = Array.from({ length: labelColumns }, (_, c) => cell(r, c)).map((v) => (isBlank(v) ? "" : String(v).trim()));
    const figures = Array.from({ length: years }, (_, y) => cell(r, labelColumns + y));
    const hasFigures = figures.some((v) => !isBlank(v));
    if (labelColumns >= 2 && labels[0] !== "") category = labels[0]!;
    const label = labels.slice(labelColumns >= 2 ? 1 : 0).filter((l) => l !== "").pop() ?? "";
    if (!hasFigures) {
      // A category standing alone on its row heads the lines under it; an age group or need with no
      // counts (or only noughts, which Excel on Windows passes as blanks) is a line of nothing.
      if (labelColumns === 1 && label !== "" && matchAgeGroup(label) === null && matchNeed(label) === null) category = label;
      continue;
    }
    if (TOTAL_LABEL.test(plain(label)) || (labelColumns >= 2 && label === "" && TOTAL_LABEL.test(plain(labels[0]!)))) continue;
    const suppressed: number[] = [];
    const values = figures.map((v, y) => {
      if (isBlank(v)) return null;
      if (isSuppressed(v)) {
        suppressed.push(y);
        return null;
      }
      const n = typeof v === "number" ? v : readAmount(v);
      if (n === null || Number.isNaN(n)) {
        throw valueError(`${capitalise(what)}, row ${r + 1}, column ${labelColumns + y + 1} (${quote(v)}) is not a count: give a number, leave it blank, or write "c" for a suppressed count.`);
      }
      if (n < 0) throw valueError(`${capitalise(what)}, row ${r + 1}, column ${labelColumns + y + 1} (${quote(v)}) is below nothing: a count of EHCPs cannot be.`);
      return n;
    });
    lines.push({ category, label, row: r, values, suppressed });
  }
  return { years: headings, forecast, named: headed, width: years, lines };
}

// ---------------------------------------------------------------------------------------------
// The checks

export type EhcpRule = "ehcp.breakdowns" | "ehcp.age" | "ehcp.summary" | "ehcp.growth" | "ehcp.cost";

export interface EhcpFinding {
  readonly rule: EhcpRule;
  /** An error must be put right; information is said with its size. */
  readonly severity: "error" | "info";
  readonly category: string;
  /** 0-based year (column) the finding is about. */
  readonly year: number;
  /** The line it is about (an age group's label), where it is about one. */
  readonly label?: string;
  readonly message: string;
}

/** A category's figures as the checks see them: by age group, by primary need, each a line per group. */
export interface CategoryFigures {
  /** As the table names it. */
  readonly name: string;
  readonly byAge: readonly { label: string; values: readonly (number | null)[]; suppressed?: readonly number[] }[];
  readonly byNeed: readonly { label: string; values: readonly (number | null)[]; suppressed?: readonly number[] }[];
}

export interface PlanFigures {
  /** The years' names ("January 2025"); "" where a year has none. */
  readonly years: readonly string[];
  readonly forecast: readonly boolean[];
  /** Whether the years are named actual or forecast: where not, the tolerance applies to every year. */
  readonly named?: boolean;
  readonly categories: readonly CategoryFigures[];
  /** The summary of all categories, where the plan has one: a line per category, and its stated total. */
  readonly summary?: { readonly lines: readonly { label: string; values: readonly (number | null)[] }[]; readonly total?: readonly (number | null)[] };
  /** Unit cost and cost per category and year, where the plan turns numbers into money. */
  readonly costs?: readonly { label: string; caseload: readonly (number | null)[]; unitCost: readonly (number | null)[]; cost: readonly (number | null)[] }[];
}

export interface EhcpCheckOptions {
  /** The largest difference between a forecast's two breakdowns that is rounding (information, not an error); default 0. */
  readonly tolerance?: number;
  /** Growth from one year to the next beyond this share is information; default 20%. */
  readonly growth?: number;
  /** The largest difference between a cost and caseload × unit cost that is rounding; default 1 (£1). */
  readonly costTolerance?: number;
}

export const EHCP_GROWTH_THRESHOLD = 0.2;

function yearName(plan: { years: readonly string[] }, y: number): string {
  const name = plan.years[y]?.trim().slice(0, 100);
  if (!name) return `year ${y + 1} (column ${y + 1} of the counts)`;
  // "January 2026 (forecast)" is named "January 2026": the message says it is a forecast where that matters.
  const mark = /\((?:forecast|actual)\)$/i.exec(name);
  return mark ? name.slice(0, mark.index).trimEnd() : name;
}

function sumOf(lines: readonly { values: readonly (number | null)[]; suppressed?: readonly number[] }[], y: number): number | null {
  let sum = 0;
  for (const l of lines) {
    if (l.suppressed?.includes(y)) return null;
    sum += l.values[y] ?? 0;
  }
  return cleanSum(sum);
}

const figure = formatFigure;

function categoryName(name: string): string {
  return name === "" ? "The breakdowns" : name;
}

/**
 * Every check on a plan's EHCP tables: each category's two breakdowns add to the same total each
 * year (exactly for an actual year; for a forecast a difference within the tolerance is
 * information, said with its size); no category has an age group it cannot (post-16 under 16);
 * the categories add to the summary; growth beyond the threshold is information; each cost is
 * caseload × unit cost. Findings in category order, then year.
 */
export function ehcpChecks(plan: PlanFigures, options: EhcpCheckOptions = {}): EhcpFinding[] {
  const tolerance = options.tolerance ?? 0;
  const threshold = options.growth ?? EHCP_GROWTH_THRESHOLD;
  const costTolerance = options.costTolerance ?? 1;
  const width = plan.years.length;
  const findings: EhcpFinding[] = [];
  const totals = new Map<string, (number | null)[]>();
  for (const c of plan.categories) {
    const name = categoryName(c.name);
    const matched = matchCategory(c.name);
    if (matched) {
      for (const line of c.byAge) {
        const group = matchAgeGroup(line.label);
        if (!group || matched.category.ages.includes(group)) continue;
        line.values.forEach((v, y) => {
          if (v === null || v === 0) return;
          findings.push({
            rule: "ehcp.age",
            severity: "error",
            category: c.name,
            year: y,
            label: line.label,
            message: `${name} has ${count(v, "EHCP")} in “${line.label}” in ${yearName(plan, y)}: ${matched.category.name} is for ages ${AGE_GROUPS.filter((a) => matched.category.ages.includes(a.id)).map((a) => `${a.from} to ${a.to}`).join(" and ")} only.`,
          });
        });
      }
    }
    const byYear: (number | null)[] = [];
    for (let y = 0; y < width; y++) {
      const age = c.byAge.length > 0 ? sumOf(c.byAge, y) : null;
      const need = c.byNeed.length > 0 ? sumOf(c.byNeed, y) : null;
      byYear.push(age ?? need);
      if (age === null || need === null) continue;
      const gap = cleanSum(Math.abs(age - need));
      if (gap === 0) continue;
      const allowed = plan.forecast[y] || plan.named === false ? tolerance : 0;
      const within = gap <= allowed;
      findings.push({
        rule: "ehcp.breakdowns",
        severity: within ? "info" : "error",
        category: c.name,
        year: y,
        message: `${c.name === "" ? capitalise(yearName(plan, y)) : `${name}, ${yearName(plan, y)}`}: ${figure(age)} by age group but ${figure(need)} by primary need, a difference of ${figure(gap)}${within ? ` (within the tolerance of ${figure(allowed)} for a forecast rounded cell by cell)` : ""}.`,
      });
    }
    totals.set(c.name, byYear);
  }
  if (plan.summary) summaryChecks(plan, totals, tolerance, findings);
  growthChecks(plan, totals, threshold, findings);
  if (plan.costs) {
    for (const line of plan.costs) {
      line.cost.forEach((cost, y) => {
        const n = line.caseload[y];
        const unit = line.unitCost[y];
        if (cost === null || n === null || n === undefined || unit === null || unit === undefined) return;
        const expected = Math.round(n * unit * 100) / 100;
        const gap = cleanSum(Math.abs(cost - expected));
        if (gap <= costTolerance) return;
        findings.push({
          rule: "ehcp.cost",
          severity: "error",
          category: line.label,
          year: y,
          message: `${categoryName(line.label)}, ${yearName(plan, y)}: the cost is ${figure(cost)} but ${figure(n)} EHCPs × ${figure(unit)} is ${figure(expected)}, a difference of ${figure(gap)}.`,
        });
      });
    }
  }
  return findings;
}

function summaryChecks(plan: PlanFigures, totals: Map<string, (number | null)[]>, tolerance: number, findings: EhcpFinding[]): void {
  const summary = plan.summary!;
  const width = plan.years.length;
  const keyOf = (label: string) => matchCategory(label)?.category.id ?? plain(label);
  const categories = new Map(plan.categories.map((c) => [keyOf(c.name), c.name]));
  for (const line of summary.lines) {
    const name = categories.get(keyOf(line.label));
    if (name === undefined) continue;
    const own = totals.get(name)!;
    line.values.forEach((v, y) => {
      const total = own[y];
      if (v === null || total === null || total === undefined) return;
      const gap = cleanSum(Math.abs(v - total));
      const allowed = plan.forecast[y] || plan.named === false ? tolerance : 0;
      if (gap <= allowed) return;
      findings.push({
        rule: "ehcp.summary",
        severity: "error",
        category: line.label,
        year: y,
        message: `The summary gives ${figure(v)} for ${line.label} in ${yearName(plan, y)}, but its table adds to ${figure(total)}: a difference of ${figure(gap)}.`,
      });
    });
  }
  if (summary.total) {
    for (let y = 0; y < width; y++) {
      const stated = summary.total[y];
      if (stated === null || stated === undefined) continue;
      const sum = sumOf(summary.lines, y);
      if (sum === null) continue;
      const gap = cleanSum(Math.abs(stated - sum));
      if (gap <= 0.5) continue;
      findings.push({ rule: "ehcp.summary", severity: "error", category: "", year: y, message: `The categories add to ${figure(sum)} in ${yearName(plan, y)} but the summary's total says ${figure(stated)}: a difference of ${figure(gap)}.` });
    }
  }
}

function growthChecks(plan: PlanFigures, totals: Map<string, (number | null)[]>, threshold: number, findings: EhcpFinding[]): void {
  const series: [string, (number | null)[]][] = [...totals.entries()];
  if (plan.categories.length > 1) {
    const all = plan.years.map((_, y) => {
      let sum = 0;
      for (const [, values] of totals) {
        if (values[y] === null || values[y] === undefined) return null;
        sum += values[y]!;
      }
      return cleanSum(sum);
    });
    series.push(["", all]);
  }
  for (const [name, values] of series) {
    for (let y = 1; y < values.length; y++) {
      const before = values[y - 1];
      const now = values[y];
      if (before === null || before === undefined || now === null || now === undefined || before <= 0) continue;
      const growth = now / before - 1;
      if (Math.abs(growth) <= threshold) continue;
      const what = name === "" ? "EHCPs in all categories" : `EHCPs in ${name}`;
      findings.push({
        rule: "ehcp.growth",
        severity: "info",
        category: name,
        year: y,
        message: `${what} ${growth > 0 ? "rise" : "fall"} by ${Math.round(Math.abs(growth) * 100)}% from ${yearName(plan, y - 1)} to ${yearName(plan, y)} (${figure(before)} to ${figure(now)}), beyond ${Math.round(threshold * 100)}% a year.`,
      });
    }
  }
}

/**
 * The breakdowns by age and by need of one or more categories (as HNB.EHCPCHECK is given them)
 * as the checks see them: categories matched by name (DfE's words or a council's), years by
 * position. A range with no labels is one category.
 */
export function breakdownPlan(byAge: Breakdown, byNeed: Breakdown): PlanFigures {
  if (byAge.width !== byNeed.width) {
    throw valueError(`byAge has ${count(byAge.width, "year")} of counts but byNeed ${count(byNeed.width, "year")}: select the same years in both.`);
  }
  const keyOf = (name: string) => (name === "" ? "" : (matchCategory(name)?.category.id ?? plain(name)));
  const ageCategories = [...new Set(byAge.lines.map((l) => l.category))];
  const needCategories = [...new Set(byNeed.lines.map((l) => l.category))];
  // One side unnamed and the other one category: the same category.
  const single = (names: string[]) => names.length === 1 && names[0] === "";
  const relabel = (lines: readonly BreakdownLine[], to: string) => lines.map((l) => ({ ...l, category: to }));
  let ageLines = byAge.lines;
  let needLines = byNeed.lines;
  if (single(ageCategories) && needCategories.length === 1) ageLines = relabel(ageLines, needCategories[0]!);
  else if (single(needCategories) && ageCategories.length === 1) needLines = relabel(needLines, ageCategories[0]!);
  else if (single(ageCategories) !== single(needCategories) && (ageCategories.length > 0 && needCategories.length > 0)) {
    throw valueError(`${single(ageCategories) ? "byNeed" : "byAge"} names its categories but ${single(ageCategories) ? "byAge" : "byNeed"} does not: select the category labels with both, or one category in each.`);
  }
  const order: string[] = [];
  const names = new Map<string, string>();
  for (const l of [...ageLines, ...needLines]) {
    const k = keyOf(l.category);
    if (!names.has(k)) {
      names.set(k, l.category);
      order.push(k);
    }
  }
  const categories: CategoryFigures[] = order.map((k) => ({
    name: names.get(k)!,
    byAge: ageLines.filter((l) => keyOf(l.category) === k),
    byNeed: needLines.filter((l) => keyOf(l.category) === k),
  }));
  const years = byAge.named ? byAge.years : byNeed.years;
  const forecast = byAge.named ? byAge.forecast : byNeed.forecast;
  return { years: years.length > 0 ? years : Array.from({ length: byAge.width }, () => ""), forecast: forecast.length > 0 ? forecast : Array.from({ length: byAge.width }, () => false), named: byAge.named || byNeed.named, categories };
}

/**
 * HNB.EHCPCHECK's verdict: TRUE, or the errors in words (which category and year disagree, and
 * by how much), the first few in full and the rest counted. A category with counts in only one
 * breakdown is not compared; information (a forecast within its tolerance, growth) is not a failure.
 */
export function ehcpVerdict(findings: readonly EhcpFinding[], shown = 3): true | string {
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length === 0) return true;
  const more = errors.length - shown;
  return `${errors.slice(0, shown).map((f) => f.message).join(" ")}${more > 0 ? ` ${count(more, "more difference")}.` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Caseload × unit cost

/**
 * Cost by category and year: caseload × unit cost, a row per category and a column per year. Each
 * input carries on past its last given year grown by its rate: caseload by `growth`, unit cost by
 * `inflation` (one rate for all, or one per category). Given years are as given; results to the penny.
 */
export function placementCost(
  caseload: readonly (readonly number[])[],
  unitCost: readonly (readonly number[])[],
  growth: readonly number[] = [0],
  inflation: readonly number[] = [0],
  years?: number,
): number[][] {
  const rows = caseload.length;
  const given = caseload[0]?.length ?? 0;
  if (rows === 0 || given === 0) throw valueError("Give the caseload: a row per placement category, a column per year.");
  if (rows > 10_000) throw valueError("The caseload has more than 10,000 rows: give a row per placement category.");
  const costs = unitCost.length;
  const costWidth = unitCost[0]?.length ?? 0;
  if (costWidth === 0 || (costs !== rows && costs !== 1)) {
    throw valueError(`The unit costs must be a row per category (${count(rows, "row")}, as the caseload), or one row for every category: they have ${count(costs, "row")}.`);
  }
  const width = years ?? Math.max(given, costWidth);
  if (!Number.isInteger(width) || width < 1 || width > 100) throw valueError("Years must be a whole number from 1 to 100.");
  const rate = (rates: readonly number[], r: number, what: string): number => {
    if (rates.length !== 1 && rates.length !== rows) throw valueError(`${capitalise(what)} must be one rate, or one per category (${count(rows, "rate")}): there ${rates.length === 1 ? "is" : "are"} ${rates.length}.`);
    const v = rates.length === 1 ? rates[0]! : rates[r]!;
    if (!(v > -1)) throw valueError(`${capitalise(what)} must be above -100%.`);
    return v;
  };
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const g = rate(growth, r, "growth");
    const i = rate(inflation, r, "inflation");
    const own = caseload[r]!;
    const price = unitCost[costs === 1 ? 0 : r]!;
    const line: number[] = new Array<number>(width);
    let n = 0;
    let u = 0;
    for (let y = 0; y < width; y++) {
      n = y < given ? own[y]! : n * (1 + g);
      u = y < costWidth ? price[y]! : u * (1 + i);
      line[y] = Math.round(n * u * 100) / 100;
    }
    out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A council's EHCP table in the plan's layout

/** How a council's table of EHCPs goes into the plan's layout: which lines add to which of DfE's groups. */
export interface EhcpLayoutPlan {
  /** What the table's lines are: age groups (or single ages), primary needs, or placements. */
  readonly by: "age" | "need" | "category";
  /** The table's columns (0-based, as given) that hold the counts to carry, and their headings. */
  readonly columns: readonly number[];
  readonly headings: readonly string[];
  /** The category the lines belong to, where a section over them names it (null: all placements). */
  readonly blocks: readonly {
    readonly category: EhcpCategory | null;
    /** DfE's groups in DfE's order (age groups, needs or categories), each with the lines (0-based rows) it adds. */
    readonly groups: readonly { readonly name: string; readonly rows: readonly number[] }[];
  }[];
  /** Lines placed by a guess from a council's words, and lines with no place. */
  readonly guesses: readonly { readonly row: number; readonly label: string; readonly to: string }[];
  readonly unplaced: readonly { readonly row: number; readonly label: string }[];
}

export interface EhcpLine {
  readonly label: string;
  readonly role: "line" | "section" | "subtotal" | "total";
}

const YEAR_HEADING = /\b(?:19|20)\d\d\b/;

/**
 * The plan's layout for a council's table of EHCPs, or null where its lines are not age groups,
 * needs or placements (a table by ethnicity down, or by who asked). Its lines go by their words to
 * DfE's groups: a placement the words only suggest is a guess, said; a line with no place is left
 * out, said. The counts carried are its years where its headings name them, else its total
 * column, else its one column of counts.
 */
export function ehcpLayoutPlan(lines: readonly EhcpLine[], columns: readonly { readonly heading: string; readonly total: boolean }[]): EhcpLayoutPlan | null {
  if (columns.length === 0 || lines.length > 5_000) return null;
  const data = lines.map((l, row) => ({ ...l, row })).filter((l) => l.role === "line");
  if (data.length < 2) return null;
  const ages = data.filter((l) => matchAgeGroup(l.label) !== null).length;
  const needs = data.filter((l) => matchNeed(l.label) !== null).length;
  const places = data.filter((l) => matchCategory(l.label) !== null).length;
  const best = Math.max(ages, needs, places);
  if (best < 2 || best * 2 <= data.length) return null;
  const by: EhcpLayoutPlan["by"] = ages === best ? "age" : needs === best ? "need" : "category";
  const years = columns.flatMap((c, i) => (YEAR_HEADING.test(c.heading.slice(0, 100)) && !c.total ? [i] : []));
  const totals = columns.flatMap((c, i) => (c.total ? [i] : []));
  const chosen = years.length > 0 ? years : totals.length > 0 ? [totals[totals.length - 1]!] : columns.length === 1 ? [0] : [];
  if (chosen.length === 0) return null;
  const groupNames: readonly { id: string; name: string }[] = by === "age" ? AGE_GROUPS : by === "need" ? PRIMARY_NEEDS : EHCP_CATEGORIES;
  const blocks: { category: EhcpCategory | null; members: Map<string, number[]> }[] = [];
  const guesses: { row: number; label: string; to: string }[] = [];
  const unplaced: { row: number; label: string }[] = [];
  const blockFor = (category: EhcpCategory | null) => {
    let b = blocks.find((x) => x.category === category);
    if (!b) blocks.push((b = { category, members: new Map() }));
    return b;
  };
  let category: EhcpCategory | null = null;
  lines.forEach((l, row) => {
    // A section over the lines that names a placement heads them (the plan's own layout).
    if (l.role === "section" && by !== "category") {
      const m = matchCategory(l.label);
      if (m) category = m.category;
      return;
    }
    if (l.role !== "line") return;
    let id: string | null = null;
    if (by === "age") id = matchAgeGroup(l.label);
    else if (by === "need") id = matchNeed(l.label);
    else {
      const m = matchCategory(l.label);
      if (m) {
        id = m.category.id;
        if (!m.exact) guesses.push({ row, label: l.label, to: m.category.name });
      }
    }
    if (id === null) {
      unplaced.push({ row, label: l.label });
      return;
    }
    const members = blockFor(category).members;
    members.set(id, [...(members.get(id) ?? []), row]);
  });
  return {
    by,
    columns: chosen,
    headings: chosen.map((i) => columns[i]!.heading),
    blocks: blocks.map((b) => ({
      category: b.category,
      groups: groupNames
        .filter((g) => by !== "age" || !b.category || b.category.ages.includes(g.id as AgeGroupId) || b.members.has(g.id))
        .map((g) => ({ name: g.name, rows: b.members.get(g.id) ?? [] })),
    })),
    guesses,
    unplaced,
  };
}
