/**
 * The office adapter: the workbook port over the Excel JavaScript API (Office.js), for the task
 * pane running inside Excel.
 *
 * Every command makes a fixed number of round trips (`context.sync()`), whatever the number of
 * rows, except where Excel on the web's 5 MB payload limit forces a large command into more
 * pieces (see office-batching.ts). Figures from test/bench/office.bench.ts:
 *  - listSheets: 2 syncs (sheet and table names; then used ranges, table ranges and headers);
 *  - readSheets: 1 sync for the sheet names (none when the caller names the sheets, nor when
 *    they are as the adapter last saw them: they are then confirmed in the next sync), 1 for the
 *    used ranges and a sample of each sheet's cells, then the cells in as many syncs as their
 *    response needs at ≤ 4 MB each: one up to about 4 MB of cells, two for a 20,000-row,
 *    13-column plan (about 6.5 MB), three for twice that; so 4 syncs in all for the plan read
 *    afresh (3 once its sheets are known), and 4 for a workbook holding 40,000 such rows whose
 *    sheets are known (5 for the very first read). A signal stops a read between syncs, and
 *    sheets whose values are beyond WORK_LIMITS are refused before any cell is read;
 *  - apply: 1 sync to learn the sheets, tables and names; 1 more only when a table is added to a
 *    workbook that has tables or to an existing sheet, or a date is written to an existing sheet
 *    without a format (the planner needs what is there); then every operation queued and sent
 *    in ≤ 4 MB syncs: one for a template or 20,000 check marks and fills, two for a 20,000-row
 *    import (about 4.2 MB), and one more per further 4 MB;
 *  - select: 1 sync.
 *
 * Operations are checked by the planner every adapter shares (memory.ts) before anything is
 * queued, so a batch with an invalid operation changes nothing here either.
 *
 * Every batch enters Excel through run.ts: held while the user edits a cell, and a write's syncs
 * one undo step where Excel has ExcelApi 1.20.
 */
import { WORK_LIMITS, requireShape } from "../../core";
import { columnLetters } from "../../core/table";
import { NAMESPACE, moveNamespace } from "../../formulas";
import { WriteStopped, contains, formatAddress, overlaps, parseAddress, parseReference, quoteSheet, type Rect } from "../../port";
import { DEFAULT_DATE_FORMAT, dispatch, handles, planOperations, type Handlers, type PlannedCell, type PlannedOperation, type PlannedReference, type WorkbookState } from "../../port";
import {
  CALL_BYTES,
  READ_FILL_BYTES,
  READ_FORMAT_BYTES,
  READ_FORMULA_BYTES,
  READ_MARGIN,
  READ_VALUE_BYTES,
  PAYLOAD_BUDGET,
  ReadQueue,
  MAX_GET_CELLS,
  SyncPlan,
  SyncRefused,
  type ReadPart,
  columnWidthPoints,
  excelWouldReinterpret,
  jsonBytes,
  runs,
  splitAreas,
  utf8Length,
} from "./batching";
import { stopIfCancelled, type ApplyReport, type ReadOptions, type SheetInfo, type SheetRead, type TableInfo, type WorkbookOperation, type WorkbookPort } from "../../port";
import { CELL_EDIT_REASON, isCellEditRefusal, officeRequirements, runInExcel, syncInExcel, type BatchKind, type ExcelRunner, type RequirementSets } from "./run";

/** A write: all its syncs one step on Excel's undo stack where Excel can group them (run.ts). */
const ONE_UNDO_STEP: BatchKind = { changes: true };
/** Reads, selecting, watching: nothing for Excel to undo. */
const NOTHING_TO_UNDO: BatchKind = { changes: false };

/** Office.js's error code for a sheet, table or name that does not exist. */
const ITEM_NOT_FOUND = "ItemNotFound";

/** Excel reports a cell with no fill as white; the port says "no fill" with null. */
const NO_FILL = "#FFFFFF";

export interface OfficeWorkbookOptions {
  /**
   * The namespace this build's functions are registered under in Excel: "HNB" (production, the
   * default) or "HNBDEV" (a development build, so it can be installed beside production). The
   * add-in writes its formulas as HNB.RAG(…) everywhere; here they are moved into this namespace
   * on the way into Excel, and formulas read from Excel are moved back, so nothing above the
   * adapter sees the difference.
   */
  namespace?: string;
  /**
   * Office.context.requirements (the default, asked at each write) or a stand-in for tests: whether
   * Excel has ExcelApi 1.20, so a write's syncs can be one undo step (see run.ts).
   */
  requirements?: RequirementSets | null;
}

export class OfficeWorkbook implements WorkbookPort {
  /** A formula as Excel should be given it, and one read from Excel as the add-in writes it. */
  private readonly toExcel: (formula: string) => string;
  private readonly fromExcel: (formula: string) => string;
  private readonly requirements: () => RequirementSets | null;
  /**
   * The workbook's sheet names in tab order as the adapter last saw them (a read, a listing, a
   * write), or null: a read of every sheet tries them first, confirming them in the same sync.
   */
  private knownSheets: string[] | null = null;
  /**
   * The change watch's registration, which learns the sheet names in its one sync: a first read
   * started meanwhile waits for it rather than asking for the names in a sync of its own.
   */
  private namesComing: Promise<unknown> | null = null;

  constructor(
    private readonly excelRun: ExcelRunner = Excel.run,
    options: OfficeWorkbookOptions = {},
  ) {
    const given = options.requirements;
    this.requirements = given === undefined ? officeRequirements : () => given;
    const namespace = options.namespace ?? NAMESPACE;
    const same = namespace.toUpperCase() === NAMESPACE.toUpperCase();
    this.toExcel = same ? (f) => f : (f) => moveNamespace(f, NAMESPACE, namespace);
    this.fromExcel = same ? (f) => f : (f) => moveNamespace(f, namespace, NAMESPACE);
  }

  /** Every batch goes through here: Excel.run with the options of run.ts, never Excel.run directly. */
  private run<T>(kind: BatchKind, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return runInExcel(this.excelRun, this.requirements(), kind, batch);
  }

