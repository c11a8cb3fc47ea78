export * from "./types";
export { readTables } from "./reader";
export { checkTables } from "./checks";
export { importTable } from "./import";
export { a1, location } from "./location";
