export * from "./hnb-formulas";
