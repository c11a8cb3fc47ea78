/**
 * A recording fake of the part of the Excel JavaScript API the office adapter uses: a small
 * workbook in memory behind proxy objects that behave as Office.js's do where it matters for
 * correctness and cost.
 *
 *  - Nothing happens until `context.sync()`: property writes and method calls are queued, and run
 *    in order at the sync; a failing call (a sheet that is not there) fails the sync at that point,
 *    with what came before it applied, as Office.js does.
 *  - A property can be read only after it was loaded and a sync has brought it; reading it
 *    otherwise throws PropertyNotLoaded. Loaded values are a snapshot taken at their place in the
 *    queue, not live.
 *  - *OrNullObject methods give null objects; anything asked of one but `isNullObject` throws.
 *  - Values are entered as Excel enters what a user types: "=…" (and "+…", "-…", "@…") become
 *    formulas, "12%", "-£5" and "31/03/2025" numbers, "TRUE" a boolean, a leading apostrophe marks
 *    text; cells formatted "@" keep text as given. null in an array leaves a cell alone.
 *  - Every sync's request and response are measured as JSON in the shape Office.js sends (an
 *    object path and an action per call, arguments included), and refused over Excel on the web's
 *    5 MB limit with its error codes.
 *  - After a refused request, the ranges (and added objects) made in it cannot be used again:
 *    InvalidObjectPath, as office.js gives (INVALID_AFTER_REQUEST).
 *  - While the user edits a cell (`editing`), a request is refused unless its run asked for
 *    `delayForCellEdit`, when it waits for `endCellEdit()`.
 *  - A formula written into a table's column is filled down it, as Excel's calculated columns do
 *    (fillCalculatedColumns).
 *  - Each sync that changes the workbook is a step on the undo stack, or the whole run is one with
 *    `mergeUndoGroup` where the fake's `excelApi` is 1.20 or later; `keepUndo` and `undo()` take
 *    steps back.
 *
 * Counters: `syncCount`, `payloads` (request bytes per sync), `responses` (response bytes per sync).
 * Hooks: `onSync` (called as each sync is sent), `roundTrip` (answers in a later turn of the event
 * loop, as Excel's do), `hostWork` (wraps the fake's own work, which in Excel is the host's).
 */
import type { SheetGrid } from "../../src/core/table/types";
import { formatAddress, grownTable, parseAddress, parseReference, quoteSheet, type Rect } from "../../src/port/a1";
import { columnWidthCharacters, jsonBytes } from "../../src/adapters/office/batching";
import type { ExcelRunner, RequirementSets } from "../../src/adapters/office/run";
import { uniqueSheetName, type WorkbookOperation } from "../../src/port/port";
import type { WorkbookInspection } from "./contract";
import { COLOURS, COLOUR_ORDER } from "../../src/core/rag";
import { seededRandom } from "../bench/random";

/** Excel on the web's limit on a request and on a response. */
export const WEB_PAYLOAD_LIMIT = 5_000_000;

export class FakeRichApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

// ---------------------------------------------------------------------------------------------
// The model

type Scalar = string | number | boolean;

interface FakeFont {
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

export interface FakeCell {
  value: Scalar | null;
  formula: string | null;
  format: string;
  fill: string | null;
  font: FakeFont;
  /** Entered with a leading apostrophe. */
  quotePrefix: boolean;
  wrapText?: boolean;
  verticalAlignment?: string;
}

const COLUMNS = 16_384;

export interface FakeConditionalFormat {
  type: string;
  rect: Rect;
  fill?: string;
  font?: string;
  rule?: { formula1?: string; operator?: string };
}

export interface FakeChart {
  type: string;
  title: string;
  at: Rect | null;
  series: { name: string; values: string; categories: string | null }[];
}

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  /** Column → width in points. */
  readonly widths = new Map<number, number>();
  frozen = { rows: 0, columns: 0 };
  /** Review › Protect Sheet: Excel then refuses writes to locked cells. */
  protected = false;
  /** Merged areas (Home › Merge & Centre): Excel refuses a write to part of one. */
  readonly merged: Rect[] = [];
  /** Dynamic-array spills: the formula's cell and the cells its result fills. */
  readonly spills: { anchor: { row: number; column: number }; rect: Rect }[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  /** Newest last; a null rule is a clear. */
  readonly validations: { rect: Rect; rule: unknown }[] = [];
  readonly charts: FakeChart[] = [];

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(row * COLUMNS + column);
  }

  edit(row: number, column: number): FakeCell {
    const key = row * COLUMNS + column;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: null, formula: null, format: "General", fill: null, font: {}, quotePrefix: false };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Excel's used range: cells with a value, or (unless valuesOnly) any formatting. */
  usedRange(valuesOnly = false): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of this.cells) {
      const used = cell.value !== null || cell.formula !== null || (!valuesOnly && (cell.format !== "General" || cell.fill !== null || Object.keys(cell.font).length > 0));
      if (!used) continue;
      const row = Math.floor(key / COLUMNS);
      const column = key % COLUMNS;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  rect: Rect;
  style: string;
}

export interface FakeName {
  name: string;
  sheet: FakeSheet;
  rect: Rect;
}

interface SyncRecord {
  request: number;
  response: number;
  calls: number;
}

