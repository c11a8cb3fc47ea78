import { checkTables } from "../../src/core/table/checks";
import { findKeySheet, keyOf, keySheetProblems, readKeySheet, withWorkbookKey } from "../../src/core/table/key-sheet";
import { readTables } from "../../src/core/table/reader";
import { proposeFixes } from "../../src/core/table/fixes";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { buildTemplates } from "../../src/app/templates";

const keySheet = {
  name: "RAG Key",
  values: [
    ["Status", "Description", "Also written as (separate with ;)"],
    ["Green", "On track", "on target; fine"],
    ["Amber", "Some risk", "wobbly"],
    ["Red", "Off track", ""],
  ],
};
const plan = {
  name: "Plan",
  values: [
    ["Action", "RAG", "Lead"],
    ["Front door", "On target", "JB"],
    ["Backlog", "Wobbly", "KP"],
    ["Bandings", "Blue", "LM"],
  ],
};

describe("the workbook's own RAG key sheet", () => {
  it("is read from the add-in's RAG Key template, with the other words for each status", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(buildTemplates(["rag-key"], []).operations);
    const found = findKeySheet(await workbook.readSheets());
    expect(found?.sheet).toBe("RAG Key");
    expect(found?.key.statuses.map((s) => s.name)).toEqual(["Blue", "Green", "Amber", "Red", "Grey"]);
  });

  it("is used for a table with no key under it: its words count, its statuses are the only ones", () => {
    const tables = withWorkbookKey(readTables(plan), findKeySheet([keySheet]));
    expect(keyOf(tables[0]!).source).toBe("the workbook’s key on RAG Key (Green, Amber, Red)");
    const findings = checkTables(tables, {});
    expect(findings.map((f) => `${f.rule} ${f.location}`)).toEqual(["rag.unknown Plan!B4"]);
    expect(findings[0]!.message).toContain("Green, Amber, Red");
    expect(proposeFixes(tables, ["normalise-statuses"]).map((c) => `${c.address} ${String(c.new)}`)).toEqual(["B2 Green", "B3 Amber"]);
  });

  it("gives way to a key written under the table", () => {
    const withOwn = { name: "Plan", values: [...plan.values, [], ["Blue", "Complete"], ["Green", "On track"], ["Red", "Off track"]] };
    const [table] = withWorkbookKey(readTables(withOwn), findKeySheet([keySheet]));
    expect(keyOf(table!).source).toMatch(/^the key under the table/);
  });

  it("is not a key sheet without a Status heading over a Description beside it, nor a risk log with more columns", () => {
    expect(readKeySheet({ name: "S", values: [["Status", "Lead"], ["Green", "JB"], ["Red", "KP"]] })).toBeNull();
    const risks = { name: "Risks", values: [["Status", "Description", "Lead", "Due date"], ["Green", "Recruitment", "JB", "30/09/2025"], ["Red", "Capital", "KP", "31/03/2026"]] };
    expect(readKeySheet(risks)).toBeNull();
    expect(findKeySheet([plan])).toBeNull();
  });

  it("is not used, and says why, when it gives one word to two statuses", () => {
    const clash = { name: "RAG Key", values: [["Status", "Description"], ["Green", "fine"], ["Amber", "fine"]] };
    expect(findKeySheet([clash])).toBeNull();
    expect(keySheetProblems([clash])).toEqual([{ sheet: "RAG Key", problem: "The RAG key gives “fine” to both Green and Amber." }]);
  });

  it("keeps the add-in's own key block when the template's savings weights sit two columns over", () => {
    const template = { name: "RAG Key", values: [["Status", "Description", "Also written as (separate with ;)", null, null, "Status", "Savings weight"], ["Green", "On track", "on target", null, null, "Green", 1], ["Red", "Off track", "", null, null, "Red", 0]] };
    expect(findKeySheet([template])?.key.statuses.map((s) => s.name)).toEqual(["Green", "Red"]);
  });
});
