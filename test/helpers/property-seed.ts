import fc from "fast-check";

/**
 * Property tests explore new inputs on every local run, which is how they find faults; CI runs
 * one fixed exploration so a red build always means a change, never the luck of the draw.
 * FC_SEED repeats any run (fast-check prints the seed of a failure).
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? "20261202" : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
