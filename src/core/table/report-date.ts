import { readDateRange } from "../dates";
import { location } from "./location";
import type { SheetGrid } from "./types";

/**
 * The date a workbook or paper reports as at: the date overdue actions are judged against. Found
 * where people write it — a "Report date" label with the date beside or under it (as the
 * add-in's own Action Plan template has), or a title such as "Position as at 31 March 2025".
 */
export interface ReportDate {
  /** Excel serial of the day. */
  serial: number;
  /** Where the date is: "'Action Plan'!B1". */
  location: string;
  /** The words it was found by, for the user to judge: "Report date". */
  label: string;
}

const LABEL = /^\s*(report(?:ing)?\s+date|date\s+of\s+(?:the\s+)?report|(?:position|data|figures|status)?\s*as\s+(?:at|of)|as\s+at\s+date)\s*:?\s*$/i;
const IN_TEXT = /\b(report(?:ing)?\s+date|(?:position|data|figures|status)?\s*as\s+(?:at|of))\s*:?\s+(.+?)\s*$/i;

/** A cell's value as one day (the last day of a month or quarter written without one), or null. */
function dayOf(value: unknown): number | null {
  if (value === null || value === undefined || value === "" || typeof value === "boolean") return null;
  // A bare number is a date only if it is a plausible Excel date (1990 to 2100), not "3" or 2025.
  if (typeof value === "number") return value >= 32874 && value <= 73051 ? Math.floor(value) : null;
  const range = readDateRange(value);
  return range ? range.end : null;
}

/** The first report date in the grids, in tab order, row by row; null when none is written. */
export function findReportDate(grids: readonly SheetGrid[], rowsToScan = 30): ReportDate | null {
  for (const grid of grids) {
    const origin = grid.origin ?? { row: 0, column: 0 };
    const rows = Math.min(grid.values.length, rowsToScan);
    for (let r = 0; r < rows; r++) {
      const row = grid.values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const label = LABEL.exec(v);
        if (label) {
          const right = row.slice(c + 1).findIndex((x) => x !== null && x !== undefined && x !== "");
          const besideColumn = right < 0 ? -1 : c + 1 + right;
          const candidates: [number, number][] = besideColumn >= 0 ? [[r, besideColumn], [r + 1, c]] : [[r + 1, c]];
          for (const [rr, cc] of candidates) {
            const day = dayOf(grid.values[rr]?.[cc]);
            if (day !== null) return { serial: day, location: location(grid.name, rr, cc, origin), label: v.trim().replace(/\s*:$/, "") };
          }
          continue;
        }
        const inText = IN_TEXT.exec(v);
        if (inText) {
          const day = dayOf(inText[2]!.replace(/[.)]+$/, ""));
          if (day !== null) return { serial: day, location: location(grid.name, r, c, origin), label: inText[1]!.trim() };
        }
      }
    }
  }
  return null;
}
