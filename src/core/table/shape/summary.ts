import type { Figure } from "../../figures";
import { balanceSignWords, balanceWords, deficitSign, figureWords, isMoneyUnit, listWords, meaningWords, overspendWords, varianceWords, type FigureUnit } from "../budget-words";
import type { BudgetLine, BudgetSummary } from "../summary";
import { isShare, isWordsColumn } from "./meaning";
import { unitMentioned, yearIn } from "./typed";
import type { FigureCheck, FigureColumn, Reading } from "./types";

/** The table's own title: the last short line of words above it ("Table 1 - Summary of spend & variances 2015-16"). */
function ownTitle(reading: Reading): string | undefined {
  const above = reading.rows.filter((r) => r.line < reading.firstLine && (r.role === "note" || r.role === "section") && r.label.length <= 100 && !/^table\s+\d+$/i.test(r.label.trim()));
  return above[above.length - 1]?.label.trim() || undefined;
}

/** A paper says once that a copy dropped blank cells, naming the lines, not once a line. */
function folded(notes: readonly string[]): string[] {
  const dropped = notes.filter((n) => /^Line \d+: the copy dropped blank cells/.test(n)).map((n) => /^Line (\d+)/.exec(n)![1]!);
  const rest = notes.filter((n) => !/^Line \d+: the copy dropped blank cells/.test(n));
  if (dropped.length === 0) return rest;
  const lines = dropped.length === 1 ? `Line ${dropped[0]}` : `Lines ${dropped.slice(0, -1).join(", ")} and ${dropped[dropped.length - 1]}`;
  return [...rest, `${lines}: the copy dropped blank cells, so each row's figures were placed under the headings its shape gives (a guess: check them against the paper).`];
}


/** A line's label that counts things ("Pupils (3 & 4 year olds)", "Number of EHCPs"); never "Place funding". */
const MONEY_LABEL = /\b(?:costs?|£|spend|spending|budget|price|funding|expenditure)\b/i;
const COUNT_LABEL = /^\s*(?:pupils?|numbers?\s+of|no\.?\s+of|count\s+of|headcount|fte|ehcps?|children|learners|students)\b/i;
const HIGH_NEEDS = /\bhigh\s+needs\b/i;
/** The kinds whose columns the paper says the meaning of: budgets, movements, reserves, deficits. */
const BUDGET_KINDS: ReadonlySet<string> = new Set(["budget-lines", "budget-by-block", "movement", "reserve", "deficit", "other"]);
const MONEY_MEANINGS = /^(?:budget|forecast|outturn|variance|funding|previous|movement|brought-forward|carried-forward|in-year|adjustment|balance|total|saving)\b/;

/** A figure line of the table, with its typed figures placed under the figure columns. */
interface Line {
  readonly label: string;
  readonly role: "data" | "subtotal" | "total" | "section";
  readonly figures: readonly (Figure | null)[];
  /** The section band the line sits under, where there is one ("Unit cost per placement (£)"). */
  readonly under?: string;
}

/** What the columns hold, as the paper's sentences need them: the first of each meaning. */
interface Roles {
  readonly budget?: number;
  readonly latest?: number;
  readonly variance?: number;
  readonly previous?: number;
  readonly movement?: number;
  readonly opening?: number;
  readonly closing?: number;
  /** Columns of money for a year each, in order: a table with years across. */
  readonly years: readonly { readonly k: number; readonly year: string }[];
}

function yearOf(meaning: string): string | null {
  const m = /year:(\d{4}\/\d{2})/.exec(meaning);
  return m ? m[1]! : null;
}

/**
 * A table read by its shape, for the paper: every line as the paper states it (each figure to its
 * own decimals, sections as bands, subtotals and totals kept, a total given only in the text above
 * added under the lines), each column in its own unit (a share as a percentage, counts as counts),
 * what its arithmetic found, what each column means and which way its variances, movements and
 * balances are signed, and the one sentence the paper's headline takes from it: the position
 * against budget, the movement, or the closing balance.
 */