  async watchChanges(onChange: () => void): Promise<() => Promise<void>> {
    // WorksheetCollection.onChanged (ExcelApi 1.9, which the manifest requires) covers every sheet,
    // sheets added later included, and co-authors' edits as well as the user's. The handler lives
    // with the context it was added on, so that context removes it. Changes this add-in made itself
    // (triggerSource "ThisLocalAddin", where Excel says so) are left out: the pane knows of its own
    // writes when it makes them, and reading again on their echo would read the workbook twice.
    const registering = this.run(NOTHING_TO_UNDO, async (context) => {
      const added = context.workbook.worksheets.onChanged.add(async (event?: Excel.WorksheetChangedEventArgs) => {
        if (event?.triggerSource === "ThisLocalAddin") return;
        onChange();
      });
      // The sheet names ride along: the pane's first read then needs no sync to learn them.
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      this.knownSheets ??= sheets.items.map((sheet) => sheet.name);
      return added;
    });
    this.namesComing = registering;
    const handler = await registering.finally(() => {
      if (this.namesComing === registering) this.namesComing = null;
    });
    return async () => {
      handler.remove();
      await syncInExcel(handler.context);
    };
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(NOTHING_TO_UNDO, async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const tables = context.workbook.tables;
      tables.load("items/name, items/worksheet/name");
      await context.sync();

      // Used ranges and table ranges come from methods, which need the objects the first sync named.
      const usedRanges = sheets.items.map((sheet) => {
        const used = sheet.getUsedRangeOrNullObject();
        used.load("address");
        return used;
      });
      const tableParts = tables.items.map((table) => {
        const range = table.getRange();
        range.load("address");
        // Column names are the header texts, and need no header row to be showing.
        const columns = table.columns;
        columns.load("items/name");
        return { table, range, columns };
      });
      await context.sync();

      this.knownSheets = sheets.items.map((sheet) => sheet.name);
      return sheets.items.map((sheet, i): SheetInfo => {
        const used = usedRanges[i]!;
        const own: TableInfo[] = tableParts
          .filter((t) => t.table.worksheet.name === sheet.name)
          .map((t) => ({ name: t.table.name, address: formatAddress(rectOf(t.range.address)), headers: t.columns.items.map((c) => c.name) }));
        return { name: sheet.name, usedRange: used.isNullObject ? null : formatAddress(rectOf(used.address)), tables: own };
      });
    });
  }

  async readSheets(names?: string[], options: ReadOptions = {}): Promise<SheetRead[]> {
    // Checked before every round trip: once the signal is aborted (Cancel, or a newer read taking
    // this one's place) no further sync is started, and the read rejects with ReadCancelled.
    const { signal } = options;
    stopIfCancelled(signal);
    // The watch being registered is learning the sheet names: wait for them (its failure is its own).
    if (names === undefined && !this.knownSheets && this.namesComing) await this.namesComing.catch(() => undefined);
    stopIfCancelled(signal);
    return this.run(NOTHING_TO_UNDO, async (context) => {
      let probed: Probed | Stale;
      if (names !== undefined) {
        // Named sheets are fetched directly (Excel matches names ignoring case), saving a sync;
        // a missing one fails the next sync, and only then do we look up which it was.
        probed = await probeSheets(context, names.map((name) => context.workbook.worksheets.getItem(name)), { names, signal });
      } else if (this.knownSheets && this.knownSheets.length > 0) {
        // The sheets as last seen are probed straight away, with the sheet names asked for in the
        // same sync to confirm them: one round trip fewer than asking for the names first. Sheets
        // added or moved since are probed again from the names that came back; a sheet renamed or
        // deleted since fails the sync, and the names are then asked for first.
        const listed = context.workbook.worksheets;
        listed.load("items/name");
        probed = await probeSheets(context, this.knownSheets.map((name) => context.workbook.worksheets.getItem(name)), { listed, signal });
        if ("stale" in probed) probed = probed.listed ? await probeSheets(context, probed.listed, { signal }) : probed;
      } else probed = { stale: true, listed: null };
      if ("stale" in probed) {
        this.knownSheets = null;
        const all = context.workbook.worksheets;
        all.load("items/name");
        stopIfCancelled(signal);
        await context.sync();
        probed = all.items.length === 0 ? { parts: [], probes: [], rects: [] } : await probeSheets(context, all.items, { signal });
        if ("stale" in probed) throw new Error("The workbook's sheets changed while they were being read: read it again.");
      }
      const { parts, probes, rects } = probed;
      if (names === undefined) this.knownSheets = parts.map((p) => p.sheet.name);
      if (parts.length === 0) return [];

      const queue = new ReadQueue(context);
      const reads = parts.map(({ sheet, sample }, i) => {
        const rect = rects[i]!;
        if (!rect) return { name: sheet.name, grid: null };
        const grid = new Grid(rect);
        const cellBytes = sampledCellBytes(grid.rect, sample.values, sample.numberFormat);
        // Fills first: on a large sheet they start with a small check of each column, whose
        // answer decides what else to read, so it should come back with the first sync.
        queueFills(queue, sheet, grid, probes[i]!.fill);
        for (const address of probes[i]!.formulas) queueFormulas(queue, sheet, grid, address, this.fromExcel);
        queueCells(queue, sheet, grid, cellBytes);
        return { name: sheet.name, grid };
      });
      await queue.drain(signal);

      return reads.map(({ name, grid }): SheetRead => {
        if (!grid) return { name, values: [], fills: [], numberFormats: [], formulas: [], origin: { row: 0, column: 0 } };
        return { name, values: grid.values, fills: grid.fills, numberFormats: grid.formats, formulas: grid.formulas, origin: { row: grid.rect.top, column: grid.rect.left } };
      });
    });
  }

  async apply(operations: WorkbookOperation[]): Promise<ApplyReport> {
    // The planner words every refusal; give it a malformed batch before asking Excel anything.
    if (!Array.isArray(operations)) planOperations({ sheets: [], tables: [], names: [], value: () => null }, operations);
    return this.run(ONE_UNDO_STEP, async (context) => {
      const workbook = context.workbook;
      const sheets = workbook.worksheets;
      sheets.load("items/name, items/protection/protected");
      const tables = workbook.tables;
      tables.load("items/name, items/worksheet/name");
      const names = workbook.names;
      names.load("items/name");
      await context.sync();

      const existing = sheets.items.map((s) => s.name);
      // Excel refuses to write on a protected sheet: say so before anything is written.
      const locked = protectedTargets(operations, sheets.items.filter((s) => s.protection.protected).map((s) => s.name));
      if (locked.length > 0) {
        throw new Error(
          `Nothing was changed: ${locked.length === 1 ? `the sheet "${locked[0]}" is protected` : `the sheets ${locked.map((n) => `"${n}"`).join(" and ")} are protected`}. Unprotect ${locked.length === 1 ? "it" : "them"} (Review › Unprotect Sheet) and try again.`,
        );
      }
      const needs = preReadNeeds(operations, existing, tables.items.length > 0);
      const sheetProxies = new SheetProxies(context);

      // What the planner and the writer need to know of cells already there, in one more sync.
      // Merged cells in the way of a write on a sheet already there: one ask a sheet, over all its writes.
      const writesHere = existingSheetWrites(operations, existing);
      const mergedLoads = mergeChecks(writesHere).map(({ sheet, rect }) => {
        const areas = sheetProxies.get(sheet).getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1).getMergedAreasOrNullObject();
        areas.load("address");
        return { sheet, areas };
      });
      // Cells filled by another cell's dynamic array: a write there breaks that formula (#SPILL!).
      const spillLoads = spillChecks(writesHere).map(({ sheet, row, column }) => {
        const parent = sheetProxies.get(sheet).getRangeByIndexes(row, column, 1, 1).getSpillParentOrNullObject();
        parent.load("address");
        return { sheet, row, column, parent };
      });
      const tableRanges = needs.tableRanges
        ? tables.items.map((table) => {
            const range = table.getRange();
            range.load("address");
            return range;
          })
        : null;
      const headerLoads = needs.headers.map((h) => {
        const range = sheetProxies.get(h.sheet).getRangeByIndexes(h.row, h.left, 1, h.width);
        range.load("values");
        return { at: h, range };
      });
      const formatLoads = needs.dateCells.map((d) => {
        const range = sheetProxies.get(d.sheet).getRangeByIndexes(d.top, d.column, d.count, 1);
        range.load("numberFormat");
        return { at: d, range };
      });
      if (tableRanges || headerLoads.length > 0 || formatLoads.length > 0 || mergedLoads.length > 0 || spillLoads.length > 0) await context.sync();
      const spilled = spillLoads.find((s) => {
        if (s.parent.isNullObject) return false;
        // The formula's own cell is its spill's parent: writing there replaces the formula, which is the user's to ask.
        const anchor = rectOf(s.parent.address);
        return anchor.top !== s.row || anchor.left !== s.column;
      });
      if (spilled) {
        throw new Error(
          `Nothing was changed: ${quoteSheet(spilled.sheet)}!${columnLetters(spilled.column)}${spilled.row + 1} shows part of the result of the formula at ${spilled.parent.address}, which spills into it; writing there would break that formula (#SPILL!). Change the formula instead.`,
        );
      }
      const merged = mergedLoads.flatMap(({ sheet, areas }) => (areas.isNullObject ? [] : splitAreas(areas.address).flatMap((a) => {
        const ref = parseReference(a);
        return ref ? [{ sheet, rect: ref.range }] : [];
      })));
      const blocked = cutMergedAreas(writesHere, merged);
      if (blocked) throw new Error(`Nothing was changed: ${blocked} is merged with the cells beside it, and Excel will not write to part of a merged cell. Unmerge it (Home › Merge & Centre) and try again.`);

      const headerValues = new Map<string, unknown>();
      for (const { at, range } of headerLoads) {
        range.values[0]!.forEach((v, i) => headerValues.set(cellKey(at.sheet, at.row, at.left + i), v === "" ? null : v));
      }
      const formatsBefore = new Map<string, string>();
      for (const { at, range } of formatLoads) {
        range.numberFormat.forEach((row, i) => formatsBefore.set(cellKey(at.sheet, at.top + i, at.column), String(row[0])));
      }

      const state: WorkbookState = {
        sheets: existing,
        tables: tables.items.map((table, i) => ({
          sheet: table.worksheet.name,
          name: table.name,
          // Ranges are read only when the batch adds a table or writes on a sheet there already: the operations that compare them.
          range: tableRanges ? rectOf(tableRanges[i]!.address) : NOT_READ,
        })),
        names: names.items.map((n) => n.name),
        value: (sheet, row, column) => {
          const key = cellKey(sheet, row, column);
          if (!headerValues.has(key)) throw new Error(`The office adapter did not read ${quoteSheet(sheet)}!${columnLetters(column)}${row + 1} before planning.`);
          return headerValues.get(key);
        },
      };
      const plan = planOperations(state, operations);

      const writer = new Writer(context, sheetProxies, new Set(existing), formatsBefore, this.toExcel);
      const syncs = writer.plan(plan.operations);
      try {
        await syncs.send(context);
      } catch (error) {
        if (!(error instanceof SyncRefused)) throw error;
        throw stoppedPartWay(error, syncs, plan.operations.map((op) => op.change));
      }
      // New sheets go after the others, in the order added.
      this.knownSheets = [...existing, ...plan.sheetsAdded];
      return { changes: plan.operations.map((op) => op.change), sheetsAdded: plan.sheetsAdded };
    });
  }

  async select(sheet: string, address: string): Promise<void> {
    const rect = typeof address === "string" ? parseAddress(address) : null;
    return this.run(NOTHING_TO_UNDO, async (context) => {
      if (!rect) {
        // Say which is wrong in the order the other adapters do: the sheet first, then the address.
        const target = context.workbook.worksheets.getItemOrNullObject(sheet);
        target.load("name");
        await context.sync();
        if (target.isNullObject) throw new Error(`Cannot select ${address}: there is no sheet called "${sheet}".`);
        throw new Error(`Cannot select "${address}" on ${quoteSheet(target.name)}: it is not a cell or range.`);
      }
      const target = context.workbook.worksheets.getItem(sheet);
      target.activate();
      target.getRange(formatAddress(rect)).select();
      try {
        await context.sync();
      } catch (error) {
        if (codeOf(error) === ITEM_NOT_FOUND) throw new Error(`Cannot select ${address}: there is no sheet called "${sheet}".`);
        throw error;
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The cells of one used range as they arrive, sync by sync. */
class Grid {
  readonly rows: number;
  readonly columns: number;
  readonly values: unknown[][];
  readonly formats: string[][];
  readonly fills: (string | null)[][];
  readonly formulas: (string | null)[][];

  constructor(readonly rect: Rect) {
    this.rows = rect.bottom - rect.top + 1;
    this.columns = rect.right - rect.left + 1;
    const blank = <T>(value: T) => Array.from({ length: this.rows }, () => new Array<T>(this.columns).fill(value));
    this.values = blank<unknown>(null);
    this.formats = blank("General");
    this.fills = blank<string | null>(null);
    this.formulas = blank<string | null>(null);
  }
}

/** The sample's cells that lie in the used range: enough of them to judge a cell's cost by? */
const SAMPLE_ROWS = 64;
const SAMPLE_COLUMNS = 16;
const SAMPLE_ENOUGH = 64;

/**
 * Response bytes per cell (value and number format) for sizing a sheet's reads: what the
 * sampled cells inside the used range cost, with a margin, or the fixed guess when the sample
 * missed the data (a table far from A1).
 */
function sampledCellBytes(rect: Rect, values: unknown[][], formats: unknown[][]): number {
  let bytes = 0;
  let cells = 0;
  values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (r < rect.top || r > rect.bottom || c < rect.left || c > rect.right) return;
      bytes += jsonBytes(value) + jsonBytes(formats[r]?.[c] ?? "General") + 2;
      cells++;
    }),
  );
  return cells >= SAMPLE_ENOUGH ? (bytes / cells) * READ_MARGIN : READ_VALUE_BYTES + READ_FORMAT_BYTES;
}

function queueCells(queue: ReadQueue, sheet: Excel.Worksheet, grid: Grid, cellBytes: number): void {
  const part: ReadPart = {
    rows: grid.rows,
    rowBytes: grid.columns * cellBytes,
    fixedBytes: CALL_BYTES,
    columns: grid.columns,
    queue: (start, count) => {
      const range = sheet.getRangeByIndexes(grid.rect.top + start, grid.rect.left, count, grid.columns);
      range.load("values, numberFormat");
      return () => storeCells(grid, start, range, part);
    },
  };
  queue.add(part);
}

/**
 * Copies a piece's cells into the grid. ReadQueue calls it once the sync that loaded them is
 * back (the lint rules cannot follow a read into a callback, so it takes the range as given).
 */
function storeCells(grid: Grid, start: number, loaded: Excel.Range, part: ReadPart): void {
  const values = loaded.values;
  const formats = loaded.numberFormat;
  values.forEach((row, r) => row.forEach((v, c) => (grid.values[start + r]![c] = v === "" ? null : v)));
  formats.forEach((row, r) => row.forEach((f, c) => (grid.formats[start + r]![c] = String(f))));
  // Size the rest of this sheet's rows by what these cost: measured on rows spread through the
  // piece, since measuring every row of a 4 MB piece would hold the pane's thread for tens of ms.
  if (start + values.length < grid.rows) part.rowBytes = sampledRowBytes(values, formats) * READ_MARGIN;
}

/** Rows of a piece whose JSON is measured to size the next piece. */
const MEASURED_ROWS = 256;

/** Average JSON bytes of a row's values and formats, from at most MEASURED_ROWS rows spread evenly through them. */
export function sampledRowBytes(values: readonly unknown[][], formats: readonly unknown[][]): number {
  const rows = values.length;
  if (rows === 0) return 0;
  const step = Math.max(1, Math.floor(rows / MEASURED_ROWS));
  let bytes = 0;
  let measured = 0;
  for (let r = 0; r < rows; r += step) {
    // A row's share of the array's brackets and commas, as when the whole piece was measured.
    bytes += jsonBytes(values[r]) + jsonBytes(formats[r] ?? []) + 2;
    measured++;
  }
  return bytes / measured;
}

/**
 * Fills: when the whole used range has one fill (often none at all), that is the answer. A small
 * mixed range is read cell by cell with getCellProperties in the same sync as the values. A
 * large one asks each column first (most are uniform), then reads only the mixed columns cell by
 * cell, in the syncs the values go in anyway.
 */
function queueFills(queue: ReadQueue, sheet: Excel.Worksheet, grid: Grid, uniform: string | null): void {
  if (uniform !== null) {
    const colour = fillOf(uniform);
    if (colour !== null) for (const row of grid.fills) row.fill(colour);
    return;
  }
  const cellsRead = (column: number, columns: number) => ({
    rows: grid.rows,
    rowBytes: columns * READ_FILL_BYTES,
    fixedBytes: CALL_BYTES,
    columns,
    queue: (start: number, count: number) => {
      const range = sheet.getRangeByIndexes(grid.rect.top + start, grid.rect.left + column, count, columns);
      const cells = range.getCellProperties({ format: { fill: { color: true } } });
      return () => {
        cells.value.forEach((row, r) => row.forEach((cell, c) => (grid.fills[start + r]![column + c] = fillOf(cell.format?.fill?.color ?? null))));
      };
    },
  });
  if (grid.rows * grid.columns * READ_FILL_BYTES <= PAYLOAD_BUDGET / 4) {
    queue.add(cellsRead(0, grid.columns));
    return;
  }
  queue.add({
    rows: grid.columns,
    // A column's probe is three objects and a load on the way out, whatever small answer comes back.
    rowBytes: 4 * CALL_BYTES,
    fixedBytes: 0,
    queue: (start, count) => {
      const fills = Array.from({ length: count }, (_, i) => {
        const fill = sheet.getRangeByIndexes(grid.rect.top, grid.rect.left + start + i, grid.rows, 1).format.fill;
        fill.load("color");
        return fill;
      });
      return () =>
        fills.forEach((fill, i) => {
          const column = start + i;
          if (fill.color === null) queue.add(cellsRead(column, 1));
          else {
            const colour = fillOf(fill.color);
            for (const row of grid.fills) row[column] = colour;
          }
        });
    },
  });
}

/**
 * Formulas only where the cells hold them (getSpecialCells found them with the used range), so a
 * sheet of plain values costs nothing here; each area is read in row pieces like the values.
 */
function queueFormulas(queue: ReadQueue, sheet: Excel.Worksheet, grid: Grid, address: string, fromExcel: (formula: string) => string): void {
  for (const piece of splitAreas(address)) {
    const ref = parseReference(piece);
    // Only what lies in the grid: the used range, or its values alone where formatting alone takes it past the limits.
    const area = ref ? intersection(ref.range, grid.rect) : null;
    if (!area) continue;
    const columns = area.right - area.left + 1;
    queue.add({
      rows: area.bottom - area.top + 1,
      rowBytes: columns * READ_FORMULA_BYTES,
      fixedBytes: CALL_BYTES,
      columns,
      queue: (start, count) => {
        const range = sheet.getRangeByIndexes(area.top + start, area.left, count, columns);
        range.load("formulas");
        return () =>
          range.formulas.forEach((row, r) =>
            row.forEach((f, c) => {
              if (typeof f === "string" && f.startsWith("=")) grid.formulas[area.top + start + r - grid.rect.top]![area.left + c - grid.rect.left] = fromExcel(f);
            }),
          );
      },
    });
  }
}

function fillOf(colour: string | null): string | null {
  if (colour === null || colour === undefined) return null;
  const upper = colour.toUpperCase();
  return upper === NO_FILL ? null : upper;
}

async function missingSheet(context: Excel.RequestContext, names: string[], original: unknown): Promise<unknown> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const have = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const missing = names.find((n) => !have.has(String(n).toLowerCase()));
  return missing === undefined ? original : new Error(`There is no sheet called "${missing}".`);
}

