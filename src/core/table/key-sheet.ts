import { DEFAULT_KEY, type KeyEntry, type RagKey, buildKey, describeKey, normaliseStatus } from "../rag";
import type { SheetGrid, Table } from "./types";

/**
 * A workbook's own RAG key kept on a sheet of its own, as the add-in's RAG Key template lays it
 * out and councils often do: a "Status" heading over the status names, a "Description" beside
 * it, and optionally other words for each status ("Also written as", separated by ;). A table
 * with no key under it is read against this key rather than the built-in one, so words a
 * council adds to its key sheet count in the checks, the fixes and the paper.
 */
export interface KeySheet {
  key: RagKey;
  sheet: string;
}

const STATUS = /^(rag\s+)?status$/;
const DESCRIPTION = /^(description|meaning|definition)$/;
const SYNONYMS = /^(also\s+written\s+as|other\s+words|synonyms|aliases)\b/;

function textOf(v: unknown): string {
  return typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v);
}

/**
 * The key on `grid`, when its first row heads a status column, a description column beside it
 * and nothing else but other words for each status; `problem` when it is laid out as a key but
 * cannot be one. A sheet with more headed columns beside those ("Lead", "Due date") is a small
 * plan or risk log, not a key.
 */
export function readKeySheet(grid: SheetGrid): KeySheet | { sheet: string; problem: string } | null {
  const header = (grid.values[0] ?? []).map((v) => normaliseStatus(textOf(v)));
  const status = header.findIndex((h) => STATUS.test(h));
  if (status < 0 || !DESCRIPTION.test(header[status + 1] ?? "")) return null;
  const synonyms = SYNONYMS.test(header[status + 2] ?? "") ? status + 2 : -1;
  const after = synonyms >= 0 ? synonyms + 1 : status + 2;
  if ((header[after] ?? "") !== "") return null;
  const entries: KeyEntry[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const name = textOf(row[status]);
    if (name === "") break;
    const words = synonyms < 0 ? [] : textOf(row[synonyms]).split(";").map((w) => w.trim()).filter((w) => w !== "");
    entries.push({ name, description: textOf(row[status + 1]), ...(words.length > 0 ? { synonyms: words } : {}) });
  }
  if (entries.length < 2) return null;
  try {
    return { key: buildKey(entries), sheet: grid.name };
  } catch (error) {
    // Not used, and said: the checks then name the key they did use.
    return { sheet: grid.name, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The first usable key sheet in tab order, or null. */
export function findKeySheet(grids: readonly SheetGrid[]): KeySheet | null {
  for (const grid of grids) {
    const found = readKeySheet(grid);
    if (found && "key" in found) return found;
  }
  return null;
}

/** Sheets laid out as a RAG key that cannot be used, each with why: "RAG Key: The RAG key gives …". */
export function keySheetProblems(grids: readonly SheetGrid[]): { sheet: string; problem: string }[] {
  return grids.flatMap((grid) => {
    const found = readKeySheet(grid);
    return found && "problem" in found ? [found] : [];
  });
}

/** The tables, each without a key of its own given the workbook's key sheet (when there is one). */
export function withWorkbookKey(tables: Table[], keySheet: KeySheet | null): Table[] {
  if (!keySheet) return tables;
  return tables.map((t) => (t.key ? t : { ...t, workbookKey: keySheet }));
}

/**
 * The key a table's statuses are read against, and where it came from in words: the key under
 * the table, else the workbook's key sheet, else the built-in five-point key. The one rule for
 * the checks, the fixes, the import and the paper.
 */
export function keyOf(table: Table): { key: RagKey; source: string } {
  if (table.key) return { key: table.key.key, source: `the key under the table (${describeKey(table.key.key)})` };
  if (table.workbookKey) return { key: table.workbookKey.key, source: `the workbook’s key on ${table.workbookKey.sheet} (${describeKey(table.workbookKey.key)})` };
  return { key: DEFAULT_KEY, source: `the usual five-point key (${describeKey(DEFAULT_KEY)})` };
}