export function summariseReading(reading: Reading, heading: string, title = ownTitle(reading)): BudgetSummary | null {
  const columns = reading.figureColumns.filter((c) => !isWordsColumn(c.meaning));
  if (columns.length === 0) return null;
  const left = (c: number) => c - 1;
  const lastHeading = reading.rows.reduce((at, r, n) => (r.role === "heading" ? n : at), -1);
  const read: Line[] = [];
  let section: string | null = null;
  let band: string | null = null;
  for (const [n, r] of reading.rows.entries()) {
    // A section inside the table ("Early Years Block:"), over the lines under it; a title above the headings is not one.
    if (r.role === "section" && n > lastHeading && r.line >= reading.firstLine) section = r.label;
    // A line of words between the table's lines ("Average cost per EHCP (£ a year)") heads those under it, as a section does.
    if (r.role === "note" && n > lastHeading && r.line > reading.firstLine && r.line < reading.lastLine && r.label.trim() !== "") section = r.label;
    if (r.role !== "data" && r.role !== "subtotal" && r.role !== "total") continue;
    const cells = reading.cells.get(n);
    const figures = columns.map((c) => cells?.[left(c.col)]?.figure ?? null);
    if (figures.every((f) => f === null)) {
      // A line of words over the lines under it ("Average cost per EHCP (£ a year)") says what they are in.
      // It is shown as a band over them, as a section is.
      if (r.line >= reading.firstLine && n > lastHeading && r.label.trim() !== "") section = r.label;
      continue;
    }
    if (section !== null) {
      read.push({ label: section, role: "section", figures: columns.map(() => null) });
      band = section;
    }
    section = null;
    read.push({ label: r.label, role: r.role, figures, ...(band !== null ? { under: band } : {}) });
  }
  const lines = read.filter((l) => l.role !== "section");
  if (lines.length === 0) return null;

  // Each column's unit: a share is a percentage, a count a count; else the table's money.
  const columnUnits: (FigureUnit | null)[] = columns.map((c, k) => {
    const cells = lines.map((l) => l.figures[k]).filter((f): f is Figure => f !== null);
    // A share of a whole ("% of plans") is never over 100%: a column that holds more is not read as one.
    if (c.unit === "%" || (cells.length > 0 && cells.every((f) => f.percent)) || (isShare(c.meaning) && cells.every((f) => Math.abs(f.value) <= 100))) return "%";
    if (c.unit === "count" || reading.unit === "count") return "count";
    return null;
  });
  const money = isMoneyUnit(reading.unit) ? reading.unit : (columns.map((c) => c.unit).find(isMoneyUnit) ?? null);
  // A table whose lines are in different units (pupils, a rate in £ and sub totals in £m): each line says its own.
  const lineUnits = unitsByLine(lines, money, reading.kind === "ehcp-numbers");
  const mixedLines = lineUnits.some((u) => u !== null && u !== money);
  const unit: BudgetSummary["unit"] = mixedLines ? "mixed" : reading.unit === "count" ? "count" : (money ?? "mixed");
  const unitOfLine = (i: number): FigureUnit | null => (mixedLines ? (lineUnits[i] ?? money) : null);

  let decimals = 0;
  const places: Partial<Record<FigureUnit, number>> = {};
  lines.forEach((l, i) => {
    l.figures.forEach((f, k) => {
      if (!f) return;
      const u = columnUnits[k] === "%" ? "%" : unitOfLine(i);
      if (u === null) decimals = Math.max(decimals, f.decimals);
      else places[u] = Math.max(places[u] ?? 0, Math.min(6, f.decimals));
    });
  });
  decimals = Math.min(6, decimals);
  const out: BudgetLine[] = [];
  let i = 0;
  for (const l of read) {
    if (l.role === "section") {
      out.push({ label: l.label, values: columns.map(() => null), section: true });
      continue;
    }
    const u = unitOfLine(i++);
    out.push({ label: l.label, values: l.figures.map((f) => f?.value ?? null), ...(l.role !== "data" ? { total: true } : {}), ...(u ? { unit: u } : {}) });
  }
  // A total the text above the table gives ("the underspend of £1,099,530"): under the lines, as the paper's total.
  for (const t of reading.totals.filter((x) => x.of === "text")) {
    const k = columns.findIndex((c) => c.col === t.col || columns.length === 1);
    if (k < 0 || out.some((l) => l.total && l.values[k] !== null)) continue;
    out.push({ label: "Total, as the text above the table gives it", values: columns.map((_, j) => (j === k ? t.stated : null)), total: true });
  }

  /** A figure in words with its unit: the line's own, where the table's lines differ. */
  const say = (v: number, i?: number) => {
    const own = i !== undefined ? unitOfLine(i) : null;
    return own ? figureWords(v, own, places[own]) : figureWords(v, unit, decimals);
  };
  /** A figure the checks name, in words with its unit: its column's (a share) or its line's. */
  const sayAt = (v: number, col: number, label?: string) => {
    const k = columns.findIndex((c) => c.col === col);
    if (k >= 0 && columnUnits[k] === "%") return figureWords(v, "%", places["%"]);
    const at = label === undefined ? -1 : lines.findIndex((l) => l.label === label);
    return say(v, at >= 0 ? at : undefined);
  };
  const sentences: string[] = [...arithmetic(reading, columns, lines, sayAt)];

  const roles = rolesOf(reading, columns, columnUnits);
  const position = lastOf(lines, "total") ?? lastOf(lines, "subtotal");
  const positions: string[] = [];
  const heads = (k: number | undefined) => (k === undefined ? "" : `“${columns[k]!.heading}”`);
  const value = (i: number, k: number | undefined) => (k === undefined ? null : (lines[i]!.figures[k]?.value ?? null));
  const varianceCheck = reading.variances[0];
  const convention = varianceCheck?.convention ?? "outturn-budget";
  const headroom = roles.variance !== undefined && /headroom|shortfall/i.test(columns[roles.variance]!.heading);
  /** An overspend (or a shortfall against funding) from a variance as the table signs it: positive. */
  const over = (v: number) => (convention === "outturn-budget" ? v : -v);

  /** "“Total”: a shortfall of £2,919k, “Budget Estimate” £125,118k against “DSG Funding” £122,199k." */
  const againstBudget = (i: number): string | null => {
    const b = value(i, roles.budget);
    const f = value(i, roles.latest);
    const v = value(i, roles.variance);
    const spend = v !== null ? over(v) : b !== null && f !== null && roles.variance === undefined ? f - b : null;
    if (spend === null) return null;
    const figures = b !== null && f !== null ? `, ${heads(roles.latest)} ${say(f, i)} against ${heads(roles.budget)} ${say(b, i)}` : "";
    const words = overspendWords(spend, unitOfLine(i) ?? unit, decimals, headroom);
    return `“${lines[i]!.label}”: ${words}${figures}.`;
  };

  if (reading.kind === "movement" && roles.previous !== undefined && (roles.latest !== undefined || roles.variance !== undefined)) {
    // The latest against the previous report, and the movement between, as the table takes it.
    const latest = roles.variance ?? roles.latest!;
    const how = reading.kindChecks.find((c) => c.rule === "movement")?.how;
    const at = position ?? lines.length - 1;
    const l = value(at, latest);
    const p = value(at, roles.previous);
    const m = value(at, roles.movement) ?? (l !== null && p !== null && roles.movement === undefined ? l - p : null);
    if (l !== null && p !== null && m !== null) {
      const asVariance = latest === roles.variance;
      const said = (v: number) => (asVariance ? overspendWords(over(v), unit, decimals) : say(v, at));
      // The table's own movement as it gives it; one worked out here, in words.
      const moved = roles.movement !== undefined ? `a movement of ${say(m, at)}` : m === 0 ? "no movement" : `${m > 0 ? "up" : "down"} ${say(Math.abs(m), at)}`;
      positions.push(`“${lines[at]!.label}”: ${said(l)} at the latest (${heads(latest)}), against ${said(p)} at the previous report (${heads(roles.previous)}): ${moved}.`);
    }
    if (how && roles.movement !== undefined) sentences.push(`${heads(roles.movement)} is ${how}, as the table takes it: a rise positive, a fall in brackets.`);
    else if (roles.movement === undefined) sentences.push(`The movement is ${heads(latest)} less ${heads(roles.previous)}.`);
  } else if (reading.kind === "movement" && roles.movement !== undefined) {
    const at = position ?? lines.length - 1;
    const m = value(at, roles.movement);
    if (m !== null) positions.push(`“${lines[at]!.label}”: a movement of ${say(m, at)}, as the table gives it (a rise positive, a fall in brackets).`);
  } else if (roles.closing !== undefined) {
    // A reserve: the closing balances are the point of the table.
    const sign = deficitSign(lines.map((l) => ({ label: l.label, values: [roles.closing!].map((k) => l.figures[k]?.value ?? null) })), `${title ?? ""} ${reading.rows.filter((r) => r.line < reading.firstLine).map((r) => r.label).join(" ")}`);
    const at = position ?? lines.length - 1;
    const c = value(at, roles.closing);
    const o = value(at, roles.opening);
    const balance = (v: number, j: number) => balanceWords(v, sign, unitOfLine(j) ?? unit, unitOfLine(j) ? places[unitOfLine(j)!] : decimals);
    if (c !== null) positions.push(`At the close (${heads(roles.closing)}), “${lines[at]!.label}” is ${balance(c, at)}${o !== null ? `, from ${balance(o, at)} at the opening (${heads(roles.opening)})` : ""}.`);
    const each = lines.flatMap((l, j) => (j === at || l.role !== "data" || value(j, roles.closing) === null ? [] : [`“${l.label}” ${balance(value(j, roles.closing)!, j)}`]));
    if (each.length > 0) sentences.push(`The closing balance line by line: ${listWords(each.slice(0, 8))}${each.length > 8 ? `, and ${each.length - 8} more lines` : ""}.`);
    sentences.push(balanceSignWords(sign));
  } else if (roles.budget !== undefined || roles.variance !== undefined) {
    if (position !== undefined) {
      const s = againstBudget(position);
      if (s) positions.push(s);
    }
    // The High Needs Block's own line, in a table of the DSG's blocks or lines.
    const hn = lines.findIndex((l) => l.role === "data" && HIGH_NEEDS.test(l.label));
    if (hn >= 0 && hn !== position) {
      const s = againstBudget(hn);
      if (s) positions.push(s);
    }
  }
  if (roles.years.length >= 2 && positions.length === 0) {
    // Years across: each total's latest year against the one before.
    const [prev, last] = roles.years.slice(-2) as [Roles["years"][number], Roles["years"][number]];
    const totals = lines.map((l, j) => ({ l, j })).filter(({ l }) => l.role === "total");
    const shown = totals.length > 0 ? totals : position !== undefined ? [{ l: lines[position]!, j: position }] : [];
    const hn = shown.find(({ l }) => HIGH_NEEDS.test(l.label));
    for (const { l, j } of hn ? [hn, ...shown.filter((x) => x !== hn)] : [...shown].reverse()) {
      const a = value(j, last.k);
      const b = value(j, prev.k);
      if (a === null || b === null) continue;
      const change = a - b;
      const share = columns.findIndex((c, k) => columnUnits[k] === "%" && yearOf(c.meaning) === null && (c.heading.includes(last.year) || yearIn(c.heading) === Number(last.year.slice(0, 4))));
      const pc = share >= 0 ? value(j, share) : null;
      positions.push(
        `“${l.label}”: ${say(a, j)} in ${last.year}${pc !== null ? ` (${figureWords(pc, "%", places["%"])} ${columns[share]!.meaning.replace(/^%\s*/, "")})` : ""}, against ${say(b, j)} in ${prev.year}${change === 0 ? ", no change" : `, ${change > 0 ? "a rise" : "a fall"} of ${say(Math.abs(change), j)}`}.`,
      );
    }
  }
  const text = reading.totals.find((t) => t.of === "text");
  if (text && positions.length === 0) {
    positions.push(`The text above the table gives the total as ${say(text.stated)}; ${text.agrees ? "the lines add to that" : `the lines come to ${say(text.computed)}`}.`);
  }
  sentences.push(...positions, ...(BUDGET_KINDS.has(reading.kind) ? meaningsSaid(reading, columns, convention) : []));
  const headline = positions[0];
  return {
    sheet: reading.sheet,
    title: `${titleOf(reading, heading, columns, roles, title)}${title ? `: ${title}` : ""}`,
    unit,
    columns: columns.map((c) => c.heading || "(no heading)"),
    ...(columnUnits.some((u) => u !== null && u !== unit) || mixedLines ? { columnUnits, places } : {}),
    lines: out,
    sentences,
    ...(headline ? { headline } : {}),
    notes: [`Read by its shape as ${reading.why.length ? reading.why.join("; ") : heading.toLowerCase()}.`, ...folded(reading.notes)],
    decimals,
  };
}