// ---------------------------------------------------------------------------------------------
// What apply must read before planning

interface PreReadNeeds {
  tableRanges: boolean;
  headers: { sheet: string; row: number; left: number; width: number }[];
  dateCells: { sheet: string; column: number; top: number; count: number }[];
}

/**
 * Cells of existing sheets the batch depends on: the header rows of tables it adds (the planner
 * checks them), and the current formats of cells it writes dates to without a format (a date
 * gets dd/mm/yyyy only where the cell's format is General, as in the other adapters). Sheet
 * names are resolved as the planner will: once the batch adds a sheet it asked for by a name,
 * later operations naming it mean the new sheet, which has nothing to read.
 */
function preReadNeeds(operations: readonly WorkbookOperation[], existing: readonly string[], tablesExist: boolean): PreReadNeeds {
  const needs: PreReadNeeds = { tableRanges: false, headers: [], dateCells: [] };
  const byName = new Map(existing.map((name) => [name.toLowerCase(), name]));
  const redirected = new Set<string>();
  const batch: PreReadBatch = {
    needs,
    tablesExist,
    redirected,
    existing: (named) => {
      const lower = typeof named === "string" ? named.toLowerCase() : null;
      return lower !== null && !redirected.has(lower) ? byName.get(lower) : undefined;
    },
  };
  for (const op of operations) {
    // Malformed operations read nothing: the planner refuses them in its own words.
    if (typeof op !== "object" || op === null || !handles(preReads, op.kind)) continue;
    dispatch(preReads, op, batch);
  }
  return needs;
}

