/**
 * Matching the names of one plan's initiatives across its sections: a summary table and its
 * detail write the same initiative in slightly different words ("Speech & language in schools" /
 * "Speech and language in schools", "Independent placement review" / "Review of independent
 * placements", "Post-16 pathways" / "Post 16 pathways"). Names are compared as sets of words,
 * each in one form, and a match says how sure it is.
 */
import { normaliseStatus } from "../rag";

// Words that join a name's parts without naming anything: "Review of X" is "X review".
const JOINING = new Set(["of", "the", "and", "for", "in", "to", "a", "an", "on", "with", "at", "by", "our"]);

/** One form of a word: lower case, plurals as singulars ("placements" → "placement", "families" → "family"). */
function wordForm(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

/** A name's words, each in one form, without the joining words: a set to compare. */
export function nameWords(name: string): string[] {
  const words = normaliseStatus(name.replace(/&/g, " and ").replace(/[-‐‑–—/]/g, " ")).split(" ").filter((w) => w !== "");
  return [...new Set(words.filter((w) => !JOINING.has(w)).map(wordForm))];
}

export type NameMatchHow = "same" | "same words" | "acronym" | "close";

export interface NameMatch {
  /** Index into the first list. */
  from: number;
  /** Index into the second list. */
  to: number;
  how: NameMatchHow;
  /** 1 for the same name; the share of words in common (Jaccard) otherwise. */
  score: number;
}

/**
 * A name's words with each acronym in it ("AP", "EHCPs") spelt out as the other name spells it
 * ("Alternative Provision"): the initials of a run of the other's words, joining words aside.
 * Null where the name has no acronym the other spells out.
 */
function spelledOut(name: string, other: string): string[] | null {
  const acronyms = name.match(/\b[A-Z]{2,6}s?\b/g);
  if (!acronyms) return null;
  const otherWords = normaliseStatus(other.replace(/&/g, " and ").replace(/[-‐‑–—/,]/g, " ")).split(" ").filter((w) => w !== "" && !JOINING.has(w));
  let words = nameWords(name);
  let changed = false;
  for (const acronym of acronyms) {
    const letters = acronym.replace(/s$/, "").toLowerCase();
    const own = wordForm(acronym.toLowerCase());
    for (let i = 0; i + letters.length <= otherWords.length; i++) {
      let spells = true;
      for (let k = 0; k < letters.length && spells; k++) spells = otherWords[i + k]![0] === letters[k];
      if (!spells || letters.length < 2) continue;
      // "SEND" spelt by "SEND" itself is no expansion.
      if (otherWords.slice(i, i + letters.length).join("") === letters) break;
      const expansion = otherWords.slice(i, i + letters.length).map(wordForm);
      // The run must stand for the acronym alone: "AP project" is not "Autism Project".
      if (expansion.some((w) => w !== own && words.includes(w))) continue;
      words = [...new Set(words.flatMap((w) => (w === own ? expansion : [w])))];
      changed = true;
      break;
    }
  }
  return changed ? words : null;
}

/** Shortest share of words two names must have in common to be taken as one initiative. */
export const CLOSE_ENOUGH = 0.6;

function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inB = new Set(b);
  let common = 0;
  for (const w of a) if (inB.has(w)) common++;
  return common / (a.length + b.length - common);
}

/**
 * Pairs names of one list with names of another, each at most once, best matches first: the same
 * name, then the same words (order, plurals, "&", hyphens and joining words aside), then names
 * sharing at least `CLOSE_ENOUGH` of their words.
 */
export function matchNames(first: readonly string[], second: readonly string[]): NameMatch[] {
  const exact = (s: string) => normaliseStatus(s.replace(/&/g, " and "));
  const firstWords = first.map(nameWords);
  const secondWords = second.map(nameWords);
  const candidates: NameMatch[] = [];
  first.forEach((a, i) => {
    second.forEach((b, j) => {
      if (exact(a) === exact(b) && exact(a) !== "") {
        candidates.push({ from: i, to: j, how: "same", score: 1 });
        return;
      }
      const score = similarity(firstWords[i]!, secondWords[j]!);
      if (score === 1) {
        candidates.push({ from: i, to: j, how: "same words", score: 0.99 });
        return;
      }
      // "SEND AP project" and "SEND Alternative Provision Project": the same once the acronym is spelt out.
      const a2 = spelledOut(a, b) ?? firstWords[i]!;
      const b2 = spelledOut(b, a) ?? secondWords[j]!;
      if ((a2 !== firstWords[i] || b2 !== secondWords[j]) && similarity(a2, b2) === 1) candidates.push({ from: i, to: j, how: "acronym", score: 0.98 });
      else if (score >= CLOSE_ENOUGH) candidates.push({ from: i, to: j, how: "close", score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.from - y.from || x.to - y.to);
  const usedFirst = new Set<number>();
  const usedSecond = new Set<number>();
  const matches: NameMatch[] = [];
  for (const c of candidates) {
    if (usedFirst.has(c.from) || usedSecond.has(c.to)) continue;
    usedFirst.add(c.from);
    usedSecond.add(c.to);
    matches.push(c);
  }
  return matches.sort((x, y) => x.from - y.from);
}
