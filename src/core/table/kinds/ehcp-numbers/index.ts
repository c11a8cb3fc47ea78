import { matchAgeGroup, matchCategory, matchNeed } from "../../../ehcp";
import { weigh, type Evidence, type Fit, type KindCheck, type KindRule, type KindTable } from "../../shape/kind-rule";
import { BLANK, valueOf } from "../../shape/typed";

/** EHCP and placement numbers: counts by placement, age, need or who asked. */
export const ehcpNumbers: KindRule = {
  kind: "ehcp-numbers",
  name: "EHCP numbers",
  paperTitle: "EHC plans",
  sheetTitle: "EHCP numbers",
  fit(e: Evidence): Fit {
    const fit = weigh(e.text, [
      [/\behcps?\b|\behc plans?\b|\behcna\b|education,? health and care/, 0.9, "EHC plans"],
      [/\bage\b|\bprimary need\b|\bneed\b|\bplacements?\b|\bethnic/, 0.3, "by age, need or placement"],
      [/\brequests?\b|\bassessments?\b|\bplans?\b/, 0.2, "requests or plans"],
    ]);
    const counts = e.wholeNumbers && !e.money ? 0.4 : 0;
    // Lines named as DfE's management plan names them: placement categories, age groups, primary needs.
    const named = e.labels.slice(0, 300).filter((l) => matchAgeGroup(l) !== null || matchNeed(l) !== null || matchCategory(l)?.exact === true).length;
    const dfe = fit.score > 0 && named >= 5 ? 1 : 0;
    // Numbers of plans are counts: a table of percentages, money or targets that mentions EHCPs is something else.
    const score = fit.score > 0 ? fit.score + counts + dfe : counts * 0.5;
    return { score: counts > 0 || dfe > 0 ? score : score * 0.3, reasons: [...fit.reasons, ...(counts ? ["whole numbers with no £: counts"] : []), ...(dfe ? [`${named} lines named as the DSG management plan names placements, ages and needs`] : [])] };
  },
  wordedTotals: true,
  check: breakdownsAgree,
  meaning(column) {
    if (column.meaning === "" || column.meaning === "actual") return /total/.test(column.heading) ? "total" : "actual";
    return undefined;
  },
};

type Block = { by: "age" | "need"; lines: KindTable["rows"][number][]; total?: KindTable["rows"][number] };

/**
 * The DSG management plan's two breakdowns: each category's EHCPs by age group and by primary
 * need, laid out one after the other (the plan's layout: by age group for each category, then by
 * need for each), each block closed by its Total row. The n-th block by age and the n-th by need
 * are the same category's: they must add to the same figure each year. A suppressed count leaves
 * its year unchecked. Checked only where the blocks pair up one for one.
 */
function breakdownsAgree(table: KindTable): KindCheck[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  for (const row of table.rows) {
    const by = matchAgeGroup(row.label) !== null ? "age" : matchNeed(row.label) !== null ? "need" : null;
    if (by) {
      if (!open || open.by !== by) blocks.push((open = { by, lines: [] }));
      open.lines.push(row);
    } else if (open && /^(?:sub[- ]?)?total\b/i.test(row.label)) {
      open.total = row;
      open = null;
    } else open = null;
  }
  const ages = blocks.filter((b) => b.by === "age");
  const needs = blocks.filter((b) => b.by === "need");
  if (ages.length === 0 || ages.length !== needs.length || ages.some((b) => b.lines.length < 2) || needs.some((b) => b.lines.length < 2)) return [];
  const sum = (lines: Block["lines"], col: number): number | null => {
    let total = 0;
    for (const l of lines) {
      const cell = l.cells[col] ?? BLANK;
      if (cell.kind === "blank") continue;
      const v = valueOf(cell);
      if (v === null) return null;
      total += v;
    }
    return Math.round(total * 1e9) / 1e9;
  };
  const checks: KindCheck[] = [];
  ages.forEach((age, i) => {
    const need = needs[i]!;
    const at = need.total ?? need.lines[need.lines.length - 1]!;
    for (const column of table.columns) {
      const a = sum(age.lines, column.col);
      const n = sum(need.lines, column.col);
      if (a === null || n === null) continue;
      const forecast = column.meaning.startsWith("forecast");
      checks.push({
        rule: forecast ? "ehcp.breakdowns.forecast" : "ehcp.breakdowns",
        line: at.line,
        label: at.label,
        col: column.col,
        stated: n,
        computed: a,
        agrees: a === n,
        how: `the same category's EHCPs by age group (lines ${age.lines[0]!.line}–${age.lines[age.lines.length - 1]!.line})`,
      });
    }
  });
  return checks;
}