interface PreReadBatch {
  needs: PreReadNeeds;
  tablesExist: boolean;
  /** Sheet names (lower case) the batch adds: later operations naming them mean the new sheet. */
  redirected: Set<string>;
  /** The existing sheet an operation names, unless the batch has added one by that name. */
  existing(named: unknown): string | undefined;
}

const readsNothing = (): void => undefined;

/**
 * What each kind must have read before planning. A record, so a kind added to the port says
 * here whether it depends on cells already in the workbook. The operations are not yet checked.
 */
const preReads: Handlers<WorkbookOperation, void, [PreReadBatch]> = {
  addSheet: (op, batch) => {
    if (typeof op.name === "string") batch.redirected.add(op.name.toLowerCase());
  },
  addTable: (op, batch) => {
    if (batch.tablesExist) batch.needs.tableRanges = true;
    const sheet = batch.existing(op.sheet);
    const rect = typeof op.range === "string" ? parseAddress(op.range) : null;
    if (sheet !== undefined && rect) batch.needs.headers.push({ sheet, row: rect.top, left: rect.left, width: rect.right - rect.left + 1 });
  },
  write: (op, batch) => {
    const sheet = batch.existing(op.sheet);
    if (sheet === undefined || !Array.isArray(op.values)) return;
    // A write on a sheet that may hold a table is checked against the tables' ranges (the row under, the column beside).
    if (batch.tablesExist) batch.needs.tableRanges = true;
    const at = typeof op.at === "string" ? parseAddress(op.at) : null;
    if (!at) return;
    const formatted = (c: number) => typeof op.numberFormats === "string" || (Array.isArray(op.numberFormats) && typeof op.numberFormats[c] === "string" && op.numberFormats[c] !== "");
    const rowsByColumn = new Map<number, number[]>();
    op.values.forEach((row, r) => {
      if (!Array.isArray(row)) return;
      row.forEach((v, c) => {
        if (!(v instanceof Date) || formatted(c)) return;
        const list = rowsByColumn.get(c) ?? [];
        list.push(at.top + r);
        rowsByColumn.set(c, list);
      });
    });
    for (const [c, rows] of rowsByColumn) for (const [top, count] of runs(rows)) batch.needs.dateCells.push({ sheet, column: at.left + c, top, count });
  },
  numberFormat: readsNothing,
  fill: readsNothing,
  font: readsNothing,
  columnWidths: readsNothing,
  wrap: readsNothing,
  conditionalFill: readsNothing,
  listValidation: readsNothing,
  namedRange: readsNothing,
  lineChart: readsNothing,
  freeze: readsNothing,
};

