import { gridFromText } from "../../src/core/table/delimited";
import { importTable } from "../../src/core/table/import";
import { KIND_CHOSEN, readTables } from "../../src/core/table/reader";
import { checkTables } from "../../src/core/table/checks";
import { readFileSync } from "fs";
import { join } from "path";
import { SAMPLES_DIR } from "../helpers/samples";

function grid(name: string) {
  return gridFromText(name, readFileSync(join(SAMPLES_DIR, name), "utf8"));
}

describe("reading a table as the kind the user chose", () => {
  it("reads an action plan as a savings plan with the same columns, and says the kind was chosen", () => {
    const [guessed] = readTables(grid("action-plan-messy.tsv"));
    const [chosen] = readTables(grid("action-plan-messy.tsv"), { kind: "savings-plan" });
    expect(guessed!.kind).toBe("action-plan");
    expect(chosen!.kind).toBe("savings-plan");
    expect(chosen!.kindReason).toBe(KIND_CHOSEN);
    expect(chosen!.columns.map((c) => c.field)).toEqual(guessed!.columns.map((c) => c.field));
    expect(importTable(chosen!).title).toBe("Savings plan");
  });

  it("reads a DSG budget as a plan named by its first column, keeping every year", () => {
    const [plan] = readTables(grid("dsg-budget.tsv"), { kind: "action-plan" });
    expect(plan!.kind).toBe("action-plan");
    expect(plan!.columns[0]).toMatchObject({ index: 0, field: "action" });
    expect(plan!.columns.filter((c) => c.field === "amount")).toHaveLength(5);
    expect(plan!.rows.some((r) => r.cells[0] === "High Needs DSG B/Fwd Deficit / (Surplus)")).toBe(true);
  });

  it("reads a savings plan's year columns as a budget when asked, with line labels from the first column", () => {
    const [budget] = readTables(grid("savings-plan-messy.tsv"), { kind: "deficit" });
    expect(budget!.kind).toBe("deficit");
    expect(budget!.columns[0]!.field).toBe("label");
    expect(budget!.columns.slice(1).every((c) => c.field === "amount")).toBe(true);
  });

  it("finds no budget in an action plan, which has no year columns", () => {
    expect(readTables(grid("action-plan-messy.tsv"), { kind: "deficit" })).toEqual([]);
  });

  it("checks the same problems whichever plan kind is chosen for the action plan", () => {
    const rules = (kind?: "action-plan" | "savings-plan") =>
      checkTables(readTables(grid("action-plan-messy.tsv"), kind ? { kind } : {}), {})
        .map((f) => `${f.rule} ${f.location}`)
        .sort();
    expect(rules("savings-plan")).toEqual(rules());
    expect(rules("action-plan")).toEqual(rules());
  });
});