/** The fake Excel: its workbook, and `run` to pass to OfficeWorkbook in place of Excel.run. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  activeSheet: FakeSheet | null = null;
  selection: { sheet: string; address: string } | null = null;
  limit = WEB_PAYLOAD_LIMIT;
  readonly syncs: SyncRecord[] = [];

  /** Excel.run, in both its forms: `run(batch)` and `run(options, batch)`. */
  readonly run: ExcelRunner = (<T>(first: Excel.RunOptions | Batch<T>, second?: Batch<T>): Promise<T> => {
    const [options, batch] = typeof first === "function" ? [{}, first] : [first, second!];
    this.runs.push({ ...options });
    return batch(new FakeContext(this, options, this.runs.length) as unknown as Excel.RequestContext);
  }) as ExcelRunner;
  /** The options of each run, in order. */
  readonly runs: Excel.RunOptions[] = [];
  /** Makes the given sync (counted as syncCount counts them, from 1) fail after its first `after` calls. */
  refuseSync: { sync: number; after: number; error: FakeRichApiError } | null = null;
  /** Called as each sync is sent, with its number (as syncCount counts them): a test's way in between round trips. */
  onSync: ((sync: number) => void) | null = null;
  /**
   * How a sync's answer comes back. "microtask" (the default): at once, in the same turn of the
   * event loop. "task": in a later turn (setImmediate), as a real round trip to Excel does, so
   * that timers and a blocked-thread meter run between syncs.
   */
  roundTrip: "microtask" | "task" = "microtask";
  /** How long each round trip takes, in ms of setTimeout (0: none). With jest's fake timers, a test decides when each answer arrives. */
  latencyMs = 0;
  /**
   * Wraps the fake's own work at each sync (carrying out the calls, measuring the response): in
   * Excel that work is the host's, done outside the add-in's thread, so a blocked-thread meter
   * can leave it out. Runs it as it is by default.
   */
  hostWork: <T>(work: () => T) => T = (work) => work();

  /**
   * The user is typing in a cell. Excel then refuses every request (office.js's code
   * InvalidOperationInCellEditMode, which it gives for the host's error 5004), unless the run asked
   * for `delayForCellEdit` and this Excel supports it: then the request waits for the edit to end
   * (learn.microsoft.com, "Delay execution while cell is being edited").
   */
  editing = false;
  /** Whether this Excel can hold a request until an edit ends (office.js asks its "DelayForCellEdit" set; older hosts cannot). */
  delaysForCellEdit = true;
  private editEnded: (() => void)[] = [];

  /** The user presses Enter or Esc: requests held for the edit go ahead. */
  endCellEdit(): void {
    this.editing = false;
    for (const go of this.editEnded.splice(0)) go();
  }

  /** Resolves when the edit ends. */
  cellEditEnded(): Promise<void> {
    return this.editing ? new Promise((resolve) => this.editEnded.push(resolve)) : Promise.resolve();
  }

  /** The highest ExcelApi set this Excel has, as Office.context.requirements answers for it. */
  excelApi = "1.20";
  readonly requirements: RequirementSets = {
    isSetSupported: (name, minVersion = "1.1") => name === "ExcelApi" && !olderVersion(this.excelApi, minVersion),
  };

  /**
   * File › Options › Proofing › AutoCorrect Options › AutoFormat As You Type › "Fill formulas in
   * tables to create calculated columns", on by default as in Excel: a formula written into a
   * table's column is filled down the column (see fillCalculatedColumns).
   */
  fillsCalculatedColumns = true;

  /**
   * Excel's undo stack as the add-in's requests leave it: each sync that changes the workbook is a
   * step, unless its run asked for `mergeUndoGroup` and this Excel has ExcelApi 1.20, when all the
   * run's syncs are one step ("Undo capabilities with the Excel JavaScript API").
   */
  readonly undoSteps: { key: string; before: ModelSnapshot | null }[] = [];
  /** Keep a copy of the workbook before each undo step, so `undo()` can take it back (slow on large workbooks). */
  keepUndo = false;

  /** Ctrl+Z: takes back the last undo step. */
  undo(): void {
    const step = this.undoSteps.pop();
    if (!step) throw new Error("Nothing to undo.");
    if (!step.before) throw new Error("Set keepUndo before the change to undo it.");
    restore(this, step.before);
  }

  /** Starts an undo step for a sync that changes the workbook, unless it belongs to the last one. */
  undoStep(options: Excel.RunOptions, run: number, sync: number): void {
    const merged = options.mergeUndoGroup === true && this.requirements.isSetSupported("ExcelApi", "1.20");
    const key = merged ? `run ${run}` : `sync ${sync}`;
    if (this.undoSteps[this.undoSteps.length - 1]?.key === key) return;
    this.undoSteps.push({ key, before: this.keepUndo ? snapshot(this) : null });
  }

  static fromGrids(grids: readonly SheetGrid[]): FakeExcel {
    const excel = new FakeExcel();
    for (const grid of grids) {
      const sheet = new FakeSheet(uniqueSheetName(grid.name, excel.sheets.map((s) => s.name)));
      excel.sheets.push(sheet);
      const origin = grid.origin ?? { row: 0, column: 0 };
      grid.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined || v === "") return;
          sheet.edit(origin.row + r, origin.column + c).value = typeof v === "number" || typeof v === "boolean" ? v : String(v);
        }),
      );
      grid.fills?.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f) sheet.edit(origin.row + r, origin.column + c).fill = f.toUpperCase();
        }),
      );
    }
    excel.activeSheet = excel.sheets[0] ?? null;
    return excel;
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Request bytes of each sync. */
  get payloads(): number[] {
    return this.syncs.map((s) => s.request);
  }

  /** Response bytes of each sync. */
  get responses(): number[] {
    return this.syncs.map((s) => s.response);
  }

  reset(): void {
    this.syncs.length = 0;
  }

  /** The handlers added with `worksheets.onChanged.add`, once a sync has registered them. */
  readonly changeHandlers = new Set<(event: Excel.WorksheetChangedEventArgs) => Promise<unknown>>();

  /**
   * Someone types `value` into a cell: the user ("Local") or a co-author ("Remote"), or the add-in
   * itself (triggerSource "ThisLocalAddin"). The cell changes and every onChanged handler is told,
   * as Excel tells add-ins of each edit.
   */
  userEdit(sheetName: string, address: string, value: Scalar | null, how: { source?: "Local" | "Remote"; triggerSource?: "Unknown" | "ThisLocalAddin" } = {}): void {
    const sheet = this.sheet(sheetName);
    const rect = parseAddress(address);
    if (!sheet || !rect) throw new Error(`no cell ${sheetName}!${address}`);
    sheet.edit(rect.top, rect.left).value = value;
    const event = {
      type: "WorksheetChanged",
      worksheetId: sheet.name,
      address,
      changeType: "RangeEdited",
      source: how.source ?? "Remote",
      triggerSource: how.triggerSource ?? "Unknown",
    } as unknown as Excel.WorksheetChangedEventArgs;
    for (const handler of this.changeHandlers) void handler(event);
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Everything the contract reads that the port cannot. */
  inspection(): WorkbookInspection {
    const sheet = (name: string) => {
      const found = this.sheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return found;
    };
    return {
      namedRange: async (name) => {
        const named = this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
        return named ? { sheet: named.sheet.name, range: formatAddress(named.rect) } : null;
      },
      listValidation: async (name, address) => {
        const cell = parseAddress(address)!;
        const s = sheet(name);
        for (let i = s.validations.length - 1; i >= 0; i--) {
          const v = s.validations[i]!;
          if (!contains(v.rect, cell)) continue;
          const source = (v.rule as { list?: { source?: string } } | null)?.list?.source;
          if (source === undefined) return null;
          return source.startsWith("=") ? source : source.split(",");
        }
        return null;
      },
      conditionalFills: async (name) =>
        sheet(name).conditionalFormats.map((f) => {
          const text = /^="((?:[^"]|"")*)"$/.exec(f.rule?.formula1 ?? "")?.[1]?.replace(/""/g, '"') ?? "";
          return { range: formatAddress(f.rect), text, fill: f.fill ?? "", ...(f.font ? { font: f.font } : {}) };
        }),
      frozen: async (name) => ({ ...sheet(name).frozen }),
      activeCell: async () => {
        if (!this.selection) return null;
        return { sheet: this.selection.sheet, cell: this.selection.address.split(":")[0]! };
      },
      font: async (name, address) => {
        const rect = parseAddress(address)!;
        const font = sheet(name).cell(rect.top, rect.left)?.font ?? {};
        return { bold: font.bold ?? false, italic: font.italic ?? false, colour: font.color ?? null };
      },
      wrapped: async (name, address) => {
        const rect = parseAddress(address)!;
        const cell = sheet(name).cell(rect.top, rect.left);
        return cell?.wrapText === true && cell.verticalAlignment === "Top";
      },
      columnWidth: async (name, column) => {
        const points = sheet(name).widths.get(parseAddress(`${column}1`)!.left);
        return points === undefined ? null : Math.round(columnWidthCharacters(points) * 1e6) / 1e6;
      },
      charts: async (name) => sheet(name).charts.map((c) => ({ title: c.title })),
    };
  }
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Whether version a ("1.9") is older than b ("1.20"). */
function olderVersion(a: string, b: string): boolean {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  }
  return false;
}

/** The workbook as it was before an undo step. */
interface ModelSnapshot {
  sheets: { sheet: FakeSheet; data: Omit<FakeSheet, "cell" | "edit" | "usedRange" | "name"> & { name: string } }[];
  tables: FakeTable[];
  names: FakeName[];
}

function snapshot(excel: FakeExcel): ModelSnapshot {
  return {
    sheets: excel.sheets.map((sheet) => ({
      sheet,
      data: {
        name: sheet.name,
        cells: new Map([...sheet.cells].map(([k, c]) => [k, { ...c, font: { ...c.font } }])),
        widths: new Map(sheet.widths),
        frozen: { ...sheet.frozen },
        protected: sheet.protected,
        merged: structuredClone(sheet.merged),
        spills: structuredClone(sheet.spills),
        conditionalFormats: structuredClone(sheet.conditionalFormats),
        validations: structuredClone(sheet.validations),
        charts: structuredClone(sheet.charts),
      },
    })),
    tables: excel.tables.map((t) => ({ ...t, rect: { ...t.rect } })),
    names: excel.names.map((n) => ({ ...n, rect: { ...n.rect } })),
  };
}

function restore(excel: FakeExcel, before: ModelSnapshot): void {
  excel.sheets.splice(0, excel.sheets.length, ...before.sheets.map((s) => s.sheet));
  for (const { sheet, data } of before.sheets) {
    sheet.name = data.name;
    sheet.cells.clear();
    for (const [k, c] of data.cells) sheet.cells.set(k, { ...c, font: { ...c.font } });
    sheet.widths.clear();
    for (const [k, w] of data.widths) sheet.widths.set(k, w);
    sheet.frozen = { ...data.frozen };
    sheet.protected = data.protected;
    sheet.merged.splice(0, Infinity, ...structuredClone(data.merged));
    sheet.spills.splice(0, Infinity, ...structuredClone(data.spills));
    sheet.conditionalFormats.splice(0, Infinity, ...structuredClone(data.conditionalFormats));
    sheet.validations.splice(0, Infinity, ...structuredClone(data.validations));
    sheet.charts.splice(0, Infinity, ...structuredClone(data.charts));
  }
  excel.tables.splice(0, excel.tables.length, ...before.tables.map((t) => ({ ...t, rect: { ...t.rect } })));
  excel.names.splice(0, excel.names.length, ...before.names.map((n) => ({ ...n, rect: { ...n.rect } })));
}

function contains(outer: Rect, inner: Rect): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

function rows(rect: Rect): number {
  return rect.bottom - rect.top + 1;
}

function columns(rect: Rect): number {
  return rect.right - rect.left + 1;
}

// ---------------------------------------------------------------------------------------------
// Entering values as Excel does

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Days since 1899-12-30, Excel's 1900 date system from March 1900 on. */
function serial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function fullYear(y: number): number {
  return y < 100 ? (y < 30 ? 2000 + y : 1900 + y) : y;
}

