/**
 * The HNB custom functions as formulas name them, and a small scanner of formula text: which
 * functions a formula calls, and HNB calls rewritten in the form Excel stores them
 * (`_xldudf_HNB_RAG(`) or as typed (`HNB.RAG(`). No Office or Node imports: the task pane uses it to
 * find and re-enter HNB formulas Excel shows as #NAME?, and `hnb calc` (calc.ts) to evaluate them.
 */
import { HNB_IDS, NAMESPACE } from "../functions";

// The HNB functions come from the registry (src/functions/registry.ts), generated from the same
// JSDoc as functions.json; they are re-exported here, where the pane and the engine look for them.
export { HNB_BY_ID, HNB_FUNCTIONS, HNB_IDS, HNB_SPECS, NAMESPACE, type HnbFunction, type HnbParameter } from "../functions";

/** The id of an HNB call's function name: "HNB.RAG" and "_xldudf_HNB_RAG" (any case) give "RAG". */
export function hnbId(functionName: string): string | null {
  const m = /^(?:HNB\.|_xldudf_HNB_)([A-Za-z0-9]+)$/i.exec(functionName);
  return m ? m[1]!.toUpperCase() : null;
}

// ---------------------------------------------------------------------------------------------
// Formula text: a small scanner, enough to find function calls, names and table references
// outside strings and quoted sheet names

type TokenKind = "string" | "sheet" | "name" | "number" | "error" | "bracket" | "other";
interface Token {
  kind: TokenKind;
  text: string;
}

const ERROR_LITERAL = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/i;
const IDENTIFIER = /^[\p{L}_\\$][\p{L}\p{N}_.\\$?]*/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    const rest = formula.slice(i);
    let kind: TokenKind = "other";
    let length = 1;
    if (ch === '"') {
      length = quotedLength(formula, i, '"');
      kind = "string";
    } else if (ch === "'") {
      length = quotedLength(formula, i, "'");
      if (formula[i + length] === "!") length++;
      kind = "sheet";
    } else if (ch === "[") {
      length = bracketLength(formula, i);
      kind = "bracket";
    } else if (ch === "#" && ERROR_LITERAL.test(rest)) {
      length = ERROR_LITERAL.exec(rest)![0].length;
      kind = "error";
    } else if (/[0-9.]/.test(ch) && NUMBER.test(rest)) {
      length = NUMBER.exec(rest)![0].length;
      kind = "number";
    } else if (IDENTIFIER.test(rest)) {
      length = IDENTIFIER.exec(rest)![0].length;
      kind = "name";
      if (formula[i + length] === "!") {
        length++;
        kind = "sheet";
      }
    }
    tokens.push({ kind, text: formula.slice(i, i + length) });
    i += length;
  }
  return tokens;
}

/** Length of a quoted run from `start`, a doubled quote standing for one; to the end if unclosed. */
function quotedLength(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i - start + 1;
    } else i++;
  }
  return text.length - start;
}

/** Length of a bracketed group with nested brackets; ' escapes the next character, as in table references. */
function bracketLength(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") i++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i - start + 1;
  }
  return text.length - start;
}

/** The function names a formula calls, in order ("SUM", "HNB.RAG", "_xlfn.IFS"…). */
export function calledFunctions(formula: string): string[] {
  const tokens = tokenize(formula);
  return tokens.filter((t, i) => t.kind === "name" && tokens[i + 1]?.text === "(").map((t) => t.text);
}

/** Whether a formula calls one of this release's HNB functions ("HNB.FOO" is not one). */
export function callsKnownHnb(formula: string): boolean {
  return calledFunctions(formula).some((name) => {
    const id = hnbId(name);
    return id !== null && HNB_IDS.has(id);
  });
}

/** Whether a formula calls an HNB function, in either form. */
export function callsHnb(formula: string): boolean {
  return calledFunctions(formula).some((name) => hnbId(name) !== null);
}

/**
 * The formula with each call of a known HNB function moved from namespace `from` to `to`, in the
 * form it was written: with `from` "HNB" and `to` "HNBDEV", `HNB.RAG(` becomes `HNBDEV.RAG(` and
 * `_xldudf_HNB_RAG(` becomes `_xldudf_HNBDEV_RAG(`. Text in strings, other functions and unknown
 * names (`HNB.FOO(`) are left as they are. The add-in's formulas are written in HNB everywhere;
 * the office adapter moves them to the namespace a development build registers its functions
 * under (HNBDEV) on the way into Excel, and back on the way out.
 */
export function moveNamespace(formula: string, from: string, to: string): string {
  if (from.toUpperCase() === to.toUpperCase() || !formula.toUpperCase().includes(from.toUpperCase())) return formula;
  const dotted = `${from}.`.toUpperCase();
  const stored = `_XLDUDF_${from}_`.toUpperCase();
  const tokens = tokenize(formula);
  return tokens
    .map((t, i) => {
      if (t.kind !== "name" || tokens[i + 1]?.text !== "(") return t.text;
      const upper = t.text.toUpperCase();
      const form = upper.startsWith(dotted) ? "dotted" : upper.startsWith(stored) ? "stored" : null;
      if (form === null) return t.text;
      const id = upper.slice(form === "dotted" ? dotted.length : stored.length);
      if (!HNB_IDS.has(id)) return t.text;
      return form === "dotted" ? `${to}.${id}` : `_xldudf_${to}_${id}`;
    })
    .join("");
}

/** The formula with each known HNB call in the form asked: `_xldudf_HNB_RAG(` or `HNB.RAG(`. */
export function writeHnbNames(formula: string, style: "excel" | "dotted"): string {
  const tokens = tokenize(formula);
  return tokens
    .map((t, i) => {
      if (t.kind !== "name" || tokens[i + 1]?.text !== "(") return t.text;
      const id = hnbId(t.text);
      if (id === null || !HNB_IDS.has(id)) return t.text;
      return style === "excel" ? `_xldudf_${NAMESPACE}_${id}` : `${NAMESPACE}.${id}`;
    })
    .join("");
}

