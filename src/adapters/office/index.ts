export * from "./batching";
export * from "./office";
export * from "./run";
