export * from "./a1";
export * from "./plan";
export * from "./port";