/** What Excel makes of text typed into a General cell: a number, date, boolean, or the text. */
function typed(text: string): Scalar {
  const t = text.trim();
  const number = /^([-+])?\s*[£$€]?\s*(\d[\d,]*(\.\d+)?|\.\d+)(e[-+]?\d+)?\s*(%)?$/i.exec(t);
  if (number) {
    let n = Number(`${number[2]!.replace(/,/g, "")}${number[4] ?? ""}`);
    if (number[1] === "-") n = -n;
    return number[5] ? n / 100 : n;
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  const dmy = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})$/.exec(t);
  if (dmy) return serial(fullYear(Number(dmy[3])), Number(dmy[2]), Number(dmy[1]));
  const monthYear = /^([a-z]{3,9})[\s-](\d{2,4})$/i.exec(t);
  if (monthYear && MONTHS.includes(monthYear[1]!.slice(0, 3).toLowerCase())) {
    return serial(fullYear(Number(monthYear[2])), MONTHS.indexOf(monthYear[1]!.slice(0, 3).toLowerCase()) + 1, 1);
  }
  return text;
}

/** Enters one value into a cell as the values or formulas setter would; undefined and null change nothing. */
function enter(cell: FakeCell, raw: unknown): void {
  if (raw === null || raw === undefined) return;
  cell.quotePrefix = false;
  cell.formula = null;
  if (raw === "") {
    cell.value = null;
    return;
  }
  if (typeof raw === "number" || typeof raw === "boolean") {
    cell.value = raw;
    return;
  }
  if (typeof raw !== "string") throw new FakeRichApiError("InvalidArgument", `Cannot enter ${typeof raw} into a cell.`);
  if (raw.startsWith("'")) {
    cell.value = raw.slice(1) === "" ? null : raw.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (cell.format === "@") {
    cell.value = raw;
    return;
  }
  if (raw.length > 1 && raw.startsWith("=")) {
    cell.formula = raw;
    cell.value = null;
    return;
  }
  const value = typed(raw);
  if (typeof value === "string" && /^[+\-@]/.test(raw) && raw.length > 1) {
    // Excel turns "+44 20…" or "@SUM(A1)" into a formula, as when typed.
    cell.formula = raw.startsWith("@") ? `=${raw.slice(1)}` : `=${raw}`;
    cell.value = null;
    return;
  }
  cell.value = value;
}

/** A formula's value: + - * / over numbers and cells of the same sheet; anything else is #NAME?. */
function evaluate(sheet: FakeSheet, formula: string): Scalar {
  const tokens = formula.slice(1).match(/\$?[A-Za-z]{1,3}\$?\d+|\d+(\.\d+)?|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const fail = (code: string): never => {
    throw new Error(code);
  };
  const atom = (): number => {
    const t = tokens[i++];
    if (t === undefined) return fail("#VALUE!");
    if (t === "(") {
      const v = sum();
      if (tokens[i++] !== ")") fail("#NAME?");
      return v;
    }
    if (t === "-") return -atom();
    if (t === "+") return atom();
    if (/^\d/.test(t)) return Number(t);
    const ref = parseAddress(t);
    if (!ref) return fail("#NAME?");
    const cell = sheet.cell(ref.top, ref.left);
    const v = cell?.formula ? evaluate(sheet, cell.formula) : (cell?.value ?? 0);
    if (typeof v !== "number") return fail("#VALUE!");
    return v;
  };
  const product = (): number => {
    let v = atom();
    while (tokens[i] === "*" || tokens[i] === "/") v = tokens[i++] === "*" ? v * atom() : v / atom();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === "+" || tokens[i] === "-") v = tokens[i++] === "+" ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return i === tokens.length ? v : "#NAME?";
  } catch (error) {
    return (error as Error).message;
  }
}

function valueOf(sheet: FakeSheet, cell: FakeCell | undefined): Scalar {
  if (!cell) return "";
  if (cell.formula) return evaluate(sheet, cell.formula);
  return cell.value ?? "";
}

// ---------------------------------------------------------------------------------------------
// The request context and its queue

interface Outcome {
  commit?: () => void;
  response?: unknown;
}

interface Action {
  run: () => Outcome | void;
  /** Whether it changes the workbook (an undo step); loads, reads and selecting do not. */
  changes: boolean;
}

/**
 * Calls whose object office.js marks "invalid after request" (the 7th argument of
 * _createMethodObject in excel-*.debug.js is true): ranges a method makes (getRange,
 * getRangeByIndexes, getUsedRange[OrNullObject], getSpillParentOrNullObject,
 * getSpecialCellsOrNullObject, Table.getRange) and objects an `add` makes. Such an object is
 * marked invalid when its request is sent (ClientRequest.invalidatePendingInvalidObjectPaths) and
 * made valid again only by a successful response (an auto-tracked Range gets a _ReferenceId, a
 * collection item its id: ObjectPath.updateUsingObjectData). So after a refused request it is
 * invalid for good. Not so getItem's sheets, collection items, getMergedAreasOrNullObject, nor
 * navigation properties (format, fill) other than through an invalid parent.
 */
const INVALID_AFTER_REQUEST = new Set(["GetRange", "GetRangeByIndexes", "GetUsedRange", "GetUsedRangeOrNullObject", "GetSpillParentOrNullObject", "GetSpecialCellsOrNullObject", "Add"]);

/** Calls that change nothing Excel would put on its undo stack. */
const NO_UNDO = new Set(["Query", "GetCellProperties", "Select", "Activate", "RegisterEventHandler", "UnregisterEventHandler"]);

class FakeContext {
  readonly workbook: WorkbookProxy;
  private actions: Action[] = [];
  private requestBytes = 0;
  private ids = 0;
  /** Each object path's parent and name, for checking a path is still valid. */
  private readonly paths = new Map<number, { parent: number; name: string }>();
  /** Paths made since the last sync that office.js marks invalid after the request. */
  private pending: number[] = [];
  /** Paths made in a request Excel refused. */
  private readonly invalid = new Set<number>();

  constructor(
    readonly excel: FakeExcel,
    private readonly options: Excel.RunOptions = {},
    private readonly runNumber = 0,
  ) {
    this.workbook = new WorkbookProxy(this, this.path("Workbook", 0, []));
  }

  /** Records an object path, as Office.js sends one for each object a call creates. */
  path(name: string, parent: number, args: unknown[]): number {
    // As office.js's ClientObject constructor does (validateObjectPath): an object cannot be made from an invalid one.
    this.check(parent);
    const id = ++this.ids;
    this.paths.set(id, { parent, name });
    if (INVALID_AFTER_REQUEST.has(name)) this.pending.push(id);
    this.requestBytes += jsonBytes({ Id: id, ObjectPathType: 4, Name: name, ParentObjectPathId: parent, ArgumentInfo: { Arguments: args } });
    return id;
  }

  queue(name: string, object: number, args: unknown[], run: () => Outcome | void): void {
    // As office.js's ActionFactory does before queuing any load, property write or method call.
    this.check(object);
    const id = ++this.ids;
    this.requestBytes += jsonBytes({ Id: id, ActionType: 3, Name: name, ObjectPathId: object, ArgumentInfo: { Arguments: args } });
    this.actions.push({ run, changes: !NO_UNDO.has(name) });
  }

  /** Throws InvalidObjectPath, as office.js does when the call is made, for a path made in a refused request. */
  private check(id: number): void {
    for (let at: number | undefined = id; at !== undefined && at !== 0; at = this.paths.get(at)?.parent) {
      if (!this.invalid.has(at)) continue;
      throw new FakeRichApiError("InvalidObjectPath", `The object path '${this.paths.get(at)!.name}' cannot be used: it was made in a request that Excel refused.`);
    }
  }

  async sync(): Promise<void> {
    const actions = this.actions;
    const record: SyncRecord = { request: this.requestBytes, response: 0, calls: actions.length };
    const made = this.pending;
    this.actions = [];
    this.requestBytes = 0;
    this.pending = [];
    this.excel.syncs.push(record);
    const sync = this.excel.syncs.length;
    this.excel.onSync?.(sync);
    try {
      await (this.excel.roundTrip === "task" ? new Promise<void>((resolve) => setImmediate(resolve)) : Promise.resolve());
      if (this.excel.latencyMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, this.excel.latencyMs));
      if (this.excel.editing) {
        if (this.options.delayForCellEdit === true && this.excel.delaysForCellEdit) await this.excel.cellEditEnded();
        else throw new FakeRichApiError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Exit it (Enter or Tab, or select another cell) and try again.");
      }
      this.excel.hostWork(() => this.execute(actions, record, sync));
    } catch (error) {
      for (const id of made) this.invalid.add(id);
      throw error;
    }
  }

  private execute(actions: readonly Action[], record: SyncRecord, sync: number): void {
    const startUndo = (list: readonly Action[]) => {
      if (list.some((a) => a.changes)) this.excel.undoStep(this.options, this.runNumber, sync);
    };
    const refusal = this.excel.refuseSync;
    if (refusal && refusal.sync === sync) {
      // As Excel does: the calls before the refused one are carried out and kept.
      startUndo(actions.slice(0, refusal.after));
      for (const action of actions.slice(0, refusal.after)) {
        const outcome = action.run();
        outcome?.commit?.();
      }
      throw refusal.error;
    }
    if (record.request > this.excel.limit) {
      throw new FakeRichApiError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
    }
    startUndo(actions);
    const commits: (() => void)[] = [];
    for (const action of actions) {
      const outcome = action.run();
      if (!outcome) continue;
      if (outcome.commit) commits.push(outcome.commit);
      if (outcome.response !== undefined) record.response += jsonBytes(outcome.response);
    }
    if (record.response > this.excel.limit) {
      throw new FakeRichApiError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    for (const commit of commits) commit();
  }
}

/** A value only readable after the sync that computes it, like OfficeExtension.ClientResult. */
class FakeClientResult<T> {
  private ready = false;
  private result: T | undefined;

  get value(): T {
    if (!this.ready) throw new FakeRichApiError("PropertyNotLoaded", "The value of a ClientResult is not available before context.sync().");
    return this.result as T;
  }

  set(value: T): void {
    this.result = value;
    this.ready = true;
  }
}

type LoadSpec = string | string[] | Record<string, unknown> | undefined;

function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined) return ["*"];
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (value === true) out.push(key);
    else if (typeof value === "object" && value !== null) for (const inner of loadPaths(value as Record<string, unknown>)) out.push(`${key}/${inner}`);
  }
  return out;
}

