/**
 * The batch planner every workbook adapter shares: it checks a whole list of operations against
 * the workbook as it stands, resolves sheet names, and turns each operation into a normalised
 * plan with the words its report uses. Sharing it means the memory, xlsx and office adapters
 * refuse the same batches with the same messages, and none applies anything until every
 * operation has been found valid. No Node or Office APIs.
 */
import { EXCEL_LIMITS, serialFromYmd } from "../core";
import { columnLetters } from "../core/table";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  columnIndex,
  contains,
  grownTable,
  overlaps,
  parseAddress,
  parseReference,
  qualifiedAddress,
  quoteSheet,
  validName,
  type Rect,
} from "./a1";
import { count } from "../core";
import { joinNames } from "../core";
import { dispatch, handles } from "./handlers";
import { uniqueSheetName, type Colour, type WorkbookOperation } from "./port";

// ---------------------------------------------------------------------------------------------
// Planning: shared by every adapter

/** What a cell can hold once written: text, a number, true/false, or nothing. */
export type Scalar = string | number | boolean | null;

/** One cell of a planned write. */
export interface PlannedCell {
  value: Scalar;
  /** "=SUM(B2:B9)", when the write asked for formulas and the text starts with "=". */
  formula: string | null;
  /** The format the write gives this cell, if any. */
  format?: string;
  /** The value was a Date (now a serial number): give it a date format if the cell has none. */
  date?: boolean;
}

/** A reference resolved to its sheet. */
export interface PlannedReference {
  sheet: string;
  range: Rect;
}

/** A list validation's source: a list of values, or a reference or name as a formula would hold it. */
export type PlannedSource = { list: string[] } | { reference: string };

/**
 * An operation checked and resolved: sheet names are final (after any renaming by addSheet),
 * addresses are rectangles, values are normalised, and `change` says what it does.
 */
export type PlannedOperation = { change: string } & (
  | { kind: "addSheet"; name: string; requested: string }
  | { kind: "write"; sheet: string; range: Rect | null; cells: PlannedCell[][] }
  | { kind: "numberFormat"; sheet: string; range: Rect; format: string }
  | { kind: "fill"; sheet: string; range: Rect; colour: Colour | null }
  | { kind: "font"; sheet: string; range: Rect; bold?: boolean; italic?: boolean; colour?: Colour }
  | { kind: "columnWidths"; sheet: string; widths: { column: number; width: number }[] }
  | { kind: "wrap"; sheet: string; range: Rect }
  | { kind: "addTable"; sheet: string; range: Rect; name: string; style: string; headers: string[] }
  | { kind: "conditionalFill"; sheet: string; range: Rect; text: string; fill: Colour; font?: Colour }
  | { kind: "listValidation"; sheet: string; range: Rect; source: PlannedSource }
  | { kind: "namedRange"; name: string; sheet: string; range: Rect }
  | {
      kind: "lineChart";
      sheet: string;
      at: Rect;
      title: string;
      categories: PlannedReference;
      series: { name: string; values: PlannedReference }[];
    }
  | { kind: "freeze"; sheet: string; rows: number; columns: number }
);

type Planned<K extends PlannedOperation["kind"]> = Extract<PlannedOperation, { kind: K }>;

/**
 * The planner's handlers, one per kind, each planning its kind into the same kind: a kind added
 * to WorkbookOperation does not compile until it has a planned form and a handler, and from
 * there the adapters' own records (Handlers<PlannedOperation, …>) need one too.
 */
type PlanHandlers = {
  [K in WorkbookOperation["kind"]]: (op: Extract<WorkbookOperation, { kind: K }>) => Planned<K>;
};

/** What the planner needs to know of a workbook before a batch. */
export interface WorkbookState {
  /** Sheet names in tab order. */
  sheets: readonly string[];
  tables: readonly { sheet: string; name: string; range: Rect }[];
  /** Defined names (workbook scope). */
  names: readonly string[];
  /** A cell's value as read (a formula's cached result), for table headers. */
  value(sheet: string, row: number, column: number): unknown;
}

export interface Plan {
  operations: PlannedOperation[];
  sheetsAdded: string[];
}

/** The style a table gets when the operation names none: Excel's own default. */
export const DEFAULT_TABLE_STYLE = "TableStyleMedium2";
/** The format a date gets when written to a cell that has none. */
export const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";
/** Excel refuses a cell longer than this. */
const MAX_CELL_TEXT = EXCEL_LIMITS.cellCharacters;
/** Excel refuses a literal validation list longer than this. */
const MAX_LIST_TEXT = 255;
const MAX_FORMAT = 255;
const MAX_COLUMN_WIDTH = 255;

