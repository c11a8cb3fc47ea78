import { looksLikeYear } from "../../figures";
import { maxOf } from "../../grid";
import { a1 } from "../location";
import type { RagKey } from "../../rag";
import type { SheetGrid } from "../types";
import { findTotals, crossFoot, variances, type SumRow } from "./arithmetic";
import type { ColumnEvidence, Evidence, Fit, KindRule } from "./kind-rule";
import { cellAt, figureInText, figuresInText, isDataLine, isTextualRow, nonBlank, typeLines } from "./lines";
import { isShare, isWordsColumn, meaningOf } from "./meaning";
import { expandRuns } from "./runs";
import { BLANK, isFigure, isText, typeCell, unitMentioned, valueOf, type CellKind, type TypedCell, type Unit } from "./typed";
import type { FigureColumn, ReadRow, Reading, ShapeKind, ShapeRole, TotalCheck, TypedLine } from "./types";

export interface ShapeOptions {
  /** Read every table as this kind (the user's Read as), with notes on what does not fit. */
  readonly kind?: ShapeKind;
  /** The workbook's own RAG key, found before the cells are typed. */
  readonly key?: RagKey;
}

/** Weak lines (blank, one cell) a table may run over before it ends. */
const MAX_GAP = 3;
/** Heading lines looked for above a table. */
const MAX_HEADING_LINES = 5;

interface Band {
  /** Indexes into the lines. */
  start: number;
  end: number;
  text: boolean;
}

/**
 * Every table in a grid, found by its shape: a band of rows with figures against labels, the
 * heading lines above it (however many it wraps over), its label column, its figure columns and
 * what each means, each row's role, and its arithmetic. Each kind weighs the band; the best fit
 * (or the kind the user chose) names it.
 */
export function readShapes(grid: SheetGrid, rules: ReadonlyMap<ShapeKind, KindRule>, options: ShapeOptions = {}): Reading[] {
  const expanded = expandRuns(typeLines(grid, options.key), options.key);
  const lines = expanded.lines;
  const bands = findBands(lines);
  const out: Reading[] = [];
  let previousEnd = -1;
  for (const band of bands) {
    const reading = readBand(grid, lines, band, previousEnd, rules, options, expanded.notes);
    out.push(reading);
    previousEnd = band.end;
  }
  return out;
}

function strong(line: TypedLine): boolean {
  return !line.comment && (nonBlank(line).length >= 2 || isTextualRow(line));
}

/** Weak lines a table of text may run over: a list of targets breaks between its items. */
const MAX_TEXT_GAP = 6;

/**
 * A grid of rows whose cells are nearly all words (an action plan, a scorecard of targets written
 * out): a stray figure in it (a "5" a PDF cut off a date) does not make a table of figures.
 */
function mostlyWords(lines: readonly TypedLine[]): boolean {
  let cells = 0;
  let figures = 0;
  for (const l of lines) {
    const filled = nonBlank(l);
    if (l.comment || filled.length < 2) continue;
    for (const j of filled.slice(1)) {
      cells++;
      if (isFigure(l.cells[j]!)) figures++;
    }
  }
  return cells >= 10 && figures < cells * 0.05;
}

/** Bands of data lines, running over two-cell lines and short runs of weak lines. */
function findBands(lines: readonly TypedLine[]): Band[] {
  if (mostlyWords(lines)) return textBands(lines);
  const data = lines.map(isDataLine);
  const bands: Band[] = [];
  let lastEnd = -1;
  let i = 0;
  while (i < lines.length) {
    if (!data[i]) {
      i++;
      continue;
    }
    let start = i;
    // Rows above the first row of figures that belong to it (an indicator whose figures sit on
    // the line below its name), up to the heading or a gap.
    let gap = 0;
    for (let k = i - 1; k > lastEnd; k--) {
      const l = lines[k]!;
      if (!strong(l)) {
        if (++gap > MAX_GAP) break;
        continue;
      }
      if (looksLikeHeading(l)) break;
      start = k;
      gap = 0;
    }
    let end = i;
    let j = i + 1;
    let weak = 0;
    while (j < lines.length) {
      if (data[j] || strong(lines[j]!)) {
        if (data[j] || weak <= MAX_GAP) {
          end = j;
          weak = 0;
        }
      } else if (++weak > MAX_GAP) break;
      j++;
    }
    bands.push({ start, end, text: false });
    lastEnd = end;
    i = end + 1;
  }
  if (bands.length > 0) return bands;
  return textBands(lines);
}

/**
 * A grid with no row of figures: rows of text (an action plan, a list of targets, an FOI answer).
 * A line with a cell past the first, or one stating a figure in its text, is a row.
 */
