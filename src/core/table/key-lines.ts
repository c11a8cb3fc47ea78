import { COLOURS, COLOUR_ORDER, type Colour, type KeyEntry, normaliseStatus } from "../rag";

/**
 * RAG keys written under a table: "Green | Action on target…", "G | On track", "Blue  Completed"
 * in one cell, the whole key in one cell, or — when the colour swatches were lost on paste —
 * the descriptions alone, sometimes wrapped over two lines each. Descriptions alone are matched
 * to a key the reader knows; lines that read as a key but match none are a key without colours,
 * never a key of invented statuses.
 */

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

export function colourWord(text: string): Colour | null {
  const n = normaliseStatus(text);
  for (const c of COLOUR_ORDER) if (n === c.toLowerCase()) return c;
  return n === "gray" ? "Grey" : null;
}

const LETTERS: Record<string, Colour> = { b: "Blue", g: "Green", a: "Amber", r: "Red" };

/** A key line's entries: a colour (or its letter) and its description, or the whole key in one cell. */
export function keyLineOf(row: readonly unknown[]): KeyEntry[] | null {
  const texts = row.filter((v) => v !== null).map(cellText);
  if (texts.length === 0 || texts.length > 3) return null;
  const first = texts[0]!;
  const colour = colourWord(first) ?? (texts.length >= 2 && first.length === 1 ? LETTERS[first.toLowerCase()] ?? null : null);
  if (colour) {
    return [{ name: colour, ...(texts[1] ? { description: texts[1] } : {}), ...(texts.length > 2 ? { synonyms: [texts[2]!] } : {}) }];
  }
  if (texts.length !== 1) return null;
  const pairs = [...first.replace(/^[^:]*\bkey\s*:\s*/i, "").matchAll(/(blue|green|amber|red|grey|gray)\s*(?:=|:|-|–)\s*([^;,]+)/gi)];
  if (pairs.length >= 3) return pairs.map((p) => ({ name: colourWord(p[1]!)!, description: p[2]!.trim() }));
  // The description starts at the first non-space after the colour and any dash, colon or equals
  // sign, so the spaces before it go to one quantifier only (`first` is trimmed).
  const m = /^(blue|green|amber|red|grey|gray)(?:\s*[-–:=])?\s+(\S.*)$/i.exec(first);
  if (m) return [{ name: colourWord(m[1]!)!, description: m[2]!.trim() }];
  return null;
}

/** Words that cannot end a line of prose: a line ending in one was wrapped. */
const CARRIES_ON = /\b(?:and|or|of|the|to|for|with|in|a|an|at|by|on|from|key|not|but|that|which|than|as|into|per)$/i;

/**
 * Lines a PDF wrapped put back together: a line that starts in lower case, or follows a line
 * ending mid-phrase ("…delay or", "…milestones not") or mid-word ("-"), finishes the line above.
 */
export function joinWrappedLines<T extends { row: number; text: string }>(lines: readonly T[]): { row: number; rows: number[]; text: string }[] {
  const out: { row: number; rows: number[]; text: string }[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    const last = out[out.length - 1];
    if (last && continuesLine(last.text, text)) {
      last.text = last.text.endsWith("-") ? `${last.text}${text}` : `${last.text} ${text}`;
      last.rows.push(line.row);
      continue;
    }
    out.push({ row: line.row, rows: [line.row], text });
  }
  return out;
}

/** Whether `next` finishes the text `above` that a PDF wrapped. */
export function continuesLine(above: string, next: string): boolean {
  const a = above.trim();
  const n = next.trim();
  if (a === "" || n === "") return false;
  if (/[.!?:]$/.test(a)) return false;
  const lower = /^[a-z]/.test(n);
  return lower || CARRIES_ON.test(a) || a.endsWith("-");
}

/**
 * Keys councils use, by their descriptions: the three-point key (Green on target, Amber at risk,
 * Red off target) and the five-point BRAG key with grey. Wordings vary, so a line is matched to
 * a description by the words they share.
 */
const KNOWN_KEYS: { name: string; entries: { colour: Colour; descriptions: string[] }[] }[] = [
  {
    name: "the usual three-point key",
    entries: [
      { colour: "Green", descriptions: ["Action on target and key milestones met", "On target, key milestones met", "On target"] },
      { colour: "Amber", descriptions: ["Potential risk of delay or missing target", "At risk of missing target"] },
      { colour: "Red", descriptions: ["Off target, milestones not met", "Off target"] },
    ],
  },
  {
    name: "the usual five-point key",
    entries: COLOUR_ORDER.map((c) => ({ colour: c, descriptions: [COLOURS[c].description, ...COLOURS[c].synonyms.filter((s) => s.length > 3)] })),
  },
];