class PlanError extends Error {}

/**
 * Checks every operation against the workbook as the earlier operations of the batch leave it,
 * and resolves them; throws an Error with a one-line message naming the first invalid operation.
 *
 * addSheet makes its name valid and unique (reported in `sheetsAdded`). Later operations in the
 * same batch that name the sheet as requested are pointed at the sheet actually created — a
 * template writes to "Savings plan" whether or not it became "Savings plan (2)" — so a sheet of
 * that name that already existed cannot be reached in the rest of that batch. The map from
 * requested to actual names lasts only for the batch.
 */
export function planOperations(state: WorkbookState, operations: readonly WorkbookOperation[]): Plan {
  if (!Array.isArray(operations)) throw new Error("Nothing was changed: the operations must be a list.");
  const planner = new Planner(state);
  const planned: PlannedOperation[] = [];
  operations.forEach((operation, i) => {
    try {
      planned.push(planner.plan(operation));
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      const kind = isRecord(operation) && typeof operation.kind === "string" ? `, ${oneLine(operation.kind, 20)}` : "";
      throw new Error(`Nothing was changed: ${error.message} (operation ${i + 1} of ${operations.length}${kind}).`);
    }
  });
  return { operations: planned, sheetsAdded: planner.sheetsAdded };
}

class Planner {
  private readonly sheets: string[];
  private readonly tables: { sheet: string; name: string; range: Rect }[];
  private readonly names: Set<string>;
  /** Requested sheet name (lower case) → the name addSheet gave it, for this batch only. */
  private readonly renamed = new Map<string, string>();
  /** Writes planned so far, newest last, for table headers written in the same batch. */
  private readonly writes: { sheet: string; range: Rect; cells: PlannedCell[][] }[] = [];
  readonly sheetsAdded: string[] = [];

  constructor(private readonly state: WorkbookState) {
    this.sheets = [...state.sheets];
    this.tables = state.tables.map((t) => ({ ...t }));
    this.names = new Set(state.names.map((n) => n.toLowerCase()));
  }

