/**
 * The HNB functions, each with its implementation: the one list, generated from the same JSDoc
 * as functions.json (./registry.generated.ts, by scripts/function-registry.cjs). The formula
 * scanner, `hnb calc` and the tests' formula engine all read it.
 */
import * as implementations from "./implementations";
import { FUNCTION_SPECS } from "./registry.generated";

/**
 * The add-in's namespace for its functions: formulas call HNB.RAG, as the production manifest
 * registers them and as every formula the add-in writes (templates, checks sheets, hnb's files)
 * says. The development manifest registers them as HNBDEV.RAG, so both add-ins can be installed;
 * the office adapter moves the pane's formulas into that namespace (OfficeWorkbook's `namespace`).
 * functions.json and the registry hold the ids only ("RAG"): Excel adds the manifest's namespace.
 */
export const NAMESPACE = "HNB";

/** How Excel passes an argument or takes a result: one value, or a 2-D array (a range, a spill). */
export type Dimensionality = "scalar" | "matrix";

export interface HnbParameter {
  readonly name: string;
  readonly dimensionality: Dimensionality;
  /** Excel passes null when it is left out. */
  readonly optional: boolean;
  /** The last parameter, taking any number of arguments, passed as one array of them. */
  readonly repeating: boolean;
}

/** One function as the metadata declares it. */
export interface HnbFunctionSpec {
  /** The metadata id: the name after "HNB.". */
  readonly id: string;
  /** What src/functions/functions.ts (Excel's wrapper) and ./implementations export it as. */
  readonly exportName: keyof typeof implementations;
  /** "matrix": the result is a 2-D array, which spills. */
  readonly result: Dimensionality;
  readonly parameters: readonly HnbParameter[];
  /**
   * The function is given where its arguments are (Excel's @requiresParameterAddresses): one A1
   * address per parameter, passed after them, so its messages can name cells as Excel shows them.
   */
  readonly parameterAddresses?: boolean;
}

export interface HnbFunction extends HnbFunctionSpec {
  /** What the function does, over Excel's raw arguments; fails with core's HnbError. */
  readonly implementation: (...args: unknown[]) => unknown;
}

/** Every HNB function as the metadata declares it, without its implementation, in the order of functions.json. */
export const HNB_SPECS: readonly HnbFunctionSpec[] = FUNCTION_SPECS;

/** The metadata ids (upper case): enough to tell an HNB call, and light enough for the task pane. */
export const HNB_IDS: ReadonlySet<string> = new Set(FUNCTION_SPECS.map((spec) => spec.id));

// The lists with implementations are marked pure, so a bundle that uses only the specs (the task
// pane's formula scanner) leaves the implementations out.

/** Every HNB function with its implementation, in the order of functions.json. */
export const HNB_FUNCTIONS: readonly HnbFunction[] = /*#__PURE__*/ withImplementations(FUNCTION_SPECS);

/** The functions by metadata id (upper case). */
export const HNB_BY_ID: ReadonlyMap<string, HnbFunction> = /*#__PURE__*/ byId(HNB_FUNCTIONS);

function withImplementations(specs: readonly HnbFunctionSpec[]): readonly HnbFunction[] {
  return specs.map((spec) => ({
    ...spec,
    // Looked up on each use rather than once, so a test's jest.spyOn on ./implementations is seen.
    get implementation() {
      return implementations[spec.exportName] as (...args: unknown[]) => unknown;
    },
  }));
}

function byId(functions: readonly HnbFunction[]): ReadonlyMap<string, HnbFunction> {
  return new Map(functions.map((fn) => [fn.id, fn]));
}
