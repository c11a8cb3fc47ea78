export * from "./types";
export { readTables } from "./reader";
export { checkTables } from "./checks";
export { importTable } from "./import";
export { a1, location } from "./location";
export { buildSummary } from "./summary";
export type { PaperSummary, InitiativeLine, SavingsSummary, DeficitSummary } from "./summary";
export { paperHtml, paperMarkdown, deficitChart } from "./paper";
export { corkscrewOf } from "./deficit";
