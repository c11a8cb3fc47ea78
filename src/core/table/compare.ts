/**
 * "Since the last paper": what has moved between two Schools Forum papers, in sentences a clerk
 * could table. Two PaperSummary values in (the earlier and the later paper, as paperOf builds
 * them from a workbook), their parts matched — initiatives and indicators by ref and by name,
 * budget tables by title and lines, savings and deficits by year — and each movement said once:
 * statuses that moved, actions completed, added and dropped, newly overdue, savings re-profiled,
 * forecasts moved and by how much, the deficit then and now. Figures are compared only in one
 * unit: the earlier paper's £, £000 or £m are converted into the later paper's (never 747 beside
 * 747,000), and counts beside money are refused with the reason. A part where nothing moved says
 * so once.
 */
import { count } from "../errors";
import { joinNames } from "../leads";
import { formatFigure, unitFactor, type MoneyUnit } from "../money";
import { DEFAULT_KEY, normaliseStatus, statusIndex } from "../rag";
import { parseYearLabel } from "../years";
import { matchNames, type NameMatchHow } from "./names";
import { budgetFigure, numberFormatFor, paperTitle, unitFigure, unitNote, type PaperOptions } from "./paper";
import { PAPER_SUFFIX, type PaperBlock, type PaperCell, type PaperDocument, type PaperTableRow } from "./paper-doc";
import type { ScorecardSummary } from "./scorecard";
import type { BudgetSummary, DeficitSummary, InitiativeLine, PaperSummary, SavingsSummary } from "./summary";

type TableBlock = Extract<PaperBlock, { kind: "table" }>;

/** One part of the comparison: its heading, what moved in sentences, and the figures then and now. */
export interface ComparisonSection {
  heading: string;
  /** Whether anything moved; where nothing did, `sentences` is the one sentence that says so. */
  moved: boolean;
  /** Each movement as a plain sentence, in the order a paper would give them. */
  sentences: string[];
  /** The figures then and now, where the part has figures. */
  table?: TableBlock;
  /** How the two were compared where a reader needs to know: units converted, guesses, lines only one paper shows. */
  notes: string[];
}

/** A status that moved: an initiative's roll-up or a scorecard indicator's. */
export interface StatusMove {
  part: "initiative" | "indicator";
  /** As the later paper names it. */
  name: string;
  /** As the earlier paper named it (the same, or what the match took it to be). */
  earlierName: string;
  from: string;
  to: string;
  /** The two were matched on a guess (names sharing most of their words, or a ref with names unlike). */
  guess: boolean;
}

/** A figure that moved, in the later paper's unit (the earlier converted where it differed). */
export interface FigureMove {
  part: "savings" | "budget" | "deficit";
  /** The section it is under (the budget table's title, "Savings by year", the deficit). */
  section: string;
  /** The line or year. */
  line: string;
  /** What the figure is: "forecast", "variance", "budget", a heading, "savings", "without the recovery plan". */
  measure: string;
  then: number;
  now: number;
  change: number;
  unit: BudgetSummary["unit"];
}

export interface PaperComparison {
  sections: ComparisonSection[];
  statusMoves: StatusMove[];
  /** Initiatives and indicators in the later paper only, and in the earlier only. */
  added: { part: "initiative" | "indicator"; name: string; status: string }[];
  dropped: { part: "initiative" | "indicator"; name: string; status: string }[];
  /** Initiatives whose status is now complete and was not. */
  completed: string[];
  /** Overdue actions, where both papers give the list; null where neither does. */
  overdue: { newly: string[]; noLonger: string[]; datesMoved: { name: string; from: string; to: string }[]; still: string[] } | null;
  figures: FigureMove[];
  /** What could not be compared, and why. */
  notCompared: string[];
  /** Whether the two papers have any part in common to compare. */
  comparable: boolean;
  /** How many movements in all. */
  movements: number;
}

// ---------------------------------------------------------------------------------------------
// Words and figures

/** "a, b and c". */

function q(text: string): string {
  return `\u201c${text.replace(/\s+/g, " ").trim()}\u201d`;
}

/** A status as a sentence says it: the key's word, or "no status" / "a status outside the key". */
function statusWords(status: string): string {
  const n = normaliseStatus(status);
  if (n === "no status" || n === "") return "no status";
  if (n === "outside the key") return "a status outside the key";
  return status;
}

function isComplete(status: string): boolean {
  const i = statusIndex(status, DEFAULT_KEY);
  return i >= 0 && DEFAULT_KEY.statuses[i]!.complete;
}

function sameStatus(a: string, b: string): boolean {
  const ia = statusIndex(a, DEFAULT_KEY);
  const ib = statusIndex(b, DEFAULT_KEY);
  if (ia >= 0 && ib >= 0) return ia === ib;
  return normaliseStatus(a) === normaliseStatus(b);
}

type Unit = BudgetSummary["unit"];

function isMoney(unit: Unit): unit is MoneyUnit {
  return unit === "£" || unit === "£000" || unit === "£m";
}

function unitWords(unit: Unit): string {
  if (unit === "count") return "counts";
  if (unit === "mixed") return "in more than one unit";
  return `in ${unit}`;
}

/**
 * How the earlier paper's figures become the later's unit: a function, or the reason they cannot.
 * £, £000 and £m convert exactly; counts beside money, or figures in more than one unit, do not.
 */
function converter(from: Unit, to: Unit): { convert: (v: number) => number; notes: string[] } | { refused: string } {
  if (from === to && from !== "mixed") return { convert: (v) => v, notes: [] };
  if (isMoney(from) && isMoney(to)) {
    const factor = unitFactor(from) / unitFactor(to);
    return { convert: (v) => Math.round(v * factor * 1e6) / 1e6, notes: [`The last paper's figures are in ${from} and this one's in ${to}: the last paper's are converted to ${to} to compare them.`] };
  }
  if (from === "mixed" && to === "mixed") return { refused: "both tables' figures are in more than one unit, so which figures are alike cannot be told" };
  return { refused: `the last paper's figures are ${unitWords(from)} and this one's ${unitWords(to)}, which cannot be converted one into the other` };
}

/** "rose by £225,350, from £16,413,890 to £16,639,240". */
function moveWords(then: number, now: number, f: (v: number) => string): string {
  const change = now - then;
  return `${change > 0 ? "rose" : "fell"} by ${f(Math.abs(change))}, from ${f(then)} to ${f(now)}`;
}