/** The base of every proxy: loading, the loaded-and-synced check, and queued calls. */
abstract class FakeObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private readonly navigations = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    readonly pathId: number,
  ) {}

  /** A navigation property's proxy: the same object every time, as Office.js keeps it. */
  protected cached<P>(name: string, make: () => P): P {
    if (!this.navigations.has(name)) this.navigations.set(name, make());
    return this.navigations.get(name) as P;
  }

  /** The model object behind the proxy when the queue runs; null for a null object. */
  abstract target(): T | null;

  /** A scalar property's value, for a load. */
  protected scalar(name: string, target: T): unknown {
    void target;
    throw new FakeRichApiError("InvalidArgument", `${this.constructor.name} has no loadable property "${name}".`);
  }

  /** A navigation property's proxy, for loads through it ("worksheet/name"). */
  protected navigation(name: string): FakeObject<unknown> | undefined {
    void name;
    return undefined;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }

  protected read(name: string): unknown {
    if (!this.loaded.has(name)) {
      throw new FakeRichApiError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name);
  }

  /** The target, failing the sync when the object is null (nothing may be asked of one). */
  live(): T {
    const target = this.target();
    if (target === null) throw new FakeRichApiError("InvalidOperation", `${this.constructor.name} is a null object.`);
    return target;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.ctx.queue("Query", this.pathId, [paths], () => this.snapshot(paths));
    return this;
  }

  /** The loaded values at this point of the queue; made readable only if the sync succeeds. */
  snapshot(paths: string[]): Outcome {
    const target = this.target();
    const values = new Map<string, unknown>([["isNullObject", target === null]]);
    const nested: Outcome[] = [];
    if (target !== null) {
      const byHead = new Map<string, string[]>();
      for (const path of paths) {
        const [head, ...rest] = path.split("/");
        if (rest.length === 0) {
          if (head === "*") continue;
          values.set(head!, this.scalar(head!, target));
        } else {
          byHead.set(head!, [...(byHead.get(head!) ?? []), rest.join("/")]);
        }
      }
      for (const [head, rest] of byHead) {
        const child = this.navigation(head);
        if (!child) throw new FakeRichApiError("InvalidArgument", `${this.constructor.name} has no navigation property "${head}".`);
        nested.push(child.snapshot(rest));
      }
    }
    return {
      commit: () => {
        for (const [k, v] of values) this.loaded.set(k, v);
        for (const n of nested) n.commit?.();
      },
      response: { ...Object.fromEntries(values), ...Object.fromEntries(nested.map((n, i) => [`nav${i}`, n.response])) },
    };
  }

  /** Queues a property write. */
  protected assign(name: string, value: unknown, apply: (target: T) => void): void {
    this.ctx.queue(name, this.pathId, [value], () => apply(this.live()));
  }

  /** Queues a method call with effects. */
  protected call(name: string, args: unknown[], apply: (target: T) => void): void {
    this.ctx.queue(name, this.pathId, args, () => apply(this.live()));
  }

  /** Queues a method call whose result is read after the sync. */
  protected result<R>(name: string, args: unknown[], compute: (target: T) => R): FakeClientResult<R> {
    const result = new FakeClientResult<R>();
    this.ctx.queue(name, this.pathId, args, () => {
      const value = compute(this.live());
      return { commit: () => result.set(value), response: value };
    });
    return result;
  }
}

/** A collection: `items` after a load of "items/…". */
abstract class FakeCollection<T, P extends FakeObject<T>> extends FakeObject<T[]> {
  protected abstract item(target: T): P;

  get items(): P[] {
    return this.read("items") as P[];
  }

  override snapshot(paths: string[]): Outcome {
    const list = this.live();
    const itemPaths = paths.filter((p) => p.startsWith("items/")).map((p) => p.slice("items/".length));
    const proxies = list.map((t) => this.item(t));
    const outcomes = proxies.map((p) => p.snapshot(itemPaths.length > 0 ? itemPaths : ["*"]));
    return {
      commit: () => {
        outcomes.forEach((o) => o.commit?.());
        this.loaded.set("isNullObject", false);
        this.loaded.set("items", proxies);
      },
      response: { items: outcomes.map((o) => o.response) },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, worksheets, names

class WorkbookProxy extends FakeObject<FakeExcel> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NameCollectionProxy;

  constructor(ctx: FakeContext, id: number) {
    super(ctx, id);
    this.worksheets = new WorksheetCollectionProxy(ctx, ctx.path("Worksheets", id, []));
    this.tables = new TableCollectionProxy(ctx, ctx.path("Tables", id, []), null);
    this.names = new NameCollectionProxy(ctx, ctx.path("Names", id, []));
  }

  target(): FakeExcel {
    return this.ctx.excel;
  }
}

class WorksheetCollectionProxy extends FakeCollection<FakeSheet, WorksheetProxy> {
  target(): FakeSheet[] {
    return this.ctx.excel.sheets;
  }

  protected item(sheet: FakeSheet): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.ctx.path("Item", this.pathId, []), () => sheet);
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.ctx.path("GetItem", this.pathId, [name]), () => {
      const sheet = this.ctx.excel.sheet(name);
      if (!sheet) throw new FakeRichApiError("ItemNotFound", "The requested resource doesn't exist.");
      return sheet;
    });
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, this.ctx.path("GetItemOrNullObject", this.pathId, [name]), () => this.ctx.excel.sheet(name) ?? null);
  }

  /** WorksheetCollection.onChanged: a handler is registered by the next sync, and removed by the sync after `remove()`. */
  get onChanged(): { add(handler: (event: Excel.WorksheetChangedEventArgs) => Promise<unknown>): { context: FakeContext; remove(): void } } {
    const ctx = this.ctx;
    const pathId = this.pathId;
    return {
      add: (handler) => {
        ctx.queue("RegisterEventHandler", pathId, ["WorksheetChanged"], () => {
          ctx.excel.changeHandlers.add(handler);
        });
        return {
          context: ctx,
          remove: () =>
            ctx.queue("UnregisterEventHandler", pathId, ["WorksheetChanged"], () => {
              ctx.excel.changeHandlers.delete(handler);
            }),
        };
      },
    };
  }

  add(name: string): WorksheetProxy {
    let added: FakeSheet | null = null;
    const proxy = new WorksheetProxy(this.ctx, this.ctx.path("Add", this.pathId, [name]), () => {
      if (!added) throw new FakeRichApiError("InvalidOperation", "The sheet was used before it was added.");
      return added;
    });
    this.ctx.queue("Add", this.pathId, [name], () => {
      if (this.ctx.excel.sheet(name)) throw new FakeRichApiError("ItemAlreadyExists", "The resource already exists.");
      if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new FakeRichApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      added = new FakeSheet(name);
      this.ctx.excel.sheets.push(added);
    });
    return proxy;
  }
}

class NameCollectionProxy extends FakeCollection<FakeName, NamedItemProxy> {
  target(): FakeName[] {
    return this.ctx.excel.names;
  }

  protected item(name: FakeName): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.ctx.path("Item", this.pathId, []), name);
  }

  add(name: string, reference: RangeProxy): void {
    if (!(reference instanceof RangeProxy)) throw new Error("The fake takes a Range for names.add.");
    this.ctx.queue("Add", this.pathId, [name, reference.pathId], () => {
      const excel = this.ctx.excel;
      const taken = [...excel.names.map((n) => n.name), ...excel.tables.map((t) => t.name)].some((n) => n.toLowerCase() === name.toLowerCase());
      if (taken) throw new FakeRichApiError("ItemAlreadyExists", "The resource already exists.");
      const target = reference.live();
      excel.names.push({ name, sheet: target.sheet, rect: target.rect });
    });
  }
}

