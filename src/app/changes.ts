import { count } from "../core";
import { listFills, type CellChange } from "../core/table";
import { formatDate, serialFromYmd } from "../core";
import { WriteStopped, parseAddress } from "../port";
import { CHANGE_LOG_HEADER } from "./outputs";
import type { ApplyReport, WorkbookOperation, WorkbookPort } from "../port";

/**
 * Changing a user's own cells safely: a list of changes is first shown (a preview line per
 * change), and only then applied, in one batch with a row per change appended to the
 * "HNB change log" sheet, so every old value can be found and put back.
 */
export const CHANGE_LOG_SHEET = "HNB change log";

/** How an empty cell or no fill shows in the log: a blank cell there would read as "not recorded". */
const BLANK = "(blank)";


export interface ChangePlan {
  /** One line per change, to show before anything is written. */
  preview: string[];
  changes: CellChange[];
  /** Writes the changes and the log. */
  apply(): Promise<ApplyReport>;
}

function shown(v: CellChange["old"]): string {
  if (v === null || v === "") return "(blank)";
  return typeof v === "string" ? `“${v}”` : String(v);
}

/** What the log's "What" column says for each kind of change. */
const WHAT: Record<CellChange["target"], string> = { value: "Value", fill: "Fill", list: "Drop-down", formula: "Formula" };

export function previewLine(c: CellChange): string {
  // The port cannot read a range's existing rules, so the line says a list there is replaced.
  if (c.target === "list") return `${c.sheet}!${c.address}: drop-down of ${c.new} (${c.reason}; any drop-down already there is replaced)`;
  const what = c.target === "fill" ? "fill" : c.target === "formula" ? "formula" : "value";
  return `${c.sheet}!${c.address}: ${what} ${shown(c.old)} → ${shown(c.new)} (${c.reason})`;
}

/**
 * Looks up where the change log ends and returns the preview with an apply step: nothing is
 * written until apply() is called, which callers do only once the user has seen the preview
 * and agreed.
 */
export async function planChanges(port: WorkbookPort, changes: CellChange[], now: Date = new Date()): Promise<ChangePlan> {
  const sheets = await port.listSheets();
  const log = sheets.find((s) => s.name.toLowerCase() === CHANGE_LOG_SHEET.toLowerCase());
  const used = log?.usedRange ? parseAddress(log.usedRange) : null;
  const nextRow = used ? used.bottom + 2 : 1; // bottom is 0-based: the row under the last, 1-based
  const when = `${formatDate(serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()))} ${now.toTimeString().slice(0, 5)}`;
  return {
    preview: changes.map(previewLine),
    changes,
    apply: async () => {
      try {
        return await port.apply(changeOperations(changes, log?.name ?? null, nextRow, when));
      } catch (error) {
        if (!(error instanceof WriteStopped)) throw error;
        // The log must not say less than happened: a line of its own for the stop, saying what
        // was made and what not, under whatever of the batch's own lines reached it.
        throw await logStop(port, error, when);
      }
    },
  };
}

/** Writes the change log's line for a batch Excel stopped part-way, and gives the error to show. */
async function logStop(port: WorkbookPort, stopped: WriteStopped, when: string): Promise<WriteStopped> {
  const words = (list: readonly string[]) => (list.length === 0 ? "none" : list.join("; "));
  const line = [when, "", "", "Stopped", "", "", `Excel stopped part-way. Made: ${words(stopped.made)}. Perhaps made in part: ${words(stopped.partly)}. Not made: ${words(stopped.notMade)}.`];
  try {
    const sheets = await port.listSheets();
    const log = sheets.find((s) => s.name.toLowerCase() === CHANGE_LOG_SHEET.toLowerCase());
    const used = log?.usedRange ? parseAddress(log.usedRange) : null;
    const ops: WorkbookOperation[] = log
      ? [{ kind: "write", sheet: log.name, at: `A${used ? used.bottom + 2 : 1}`, values: [line.map((v) => v.slice(0, 32_000))], numberFormats: "@" }]
      : [
          { kind: "addSheet", name: CHANGE_LOG_SHEET },
          { kind: "write", sheet: CHANGE_LOG_SHEET, at: "A1", values: [[...CHANGE_LOG_HEADER], line.map((v) => v.slice(0, 32_000))], numberFormats: "@" },
        ];
    await port.apply(ops);
    return new WriteStopped(`${stopped.message} The change log says so on a line of its own.`, stopped.made, stopped.partly, stopped.notMade);
  } catch {
    return new WriteStopped(`${stopped.message} The change log could not be brought up to date: note these before changing anything else.`, stopped.made, stopped.partly, stopped.notMade);
  }
}

/** The operations for a list of changes: the cells themselves, then the log rows (the log sheet made if missing). */
export function changeOperations(changes: CellChange[], logSheet: string | null, nextRow: number, when: string): WorkbookOperation[] {
  if (changes.length === 0) return [];
  const ops: WorkbookOperation[] = [];
  for (const c of changes) {
    if (c.target === "fill") ops.push({ kind: "fill", sheet: c.sheet, range: c.address, colour: typeof c.new === "string" ? c.new : null });
    else if (c.target === "list") {
      const list = c.list ?? [];
      ops.push({ kind: "listValidation", sheet: c.sheet, range: c.address, source: list });
      for (const f of listFills(list)) ops.push({ kind: "conditionalFill", sheet: c.sheet, range: c.address, text: f.text, fill: f.fill, font: f.font });
    } else if (c.target === "formula") ops.push({ kind: "write", sheet: c.sheet, at: c.address, values: [[c.new]], formulas: true });
    else ops.push({ kind: "write", sheet: c.sheet, at: c.address, values: [[c.new]] });
  }
  const sheet = logSheet ?? CHANGE_LOG_SHEET;
  let row = nextRow;
  if (!logSheet) {
    ops.push({ kind: "addSheet", name: sheet });
    ops.push({ kind: "write", sheet, at: "A1", values: [[...CHANGE_LOG_HEADER]] });
    ops.push({ kind: "font", sheet, range: "A1:G1", bold: true });
    ops.push({ kind: "columnWidths", sheet, widths: [{ column: "A", width: 18 }, { column: "B", width: 16 }, { column: "C", width: 8 }, { column: "D", width: 8 }, { column: "E", width: 20 }, { column: "F", width: 20 }, { column: "G", width: 50 }] });
    row = 2;
  }
  ops.push({
    kind: "write",
    sheet,
    at: `A${row}`,
    // Old and new values are written as text so that a logged "=SUM(…)" or "0012" stays as it was.
    values: changes.map((c) => [when, c.sheet, c.address, WHAT[c.target], c.old === null ? (c.target === "list" ? "(any earlier drop-down)" : BLANK) : String(c.old), c.new === null ? BLANK : String(c.new), c.reason]),
    numberFormats: "@",
  });
  return ops;
}

export function describeChanges(changes: CellChange[]): string {
  const sheets = new Set(changes.map((c) => c.sheet));
  return `${count(changes.length, "change")} on ${count(sheets.size, "sheet")}`;
}