/**
 * What to tell the user when Excel refused one of a write's syncs: the changes made, the ones
 * perhaps made in part, and those not made, in the change log's words. "Nothing was changed" only
 * when the first sync was refused before anything in it could be made is not something Excel
 * promises, so even then the message says what to look at.
 */
function stoppedPartWay(error: SyncRefused, syncs: SyncPlan, changes: readonly string[]): WriteStopped {
  const { made, partly, notMade } = syncs.outcome(error.batch);
  const words = (list: number[]) => {
    const shown = list.slice(0, 5).map((i) => changes[i]!.replace(/\.$/, ""));
    return `${shown.join("; ")}${list.length > 5 ? `; and ${list.length - 5} more` : ""}`;
  };
  const editing = isCellEditRefusal(error.refusal);
  const reason = editing ? CELL_EDIT_REASON : oneLineMessage(error.refusal);
  const parts = [
    made.length > 0 ? `Made: ${words(made)}.` : "",
    partly.length > 0 ? `${made.length > 0 ? "Perhaps made in part" : "Excel may have made some of these before stopping"}: ${words(partly)}.` : "",
    notMade.length > 0 ? `Not made: ${words(notMade)}.` : "",
    // An Excel that cannot hold a batch until an edit ends refuses it instead (run.ts).
    editing ? "Finish the edit (Enter or Esc) first." : "",
  ].filter((p) => p !== "");
  return new WriteStopped(
    `Excel stopped ${made.length > 0 ? "part-way through" : "at"} the change (${reason}). ${parts.join(" ")}`,
    made.map((i) => changes[i]!),
    partly.map((i) => changes[i]!),
    notMade.map((i) => changes[i]!),
  );
}

function oneLineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!.replace(/\.$/, "");
}

/** A write on a sheet already in the workbook (not one the batch adds), with the cells it covers. */
interface ExistingWrite {
  sheet: string;
  rect: Rect;
  values: unknown[][];
}

/**
 * The batch's writes that land on sheets already there, in order: what the checks before a write
 * (merged cells, spills) look at. A sheet the batch adds under a name in use is a new sheet (the
 * planner sends later writes there), so writes naming it are left out.
 */
function existingSheetWrites(operations: readonly WorkbookOperation[], existing: readonly string[]): ExistingWrite[] {
  const names = new Map(existing.map((n) => [n.toLowerCase(), n]));
  const added = new Set<string>();
  const writes: ExistingWrite[] = [];
  for (const op of operations) {
    if (typeof op !== "object" || op === null) continue;
    if (op.kind === "addSheet" && typeof op.name === "string") added.add(op.name.toLowerCase());
    if (op.kind !== "write" || typeof op.sheet !== "string" || !Array.isArray(op.values)) continue;
    const sheet = names.get(op.sheet.toLowerCase());
    const at = typeof op.at === "string" ? parseAddress(op.at) : null;
    if (!sheet || added.has(op.sheet.toLowerCase()) || !at) continue;
    const width = op.values.reduce((w, row) => Math.max(w, Array.isArray(row) ? row.length : 0), 0);
    if (op.values.length === 0 || width === 0) continue;
    writes.push({ sheet, rect: { top: at.top, left: at.left, bottom: at.top + op.values.length - 1, right: at.left + width - 1 }, values: op.values });
  }
  return writes;
}

/**
 * The cells to ask whether another cell's dynamic array spills into them: the cells the pane
 * writes on sheets already there (statuses, re-entered formulas) are few, so each is asked; past
 * SPILL_CHECKS cells in one batch the rest go unasked rather than slow it.
 */
const SPILL_CHECKS = 2000;

function spillChecks(writes: readonly ExistingWrite[]): { sheet: string; row: number; column: number }[] {
  const cells: { sheet: string; row: number; column: number }[] = [];
  for (const w of writes) {
    w.values.forEach((row, r) => {
      if (!Array.isArray(row)) return;
      row.forEach((_, c) => {
        if (cells.length < SPILL_CHECKS) cells.push({ sheet: w.sheet, row: w.rect.top + r, column: w.rect.left + c });
      });
    });
  }
  return cells;
}

/** Each sheet's writes as one rectangle around them all: where merged cells are looked for. */
function mergeChecks(writes: readonly ExistingWrite[]): { sheet: string; rect: Rect }[] {
  const around = new Map<string, Rect>();
  for (const { sheet, rect } of writes) {
    const seen = around.get(sheet);
    around.set(sheet, seen ? { top: Math.min(seen.top, rect.top), left: Math.min(seen.left, rect.left), bottom: Math.max(seen.bottom, rect.bottom), right: Math.max(seen.right, rect.right) } : rect);
  }
  return [...around].map(([sheet, rect]) => ({ sheet, rect }));
}

/** The first merged area a write would cover only part of, as "'Plan'!B4:C4", or null. */
function cutMergedAreas(writes: readonly ExistingWrite[], merged: readonly { sheet: string; rect: Rect }[]): string | null {
  for (const { sheet, rect } of writes) {
    for (const m of merged) {
      if (m.sheet !== sheet) continue;
      if (overlaps(m.rect, rect) && !contains(rect, m.rect)) return `${quoteSheet(m.sheet)}!${formatAddress(m.rect)}`;
    }
  }
  return null;
}

/** The protected sheets the operations would change (sheets the batch adds itself are new, so unprotected). */
function protectedTargets(operations: readonly WorkbookOperation[], locked: readonly string[]): string[] {
  if (locked.length === 0) return [];
  const byName = new Map(locked.map((n) => [n.toLowerCase(), n]));
  const added = new Set<string>();
  const hit = new Set<string>();
  for (const op of operations) {
    if (typeof op !== "object" || op === null) continue;
    if (op.kind === "addSheet" && typeof op.name === "string") added.add(op.name.toLowerCase());
    const sheet = "sheet" in op && typeof op.sheet === "string" ? op.sheet.toLowerCase() : null;
    if (sheet && !added.has(sheet) && byName.has(sheet)) hit.add(byName.get(sheet)!);
  }
  return [...hit];
}

/** What a read needs of each sheet before the cells: the used range and a sample of the top-left cells. */
interface SheetParts {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  /** The used range counting cells with values only (getUsedRange(valuesOnly)). */
  values: Excel.Range;
  sample: Excel.Range;
}

interface Probed {
  parts: readonly SheetParts[];
  probes: { fill: string | null; formulas: string[] }[];
  rects: (Rect | null)[];
}

/** The sheets probed were not the workbook's as it is: `listed` holds its sheets when they came back. */
interface Stale {
  stale: true;
  listed: Excel.Worksheet[] | null;
}