class NamedItemProxy extends FakeObject<FakeName> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly named: FakeName,
  ) {
    super(ctx, id);
  }

  target(): FakeName {
    return this.named;
  }

  protected override scalar(name: string, target: FakeName): unknown {
    if (name === "name") return target.name;
    return super.scalar(name, target);
  }

  get name(): string {
    return this.read("name") as string;
  }
}

class WorksheetProtectionProxy extends FakeObject<FakeSheet> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeSheet | null,
  ) {
    super(ctx, id);
  }

  target(): FakeSheet | null {
    return this.resolve();
  }

  protected override scalar(name: string, target: FakeSheet): unknown {
    if (name === "protected") return target.protected;
    return super.scalar(name, target);
  }

  get protected(): boolean {
    return this.read("protected") as boolean;
  }
}

class WorksheetProxy extends FakeObject<FakeSheet> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeSheet | null,
  ) {
    super(ctx, id);
  }

  target(): FakeSheet | null {
    return this.resolve();
  }

  protected override scalar(name: string, target: FakeSheet): unknown {
    if (name === "name") return target.name;
    return super.scalar(name, target);
  }

  protected override navigation(name: string): FakeObject<unknown> | undefined {
    if (name === "protection") return this.protection as unknown as FakeObject<unknown>;
    return undefined;
  }

  get name(): string {
    return this.read("name") as string;
  }

  get protection(): WorksheetProtectionProxy {
    return this.cached("protection", () => new WorksheetProtectionProxy(this.ctx, this.ctx.path("Protection", this.pathId, []), () => this.target()));
  }

  get tables(): TableCollectionProxy {
    return this.cached("tables", () => new TableCollectionProxy(this.ctx, this.ctx.path("Tables", this.pathId, []), this));
  }

  get charts(): ChartCollectionProxy {
    return this.cached("charts", () => new ChartCollectionProxy(this.ctx, this.ctx.path("Charts", this.pathId, []), this));
  }

  get freezePanes(): FreezePanesProxy {
    return this.cached("freezePanes", () => new FreezePanesProxy(this.ctx, this.ctx.path("FreezePanes", this.pathId, []), this));
  }

  activate(): void {
    this.call("Activate", [], (sheet) => {
      this.ctx.excel.activeSheet = sheet;
    });
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetRange", this.pathId, [address]), () => {
      const sheet = this.live();
      const rect = address === undefined ? { top: 0, left: 0, bottom: 1_048_575, right: COLUMNS - 1 } : parseAddress(address);
      if (!rect) throw new FakeRichApiError("InvalidArgument", `"${address}" is not an address the fake takes.`);
      return { sheet, rect };
    });
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetRangeByIndexes", this.pathId, [row, column, rowCount, columnCount]), () => {
      if (rowCount < 1 || columnCount < 1 || row < 0 || column < 0) throw new FakeRichApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      return { sheet: this.live(), rect: { top: row, left: column, bottom: row + rowCount - 1, right: column + columnCount - 1 } };
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetUsedRange", this.pathId, [valuesOnly]), () => {
      const sheet = this.live();
      return { sheet, rect: sheet.usedRange(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetUsedRangeOrNullObject", this.pathId, [valuesOnly]), () => {
      const sheet = this.live();
      const rect = sheet.usedRange(valuesOnly);
      return rect ? { sheet, rect } : null;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges and their formats

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

function forEachCell(target: RangeTarget, each: (cell: FakeCell, r: number, c: number) => void): void {
  for (let r = 0; r < rows(target.rect); r++) for (let c = 0; c < columns(target.rect); c++) each(target.sheet.edit(target.rect.top + r, target.rect.left + c), r, c);
}

function grid<T>(target: RangeTarget, read: (cell: FakeCell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = target.rect.top; r <= target.rect.bottom; r++) {
    const row: T[] = [];
    for (let c = target.rect.left; c <= target.rect.right; c++) row.push(read(target.sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

/** A 2-D array the size of the range, or a single value for every cell (as Office.js allows). */
function spread(target: RangeTarget, input: unknown, what: string): (r: number, c: number) => unknown {
  if (!Array.isArray(input)) return () => input;
  if (input.length !== rows(target.rect) || input.some((row) => !Array.isArray(row) || row.length !== columns(target.rect))) {
    throw new FakeRichApiError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
  }
  return (r, c) => (input as unknown[][])[r]![c];
}

/** Excel grows a table to take in values written in the row under it or the column beside it (office-js 2097, 3013, 3191). */
function autoExpand(excel: FakeExcel, target: RangeTarget, at: (r: number, c: number) => unknown): void {
  for (const table of excel.tables) {
    if (table.sheet !== target.sheet) continue;
    const grown = grownTable(table.rect, target.rect, (r, c) => {
      const v = at(r - target.rect.top, c - target.rect.left);
      return v !== null && v !== undefined && v !== "";
    });
    if (grown) table.rect = grown;
  }
}

/**
 * Excel's calculated columns, as its AutoCorrect option "Fill formulas in tables to create
 * calculated columns" (on by default) applies them to what an add-in writes (office-js issues
 * 1916, 2093, 5909, 6745; support.microsoft.com, "Use calculated columns in an Excel table"): a
 * formula written into a table's data rows, where the column's other cells are blank or hold the
 * same formula (relative to their row), is filled down the whole column. Blanks written as "" or
 * left alone with null are filled too (#1916), and several different formulas written into the
 * column at once all become the last of them (#5909, #6745). A column holding values, or formulas
 * of its own, is left as it is. Making a table over cells that already hold formulas fills
 * nothing.
 */
function fillCalculatedColumns(excel: FakeExcel, target: RangeTarget, at: (r: number, c: number) => unknown): void {
  if (!excel.fillsCalculatedColumns) return;
  for (const table of excel.tables) {
    if (table.sheet !== target.sheet) continue;
    const top = Math.max(table.rect.top + 1, target.rect.top);
    const bottom = Math.min(table.rect.bottom, target.rect.bottom);
    if (top > bottom) continue;
    for (let c = Math.max(table.rect.left, target.rect.left); c <= Math.min(table.rect.right, target.rect.right); c++) {
      let source: { row: number; formula: string } | null = null;
      const written = new Set<number>();
      for (let r = top; r <= bottom; r++) {
        const input = at(r - target.rect.top, c - target.rect.left);
        const formula = target.sheet.cell(r, c)?.formula;
        if (input === null || input === undefined || !formula) continue;
        written.add(r);
        source = { row: r, formula };
      }
      if (!source) continue;
      const from = source;
      let fills = true;
      for (let r = table.rect.top + 1; r <= table.rect.bottom && fills; r++) {
        if (written.has(r)) continue;
        const cell = target.sheet.cell(r, c);
        const blank = !cell || (cell.value === null && cell.formula === null);
        fills = blank || (cell.formula !== null && shiftRows(cell.formula, from.row - r) === from.formula);
      }
      if (!fills) continue;
      for (let r = table.rect.top + 1; r <= table.rect.bottom; r++) {
        const cell = target.sheet.edit(r, c);
        cell.formula = shiftRows(from.formula, r - from.row);
        cell.value = null;
        cell.quotePrefix = false;
      }
    }
  }
}

/** A formula copied `delta` rows down: its relative row references move, "$" rows and text in quotes stay. */
export function shiftRows(formula: string, delta: number): string {
  if (delta === 0) return formula;
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\w.$])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/g, (whole, column: string, fixed: string, row: string) => (fixed ? whole : `${column}${Number(row) + delta}`))))
    .join('"');
}

/** Excel's limit on one range get (values, formats, formulas, cell properties): five million cells. */
export const FAKE_GET_LIMIT = 5_000_000;

function withinGetLimit(target: RangeTarget): void {
  if (rows(target.rect) * columns(target.rect) > FAKE_GET_LIMIT) {
    throw new FakeRichApiError("InvalidOperation", "This operation is not permitted for the current object: the range is too large to get at once.");
  }
}

function addressOf(target: RangeTarget): string {
  return `${quoteSheet(target.sheet.name)}!${formatAddress(target.rect)}`;
}

class RangeProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => RangeTarget | null,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.resolve();
  }

  protected override scalar(name: string, t: RangeTarget): unknown {
    switch (name) {
      case "address":
        return addressOf(t);
      case "rowCount":
        return rows(t.rect);
      case "columnCount":
        return columns(t.rect);
      case "rowIndex":
        return t.rect.top;
      case "columnIndex":
        return t.rect.left;
      case "values":
        withinGetLimit(t);
        return grid(t, (cell) => valueOf(t.sheet, cell));
      case "formulas":
        withinGetLimit(t);
        return grid(t, (cell) => cell?.formula ?? cell?.value ?? "");
      case "numberFormat":
        withinGetLimit(t);
        return grid(t, (cell) => cell?.format ?? "General");
      default:
        return super.scalar(name, t);
    }
  }

  protected override navigation(name: string): FakeObject<unknown> | undefined {
    return name === "format" ? (this.format as FakeObject<unknown>) : undefined;
  }

  get address(): string {
    return this.read("address") as string;
  }
  get rowCount(): number {
    return this.read("rowCount") as number;
  }
  get columnCount(): number {
    return this.read("columnCount") as number;
  }
  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  set values(input: unknown[][]) {
    this.assign("Values", input, (t) => {
      if (t.sheet.protected) throw new FakeRichApiError("AccessDenied", "The cell or chart you're trying to change is protected and therefore read-only.");
      const cut = t.sheet.merged.find((m) => m.left <= t.rect.right && t.rect.left <= m.right && m.top <= t.rect.bottom && t.rect.top <= m.bottom && !(m.left >= t.rect.left && m.right <= t.rect.right && m.top >= t.rect.top && m.bottom <= t.rect.bottom));
      if (cut) throw new FakeRichApiError("InvalidOperation", "We can't do that to a merged cell.");
      const at = spread(t, input, "values");
      forEachCell(t, (cell, r, c) => enter(cell, at(r, c)));
      autoExpand(this.ctx.excel, t, at);
      fillCalculatedColumns(this.ctx.excel, t, at);
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas") as unknown[][];
  }
  set formulas(input: unknown[][]) {
    this.assign("Formulas", input, (t) => {
      const at = spread(t, input, "formulas");
      forEachCell(t, (cell, r, c) => enter(cell, at(r, c)));
      autoExpand(this.ctx.excel, t, at);
      fillCalculatedColumns(this.ctx.excel, t, at);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat") as unknown[][];
  }
  set numberFormat(input: unknown[][]) {
    this.assign("NumberFormat", input, (t) => {
      const at = spread(t, input, "numberFormat");
      forEachCell(t, (cell, r, c) => {
        const f = at(r, c);
        if (f !== null && f !== undefined) cell.format = String(f);
      });
    });
  }

  get format(): RangeFormatProxy {
    return this.cached("format", () => new RangeFormatProxy(this.ctx, this.ctx.path("Format", this.pathId, []), this));
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this.cached("conditionalFormats", () => new ConditionalFormatCollectionProxy(this.ctx, this.ctx.path("ConditionalFormats", this.pathId, []), this));
  }

  get dataValidation(): DataValidationProxy {
    return this.cached("dataValidation", () => new DataValidationProxy(this.ctx, this.ctx.path("DataValidation", this.pathId, []), this));
  }

  select(): void {
    this.call("Select", [], (t) => {
      this.ctx.excel.activeSheet = t.sheet;
      this.ctx.excel.selection = { sheet: t.sheet.name, address: formatAddress(t.rect) };
    });
  }

  getCellProperties(options: { format?: { fill?: { color?: boolean }; font?: { bold?: boolean; italic?: boolean; color?: boolean } } }): FakeClientResult<unknown[][]> {
    return this.result("GetCellProperties", [options], (t) => {
      withinGetLimit(t);
      return grid(t, (cell) => {
        const format: Record<string, unknown> = {};
        if (options.format?.fill?.color) format.fill = { color: cell?.fill ?? "#FFFFFF" };
        const font = options.format?.font;
        if (font) {
          const f: Record<string, unknown> = {};
          if (font.bold) f.bold = cell?.font.bold ?? false;
          if (font.italic) f.italic = cell?.font.italic ?? false;
          if (font.color) f.color = cell?.font.color ?? "#000000";
          format.font = f;
        }
        return { format };
      });
    });
  }

  setCellProperties(input: { format?: { fill?: { color?: string }; font?: FakeFont } }[][]): void {
    this.call("SetCellProperties", [input], (t) => {
      const at = spread(t, input, "cell properties");
      forEachCell(t, (cell, r, c) => {
        const p = at(r, c) as { format?: { fill?: { color?: string }; font?: FakeFont } };
        if (p.format?.fill?.color !== undefined) cell.fill = p.format.fill.color.toUpperCase();
        if (p.format?.font) cell.font = { ...cell.font, ...p.format.font };
      });
    });
  }

  getSpillParentOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetSpillParentOrNullObject", this.pathId, []), () => {
      const t = this.live();
      // As Office.js documents: only a single cell has a spill parent; a larger range gives a null object.
      if (t.rect.top !== t.rect.bottom || t.rect.left !== t.rect.right) return null;
      const spill = t.sheet.spills.find((s) => t.rect.top >= s.rect.top && t.rect.top <= s.rect.bottom && t.rect.left >= s.rect.left && t.rect.left <= s.rect.right);
      return spill ? { sheet: t.sheet, rect: { top: spill.anchor.row, left: spill.anchor.column, bottom: spill.anchor.row, right: spill.anchor.column } } : null;
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, this.ctx.path("GetMergedAreasOrNullObject", this.pathId, []), () => {
      const t = this.live();
      const areas = t.sheet.merged.filter((m) => m.left <= t.rect.right && t.rect.left <= m.right && m.top <= t.rect.bottom && t.rect.top <= m.bottom);
      return areas.length > 0 ? { sheet: t.sheet, areas: areas.map((a) => ({ ...a })) } : null;
    });
  }

  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, this.ctx.path("GetSpecialCellsOrNullObject", this.pathId, [cellType]), () => {
      if (cellType !== "Formulas") throw new Error(`The fake only finds formulas, not ${cellType}.`);
      const t = this.live();
      withinGetLimit(t);
      const areas: Rect[] = [];
      // Runs of formula cells along each row, merged down where the next row's run is the same.
      for (let r = t.rect.top; r <= t.rect.bottom; r++) {
        for (let c = t.rect.left; c <= t.rect.right; c++) {
          if (!t.sheet.cell(r, c)?.formula) continue;
          let end = c;
          while (end + 1 <= t.rect.right && t.sheet.cell(r, end + 1)?.formula) end++;
          const above = areas.find((a) => a.bottom === r - 1 && a.left === c && a.right === end);
          if (above) above.bottom = r;
          else areas.push({ top: r, left: c, bottom: r, right: end });
          c = end;
        }
      }
      return areas.length === 0 ? null : { sheet: t.sheet, areas };
    });
  }
}

