import { keyOf } from "./key-sheet";
import { hasNoDeadline, readDateRange } from "../dates";
import { quote } from "../errors";
import { readAmount } from "../money";
import { DEFAULT_KEY, colourOfFill, statusIndex } from "../rag";
import { formatDate } from "../years";
import { FIELD_NAMES } from "./headers";
import { location } from "./location";
import type { ColumnFormat, Field, ImportNote, ImportOptions, ImportedTable, Table, TableRow } from "./types";

/**
 * A table tidied for a sheet of its own: money as numbers, dates as dates, statuses as the
 * key names them, one row per item with its initiative or ref filled in, section headings in a
 * column. What cannot be read stays as it was typed, and every inference is noted, so nothing is
 * lost and the checks find the same problems in the imported sheet as in the paste.
 */
export function importTable(table: Table, options: ImportOptions = {}): ImportedTable {
  return table.kind === "deficit" ? importDeficit(table) : importPlan(table, options);
}

const TITLES: Record<Table["kind"], string> = {
  "action-plan": "Action plan",
  "savings-plan": "Savings plan",
  deficit: "DSG budget",
};

const KIND_NAMES: Record<Table["kind"], string> = {
  "action-plan": "an action plan",
  "savings-plan": "a savings plan",
  deficit: "a DSG deficit table",
};


/**
 * A workstream or initiative column beside a ref column: Word's merged cells paste as blanks
 * under the first row, and every row under it belongs to the same workstream.
 */
const FILL_DOWN = new Set<Field | undefined>(["initiative"]);

function formatOf(field: Field | undefined): ColumnFormat {
  switch (field) {
    case "amount":
    case "total":
      return "money";
    case "start":
    case "end":
      return "date";
    case "rag":
      return "status";
    default:
      return "text";
  }
}

function at(table: Table, row: number, column: number): string {
  return location(table.sheet, row, column, table.origin);
}

function clean(v: unknown): unknown {
  if (typeof v === "string") {
    const t = v.replace(/\s+$/g, "").replace(/^\s+/g, "");
    return t === "" ? null : t;
  }
  return v ?? null;
}

function headerNotes(table: Table, notes: ImportNote[]): void {
  notes.push({ location: at(table, table.headerRow, 0), kind: "inferred", message: `Read as ${KIND_NAMES[table.kind]}: ${table.kindReason}.` });
  for (const c of table.columns) {
    if (c.field === "label") continue;
    const what = c.field === "amount" ? `amounts for ${c.reason.replace(/^names the /, "")}` : FIELD_NAMES[c.field];
    notes.push({ location: at(table, table.headerRow, c.index), kind: "inferred", message: `“${c.header}” read as ${what}${c.field === "amount" ? "" : ` (${c.reason})`}.` });
  }
  for (const u of table.unmapped) {
    // A budget is written as line labels and years only (anything else would make it read back as a plan).
    const message =
      table.kind === "deficit"
        ? `“${u.header}” is not a year: a DSG budget is imported as its line labels and years, so this column is left out of the new sheet.`
        : `“${u.header}” is not a heading the reader knows: the column is kept as it is and not checked.`;
    notes.push({ location: at(table, table.headerRow, u.index), kind: "unread", message });
  }
}

