import { readFileSync } from "fs";
import { MemoryWorkbook } from "../src/workbook/memory";
import { readTables } from "../src/core/table/reader";
import { importTable } from "../src/core/table/import";
import { importOperations } from "../src/workbook/import-sheet";
import { gridFromText } from "../src/core/table/delimited";
it("x", async () => {
  const w = new MemoryWorkbook();
  for (const kind of [undefined, "savings-plan"] as const) {
  const g = gridFromText("a", readFileSync(`test/fixtures/samples/action-plan-messy.tsv`,"utf8"));
  const t = readTables(g, kind ? {kind} : {})[0]!;
  await w.apply(importOperations(importTable(t, {realign:true}), (await w.listSheets()).map(s=>s.name), []).operations);
  }
  for (const r of await w.readSheets()) { try { readTables(r); } catch (e) { console.log(r.name, String(e), JSON.stringify(r.values.slice(-8))); } }
});