function textBands(lines: readonly TypedLine[]): Band[] {
  const row = lines.map((l) => {
    if (l.comment) return false;
    const filled = nonBlank(l);
    if (filled.length === 0) return false;
    if (filled.some((j) => j > 0)) return true;
    return figureInText(l.cells[filled[0]!]!.text);
  });
  const bands: Band[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!row[i]) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let weak = 0;
    for (let j = i + 1; j < lines.length; j++) {
      if (row[j]) {
        end = j;
        weak = 0;
      } else if (++weak > MAX_TEXT_GAP) break;
    }
    bands.push({ start, end, text: true });
    i = end + 1;
  }
  // A text table needs at least two rows to be one; or one line stating several figures (a slide
  // whose cells ran together past reading back), kept as one row so that it is not "no table".
  return bands.filter((b) => {
    const rows = row.slice(b.start, b.end + 1).filter(Boolean).length;
    if (rows >= 2) return true;
    const l = lines[b.start]!;
    const cell = nonBlank(l).length === 1 ? l.cells[nonBlank(l)[0]!]! : null;
    return cell !== null && figuresInText(cell.text, 3).length >= 3;
  });
}

function isHeadingLine(line: TypedLine): boolean {
  if (line.comment || isDataLine(line)) return false;
  const filled = nonBlank(line);
  if (filled.length === 0) return false;
  const first = line.cells[filled[0]!]!;
  if (first.kind === "ref" && filled.length > 1) return false;
  let long = 0;
  for (const j of filled) {
    const c = line.cells[j]!;
    if (c.kind === "figure" && !(c.figure && c.figure.value > 0 && looksLikeYear(c.figure))) return false;
    if (c.text.length > 90) long++;
  }
  if (long > 0 && long >= filled.length / 2) return false;
  if (filled.length >= 2) return true;
  // One cell: a heading only over a figure column (a wrapped heading's last part, a unit).
  return filled[0]! > 0;
}

const HEADING_WORDS = /\b(?:budget|forecast|outturn|variance|actual|target|baseline|total|balances?|funding|estimate|allocated|allocation|movement|previous|latest|opening|closing|brought|carried|spend|expenditure|income|change|rag|status|lead|date|ref|description|measures?|indicators?|kpi|comments?|phase|block|item|line|year|month|age|need|number|outcomes?|actions?|priority|owner|progress|headroom|shortfall|polarity|good is|traffic light)\b/i;

/** A heading line that says so: words a heading uses, years or units, or short cells only. */
function looksLikeHeading(line: TypedLine): boolean {
  if (!isHeadingLine(line)) return false;
  const filled = nonBlank(line).map((j) => line.cells[j]!);
  if (filled.some((c) => c.kind === "year" || c.kind === "unit" || HEADING_WORDS.test(c.text))) return true;
  return filled.length >= 2 && filled.every((c) => c.text.length <= 30);
}

/** A line inside a table that states its columns again (years, units), as a second table under the first does. */
function restatesHeadings(line: TypedLine): boolean {
  if (!isHeadingLine(line)) return false;
  const filled = nonBlank(line);
  if (filled.length < 2) return false;
  const kinds = filled.map((j) => line.cells[j]!.kind);
  return kinds.filter((k) => k === "year" || k === "unit").length >= 2 || (line.cells[0] ?? BLANK).kind === "blank";
}

