import type { ImportSource } from "../work";

/** The file kinds a screen reads, for an input's accept and its messages. */
export const READABLE_FILES = ".xlsx,.tsv,.csv,.txt,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A chosen file as a source for the jobs, which read it as the command line reads files (an .xlsx
 * workbook's every sheet; a .tsv, .csv or .txt decoded as hnb decodes them): only its bytes are
 * taken here, which the browser does without holding the pane's thread.
 */
export async function sourceOfFile(file: File, key: string): Promise<ImportSource & { from: "file" }> {
  if (!/\.(xlsx|tsv|csv|txt)$/i.test(file.name)) throw new Error(`${file.name} is not a file the add-in can read`);
  return { key, from: "file", name: file.name, bytes: await file.arrayBuffer() };
}
