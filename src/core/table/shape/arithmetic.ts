import { BLANK, valueOf, type TypedCell } from "./typed";
import type { CrossFoot, FigureColumn, ShapeRole, TotalCheck, VarianceCheck } from "./types";

/** A data row as the arithmetic sees it: its cells on the table's columns (0-based). */
export interface SumRow {
  readonly line: number;
  readonly label: string;
  readonly cells: readonly TypedCell[];
  /** Its figure was split off the end of a line of text. */
  readonly split: boolean;
}

/** Words that make a row a total when it adds something up, or is reported when it does not. */
const TOTAL_WORDS = /\btotal|\bsub[- ]?total\b|\bnet position\b|\boverall\b|\bclosing balance\b|\bgrand\b/i;
/** A label that is a total by its first word, whatever else it says. */
const TOTAL_FIRST = /^(?:total|sub[- ]?total|grand total|overall\b)/i;

interface Item {
  readonly row: number;
  readonly values: ReadonlyMap<number, number>;
  /** -1 for an income line that a net total takes off (papers often print income unsigned). */
  readonly sign?: number;
}

const INCOME = /\bincome\b|\brecoupment\b|\bcontributions?\b/i;

/** The rounding a sum of these figures may show: half the last decimal place written. */
function tolerance(cells: readonly TypedCell[]): number {
  let decimals = 0;
  for (const c of cells) if (c.figure && c.figure.decimals > decimals) decimals = c.figure.decimals;
  return 0.5 * 10 ** -decimals - 1e-9;
}

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= Math.max(tol, Math.abs(b) * 1e-12);
}

function isTransposition(stated: number, computed: number, cells: readonly TypedCell[]): boolean {
  let decimals = 0;
  for (const c of cells) if (c.figure && c.figure.decimals > decimals) decimals = c.figure.decimals;
  const gap = Math.round(Math.abs(stated - computed) * 10 ** decimals);
  return gap > 0 && gap % 9 === 0 && Math.abs(stated - computed) < Math.abs(stated) / 10;
}

/**
 * Totals down each figure column, found by their arithmetic and their words: a row equal to the
 * sum of the rows since the last total closes them (a subtotal, or a total where nothing adds it
 * up again); a row equal to everything above (totals counted once, never their rows as well) is
 * a grand total; a row whose first word is "Total" is checked whether it adds up or not. A
 * heading row whose figure is the sum of the split lines under it is a total of what follows.
 */