function readBand(grid: SheetGrid, lines: readonly TypedLine[], bandFound: Band, previousEnd: number, rules: ReadonlyMap<ShapeKind, KindRule>, options: ShapeOptions, runNotes: ReadonlyMap<number, string>): Reading {
  const notes: string[] = [];
  const said = new Set<number>();
  for (let k = previousEnd + 1; k <= bandFound.end; k++) {
    const note = runNotes.get(lines[k]!.line);
    if (note && !said.has(lines[k]!.line)) {
      said.add(lines[k]!.line);
      notes.push(note);
    }
  }
  let band = bandFound;
  // Heading lines above the first row.
  const headingIdx: number[] = [];
  {
    // A section's name ("Early Years Block:") may stand between the heading and the first row.
    let sectionsPassed = 0;
    for (let k = band.start - 1; k > previousEnd && headingIdx.length < MAX_HEADING_LINES; k--) {
      const l = lines[k]!;
      if (nonBlank(l).length === 0) {
        if (headingIdx.length > 0) break;
        continue;
      }
      if (l.rule) continue;
      if (headingIdx.length === 0 && sectionsPassed < 2 && !band.text && nonBlank(l).length === 1 && nonBlank(l)[0] === 0 && sectionOrNote(l) === "section" && k - 1 > previousEnd && looksLikeHeading(lines[k - 1]!)) {
        sectionsPassed++;
        continue;
      }
      if (headingIdx.length === 0 ? !looksLikeHeading(l) : !isHeadingLine(l)) break;
      if (band.text && nonBlank(l).length < 2) break;
      headingIdx.unshift(k);
    }
  }
  // A text band's "heading" must look like one: short cells, none a sentence.
  if (band.text && headingIdx.length > 0) {
    const h = lines[headingIdx[headingIdx.length - 1]!]!;
    if (nonBlank(h).some((j) => h.cells[j]!.kind === "prose")) headingIdx.length = 0;
  }
  // A title straight above a list of single figures ("EHCP population by age group January
  // 2024" over ages and counts) heads its one column.
  let titleHeading = -1;
  if (!band.text && headingIdx.length === 0 && band.start > previousEnd + 1) {
    const above = lines[band.start - 1]!;
    const at = nonBlank(above);
    const figureCols = new Set<number>();
    let plain = true;
    for (let k = band.start; k <= band.end; k++) {
      lines[k]!.cells.forEach((c, j) => j > 0 && isFigure(c) && figureCols.add(j));
      if (isTextualRow(lines[k]!) || lines[k]!.split) plain = false;
    }
    if (!plain) figureCols.clear();
    const cell = at.length === 1 ? above.cells[at[0]!]! : null;
    if (cell && figureCols.size === 1 && cell.kind !== "ref" && !/[.!?:;]$/.test(cell.text) && cell.text.split(/\s+/).length <= 12 && !figureInText(cell.text)) {
      headingIdx.push(band.start - 1);
      titleHeading = [...figureCols][0]!;
    }
  }
  // A text table's first row of short cells over longer rows is its heading.
  if (band.text && headingIdx.length === 0 && band.end > band.start) {
    const first = lines[band.start]!;
    const cells = nonBlank(first).map((j) => first.cells[j]!);
    if (cells.length >= 3 && cells.every((c) => c.kind !== "prose" && c.text.length <= 40)) {
      headingIdx.push(band.start);
      band = { ...band, start: band.start + 1 };
    }
  }
  const bodyIdx: number[] = [];
  for (let k = band.start; k <= band.end; k++) bodyIdx.push(k);
  const dataIdx = bodyIdx.filter((k) => (band.text ? isTextRow(lines[k]!) : isDataLine(lines[k]!) || isTextualRow(lines[k]!)));
  const innerHeadings = band.text ? [] : bodyIdx.filter((k) => !isDataLine(lines[k]!) && restatesHeadings(lines[k]!));
  const dataAt = new Map(dataIdx.map((k, n) => [k, n]));
  const headingSet = new Set([...headingIdx, ...innerHeadings]);

  // Cells placed on the table's columns: headings put right where they lack their corner cell,
  // rows that lost their blanks spread back under the headings.
  const placed = new Map<number, TypedCell[]>();
  // Rows are placed as they are until something moves (copied then, never changed in place).
  for (const k of [...headingIdx, ...bodyIdx]) placed.set(k, lines[k]!.cells as TypedCell[]);
  // Where each placed cell of a row was pasted (0-based column), for findings that point at it.
  const source = new Map<number, number[]>();
  const sourceOf = (k: number): number[] => source.get(k) ?? (lines[k]!.run ? lines[k]!.cells.map(() => 0) : lines[k]!.cells.map((_, j) => j));
  if (titleHeading > 0) {
    const title = placed.get(headingIdx[0]!)!.find((c) => c.kind !== "blank")!;
    const row: TypedCell[] = [];
    row[titleHeading] = title;
    placed.set(headingIdx[0]!, Array.from(row, (c) => c ?? BLANK));
    notes.push(`The line above the rows, “${title.text}”, is read as the heading of their one column.`);
  }
  const maxFigures = maxOf(dataIdx.map((k) => lines[k]!.cells.filter((c) => isFigure(c)).length), 0);
  const labelsInFirst = dataIdx.filter((k) => isText(cellAt(lines[k]!, 0))).length >= dataIdx.length / 2;
  let shifted = false;
  if (!band.text && labelsInFirst) {
    const shapeOf = (k: number) => nonBlank(lines[k]!).join(",");
    const unitShift = headingIdx.filter((k) => cellAt(lines[k]!, 0).kind === "unit");
    const countShift = headingIdx.filter((k) => {
      const filled = nonBlank(lines[k]!);
      const first = cellAt(lines[k]!, 0);
      return filled[0] === 0 && filled.length === maxFigures && filled.length === filled[filled.length - 1]! + 1 && (first.kind === "year" || /\d|budget|forecast|outturn|balance|opening/i.test(first.text));
    });
    const shapes = new Set([...unitShift, ...countShift].map(shapeOf));
    for (const k of headingIdx) {
      if (shapes.has(shapeOf(k)) && cellAt(lines[k]!, 0).kind !== "blank") {
        placed.set(k, [BLANK, ...lines[k]!.cells]);
        shifted = true;
      }
    }
    if (shifted) notes.push("The heading has no cell over the labels: its columns are read one to the right, over the figures.");
  }
  const headingWidth = maxOf(headingIdx.map((k) => lastFilled(placed.get(k)!) + 1), 0);
  const tableWidth = Math.max(headingWidth, mode(dataIdx.map((k) => lines[k]!.width)));
  const headingCols = new Set<number>();
  for (const k of headingIdx) placed.get(k)!.forEach((c, j) => c.kind !== "blank" && headingCols.add(j));

  // A row's label alone on the line above its figures ("Sunderland", then "12.8% | 13.2% |
  // 9.5%"): the figures move one to the right and take that label; the label's line is part of the row.
  const labelAbove = new Map<number, number>();
  if (!band.text && labelsInFirst) {
    for (const k of dataIdx) {
      const line = lines[k]!;
      const above = lines[k - 1];
      if (!above || dataAt.has(k - 1) || !isFigure(cellAt(line, 0)) || line.run) continue;
      const filled = nonBlank(above);
      if (filled.length !== 1 || filled[0] !== 0 || !isText(above.cells[0]!) || above.cells[0]!.kind === "prose" || headingSet.has(k - 1)) continue;
      placed.set(k, [above.cells[0]!, ...placed.get(k)!]);
      source.set(k, [-1, ...sourceOf(k)]);
      labelAbove.set(k - 1, k);
      notes.push(`Line ${line.line}: its figures start in the first column and line ${above.line} above holds only “${above.cells[0]!.text}”: read as one row, the label on its own line.`);
    }
  }
  // Realign data rows to the heading's columns.
  if (!band.text && headingIdx.length > 0) {
    const figureHeadCols = [...headingCols].filter((j) => j > 0).sort((a, b) => a - b);
    for (const k of dataIdx) {
      const line = lines[k]!;
      const cells = placed.get(k)!;
      const figs: number[] = [];
      cells.forEach((c, j) => j > 0 && isFigure(c) && figs.push(j));
      if (figs.length === 0) continue;
      const last = figs[figs.length - 1]!;
      if (last >= headingWidth && headingWidth > 0) {
        // Longer than the heading: blanks a PDF split in; close them up from the right.
        const row = [...cells];
        const from = [...sourceOf(k)];
        for (let j = last - 1; j > 0 && lastFilled(row) >= headingWidth; j--) {
          if (row[j]!.kind === "blank") {
            row.splice(j, 1);
            from.splice(j, 1);
          }
        }
        if (lastFilled(row) < headingWidth) {
          placed.set(k, row);
          source.set(k, from);
          notes.push(`Line ${line.line}: a blank cell inside the row was closed up so its figures sit under the headings.`);
        }
      } else if (line.width < tableWidth && figs.length < figureHeadCols.length && (shifted || line.width < headingWidth)) {
        // Shorter than the table: the copy dropped blank cells. First figure under the first
        // column, the rest under the last ones, as a row that misses middle columns has it.
        const want = figureHeadCols.filter((j) => j >= figs[0]!);
        if (want.length < figs.length) continue;
        const target = [want[0]!, ...want.slice(want.length - (figs.length - 1))];
        const moving = new Set(figs);
        const row: TypedCell[] = cells.map((c, j) => (moving.has(j) ? BLANK : c));
        const was = sourceOf(k);
        const from = was.map((s, j) => (moving.has(j) ? -1 : s));
        figs.forEach((at, n) => {
          row[target[n]!] = cells[at]!;
          from[target[n]!] = was[at]!;
        });
        if (target.some((t, n) => t !== figs[n])) {
          // A figure put past the row's end leaves holes: blanks, never holes, in a placed row.
          placed.set(k, Array.from(row, (c) => c ?? BLANK));
          source.set(k, Array.from(from, (x) => x ?? -1));
          notes.push(`Line ${line.line}: the copy dropped blank cells; its ${figs.length} figures were placed under ${target.map((t) => columnName(placed, headingIdx, t)).join(", ")} (a guess: check them).`);
        }
      }
    }
  }

  // The label column.
  const labelCol = band.text ? firstTextColumn(dataIdx.map((k) => placed.get(k)!)) : chooseLabelColumn(dataIdx.map((k) => placed.get(k)!));

  // Figure columns and their headings.
  const width = Math.max(tableWidth, maxOf(dataIdx.map((k) => placed.get(k)!.length), 0));
  const headingText = (j: number) =>
    headingIdx
      .map((k) => (placed.get(k)![j] ?? BLANK).text)
      .filter((t) => t !== "")
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
  const figureColumns: FigureColumn[] = [];
  const columnEvidence: ColumnEvidence[] = [];
  // Under a RAG heading, "G", "A" and "R" are statuses: typed again in the light of the column.
  for (let j = 0; j < width; j++) {
    if (meaningOf({ heading: headingText(j), percentShare: 0 }).startsWith("rag")) {
      for (const k of dataIdx) {
        const c = placed.get(k)![j];
        if (c && c.kind === "label" && c.text.length === 1) {
          const row = [...placed.get(k)!];
          row[j] = typeCell(c.text, options.key, true);
          placed.set(k, row);
        }
      }
    }
  }
  const dataRows = dataIdx.map((k) => placed.get(k)!);
  for (let j = 0; j < width; j++) {
    if (j === labelCol) continue;
    const kinds: Partial<Record<CellKind, number>> = {};
    let filled = 0;
    for (const row of dataRows) {
      const c = row[j] ?? BLANK;
      if (c.kind === "blank") continue;
      filled++;
      kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    }
    const heading = headingText(j);
    const valueCells = (kinds.figure ?? 0) + (kinds.percent ?? 0) + (kinds.marker ?? 0) + (kinds.status ?? 0) + (kinds.initials ?? 0);
    const textCells = (kinds.prose ?? 0) + (kinds.label ?? 0) + (kinds.ref ?? 0);
    const meaning0 = meaningOf({ heading, percentShare: filled ? (kinds.percent ?? 0) / filled : 0 });
    const isValue = valueCells > 0 && valueCells >= textCells * 0.5;
    const known = meaning0 !== "" && (filled > 0 || heading !== "");
    const textColumnInTextTable = band.text && headingIdx.length === 0 && filled > 0 && j > labelCol;
    const commentAfterFigures = !band.text && j > labelCol && filled > 0 && (kinds.prose ?? 0) > 0 && figureColumns.length > 0;
    if (j < labelCol && !known) continue;
    if (!(isValue || known || textColumnInTextTable || commentAfterFigures)) continue;
    if (filled === 0 && !known) continue;
    let meaning = meaning0;
    if (!meaning) meaning = textColumnInTextTable ? "text" : commentAfterFigures && !isValue ? "comment" : (kinds.percent ?? 0) > 0 ? "percent" : "";
    const unit = unitMentioned(heading) ?? undefined;
    figureColumns.push({ col: j, heading, meaning, ...(unit ? { unit } : {}) });
    columnEvidence.push({ index: columnEvidence.length, heading: heading.toLowerCase(), meaning, kinds });
  }
  previousAsEarlier(figureColumns);
  yearsInSequence(figureColumns, notes);
  figureColumns.forEach((c, n) => {
    columnEvidence[n] = { ...columnEvidence[n]!, meaning: c.meaning };
  });

  // Context for the kinds: the lines above the table and the text around it.
  const contextLines: string[] = [];
  for (let k = Math.max(0, previousEnd + 1); k < (headingIdx[0] ?? band.start); k++) contextLines.push(lineText(lines[k]!));
  const headings = headingIdx.map((k) => lineText(lines[k]!)).join(" ").toLowerCase();
  const labels = dataIdx.map((k) => (placed.get(k)![labelCol] ?? BLANK).text.toLowerCase());
  const sections: string[] = [];
  for (let k = (headingIdx[headingIdx.length - 1] ?? band.start - 1) + 1; k <= band.end; k++) {
    if (!dataAt.has(k) && nonBlank(lines[k]!).length > 0 && sectionOrNote(lines[k]!) === "section") sections.push(lineText(lines[k]!).toLowerCase());
  }
  const counts: Partial<Record<CellKind, number>> = {};
  let currency = 0;
  let allWhole = true;
  let figures = 0;
  for (const row of dataRows) {
    row.forEach((c, j) => {
      if (j === labelCol || c.kind === "blank") return;
      counts[c.kind] = (counts[c.kind] ?? 0) + 1;
      if (c.figure) {
        figures++;
        if (c.figure.currency) currency++;
        if (c.figure.decimals > 0 || c.figure.currency || c.figure.percent) allWhole = false;
      }
    });
  }
  const inside = bodyIdx.filter((k) => !dataAt.has(k)).slice(0, 40).map((k) => lineText(lines[k]!));
  // Enough of the text around a table to weigh its kind, and no more: a long paper above a table says little more.
  const context = [...contextLines.slice(-12), ...inside.slice(0, 40)].join(" ").toLowerCase().slice(0, 20000);
  const evidence: Evidence = {
    context,
    headings,
    labels,
    text: `${headings} ${context} ${labels.join(" ")}`,
    sections,
    columns: columnEvidence,
    counts,
    money: currency > 0 || /£/.test(headings + context),
    wholeNumbers: figures > 0 && allWhole && !/£/.test(headings),
    yearColumns: figureColumns.filter((c) => /(?:^|; )year:/.test(c.meaning)).length,
    textOnly: band.text || figures === 0,
    dataRows: dataIdx.length,
  };

  // The kind: the user's, or the best fit.
  let kind: ShapeKind = "other";
  let why: readonly string[] = ["labels with figures, and no kind fitted better"];
  if (options.kind) {
    kind = options.kind;
    const fit = rules.get(kind)?.fit(evidence);
    why = ["chosen by you", ...(fit && fit.score <= 0 ? [`it does not look like ${rules.get(kind)?.name ?? kind}: read as asked`] : [])];
  } else {
    let best: Fit = { score: 0.15, reasons: why };
    for (const rule of rules.values()) {
      const fit = rule.fit(evidence);
      if (fit.score > best.score) {
        best = fit;
        kind = rule.kind;
      }
    }
    why = best.reasons;
  }
  const rule = rules.get(kind);
  const meaningful = rule?.meaning
    ? figureColumns.map((c, n) => {
        const m = rule.meaning!(columnEvidence[n]!, figureColumns.length);
        return m !== undefined ? { ...c, meaning: m } : c;
      })
    : figureColumns;

  // Arithmetic: totals down the figure columns, across to a total column, variances.
  const sumCols = meaningful.filter((c) => !isWordsColumn(c.meaning) && !isShare(c.meaning) && dataRows.some((r) => (r[c.col] ?? BLANK).kind === "figure")).map((c) => c.col);
  const rowsForSums = dataIdx.map((k) => ({ line: lines[k]!.line, label: (placed.get(k)![labelCol] ?? BLANK).text, cells: placed.get(k)!, split: lines[k]!.split }));
  const firstAt = new Map<number, number>();
  for (const k of dataIdx) if (!firstAt.has(lines[k]!.line)) firstAt.set(lines[k]!.line, k);
  /** The cell as pasted that holds row `line`'s figure in table column `col` (0-based). */
  const left0 = grid.origin?.column ?? 0;
  const pasted = (line: number, col: number): string => {
    const k = firstAt.get(line) ?? -1;
    const from = k >= 0 ? sourceOf(k)[col] : undefined;
    return a1(line - 1, left0 + (from !== undefined && from >= 0 ? from : col));
  };
  const totals = band.text ? { checks: [], roles: new Map<number, { role: ShapeRole; why: string }>() } : findTotals(rowsForSums, sumCols, { wordedTotals: rule?.wordedTotals === true });
  const statedInWords = band.text ? new Map<number, string>() : totalsInWords(lines, Math.max(previousEnd + 1, (headingIdx[0] ?? band.start) - 3), headingIdx[0] ?? band.start, rowsForSums, sumCols, totals);
  const across = band.text ? [] : crossFoot(rowsForSums, meaningful);
  const vars = band.text ? [] : variances(rowsForSums, meaningful);
  const own = band.text || !rule?.check ? [] : rule.check({ rows: rowsForSums.map((r, n) => ({ line: r.line, label: r.label, role: totals.roles.get(n)?.role ?? "data", cells: r.cells })), columns: meaningful });

  // Every line from the end of the last table to the end of this one has a role.
  const rows: ReadRow[] = [];
  const rowCells = new Map<number, readonly TypedCell[]>();
  const from = Math.max(0, previousEnd + 1);
  for (let k = from; k <= band.end; k++) {
    const l = lines[k]!;
    const filled = nonBlank(l);
    if (filled.length === 0) continue;
    const cells = placed.get(k) ?? l.cells;
    const label = labelOf(cells, labelCol);
    let role: ShapeRole;
    let rowWhy: string | undefined;
    if (statedInWords.has(k)) {
      role = "total";
      rowWhy = statedInWords.get(k);
    } else if (labelAbove.has(k)) {
      role = "data";
      rowWhy = "the label of the figures on the line below";
    } else if (headingSet.has(k)) role = "heading";
    else if (dataAt.has(k)) {
      const t = totals.roles.get(dataAt.get(k)!);
      role = t?.role ?? "data";
      rowWhy = t?.why;
    } else if (k < band.start || l.comment) role = l.comment ? "note" : sectionOrNote(l);
    else if (!band.text && strong(l)) role = "data";
    else role = sectionOrNote(l);
    if (dataAt.has(k)) rowCells.set(rows.length, placed.get(k)!);
    rows.push({ line: l.line, label, role, ...(rowWhy ? { why: rowWhy } : {}) });
  }

  const unit = tableUnit(meaningful, dataRows, [headings, ...contextLines.slice(-3).reverse()], evidence);
  const cells = rowCells;
  const placements = new Map<number, readonly number[]>();
  for (const [k, from] of source) placements.set(lines[k]!.line, from);
  let reconstructed = false;
  for (let k = Math.max(0, previousEnd + 1); k <= band.end; k++) if (lines[k]!.run) reconstructed = true;
  if (band.text && dataIdx.length === 1 && nonBlank(lines[dataIdx[0]!]!).length === 1) {
    notes.push(`Line ${lines[dataIdx[0]!]!.line} states figures in one run of text that could not be read back into a heading and rows: it is kept as one row, to check against the paper.`);
  } else if (band.text) notes.push("No row of figures: read as rows of text, each line with a figure in its words or a cell past the first being a row.");
  const left = grid.origin?.column ?? 0;
  return {
    sheet: grid.name,
    kind,
    why,
    unit,
    headingRows: [...headingIdx, ...innerHeadings].sort((a, b) => a - b).map((k) => lines[k]!.line),
    labelColumn: left + labelCol + 1,
    figureColumns: meaningful.map((c) => ({ ...c, col: left + c.col + 1 })),
    rows,
    totals: totals.checks.map((t) => ({ ...t, col: left + t.col + 1, cell: t.of === "text" ? a1(t.line - 1, left + t.col) : pasted(t.line, t.col) })),
    crossFoot: across.map((t) => ({ ...t, col: left + t.col + 1, cell: pasted(t.line, t.col) })),
    variances: vars.map((t) => ({ ...t, col: left + t.col + 1, cell: pasted(t.line, t.col), ...(t.of ? { of: { budget: left + t.of.budget + 1, outturn: left + t.of.outturn + 1 } } : {}) })),
    kindChecks: own.map((t) => ({ ...t, col: left + t.col + 1, cell: pasted(t.line, t.col) })),
    notes,
    firstLine: lines[headingIdx[0] ?? band.start]!.line,
    lastLine: lines[band.end]!.line,
    cells,
    placements,
    reconstructed,
  };
}

