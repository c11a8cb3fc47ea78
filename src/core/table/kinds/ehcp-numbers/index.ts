import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

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
    // Numbers of plans are counts: a table of percentages, money or targets that mentions EHCPs is something else.
    const score = fit.score > 0 ? fit.score + counts : counts * 0.5;
    return { score: counts > 0 ? score : score * 0.3, reasons: [...fit.reasons, ...(counts ? ["whole numbers with no £: counts"] : [])] };
  },
  meaning(column) {
    if (column.meaning === "" || column.meaning === "actual") return /total/.test(column.heading) ? "total" : "actual";
    return undefined;
  },
};