/** Two figures that read the same as the paper shows them: a movement smaller than the paper shows is none. */
function shownAlike(a: number, b: number, f: (v: number) => string): boolean {
  return a === b || f(a) === f(b);
}

function changeOf(then: number, now: number): number {
  return Math.round((now - then) * 1e6) / 1e6;
}

function figureCell(value: number | null, f: (v: number) => string, format: string): PaperCell {
  return value === null ? { text: "" } : { text: f(value), value, format };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Matching by ref and by name

/** A ref at the start of a name ("A1: Front door", "1.2.3 Top-up", "S2 Attendance"), upper case; "" with none. */
export function leadingRef(name: string): string {
  // "A1", "S2", "B2.1": letters then digits; "1.2.3": digits with dots; "3." or "3)": a number marked as one.
  const m =
    /^\s{0,4}([A-Za-z]{1,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)(?=[\s.:)–-]|$)/.exec(name) ??
    /^\s{0,4}(\d{1,3}(?:\.\d{1,3}){1,3})(?=[\s:)–-]|\.\s|$)/.exec(name) ??
    /^\s{0,4}(\d{1,3})(?=[.:)]\s)/.exec(name);
  return m ? m[1]!.toUpperCase() : "";
}

export type PairHow = NameMatchHow | "ref";

/** The most pairs of names compared word by word; beyond it only the same names and refs are matched. */
const MAX_NAME_PAIRS = 250_000;

interface Pair<T> {
  earlier: T;
  later: T;
  how: PairHow;
  guess: boolean;
}

/**
 * Pairs items of the earlier paper with the later's, each at most once: by ref where each paper
 * gives a ref once (a guess where the names are unlike), then by name as names.ts matches them
 * (word order, plurals, "&", acronyms spelt out; names sharing most of their words are a guess).
 */
function pairItems<T>(earlier: readonly T[], later: readonly T[], name: (t: T) => string, ref: (t: T) => string = (t) => leadingRef(name(t))): { pairs: Pair<T>[]; added: T[]; dropped: T[] } {
  const pairs: Pair<T>[] = [];
  const usedE = new Set<number>();
  const usedL = new Set<number>();
  const once = (items: readonly T[]) => {
    const seen = new Map<string, number>();
    for (const t of items) {
      const r = ref(t);
      if (r !== "") seen.set(r, (seen.get(r) ?? 0) + 1);
    }
    return seen;
  };
  // The same name first (in order, where a name comes more than once), by a map: a budget read by
  // its shape may have thousands of lines.
  const byName = new Map<string, number[]>();
  earlier.forEach((e, i) => {
    const k = normaliseStatus(name(e));
    if (k !== "") byName.set(k, [...(byName.get(k) ?? []), i]);
  });
  later.forEach((l, j) => {
    const i = byName.get(normaliseStatus(name(l)))?.shift();
    if (i === undefined) return;
    pairs.push({ earlier: earlier[i]!, later: l, how: "same", guess: false });
    usedE.add(i);
    usedL.add(j);
  });
  const refsE = once(earlier);
  const refsL = once(later);
  const refIndexE = new Map<string, number>();
  earlier.forEach((e, i) => {
    const r = ref(e);
    if (r !== "" && !refIndexE.has(r)) refIndexE.set(r, i);
  });
  later.forEach((l, j) => {
    if (usedL.has(j)) return;
    const r = ref(l);
    if (r === "" || refsL.get(r) !== 1 || refsE.get(r) !== 1) return;
    const i = refIndexE.get(r);
    if (i === undefined || usedE.has(i)) return;
    const alike = normaliseStatus(name(earlier[i]!)) === normaliseStatus(name(l)) || matchNames([name(earlier[i]!)], [name(l)]).length > 0;
    pairs.push({ earlier: earlier[i]!, later: l, how: "ref", guess: !alike });
    usedE.add(i);
    usedL.add(j);
  });
  const restE = earlier.map((_, i) => i).filter((i) => !usedE.has(i));
  const restL = later.map((_, j) => j).filter((j) => !usedL.has(j));
  // Names matched by their words, each against each: bounded, so two long tables with little in common stay quick.
  const fuzzy = restE.length * restL.length <= MAX_NAME_PAIRS ? matchNames(restE.map((i) => name(earlier[i]!)), restL.map((j) => name(later[j]!))) : [];
  for (const m of fuzzy) {
    const i = restE[m.from]!;
    const j = restL[m.to]!;
    pairs.push({ earlier: earlier[i]!, later: later[j]!, how: m.how, guess: m.how === "close" });
    usedE.add(i);
    usedL.add(j);
  }
  const order = new Map(later.map((l, j) => [l, j]));
  pairs.sort((a, b) => order.get(a.later)! - order.get(b.later)!);
  return { pairs, added: later.filter((_, j) => !usedL.has(j)), dropped: earlier.filter((_, i) => !usedE.has(i)) };
}

/** What a sentence adds where a pair was not matched on the same name. */
function matchWords(pair: Pair<{ name: string }> | { earlierName: string; laterName: string; how: PairHow; guess: boolean }): string {
  const earlierName = "earlier" in pair ? pair.earlier.name : pair.earlierName;
  const laterName = "later" in pair ? pair.later.name : pair.laterName;
  if (pair.how === "same" || normaliseStatus(earlierName) === normaliseStatus(laterName)) return "";
  if (pair.guess) {
    return pair.how === "ref"
      ? ` The last paper had ${q(earlierName)} under the same ref: taken to be the same, a guess, as the names differ.`
      : ` Taken to be ${q(earlierName)} of the last paper: a guess, as the names only share most of their words.`;
  }
  return ` The last paper called it ${q(earlierName)}.`;
}

// ---------------------------------------------------------------------------------------------
// The parts

function nothingMoved(heading: string, sentence: string, notes: string[] = [], table?: TableBlock): ComparisonSection {
  return { heading, moved: false, sentences: [sentence], notes, ...(table ? { table } : {}) };
}

