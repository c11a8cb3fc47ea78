import { minOf } from "../grid";
import type { Reading } from "./shape/types";
import type { SheetGrid, Table } from "./types";

/**
 * The paper's title as the workbook gives it: the line of words above its first table ("SEND
 * Strategic Action Plan 2023", "Table 1 - Summary of spend & variances 2015-16"), and the council
 * where a line near the top names one. Undefined where the workbook gives neither: the paper then
 * names itself by its tables.
 */
export function workbookTitle(grids: readonly SheetGrid[], tables: readonly Table[], readings: readonly Reading[] = []): { title?: string; council?: string } {
  const starts = [...tables.map((t) => ({ sheet: t.sheet, top: Math.min(t.headerRow, minOf(t.headingRows ?? [], t.headerRow)) })), ...readings.map((r) => ({ sheet: r.sheet, top: r.firstLine }))];
  let title: string | undefined;
  for (const s of starts) {
    const grid = grids.find((g) => g.name === s.sheet);
    if (!grid) continue;
    title = titleAbove(grid, s.top);
    if (title) break;
  }
  let council: string | undefined;
  for (const grid of grids) {
    for (let r = 0; r < Math.min(grid.values.length, TOP_LINES) && !council; r++) {
      for (const v of grid.values[r] ?? []) {
        if (typeof v !== "string" || v.length > 300) continue;
        const m = COUNCIL.exec(v);
        if (m) {
          council = m[0].trim();
          break;
        }
      }
    }
    if (council) break;
  }
  return { ...(title ? { title } : {}), ...(council ? { council } : {}) };
}

/** How far above a table its title may sit, and how far down a sheet a council's name is looked for. */
const LINES_ABOVE = 8;
const TOP_LINES = 10;
const LONGEST_TITLE = 150;

// "West Berkshire Council", "Derbyshire County Council", "London Borough of Camden": a few
// capitalised words before or after the council's kind, no more.
const COUNCIL = /\b(?:(?:London|Royal)\s+Borough\s+of\s+[A-Z][A-Za-z'’-]+(?:\s+(?:and\s+)?[A-Z][A-Za-z'’-]+){0,2}|(?:[A-Z][A-Za-z'’-]+\s+){1,3}(?:County\s+|Borough\s+|City\s+|District\s+|Metropolitan\s+Borough\s+)?Council)\b/;

/** The nearest line above `top` holding one text of a title's length; blank lines between are passed over, any other line ends the search. */
function titleAbove(grid: SheetGrid, top: number): string | undefined {
  for (let r = top - 1; r >= Math.max(0, top - LINES_ABOVE); r--) {
    const cells = (grid.values[r] ?? []).filter((v) => v !== null && v !== undefined && String(v).trim() !== "");
    if (cells.length === 0) continue;
    if (cells.length > 1) return undefined;
    const text = String(cells[0]).replace(/\s+/g, " ").trim();
    // A unit line ("£000"), a date or a report-date label is not a title.
    if (text.length < 4 || text.length > LONGEST_TITLE || !/[a-z]{3}/i.test(text) || /^(?:£|figures in|report date|date|as at)\b/i.test(text)) continue;
    // Sentences are a note about the table, not its title ("Forecast at month 7. Variance is …").
    if (/[.;:]\s+[A-Z]/.test(text) || (text.endsWith(".") && text.length > 60)) continue;
    return text;
  }
  return undefined;
}
