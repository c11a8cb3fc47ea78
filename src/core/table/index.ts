// The table rules' public surface: what the use cases, front ends and adapters may use. The
// reader's parts (cells, align, rows, key-lines, headers) stay inside.
export * from "./types";
export * from "./reader";
export * from "./checks";
export * from "./import";
export * from "./location";
export * from "./summary";
export * from "./paper";
export * from "./paper-doc";
export * from "./paper-title";
export * from "./compare";
export * from "./paper-refs";
export * from "./ehcp-section";
export * from "./deficit";
export * from "./fixes";
export * from "./report-date";
export * from "./key-sheet";
export * from "./fold";
export * from "./delimited";
export * from "./names";
export * from "./plans";
export { MEASURE_FIELDS, budgetSums, type BudgetSum } from "./budget";
export * from "./scorecard";
export * from "./scorecard-layout";
export * from "./scorecard-import";
export * from "./deficit-rules";
export * from "./reading";
