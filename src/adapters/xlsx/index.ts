export * from "./calc";
export * from "./charts";
export * from "./file";
export * from "./xlsx";
export * from "./package";
