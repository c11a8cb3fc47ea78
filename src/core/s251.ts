/**
 * The section 251 High Needs lines, in DfE's published words: the one list the HN Monitoring
 * template, the budget reader and the paper name them from. There is no 1.2.12 in DfE's
 * published files. Each line also has the short forms councils write for it ("Top-up:
 * independent", "PFI/BSF", "Therapies"), which the reader knows as the same line.
 */

export type S251Section = "place" | "top-up" | "other";

export interface S251Line {
  readonly code: string;
  /** DfE's published wording. */
  readonly name: string;
  readonly section: S251Section;
  /** Words councils write for the line, lower case, matched as whole words in a line's description. */
  readonly shortForms: readonly string[];
}

/** The High Needs lines in DfE's order. */
export const S251_LINES: readonly S251Line[] = [
  {
    code: "1.0.2",
    // As far as the team's copy of DfE's wording goes (DOMAIN.md cuts the line short): nothing guessed on.
    name: "High needs place funding within Individual Schools Budget",
    section: "place",
    shortForms: ["place funding", "high needs places"],
  },
  { code: "1.2.1", name: "Top-up funding – maintained schools", section: "top-up", shortForms: ["top-up: maintained schools", "top-up maintained", "top ups maintained", "maintained top-up"] },
  {
    code: "1.2.2",
    name: "Top-up funding – academies, free schools and colleges",
    section: "top-up",
    shortForms: ["top-up: academies, free schools and colleges", "top-up academies", "academies, free schools and colleges", "fe colleges", "post-16 top-up"],
  },
  {
    code: "1.2.3",
    name: "Top-up and other funding – non-maintained and independent providers",
    section: "top-up",
    shortForms: ["top-up: independent and non-maintained special schools", "independent and non-maintained", "non-maintained and independent", "independent special schools", "nmss", "independent placements", "out of county"],
  },
  {
    code: "1.2.4",
    name: "Additional high needs targeted funding for mainstream schools and academies",
    section: "other",
    shortForms: ["targeted mainstream funding", "targeted funding", "additional high needs funding"],
  },
  { code: "1.2.5", name: "SEN support services", section: "other", shortForms: ["sen support services", "sen services", "send support services"] },
  { code: "1.2.6", name: "Hospital education services", section: "other", shortForms: ["hospital education", "hospital school"] },
  { code: "1.2.7", name: "Other alternative provision services", section: "other", shortForms: ["other alternative provision", "alternative provision", "ap services"] },
  { code: "1.2.8", name: "Support for inclusion", section: "other", shortForms: ["support for inclusion", "inclusion support"] },
  { code: "1.2.9", name: "Special schools and PRUs in financial difficulty", section: "other", shortForms: ["financial difficulty", "schools in financial difficulty"] },
  {
    code: "1.2.10",
    name: "PFI/ BSF costs at special schools, AP/ PRUs and Post 16 institutions only",
    section: "other",
    shortForms: ["pfi/bsf", "pfi / bsf", "pfi", "bsf"],
  },
  { code: "1.2.11", name: "Direct payments (SEN and disability)", section: "other", shortForms: ["direct payments", "personal budgets"] },
  { code: "1.2.13", name: "Therapies and other health related services", section: "other", shortForms: ["therapies", "therapy", "health related services"] },
];

const BY_CODE: ReadonlyMap<string, S251Line> = new Map(S251_LINES.map((l) => [l.code, l]));

/** The line a code names ("1.2.3"; "1.2.03" and "1.2.3." read the same), or null: 1.2.12 is not a line. */
export function s251LineByCode(code: string): S251Line | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.?\s*$/.exec(code);
  if (!m) return null;
  return BY_CODE.get(`${Number(m[1])}.${Number(m[2])}.${Number(m[3])}`) ?? null;
}

/** Lower case, dashes and spacing made one, for matching a description against the short forms. */
function words(text: string): string {
  return text
    .slice(0, 300)
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The line a description names in DfE's words or a council's short form, or null. The longest
 * short form found wins ("independent and non-maintained" over "places"); a form must stand as
 * whole words.
 */
export function s251LineByWords(description: string): S251Line | null {
  const text = words(description);
  if (text === "") return null;
  let best: { line: S251Line; length: number } | null = null;
  for (const line of S251_LINES) {
    for (const form of [words(line.name), ...line.shortForms]) {
      if (best && form.length <= best.length) continue;
      const at = text.indexOf(form);
      if (at < 0) continue;
      const before = at === 0 ? " " : text[at - 1]!;
      const after = at + form.length >= text.length ? " " : text[at + form.length]!;
      if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) continue;
      best = { line, length: form.length };
    }
  }
  return best?.line ?? null;
}

/** "1.2.3 Top-up and other funding – non-maintained and independent providers". */
export function s251Label(line: S251Line): string {
  return `${line.code} ${line.name}`;
}
