import { tolerance } from "../../shape/arithmetic";
import { weigh, type Evidence, type Fit, type KindCheck, type KindRule, type KindTable } from "../../shape/kind-rule";
import { valueOf } from "../../shape/typed";

/** The latest forecast against the previous one, and the movement between them. */
export const movement: KindRule = {
  kind: "movement",
  name: "a movement since the last report",
  paperTitle: "Movement since the last report",
  sheetTitle: "Movement",
  fit(e: Evidence): Fit {
    const meanings = new Set(e.columns.map((c) => c.meaning));
    const fit = weigh(`${e.headings} ${e.context}`, [
      [/\bmovements?\b/, 0.9, "it names the movement"],
      [/\bprevious\b|\blast (?:month|report|quarter)\b/, 0.5, "a previous forecast"],
      [/\blatest\b/, 0.2, "a latest forecast"],
    ]);
    const shape = (meanings.has("previous") ? 1.5 : 0) + (meanings.has("movement") ? 0.4 : 0);
    return { score: fit.score + shape, reasons: [...fit.reasons, ...(meanings.has("previous") ? ["a column for the previous position"] : [])] };
  },
  meaning(column, count) {
    if (count === 1 && (column.meaning === "" || column.meaning === "balance")) return "movement";
    return undefined;
  },
  check: movementsAdd,
};

/**
 * Each row's movement against its latest and previous figures, in the way the table's own rows
 * take it (latest less previous, as papers print an improvement in brackets, unless most rows
 * take it the other way).
 */
function movementsAdd(table: KindTable): KindCheck[] {
  const latest = table.columns.find((c) => c.meaning === "forecast" || c.meaning === "outturn" || c.meaning === "variance");
  const previous = table.columns.find((c) => c.meaning === "previous");
  const movement = table.columns.find((c) => c.meaning === "movement");
  if (!latest || !previous || !movement) return [];
  const triples = table.rows.flatMap((r) => {
    const [l, p, m] = [latest, previous, movement].map((c) => r.cells[c.col]);
    const values = [l, p, m].map((c) => (c ? valueOf(c) : null));
    if (values.some((v) => v === null)) return [];
    return [{ row: r, l: values[0]!, p: values[1]!, m: values[2]!, tol: tolerance([l!, p!, m!]) }];
  });
  const forward = triples.filter((t) => Math.abs(t.m - (t.l - t.p)) <= t.tol).length;
  const backward = triples.filter((t) => Math.abs(t.m - (t.p - t.l)) <= t.tol).length;
  const sign = backward > forward ? -1 : 1;
  const how = sign > 0 ? `“${latest.heading}” less “${previous.heading}”` : `“${previous.heading}” less “${latest.heading}”`;
  return triples.map((t) => {
    const computed = Math.round(sign * (t.l - t.p) * 1e9) / 1e9;
    return { rule: "movement", line: t.row.line, label: t.row.label, col: movement.col, stated: t.m, computed, agrees: Math.abs(t.m - computed) <= t.tol, how };
  });
}
