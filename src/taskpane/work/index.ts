// Types only from the jobs: their code runs in the worker (serve.ts), or is fetched by the slices when there is none.
export type * from "./jobs";
export type * from "./import-jobs";
export { shapeKindOf } from "./kinds";
export * from "./protocol";
export * from "./slices";
export * from "./start";
