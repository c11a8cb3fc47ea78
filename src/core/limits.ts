/**
 * What one Excel worksheet holds (Microsoft's "Excel specifications and limits"), and what an
 * import or a check takes in before it says no. The add-in writes into Excel and reads what Excel
 * holds, so every layer works to the same figures.
 */
export const EXCEL_LIMITS = {
  /** Characters in one cell. */
  cellCharacters: 32_767,
  rows: 1_048_576,
  columns: 16_384,
} as const;

/**
 * The most an import or a check takes in at once. Beyond these, work slows to minutes and
 * memory to gigabytes (a 1,000,000-row workbook took over 500 s and 4 GB to import), and no
 * council table comes near them: a whole authority's High Needs monitoring is a few hundred
 * lines, its tracker a few thousand actions.
 */
export const WORK_LIMITS = {
  /** Non-blank cells across the sheets or text read. */
  cells: 2_000_000,
  /** Bytes of a file or pasted text. */
  bytes: 100 * 1024 * 1024,
  /** Rows of one sheet or table. */
  rows: 200_000,
} as const;

/** "1,048,576": figures in messages are grouped by thousands, as a finance officer writes them. */
export function grouped(n: number): string {
  return n.toLocaleString("en-GB");
}
