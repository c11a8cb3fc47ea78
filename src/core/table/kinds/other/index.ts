import type { Evidence, Fit, KindRule } from "../../shape/kind-rule";

/** Any band of labelled figures: its totals and cross-foots are checked all the same. */
export const other: KindRule = {
  kind: "other",
  name: "a table of figures",
  paperTitle: "Figures",
  sheetTitle: "Table",
  fit(e: Evidence): Fit {
    return { score: e.dataRows > 0 ? 0.1 : 0, reasons: ["labels with figures"] };
  },
};
