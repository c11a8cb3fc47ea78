import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** Savings by initiative, by year: a recovery plan's savings, a directorate's savings profile. */
export const savingsPlan: KindRule = {
  kind: "savings-plan",
  name: "a savings plan",
  paperTitle: "Savings",
  sheetTitle: "Savings",
  fit(e: Evidence): Fit {
    const fit = weigh(e.text, [
      [/\bsavings?\b/, 0.9, "it names savings"],
      [/\befficienc|\bmitigation|\bproposals?\b|\bop\d/, 0.2, "efficiencies or proposals"],
    ]);
    const years = e.yearColumns >= 2 ? 0.4 : 0;
    const money = e.money && e.yearColumns >= 1 ? 0.6 : 0;
    // Initiatives with a status and money by year are a savings plan whatever the headings call them.
    const tracked = money > 0 && (e.counts.status ?? 0) > 0 ? 0.3 : 0;
    const score = fit.score > 0 ? fit.score + years + money + tracked : tracked > 0 ? money + tracked : 0;
    return { score, reasons: [...fit.reasons, ...(years ? [`${e.yearColumns} years across`] : []), ...(money ? ["money by year"] : []), ...(tracked ? ["each line with a RAG status"] : [])] };
  },
  meaning(column) {
    return /total/.test(column.heading) ? "total" : undefined;
  },
};