function lastOf(lines: readonly Line[], role: Line["role"]): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.role === role) return i;
  return undefined;
}

/**
 * Each line's unit where the table's lines differ (b07's pupils, rates in £ and sub totals in £m):
 * the unit its label names, a count where it counts pupils or plans in whole numbers, £ where
 * every figure is written with £; else the unit of the next total under it that names one (the
 * total it adds into), else null (the table's).
 */
function unitsByLine(lines: readonly Line[], money: FigureUnit | null, countsPlans = false): (FigureUnit | null)[] {
  const own = lines.map((l): FigureUnit | null => {
    const named = unitMentioned(l.label);
    if (isMoneyUnit(named)) return named;
    const figures = l.figures.filter((f): f is Figure => f !== null);
    if (figures.length === 0) return null;
    const whole = figures.every((f) => f.decimals === 0 && !f.currency && !f.percent && f.scale === 1);
    if (COUNT_LABEL.test(l.label) && whole) return "count";
    // A table of EHC plans counts plans: a line of whole numbers that names no money (a unit cost, a cost) is a count.
    if (countsPlans && whole && !MONEY_LABEL.test(l.label) && !MONEY_LABEL.test(l.under ?? "")) return "count";
    if (figures.every((f) => f.currency && f.scale === 1)) return "£";
    return null;
  });
  if (!own.some((u) => u !== null && u !== money)) return own.map(() => null);
  return own.map((u, i) => {
    if (u !== null) return u;
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[j]!.role === "data") continue;
      if (own[j] !== null) return own[j]!;
    }
    return null;
  });
}

