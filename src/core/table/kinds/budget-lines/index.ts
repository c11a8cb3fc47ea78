import { s251LineByWords } from "../../../s251";
import { blockLabels, weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** Budget, forecast or outturn and the variance, line by line (by section 251 line, by service). */
export const budgetLines: KindRule = {
  kind: "budget-lines",
  name: "budget lines",
  paperTitle: "Budget lines",
  sheetTitle: "Budget lines",
  fit(e: Evidence): Fit {
    const meanings = new Set(e.columns.map((c) => c.meaning));
    const budgetish = ["budget", "forecast", "outturn", "variance", "funding"].filter((m) => meanings.has(m)).length;
    const fit = weigh(`${e.headings} ${e.labels.join(" ")}`, [
      [/\bs251\b|\b1\.\d\.\d|\bplace funding\b|\btop[- ]?ups?\b/, 0.4, "section 251 lines"],
    ]);
    const blocks = blockLabels(e.labels);
    // Lines named as DfE names section 251 lines, or as councils shorten them ("Top-up: independent", "PFI/BSF").
    const named = e.labels.slice(0, 200).filter((l) => s251LineByWords(l) !== null).length;
    const lines = named >= 3 ? 0.2 : 0;
    const score = budgetish * 0.35 + fit.score + lines - (blocks >= 2 ? 0.3 : 0) + (e.money ? 0.1 : 0);
    return { score: budgetish > 0 ? score : 0, reasons: [...(budgetish ? [`${budgetish} budget columns (${[...meanings].filter((m) => /budget|forecast|outturn|variance|funding/.test(m)).join(", ")})`] : []), ...fit.reasons, ...(lines ? [`${named} lines named as section 251 lines`] : [])] };
  },
};
