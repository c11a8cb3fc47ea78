import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** The latest forecast against the previous one, and the movement between them. */
export const movement: KindRule = {
  kind: "movement",
  name: "a movement since the last report",
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
};