  /** Each kind of operation checked and planned into the same kind. */
  private readonly handlers: PlanHandlers = {
    addSheet: (op) => {
      if (typeof op.name !== "string" || op.name.trim() === "") throw new PlanError("a new sheet needs a name");
      const name = uniqueSheetName(op.name, this.sheets);
      this.sheets.push(name);
      this.renamed.set(op.name.toLowerCase(), name);
      this.sheetsAdded.push(name);
      const change = name === op.name ? `Added sheet "${name}"` : `Added sheet "${name}" (asked for "${oneLine(op.name)}")`;
      return { kind: "addSheet", name, requested: op.name, change };
    },
    write: (op) => this.write(op),
    numberFormat: (op) => {
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      const format = this.format(op.format);
      return {
        kind: "numberFormat",
        sheet,
        range,
        format,
        change: `Set the number format of ${qualifiedAddress(sheet, range)} to ${format}`,
      };
    },
    fill: (op) => {
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      const colour = op.colour === null ? null : this.colour(op.colour, "fill colour");
      const where = qualifiedAddress(sheet, range);
      const change = colour === null ? `Cleared the fill of ${where}` : `Filled ${where} with ${colour}`;
      return { kind: "fill", sheet, range, colour, change };
    },
    font: (op) => {
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      const planned: Planned<"font"> = { kind: "font", sheet, range, change: "" };
      const parts: string[] = [];
      if (op.bold !== undefined) {
        if (typeof op.bold !== "boolean") throw new PlanError("bold must be true or false");
        planned.bold = op.bold;
        parts.push(op.bold ? "bold" : "not bold");
      }
      if (op.italic !== undefined) {
        if (typeof op.italic !== "boolean") throw new PlanError("italic must be true or false");
        planned.italic = op.italic;
        parts.push(op.italic ? "italic" : "not italic");
      }
      if (op.colour !== undefined) {
        planned.colour = this.colour(op.colour, "font colour");
        parts.push(`coloured ${planned.colour}`);
      }
      if (parts.length === 0) throw new PlanError("a font change needs bold, italic or a colour");
      planned.change = `Made the text of ${qualifiedAddress(sheet, range)} ${listText(parts)}`;
      return planned;
    },
    wrap: (op) => {
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      return { kind: "wrap", sheet, range, change: `Wrapped the text of ${qualifiedAddress(sheet, range)}` };
    },
    columnWidths: (op) => {
      const sheet = this.sheet(op.sheet);
      if (!Array.isArray(op.widths)) throw new PlanError("column widths must be a list");
      const widths = op.widths.map((w) => {
        const column = isRecord(w) && typeof w.column === "string" ? columnIndex(w.column.trim()) : -1;
        if (column < 0 || column >= MAX_COLUMNS)
          throw new PlanError(`"${oneLine(String(isRecord(w) ? w.column : w))}" is not a column`);
        if (typeof w.width !== "number" || !Number.isFinite(w.width) || w.width < 0 || w.width > MAX_COLUMN_WIDTH) {
          throw new PlanError(`column ${columnLetters(column)} needs a width from 0 to ${MAX_COLUMN_WIDTH} characters`);
        }
        return { column, width: w.width };
      });
      const letters = widths.map((w) => columnLetters(w.column));
      const change =
        widths.length === 0
          ? `Left the column widths of ${quoteSheet(sheet)} as they were`
          : `Set the width of column${widths.length > 1 ? "s" : ""} ${listText(letters)} on ${quoteSheet(sheet)}`;
      return { kind: "columnWidths", sheet, widths, change };
    },
    addTable: (op) => this.addTable(op),
    conditionalFill: (op) => {
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      if (typeof op.text !== "string" || op.text === "") throw new PlanError("a conditional fill needs the text it looks for");
      if (op.text.length > MAX_LIST_TEXT)
        throw new PlanError(`a conditional fill's text must be at most ${MAX_LIST_TEXT} characters`);
      const fill = this.colour(op.fill, "fill colour");
      const planned: Planned<"conditionalFill"> = {
        kind: "conditionalFill",
        sheet,
        range,
        text: op.text,
        fill,
        change: "",
      };
      if (op.font !== undefined) planned.font = this.colour(op.font, "font colour");
      planned.change = `Cells of ${qualifiedAddress(sheet, range)} reading "${oneLine(op.text)}" are filled ${fill}${planned.font ? ` with text in ${planned.font}` : ""}`;
      return planned;
    },
    listValidation: (op) => this.listValidation(op),
    namedRange: (op) => {
      if (!validName(op.name))
        throw new PlanError(
          `"${oneLine(String(op.name))}" cannot be a name: use letters, digits, _ and full stops, starting with a letter, and not like a cell (such as "AB12")`,
        );
      if (this.names.has(op.name.toLowerCase()) || this.tables.some((t) => t.name.toLowerCase() === op.name.toLowerCase())) {
        throw new PlanError(`the name "${op.name}" is already in use`);
      }
      const sheet = this.sheet(op.sheet);
      const range = this.range(op.range, sheet);
      this.names.add(op.name.toLowerCase());
      return {
        kind: "namedRange",
        name: op.name,
        sheet,
        range,
        change: `Named ${qualifiedAddress(sheet, range)} as ${op.name}`,
      };
    },
    lineChart: (op) => {
      const sheet = this.sheet(op.sheet);
      const at = this.range(op.at, sheet);
      if (typeof op.title !== "string") throw new PlanError("a chart needs a title");
      const categories = this.reference(op.categories, sheet, "the chart's categories");
      if (!Array.isArray(op.series) || op.series.length === 0) throw new PlanError("a line chart needs at least one series");
      const series = op.series.map((s, i) => {
        if (!isRecord(s) || typeof s.name !== "string") throw new PlanError(`series ${i + 1} of the chart needs a name`);
        return { name: s.name, values: this.reference(s.values, sheet, `the values of series "${oneLine(s.name)}"`) };
      });
      const cell = { top: at.top, left: at.left, bottom: at.top, right: at.left };
      return {
        kind: "lineChart",
        sheet,
        at: cell,
        title: op.title,
        categories,
        series,
        change: `Added a line chart, "${oneLine(op.title)}", at ${qualifiedAddress(sheet, cell)}`,
      };
    },
    freeze: (op) => {
      const sheet = this.sheet(op.sheet);
      const rows = this.count(op.rows, "rows", MAX_ROWS - 1);
      const columns = op.columns === undefined ? 0 : this.count(op.columns, "columns", MAX_COLUMNS - 1);
      const parts = [
        rows > 0 ? `the top ${plural(rows, "row")}` : "",
        columns > 0 ? `the first ${plural(columns, "column")}` : "",
      ];
      const frozen = parts.filter(Boolean).join(" and ");
      const change = frozen === "" ? `Unfroze the panes of ${quoteSheet(sheet)}` : `Froze ${frozen} of ${quoteSheet(sheet)}`;
      return { kind: "freeze", sheet, rows, columns, change };
    },
  };