/**
 * "The underspend of £1,099,530 be carried forward as follows:" over the rows it lists: a total
 * stated in the words above a table, checked against its rows. Only a figure that equals a
 * column's rows is taken for its total (any figure in a sentence could be anything else).
 */
function totalsInWords(lines: readonly TypedLine[], from: number, to: number, rows: readonly SumRow[], sumCols: readonly number[], totals: { checks: TotalCheck[]; roles: Map<number, { role: ShapeRole; why: string }> }): Map<number, string> {
  const found = new Map<number, string>();
  const plain = rows.filter((_, i) => !totals.roles.has(i));
  if (plain.length < 2) return found;
  for (const col of sumCols) {
    let sum = 0;
    let any = 0;
    for (const r of plain) {
      const c = r.cells[col] ?? BLANK;
      const v = valueOf(c);
      if (v === null) continue;
      sum += c.figure ? v * c.figure.scale : v;
      any++;
    }
    if (any < 2 || sum === 0) continue;
    for (let k = from; k < to; k++) {
      const l = lines[k]!;
      const at = nonBlank(l);
      if (at.length !== 1) continue;
      const figures = figuresInText(l.cells[at[0]!]!.text);
      const hit = figures.find((f) => Math.abs(f.value * f.scale - sum) < 1e-6 * Math.max(1, Math.abs(sum)));
      if (!hit) continue;
      totals.checks.push({ line: l.line, col: at[0]!, stated: hit.value, computed: sum / hit.scale, agrees: true, of: "text", lines: plain.map((r) => r.line) });
      found.set(k, `it states in words the total of the ${plain.length} rows under it`);
    }
  }
  return found;
}