function initiativesSection(earlier: InitiativeLine[], later: InitiativeLine[], out: PaperComparison): ComparisonSection {
  const { pairs, added, dropped } = pairItems(earlier, later, (i) => i.name);
  const sentences: string[] = [];
  const notes: string[] = [];
  for (const p of pairs) {
    const from = p.earlier.status;
    const to = p.later.status;
    const match = matchWords(p);
    if (!sameStatus(from, to)) {
      out.statusMoves.push({ part: "initiative", name: p.later.name, earlierName: p.earlier.name, from, to, guess: p.guess });
      if (isComplete(to) && !isComplete(from)) {
        out.completed.push(p.later.name);
        sentences.push(`${q(p.later.name)} is complete (it was ${statusWords(from)}).${match}`);
      } else if (isComplete(from)) {
        sentences.push(`${q(p.later.name)} was complete and is now ${statusWords(to)}.${match}`);
      } else {
        sentences.push(`${q(p.later.name)} moved from ${statusWords(from)} to ${statusWords(to)}.${match}`);
      }
    } else if (match !== "") {
      notes.push(`${q(p.later.name)}, still ${statusWords(to)}.${match}`);
    }
    if (p.earlier.lead !== "" && p.later.lead !== "" && normaliseStatus(p.earlier.lead) !== normaliseStatus(p.later.lead)) {
      sentences.push(`${q(p.later.name)} has a new lead: ${p.later.lead} (it was ${p.earlier.lead}).`);
    }
  }
  for (const a of added) {
    out.added.push({ part: "initiative", name: a.name, status: a.status });
    sentences.push(`${q(a.name)} is new since the last paper (${statusWords(a.status)}).`);
  }
  for (const d of dropped) {
    out.dropped.push({ part: "initiative", name: d.name, status: d.status });
    sentences.push(`${q(d.name)} was in the last paper (${statusWords(d.status)}) and is not in this one.`);
  }
  const heading = "Initiatives";
  if (sentences.length === 0) return nothingMoved(heading, `No initiative's status moved, and none was added or dropped (${count(later.length, "initiative")}).`, notes);
  // The statuses then and now, each as its word on its colour: moved, added and dropped.
  const statusCell = (status: string): PaperCell => ({ text: status, status: true });
  const rows: PaperTableRow[] = [
    ...pairs.filter((p) => !sameStatus(p.earlier.status, p.later.status)).map((p) => ({ cells: [{ text: p.later.name }, statusCell(p.earlier.status), statusCell(p.later.status)] })),
    ...added.map((a) => ({ cells: [{ text: a.name }, { text: "New" }, statusCell(a.status)] })),
    ...dropped.map((d) => ({ cells: [{ text: d.name }, statusCell(d.status), { text: "Dropped" }] })),
  ];
  const table: TableBlock | undefined = rows.length > 0 ? { kind: "table", columns: [{ heading: "Initiative" }, { heading: "Then" }, { heading: "Now" }], rows } : undefined;
  return { heading, moved: true, sentences, notes, ...(table ? { table } : {}) };
}

function actionsSection(earlier: PaperSummary["statusCounts"], later: PaperSummary["statusCounts"]): ComparisonSection {
  const names: string[] = [];
  for (const c of [...later, ...earlier]) if (!names.some((n) => normaliseStatus(n) === normaliseStatus(c.status))) names.push(c.status);
  const countIn = (list: PaperSummary["statusCounts"], status: string) => list.find((c) => normaliseStatus(c.status) === normaliseStatus(status))?.count ?? 0;
  const rows = names.map((s) => ({ status: s, then: countIn(earlier, s), now: countIn(later, s) }));
  const totalThen = rows.reduce((n, r) => n + r.then, 0);
  const totalNow = rows.reduce((n, r) => n + r.now, 0);
  const sentences: string[] = [];
  const actions = (n: number) => (n === 0 ? "none" : count(n, "action"));
  for (const r of rows) {
    if (r.then === r.now) continue;
    if (isComplete(r.status) && r.now > r.then) {
      const more = r.now - r.then;
      sentences.push(`${more === 1 ? "1 more action is" : `${more} more actions are`} complete (${r.status}): ${actions(r.now)} now, ${actions(r.then)} at the last paper.`);
    } else {
      sentences.push(`${capital(statusWords(r.status))}: ${actions(r.now)} now, ${actions(r.then)} at the last paper.`);
    }
  }
  if (totalThen !== totalNow) sentences.push(`${count(totalNow, "action")} in all now, ${totalThen} at the last paper.`);
  const table: TableBlock = {
    kind: "table",
    columns: [{ heading: "Status" }, { heading: "Then", numeric: true }, { heading: "Now", numeric: true }, { heading: "Change", numeric: true }],
    rows: rows.map((r) => ({
      cells: [{ text: r.status, status: true }, { text: String(r.then), value: r.then, format: "0" }, { text: String(r.now), value: r.now, format: "0" }, { text: formatFigure(r.now - r.then), value: r.now - r.then, format: "#,##0;(#,##0)" }],
    })),
  };
  const heading = "Actions by status";
  if (sentences.length === 0) return nothingMoved(heading, `The count of actions by status is as it was (${count(totalNow, "action")}).`, [], table);
  return { heading, moved: true, sentences, notes: [], table };
}

type Overdue = NonNullable<PaperSummary["overdue"]>[number];

function overdueSection(earlier: PaperSummary["overdue"], later: PaperSummary["overdue"], out: PaperComparison): ComparisonSection | null {
  const heading = "Overdue actions";
  const due = (o: Overdue) => `due by ${o.end}${o.status && normaliseStatus(o.status) !== "no status" ? `, ${o.status}` : ""}`;
  if (!earlier && !later) return null;
  if (!earlier || !later) {
    const list = (later ?? earlier)!;
    const which = later ? "this paper" : "the last paper";
    const other = later ? "the last paper" : "this paper";
    const what = list.length === 0 ? `${capital(which)} has no action overdue` : `${capital(which)} lists ${count(list.length, "action")} overdue: ${joinNames(list.map((o) => `${q(o.name)} (${due(o)})`))}`;
    return { heading, moved: false, sentences: [`${what}; ${other} gives no list of overdue actions (it has no report date), so which are new cannot be said.`], notes: [] };
  }
  const { pairs, added, dropped } = pairItems(earlier, later, (o) => o.name);
  const sentences: string[] = [];
  const result = { newly: [] as string[], noLonger: [] as string[], datesMoved: [] as { name: string; from: string; to: string }[], still: [] as string[] };
  for (const a of added) {
    result.newly.push(a.name);
    sentences.push(`${q(a.name)} is newly overdue (${due(a)}).`);
  }
  for (const p of pairs) {
    if (normaliseStatus(p.earlier.end) !== normaliseStatus(p.later.end)) {
      result.datesMoved.push({ name: p.later.name, from: p.earlier.end, to: p.later.end });
      sentences.push(`${q(p.later.name)} is still overdue; its end date moved from ${p.earlier.end} to ${p.later.end}.${matchWords({ earlierName: p.earlier.name, laterName: p.later.name, how: p.how, guess: p.guess })}`);
    } else {
      result.still.push(p.later.name);
    }
  }
  for (const d of dropped) {
    result.noLonger.push(d.name);
    sentences.push(`${q(d.name)} is no longer overdue (the last paper had it ${due(d)}).`);
  }
  out.overdue = result;
  const still = result.still.length > 0 ? `Still overdue since the last paper: ${joinNames(result.still.map(q))}.` : "";
  if (sentences.length === 0) {
    return nothingMoved(heading, later.length === 0 ? "No action is overdue, now or at the last paper." : `No action is newly overdue or no longer overdue. ${still}`.trim());
  }
  if (still) sentences.push(still);
  return { heading, moved: true, sentences, notes: [] };
}

