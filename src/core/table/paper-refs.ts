import { joinNames } from "../leads";

/**
 * A paper names a table's lines by their labels, never by the workbook's row numbers: "row 12"
 * means nothing to a Forum member holding the paper. The reader's notes say "Row 12 was out of
 * line" and "Line 35: …" (sheet rows, 1-based); here each such number is put as the line's label
 * ("the “Early help” line"), and the number goes to the paper's "Where the figures are" appendix.
 * A number with no label to put in its place is left as it is, so nothing is lost.
 */

/** Each sheet's labels by 1-based sheet row. */
export type RowLabels = ReadonlyMap<string, ReadonlyMap<number, string>>;

// "Row 12", "rows 4, 5, 7 and 9", "Line 35's", "lines 4, 5, 6, 7, 8, 9 and 10": bounded runs.
const ROW_NUMBERS = /\b([Rr]ows?|[Ll]ines?) (\d{1,7}(?:(?:,? and |, )\d{1,7}){0,200})('s)?(?![\d.,]\d)/g;
const LONGEST_LABEL = 60;

function quoted(label: string): string {
  const text = label.replace(/\s+/g, " ").trim();
  return `“${text.length > LONGEST_LABEL ? `${text.slice(0, LONGEST_LABEL - 1).trimEnd()}…` : text}”`;
}

const COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function countWord(n: number): string {
  return COUNT_WORDS[n] ?? String(n);
}


/**
 * The text with its row and line numbers put as the lines' labels, and where each of those lines
 * is, for the appendix ("“Early help”: row 12 of “Savings plan”.").
 */
export function placeRowNumbers(text: string, sheet: string, labels: ReadonlyMap<number, string> | undefined): { text: string; where: string[] } {
  if (!labels || labels.size === 0) return { text, where: [] };
  const where: string[] = [];
  // Words inside “…” are a cell's own, quoted: never rewritten. Depth by position, worked out once.
  const depth = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) depth[i + 1] = depth[i]! + (text[i] === "“" ? 1 : text[i] === "”" ? -1 : 0);
  const out = text.replace(ROW_NUMBERS, (whole: string, word: string, list: string, possessive: string | undefined, at: number) => {
    if (depth[at]! > 0) return whole;
    const numbers = list.split(/,? and |, /).map(Number);
    const names = numbers.map((n) => labels.get(n));
    if (names.some((n) => n === undefined || n.trim() === "")) return whole;
    for (let i = 0; i < numbers.length; i++) where.push(`${quoted(names[i]!)}: row ${numbers[i]} of “${sheet}”.`);
    // At the start of a sentence the article takes its capital, as the word did.
    const capital = /^[RL]/.test(word) && (at === 0 || /[.:;(]\s*$/.test(text.slice(Math.max(0, at - 3), at)));
    const the = capital ? "The" : "the";
    const own = possessive ? "'s" : "";
    if (numbers.length === 1) return `${the} ${quoted(names[0]!)} line${own}`;
    // Several lines of one initiative are counted, not named again and again.
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name!, (counts.get(name!) ?? 0) + 1);
    if (counts.size === names.length) return `${the} lines ${joinNames(names.map((n) => quoted(n!)))}${own}`;
    const parts = [...counts].map(([name, n], i) => (n === 1 ? `one of ${quoted(name)}` : `${countWord(n)}${i === 0 ? " lines" : ""} of ${quoted(name)}`));
    return `${capital ? parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1) : parts[0]}${parts.length > 1 ? `${parts.length > 2 ? ", " : " and "}${joinNames(parts.slice(1))}` : ""}${own}`;
  });
  return { text: out, where };
}