class RangeAreasProxy extends FakeObject<{ sheet: FakeSheet; areas: Rect[] }> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => { sheet: FakeSheet; areas: Rect[] } | null,
  ) {
    super(ctx, id);
  }

  target(): { sheet: FakeSheet; areas: Rect[] } | null {
    return this.resolve();
  }

  protected override scalar(name: string, t: { sheet: FakeSheet; areas: Rect[] }): unknown {
    if (name === "address") return t.areas.map((rect) => addressOf({ sheet: t.sheet, rect })).join(",");
    if (name === "cellCount") return t.areas.reduce((n, a) => n + rows(a) * columns(a), 0);
    if (name === "areaCount") return t.areas.length;
    return super.scalar(name, t);
  }

  get address(): string {
    return this.read("address") as string;
  }
  get cellCount(): number {
    return this.read("cellCount") as number;
  }
}

class RangeFormatProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly range: RangeProxy,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.range.target();
  }

  protected override scalar(name: string, t: RangeTarget): unknown {
    // Excel's default width, 8.43 characters, is 48 points.
    if (name === "columnWidth") return t.sheet.widths.get(t.rect.left) ?? 48;
    return super.scalar(name, t);
  }

  protected override navigation(name: string): FakeObject<unknown> | undefined {
    if (name === "fill") return this.fill as FakeObject<unknown>;
    if (name === "font") return this.font as FakeObject<unknown>;
    return undefined;
  }

  get fill(): RangeFillProxy {
    return this.cached("fill", () => new RangeFillProxy(this.ctx, this.ctx.path("Fill", this.pathId, []), this));
  }

  get font(): RangeFontProxy {
    return this.cached("font", () => new RangeFontProxy(this.ctx, this.ctx.path("Font", this.pathId, []), this));
  }

  set wrapText(wrap: boolean) {
    this.assign("WrapText", wrap, (t) => forEachCell(t, (cell) => (cell.wrapText = wrap)));
  }

  set verticalAlignment(alignment: string) {
    this.assign("VerticalAlignment", alignment, (t) => forEachCell(t, (cell) => (cell.verticalAlignment = alignment)));
  }

  set columnWidth(points: number) {
    this.assign("ColumnWidth", points, (t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.widths.set(c, points);
    });
  }
}

/** One value when every cell agrees, else null, as Office.js reports a mixed range's format. */
function uniform<T>(t: RangeTarget, read: (cell: FakeCell | undefined) => T): T | null {
  let first: T | undefined;
  let seen = false;
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    for (let c = t.rect.left; c <= t.rect.right; c++) {
      const v = read(t.sheet.cell(r, c));
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) return null;
    }
  }
  return first ?? null;
}

class RangeFillProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly format: RangeFormatProxy,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.format.target();
  }

  protected override scalar(name: string, t: RangeTarget): unknown {
    if (name === "color") {
      withinGetLimit(t);
      return uniform(t, (cell) => cell?.fill ?? "#FFFFFF");
    }
    return super.scalar(name, t);
  }

  get color(): string {
    return this.read("color") as string;
  }
  set color(colour: string) {
    this.assign("Color", colour, (t) => forEachCell(t, (cell) => (cell.fill = colour.toUpperCase())));
  }

  clear(): void {
    this.call("Clear", [], (t) => forEachCell(t, (cell) => (cell.fill = null)));
  }
}

class RangeFontProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly format: RangeFormatProxy,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.format.target();
  }

  set bold(bold: boolean) {
    this.assign("Bold", bold, (t) => forEachCell(t, (cell) => (cell.font = { ...cell.font, bold })));
  }
  set italic(italic: boolean) {
    this.assign("Italic", italic, (t) => forEachCell(t, (cell) => (cell.font = { ...cell.font, italic })));
  }
  set color(color: string) {
    this.assign("Color", color, (t) => forEachCell(t, (cell) => (cell.font = { ...cell.font, color: color.toUpperCase() })));
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats, validation

class ConditionalFormatCollectionProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly range: RangeProxy,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.range.target();
  }

  add(type: string): ConditionalFormatProxy {
    let made: FakeConditionalFormat | null = null;
    const proxy = new ConditionalFormatProxy(this.ctx, this.ctx.path("Add", this.pathId, [type]), () => made);
    this.call("Add", [type], (t) => {
      made = { type, rect: t.rect };
      t.sheet.conditionalFormats.push(made);
    });
    return proxy;
  }
}

class ConditionalFormatProxy extends FakeObject<FakeConditionalFormat> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeConditionalFormat | null,
  ) {
    super(ctx, id);
  }

  target(): FakeConditionalFormat | null {
    return this.resolve();
  }

  get cellValue(): CellValueFormatProxy {
    return this.cached("cellValue", () => new CellValueFormatProxy(this.ctx, this.ctx.path("CellValue", this.pathId, []), this));
  }
}

class CellValueFormatProxy extends FakeObject<FakeConditionalFormat> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly parent: ConditionalFormatProxy,
  ) {
    super(ctx, id);
  }

  target(): FakeConditionalFormat | null {
    const t = this.parent.target();
    if (t && t.type !== "CellValue") throw new FakeRichApiError("InvalidOperation", `A ${t.type} format has no cellValue.`);
    return t;
  }

  set rule(rule: { formula1?: string; operator?: string }) {
    this.assign("Rule", rule, (t) => (t.rule = { ...rule }));
  }

  get format(): { fill: { color: string }; font: { color: string } } {
    const assign = (name: string, value: unknown, apply: (t: FakeConditionalFormat) => void) => this.assign(name, value, apply);
    return {
      fill: {
        set color(colour: string) {
          assign("FillColor", colour, (t) => (t.fill = colour.toUpperCase()));
        },
      } as { color: string },
      font: {
        set color(colour: string) {
          assign("FontColor", colour, (t) => (t.font = colour.toUpperCase()));
        },
      } as { color: string },
    };
  }
}

