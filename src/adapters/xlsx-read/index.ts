export * from "./read";
export * from "./dimensions";
