import { plus, weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** Actions with leads, dates and RAG statuses: a recovery plan's action plan, a written statement of action. */
export const actionPlan: KindRule = {
  kind: "action-plan",
  name: "an action plan",
  paperTitle: "Actions",
  sheetTitle: "Table",
  fit(e: Evidence): Fit {
    const words = weigh(e.text, [
      [/\baction(?:s| plan)?\b|\bwhat we will do\b|\bmilestones?\b/, 0.5, "its headings name actions or milestones"],
      [/\blead\b|\bowner\b|\bresponsible\b/, 0.3, "a lead for each action"],
      [/\brag\b|\bprogress\b|\bstatus\b/, 0.3, "statuses or progress"],
      [/\bstatement of action\b|\brecommendation\b|\bwhat we want\b|\bimprovement\b|\boutcomes?\b/, 0.3, "the words of an improvement plan"],
    ]);
    const statuses = e.counts.status ?? 0;
    const dates = e.columns.filter((c) => /date/.test(c.meaning)).length;
    const shape: Fit = {
      score: (statuses > 0 ? 0.4 : 0) + (dates > 0 ? 0.3 : 0) + ((e.counts.initials ?? 0) > 0 ? 0.2 : 0) + (e.textOnly ? 0.35 : 0),
      reasons: [
        ...(statuses > 0 ? [`${statuses} RAG statuses`] : []),
        ...(dates > 0 ? ["start and end dates"] : []),
        ...(e.textOnly ? ["rows of text rather than figures"] : []),
      ],
    };
    const fit = plus(words, shape);
    // Money by year is a savings plan's, however many statuses and leads sit beside it.
    if (e.money && e.yearColumns >= 1) return { score: fit.score * 0.5, reasons: fit.reasons };
    return e.textOnly || statuses > 0 || dates > 0 ? fit : { score: fit.score * 0.3, reasons: fit.reasons };
  },
};
