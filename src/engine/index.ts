export * from "./calc";