class DataValidationProxy extends FakeObject<RangeTarget> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly range: RangeProxy,
  ) {
    super(ctx, id);
  }

  target(): RangeTarget | null {
    return this.range.target();
  }

  clear(): void {
    this.call("Clear", [], (t) => t.sheet.validations.push({ rect: t.rect, rule: null }));
  }

  set rule(rule: unknown) {
    this.assign("Rule", rule, (t) => t.sheet.validations.push({ rect: t.rect, rule: structuredClone(rule) }));
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

class TableCollectionProxy extends FakeCollection<FakeTable, TableProxy> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly sheet: WorksheetProxy | null,
  ) {
    super(ctx, id);
  }

  target(): FakeTable[] {
    const tables = this.ctx.excel.tables;
    if (!this.sheet) return tables;
    const sheet = this.sheet.target();
    return tables.filter((t) => t.sheet === sheet);
  }

  protected item(table: FakeTable): TableProxy {
    return new TableProxy(this.ctx, this.ctx.path("Item", this.pathId, []), () => table);
  }

  add(source: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let made: FakeTable | null = null;
    const proxy = new TableProxy(this.ctx, this.ctx.path("Add", this.pathId, [typeof source === "string" ? source : source.pathId, hasHeaders]), () => made);
    this.ctx.queue("Add", this.pathId, [typeof source === "string" ? source : source.pathId, hasHeaders], () => {
      const excel = this.ctx.excel;
      let target: RangeTarget;
      if (typeof source === "string") {
        // As Office.js documents: an address without a sheet is taken on the active sheet.
        const ref = parseReference(source);
        const sheet = ref?.sheet ? excel.sheet(ref.sheet) : excel.activeSheet;
        if (!ref || !sheet) throw new FakeRichApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
        target = { sheet, rect: ref.range };
      } else target = source.live();
      if (!hasHeaders) throw new Error("The fake only makes tables with headers.");
      if (rows(target.rect) < 2) throw new FakeRichApiError("InvalidArgument", "A table needs a header row and a row of data.");
      const overlaps = excel.tables.some(
        (t) => t.sheet === target.sheet && t.rect.left <= target.rect.right && target.rect.left <= t.rect.right && t.rect.top <= target.rect.bottom && target.rect.top <= t.rect.bottom,
      );
      if (overlaps) throw new FakeRichApiError("InvalidOperation", "A table can't overlap another table.");
      // Excel makes header cells text, and fills blanks and repeats in with names of its own.
      const seen = new Set<string>();
      for (let c = target.rect.left; c <= target.rect.right; c++) {
        const cell = target.sheet.edit(target.rect.top, c);
        const value = valueOf(target.sheet, cell);
        let text = typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value).trim();
        if (text === "") text = `Column${c - target.rect.left + 1}`;
        let unique = text;
        for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${text}${n}`;
        seen.add(unique.toLowerCase());
        cell.value = unique;
        cell.formula = null;
      }
      let n = excel.tables.length + 1;
      while (excel.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      made = { name: `Table${n}`, sheet: target.sheet, rect: target.rect, style: "TableStyleMedium2" };
      excel.tables.push(made);
    });
    return proxy;
  }
}

class TableProxy extends FakeObject<FakeTable> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeTable | null,
  ) {
    super(ctx, id);
  }

  target(): FakeTable | null {
    return this.resolve();
  }

  protected override scalar(name: string, t: FakeTable): unknown {
    if (name === "name") return t.name;
    if (name === "style") return t.style;
    return super.scalar(name, t);
  }

  protected override navigation(name: string): FakeObject<unknown> | undefined {
    return name === "worksheet" ? (this.worksheet as FakeObject<unknown>) : undefined;
  }

  get name(): string {
    return this.read("name") as string;
  }
  set name(name: string) {
    this.assign("Name", name, (t) => {
      const excel = this.ctx.excel;
      const taken = [...excel.names.map((n) => n.name), ...excel.tables.filter((x) => x !== t).map((x) => x.name)].some((n) => n.toLowerCase() === name.toLowerCase());
      if (taken) throw new FakeRichApiError("InvalidArgument", "A table with this name already exists.");
      t.name = name;
    });
  }
  set style(style: string) {
    this.assign("Style", style, (t) => (t.style = style));
  }

  get worksheet(): WorksheetProxy {
    return this.cached("worksheet", () => new WorksheetProxy(this.ctx, this.ctx.path("Worksheet", this.pathId, []), () => this.live().sheet));
  }

  get columns(): TableColumnCollectionProxy {
    return this.cached("columns", () => new TableColumnCollectionProxy(this.ctx, this.ctx.path("Columns", this.pathId, []), this));
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.ctx.path("GetRange", this.pathId, []), () => {
      const t = this.live();
      return { sheet: t.sheet, rect: t.rect };
    });
  }
}

class TableColumnCollectionProxy extends FakeCollection<string, TableColumnProxy> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly table: TableProxy,
  ) {
    super(ctx, id);
  }

  target(): string[] {
    const t = this.table.live();
    const names: string[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) names.push(String(valueOf(t.sheet, t.sheet.cell(t.rect.top, c))));
    return names;
  }

  protected item(name: string): TableColumnProxy {
    return new TableColumnProxy(this.ctx, this.ctx.path("Item", this.pathId, []), name);
  }
}

class TableColumnProxy extends FakeObject<string> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly columnName: string,
  ) {
    super(ctx, id);
  }

  target(): string {
    return this.columnName;
  }

  protected override scalar(name: string, t: string): unknown {
    if (name === "name") return t;
    return super.scalar(name, t);
  }

  get name(): string {
    return this.read("name") as string;
  }
}

// ---------------------------------------------------------------------------------------------
// Charts and panes

class ChartCollectionProxy extends FakeObject<FakeSheet> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly sheet: WorksheetProxy,
  ) {
    super(ctx, id);
  }

  target(): FakeSheet | null {
    return this.sheet.target();
  }

  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    let made: FakeChart | null = null;
    const proxy = new ChartProxy(this.ctx, this.ctx.path("Add", this.pathId, [type, source.pathId, seriesBy]), () => made);
    this.call("Add", [type, source.pathId, seriesBy], (sheet) => {
      const data = source.live();
      const byRows = seriesBy === "Rows" || (seriesBy !== "Columns" && columns(data.rect) >= rows(data.rect));
      const count = byRows ? rows(data.rect) : columns(data.rect);
      const series = Array.from({ length: count }, (_, i) => {
        const rect = byRows ? { ...data.rect, top: data.rect.top + i, bottom: data.rect.top + i } : { ...data.rect, left: data.rect.left + i, right: data.rect.left + i };
        return { name: `Series${i + 1}`, values: addressOf({ sheet: data.sheet, rect }), categories: null };
      });
      made = { type, title: "", at: null, series };
      sheet.charts.push(made);
    });
    return proxy;
  }
}

class ChartProxy extends FakeObject<FakeChart> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeChart | null,
  ) {
    super(ctx, id);
  }

  target(): FakeChart | null {
    return this.resolve();
  }

  get title(): { text: string } {
    const assign = (value: string) => this.assign("Title", value, (chart) => (chart.title = value));
    return {
      set text(value: string) {
        assign(value);
      },
    } as { text: string };
  }

  setPosition(start: RangeProxy): void {
    this.call("SetPosition", [start.pathId], (chart) => (chart.at = start.live().rect));
  }

  get series(): ChartSeriesCollectionProxy {
    return this.cached("series", () => new ChartSeriesCollectionProxy(this.ctx, this.ctx.path("Series", this.pathId, []), this));
  }
}

type FakeSeries = FakeChart["series"][number];

class ChartSeriesCollectionProxy extends FakeObject<FakeChart> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly chart: ChartProxy,
  ) {
    super(ctx, id);
  }

  target(): FakeChart | null {
    return this.chart.target();
  }

  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this.ctx, this.ctx.path("GetItemAt", this.pathId, [index]), () => {
      const series = this.live().series[index];
      if (!series) throw new FakeRichApiError("ItemNotFound", "The requested resource doesn't exist.");
      return series;
    });
  }

  add(name: string): ChartSeriesProxy {
    let made: FakeSeries | null = null;
    const proxy = new ChartSeriesProxy(this.ctx, this.ctx.path("Add", this.pathId, [name]), () => made);
    this.call("Add", [name], (chart) => {
      made = { name, values: "", categories: null };
      chart.series.push(made);
    });
    return proxy;
  }
}

class ChartSeriesProxy extends FakeObject<FakeSeries> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly resolve: () => FakeSeries | null,
  ) {
    super(ctx, id);
  }

  target(): FakeSeries | null {
    return this.resolve();
  }

  set name(name: string) {
    this.assign("Name", name, (s) => (s.name = name));
  }

  setValues(range: RangeProxy): void {
    this.call("SetValues", [range.pathId], (s) => (s.values = addressOf(range.live())));
  }

  setXAxisValues(range: RangeProxy): void {
    this.call("SetXAxisValues", [range.pathId], (s) => (s.categories = addressOf(range.live())));
  }
}

class FreezePanesProxy extends FakeObject<FakeSheet> {
  constructor(
    ctx: FakeContext,
    id: number,
    private readonly sheet: WorksheetProxy,
  ) {
    super(ctx, id);
  }

  target(): FakeSheet | null {
    return this.sheet.target();
  }

  freezeRows(count: number): void {
    this.call("FreezeRows", [count], (s) => (s.frozen = { rows: count, columns: 0 }));
  }

  freezeColumns(count: number): void {
    this.call("FreezeColumns", [count], (s) => (s.frozen = { rows: 0, columns: count }));
  }

  freezeAt(range: RangeProxy): void {
    this.call("FreezeAt", [range.pathId], (s) => {
      const rect = range.live().rect;
      if (rect.top !== 0 || rect.left !== 0) throw new Error("The fake freezes only from A1.");
      s.frozen = { rows: rect.bottom + 1, columns: rect.right + 1 };
    });
  }

  unfreeze(): void {
    this.call("Unfreeze", [], (s) => (s.frozen = { rows: 0, columns: 0 }));
  }
}

// ---------------------------------------------------------------------------------------------
// Workloads the tests and the bench share: the commands the add-in sends, at a chosen size

const PLAN_HEADERS = [
  "Initiative", "Milestone", "Costs agreed", "Target date", "Aims / success criteria", "RAG", "Lead",
  "24/25 savings", "25/26 savings", "26/27 savings", "Savings note", "Progress and comments", "Strategy priority",
];
const AREAS = ["Autism outreach", "Early years inclusion", "Independent placement review", "Post-16 pathways", "Alternative provision", "Transport review"];
const MILESTONES = ["Recruit specialist teachers", "Set up panel", "Training for settings", "Review placements at annual review", "Consult Schools Forum"];
const STATUSES = ["Green", "Amber", "Red", "Blue", "Grey", "On track", "Delayed"];
const LEADS = ["Head of SEND", "Head of Commissioning", "SEND Commissioning Lead", "Early Years SEND Manager", "Transport Manager"];
export const RAG_FILLS: Record<string, string> = Object.fromEntries(COLOUR_ORDER.map((c) => [c, COLOURS[c].fill]));


/** Rows of a savings plan as an import writes them: text, dates as Dates, £ amounts as numbers. */
export function planRows(count: number, seed = 20250401): unknown[][] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => [
    `${pick(AREAS)} ${Math.floor(i / 3) + 1}`,
    `${pick(MILESTONES)} (${(i % 3) + 1})`,
    i % 3 === 0 ? `£${int(5, 90)}k` : null,
    new Date(Date.UTC(int(2024, 2027), int(0, 11), int(1, 28))),
    `Reduce requests for statutory assessment by ${int(5, 20)}%`,
    pick(STATUSES),
    pick(LEADS),
    i % 3 === 0 ? int(1, 60) * 1000 : null,
    i % 3 === 0 ? int(1, 60) * 1000 : null,
    i % 3 === 0 ? int(1, 60) * 1000 : null,
    i % 3 === 0 ? `Calculation: ${int(2, 12)} placements x £${int(5, 50)},000` : null,
    random() < 0.5 ? "Progressing; next review at Schools Forum." : null,
    i % 3 === 0 ? pick(["Improving local provision", "Early intervention", "Value for money"]) : null,
  ]);
}

const MONEY = "£#,##0;(£#,##0)";

/** An import: a new sheet holding the plan as a table, formatted, with frozen headings. */
export function importOperations(rows: number, sheet = "Savings plan import"): WorkbookOperation[] {
  const body = planRows(rows);
  const last = rows + 1;
  return [
    { kind: "addSheet", name: sheet },
    {
      kind: "write",
      sheet,
      at: "A1",
      values: [PLAN_HEADERS, ...body],
      numberFormats: ["@", "@", "@", "dd/mm/yyyy", "@", "@", "@", MONEY, MONEY, MONEY, "@", "@", "@"],
    },
    { kind: "addTable", sheet, range: `A1:M${last}`, name: "SavingsImport", style: "TableStyleMedium2" },
    { kind: "font", sheet, range: "A1:M1", bold: true },
    { kind: "columnWidths", sheet, widths: PLAN_HEADERS.map((h, i) => ({ column: String.fromCharCode(65 + i), width: Math.max(10, Math.min(40, h.length + 4)) })) },
    { kind: "freeze", sheet, rows: 1 },
  ];
}

/**
 * Changing a user's cells, as the task pane does after showing them: a status column normalised
 * to key words with a check mark beside each, every status cell filled its RAG colour (one fill
 * per cell, as the change list holds them), and every old and new value logged.
 */
export function checkMarkOperations(rows: number, sheet = "Savings plan import"): WorkbookOperation[] {
  const statuses = planRows(rows).map((r) => String(r[5]));
  const normalised = statuses.map((s) => (s === "On track" ? "Green" : s === "Delayed" ? "Amber" : s));
  const ops: WorkbookOperation[] = [
    { kind: "write", sheet, at: "F2", values: normalised.map((s) => [s]) },
    { kind: "write", sheet, at: "O2", values: normalised.map((s, i) => [s === statuses[i] ? "✓" : "✗"]) },
  ];
  normalised.forEach((s, i) => ops.push({ kind: "fill", sheet, range: `F${i + 2}`, colour: RAG_FILLS[s] ?? null }));
  ops.push(
    { kind: "addSheet", name: "HNB change log" },
    {
      kind: "write",
      sheet: "HNB change log",
      at: "A1",
      values: [["Sheet", "Cell", "Old value", "New value"], ...normalised.map((s, i) => [sheet, `F${i + 2}`, statuses[i]!, s])],
    },
  );
  return ops;
}
