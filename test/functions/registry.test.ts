/*
 * The function registry (src/functions/registry.generated.ts) is made from the JSDoc of
 * src/functions/functions.ts by scripts/function-registry.cjs, with the generator functions.json
 * comes from. These tests fail when the committed file is out of date, and show the generator's
 * metadata read the way the engine needs it.
 */
import { readFileSync } from "fs";
import { REGISTRY, render } from "../../scripts/function-registry.cjs";
import * as wrappers from "../../src/functions/functions";
import * as implementations from "../../src/functions/implementations";
import { HNB_BY_ID, HNB_FUNCTIONS, HNB_IDS, HNB_SPECS } from "../../src/functions";
import { type GeneratedMetadata, generateMetadata } from "../helpers/metadata";

let generated: GeneratedMetadata;
beforeAll(async () => {
  generated = await generateMetadata();
}, 60_000);

describe("the function registry", () => {
  it("is what scripts/function-registry.cjs makes from functions.ts (if not: npm run registry, and commit it)", () => {
    const committed = readFileSync(REGISTRY, "utf8").replace(/\r\n/g, "\n");
    expect(committed).toBe(render(generated));
  });

  it("holds every function of the metadata, in its order, each under its id", () => {
    expect(HNB_FUNCTIONS.map((fn) => fn.id)).toEqual(generated.metadata.functions.map((fn) => fn.id));
    for (const fn of HNB_FUNCTIONS) expect(HNB_BY_ID.get(fn.id)).toBe(fn);
    // The light lists the task pane reads hold the same functions.
    expect([...HNB_IDS]).toEqual(HNB_FUNCTIONS.map((fn) => fn.id));
    expect(HNB_SPECS.map((spec) => spec.id)).toEqual(HNB_FUNCTIONS.map((fn) => fn.id));
  });

  it("pairs each function with its implementation and its Excel wrapper, of the same name and arity", () => {
    const excel = wrappers as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const fn of HNB_FUNCTIONS) {
      expect({ id: fn.id, implementation: fn.implementation }).toEqual({ id: fn.id, implementation: implementations[fn.exportName] });
      expect({ id: fn.id, wrapper: typeof excel[fn.exportName] }).toEqual({ id: fn.id, wrapper: "function" });
      // A function given where its arguments are takes one more: the addresses (Excel's invocation).
      const arity = fn.parameters.length + (fn.parameterAddresses ? 1 : 0);
      expect({ id: fn.id, arity: fn.implementation.length }).toEqual({ id: fn.id, arity });
      expect({ id: fn.id, arity: excel[fn.exportName]!.length }).toEqual({ id: fn.id, arity });
    }
  });

  it("reads dimensionality, optional and repeating from the metadata, scalar and false where it says nothing", () => {
    const text = render({
      errors: [],
      associate: [{ id: "SUMALL", functionName: "sumAll" }],
      metadata: {
        functions: [
          {
            id: "SUMALL",
            name: "SUMALL",
            parameters: [
              { name: "first", type: "number" },
              { name: "rest", type: "any", dimensionality: "matrix", optional: true, repeating: true },
            ],
            result: { type: "number", dimensionality: "matrix" },
          },
        ],
      },
    });
    expect(text).toContain('id: "SUMALL",\n    exportName: "sumAll",\n    result: "matrix",');
    expect(text).toContain('{ name: "first", dimensionality: "scalar", optional: false, repeating: false },');
    expect(text).toContain('{ name: "rest", dimensionality: "matrix", optional: true, repeating: true },');
  });

  it("refuses metadata with errors, or an id no function is associated with", () => {
    expect(() => render({ errors: ["bad"], associate: [], metadata: { functions: [] } })).toThrow(/bad/);
    expect(() =>
      render({ errors: [], associate: [], metadata: { functions: [{ id: "X", name: "X", parameters: [], result: {} }] } }),
    ).toThrow(/associates no function with X/);
  });
});
