import { parseDelimited } from "../core/table";
import type { SheetGrid } from "../core/table";
import { MemoryWorkbook } from "../adapters/memory";
import { OfficeWorkbook } from "../adapters/office";
import type { WorkbookPort } from "../port";
import { FUNCTION_NAMESPACE } from "./build";
import type { HostInfo } from "./host";
import { SAMPLE_TEXTS } from "./samples";

export interface WorkbookHost {
  port: WorkbookPort;
  /** The memory workbook behind the port in the browser preview; null in Excel. */
  memory: MemoryWorkbook | null;
}

/** Grids of the shared samples, one sheet each. */
export function sampleGrids(): SheetGrid[] {
  return SAMPLE_TEXTS.map(({ name, text }) => ({ name, values: parseDelimited(text, "\t") }));
}

/** Excel's workbook when running in Excel; otherwise a memory workbook seeded with the samples. */
export function workbookFor(host: HostInfo): WorkbookHost {
  // Excel's formulas in the namespace this build's functions are registered under (HNBDEV in development).
  if (host.kind === "excel") return { port: new OfficeWorkbook(Excel.run, { namespace: FUNCTION_NAMESPACE }), memory: null };
  const memory = MemoryWorkbook.fromGrids(sampleGrids());
  return { port: memory, memory };
}