export function findTotals(rows: readonly SumRow[], sumCols: readonly number[]): { checks: TotalCheck[]; roles: Map<number, { role: ShapeRole; why: string }> } {
  // Roles are keyed by the row's place in `rows`: a line run together from several rows holds several.
  const checks: TotalCheck[] = [];
  const roles = new Map<number, { role: ShapeRole; why: string }>();
  let items: Item[] = [];
  let block: Item[] = [];
  const absorbed = new Set<number>();
  const totalled = new Set<number>();
  const totalRows: { row: number; of: "block" | "above"; members: readonly number[] }[] = [];
  const valuesOf = (r: SumRow) => {
    const m = new Map<number, number>();
    for (const c of sumCols) {
      const cell = r.cells[c] ?? BLANK;
      const v = valueOf(cell);
      if (v !== null) m.set(c, cell.figure ? v * cell.figure.scale : v);
    }
    return m;
  };
  const sum = (list: readonly Item[], c: number) => {
    let s = 0;
    let any = false;
    for (const it of list) {
      const v = it.values.get(c);
      if (v !== undefined) {
        s += v * (it.sign ?? 1);
        any = true;
      }
    }
    return any ? s : null;
  };
  rows.forEach((r, i) => {
    const values = valuesOf(r);
    const stated = sumCols.filter((c) => (r.cells[c] ?? BLANK).kind === "figure");
    const item: Item = { row: i, values };
    if (stated.length === 0) {
      items.push(item);
      block.push(item);
      return;
    }
    const cellsOf = (list: readonly Item[], c: number) => [r.cells[c] ?? BLANK, ...list.map((it) => rows[it.row]!.cells[c] ?? BLANK)];
    // A count times a rate, in the unit the total's label names (caseload × unit cost).
    const productOf = (list: readonly Item[], c: number, unit: number) => {
      const a = list[0]?.values.get(c);
      const b = list[1]?.values.get(c);
      return list.length === 2 && a !== undefined && b !== undefined ? (a * b) / unit : null;
    };
    const worked = (list: readonly Item[], c: number, unit?: number) => (unit ? productOf(list, c, unit) : sum(list, c));
    const toleranceFor = (list: readonly Item[], c: number, unit?: number) => tolerance(unit ? [r.cells[c] ?? BLANK] : cellsOf(list, c));
    const score = (list: readonly Item[], unit?: number) => {
      let match = 0;
      let nonzero = 0;
      let present = 0;
      for (const c of stated) {
        const s = worked(list, c, unit);
        if (s === null) continue;
        present++;
        if (near(values.get(c)!, s, toleranceFor(list, c, unit))) {
          match++;
          if (s !== 0) nonzero++;
        }
      }
      return { match, nonzero, present };
    };
    const rowText = r.cells.map((c) => c.text).join(" ");
    const words = TOTAL_WORDS.test(r.label) || TOTAL_WORDS.test(rowText);
    const first = TOTAL_FIRST.test(r.label);
    const worded = (it: Item) => totalled.has(it.row) || TOTAL_WORDS.test(rows[it.row]!.cells.map((c) => c.text).join(" "));
    const plainBlock = block.filter((it) => !worded(it)).length;
    const half = Math.max(1, Math.ceil(stated.length / 2));
    const addsUp = (list: readonly Item[], unit?: number) => {
      if (list.length < 2) return false;
      const s = score(list, unit);
      // Rows of noughts add up to nought whatever they are: only words make such a row a total.
      return s.match >= half && (s.nonzero > 0 || (words && s.match === stated.length));
    };
    // What a total may add up, most likely first: the rows since the last total; the last few
    // of them ("SENSpecial and APPRU" under four place-funding lines); everything above, totals
    // counted once; the totals above and nothing else (a grand total of subtotals).
    const candidates: { of: "block" | "above"; members: Item[]; why: string; unit?: number }[] = [
      { of: "block", members: block, why: words ? "its words say total and it adds up the rows above it" : "it adds up the rows above it" },
    ];
    for (let m = block.length - 1; m >= 2; m--) candidates.push({ of: "block", members: block.slice(block.length - m), why: `it adds up the ${m} rows above it` });
    if (block.length >= 2) {
      const pair = block.slice(block.length - 2);
      const [count, rate] = pair.map((it) => rows[it.row]!);
      const isCount = (x: SumRow | undefined) => !!x && stated.every((c) => { const f = (x.cells[c] ?? BLANK).figure; return !f || (f.decimals === 0 && !f.currency); });
      const isRate = (x: SumRow | undefined) => !!x && (/\brate\b|\bunit cost\b|\bper\b|\baverage cost\b/i.test(x.label) || stated.some((c) => { const f = (x.cells[c] ?? BLANK).figure; return !!f && f.currency && f.decimals > 0; }));
      if (isCount(count) && isRate(rate)) {
        const said = /£\s*m\b|£\s*million|\(£m\)/i.test(r.label) ? 1e6 : /£\s*'?000|£k\b/i.test(r.label) ? 1e3 : 0;
        for (const unit of said ? [said] : [1, 1e3, 1e6]) candidates.push({ of: "block", members: pair, unit, why: "it is the count times the rate above it (caseload × unit cost)" });
      }
    }
    if (items.length > block.length) {
      candidates.push({ of: "above", members: items, why: "it adds up everything above it, totals counted once" });
      const totalsOnly = items.filter(worded);
      if (totalsOnly.length >= 2 && totalsOnly.length < items.length) candidates.push({ of: "above", members: totalsOnly, why: "it adds up the totals above it" });
    }
    // A net total takes its income lines off where they are printed without a minus.
    if (/\bnet\b/i.test(rowText)) {
      for (const c of [...candidates]) {
        if (c.members.some((it) => INCOME.test(rows[it.row]!.label) && !worded(it))) {
          candidates.push({ ...c, members: c.members.map((it) => (INCOME.test(rows[it.row]!.label) && !worded(it) ? { ...it, sign: -1 } : it)), why: `${c.why}, income taken off` });
        }
      }
    }
    // The reading under which most of the row's figures add up; the likeliest where they tie.
    let chosen: (typeof candidates)[number] | null = null;
    let bestMatch = -1;
    for (const c of candidates) {
      if (!addsUp(c.members, c.unit)) continue;
      const m = score(c.members, c.unit).match;
      if (m > bestMatch) {
        chosen = c;
        bestMatch = m;
      }
    }
    if (!chosen && (first || words) && plainBlock >= 2) {
      const b = score(block);
      const a = score(items);
      chosen = a.match > b.match && items.length > block.length ? { of: "above", members: items, why: "its words say total, but it does not add up" } : { of: "block", members: block, why: "its words say total, but it does not add up" };
    } else if (!chosen && first && items.length >= 2) {
      chosen = { of: "above", members: items, why: "its words say total, but it does not add up" };
    }
    if (chosen === null) {
      items.push(item);
      block.push(item);
      return;
    }
    const { of, members, why, unit } = chosen;
    totalled.add(i);
    for (const c of stated) {
      const s = worked(members, c, unit);
      if (s === null) continue;
      const cell = r.cells[c]!;
      const scale = cell.figure?.scale ?? 1;
      const statedValue = cell.figure!.value;
      const computed = s / scale;
      const cells = unit ? [cell] : cellsOf(members, c);
      const agrees = near(statedValue, computed, tolerance(cells));
      checks.push({
        line: r.line,
        col: c,
        stated: statedValue,
        computed: round(computed),
        agrees,
        of,
        lines: members.map((it) => rows[it.row]!.line),
        ...(agrees ? {} : { transposition: isTransposition(statedValue, computed, cells) }),
      });
    }
    roles.set(i, { role: "total", why });
    totalRows.push({ row: i, of, members: members.map((it) => it.row) });
    for (const it of members) absorbed.add(it.row);
    const inside = new Set(members.map((it) => it.row));
    items = of === "above" ? [item] : [...items.filter((it) => !inside.has(it.row)), item];
    block = [];
  });
  // A total that a later total adds up again is a subtotal.
  for (const t of totalRows) {
    if (absorbed.has(t.row)) {
      const was = roles.get(t.row)!;
      roles.set(t.row, { role: "subtotal", why: was.why });
    }
  }
  totalsBelow(rows, sumCols, roles, checks);
  return { checks, roles };
}