function importPlan(table: Table, options: ImportOptions): ImportedTable {
  const notes: ImportNote[] = [];
  headerNotes(table, notes);
  const { key } = keyOf(table);
  const columns = [...table.columns, ...table.unmapped.map((u) => ({ index: u.index, header: u.header, field: undefined as Field | undefined }))].sort((a, b) => a.index - b.index);
  const keyField: Field = table.kind === "savings-plan" ? (columns.some((c) => c.field === "initiative") ? "initiative" : "milestone") : columns.some((c) => c.field === "ref") ? "ref" : "action";
  const keyColumn = columns.find((c) => c.field === keyField)?.index;
  const hasSections = table.rows.some((r) => r.role === "section");

  const headers = [...(hasSections ? ["Section"] : []), ...columns.map((c) => c.header)];
  const formats: ColumnFormat[] = [...(hasSections ? (["text"] as ColumnFormat[]) : []), ...columns.map((c) => formatOf(c.field))];
  const rows: unknown[][] = [];
  const footer: unknown[][] = [];
  const monthDates = new Map<number, number>();
  const lastSeen = new Map<number, unknown>();
  const statusChanges = new Map<string, { to: string; count: number }>();

  for (const row of table.rows) {
    if (row.role === "section") {
      lastSeen.clear();
      notes.push({ location: at(table, row.index, 0), kind: "inferred", message: `${quote(row.section)} is a section heading: written in the Section column of the rows under it.` });
      continue;
    }
    if (row.role === "subtotal") {
      rows.push([...(hasSections ? [row.section ?? null] : []), ...columns.map((c) => typed(c.field, row.cells[c.index]))]);
      notes.push({ location: at(table, row.index, 0), kind: "inferred", message: "A subtotal row: kept in place; totals below do not count it twice." });
      continue;
    }
    if (row.role === "total") {
      footer.push([...(hasSections ? [null] : []), ...columns.map((c) => typed(c.field, row.cells[c.index]))]);
      notes.push({ location: at(table, row.index, 0), kind: "inferred", message: "A total row: written under the table as it was stated, so the totals can be checked." });
      continue;
    }
    if (row.role !== "data" && row.role !== "continuation") continue;
    let cells = row.cells;
    if (row.realignment) {
      const r = row.realignment;
      const shift = `${Math.abs(r.shift)} column${Math.abs(r.shift) === 1 ? "" : "s"} to the ${r.shift < 0 ? "left" : "right"}`;
      if (options.realign) {
        cells = r.cells;
        notes.push({ location: at(table, row.index, r.from), kind: "inferred", message: `The row was out of line: its cells from this one on were moved ${shift}, where every cell fits its column.` });
      } else {
        notes.push({ location: at(table, row.index, r.from), kind: "unread", message: `The row looks out of line: moving its cells from this one on ${shift} would fit every column. Kept as laid out (import with --realign to move them).` });
      }
    }
    const out: unknown[] = hasSections ? [row.section ?? null] : [];
    for (const c of columns) {
      let v = clean(cells[c.index]);
      if (c.index === keyColumn && v === null && row.role === "continuation" && row.group) {
        v = row.group;
        notes.push({ location: at(table, row.index, c.index), kind: "inferred", message: `Blank ${FIELD_NAMES[keyField]}: the row continues ${quote(row.group)} above, so that is filled in.` });
      } else if (c.index !== keyColumn && FILL_DOWN.has(c.field) && v === null && lastSeen.has(c.index)) {
        // Merged cells in Word paste as blanks under the first row: the workstream carries on.
        v = lastSeen.get(c.index)!;
        notes.push({ location: at(table, row.index, c.index), kind: "inferred", message: `Blank ${FIELD_NAMES[c.field!]}: filled in from the row above (${quote(v)}), as the row continues it.` });
      }
      if (FILL_DOWN.has(c.field) && v !== null) lastSeen.set(c.index, v);
      out.push(convert(table, row, c.field, c.header, c.index, v, key, notes, monthDates, statusChanges));
    }
    rows.push(out);
  }

  for (const [column, count] of monthDates) {
    const header = columns.find((c) => c.index === column)!;
    const bound = header.field === "start" ? "first" : "last";
    notes.push({ location: at(table, table.headerRow, column), kind: "inferred", message: `${count} date${count === 1 ? "" : "s"} under “${header.header}” name a month: read as its ${bound} day.` });
  }
  for (const [from, change] of statusChanges) {
    notes.push({ location: at(table, table.headerRow, columns.find((c) => c.field === "rag")!.index), kind: "inferred", message: `${quote(from)} written as ${change.to} (${change.count} row${change.count === 1 ? "" : "s"}).` });
  }
  if (table.legend) {
    footer.push([]);
    const line = table.legend.entries.map((e) => `${e.name} (${e.initials})`).join(", ");
    footer.push([...(hasSections ? [null] : []), line]);
    notes.push({ location: at(table, table.legend.row, 0), kind: "inferred", message: `The lead legend: ${table.legend.entries.length} people, kept under the table.` });
  }
  footer.push(...notesUnder(table, notes, hasSections ? 1 : 0));
  if (table.key) {
    footer.push([]);
    for (const s of table.key.key.statuses) footer.push([...(hasSections ? [null] : []), s.name, s.description || null]);
    notes.push({ location: at(table, table.key.rows[0]!, 0), kind: "inferred", message: `The RAG key (${table.key.how}): ${table.key.key.statuses.map((s) => s.name).join(", ")}. Kept under the table; the checks use it for this table.` });
  }
  return { title: TITLES[table.kind], kind: table.kind, headers, formats, rows, footer, ...(table.unit ? { unit: table.unit } : {}), notes };
}

