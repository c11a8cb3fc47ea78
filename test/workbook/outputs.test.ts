import { readFileSync } from "fs";
import { join } from "path";
import { gridFromText } from "../../src/core/table/delimited";
import { importTable } from "../../src/core/table/import";
import { readTables } from "../../src/core/table/reader";
import { buildSummary } from "../../src/core/table/summary";
import { planChanges } from "../../src/app/changes";
import { proposeFixes } from "../../src/core/table/fixes";
import { importOperations, notesOperations } from "../../src/app/import-sheet";
import { MemoryWorkbook } from "../../src/adapters/memory/memory";
import { addinOutput } from "../../src/app/outputs";
import { paperSheetOperations } from "../../src/app/paper-sheet";
import { buildTemplates } from "../../src/app/templates";
import { SAMPLES_DIR } from "../helpers/samples";

const sample = (name: string) => gridFromText(name, readFileSync(join(SAMPLES_DIR, `${name}.tsv`), "utf8"));

describe("sheets the add-in writes for reading", () => {
  it("are known by their first row, and a user's sheets are not", async () => {
    const workbook = MemoryWorkbook.fromGrids([sample("savings-plan-messy"), sample("action-plan-messy")]);
    const tables = (await workbook.readSheets()).flatMap((g) => readTables(g));
    await workbook.apply(paperSheetOperations(buildSummary(tables), ["savings-plan-messy", "action-plan-messy"]).operations);
    await (await planChanges(workbook, proposeFixes(tables, ["normalise-statuses"]))).apply();
    const imported = importOperations(importTable(tables[0]!), (await workbook.listSheets()).map((s) => s.name), []);
    await workbook.apply(imported.operations);
    await workbook.apply(notesOperations([{ table: importTable(tables[0]!), source: "paste" }], (await workbook.listSheets()).map((s) => s.name), [imported.table]).operations);
    await workbook.apply(buildTemplates(["checks"], (await workbook.listSheets()).map((s) => s.name)).operations);
    const found = Object.fromEntries((await workbook.readSheets()).map((g) => [g.name, addinOutput(g)]));
    expect(found).toEqual({
      "savings-plan-messy": null,
      "action-plan-messy": null,
      Summary: "the add-in’s summary for Schools Forum",
      "HNB change log": "the add-in’s change log",
      "Savings plan": null,
      "Import notes": "import notes",
      // The Checks template brings the templates it checks: plans for the user to fill in.
      "RAG Key": null,
      "Action Plan": null,
      "Savings Plan (2)": null,
      "EHCP Numbers": null,
      "HN Monitoring": null,
      "DSG Budget": null,
      Checks: "the add-in’s checks",
    });
  });

  it("keep a second paper from counting the first one's rows", async () => {
    const workbook = MemoryWorkbook.fromGrids([sample("action-plan-messy")]);
    const readUserTables = async () => (await workbook.readSheets()).filter((g) => !addinOutput(g)).flatMap((g) => readTables(g));
    const first = buildSummary(await readUserTables());
    await workbook.apply(paperSheetOperations(first, ["action-plan-messy"]).operations);
    expect(buildSummary(await readUserTables()).initiatives).toEqual(first.initiatives);
    // Without the filter the summary's own table would be read again as an action plan.
    expect((await workbook.readSheets()).flatMap((g) => readTables(g)).length).toBeGreaterThan((await readUserTables()).length);
  });
});

describe("the Summary sheet's budget section", () => {
  it("writes the same sentences, lines and notes as the HTML paper, figures in the table's unit", async () => {
    const workbook = MemoryWorkbook.fromGrids([sample("hnb-budget-monitoring"), sample("dsg-balance-scenarios")]);
    const tables = (await workbook.readSheets()).flatMap((g) => readTables(g));
    const summary = buildSummary(tables);
    const { sheet, operations } = paperSheetOperations(summary, ["hnb-budget-monitoring", "dsg-balance-scenarios"]);
    await workbook.apply(operations);
    const cells = (await workbook.readSheets()).find((g) => g.name === sheet)!.values.flat().filter((v) => v !== null && v !== undefined && v !== "");
    for (const b of summary.budgets) {
      expect(cells).toContain(`${b.title} (${b.unit})`);
      for (const t of [...b.sentences, ...b.notes, ...b.lines.map((l) => l.label)]) expect(cells).toContain(t);
    }
    expect(cells).toContain(6152);
    expect(cells).toContain(-7.54);
    const formats = operations.filter((op) => op.kind === "numberFormat").map((op) => (op as { format: string }).format);
    expect(formats).toEqual(expect.arrayContaining(["#,##0;(#,##0)", "#,##0.00;(#,##0.00)"]));
  });
});
