export * from "./changes";
export * from "./import-file";
export * from "./import-sheet";
export * from "./outputs";
export * from "./paper-sheet";
export * from "./rebind";
export * from "./templates";