/** "Early Years Block £472k" over three split lines of £257k, £165k and £50k: a heading with their total. */
function totalsBelow(rows: readonly SumRow[], sumCols: readonly number[], roles: Map<number, { role: ShapeRole; why: string }>, checks: TotalCheck[]): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.split || roles.has(i)) continue;
    const under: SumRow[] = [];
    for (let j = i + 1; j < rows.length && rows[j]!.split; j++) under.push(rows[j]!);
    if (under.length < 2) continue;
    const found: TotalCheck[] = [];
    for (const c of sumCols) {
      const cell = r.cells[c] ?? BLANK;
      if (!cell.figure) continue;
      let s = 0;
      for (const u of under) {
        const uc = u.cells[c] ?? BLANK;
        const v = valueOf(uc);
        if (v !== null) s += uc.figure ? v * uc.figure.scale : v;
      }
      const computed = s / cell.figure.scale;
      const cells = [cell, ...under.map((u) => u.cells[c] ?? BLANK)];
      const agrees = near(cell.figure.value, computed, tolerance(cells));
      found.push({ line: r.line, col: c, stated: cell.figure.value, computed: round(computed), agrees, of: "below", lines: under.map((u) => u.line) });
    }
    if (found.length > 0 && found.every((f) => f.agrees)) {
      roles.set(i, { role: "subtotal", why: "a heading whose figure is the total of the lines under it" });
      checks.push(...found);
    }
  }
}

