export * from "./batching";
export * from "./office";
