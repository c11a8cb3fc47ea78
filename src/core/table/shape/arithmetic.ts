import { maxOf } from "../../grid";
import { isShare, isWordsColumn } from "./meaning";
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
export function tolerance(cells: readonly TypedCell[]): number {
  let decimals = 0;
  for (const c of cells) if (c.figure && c.figure.decimals > decimals) decimals = c.figure.decimals;
  return 0.5 * 10 ** -decimals - 1e-9;
}

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= Math.max(tol, Math.abs(b) * 1e-12);
}

function isTransposition(stated: number, computed: number, decimals: number): boolean {
  const gap = Math.round(Math.abs(stated - computed) * 10 ** decimals);
  return gap > 0 && gap % 9 === 0 && Math.abs(stated - computed) < Math.abs(stated) / 10;
}

/** Sums of a list of rows' figures, kept as rows join and leave it: no total re-adds its rows. */
class Aggregate {
  private readonly sums = new Map<number, number>();
  private readonly present = new Map<number, number>();
  private readonly places = new Map<number, number>();
  size = 0;

  constructor(private readonly rows: readonly SumRow[]) {}

  add(item: Item, sign = 1): void {
    this.size += sign;
    for (const [c, v] of item.values) {
      this.sums.set(c, (this.sums.get(c) ?? 0) + sign * v * (item.sign ?? 1));
      this.present.set(c, (this.present.get(c) ?? 0) + sign);
      const f = (this.rows[item.row]!.cells[c] ?? BLANK).figure;
      if (sign > 0 && f && f.decimals > (this.places.get(c) ?? 0)) this.places.set(c, f.decimals);
    }
  }

  /** How many rows have a figure in a column. */
  count(c: number): number {
    return this.present.get(c) ?? 0;
  }

  /** The sum of a column, or null where no row has a figure in it. */
  sum(c: number): number | null {
    return (this.present.get(c) ?? 0) > 0 ? this.sums.get(c)! : null;
  }

  decimals(c: number): number {
    return this.places.get(c) ?? 0;
  }

  reset(): void {
    this.sums.clear();
    this.present.clear();
    this.places.clear();
    this.size = 0;
  }
}

/** What a count times a rate may be stated in: pounds, thousands, millions. */
const UNITS = [1, 1e3, 1e6] as const;

/** The most rows a subtotal of "the last few rows" is looked for over. */
const MAX_SUFFIX = 12;

interface Candidate {
  readonly of: "block" | "above";
  /** How many of the last items it adds (the rows it closes are always the last ones). */
  readonly take: number;
  readonly why: string;
  sum(c: number): number | null;
  decimals(c: number): number;
  /** For a count times a rate: the unit the product is stated in. */
  readonly unit?: number;
  /** Only the items that are totals (a grand total of subtotals). */
  readonly totalsOnly?: boolean;
  /** The mean of the rows, given to the decimals the row states ("3 month average"). */
  readonly averaging?: boolean;
}

/**
 * Totals down each figure column, found by their arithmetic and their words: a row equal to the
 * sum of the rows since the last total closes them (a subtotal, or a total where nothing adds it
 * up again); a row equal to everything above (totals counted once, never their rows as well) is
 * a grand total; a row whose first word is "Total" is checked whether it adds up or not. A
 * heading row whose figure is the sum of the split lines under it is a total of what follows.
 * Linear in the rows: running sums, and "the last few rows" looked for over a dozen at most.
 */