/** Footnotes, sources and approvals under a table: kept under the imported table, after a blank row. */
function notesUnder(table: Table, notes: ImportNote[], indent: number): unknown[][] {
  const lines = table.notes ?? [];
  if (lines.length === 0) return [];
  for (const line of lines) {
    notes.push({ location: at(table, line.row, 0), kind: "inferred", message: "A line under the table (a note or source): kept under it." });
  }
  return [[], ...lines.map((line) => [...new Array<null>(indent).fill(null), line.text])];
}

function typed(field: Field | undefined, v: unknown): unknown {
  const c = clean(v);
  if ((field === "amount" || field === "total") && c !== null) {
    const a = readAmount(c);
    return a === null || Number.isNaN(a) ? c : a;
  }
  return c;
}

function convert(
  table: Table,
  row: TableRow,
  field: Field | undefined,
  header: string,
  column: number,
  v: unknown,
  key: typeof DEFAULT_KEY,
  notes: ImportNote[],
  monthDates: Map<number, number>,
  statusChanges: Map<string, { to: string; count: number }>,
): unknown {
  const where = () => at(table, row.index, column);
  if (field === "amount" || field === "total") {
    if (v === null) return null;
    const a = readAmount(v);
    if (a === null || Number.isNaN(a)) {
      notes.push({ location: where(), kind: "unread", message: `${quote(v)} under “${header}” is not an amount: kept as text.` });
      return v;
    }
    return a;
  }
  if (field === "start" || field === "end") {
    if (v === null) return null;
    const range = readDateRange(v);
    if (!range) {
      if (typeof v === "string" && hasNoDeadline(v)) {
        notes.push({ location: where(), kind: "inferred", message: `${quote(v)} under “${header}” means no fixed date: kept as written.` });
      } else {
        notes.push({ location: where(), kind: "unread", message: `${quote(v)} under “${header}” is not a date: kept as text.` });
      }
      return v;
    }
    const day = field === "start" ? range.start : range.end;
    if (range.start === range.end || typeof v === "number") return day;
    const span = range.end - range.start;
    if (span >= 27 && span <= 30) {
      monthDates.set(column, (monthDates.get(column) ?? 0) + 1);
    } else {
      notes.push({ location: where(), kind: "inferred", message: `${quote(v)} covers ${formatDate(range.start)} to ${formatDate(range.end)}: read as ${formatDate(day)}, its ${field === "start" ? "first" : "last"} day.` });
    }
    return day;
  }
  if (field === "rag") {
    if (v === null) {
      const fill = colourOfFill(row.fills[column]);
      if (fill) notes.push({ location: where(), kind: "unread", message: `The status is only a ${fill.toLowerCase()} fill: left blank here. Write “${fill}” in the cell.` });
      return null;
    }
    const i = statusIndex(v, key);
    if (i < 0) {
      notes.push({ location: where(), kind: "unread", message: `${quote(v)} is not in the RAG key: kept as typed.` });
      return v;
    }
    const name = key.statuses[i]!.name;
    if (String(v) !== name) {
      const from = String(v);
      const change = statusChanges.get(from) ?? { to: name, count: 0 };
      change.count++;
      statusChanges.set(from, change);
    }
    return name;
  }
  return v;
}

function importDeficit(table: Table): ImportedTable {
  const notes: ImportNote[] = [];
  headerNotes(table, notes);
  const years = table.columns.filter((c) => c.field === "amount");
  const unitLabel = table.unit ?? "£";
  if (table.unitRow !== undefined) {
    notes.push({ location: at(table, table.unitRow, years[0]!.index), kind: "inferred", message: `Figures are in ${unitLabel}: written as they stand, not rescaled.` });
  }
  // "Actual" / "Forecast" written under the years joins the year heading.
  const describing = table.rows.find((r) => r.role === "unit");
  const headers = [unitLabel, ...years.map((c) => {
    const word = describing ? describing.cells[c.index] : null;
    return typeof word === "string" && word.trim() !== "" ? `${c.header} ${word.trim()}` : c.header;
  })];
  const formats: ColumnFormat[] = ["text", ...years.map(() => "money" as ColumnFormat)];
  const rows = table.rows.filter((row) => row.role !== "unit" && row.role !== "note").map((row) => [
    row.group,
    ...years.map((c) => {
      const v = clean(row.cells[c.index]);
      if (v === null) return null;
      const a = readAmount(v);
      if (a === null || Number.isNaN(a)) {
        notes.push({ location: at(table, row.index, c.index), kind: "unread", message: `${quote(v)} is not an amount: kept as text.` });
        return v;
      }
      return a;
    }),
  ]);
  const footer = notesUnder(table, notes, 0);
  return { title: TITLES.deficit, kind: "deficit", headers, formats, rows, footer, ...(table.unit ? { unit: table.unit } : {}), notes };
}