function isTextRow(line: TypedLine): boolean {
  const filled = nonBlank(line);
  if (line.comment || filled.length === 0) return false;
  return filled.some((j) => j > 0) || figureInText(line.cells[filled[0]!]!.text);
}

function lastFilled(cells: readonly TypedCell[]): number {
  let j = cells.length - 1;
  while (j >= 0 && cells[j]!.kind === "blank") j--;
  return j;
}

function mode(values: readonly number[]): number {
  const tally = new Map<number, number>();
  let best = 0;
  let at = 0;
  for (const v of values) {
    const n = (tally.get(v) ?? 0) + 1;
    tally.set(v, n);
    if (n > best || (n === best && v > at)) {
      best = n;
      at = v;
    }
  }
  return at;
}

function columnName(placed: Map<number, TypedCell[]>, headingIdx: readonly number[], col: number): string {
  const words = headingIdx.map((k) => (placed.get(k)![col] ?? BLANK).text).filter(Boolean).join(" ");
  return words ? `“${words}”` : `column ${col + 1}`;
}

/** The first column most rows have text in. */
function firstTextColumn(rows: readonly (readonly TypedCell[])[]): number {
  const width = maxOf(rows.map((r) => r.length), 0);
  for (let j = 0; j < width; j++) {
    const n = rows.filter((r) => (r[j] ?? BLANK).kind !== "blank").length;
    if (n >= rows.length / 2) return j;
  }
  return 0;
}