function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}

const NOT_SUMMED = /^%|percent|comment|text|rag|lead|date|polarity|previous/;

/**
 * Across each row to its total column: a column headed Total (or a closing balance after the
 * movements that make it) against the figure columns before it.
 */
export function crossFoot(rows: readonly SumRow[], columns: readonly FigureColumn[]): CrossFoot[] {
  const totalAt = columns.findIndex((c) => /^total|^carried/.test(c.meaning));
  if (totalAt <= 0) return [];
  const total = columns[totalAt]!;
  const parts = columns.slice(0, totalAt).filter((c) => !NOT_SUMMED.test(c.meaning) && c.meaning !== "total");
  if (parts.length < 1 || (parts.length < 2 && !/^carried/.test(total.meaning))) return [];
  const out: CrossFoot[] = [];
  for (const r of rows) {
    const cell = r.cells[total.col] ?? BLANK;
    if (!cell.figure) continue;
    let s = 0;
    let any = false;
    const cells = [cell];
    for (const p of parts) {
      const pc = r.cells[p.col] ?? BLANK;
      const v = valueOf(pc);
      if (v === null) continue;
      any = true;
      s += v;
      cells.push(pc);
    }
    if (!any) continue;
    out.push({ line: r.line, col: total.col, stated: cell.figure.value, computed: round(s), agrees: near(cell.figure.value, s, tolerance(cells)) });
  }
  return out;
}

/**
 * Each variance against the budget and the outturn (or forecast) beside it, in the convention
 * the table's own figures follow: outturn − budget where most rows agree that way, else
 * budget − outturn (funding − budget for a headroom).
 */
export function variances(rows: readonly SumRow[], columns: readonly FigureColumn[]): VarianceCheck[] {
  const variance = columns.find((c) => c.meaning === "variance");
  const budget = columns.find((c) => c.meaning === "budget" || c.meaning === "funding");
  const outturn = columns.find((c) => (c.meaning === "forecast" || c.meaning === "outturn" || (c.meaning === "budget" && c !== budget)) && c !== budget);
  if (!variance || !budget || !outturn) return [];
  const triples: { r: SumRow; v: number; b: number; o: number; cells: TypedCell[] }[] = [];
  for (const r of rows) {
    const cv = r.cells[variance.col] ?? BLANK;
    const cb = r.cells[budget.col] ?? BLANK;
    const co = r.cells[outturn.col] ?? BLANK;
    const v = valueOf(cv);
    const b = valueOf(cb);
    const o = valueOf(co);
    if (v === null || b === null || o === null) continue;
    triples.push({ r, v, b, o, cells: [cv, cb, co] });
  }
  let forward = 0;
  let backward = 0;
  for (const t of triples) {
    const tol = tolerance(t.cells);
    if (near(t.v, t.o - t.b, tol)) forward++;
    if (near(t.v, t.b - t.o, tol)) backward++;
  }
  const convention = backward > forward ? "budget-outturn" : "outturn-budget";
  return triples.map((t) => {
    const computed = convention === "outturn-budget" ? t.o - t.b : t.b - t.o;
    return { line: t.r.line, col: variance.col, stated: t.v, computed: round(computed), agrees: near(t.v, computed, tolerance(t.cells)), convention, of: { budget: budget.col, outturn: outturn.col } };
  });
}
