import { blockLabels, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** The DSG by block (Schools, Central School Services, High Needs, Early Years): budget, funding, variance, or years. */
export const budgetByBlock: KindRule = {
  kind: "budget-by-block",
  name: "a budget by DSG block",
  paperTitle: "DSG by block",
  sheetTitle: "DSG by block",
  fit(e: Evidence): Fit {
    const sectionBlocks = Math.max(blockLabels(e.sections), blockLabels(e.columns.map((c) => c.heading)));
    const blocks = blockLabels(e.labels);
    const lines = e.labels.filter((l) => !/\btotal\b|^net\b/.test(l)).length;
    // By block: most lines name a block, or the table's sections are the blocks.
    if (sectionBlocks < 2 && (blocks < 2 || blocks < lines * 0.4)) return { score: 0, reasons: [] };
    const meanings = new Set(e.columns.map((c) => c.meaning));
    const budgetish = ["budget", "forecast", "outturn", "variance", "funding"].filter((m) => meanings.has(m)).length;
    return {
      score: 0.3 + blocks * 0.1 + budgetish * 0.15 + (e.yearColumns >= 2 ? 0.2 : 0),
      reasons: [sectionBlocks >= 2 ? `its sections or columns are DSG blocks` : `${blocks} rows name DSG blocks`, ...(budgetish ? ["budget columns"] : []), ...(e.yearColumns >= 2 ? ["years across"] : [])],
    };
  },
};