/**
 * The column of row labels: text in most rows, left of the figures. A column of codes (OP12,
 * CH01) gives way to the names beside it; a first column of small whole numbers with a "Total"
 * under them (ages, year groups) is labels too.
 */
function chooseLabelColumn(rows: readonly (readonly TypedCell[])[]): number {
  const width = maxOf(rows.map((r) => r.length), 0);
  const n = rows.length;
  const candidates: { col: number; refs: number; length: number }[] = [];
  for (let j = 0; j < width; j++) {
    let text = 0;
    let figures = 0;
    let refs = 0;
    let length = 0;
    let smallWhole = true;
    for (const r of rows) {
      const c = r[j] ?? BLANK;
      if (isText(c)) {
        text++;
        length += c.text.length;
        if (c.kind === "ref" || c.kind === "initials") refs++;
      } else if (isFigure(c)) {
        figures++;
        if (!c.figure || c.figure.decimals > 0 || Math.abs(c.figure.value) >= 200 || c.figure.currency) smallWhole = false;
      }
    }
    if (j === 0 && text > 0 && figures > 0 && smallWhole && figures + text >= n * 0.8) return 0;
    if (text >= Math.max(1, n * 0.4)) candidates.push({ col: j, refs, length: length / Math.max(1, text) });
    if (figures >= n * 0.5) break;
  }
  if (candidates.length === 0) return 0;
  const first = candidates[0]!;
  const codes = first.refs >= rows.length * 0.5 || first.length <= 6;
  if (codes && candidates.length > 1) return candidates[1]!.col;
  return first.col;
}