  plan(op: WorkbookOperation): PlannedOperation {
    if (!isRecord(op)) throw new PlanError("an operation must be an object with a kind");
    if (!handles(this.handlers, op.kind))
      throw new PlanError(`"${oneLine(String(op.kind))}" is not an operation the workbook knows`);
    return dispatch(this.handlers, op);
  }

  private write(op: Extract<WorkbookOperation, { kind: "write" }>): Planned<"write"> {
    const sheet = this.sheet(op.sheet);
    const at = this.cell(op.at, sheet);
    if (!Array.isArray(op.values) || !op.values.every(Array.isArray))
      throw new PlanError("the values to write must be a list of rows");
    const height = op.values.length;
    // Not Math.max(...rows): a block of a million rows would overflow the call stack.
    const width = op.values.reduce((widest, row) => Math.max(widest, row.length), 0);
    if (height === 0 || width === 0) {
      const cell = { top: at.row, left: at.column, bottom: at.row, right: at.column };
      return {
        kind: "write",
        sheet,
        range: null,
        cells: [],
        change: `Wrote nothing to ${qualifiedAddress(sheet, cell)} (no values)`,
      };
    }
    const range = { top: at.row, left: at.column, bottom: at.row + height - 1, right: at.column + width - 1 };
    if (range.bottom >= MAX_ROWS || range.right >= MAX_COLUMNS) {
      throw new PlanError(
        `${height} rows by ${width} columns from ${qualifiedAddress(sheet, { ...range, bottom: range.top, right: range.left })} would run off the sheet`,
      );
    }
    const formats = this.writeFormats(op.numberFormats, width);
    const cells: PlannedCell[][] = op.values.map((row, r) => {
      const planned: PlannedCell[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const cell = plannedCell(row[c], op.formulas === true, () =>
          qualifiedAddress(sheet, { top: range.top + r, left: range.left + c, bottom: range.top + r, right: range.left + c }),
        );
        const format = formats[c];
        if (format) cell.format = format;
        planned[c] = cell;
      }
      return planned;
    });
    // Excel would take cells written under or beside a table into it: refused unless meant.
    for (const table of this.tables) {
      if (table.sheet !== sheet) continue;
      const filled = (r: number, c: number) => {
        const cell = cells[r - range.top]?.[c - range.left];
        return cell !== undefined && (cell.formula !== null || (cell.value !== null && cell.value !== ""));
      };
      const grown = grownTable(table.range, range, filled);
      if (!grown) continue;
      if (op.extendsTable === table.name) {
        table.range = grown;
        continue;
      }
      throw new PlanError(
        `writing ${qualifiedAddress(sheet, range)} would put values against the table "${table.name}" at ${qualifiedAddress(sheet, table.range)}, and Excel would take them into it: leave a blank row or column between them`,
      );
    }
    this.writes.push({ sheet, range, cells });
    return { kind: "write", sheet, range, cells, change: `Wrote ${plural(height, "row")} to ${qualifiedAddress(sheet, range)}` };
  }

  private writeFormats(formats: string[] | string | undefined, width: number): (string | undefined)[] {
    if (formats === undefined || formats === null) return [];
    if (typeof formats === "string") return new Array<string>(width).fill(this.format(formats));
    if (!Array.isArray(formats)) throw new PlanError("number formats must be one format or a list of them");
    if (formats.length !== width)
      throw new PlanError(`there are ${formats.length} number formats for ${plural(width, "column")}`);
    // A blank entry leaves that column's format alone, so a block can format only the columns that need it.
    return formats.map((f) => (f === undefined || f === null || f === "" ? undefined : this.format(f)));
  }

