import { proposeFixes, readTables } from "../../src/core/table";
import { CHANGE_LOG_SHEET, planChanges } from "../../src/workbook/changes";
import { MemoryWorkbook } from "../../src/workbook/memory";

const values = [
  ["Action", "RAG", "Lead"],
  ["Front door", "on track", "JB"],
  ["Backlog", null, "KP"],
  ["Bandings", "TBC", "LM"],
  ["Places", "Red", "AT"],
];
const fills = [[null, null, null], [null, null, null], [null, "#FFC000", null], [null, null, null], [null, "#00B050", null]];

async function setUp() {
  const workbook = MemoryWorkbook.fromGrids([{ name: "Plan", values, fills }]);
  const tables = (await workbook.readSheets()).flatMap((g) => readTables(g));
  return { workbook, tables };
}

describe("changing a user's cells", () => {
  it("proposes statuses in the key's words, text for colour-only statuses and fills for text, never touching TBC", async () => {
    const { tables } = await setUp();
    const changes = proposeFixes(tables, ["normalise-statuses", "text-from-fills", "fills-from-text"]);
    expect(changes.map((c) => `${c.address} ${c.target} ${String(c.old)} → ${String(c.new)}`)).toEqual([
      "B2 value on track → Green",
      "B2 fill null → #00B050",
      "B3 value null → Amber",
      "B5 fill #00B050 → #FF0000",
    ]);
  });

  it("shows every change before writing anything", async () => {
    const { workbook, tables } = await setUp();
    const plan = await planChanges(workbook, proposeFixes(tables, ["normalise-statuses"]), new Date(2025, 3, 1, 9, 30));
    expect(plan.preview).toEqual(["Plan!B2: value “on track” → “Green” (“on track” is Green in the key)"]);
    expect(workbook.sheet("Plan")!.cell(1, 1).value).toBe("on track");
    expect((await workbook.listSheets()).map((s) => s.name)).toEqual(["Plan"]);
  });

  it("writes the changes and logs each old and new value, appending to the log next time", async () => {
    const { workbook, tables } = await setUp();
    const first = await planChanges(workbook, proposeFixes(tables, ["normalise-statuses", "text-from-fills"]), new Date(2025, 3, 1, 9, 30));
    await first.apply();
    expect(workbook.sheet("Plan")!.cell(1, 1).value).toBe("Green");
    expect(workbook.sheet("Plan")!.cell(2, 1).value).toBe("Amber");
    const again = (await workbook.readSheets()).flatMap((g) => readTables(g)).filter((t) => t.sheet === "Plan");
    await (await planChanges(workbook, proposeFixes(again, ["fills-from-text"]), new Date(2025, 3, 2, 10, 0))).apply();
    const [log] = await workbook.readSheets([CHANGE_LOG_SHEET]);
    expect(log!.values.map((r) => r.slice(0, 6))).toEqual([
      ["When", "Sheet", "Cell", "What", "Old value", "New value"],
      ["1 April 2025 09:30", "Plan", "B2", "Value", "on track", "Green"],
      ["1 April 2025 09:30", "Plan", "B3", "Value", "(blank)", "Amber"],
      ["2 April 2025 10:00", "Plan", "B2", "Fill", "(blank)", "#00B050"],
      ["2 April 2025 10:00", "Plan", "B5", "Fill", "#00B050", "#FF0000"],
    ]);
  });
});