/** Two columns of the same meaning a period apart ("Variance Month 9", "Variance Month 7"): the earlier is the previous. */
function previousAsEarlier(columns: FigureColumn[]): void {
  // Only columns whose heading names a period can be an earlier one: few, however wide the table.
  const dated = columns.map((c, n) => (c.meaning && periodIn(c.heading) !== null ? n : -1)).filter((n) => n >= 0).slice(0, 24);
  for (const a of dated) {
    for (const b of dated) {
      if (b <= a) continue;
      const x = columns[a]!;
      const y = columns[b]!;
      if (!x.meaning || x.meaning !== y.meaning || /^year|previous|comment|text/.test(x.meaning)) continue;
      const px = periodIn(x.heading);
      const py = periodIn(y.heading);
      if (px === null || py === null || px === py) continue;
      const earlier = px < py ? a : b;
      columns[earlier] = { ...columns[earlier]!, meaning: "previous" };
    }
  }
}

/**
 * Years across run in sequence: a heading between 2023/24 and 2025/26 that reads "2024/26" is
 * 2024/25 misprinted. Read as such, and said.
 */
function yearsInSequence(columns: FigureColumn[], notes: string[]): void {
  const startOf = (c: FigureColumn | undefined) => (c && /^year:(\d{4})/.test(c.meaning) ? Number(/^year:(\d{4})/.exec(c.meaning)![1]) : null);
  for (let i = 1; i + 1 < columns.length; i++) {
    const c = columns[i]!;
    if (c.meaning !== "") continue;
    const before = startOf(columns[i - 1]);
    const after = startOf(columns[i + 1]);
    const m = /^\s*(\d{4})\b/.exec(c.heading);
    if (before === null || after !== before + 2 || !m || Number(m[1]) !== before + 1) continue;
    const label = `${before + 1}/${String((before + 2) % 100).padStart(2, "0")}`;
    columns[i] = { ...c, meaning: `year:${label}` };
    notes.push(`The heading “${c.heading}” sits between ${columns[i - 1]!.meaning.slice(5)} and ${columns[i + 1]!.meaning.slice(5)}: read as ${label}, a misprint.`);
  }
}