  private addTable(op: Extract<WorkbookOperation, { kind: "addTable" }>): Planned<"addTable"> {
    const sheet = this.sheet(op.sheet);
    const range = this.range(op.range, sheet);
    const where = qualifiedAddress(sheet, range);
    if (!validName(op.name)) {
      throw new PlanError(
        `"${oneLine(String(op.name))}" cannot be a table name: use letters, digits, _ and full stops, starting with a letter, and not like a cell (such as "AB12")`,
      );
    }
    const lower = op.name.toLowerCase();
    if (this.tables.some((t) => t.name.toLowerCase() === lower) || this.names.has(lower)) {
      throw new PlanError(`the name "${op.name}" is already in use`);
    }
    const style = op.style ?? DEFAULT_TABLE_STYLE;
    if (typeof style !== "string" || !/^TableStyle(?:Light|Medium|Dark)\d{1,2}$/.test(style)) {
      throw new PlanError(`"${oneLine(String(style))}" is not a table style (such as "TableStyleMedium2")`);
    }
    const clash = this.tables.find((t) => t.sheet === sheet && overlaps(t.range, range));
    if (clash)
      throw new PlanError(
        `the table "${op.name}" at ${where} would overlap the table "${clash.name}" at ${qualifiedAddress(sheet, clash.range)}`,
      );
    if (range.bottom === range.top)
      throw new PlanError(`the table "${op.name}" at ${where} needs a header row and at least one row beneath it`);

    const headers: string[] = [];
    for (let c = range.left; c <= range.right; c++) headers.push(headerText(this.valueAt(sheet, range.top, c)));
    if (headers.every((h) => h === "")) {
      throw new PlanError(
        `the table "${op.name}" has no header row: ${qualifiedAddress(sheet, { ...range, bottom: range.top })} is blank`,
      );
    }
    const seen = new Map<string, number>();
    headers.forEach((header, i) => {
      const c = range.left + i;
      if (header === "") {
        throw new PlanError(
          `the table "${op.name}" needs a header in every column, and ${qualifiedAddress(sheet, { top: range.top, left: c, bottom: range.top, right: c })} is blank`,
        );
      }
      const previous = seen.get(header.toLowerCase());
      if (previous !== undefined) {
        throw new PlanError(
          `the table "${op.name}" has two columns headed "${oneLine(header)}" (${columnLetters(previous)} and ${columnLetters(c)}); Excel needs each header to differ`,
        );
      }
      seen.set(header.toLowerCase(), c);
    });
    this.tables.push({ sheet, name: op.name, range });
    return { kind: "addTable", sheet, range, name: op.name, style, headers, change: `Added the table "${op.name}" at ${where}` };
  }

  private listValidation(op: Extract<WorkbookOperation, { kind: "listValidation" }>): Planned<"listValidation"> {
    const sheet = this.sheet(op.sheet);
    const range = this.range(op.range, sheet);
    const where = qualifiedAddress(sheet, range);
    if (Array.isArray(op.source)) {
      if (op.source.length === 0) throw new PlanError("a list validation needs at least one value");
      const list = op.source.map((v) => {
        if (typeof v !== "string" || v.trim() === "") throw new PlanError("each value of a validation list must be text");
        // Excel separates a literal list with commas and has no way to escape one.
        if (v.includes(","))
          throw new PlanError(
            `"${oneLine(v)}" has a comma, which a validation list cannot hold; put the values on a sheet and use their range`,
          );
        return v;
      });
      if (list.join(",").length > MAX_LIST_TEXT)
        throw new PlanError(
          `a validation list must be at most ${MAX_LIST_TEXT} characters; put the values on a sheet and use their range`,
        );
      return {
        kind: "listValidation",
        sheet,
        range,
        source: { list },
        change: `Limited ${where} to ${listText(
          list.map((v) => `"${oneLine(v)}"`),
          "or",
        )}`,
      };
    }
    if (typeof op.source !== "string")
      throw new PlanError("a list validation's source must be a name, a range or a list of values");
    const text = op.source.trim().replace(/^=/, "");
    let reference: string;
    if (validName(text)) {
      if (!this.names.has(text.toLowerCase())) throw new PlanError(`there is no name "${text}" for the validation list to use`);
      reference = text;
    } else {
      const ref = parseReference(text);
      if (!ref) throw new PlanError(`"${oneLine(op.source)}" is not a name or a range for the validation list`);
      const source = ref.sheet === undefined ? sheet : this.sheet(ref.sheet);
      reference = qualifiedAddress(source, ref.range, true);
    }
    return {
      kind: "listValidation",
      sheet,
      range,
      source: { reference },
      change: `Limited ${where} to the values in ${reference}`,
    };
  }

