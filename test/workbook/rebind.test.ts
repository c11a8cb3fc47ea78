import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import type { SheetRead } from "../../src/port/port";
import { CHANGE_LOG_SHEET, planChanges } from "../../src/app/changes";
import { reenterChanges, unboundHnbFormulas } from "../../src/app/rebind";

function sheet(values: unknown[][], formulas: (string | null)[][], origin = { row: 0, column: 0 }): SheetRead {
  return { name: "Action Plan", values, formulas, numberFormats: values.map((r) => r.map(() => "General")), origin };
}

describe("HNB formulas Excel shows as #NAME?", () => {
  it("finds HNB formulas showing #NAME?, in either stored form, at their cells, but not a function HNB does not have", () => {
    const read = sheet(
      [["Green", "#NAME?", "#NAME?", "#NAME?", "Yes", "#NAME?"]],
      [[null, "=HNB.RAG(A1)", "=_xldudf_HNB_OVERDUE(A1,A1,A1)", "=FOO(A1)", "=IF(HNB.OVERDUE(A1,A1,A1),\"Yes\",\"No\")", "=HNB.FOO(A1)"]],
      { row: 2, column: 1 },
    );
    expect(unboundHnbFormulas([read])).toEqual([
      { sheet: "Action Plan", address: "C3", formula: "=HNB.RAG(A1)" },
      { sheet: "Action Plan", address: "D3", formula: "=_xldudf_HNB_OVERDUE(A1,A1,A1)" },
    ]);
  });

  it("re-enters each as typed, HNB.NAME, leaving the rest of the formula alone, and logs it", async () => {
    const workbook = MemoryWorkbook.fromGrids([{ name: "Action Plan", values: [["Green", null]] }]);
    const formula = '=IF(_xldudf_HNB_RAG(A1)="Green","ok","_xldudf_HNB_RAG")';
    const plan = await planChanges(workbook, reenterChanges([{ sheet: "Action Plan", address: "B1", formula }]));
    expect(plan.preview).toEqual([`Action Plan!B1: formula “${formula}” → “=IF(HNB.RAG(A1)="Green","ok","_xldudf_HNB_RAG")” (Showed #NAME?: entered again so that Excel links it to the add-in)`]);
    await plan.apply();
    expect(workbook.sheet("Action Plan")!.cell("B1").formula).toBe('=IF(HNB.RAG(A1)="Green","ok","_xldudf_HNB_RAG")');
    expect(workbook.sheet("Action Plan")!.cell("A1").value).toBe("Green");
    const [log] = await workbook.readSheets([CHANGE_LOG_SHEET]);
    expect(log!.values[1]!.slice(1, 6)).toEqual(["Action Plan", "B1", "Formula", formula, '=IF(HNB.RAG(A1)="Green","ok","_xldudf_HNB_RAG")']);
  });
});
