import type { ImportSource } from "../work";

/** The file kinds a screen reads, for an input's accept and its messages. */
const READABLE_FILES = ".xlsx,.tsv,.csv,.txt,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let sources = 0;
/** A key for each new paste or file: the jobs keep the last one's reading under it. */
const nextKey = (): string => `source ${++sources}`;

/** A pasted text as a source for the jobs, read as a sheet called `name`. */
export function pastedSource(name: string, text: string): ImportSource & { from: "paste" } {
  return { key: nextKey(), from: "paste", name, text };
}

/**
 * A chosen file as a source for the jobs, which read it as the command line reads files (an .xlsx
 * workbook's every sheet; a .tsv, .csv or .txt decoded as hnb decodes them): only its bytes are
 * taken here, which the browser does without holding the pane's thread.
 */
export async function sourceOfFile(file: File): Promise<ImportSource & { from: "file" }> {
  if (!/\.(xlsx|tsv|csv|txt)$/i.test(file.name)) throw new Error(`${file.name} is not a file the add-in can read`);
  return { key: nextKey(), from: "file", name: file.name, bytes: await file.arrayBuffer() };
}

/**
 * A file picker for the kinds READABLE_FILES names, labelled by `label`. It is cleared as soon as
 * a file is chosen, so that choosing the same file again (after Clear, or a fix to it) reads it again.
 */
export function ReadableFileInput({ label, disabled, onFile }: { label: string; disabled: boolean; onFile: (file: File | undefined) => void }) {
  return (
    <input
      type="file"
      aria-label={label}
      accept={READABLE_FILES}
      disabled={disabled}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = "";
        onFile(file);
      }}
    />
  );
}