const STOP = new Set(["and", "or", "of", "the", "a", "an", "to", "but", "is", "are", "be", "not", "able"]);

function words(text: string): Set<string> {
  // "not" is kept apart: "milestones met" and "milestones not met" must not read alike.
  const out = new Set<string>();
  for (const w of normaliseStatus(text).split(" ")) if (w !== "" && (!STOP.has(w) || w === "not")) out.add(w);
  return out;
}

function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  let meaningful = 0;
  for (const w of x) {
    if (!y.has(w)) continue;
    shared++;
    if (w !== "not") meaningful++;
  }
  // "Not achievable" and "not met" share only "not": that names no status.
  if (meaningful === 0) return 0;
  const score = shared / Math.max(x.size, y.size);
  return x.has("not") === y.has("not") ? score : score * 0.5;
}

/** Descriptions alone matched line by line to a known key, or null when no key fits every line. */
function knownKeyFor(lines: string[]): { entries: KeyEntry[]; how: string } | null {
  let best: { entries: KeyEntry[]; how: string; score: number } | null = null;
  for (const known of KNOWN_KEYS) {
    const used = new Set<Colour>();
    const entries: KeyEntry[] = [];
    let score = 0;
    for (const line of lines) {
      let top: { colour: Colour; s: number } | null = null;
      for (const e of known.entries) {
        if (used.has(e.colour)) continue;
        for (const d of e.descriptions) {
          const s = similarity(line, d);
          if (!top || s > top.s) top = { colour: e.colour, s };
        }
      }
      if (!top || top.s < 0.5) {
        score = -1;
        break;
      }
      used.add(top.colour);
      entries.push({ name: top.colour, description: line });
      score += top.s;
    }
    if (score > 0 && (!best || score > best.score)) best = { entries, how: `descriptions whose colour names were lost, matched to ${known.name} by their wording`, score };
  }
  return best ? { entries: best.entries, how: best.how } : null;
}

/** The colour a description alone most likely names ("Completed" → Blue), by the built-in synonyms. */
function colourOfDescription(text: string): Colour | null {
  const n = normaliseStatus(text);
  for (const c of COLOUR_ORDER) {
    const info = COLOURS[c];
    if (normaliseStatus(info.description) === n) return c;
    if (info.synonyms.some((s) => s.length > 2 && (n === s || n.startsWith(`${s} `) || (s.includes(" ") && ` ${n} `.includes(` ${s} `))))) return c;
  }
  return null;
}

/**
 * A key from lines of descriptions alone: by their wording, then as a known key, then in the
 * usual order when at least half the lines say which colour they are.
 */
export function keyFromDescriptions(lines: string[]): { entries: KeyEntry[]; how: string } | null {
  const colours = lines.map(colourOfDescription);
  if (colours.every((c) => c !== null) && new Set(colours).size === colours.length) {
    return { entries: lines.map((d, i) => ({ name: colours[i]!, description: d })), how: "descriptions matched to colours by their wording" };
  }
  if (lines.length >= 2 && lines.length <= 5) {
    const known = knownKeyFor(lines);
    if (known) return known;
  }
  const order: Record<number, Colour[]> = { 3: ["Green", "Amber", "Red"], 4: ["Blue", "Green", "Amber", "Red"], 5: ["Blue", "Green", "Amber", "Red", "Grey"] };
  const names = order[lines.length];
  if (!names) return null;
  // Only when at least half the lines read as those colours in that order: footnotes under a
  // table ("Source: …") are not a key.
  const agreeing = colours.filter((c, i) => c === names[i]).length;
  if (agreeing * 2 < lines.length) return null;
  return { entries: lines.map((d, i) => ({ name: names[i]!, description: d })), how: `descriptions alone, read in the usual key order (${names.join(", ")})` };
}

/** Words a status's description uses: lines of them under a table read as a key, even without colours. */
const STATUS_WORDS = /\b(?:on (?:target|track)|off (?:target|track)|milestones?|delay(?:ed)?|at risk|risk of|escalat\w*|complete[d]?|not started|on hold|slipp\w*|concerns?|progress(?:ing)?|achieved|behind)\b/i;

/**
 * Lines under a table that read as a key's descriptions (two to six short lines, most using a
 * status's words) but match no key: a key whose colour names were lost.
 */
export function looksLikeColourlessKey(lines: string[]): boolean {
  if (lines.length < 2 || lines.length > 6) return false;
  if (lines.some((l) => l.length > 80 || /\d/.test(l) || /^(?:source|note|notes|figures|please)\b/i.test(l))) return false;
  return lines.filter((l) => STATUS_WORDS.test(l)).length * 2 > lines.length;
}
