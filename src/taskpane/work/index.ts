export * from "./jobs";
export * from "./protocol";
export * from "./slices";
export * from "./start";
export * from "./import-jobs";
