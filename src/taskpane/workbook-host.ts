import { parseDelimited } from "../core/table";
import type { SheetGrid } from "../core/table";
import { MemoryWorkbook } from "../adapters/memory";
import { OfficeWorkbook } from "../adapters/office";
import type { WorkbookPort } from "../port";
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
  if (host.kind === "excel") return { port: new OfficeWorkbook(), memory: null };
  const memory = MemoryWorkbook.fromGrids(sampleGrids());
  return { port: memory, memory };
}