/** Years in order: by the year they start where every label reads as one, else the later paper's order then the earlier's. */
function yearOrder(earlier: readonly string[], later: readonly string[]): string[] {
  const all = [...later];
  for (const y of earlier) if (!all.includes(y)) all.push(y);
  const starts = all.map((y) => parseYearLabel(y));
  if (starts.every((s) => s !== null)) return all.map((y, i) => ({ y, s: starts[i]! })).sort((a, b) => a.s - b.s).map((x) => x.y);
  return all;
}

function savingsSection(earlier: SavingsSummary, later: SavingsSummary, out: PaperComparison): ComparisonSection {
  const heading = `Savings by year${unitNote(later.unit)}`;
  const conv = converter(earlier.unit, later.unit);
  if ("refused" in conv) return refusedSection(heading, conv.refused, out);
  const f = unitFigure(later.unit);
  const format = numberFormatFor(later.unit);
  const notes = [...conv.notes];
  const years = yearOrder(earlier.years, later.years);
  const thenOf = (y: string) => {
    const i = earlier.years.indexOf(y);
    return i < 0 ? null : conv.convert(earlier.calculated[i]!);
  };
  const nowOf = (y: string) => {
    const i = later.years.indexOf(y);
    return i < 0 ? null : later.calculated[i]!;
  };
  const sentences: string[] = [];
  let up = 0;
  let down = 0;
  for (const y of years) {
    const then = thenOf(y);
    const now = nowOf(y);
    if (then !== null && now !== null) {
      if (shownAlike(then, now, f)) continue;
      const change = changeOf(then, now);
      if (change > 0) up++;
      else down++;
      out.figures.push({ part: "savings", section: heading, line: y, measure: "savings", then, now, change, unit: later.unit });
      sentences.push(`${y} savings ${moveWords(then, now, f)}.`);
    } else if (now !== null) {
      if (now !== 0) up++;
      out.figures.push({ part: "savings", section: heading, line: y, measure: "savings", then: 0, now, change: now, unit: later.unit });
      sentences.push(`${y} is new to the plan: ${f(now)} of savings.`);
    } else if (then !== null) {
      if (then !== 0) down++;
      out.figures.push({ part: "savings", section: heading, line: y, measure: "savings", then, now: 0, change: -then, unit: later.unit });
      sentences.push(`${y} is no longer in the plan (it had ${f(then)} of savings).`);
    }
  }
  const sum = (values: readonly number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
  const totalThen = conv.convert(sum(earlier.calculated));
  const totalNow = sum(later.calculated);
  const reprofiled = up > 0 && down > 0;
  if (sentences.length > 0) {
    if (shownAlike(totalThen, totalNow, f)) sentences.push(`The total is unchanged at ${f(totalNow)}${reprofiled ? ": the savings were re-profiled between years" : ""}.`);
    else {
      out.figures.push({ part: "savings", section: heading, line: "Total", measure: "savings", then: totalThen, now: totalNow, change: changeOf(totalThen, totalNow), unit: later.unit });
      sentences.push(`The total ${moveWords(totalThen, totalNow, f)}${reprofiled ? ", and the savings were re-profiled between years" : ""}.`);
    }
  }
  // A stated total that differs from the rows would be compared with these figures by a reader: say which are compared.
  for (const [paper, s, convert] of [["the last paper", earlier, conv.convert], ["this paper", later, (v: number) => v]] as const) {
    const differ = s.years.flatMap((y, i) => {
      const stated = s.stated[i];
      return stated !== null && stated !== undefined && f(convert(stated)) !== f(convert(s.calculated[i]!)) ? [`${y} (${f(convert(stated))}, where the rows add to ${f(convert(s.calculated[i]!))})`] : [];
    });
    if (differ.length > 0) notes.push(`The figures compared are the totals of the initiatives' rows: ${paper}'s stated total differs from them for ${joinNames(differ)}.`);
  }
  const riskThen = earlier.riskAdjusted ? conv.convert(sum(earlier.riskAdjusted)) : null;
  const riskNow = later.riskAdjusted ? sum(later.riskAdjusted) : null;
  if (riskThen !== null && riskNow !== null && !shownAlike(riskThen, riskNow, f)) {
    out.figures.push({ part: "savings", section: heading, line: "Total", measure: "risk-adjusted savings", then: riskThen, now: riskNow, change: changeOf(riskThen, riskNow), unit: later.unit });
    sentences.push(`Weighted by RAG status, the total ${moveWords(riskThen, riskNow, f)}.`);
  } else if ((riskThen === null) !== (riskNow === null)) {
    notes.push(`The risk-adjusted savings are worked out in ${riskNow === null ? "the last paper only" : "this paper only"}, so they are not compared.`);
  }
  const row = (label: string, then: number | null, now: number | null, bold = false): PaperTableRow => ({
    cells: [{ text: label }, figureCell(then, f, format), figureCell(now, f, format), figureCell(then === null && now === null ? null : changeOf(then ?? 0, now ?? 0), f, format)],
    ...(bold ? { bold: true } : {}),
  });
  const table: TableBlock = {
    kind: "table",
    columns: [{ heading: "Year" }, { heading: "Then", numeric: true }, { heading: "Now", numeric: true }, { heading: "Change", numeric: true }],
    rows: [...years.map((y) => row(y, thenOf(y), nowOf(y))), row("Total", totalThen, totalNow, true), ...(riskThen !== null && riskNow !== null ? [row("Risk-adjusted total (by RAG status)", riskThen, riskNow)] : [])],
  };
  if (sentences.length === 0) return nothingMoved(heading, `The savings by year are as they were: ${f(totalNow)} in all.`, notes, table);
  return { heading, moved: true, sentences, notes, table };
}

type Role = "forecast" | "variance" | "budget" | "funding" | "other";

/** What a budget column holds, from its heading: the forecast is a heading with forecast, outturn or projected (not a variance). */
function roleOf(heading: string): Role {
  const h = heading.toLowerCase();
  if (/variance|headroom|shortfall|over\s?\/?\s?\(?under|movement/.test(h)) return "variance";
  if (/forecast|outturn|projected|projection/.test(h)) return "forecast";
  if (/budget|estimate/.test(h)) return "budget";
  if (/funding|grant|allocation|income/.test(h)) return "funding";
  return "other";
}

/** A heading without its unit and period ("Forecast Year End @ Month 9 £" → "Forecast Year End"), to show and to match. */
export function plainHeading(heading: string): string {
  return heading
    .replace(/£\s?['’]?\s?(?:000|k|m\b|millions?)?/gi, " ")
    .replace(/@?\s?\bmonth\s?\d{1,2}\b/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function measureName(role: Role, heading: string): string {
  if (role === "forecast") return "forecast";
  if (role === "budget") return "budget";
  if (role === "variance") return /headroom|shortfall/i.test(heading) ? "headroom (shortfall)" : "variance";
  if (role === "funding") return /funding/i.test(heading) ? "funding" : plainHeading(heading).toLowerCase();
  return q(plainHeading(heading));
}

interface ColumnPair {
  role: Role;
  earlier: number;
  later: number;
  measure: string;
}

/** The columns of two budget tables that hold the same thing: one a role (the first, a variance not of a previous period), then the rest by heading. */
function pairColumns(earlier: readonly string[], later: readonly string[]): ColumnPair[] {
  const pick = (cols: readonly string[], role: Role) => {
    const idx = cols.map((c, i) => ({ c, i })).filter((x) => roleOf(x.c) === role);
    if (role === "variance") {
      const current = idx.filter((x) => !/previous|prior|last/i.test(x.c));
      return (current[0] ?? idx[0])?.i ?? -1;
    }
    return idx[0]?.i ?? -1;
  };
  const out: ColumnPair[] = [];
  for (const role of ["forecast", "variance", "budget", "funding"] as const) {
    const e = pick(earlier, role);
    const l = pick(later, role);
    if (e >= 0 && l >= 0) out.push({ role, earlier: e, later: l, measure: measureName(role, later[l]!) });
  }
  later.forEach((h, l) => {
    if (out.some((p) => p.later === l)) return;
    const e = earlier.findIndex((x, i) => !out.some((p) => p.earlier === i) && normaliseStatus(plainHeading(x)) === normaliseStatus(plainHeading(h)) && plainHeading(h) !== "");
    if (e >= 0) out.push({ role: roleOf(h), earlier: e, later: l, measure: measureName(roleOf(h), h) });
  });
  return out;
}

/** Budget tables of the two papers that are one table: the same title, or most of their lines in common. */
function pairBudgets(earlier: readonly BudgetSummary[], later: readonly BudgetSummary[]): { pairs: [BudgetSummary, BudgetSummary][]; added: BudgetSummary[]; dropped: BudgetSummary[] } {
  const candidates: { e: number; l: number; score: number }[] = [];
  earlier.forEach((e, i) => {
    later.forEach((l, j) => {
      const common = pairItems(e.lines, l.lines, (x) => x.label).pairs.filter((p) => !p.guess).length;
      const sameTitle = normaliseStatus(e.title) === normaliseStatus(l.title);
      const enough = common >= Math.max(1, Math.ceil(Math.min(e.lines.length, l.lines.length) / 2));
      if (sameTitle || enough) candidates.push({ e: i, l: j, score: (sameTitle ? 1000 : 0) + common });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.l - b.l);
  const usedE = new Set<number>();
  const usedL = new Set<number>();
  const pairs: [BudgetSummary, BudgetSummary][] = [];
  for (const c of candidates) {
    if (usedE.has(c.e) || usedL.has(c.l)) continue;
    usedE.add(c.e);
    usedL.add(c.l);
    pairs.push([earlier[c.e]!, later[c.l]!]);
  }
  pairs.sort((a, b) => later.indexOf(a[1]) - later.indexOf(b[1]));
  return { pairs, added: later.filter((_, j) => !usedL.has(j)), dropped: earlier.filter((_, i) => !usedE.has(i)) };
}

function budgetSection(earlier: BudgetSummary, later: BudgetSummary, out: PaperComparison): ComparisonSection {
  const heading = `${later.title}${unitNote(later.unit)}`;
  const conv = converter(earlier.unit, later.unit);
  if ("refused" in conv) return refusedSection(heading, conv.refused, out);
  const f = budgetFigure(later);
  const format = numberFormatFor(later.unit, later.decimals);
  const notes = [...conv.notes];
  const columns = pairColumns(earlier.columns, later.columns);
  if (columns.length === 0) return refusedSection(heading, `the two tables have no column in common (the last paper's: ${joinNames(earlier.columns.map(q))}; this one's: ${joinNames(later.columns.map(q))})`, out);
  const forecast = columns.find((c) => c.role === "forecast");
  if (forecast) {
    const e = plainHeading(earlier.columns[forecast.earlier]!);
    const l = plainHeading(later.columns[forecast.later]!);
    notes.push(normaliseStatus(e) === normaliseStatus(l) ? `The forecast is the column ${q(l)}.` : `The forecast is the column ${q(l)} here, and ${q(e)} in the last paper.`);
  } else {
    notes.push(`Neither table has a column both papers take for the forecast (a heading with forecast, outturn or projected in it): the columns compared are ${joinNames(columns.map((c) => q(plainHeading(later.columns[c.later]!))))}.`);
  }
  const primary = forecast ?? columns.find((c) => c.role === "variance") ?? columns[0]!;
  const { pairs, added, dropped } = pairItems(earlier.lines, later.lines, (x) => x.label);
  const value = (v: number | null | undefined, side: "earlier" | "later") => (v === null || v === undefined ? null : side === "earlier" ? conv.convert(v) : v);
  const sentences: string[] = [];
  // The table's total: the first line called a total that is not a subtotal, else its first total line.
  const totals = pairs.filter((p) => p.later.total === true && p.earlier.total === true);
  const firstTotal = totals.find((p) => /\btotal\b/i.test(p.later.label) && !/\bsub-?\s?total/i.test(p.later.label)) ?? totals[0];
  let inAll: string | null = null;
  let shownMove = 0;
  let shownMoves = 0;
  for (const p of pairs) {
    const parts: { measure: string; words: string }[] = [];
    for (const c of columns) {
      const then = value(p.earlier.values[c.earlier], "earlier");
      const now = value(p.later.values[c.later], "later");
      if (then === null || now === null || shownAlike(then, now, f)) continue;
      out.figures.push({ part: "budget", section: heading, line: p.later.label, measure: c.measure, then, now, change: changeOf(then, now), unit: later.unit });
      if (c === primary && p.later.total !== true) {
        shownMove += now - then;
        shownMoves++;
      }
      parts.push({ measure: c.measure, words: moveWords(then, now, f) });
    }
    const first = parts[0];
    if (!first) continue;
    const tail = parts
      .slice(1)
      .map((x) => `; its ${x.measure} ${x.words}`)
      .join("");
    const match = matchWords({ earlierName: p.earlier.label, laterName: p.later.label, how: p.how, guess: p.guess });
    if (p === firstTotal) inAll = `In all (${q(p.later.label)}), the ${first.measure} ${first.words}${tail}.${match}`;
    else sentences.push(`The ${first.measure} for ${q(p.later.label)} ${first.words}${tail}.${match}`);
  }
  if (inAll) sentences.push(inAll);
  // Where the table shows some lines only (the largest variances), say how much of the total's movement they carry.
  if (firstTotal) {
    const then = value(firstTotal.earlier.values[primary.earlier], "earlier");
    const now = value(firstTotal.later.values[primary.later], "later");
    const lines = pairs.filter((p) => p.later.total !== true);
    const shownNow = lines.reduce((n, p) => n + (p.later.values[primary.later] ?? 0), 0);
    if (then !== null && now !== null && shownMoves > 0 && f(now - then) !== f(shownMove) && f(shownNow) !== f(now)) {
      sentences.push(`Of the ${f(Math.abs(now - then))} by which ${q(firstTotal.later.label)} moved, the lines named here account for ${f(shownMove)}; the rest is in lines the paper's table does not show.`);
    }
  }
  if (added.length > 0 || dropped.length > 0) {
    const only = [...dropped.map((d) => `${q(d.label)} (the last paper only)`), ...added.map((a) => `${q(a.label)} (this paper only)`)];
    notes.push(`Not compared, as only one paper's table shows ${only.length === 1 ? "it" : "them"}: ${joinNames(only)}.`);
  }
  const rows: PaperTableRow[] = pairs
    .filter((p) => value(p.earlier.values[primary.earlier], "earlier") !== null || value(p.later.values[primary.later], "later") !== null)
    .map((p) => {
      const then = value(p.earlier.values[primary.earlier], "earlier");
      const now = value(p.later.values[primary.later], "later");
      return {
        cells: [{ text: p.later.label }, figureCell(then, f, format), figureCell(now, f, format), figureCell(then === null || now === null ? null : changeOf(then, now), f, format)],
        ...(p.later.total === true ? { bold: true } : {}),
      };
    });
  const name = capital(primary.role === "other" ? plainHeading(later.columns[primary.later]!) : primary.measure);
  const table: TableBlock = {
    kind: "table",
    columns: [{ heading: "" }, { heading: `${name} then`, numeric: true }, { heading: `${name} now`, numeric: true }, { heading: "Change", numeric: true }],
    rows,
  };
  if (sentences.length === 0) {
    return nothingMoved(heading, forecast ? "No line's forecast moved." : `No line's figures moved (${joinNames(columns.map((c) => c.measure))}).`, notes, rows.length > 0 ? table : undefined);
  }
  return { heading, moved: true, sentences, notes, ...(rows.length > 0 ? { table } : {}) };
}

function deficitSection(earlier: DeficitSummary, later: DeficitSummary, out: PaperComparison): ComparisonSection {
  const heading = `High Needs DSG deficit${unitNote(later.unit)}`;
  const conv = converter(earlier.unit, later.unit);
  if ("refused" in conv) return refusedSection(heading, conv.refused, out);
  const f = unitFigure(later.unit);
  const format = numberFormatFor(later.unit);
  const notes = [...conv.notes];
  const years = yearOrder(earlier.years, later.years);
  const common = years.filter((y) => earlier.years.includes(y) && later.years.includes(y));
  const at = (d: DeficitSummary, path: number[] | null, y: string, side: "earlier" | "later") => {
    const i = d.years.indexOf(y);
    const v = path && i >= 0 ? path[i] : undefined;
    return v === undefined ? null : side === "earlier" ? conv.convert(v) : v;
  };
  const sentences: string[] = [];
  const paths = [
    { name: "without the recovery plan", e: earlier.unmitigated, l: later.unmitigated },
    ...(earlier.mitigated && later.mitigated ? [{ name: "with the recovery plan", e: earlier.mitigated, l: later.mitigated }] : []),
  ];
  for (const path of paths) {
    const moved = common.filter((y) => {
      const then = at(earlier, path.e, y, "earlier");
      const now = at(later, path.l, y, "later");
      return then !== null && now !== null && !shownAlike(then, now, f);
    });
    for (const y of moved) {
      const then = at(earlier, path.e, y, "earlier")!;
      const now = at(later, path.l, y, "later")!;
      out.figures.push({ part: "deficit", section: heading, line: y, measure: path.name, then, now, change: changeOf(then, now), unit: later.unit });
    }
    const last = common[common.length - 1];
    if (last && moved.includes(last)) {
      sentences.push(`The deficit forecast at the end of ${last}, ${path.name}, ${moveWords(at(earlier, path.e, last, "earlier")!, at(later, path.l, last, "later")!, f)}.`);
    }
    const others = moved.filter((y) => y !== last);
    if (others.length > 0) {
      const words = others.map((y) => {
        const then = at(earlier, path.e, y, "earlier")!;
        const now = at(later, path.l, y, "later")!;
        return `${y} ${now > then ? "up" : "down"} ${f(Math.abs(now - then))} (from ${f(then)} to ${f(now)})`;
      });
      sentences.push(`${last && moved.includes(last) ? "Earlier years" : "Years"} that moved, ${path.name}: ${joinNames(words)}.`);
    }
  }
  if ((earlier.mitigated === null) !== (later.mitigated === null)) {
    sentences.push(later.mitigated ? "This paper gives the deficit with the recovery plan; the last paper did not." : "The last paper gave the deficit with the recovery plan; this one does not.");
  }
  const lastE = earlier.years[earlier.years.length - 1];
  const lastL = later.years[later.years.length - 1];
  if (lastE && lastL && lastE !== lastL) {
    const un = at(later, later.unmitigated, lastL, "later");
    const mi = at(later, later.mitigated, lastL, "later");
    const figures = un === null ? "" : `: ${f(un)} without the recovery plan${mi === null ? "" : ` and ${f(mi)} with it`}`;
    sentences.push(`The forecast now runs to ${lastL}${figures} (it ran to ${lastE}).`);
  }
  // "Not recovered by 2026/27" and "… by 2027/28" differ only as the forecast runs longer, which is said above.
  const notRecovered = (y: string) => /^not recovered/i.test(y);
  if (normaliseStatus(earlier.recoveryYear) !== normaliseStatus(later.recoveryYear) && !(notRecovered(earlier.recoveryYear) && notRecovered(later.recoveryYear))) {
    sentences.push(`Recovery year: ${later.recoveryYear} (at the last paper, ${earlier.recoveryYear}).`);
  }
  const row = (y: string): PaperTableRow => ({
    cells: [
      { text: y },
      figureCell(at(earlier, earlier.unmitigated, y, "earlier"), f, format),
      figureCell(at(later, later.unmitigated, y, "later"), f, format),
      ...(earlier.mitigated || later.mitigated ? [figureCell(at(earlier, earlier.mitigated, y, "earlier"), f, format), figureCell(at(later, later.mitigated, y, "later"), f, format)] : []),
    ],
  });
  const table: TableBlock = {
    kind: "table",
    columns: [
      { heading: "Year" },
      { heading: "Without the plan, then", numeric: true },
      { heading: "Without the plan, now", numeric: true },
      ...(earlier.mitigated || later.mitigated ? [{ heading: "With the plan, then", numeric: true }, { heading: "With the plan, now", numeric: true }] : []),
    ],
    rows: years.map(row),
  };
  if (sentences.length === 0) return nothingMoved(heading, `The deficit forecast is as it was (recovery year: ${later.recoveryYear}).`, notes, table);
  return { heading, moved: true, sentences, notes, table };
}

function scorecardSection(earlier: ScorecardSummary, later: ScorecardSummary, out: PaperComparison): ComparisonSection {
  const heading = `Strategy scorecard${later.year ? `: statuses for ${later.year}` : ""}`;
  const label = (l: { ref: string; name: string }) => (l.ref ? `${l.ref} ${q(l.name)}` : q(l.name));
  const { pairs, added, dropped } = pairItems(earlier.lines, later.lines, (l) => l.name, (l) => l.ref.trim().toUpperCase());
  const sentences: string[] = [];
  const notes: string[] = [];
  for (const p of pairs) {
    const match = matchWords({ earlierName: p.earlier.name, laterName: p.later.name, how: p.how, guess: p.guess });
    if (!sameStatus(p.earlier.status, p.later.status)) {
      out.statusMoves.push({ part: "indicator", name: p.later.name, earlierName: p.earlier.name, from: p.earlier.status, to: p.later.status, guess: p.guess });
      sentences.push(`${label(p.later)} moved from ${statusWords(p.earlier.status)} to ${statusWords(p.later.status)}.${match}`);
    } else if (match !== "") notes.push(`${label(p.later)}, still ${statusWords(p.later.status)}.${match}`);
  }
  for (const a of added) {
    out.added.push({ part: "indicator", name: a.name, status: a.status });
    sentences.push(`${label(a)} is a new indicator (${statusWords(a.status)}).`);
  }
  for (const d of dropped) {
    out.dropped.push({ part: "indicator", name: d.name, status: d.status });
    sentences.push(`${label(d)} was in the last paper's scorecard (${statusWords(d.status)}) and is not in this one.`);
  }
  if (earlier.year && later.year && earlier.year !== later.year) notes.push(`Statuses were judged for ${earlier.year} in the last paper and for ${later.year} in this one.`);
  if (sentences.length === 0) return nothingMoved(heading, `No indicator's status moved (${count(later.lines.length, "indicator")}).`, notes);
  return { heading, moved: true, sentences, notes };
}

function refusedSection(heading: string, reason: string, out: PaperComparison): ComparisonSection {
  const sentence = `Not compared: ${reason}.`;
  out.notCompared.push(`${heading}: ${reason}.`);
  return { heading, moved: false, sentences: [sentence], notes: [] };
}

/** Tables of a kind in one paper only, paired in order (a second savings plan with the second). */
function pairInOrder<T extends { sheet: string }>(earlier: readonly T[], later: readonly T[]): { pairs: [T, T][]; added: T[]; dropped: T[] } {
  const pairs: [T, T][] = [];
  const usedE = new Set<number>();
  const usedL = new Set<number>();
  // The same sheet first, then in order.
  later.forEach((l, j) => {
    const i = earlier.findIndex((e, k) => !usedE.has(k) && e.sheet === l.sheet);
    if (i >= 0) {
      usedE.add(i);
      usedL.add(j);
    }
  });
  const restE = earlier.map((_, i) => i).filter((i) => !usedE.has(i));
  const restL = later.map((_, j) => j).filter((j) => !usedL.has(j));
  later.forEach((l, j) => {
    if (usedL.has(j)) {
      const i = earlier.findIndex((e) => e.sheet === l.sheet);
      pairs.push([earlier[i]!, l]);
    } else if (restE.length > 0 && restL.includes(j)) {
      const i = restE.shift()!;
      usedE.add(i);
      usedL.add(j);
      pairs.push([earlier[i]!, l]);
    }
  });
  return { pairs, added: later.filter((_, j) => !usedL.has(j)), dropped: earlier.filter((_, i) => !usedE.has(i)) };
}

/**
 * What has moved from the earlier paper to the later: a section per part both papers have
 * (initiatives, actions by status, overdue actions, savings, each budget table, the deficit, each
 * scorecard), and what could not be compared, with why.
 */
export function comparePapers(earlier: PaperSummary, later: PaperSummary): PaperComparison {
  const out: PaperComparison = { sections: [], statusMoves: [], added: [], dropped: [], completed: [], overdue: null, figures: [], notCompared: [], comparable: false, movements: 0 };
  const sections = out.sections;
  const oneSide = (what: string, inEarlier: number, inLater: number) => {
    if (inEarlier > 0 && inLater === 0) out.notCompared.push(`The last paper has ${what}; this one has none, so it is not compared.`);
    if (inLater > 0 && inEarlier === 0) out.notCompared.push(`This paper has ${what}; the last paper had none, so it is not compared.`);
  };
  if (earlier.initiatives.length > 0 && later.initiatives.length > 0) sections.push(initiativesSection(earlier.initiatives, later.initiatives, out));
  else oneSide("initiatives", earlier.initiatives.length, later.initiatives.length);
  const actionsThen = earlier.statusCounts.reduce((n, c) => n + c.count, 0);
  const actionsNow = later.statusCounts.reduce((n, c) => n + c.count, 0);
  if (actionsThen > 0 && actionsNow > 0) sections.push(actionsSection(earlier.statusCounts, later.statusCounts));
  const overdue = overdueSection(earlier.overdue, later.overdue, out);
  if (overdue) sections.push(overdue);

  const savings = pairInOrder(earlier.savings, later.savings);
  for (const [e, l] of savings.pairs) sections.push(savingsSection(e, l, out));
  oneSide("a savings plan", savings.dropped.length, savings.added.length);

  const budgets = pairBudgets(earlier.budgets, later.budgets);
  for (const [e, l] of budgets.pairs) sections.push(budgetSection(e, l, out));
  for (const d of budgets.dropped) out.notCompared.push(`The last paper's table ${q(d.title)} has no match in this paper, so it is not compared.`);
  for (const a of budgets.added) out.notCompared.push(`This paper's table ${q(a.title)} has no match in the last paper, so it is not compared.`);

  const deficits = pairInOrder(earlier.deficits, later.deficits);
  for (const [e, l] of deficits.pairs) sections.push(deficitSection(e, l, out));
  oneSide("a deficit table", deficits.dropped.length, deficits.added.length);

  const scorecards = pairInOrder(earlier.scorecards, later.scorecards);
  for (const [e, l] of scorecards.pairs) sections.push(scorecardSection(e, l, out));
  oneSide("a strategy scorecard", scorecards.dropped.length, scorecards.added.length);

  out.comparable = sections.length > 0;
  out.movements = sections.reduce((n, s) => n + (s.moved ? s.sentences.length : 0), 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// As a paper

/** "31 March 2025" from "As at 31 March 2025"; null where the paper gives no date. */
function dateOf(asAt: string | null | undefined): string | null {
  if (!asAt) return null;
  const d = asAt.replace(/^\s{0,4}as at\s{1,4}/i, "").trim();
  return d === "" ? null : d;
}

/** "Since 31 March 2025", or "Since the last paper" where the earlier paper gives no date. */
export function sinceHeading(earlierAsAt: string | null | undefined): string {
  const d = dateOf(earlierAsAt);
  return d ? `Since ${d}` : "Since the last paper";
}

/** The heading of the part listing what could not be compared. */
export const NOT_COMPARED = "Not compared";

/**
 * The paper's "Since <date>" section: what moved, part by part, each movement a sentence in a
 * list (or, where nothing moved, the one sentence that says so), the figures then and now in a
 * table, and how the two were compared. No cell or sheet row is named.
 */
export function sinceBlocks(comparison: PaperComparison, earlierAsAt: string | null | undefined, laterAsAt?: string | null): PaperBlock[] {
  const blocks: PaperBlock[] = [{ kind: "heading", level: 2, text: sinceHeading(earlierAsAt) }];
  const then = dateOf(earlierAsAt);
  const now = dateOf(laterAsAt);
  const intro = then
    ? `What has moved since the last paper, as at ${then}${now ? `, to this one, as at ${now}` : ""}.`
    : `What has moved since the last paper${now ? `, to this one, as at ${now}` : ""}; the last paper gives no report date.`;
  blocks.push({ kind: "paragraph", text: `${intro} ${comparison.movements === 0 ? "Nothing has moved." : `${count(comparison.movements, "movement")} in all.`}` });
  for (const s of comparison.sections) {
    blocks.push({ kind: "heading", level: 3, text: s.heading });
    if (s.moved) blocks.push({ kind: "list", items: s.sentences });
    else for (const t of s.sentences) blocks.push({ kind: "paragraph", text: t });
    if (s.table) blocks.push(s.table);
    for (const n of s.notes) blocks.push({ kind: "paragraph", text: n, style: "small" });
  }
  if (comparison.notCompared.length > 0) {
    blocks.push({ kind: "heading", level: 3, text: NOT_COMPARED });
    blocks.push({ kind: "list", items: comparison.notCompared });
  }
  return blocks;
}

/** Joins the later paper's title to "since …": the add-in knows its own sheet by PAPER_SUFFIX followed by this. */
export const SINCE_JOIN = " \u2014 since ";

/** Whether a first cell is the title of a comparison the add-in wrote. */
export function isComparisonTitle(text: string): boolean {
  return text.includes(`${PAPER_SUFFIX}${SINCE_JOIN}`);
}

/**
 * The comparison as a document of its own, for `hnb compare`: titled "<the later paper's title> —
 * since <date>", its blocks the since section.
 */
export function comparisonDocument(comparison: PaperComparison, papers: { laterSummary: PaperSummary; later?: PaperOptions; earlier?: PaperOptions }): PaperDocument {
  const title = paperTitle(papers.laterSummary, papers.later ?? {});
  const since = sinceHeading(papers.earlier?.asAt);
  const tail = since === "Since the last paper" ? "the last paper" : since.slice("Since ".length);
  return { title: `${title}${SINCE_JOIN}${tail}`, blocks: sinceBlocks(comparison, papers.earlier?.asAt, papers.later?.asAt) };
}
