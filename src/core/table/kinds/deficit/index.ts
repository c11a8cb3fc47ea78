import { weigh, type Evidence, type Fit, type KindRule } from "../../shape/kind-rule";

/** The DSG deficit: a corkscrew by year, or the position stated line by line. */
export const deficit: KindRule = {
  kind: "deficit",
  name: "a DSG deficit table",
  paperTitle: "DSG deficit",
  sheetTitle: "Deficit",
  fit(e: Evidence): Fit {
    const fit = weigh(e.text, [
      [/\bdeficit\b/, 0.8, "it speaks of the deficit"],
      [/\bcumulative\b|\bstatutory override\b|\bsafety valve\b|\brecovery\b/, 0.3, "the words of a deficit recovery"],
      [/\bb\s*\/\s*fwd\b|\bc\s*\/\s*fwd\b|\bbrought forward\b|\bcarried forward\b/, 0.2, "balances brought and carried forward"],
      [/\boffset\b|\bunderspends?\b/, 0.2, "underspends offset against it"],
    ]);
    const years = e.yearColumns >= 3 ? 0.3 : 0;
    // A corkscrew: a row brought forward and a row carried forward, with the year's movements between.
    const corkscrew = e.labels.some((l) => /brought forward|\bb\s*\/\s*f(?:wd)?\b|opening/.test(l)) && e.labels.some((l) => /carried forward|\bc\s*\/\s*f(?:wd)?\b|closing/.test(l)) && e.yearColumns >= 1 ? 0.8 : 0;
    return {
      score: fit.score > 0 || corkscrew > 0 ? fit.score + years + corkscrew + (e.textOnly ? 0.3 : 0) : 0,
      reasons: [...fit.reasons, ...(years ? ["years across"] : []), ...(corkscrew ? ["a balance brought forward and carried forward by year"] : [])],
    };
  },
};