function periodIn(heading: string): number | null {
  const m = /\b(?:month|period|p|quarter|q)\s*(\d{1,2})\b/i.exec(heading);
  return m ? Number(m[1]) : null;
}

function lineText(line: TypedLine): string {
  return line.cells
    .map((c) => c.text)
    .filter(Boolean)
    .join(" ");
}

function labelOf(cells: readonly TypedCell[], labelCol: number): string {
  const own = (cells[labelCol] ?? BLANK).text;
  if (own) return own;
  const first = cells.find((c) => c.kind !== "blank");
  return first ? first.text : "";
}

function sectionOrNote(line: TypedLine): ShapeRole {
  const filled = nonBlank(line);
  if (filled.length !== 1) return "note";
  const c = line.cells[filled[0]!]!;
  // "High Needs Block:" names what follows; "… as follows:" is a sentence.
  if (c.kind === "prose" || /[.;]$/.test(c.text) || (/:$/.test(c.text) && c.text.split(/\s+/).length > 5) || c.text.length > 60) return "note";
  return "section";
}

/** The table's unit: its figures' own (£472k), its headings', else the nearest title's ("Figures in £m"). */
function tableUnit(columns: readonly FigureColumn[], rows: readonly (readonly TypedCell[])[], said: readonly string[], evidence: Evidence): Unit | "mixed" {
  const units = new Set<Unit>();
  let scaleK = 0;
  let scaleM = 0;
  let large = 0;
  let figures = 0;
  for (const c of columns) {
    for (const r of rows) {
      const f = (r[c.col] ?? BLANK).figure;
      if (!f) continue;
      figures++;
      if (f.scale === 1e3) scaleK++;
      if (f.scale === 1e6) scaleM++;
      if (Math.abs(f.value) >= 100000 && f.decimals === 0) large++;
    }
    if (c.unit) units.add(c.unit);
  }
  if (figures > 0 && scaleK >= figures / 2) return "£000";
  if (figures > 0 && scaleM >= figures / 2) return "£m";
  if (units.has("%") && units.size > 1) return "mixed";
  units.delete("%");
  if (units.size === 0) {
    for (const text of said) {
      const u = unitMentioned(text.slice(0, 400));
      if (u && u !== "%") {
        units.add(u);
        break;
      }
    }
  }
  if (units.size === 1) {
    const u = [...units][0]!;
    // "£m" over 65,464,140: the figures are pounds whatever the heading says.
    if ((u === "£m" || u === "£000") && large > figures / 2) return "£";
    return u;
  }
  if (units.size > 1) return "mixed";
  if (evidence.wholeNumbers && !evidence.money) return "count";
  return evidence.money ? "£" : "mixed";
}
