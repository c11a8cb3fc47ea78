export * from "./a1";
export * from "./handlers";
export * from "./plan";
export * from "./port";
