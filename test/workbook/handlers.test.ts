/**
 * The planner and the adapters handle operations through records typed `Handlers<…>`, so that
 * a kind without a handler does not compile. The `@ts-expect-error` lines below are the proof:
 * `npm run typecheck` fails if a record missing a kind is ever accepted.
 */
import { dispatch, handles, type Handlers } from "../../src/port/handlers";
import { planOperations, type PlannedOperation } from "../../src/port/plan";
import type { WorkbookOperation } from "../../src/port/port";

type Kind = WorkbookOperation["kind"];

/** A record naming each kind; the type says every kind is there. */
const names: Handlers<WorkbookOperation, string> = {
  addSheet: (op) => `addSheet ${op.name}`,
  write: (op) => `write ${op.at}`,
  numberFormat: (op) => `numberFormat ${op.format}`,
  fill: (op) => `fill ${op.colour}`,
  font: (op) => `font ${op.range}`,
  columnWidths: (op) => `columnWidths ${op.widths.length}`,
  wrap: (op) => `wrap ${op.range}`,
  addTable: (op) => `addTable ${op.name}`,
  conditionalFill: (op) => `conditionalFill ${op.text}`,
  listValidation: (op) => `listValidation ${op.range}`,
  namedRange: (op) => `namedRange ${op.name}`,
  lineChart: (op) => `lineChart ${op.title}`,
  freeze: (op) => `freeze ${op.rows}`,
};

function without<K extends Kind>(kind: K): Omit<Handlers<WorkbookOperation, string>, K> {
  const copy: Partial<Handlers<WorkbookOperation, string>> = { ...names };
  delete copy[kind];
  return copy as Omit<Handlers<WorkbookOperation, string>, K>;
}

describe("a record of handlers keyed by kind", () => {
  it("does not compile with a kind left out", () => {
    // @ts-expect-error -- no handler for freeze
    const missingFreeze: Handlers<WorkbookOperation, string> = without("freeze");
    // @ts-expect-error -- no handler for write
    const missingWrite: Handlers<PlannedOperation, void> = { addSheet: () => undefined };
    expect(handles(missingFreeze, "freeze")).toBe(false);
    expect(handles(missingWrite, "write")).toBe(false);
  });

  it("does not compile with a handler given the wrong kind of operation", () => {
    const wrong: Handlers<WorkbookOperation, string> = {
      ...names,
      // @ts-expect-error -- an addSheet operation has no range
      addSheet: (op: Extract<WorkbookOperation, { kind: "wrap" }>) => op.range,
    };
    expect(handles(wrong, "addSheet")).toBe(true);
  });

  it("calls the handler of the operation's kind, with any further arguments", () => {
    expect(dispatch(names, { kind: "addSheet", name: "Savings plan" })).toBe("addSheet Savings plan");
    expect(dispatch(names, { kind: "freeze", sheet: "Plan", rows: 1 })).toBe("freeze 1");
    const scaled: Handlers<{ kind: "a"; n: number } | { kind: "b"; m: number }, number, [number]> = {
      a: (op, by) => op.n * by,
      b: (op, by) => op.m + by,
    };
    expect(dispatch(scaled, { kind: "a", n: 3 }, 2)).toBe(6);
    expect(dispatch(scaled, { kind: "b", m: 3 }, 2)).toBe(5);
  });

  it("knows only the record's own kinds, never the names every object inherits", () => {
    for (const kind of ["toString", "constructor", "hasOwnProperty", "__proto__", "merge", 7, null, undefined]) {
      expect(handles(names, kind)).toBe(false);
    }
    expect(() => dispatch(names, { kind: "toString" } as unknown as WorkbookOperation)).toThrow(/no handler for the operation "toString"/);
  });

  it("lets the planner refuse an inherited name as an unknown kind", () => {
    const state = { sheets: [], tables: [], names: [], value: () => null };
    for (const kind of ["toString", "constructor", "valueOf"]) {
      expect(() => planOperations(state, [{ kind } as unknown as WorkbookOperation])).toThrow(
        `Nothing was changed: "${kind}" is not an operation the workbook knows (operation 1 of 1, ${kind}).`,
      );
    }
  });
});
