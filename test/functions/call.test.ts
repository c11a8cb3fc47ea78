/*
 * callAsExcel (src/functions/call.ts): Excel's calling convention, shared by `hnb calc` and the
 * tests' HyperFormula engine. Here with a host whose error values are plain objects, and with
 * functions of the registry or made up (a repeating parameter, results no HNB function gives).
 */
import { naError, valueError } from "../../src/core";
import {
  HNB_BY_ID,
  OMITTED,
  callAsExcel,
  type ExcelArgument,
  type ExcelHost,
  type HnbFunction,
  type HnbParameter,
} from "../../src/functions";

class TestError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}
const calls: unknown[][] = [];
const host: ExcelHost<TestError> = {
  isError: (value): value is TestError => value instanceof TestError,
  error: (code, message) => new TestError(code, message),
  onCall: (_fn, args) => calls.push([...args]),
};
beforeEach(() => {
  calls.length = 0;
});

const v = (value: unknown): ExcelArgument => ({ value });
const byId = (id: string) => HNB_BY_ID.get(id)!;
const param = (name: string, over: Partial<HnbParameter> = {}): HnbParameter => ({
  name,
  dimensionality: "scalar",
  optional: false,
  repeating: false,
  ...over,
});
function madeUp(parameters: HnbParameter[], implementation: (...args: unknown[]) => unknown): HnbFunction {
  return { id: "TEST", exportName: "money", result: "scalar", parameters, implementation };
}

describe("callAsExcel", () => {
  it("says how many arguments a function takes, as #N/A", () => {
    expect(callAsExcel(byId("RAG"), [v("Red"), v([["x"]]), v("extra")], host)).toEqual(
      new TestError("#N/A", "HNB.RAG takes 1 to 2 arguments, not 3."),
    );
    expect(callAsExcel(byId("CORKSCREW"), [v([[1]])], host)).toEqual(new TestError("#N/A", "HNB.CORKSCREW takes 3 to 5 arguments, not 1."));
    expect(callAsExcel(byId("TRANSFERCHECK"), [], host)).toEqual(new TestError("#N/A", "HNB.TRANSFERCHECK takes 2 arguments, not 0."));
    expect(calls).toEqual([]);
  });

  it("passes arguments left out as null, counting trailing empty ones as left out", () => {
    expect(callAsExcel(byId("RAGROLLUP"), [v([["Green"], [null], ["Red"]]), OMITTED, OMITTED], host)).toBe("Red");
    expect(callAsExcel(byId("MONEY"), [v("£1,200"), OMITTED, OMITTED], host)).toBe(1200);
    expect(calls).toEqual([
      [[["Green"], [null], ["Red"]], null, null],
      ["£1,200", null],
    ]);
  });

  it("passes one value to a matrix parameter as 1×1, and a range to a scalar one as its rows", () => {
    callAsExcel(byId("CARRYFORWARD"), [v(100), v(5)], host);
    callAsExcel(byId("MONEY"), [v([["£1"], ["£2"]])], host);
    callAsExcel(byId("CARRYFORWARD"), [v(100), v([1, 2])], host);
    expect(calls).toEqual([
      [100, [[5]]],
      [[["£1"], ["£2"]], null],
      [100, [[1], [2]]],
    ]);
  });

  it("gives an error value in an argument, or inside a range, as the result without calling", () => {
    const div0 = new TestError("#DIV/0!", "");
    expect(callAsExcel(byId("MONEY"), [v(div0)], host)).toBe(div0);
    expect(callAsExcel(byId("SAVINGSTOTAL"), [v([[1], [div0]])], host)).toBe(div0);
    expect(calls).toEqual([]);
  });

  it("refuses a union of ranges", () => {
    expect(callAsExcel(byId("SAVINGSTOTAL"), [v({ ranges: 2 })], host)).toEqual(
      new TestError("#VALUE!", "HNB.SAVINGSTOTAL cannot take a union of ranges."),
    );
  });

  it("shows core's errors as #VALUE! and #N/A with their messages, and anything else as a bug to report", () => {
    expect(callAsExcel(byId("MONEY"), [v("plenty")], host)).toEqual(new TestError("#VALUE!", "\u201cplenty\u201d is not an amount of money."));
    expect(callAsExcel(madeUp([], () => { throw naError("Not here."); }), [], host)).toEqual(new TestError("#N/A", "Not here."));
    expect(callAsExcel(madeUp([], () => { throw valueError("Wrong."); }), [], host)).toEqual(new TestError("#VALUE!", "Wrong."));
    const bug = callAsExcel(madeUp([], () => { throw new TypeError("x is undefined"); }), [], host);
    expect(bug).toEqual(new TestError("#VALUE!", "HNB could not work this out (x is undefined). Please report it with the formula."));
  });

  it("gives results as a cell holds them: null is 0, no -0, NaN #VALUE!, infinity #NUM!, an object #VALUE!", () => {
    const returning = (result: unknown) => callAsExcel(madeUp([], () => result), [], host);
    expect(returning(null)).toBe(0);
    expect(Object.is(returning(-0), 0)).toBe(true);
    expect(returning(true)).toBe(true);
    expect(returning("text")).toBe("text");
    expect(returning(Number.NaN)).toEqual(new TestError("#VALUE!", ""));
    expect(returning(Infinity)).toEqual(new TestError("#NUM!", ""));
    expect(returning(new Date())).toEqual(new TestError("#VALUE!", "The result is not a value a cell can hold."));
  });

  it("keeps a 2-D result whole, padding short rows with #N/A and showing null as 0", () => {
    const returning = (result: unknown) => callAsExcel(madeUp([], () => result), [], host);
    expect(callAsExcel(byId("DEFICITPATH"), [v(100), v([[10, 20]])], host)).toEqual([[110, 130]]);
    expect(returning([[1, null], [2]])).toEqual([
      [1, 0],
      [2, new TestError("#N/A", "")],
    ]);
    expect(returning([3, 4])).toEqual([[3], [4]]);
    expect(returning([])).toEqual(new TestError("#VALUE!", "The result is empty."));
  });

  it("passes a repeating parameter one array of its arguments", () => {
    const fn = madeUp([param("first"), param("rest", { dimensionality: "matrix", optional: true, repeating: true })], () => 0);
    callAsExcel(fn, [v(1), v(2), v([[3, 4]]), OMITTED, v(5)], host);
    callAsExcel(fn, [v(1)], host);
    expect(calls).toEqual([
      [1, [[[2]], [[3, 4]], null, [[5]]]],
      [1, null],
    ]);
    expect(callAsExcel(fn, [], host)).toEqual(new TestError("#N/A", "HNB.TEST takes 1 or more arguments, not 0."));
  });
});