function rolesOf(reading: Reading, columns: readonly FigureColumn[], units: readonly (FigureUnit | null)[]): Roles {
  const first = (test: (meaning: string) => boolean) => {
    const k = columns.findIndex((c, j) => units[j] !== "%" && test(c.meaning.split(";")[0]!.trim()));
    return k < 0 ? undefined : k;
  };
  const v = reading.variances[0]?.of;
  const byCol = (col: number | undefined) => (col === undefined ? undefined : columns.findIndex((c) => c.col === col));
  const budget = v ? byCol(v.budget) : first((m) => m === "budget");
  const latest = v ? byCol(v.outturn) : first((m) => m === "forecast" || m === "outturn");
  const years = columns.flatMap((c, k) => {
    const y = yearOf(c.meaning);
    const word = c.meaning.split(";")[0]!.trim();
    return y && units[k] !== "%" && (word.startsWith("year:") || word === "balance" || word === "funding") ? [{ k, year: y }] : [];
  });
  return {
    ...(budget !== undefined && budget >= 0 ? { budget } : {}),
    ...(latest !== undefined && latest >= 0 ? { latest } : {}),
    ...optional("variance", first((m) => m === "variance")),
    ...optional("previous", first((m) => m === "previous")),
    ...optional("movement", first((m) => m === "movement")),
    ...optional("opening", first((m) => m === "brought-forward")),
    ...optional("closing", first((m) => m === "carried-forward")),
    years,
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** What the section is, in its heading: years across are named as years, budgets as what they compare. */
function titleOf(reading: Reading, heading: string, columns: readonly FigureColumn[], roles: Roles, own: string | undefined): string {
  const meanings = new Set(columns.map((c) => c.meaning.split(";")[0]!.trim()));
  const budgetish = ["budget", "forecast", "outturn", "variance"].some((m) => meanings.has(m));
  if (roles.years.length >= 2 && !budgetish) {
    const years = roles.years.map((y) => y.year);
    const span = years.length === 2 ? `${years[0]} and ${years[1]}` : `${years[0]} to ${years[years.length - 1]}`;
    if (reading.kind === "budget-by-block") return `DSG ${whatOf(`${own ?? ""} ${columns.map((c) => c.heading).join(" ")}`)} by block, ${span}`;
    if (reading.kind === "reserve") return `Balances, ${span}`;
  }
  if (reading.kind === "budget-by-block" || reading.kind === "budget-lines") {
    const base = reading.kind === "budget-by-block" ? "DSG by block" : heading;
    if (meanings.has("funding") && meanings.has("budget")) return `${base}: funding against budget`;
    if (meanings.has("budget") && meanings.has("forecast")) return `${base}: forecast against budget`;
    if (meanings.has("budget") && meanings.has("outturn")) return `${base}: outturn against budget`;
  }
  return heading;
}

/** What a table of years by block holds, from its own words: its settlement, allocations, funding, budgets. */
function whatOf(words: string): string {
  if (/\bsettlement\b/i.test(words)) return "settlement";
  if (/\ballocat/i.test(words)) return "allocations";
  if (/\boutturn\b/i.test(words)) return "outturn";
  if (/\bbudget/i.test(words)) return "budgets";
  if (/\bfunding\b|\bgrant\b/i.test(words)) return "funding";
  if (/\bspend\b|\bexpenditure\b/i.test(words)) return "spending";
  return "figures";
}

/** What each column means where the reader knows, and which way the variances are signed, said once. */
function meaningsSaid(reading: Reading, columns: readonly FigureColumn[], convention: "outturn-budget" | "budget-outturn"): string[] {
  const out: string[] = [];
  const parts = columns.flatMap((c) => {
    const word = c.meaning.split(";")[0]!.trim();
    if (word === "variance" || !c.heading) return [];
    const w = meaningWords(c.meaning);
    // A heading that says no more than its meaning ("Budget", "2015/16") is not explained.
    // A heading that says no more than its meaning ("Budget", "2015/16", "Grand Total") is not explained.
    if (!w || w.replace(/^the /, "").toLowerCase() === c.heading.toLowerCase() || (word.startsWith("year:") && yearIn(c.heading) !== null) || (word === "total" && /\btotal\b/i.test(c.heading))) return [];
    if (/^(?:actual|target|baseline|saving)$/.test(word)) return [];
    return [`“${c.heading}” ${w}`];
  });
  if (parts.length > 0) out.push(`The columns: ${listWords(parts)}.`);
  const v = reading.variances[0];
  const vc = v ? columns.find((c) => c.col === v.col) : columns.find((c) => c.meaning.split(";")[0]!.trim() === "variance");
  if (vc && v?.of) {
    const latest = columns.find((c) => c.col === v.of!.outturn);
    const base = columns.find((c) => c.col === v.of!.budget);
    if (latest && base) out.push(`${varianceWords(vc.heading, latest.heading, base.heading, convention)}, as the table takes it.`);
  } else if (vc && MONEY_MEANINGS.test(vc.meaning)) {
    out.push(`“${vc.heading}” is a variance, as the table gives it.`);
  }
  return out;
}

/** What the table's own arithmetic found, in sentences: totals, rows across, movements. */
function arithmetic(reading: Reading, columns: readonly FigureColumn[], lines: readonly Line[], figure: (v: number, col: number, label?: string) => string): string[] {
  const sentences: string[] = [];
  const wrong = reading.totals.filter((t) => !t.agrees);
  if (reading.totals.length > 0) {
    sentences.push(
      wrong.length === 0
        ? `Every total in the table adds up (${reading.totals.length} checked).`
        : `${wrong.length} of the table's ${reading.totals.length} totals do not add up: ${wrong
            .slice(0, 3)
            .map((t) => `“${t.label ?? ""}” says ${figure(t.stated, t.col, t.label)} where its lines come to ${figure(t.computed, t.col, t.label)}`)
            .join("; ")}${wrong.length > 3 ? `; and ${wrong.length - 3} more` : ""}. Check them before the paper goes out.`,
    );
  }
  const badAcross = reading.crossFoot.filter((x) => !x.agrees);
  if (badAcross.length > 0) {
    sentences.push(
      `${badAcross
        .slice(0, 3)
        .map((x) => `“${x.label ?? ""}” says ${figure(x.stated, x.col, x.label)} in its total column, but its figures across come to ${figure(x.computed, x.col, x.label)}${blankColumnGap(x, columns, lines, (v) => figure(v, x.col, x.label))}`)
        .join("; ")}${badAcross.length > 3 ? `; and ${badAcross.length - 3} more rows` : ""}.`,
    );
  }
  const badMoves = reading.kindChecks.filter((k) => !k.agrees);
  if (badMoves.length > 0) sentences.push(`${badMoves.map((k) => `“${k.label ?? ""}”`).join(", ")}: the movement is not ${badMoves[0]!.how}.`);
  return sentences;
}

/**
 * Where a total line's figures across fall short of its total column by what a column it leaves
 * blank adds to down the lines (Kirklees's reserve: its carry-forwards, 580.7, not on the total
 * line), the words that say so.
 */
function blankColumnGap(x: FigureCheck, columns: readonly FigureColumn[], lines: readonly Line[], figure: (v: number) => string): string {
  const row = lines.find((l) => l.label === x.label && l.role !== "data");
  if (!row) return "";
  const gap = x.stated - x.computed;
  const k = columns.findIndex((c, j) => {
    if (c.col === x.col || row.figures[j] !== null) return false;
    const down = lines.filter((l) => l.role === "data").reduce((a, l) => a + (l.figures[j]?.value ?? 0), 0);
    return down !== 0 && Math.abs(down - gap) < 1e-6 * Math.max(1, Math.abs(gap));
  });
  return k < 0 ? "" : `: the gap, ${figure(gap)}, is what “${columns[k]!.heading}” adds to down the lines, a column the total line leaves blank`;
}
