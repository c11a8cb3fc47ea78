// The Excel wrappers (./functions) are not exported: they need a global only Excel provides,
// and everything outside Excel calls the implementations, through the registry.
export * from "./implementations";
export * from "./registry";
export * from "./call";
