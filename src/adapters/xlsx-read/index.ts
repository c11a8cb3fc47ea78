export * from "./read";
export * from "./dimensions";
export * from "./boolean-results";