/**
 * One sync for each sheet's name, used range (all of it, and its values alone), a sample of its
 * top-left cells, whether its fill is one colour, and where its formulas are; then the rectangle
 * to read on each, within the limits (rectsToRead). With `listed` (the workbook's sheet names,
 * loaded for the same sync), the sheets were guessed from the last read: Stale when the guess was
 * wrong. A probe refused as too large is asked again in bands (bandedProbes).
 */
async function probeSheets(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  { names, listed, signal }: { names?: string[]; listed?: Excel.WorksheetCollection; signal: AbortSignal | undefined },
): Promise<Probed | Stale> {
  if (sheets.length === 0) return { parts: [], probes: [], rects: [] };
  // A sample of each sheet's top-left cells, to size the reads by this workbook's own text
  // rather than a guess; at most about 1 MB in all, however many sheets there are.
  const sampleRows = Math.max(8, Math.min(SAMPLE_ROWS, Math.floor(1_000_000 / (Math.max(1, sheets.length) * SAMPLE_COLUMNS * 60))));
  const found = sheets.map((sheet) => {
    sheet.load("name");
    const sample = sampleOf(sheet, sampleRows);
    const used = sheet.getUsedRangeOrNullObject();
    used.load("address");
    // The cells holding values, apart from those that only carry formatting: what the limits are judged by.
    const values = sheet.getUsedRangeOrNullObject(true);
    values.load("address");
    // getUsedRange gives A1 for a blank sheet rather than a null object, so the calls below
    // are safe on every sheet; the null object above says whether the sheet is blank. The
    // whole used range's fill is one colour when uniform (often no fill at all), else null.
    const fill = sheet.getUsedRange().format.fill;
    fill.load("color");
    const formulaCells = sheet.getUsedRange().getSpecialCellsOrNullObject("Formulas");
    formulaCells.load("address");
    return { sheet, used, values, fill, formulaCells, sample };
  });
  stopIfCancelled(signal);
  try {
    await context.sync();
  } catch (error) {
    // A sheet of the guess renamed or deleted since (or anything else refused): ask for the names first.
    if (listed) return { stale: true, listed: null };
    if (names !== undefined && codeOf(error) === ITEM_NOT_FOUND) throw await missingSheet(context, names, error);
    // Asking again cannot help while a cell is being edited.
    if (isCellEditRefusal(error)) throw error;
    // A used range over Excel's five million cells a get can refuse the whole-range probes:
    // then they are asked again in bands of rows under the limit, with new objects throughout,
    // since office.js will not send again one made in the request Excel refused.
    return bandedProbes(context, sheets, sampleRows, error, signal);
  }
  if (listed) {
    const actual = listed.items.map((sheet) => sheet.name);
    if (actual.length !== found.length || actual.some((name, i) => name !== found[i]!.sheet.name)) return { stale: true, listed: listed.items };
  }
  return {
    parts: found,
    probes: found.map(({ fill, formulaCells }) => ({ fill: fill.color, formulas: formulaCells.isNullObject ? [] : [formulaCells.address] })),
    rects: rectsToRead(found),
  };
}

/**
 * The rectangle to read on each sheet (null for a blank one), once the sheets' used ranges are
 * loaded: a TooLarge, before any cell is read, when the cells holding values are beyond
 * WORK_LIMITS, with the message a file beyond them gets. Excel's used range also takes in cells
 * that only carry formatting (a fill or a number format down a whole column): those are not
 * counted against the limits, and where they alone take the used range past them, the read
 * keeps to the cells from the first value to the last.
 */
