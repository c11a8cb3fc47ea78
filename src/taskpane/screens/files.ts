import { gridFromFile, type SheetGrid } from "../../core/table";
import { readGridsFromBytes } from "../../adapters/xlsx-read";

/** The file kinds a screen reads, for an input's accept and its messages. */
export const READABLE_FILES = ".xlsx,.tsv,.csv,.txt,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A chosen file's sheets, read as the command line reads files: an .xlsx workbook's every sheet;
 * a .tsv, .csv or .txt decoded as hnb decodes them (UTF-16 "Unicode text" and Windows-1252 too).
 */
export async function gridsOfFile(file: File): Promise<SheetGrid[]> {
  if (/\.xlsx$/i.test(file.name)) return readGridsFromBytes(await file.arrayBuffer(), file.name);
  if (/\.(tsv|csv|txt)$/i.test(file.name)) return [gridFromFile(file.name, new Uint8Array(await file.arrayBuffer()))];
  throw new Error(`${file.name} is not a file the add-in can read`);
}
