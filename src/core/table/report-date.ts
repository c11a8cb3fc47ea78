import { readDay } from "../dates";
import { quote } from "../errors";
import { trimEndWhile } from "../grid";
import { location } from "./location";
import type { SheetGrid, Table } from "./types";

/**
 * The date a workbook or paper reports as at: the date overdue actions are judged against. Found
 * where people write it, above or beside the tables rather than in them — a "Report date" label
 * with the date beside or under it (as the add-in's own Action Plan template has), or a title
 * such as "Position as at 31 March 2025".
 */
export interface ReportDate {
  /** Excel serial of the day. */
  serial: number;
  /** Where the date is: "'Action Plan'!B1". */
  location: string;
  /** The label it was found by ("Report date"), or the heading it was in. */
  label: string;
  /** Beside or under its label, or in a heading's own words. */
  how: "beside" | "under" | "in";
}

// Each run of spaces belongs to one quantifier only (the spaces after "position" go with it, a
// colon's with the colon), so a long run cannot be shared out between them in many ways.
const LABEL = /^\s*(report(?:ing)?\s+date|date\s+of\s+(?:the\s+)?report|(?:(?:position|data|figures|status)\s*)?as\s+(?:at|of)|as\s+at\s+date)\s*(?::\s*)?$/i;
// The date runs from the first character after the spaces to the last that is not a space.
const IN_TEXT = /\b(report(?:ing)?\s+date|(?:position|data|figures|status)?\s*as\s+(?:at|of))(?:\s*:)?\s+(\S(?:.*\S)?)\s*$/i;


/** A label as written, trimmed and without a colon at its end (and the spaces before it). */
function labelText(text: string): string {
  const t = text.trim();
  return t.endsWith(":") ? t.slice(0, -1).trimEnd() : t;
}

/** A cell's value as one day (see readDay), or null. */
function dayOf(value: unknown): number | null {
  if (value === null || value === undefined || value === "" || typeof value === "boolean") return null;
  // A bare number is a date only if it is a plausible Excel date (1990 to 2100), not "3" or 2025.
  if (typeof value === "number") return value >= 32874 && value <= 73051 ? Math.floor(value) : null;
  // "as of 2025-26" names a year, not a day.
  return readDay(value);
}

/**
 * The first report date in the grids, in tab order, row by row, in the first `rowsToScan` rows
 * of each sheet. Rows inside `tables` (headings and data) are passed over: a column headed
 * "Position as at" holds dates of its own, not the report's.
 */
export function findReportDate(grids: readonly SheetGrid[], tables: readonly Table[] = [], rowsToScan = 30): ReportDate | null {
  for (const grid of grids) {
    const origin = grid.origin ?? { row: 0, column: 0 };
    const inTable = (r: number) => tables.some((t) => t.sheet === grid.name && r >= t.headerRow && r <= t.lastRow);
    const rows = Math.min(grid.values.length, rowsToScan);
    for (let r = 0; r < rows; r++) {
      if (inTable(r)) continue;
      const row = grid.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const label = LABEL.exec(v);
        if (label) {
          const right = row.slice(c + 1).findIndex((x) => x !== null && x !== undefined && x !== "");
          const candidates: [number, number, "beside" | "under"][] = right >= 0 ? [[r, c + 1 + right, "beside"]] : [];
          if (!inTable(r + 1)) candidates.push([r + 1, c, "under"]);
          for (const [rr, cc, how] of candidates) {
            const day = dayOf(grid.values[rr]?.[cc]);
            if (day !== null) return { serial: day, location: location(grid.name, rr, cc, origin), label: labelText(v), how };
          }
          continue;
        }
        const inText = IN_TEXT.exec(v);
        if (inText) {
          const day = dayOf(trimEndWhile(inText[2]!, (c) => c === "." || c === ")"));
          if (day !== null) return { serial: day, location: location(grid.name, r, c, origin), label: v.trim(), how: "in" };
        }
      }
    }
  }
  return null;
}

/** Where a report date came from, for a sentence: "'Action Plan'!B1, beside “Report date”". */
export function reportDateSource(found: ReportDate): string {
  switch (found.how) {
    case "beside":
      return `${found.location}, beside “${found.label}”`;
    case "under":
      return `${found.location}, under “${found.label}”`;
    case "in":
      return `${found.location}, in the heading ${quote(found.label)}`;
  }
}