function rectsToRead(parts: readonly SheetParts[]): (Rect | null)[] {
  let held = 0;
  let read = 0;
  return parts.map(({ sheet, used, values }) => {
    const full = used.isNullObject ? null : rectOf(used.address);
    const span = values.isNullObject ? null : rectOf(values.address);
    if (span) {
      const rows = span.bottom - span.top + 1;
      const columns = span.right - span.left + 1;
      requireShape(`The sheet “${sheet.name}” (its values span ${formatAddress(span)})`, rows, columns, held);
      held += rows * columns;
    }
    if (!full) return null;
    const fullRows = full.bottom - full.top + 1;
    const fullCells = fullRows * (full.right - full.left + 1);
    const rect = fullRows <= WORK_LIMITS.rows && read + fullCells <= WORK_LIMITS.cells ? full : span;
    if (rect) read += (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    return rect;
  });
}

function intersection(a: Rect, b: Rect): Rect | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/** A sheet's top-left cells, whose text sizes its reads. */
function sampleOf(sheet: Excel.Worksheet, sampleRows: number): Excel.Range {
  const sample = sheet.getRangeByIndexes(0, 0, sampleRows, SAMPLE_COLUMNS);
  sample.load("values, numberFormat");
  return sample;
}

/**
 * The whole-used-range probes (one fill colour, the cells holding formulas) asked again in bands
 * of rows, each under Excel's five million cells a get: one sync for the used ranges and the
 * samples, one for the bands. A band's fill that differs from another's, or is mixed, makes the
 * sheet's fill mixed (null). If a sheet still cannot be probed, the first refusal stands.
 *
 * Every range is made anew: office.js marks the objects a method made in a request as invalid
 * once the request is sent, and only a successful response gives them back a reference
 * (ClientRequest.invalidatePendingInvalidObjectPaths; ObjectPath.updateUsingObjectData), so a
 * range from the refused request fails with InvalidObjectPath as soon as it is used again. The
 * worksheets themselves (collection items, or getItem's) stay valid.
 */
async function bandedProbes(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  sampleRows: number,
  refusal: unknown,
  signal: AbortSignal | undefined,
): Promise<{ parts: SheetParts[]; probes: { fill: string | null; formulas: string[] }[]; rects: (Rect | null)[] }> {
  // Nothing the refused sync asked for was loaded: the names, samples and used ranges again.
  const parts = sheets.map((sheet): SheetParts => {
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject();
    used.load("address");
    const values = sheet.getUsedRangeOrNullObject(true);
    values.load("address");
    return { sheet, used, values, sample: sampleOf(sheet, sampleRows) };
  });
  stopIfCancelled(signal);
  try {
    await context.sync();
  } catch {
    throw refusal;
  }
  // Beyond the limits is said before the bands are asked for.
  const rects = rectsToRead(parts);
  const bands = parts.map(({ sheet }, i) => {
    const rect = rects[i];
    if (!rect) return [];
    const columns = rect.right - rect.left + 1;
    const rows = Math.max(1, Math.floor(MAX_GET_CELLS / columns));
    const out: { fill: Excel.RangeFill; formulas: Excel.RangeAreas }[] = [];
    for (let top = rect.top; top <= rect.bottom; top += rows) {
      const height = Math.min(rows, rect.bottom - top + 1);
      const fill = sheet.getRangeByIndexes(top, rect.left, height, columns).format.fill;
      fill.load("color");
      const formulas = sheet.getRangeByIndexes(top, rect.left, height, columns).getSpecialCellsOrNullObject("Formulas");
      formulas.load("address");
      out.push({ fill, formulas });
    }
    return out;
  });
  stopIfCancelled(signal);
  try {
    await context.sync();
  } catch {
    throw refusal;
  }
  const probes = bands.map((list) => {
    const colours = new Set(list.map((b) => b.fill.color));
    return {
      fill: colours.size === 1 ? [...colours][0]! : null,
      formulas: list.filter((b) => !b.formulas.isNullObject).map((b) => b.formulas.address),
    };
  });
  return { parts, probes, rects };
}

/** A table range the planner will not compare: a rectangle off the sheet overlaps nothing. */
const NOT_READ: Rect = { top: -1, left: -1, bottom: -1, right: -1 };

function cellKey(sheet: string, row: number, column: number): string {
  return `${sheet.toLowerCase()}\u0000${row}\u0000${column}`;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Worksheet proxies by name: the one `worksheets.add` gave for a sheet added in this batch. */
class SheetProxies {
  private readonly proxies = new Map<string, Excel.Worksheet>();

  constructor(private readonly context: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let sheet = this.proxies.get(key);
    if (!sheet) {
      sheet = this.context.workbook.worksheets.getItem(name);
      this.proxies.set(key, sheet);
    }
    return sheet;
  }

  add(name: string): void {
    this.proxies.set(name.toLowerCase(), this.context.workbook.worksheets.add(name));
  }
}

type Planned<K extends PlannedOperation["kind"]> = Extract<PlannedOperation, { kind: K }>;

/** A format set by an operation earlier in the batch, for deciding a date's format. */
interface FormatSet {
  sheet: string;
  rect: Rect;
  format: (row: number, column: number) => string | undefined;
}

class Writer {
  private readonly syncs = new SyncPlan();
  private readonly formatsSet: FormatSet[] = [];
  /** Single-cell fills, last one wins, sent together as cell properties at the end. */
  private readonly cellFills = new Map<string, Map<number, Map<number, string>>>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly sheets: SheetProxies,
    private readonly existing: ReadonlySet<string>,
    private readonly formatsBefore: ReadonlyMap<string, string>,
    private readonly toExcel: (formula: string) => string,
  ) {}

  plan(operations: readonly PlannedOperation[]): SyncPlan {
    operations.forEach((op, i) => {
      this.syncs.forOperations([i]);
      if (op.kind === "fill") this.fillOperations.push(i);
      this.operation(op);
    });
    // Single-cell fills go together at the end: they belong to every fill operation gathered.
    this.syncs.forOperations(this.fillOperations);
    this.flushCellFills();
    return this.syncs;
  }

  /** Fill operations, whose single-cell fills are sent together at the end. */
  private readonly fillOperations: number[] = [];

  private operation(op: PlannedOperation): void {
    dispatch(this.handlers, op);
  }

  /**
   * A record, not a switch: a kind the planner gains does not compile until it is queued here.
   * Handlers only queue work on the sync plan; the syncs stay in SyncPlan.send.
   */
  private readonly handlers: Handlers<PlannedOperation, void> = {
    addSheet: (op) => {
      this.syncs.add(CALL_BYTES + utf8Length(op.name), () => this.sheets.add(op.name));
    },
    write: (op) => this.write(op),
    numberFormat: (op) => {
      this.formatsSet.push({ sheet: op.sheet, rect: op.range, format: () => op.format });
      this.syncs.add(2 * CALL_BYTES + utf8Length(op.format), () => setAll(this.range(op.sheet, op.range), "numberFormat", op.format));
    },
    fill: (op) => this.fill(op),
    font: (op) => {
      this.syncs.add(4 * CALL_BYTES, () => {
        const font = this.range(op.sheet, op.range).format.font;
        if (op.bold !== undefined) font.bold = op.bold;
        if (op.italic !== undefined) font.italic = op.italic;
        if (op.colour !== undefined) font.color = op.colour;
      });
    },
    wrap: (op) => {
      this.syncs.add(3 * CALL_BYTES, () => {
        const format = this.range(op.sheet, op.range).format;
        format.wrapText = true;
        format.verticalAlignment = "Top";
      });
    },
    columnWidths: (op) => {
      this.syncs.add(op.widths.length * 3 * CALL_BYTES, () => {
        const sheet = this.sheets.get(op.sheet);
        // Setting the width of one cell sets its column's.
        for (const w of op.widths) sheet.getRangeByIndexes(0, w.column, 1, 1).format.columnWidth = columnWidthPoints(w.width);
      });
    },
    addTable: (op) => {
      this.syncs.add(4 * CALL_BYTES + utf8Length(op.name + op.style), () => {
        // A Range rather than an address: a bare address would be taken on the active sheet.
        const table = this.sheets.get(op.sheet).tables.add(this.range(op.sheet, op.range), true);
        table.name = op.name;
        table.style = op.style;
      });
    },
    conditionalFill: (op) => {
      this.syncs.add(6 * CALL_BYTES + utf8Length(op.text) * 2, () => this.conditionalFill(op));
    },
    listValidation: (op) => {
      const source = "list" in op.source ? op.source.list.join(",") : `=${op.source.reference}`;
      this.syncs.add(4 * CALL_BYTES + utf8Length(source), () => {
        const validation = this.range(op.sheet, op.range).dataValidation;
        // A range that already has a rule of another kind refuses a new one until cleared.
        validation.clear();
        validation.rule = { list: { inCellDropDown: true, source } };
      });
    },
    namedRange: (op) => {
      this.syncs.add(3 * CALL_BYTES + utf8Length(op.name), () => this.context.workbook.names.add(op.name, this.range(op.sheet, op.range)));
    },
    lineChart: (op) => {
      this.syncs.add((8 + 4 * op.series.length) * CALL_BYTES + utf8Length(op.title) + jsonBytes(op.series), () => this.lineChart(op));
    },
    freeze: (op) => {
      this.syncs.add(4 * CALL_BYTES, () => {
        const sheet = this.sheets.get(op.sheet);
        const panes = sheet.freezePanes;
        // Replace whatever was frozen, as the other adapters do.
        panes.unfreeze();
        if (op.rows > 0 && op.columns > 0) panes.freezeAt(sheet.getRangeByIndexes(0, 0, op.rows, op.columns));
        else if (op.rows > 0) panes.freezeRows(op.rows);
        else if (op.columns > 0) panes.freezeColumns(op.columns);
      });
    },
  };

  /**
   * A block, in row pieces sized to the payload budget. Each piece sets its number formats
   * first — one format per run of columns or dates, not one per cell — then its values, so text
   * lands in a cell already formatted as text.
   */
  private write(op: Planned<"write">): void {
    const range = op.range;
    if (!range) return;
    const width = range.right - range.left + 1;
    const columnFormats = Array.from({ length: width }, (_, c) => op.cells[0]?.[c]?.format);
    const formatRuns: { from: number; count: number; format: string }[] = [];
    columnFormats.forEach((format, c) => {
      if (format === undefined) return;
      const last = formatRuns[formatRuns.length - 1];
      if (last && last.format === format && last.from + last.count === c) last.count++;
      else formatRuns.push({ from: c, count: 1, format });
    });

    // Dates written without a format get the date format where the cell's format is General.
    const dateRows = new Map<number, Set<number>>();
    op.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell.date || cell.format !== undefined) return;
        if (this.formatBefore(op.sheet, range.top + r, range.left + c) !== "General") return;
        const rows = dateRows.get(c) ?? new Set<number>();
        rows.add(r);
        dateRows.set(c, rows);
      }),
    );
    const dateRuns = [...dateRows].flatMap(([c, rows]) => runs([...rows]).map(([from, count]) => ({ column: c, from, count })));

    const grid = op.cells.map((row) => row.map((cell) => (cell.formula !== null ? this.toExcel(cell.formula) : cellInput(cell))));
    const formulas = op.cells.some((row) => row.some((cell) => cell.formula !== null));
    const rowBytes = grid.map((row) => jsonBytes(row) + 1);
    for (const run of dateRuns) rowBytes[run.from]! += 2 * CALL_BYTES;
    const fixed = (2 + formatRuns.length) * CALL_BYTES + formatRuns.reduce((n, f) => n + utf8Length(f.format), 0);

    this.syncs.addRows(rowBytes, fixed, (start, count) => {
      const sheet = this.sheets.get(op.sheet);
      const top = range.top + start;
      for (const f of formatRuns) setAll(sheet.getRangeByIndexes(top, range.left + f.from, count, f.count), "numberFormat", f.format);
      for (const run of dateRuns) {
        const from = Math.max(run.from, start);
        const to = Math.min(run.from + run.count, start + count);
        if (from < to) setAll(sheet.getRangeByIndexes(range.top + from, range.left + run.column, to - from, 1), "numberFormat", DEFAULT_DATE_FORMAT);
      }
      const block = sheet.getRangeByIndexes(top, range.left, count, width);
      const rows = grid.slice(start, start + count);
      if (formulas) block.formulas = rows;
      else block.values = rows;
    });

    this.formatsSet.push({
      sheet: op.sheet,
      rect: range,
      format: (row, column) => {
        const cell = op.cells[row - range.top]?.[column - range.left];
        if (cell?.format !== undefined) return cell.format;
        return dateRows.get(column - range.left)?.has(row - range.top) ? DEFAULT_DATE_FORMAT : undefined;
      },
    });
  }

  /** A cell's number format as the batch has left it so far. */
  private formatBefore(sheet: string, row: number, column: number): string {
    for (let i = this.formatsSet.length - 1; i >= 0; i--) {
      const set = this.formatsSet[i]!;
      if (set.sheet !== sheet || !(set.rect.top <= row && row <= set.rect.bottom && set.rect.left <= column && column <= set.rect.right)) continue;
      const format = set.format(row, column);
      if (format !== undefined) return format;
    }
    if (!this.existing.has(sheet)) return "General";
    return this.formatsBefore.get(cellKey(sheet, row, column)) ?? "General";
  }

  /**
   * A fill of one cell with a colour is gathered with the others and sent at the end as cell
   * properties, one call per run of cells down a column: filling 20,000 status cells this way is
   * one request of about 0.8 MB instead of 20,000 range objects (about 10 MB). That reordering is
   * safe because no other operation changes a cell's fill; a later fill of a larger range or a
   * clear, sent in its place, drops the gathered cells it covers, so the last fill still wins.
   */
  private fill(op: Planned<"fill">): void {
    const r = op.range;
    if (op.colour !== null && r.top === r.bottom && r.left === r.right) {
      let columns = this.cellFills.get(op.sheet);
      if (!columns) this.cellFills.set(op.sheet, (columns = new Map()));
      let rows = columns.get(r.left);
      if (!rows) columns.set(r.left, (rows = new Map()));
      rows.set(r.top, op.colour);
      return;
    }
    const gathered = this.cellFills.get(op.sheet);
    if (gathered) {
      for (const [column, rows] of gathered) {
        if (column < r.left || column > r.right) continue;
        for (const row of [...rows.keys()]) if (row >= r.top && row <= r.bottom) rows.delete(row);
      }
    }
    const colour = op.colour;
    this.syncs.add(4 * CALL_BYTES, () => {
      const fill = this.range(op.sheet, r).format.fill;
      if (colour === null) fill.clear();
      else fill.color = colour;
    });
  }

  private flushCellFills(): void {
    for (const [sheetName, columns] of this.cellFills) {
      for (const [column, rows] of columns) {
        const sorted = [...rows.keys()].sort((a, b) => a - b);
        for (const [top, count] of runs(sorted)) {
          const cells = Array.from({ length: count }, (_, i) => [{ format: { fill: { color: rows.get(top + i)! } } }]);
          this.syncs.addRows(
            cells.map((c) => jsonBytes(c) + 1),
            2 * CALL_BYTES,
            (start, n) => this.sheets.get(sheetName).getRangeByIndexes(top + start, column, n, 1).setCellProperties(cells.slice(start, start + n)),
          );
        }
      }
    }
  }

  /**
   * "Cell value equal to" the text: Excel compares text ignoring case, as the port asks, and
   * "contains text" would also colour "Not green" or "Amber/Green".
   */
  private conditionalFill(op: Planned<"conditionalFill">): void {
    const format = this.range(op.sheet, op.range).conditionalFormats.add("CellValue");
    const rule = format.cellValue;
    rule.format.fill.color = op.fill;
    if (op.font) rule.format.font.color = op.font;
    rule.rule = { formula1: `="${op.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
  }

  /**
   * Made from the first series' row, then each series named and pointed at the categories;
   * further series are added to it. Series may come from other sheets.
   */
  private lineChart(op: Planned<"lineChart">): void {
    const [first, ...rest] = op.series;
    if (!first) return;
    const source = this.reference(first.values);
    const rows = first.values.range.bottom - first.values.range.top + 1;
    const columns = first.values.range.right - first.values.range.left + 1;
    const chart = this.sheets.get(op.sheet).charts.add("Line", source, rows === 1 ? "Rows" : columns === 1 ? "Columns" : "Auto");
    chart.title.text = op.title;
    chart.setPosition(this.range(op.sheet, op.at));
    const categories = this.reference(op.categories);
    const firstSeries = chart.series.getItemAt(0);
    firstSeries.name = first.name;
    firstSeries.setXAxisValues(categories);
    for (const s of rest) {
      const series = chart.series.add(s.name);
      series.setValues(this.reference(s.values));
      series.setXAxisValues(categories);
    }
  }

  private range(sheet: string, rect: Rect): Excel.Range {
    return this.sheets.get(sheet).getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
  }

  private reference(ref: PlannedReference): Excel.Range {
    return this.range(ref.sheet, ref.range);
  }
}

/**
 * A planned cell as Excel takes it. Empty is "", since null in a values array means "leave this
 * cell alone". Text Excel would reinterpret gets a leading apostrophe, Excel's own mark for
 * "this is text" (what a user types to keep "=1+1" or "00123" as written): it is not part of
 * the value read back, and it leaves the cell's number format alone, where formatting the cell
 * as text ("@") would replace a format the caller chose and cost a range object per cell. Cells
 * the write formats as text already keep what they are given.
 */
function cellInput(cell: PlannedCell): unknown {
  if (cell.formula !== null) return cell.formula;
  if (cell.value === null) return "";
  if (typeof cell.value === "string" && cell.format !== "@" && excelWouldReinterpret(cell.value)) return `'${cell.value}`;
  return cell.value;
}

/**
 * Sets one value for every cell of a range. Office.js documents that a single value (not a 2-D
 * array) given to `numberFormat` or `values` applies to the whole range; its types only declare
 * the array form.
 */
function setAll(range: Excel.Range, property: "numberFormat", value: string): void {
  (range as unknown as Record<typeof property, string>)[property] = value;
}

/** "'Savings plan'!B2:D4" → its rectangle; Excel's addresses always carry the sheet. */
function rectOf(address: string): Rect {
  const rect = parseAddress(address.slice(address.lastIndexOf("!") + 1));
  if (!rect) throw new Error(`Excel gave an address the office adapter cannot read: "${address}".`);
  return rect;
}

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}
