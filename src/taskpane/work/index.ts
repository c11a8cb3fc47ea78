// Types only from the jobs: the screens name what the jobs take and give; the code runs in the worker (serve.ts) or the slices.
export type * from "./jobs";
export type * from "./import-jobs";
export { shapeKindOf } from "./kinds";
export * from "./protocol";
export * from "./slices";
export * from "./start";
