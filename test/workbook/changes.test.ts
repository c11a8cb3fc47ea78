import { COLOURS, COLOUR_ORDER, buildKey } from "../../src/core/rag";
import { proposeFixes, readTables } from "../../src/core/table";
import { CHANGE_LOG_SHEET, planChanges } from "../../src/app/changes";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { OfficeWorkbook } from "../../src/adapters/office/office";
import { FakeExcel, FakeRichApiError } from "./office-fake";

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

  it("puts a drop-down of the key's statuses on the status column, coloured as the key, and logs it", async () => {
    const { workbook, tables } = await setUp();
    const plan = await planChanges(workbook, proposeFixes(tables, ["status-lists"]), new Date(2025, 3, 1, 9, 30));
    expect(plan.preview).toEqual([
      "Plan!B2:B5: drop-down of Blue, Green, Amber, Red, Grey (Statuses chosen from the key, so a new one cannot be mistyped; each takes its colour; any drop-down already there is replaced)",
    ]);
    await plan.apply();
    const sheet = workbook.sheet("Plan")!;
    expect(sheet.validationAt("B3")?.source).toEqual(["Blue", "Green", "Amber", "Red", "Grey"]);
    expect(sheet.validationAt("B6")).toBeUndefined();
    expect(sheet.conditionalFills.map((f) => [f.text, f.fill])).toEqual(COLOUR_ORDER.map((c) => [c, COLOURS[c].fill]));
    expect(sheet.cell(1, 1).value).toBe("on track");
    const [log] = await workbook.readSheets([CHANGE_LOG_SHEET]);
    expect(log!.values[1]!.slice(1, 6)).toEqual(["Plan", "B2:B5", "Drop-down", "(any earlier drop-down)", "Blue, Green, Amber, Red, Grey"]);
  });

  it("offers no drop-down when a status in the key holds a comma, which Excel's list cannot hold", async () => {
    const { tables } = await setUp();
    const withComma = tables.map((t) => ({
      ...t,
      key: { key: buildKey([{ name: "Done, closed", description: "Complete" }, { name: "Red", description: "Off track" }]), rows: [], how: "test" },
    }));
    expect(proposeFixes(tables, ["status-lists"])).toHaveLength(1);
    expect(proposeFixes(withComma, ["status-lists"])).toEqual([]);
  });
});

describe("a change Excel stops part-way", () => {
  it("is logged on a line of its own saying what was made and what not, and the error says the log says so", async () => {
    const excel = FakeExcel.fromGrids([{ name: "Plan", values }]);
    const workbook = new OfficeWorkbook(excel.run);
    const changes = proposeFixes((await workbook.readSheets()).flatMap((g) => readTables(g)), ["normalise-statuses"]);
    const plan = await planChanges(workbook, changes, new Date(2025, 3, 1, 9, 30));
    // The write's last sync refused: count the syncs of the same apply on a copy first.
    const copy = FakeExcel.fromGrids([{ name: "Plan", values }]);
    const copied = await planChanges(new OfficeWorkbook(copy.run), changes, new Date(2025, 3, 1, 9, 30));
    const before = copy.syncCount;
    await copied.apply();
    excel.refuseSync = { sync: excel.syncCount + (copy.syncCount - before), after: 1, error: new FakeRichApiError("GeneralException", "An internal error has occurred.") };
    const error = await plan.apply().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Excel stopped .* The change log says so on a line of its own\.$/);
    const log = excel.sheet(CHANGE_LOG_SHEET)!;
    const lines = [...Array(10).keys()].map((r) => log.cell(r, 3)?.value ?? null).filter((v) => v !== null);
    expect(lines).toContain("Stopped");
    const stopLine = [...Array(10).keys()].map((r) => log.cell(r, 6)?.value).find((v) => typeof v === "string" && v.startsWith("Excel stopped part-way."));
    expect(stopLine).toMatch(/Not made: |Perhaps made in part: /);
  });
});