  /** The value a cell will hold when this operation runs: the newest planned write to it, else the workbook's. */
  private valueAt(sheet: string, row: number, column: number): unknown {
    for (let i = this.writes.length - 1; i >= 0; i--) {
      const w = this.writes[i]!;
      if (w.sheet === sheet && contains(w.range, { top: row, left: column, bottom: row, right: column })) {
        return w.cells[row - w.range.top]![column - w.range.left]!.value;
      }
    }
    return this.state.sheets.includes(sheet) ? this.state.value(sheet, row, column) : null;
  }

  private sheet(name: unknown): string {
    if (typeof name !== "string" || name === "") throw new PlanError("no sheet was named");
    const lower = name.toLowerCase();
    const actual = this.renamed.get(lower) ?? this.sheets.find((s) => s.toLowerCase() === lower);
    if (actual === undefined) throw new PlanError(`there is no sheet called "${oneLine(name)}"`);
    return actual;
  }

  private range(address: unknown, sheet: string): Rect {
    const range = typeof address === "string" ? parseAddress(address) : null;
    if (!range)
      throw new PlanError(
        `"${oneLine(String(address))}" is not a cell or range on ${quoteSheet(sheet)} (such as "B2" or "B2:F8")`,
      );
    return range;
  }

  private cell(address: unknown, sheet: string): { row: number; column: number } {
    const range = this.range(address, sheet);
    if (range.top !== range.bottom || range.left !== range.right)
      throw new PlanError(`a block is written from one cell, not "${oneLine(String(address))}"`);
    return { row: range.top, column: range.left };
  }

  private reference(text: unknown, sheet: string, what: string): PlannedReference {
    const ref = typeof text === "string" ? parseReference(text) : null;
    if (!ref) throw new PlanError(`${what} must be a range (such as "B2:F2"), not "${oneLine(String(text))}"`);
    return { sheet: ref.sheet === undefined ? sheet : this.sheet(ref.sheet), range: ref.range };
  }

  private colour(colour: unknown, what: string): Colour {
    if (typeof colour !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(colour))
      throw new PlanError(`the ${what} must be "#RRGGBB", not "${oneLine(String(colour))}"`);
    return colour.toUpperCase();
  }

  private format(format: unknown): string {
    if (typeof format !== "string" || format === "" || format.length > MAX_FORMAT)
      throw new PlanError(`"${oneLine(String(format))}" is not a number format`);
    return format;
  }

  private count(n: unknown, what: string, max: number): number {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > max)
      throw new PlanError(`the number of ${what} to freeze must be a whole number from 0 to ${max}`);
    return n;
  }
}

/** A value as a cell holds it, or a PlanError naming the cell. */
function plannedCell(value: unknown, formulas: boolean, where: () => string): PlannedCell {
  if (value === null || value === undefined) return { value: null, formula: null };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PlanError(`${where()} would hold ${value}, which is not a number Excel can store`);
    return { value: Object.is(value, -0) ? 0 : value, formula: null };
  }
  if (typeof value === "boolean") return { value, formula: null };
  if (value instanceof Date) {
    const serial = serialFromDate(value);
    if (serial === null) throw new PlanError(`${where()} would hold an invalid date`);
    return { value: serial, formula: null, date: true };
  }
  if (typeof value === "string") {
    if (value.length > MAX_CELL_TEXT)
      throw new PlanError(`${where()} would hold ${value.length} characters; Excel takes at most ${MAX_CELL_TEXT}`);
    if (value === "") return { value: null, formula: null };
    // Only a write that asks for formulas makes one: text such as "=1+1" or "-£5" typed by a user stays text.
    if (formulas && value.length > 1 && value.startsWith("=")) return { value: null, formula: value };
    return { value, formula: null };
  }
  throw new PlanError(
    `${where()} would hold ${typeof value === "object" ? "an object" : `a ${typeof value}`}; write text, a number, true or false, or a date`,
  );
}

/** An Excel serial (1900 system) for a Date, from its UTC parts as exceljs reads and writes them. */
export function serialFromDate(date: Date): number | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = serialFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  const ms =
    date.getUTCHours() * 3_600_000 + date.getUTCMinutes() * 60_000 + date.getUTCSeconds() * 1000 + date.getUTCMilliseconds();
  return ms === 0 ? day : day + ms / 86_400_000;
}

/** A header as Excel makes it from a cell: its text, numbers and true/false as shown. */
export function headerText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value).trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Text for a one-line message: newlines folded, long text cut. */
function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const plural = count;
const listText = joinNames;

