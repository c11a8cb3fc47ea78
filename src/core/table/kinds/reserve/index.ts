import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** A DSG reserve or balances: brought forward, in year, carried forward; balances by phase; scenarios. */
export const reserve: KindRule = {
  kind: "reserve",
  name: "a reserve or balances table",
  paperTitle: "DSG reserve and balances",
  sheetTitle: "Reserve",
  fit(e: Evidence): Fit {
    const meanings = new Set(e.columns.map((c) => c.meaning));
    // "Balance of grants received" as one line's label says less than a heading of balances.
    const around = weigh(`${e.headings} ${e.context}`, [[/\bbalances?\b/, 0.6, "balances"]]);
    const words = weigh(e.text, [
      [/\breserves?\b/, 0.6, "a reserve"],
      [/\bopening\b|\bbrought forward\b|\bb\s*\/\s*f/, 0.3, "an opening balance"],
      [/\bclosing\b|\bcarried forward\b|\bcarry[- ]?f(?:or)?wa?r?d|\bc\s*\/\s*f/, 0.5, "a balance carried forward"],
      [/\bearmark/, 0.3, "earmarked sums"],
      [/\bunderspends?\b|\bsurplus\b/, 0.2, "an underspend to carry"],
    ]);
    const shape = (meanings.has("brought-forward") ? 0.3 : 0) + (meanings.has("carried-forward") ? 0.3 : 0);
    return { score: around.score + words.score + shape, reasons: [...around.reasons, ...words.reasons] };
  },
  meaning(column) {
    // In a reserve, the year's over- or underspend is the movement in year, not a budget variance.
    if (column.meaning === "variance" && /over|under|spend/.test(column.heading)) return "in-year";
    if (column.meaning === "balance; year" || /^balance; year:/.test(column.meaning)) return column.meaning.replace(/^balance; /, "") + " balance";
    return undefined;
  },
};
