export * from "./calc";
export * from "./host";
