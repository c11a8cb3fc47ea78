import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** Indicators against targets: a strategy scorecard, a performance review, LAA targets. */
export const scorecard: KindRule = {
  kind: "scorecard",
  name: "a scorecard",
  paperTitle: "Indicators",
  sheetTitle: "Scorecard figures",
  fit(e: Evidence): Fit {
    const meanings = new Set(e.columns.map((c) => c.meaning.replace(/;.*/, "")));
    const fit = weigh(e.text, [
      [/\btargets?\b/, 0.6, "targets"],
      [/\bbaseline\b|\bcurrent position\b/, 0.3, "baselines"],
      [/\bindicators?\b|\bkpis?\b|\bmeasures?\b|\bperformance\b/, 0.4, "indicators"],
      [/\bgood is\b|\bpolarity\b|\brag rating\b|\btraffic light\b/, 0.3, "polarity or RAG against target"],
      [/\brates?\b|\bpercentage of\b|\bproportion\b/, 0.2, "rates and percentages"],
    ]);
    const shape = (meanings.has("target") ? 0.3 : 0) + ((e.counts.percent ?? 0) > 0 ? 0.2 : 0);
    // Without a target or an indicator named, a baseline or a rate is only a line of a budget.
    const named = meanings.has("target") || /\btargets?\b|\bindicators?\b|\bkpis?\b|\bperformance\b/.test(`${e.headings} ${e.context}`);
    return { score: (fit.score + shape) * (named ? 1 : 0.3), reasons: fit.reasons };
  },
  meaning(column) {
    // A scorecard written as statements ("reduce … by 30% in 2004"): the statements are its targets.
    return column.meaning === "text" ? "target" : undefined;
  },
};