export function findTotals(rows: readonly SumRow[], sumCols: readonly number[], options: { wordedTotals?: boolean } = {}): { checks: TotalCheck[]; roles: Map<number, { role: ShapeRole; why: string }> } {
  // Roles are keyed by the row's place in `rows`: a line run together from several rows holds several.
  const checks: TotalCheck[] = [];
  const roles = new Map<number, { role: ShapeRole; why: string }>();
  const items: Item[] = [];
  let blockSize = 0;
  let blockPlain = 0;
  const all = new Aggregate(rows);
  const block = new Aggregate(rows);
  const totalsAgg = new Aggregate(rows);
  const incomeAll = new Aggregate(rows);
  const incomeBlock = new Aggregate(rows);
  const absorbed = new Set<number>();
  const totalled = new Set<number>();
  const totalRows: number[] = [];
  // A row's words say total in any of its text cells (a budget line's code column, a JSON field):
  // worked out once a row, without joining its cells.
  const says = new Map<number, boolean>();
  const saysTotal = (i: number) => {
    let known = says.get(i);
    if (known === undefined) {
      known = false;
      // Placed rows may have holes where a figure moved past their end.
      for (const c of rows[i]!.cells) if (c && c.kind !== "blank" && c.kind !== "figure" && TOTAL_WORDS.test(c.text)) known = true;
      says.set(i, known);
    }
    return known;
  };
  const worded = (it: Item) => totalled.has(it.row) || saysTotal(it.row);
  const income = (it: Item) => INCOME.test(rows[it.row]!.label) && !worded(it);
  const valuesOf = (r: SumRow) => {
    const m = new Map<number, number>();
    for (const c of sumCols) {
      const cell = r.cells[c] ?? BLANK;
      const v = valueOf(cell);
      if (v !== null) m.set(c, cell.figure ? v * cell.figure.scale : v);
    }
    return m;
  };
  const push = (item: Item) => {
    items.push(item);
    blockSize++;
    if (!worded(item)) blockPlain++;
    all.add(item);
    block.add(item);
    if (worded(item)) totalsAgg.add(item);
    if (income(item)) {
      incomeAll.add(item);
      incomeBlock.add(item);
    }
  };
  // A count times a rate, in a unit: checked to the decimals the total states (its own rounding).
  const product = (pair: readonly Item[], unit: number): Candidate => ({
    of: "block",
    take: 2,
    unit,
    why: "it is the count times the rate above it (caseload × unit cost)",
    sum: (c) => {
      const a = pair[0]?.values.get(c);
      const b = pair[1]?.values.get(c);
      return a !== undefined && b !== undefined ? (a * b) / unit : null;
    },
    decimals: (c) => maxOf(pair.map((it) => (rows[it.row]!.cells[c] ?? BLANK).figure?.decimals ?? 0), 0),
  });

  rows.forEach((r, i) => {
    const values = valuesOf(r);
    const stated = sumCols.filter((c) => (r.cells[c] ?? BLANK).kind === "figure");
    const item: Item = { row: i, values };
    if (stated.length === 0) {
      // Where only worded rows are totals, a heading row (a category over its groups) starts a new block.
      if (options.wordedTotals && !saysTotal(i)) {
        blockSize = 0;
        blockPlain = 0;
        for (const agg of [block, incomeBlock]) agg.reset();
        return;
      }
      push(item);
      return;
    }
    const words = TOTAL_WORDS.test(r.label) || saysTotal(i);
    const first = TOTAL_FIRST.test(r.label);
    if (options.wordedTotals && !words && !first && !/\baverage\b|\bmean\b/i.test(r.label)) {
      push(item);
      return;
    }
    const net = /\bnet\b/i.test(r.label) || r.cells.some((c) => c?.kind === "label" && /\bnet\b/i.test(c.text));
    // Most rows are plain lines: a row whose words do not say total, that equals neither the rows
    // since the last total, nor everything above, nor the totals above, nor any of the last few
    // rows, nor a count times a rate, is a line; said at once, with nothing built.
    if (!words && !first && blockSize >= 1 && !/\baverage\b|\bmean\b/i.test(r.label)) {
      const near0 = (agg: Aggregate, c: number) => {
        const x = agg.sum(c);
        return x !== null && near(values.get(c)!, x, 0.5 * 10 ** -Math.max(((r.cells[c] ?? BLANK).figure?.decimals ?? 0), agg.decimals(c)) - 1e-9);
      };
      let maybe = stated.some((c) => near0(block, c) || near0(all, c) || near0(totalsAgg, c)) || (net && (incomeBlock.size > 0 || incomeAll.size > 0));
      if (!maybe && blockSize >= 2) {
        // The last few rows, summed from the end; and a count times a rate (any unit).
        const last = Math.min(blockSize - 1, MAX_SUFFIX);
        for (let n = 0; n < stated.length && !maybe; n++) {
          const c = stated[n]!;
          const v = values.get(c)!;
          let sum = 0;
          for (let m = 1; m <= last; m++) {
            sum += items[items.length - m]!.values.get(c) ?? 0;
            if (m >= 2 && Math.abs(v - sum) <= 0.5) {
              maybe = true;
              break;
            }
          }
          const x = items[items.length - 2]!.values.get(c);
          const y = items[items.length - 1]!.values.get(c);
          if (!maybe && x !== undefined && y !== undefined) {
            const slack = Math.max(0.5, Math.abs(v) * 1e-3);
            for (const u of UNITS) if (Math.abs((x * y) / u - v) <= slack) maybe = true;
          }
        }
      }
      if (!maybe) {
        push(item);
        return;
      }
    }
    // The end of the block, as far back as a subtotal of "the last few rows" is looked for.
    const tail = items.slice(items.length - Math.min(blockSize, MAX_SUFFIX + 1));
    const statedDecimals = (c: number) => (r.cells[c] ?? BLANK).figure?.decimals ?? 0;
    const tol = (cand: Candidate, c: number) => 0.5 * 10 ** -(cand.unit || cand.averaging ? statedDecimals(c) : Math.max(statedDecimals(c), cand.decimals(c))) - 1e-9;
    const score = (cand: Candidate) => {
      let match = 0;
      let nonzero = 0;
      for (const c of stated) {
        const s = cand.sum(c);
        if (s === null) continue;
        if (near(values.get(c)!, s, tol(cand, c))) {
          match++;
          if (s !== 0) nonzero++;
        }
      }
      return { match, nonzero };
    };
    const half = Math.max(1, Math.ceil(stated.length / 2));
    const addsUp = (cand: Candidate) => {
      if (cand.take < 2) return false;
      const s = score(cand);
      // Rows of noughts add up to nought whatever they are: only words make such a row a total.
      return s.match >= half && (s.nonzero > 0 || (words && s.match === stated.length));
    };
    const minus = (a: Aggregate, b: Aggregate) => (c: number) => {
      const x = a.sum(c);
      const y = b.sum(c);
      return x === null ? null : x - 2 * (y ?? 0);
    };
    // What a total may add up, most likely first: the rows since the last total; the last few
    // of them ("SENSpecial and APPRU" under four place-funding lines); a count times a rate;
    // everything above, totals counted once; the totals above and nothing else.
    const candidates: Candidate[] = [{ of: "block", take: blockSize, why: words ? "its words say total and it adds up the rows above it" : "it adds up the rows above it", sum: (c) => block.sum(c), decimals: (c) => block.decimals(c) }];
    if (/\baverage\b|\bmean\b/i.test(r.label) && blockSize >= 2) {
      candidates.push({ of: "block", take: blockSize, averaging: true, why: "it is the average of the rows above it", sum: (c) => (block.count(c) > 0 ? block.sum(c)! / block.count(c) : null), decimals: () => 0 });
    }
    if (net && incomeBlock.size > 0) candidates.push({ ...candidates[0]!, why: `${candidates[0]!.why}, income taken off`, sum: minus(block, incomeBlock) });
    // Sums of the last m rows, m from 2 up, each from the one before: no list is added up twice,
    // and a candidate is made only where one of the row's figures is that sum.
    const suffixes: Candidate[] = [];
    const acc = stated.map(() => ({ sum: 0, any: false, places: 0 }));
    for (let m = 1; m <= Math.min(blockSize - 1, MAX_SUFFIX); m++) {
      const it = tail[tail.length - m]!;
      let hit = false;
      stated.forEach((c, n) => {
        const v = it.values.get(c);
        const a = acc[n]!;
        if (v !== undefined) {
          a.sum += v;
          a.any = true;
          const d = (rows[it.row]!.cells[c] ?? BLANK).figure?.decimals ?? 0;
          if (d > a.places) a.places = d;
        }
        if (m >= 2 && a.any && near(values.get(c)!, a.sum, 0.5 * 10 ** -Math.max(statedDecimals(c), a.places) - 1e-9)) hit = true;
      });
      if (!hit) continue;
      const frozen = new Map(stated.map((c, n) => [c, { ...acc[n]! }]));
      suffixes.unshift({ of: "block", take: m, why: `it adds up the ${m} rows above it`, sum: (c) => (frozen.get(c)?.any ? frozen.get(c)!.sum : null), decimals: (c) => frozen.get(c)?.places ?? 0 });
    }
    candidates.push(...suffixes);
    if (blockSize >= 2) {
      const pair = tail.slice(tail.length - 2);
      const [count, rate] = pair.map((it) => rows[it.row]!);
      const isCount = (x: SumRow | undefined) => !!x && stated.every((c) => { const f = (x.cells[c] ?? BLANK).figure; return !f || (f.decimals === 0 && !f.currency); });
      const isRate = (x: SumRow | undefined) => !!x && (/\brate\b|\bunit cost\b|\bper\b|\baverage cost\b/i.test(x.label) || stated.some((c) => { const f = (x.cells[c] ?? BLANK).figure; return !!f && f.currency && f.decimals > 0; }));
      if (isCount(count) && isRate(rate)) {
        const said = /£\s*m\b|£\s*million|\(£m\)/i.test(r.label) ? 1e6 : /£\s*'?000|£k\b/i.test(r.label) ? 1e3 : 0;
        for (const unit of said ? [said] : [1, 1e3, 1e6]) candidates.push(product(pair, unit));
      }
    }
    if (items.length > blockSize) {
      const above: Candidate = { of: "above", take: items.length, why: "it adds up everything above it, totals counted once", sum: (c) => all.sum(c), decimals: (c) => all.decimals(c) };
      candidates.push(above);
      if (net && incomeAll.size > 0) candidates.push({ ...above, why: `${above.why}, income taken off`, sum: minus(all, incomeAll) });
      if (totalsAgg.size >= 2 && totalsAgg.size < items.length) candidates.push({ of: "above", take: totalsAgg.size, totalsOnly: true, why: "it adds up the totals above it", sum: (c) => totalsAgg.sum(c), decimals: (c) => totalsAgg.decimals(c) });
    }
    // The reading under which most of the row's figures add up; the likeliest where they tie.
    let chosen: Candidate | null = null;
    let bestMatch = -1;
    for (const c of candidates) {
      if (!addsUp(c)) continue;
      const m = score(c).match;
      if (m > bestMatch) {
        chosen = c;
        bestMatch = m;
      }
    }
    const plainBlock = blockPlain;
    const averaged = candidates.find((c) => c.averaging);
    if (!chosen && averaged) {
      chosen = { ...averaged, why: "its words say average, but it is not the average of the rows above it" };
    } else if (!chosen && (first || words) && plainBlock >= 2) {
      const b = score(candidates[0]!);
      const aboveAll = candidates.find((c) => c.of === "above" && !c.totalsOnly && !c.why.includes("income"));
      chosen = aboveAll && score(aboveAll).match > b.match ? { ...aboveAll, why: "its words say total, but it does not add up" } : { ...candidates[0]!, why: "its words say total, but it does not add up" };
    } else if (!chosen && first && items.length >= 2) {
      const aboveAll = candidates.find((c) => c.of === "above" && !c.totalsOnly) ?? candidates[0]!;
      chosen = { ...aboveAll, why: "its words say total, but it does not add up" };
    }
    if (chosen === null) {
      push(item);
      return;
    }
    const members = chosen.totalsOnly ? items.filter(worded) : items.slice(items.length - chosen.take);
    for (const c of stated) {
      const s = chosen.sum(c);
      if (s === null) continue;
      const cell = r.cells[c]!;
      const scale = cell.figure?.scale ?? 1;
      const statedValue = cell.figure!.value;
      const computed = s / scale;
      const agrees = near(values.get(c)!, s, tol(chosen, c));
      const decimals = Math.max(statedDecimals(c), chosen.decimals(c));
      checks.push({
        line: r.line,
        label: r.label,
        col: c,
        stated: statedValue,
        computed: round(computed),
        agrees,
        of: chosen.of,
        lines: members.map((it) => rows[it.row]!.line),
        ...(agrees ? {} : { transposition: isTransposition(statedValue, computed, decimals) }),
      });
    }
    roles.set(i, { role: "total", why: chosen.why });
    totalled.add(i);
    totalRows.push(i);
    for (const it of members) absorbed.add(it.row);
    // The rows it adds leave the list it is one item of; a grand total stands for everything above.
    const drop = chosen.of === "above" ? items.length : chosen.take;
    for (const it of items.splice(items.length - drop, drop)) {
      all.add(it, -1);
      if (worded(it) && it.row !== i) totalsAgg.add(it, -1);
      if (income(it)) incomeAll.add(it, -1);
    }
    blockSize = 0;
    blockPlain = 0;
    for (const agg of [block, incomeBlock]) agg.reset();
    items.push(item);
    all.add(item);
    totalsAgg.add(item);
  });
  // A total that a later total adds up again is a subtotal.
  for (const t of totalRows) {
    if (absorbed.has(t)) {
      const was = roles.get(t)!;
      roles.set(t, { role: "subtotal", why: was.why });
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
      found.push({ line: r.line, label: r.label, col: c, stated: cell.figure.value, computed: round(computed), agrees, of: "below", lines: under.map((u) => u.line) });
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


/**
 * Across each row to its total column: a column headed Total (or a closing balance after the
 * movements that make it) against the figure columns before it.
 */
export function crossFoot(rows: readonly SumRow[], columns: readonly FigureColumn[]): CrossFoot[] {
  const totalAt = columns.findIndex((c) => /^total|^carried/.test(c.meaning));
  if (totalAt <= 0) return [];
  const total = columns[totalAt]!;
  const parts = columns.slice(0, totalAt).filter((c) => !isWordsColumn(c.meaning) && !isShare(c.meaning) && c.meaning !== "previous" && c.meaning !== "total");
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
    out.push({ line: r.line, label: r.label, col: total.col, stated: cell.figure.value, computed: round(s), agrees: near(cell.figure.value, s, tolerance(cells)) });
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
    return { line: t.r.line, label: t.r.label, col: variance.col, stated: t.v, computed: round(computed), agrees: near(t.v, computed, tolerance(t.cells)), convention, of: { budget: budget.col, outturn: outturn.col } };
  });
}
