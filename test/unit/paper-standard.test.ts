/*
 * The paper standard (issue 24): every paper built from a shared sample or a corpus table opens
 * with its own title and its date (or says in bold it has none), names no workbook cell or row
 * outside its closing appendix, says each sentence once, and carries the same sentences and
 * figures in HTML, Markdown and the Summary sheet.
 */
import { readdirSync } from "fs";
import { paperOf, paperSheetOperations } from "../../src/app";
import {
  HOW_READ,
  NO_DATE,
  PAPER_SUFFIX,
  WHERE,
  documentText,
  paperDocument,
  placeRowNumbers,
  renderHtml,
  renderMarkdown,
  workbookTitle,
  type PaperDocument,
} from "../../src/core/table";
import { corpusFiles, corpusGrid } from "../helpers/corpus";
import { SAMPLES_DIR, readSampleGrid } from "../helpers/samples";

const samples = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith(".tsv"))
  .sort()
  .map((f) => ({ name: f, grid: { name: f.replace(/\.tsv$/, ""), values: readSampleGrid(f) } }));
const corpus = corpusFiles().map((f) => ({ name: f, grid: corpusGrid(f) }));
const papers = [...samples, ...corpus]
  .map(({ name, grid }) => {
    const paper = paperOf([grid]);
    return { name, grid, paper, doc: paperDocument(paper.summary, paper.options) };
  })
  // A file the reader finds no table in has no paper (hnb summary refuses it with a reason).
  .filter((p) => p.paper.tables.length > 0 || p.paper.summary.budgets.length > 0);
const cases = papers.map((p) => [p.name, p] as const);

/** The blocks before the closing appendix: the body a Forum member reads. */
function body(doc: PaperDocument): PaperDocument["blocks"] {
  const end = doc.blocks.findIndex((b) => b.kind === "heading" && b.text === WHERE);
  return end < 0 ? doc.blocks : doc.blocks.slice(0, end);
}

/** The paper's own words in the body: headings, paragraphs and lists (a table's cells are the workbook's). */
function bodySentences(doc: PaperDocument): string[] {
  return body(doc).flatMap((b) => (b.kind === "heading" || b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : []));
}

/** Text outside “…”: what the paper says, not what it quotes from a cell. */
function unquoted(text: string): string {
  return text.replace(/“[^”]{0,2000}”/g, "“…”");
}

describe("every paper from the shared samples and the corpus", () => {
  it("covers the samples and the corpus", () => {
    expect(samples.length).toBeGreaterThanOrEqual(11);
    expect(papers.length).toBeGreaterThanOrEqual(samples.length + corpus.length - 5);
  });

  it.each(cases)("%s opens with its title and its date, or says in bold that it has none", (_, { grid, paper, doc }) => {
    expect(doc.title.endsWith(PAPER_SUFFIX)).toBe(true);
    expect(doc.title).not.toMatch(/^High Needs recovery plan: summary for Schools Forum$/);
    const own = workbookTitle([grid], paper.tables);
    if (own.title) expect(doc.title).toContain(own.title.replace(/\s+/g, " ").trim());
    const first = doc.blocks[0]!;
    expect(first.kind).toBe("paragraph");
    if (paper.asAt) expect(first).toEqual({ kind: "paragraph", text: paper.asAt });
    else expect(first).toEqual({ kind: "paragraph", text: NO_DATE, style: "strong" });
  });

  it.each(cases)("%s names no workbook cell or row number outside the closing appendix", (_, { doc }) => {
    for (const sentence of bodySentences(doc)) {
      const own = unquoted(sentence);
      expect({ sentence, row: /\b(?:[Rr]ows?|[Ll]ines?) \d/.test(own) }).toEqual({ sentence, row: false });
      expect({ sentence, cell: /'[^']{1,100}'!|![A-Z]{1,3}\$?\d/.test(own) }).toEqual({ sentence, cell: false });
    }
  });

  it.each(cases)("%s says each sentence once", (_, { doc }) => {
    // Headings are not sentences: "How these figures were read" names each section again.
    const said = body(doc)
      .flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.kind === "list" ? b.items : []))
      .filter((s) => s.length > 20);
    const repeated = said.filter((s, i) => said.indexOf(s) !== i);
    expect(repeated).toEqual([]);
  });

  it.each(cases)("%s has no HTML entity in its Markdown", (_, { doc }) => {
    expect(renderMarkdown(doc)).not.toMatch(/&(?:amp|lt|gt|quot|#\d{1,6});/);
  });

  it.each(cases)("%s carries the same sentences and figures in HTML, Markdown and the Summary sheet", (_, { paper, doc }) => {
    const html = renderHtml(doc)
      .replace(/<svg[\s\S]*?<\/svg>/g, "")
      .replace(/<[^>]{0,2000}>/g, " ")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");
    const md = renderMarkdown(doc)
      .replace(/\\([\\[\]<>|])/g, "$1")
      .replace(/\*\*/g, "")
      .replace(/\s+/g, " ");
    const { operations } = paperSheetOperations(paper.summary, [], "Summary", paper.options);
    const written = operations.flatMap((op) => (op.kind === "write" ? op.values.flat() : []));
    const sheetTexts = new Set(written.filter((v): v is string => typeof v === "string").map((v) => v.replace(/\s+/g, " ").trim()));
    const sheetFigures = new Set(written.filter((v): v is number => typeof v === "number"));
    const flat = (t: string) => t.replace(/\s+/g, " ").trim();
    for (const text of documentText(doc)) {
      for (const cell of text.split(" | ").map(flat).filter((t) => t !== "")) {
        expect({ cell, html: html.includes(cell) }).toEqual({ cell, html: true });
        expect({ cell, md: md.includes(cell) }).toEqual({ cell, md: true });
      }
    }
    for (const b of doc.blocks) {
      if (b.kind === "heading" || b.kind === "paragraph") expect({ text: b.text, sheet: sheetTexts.has(flat(b.text)) }).toEqual({ text: b.text, sheet: true });
      if (b.kind === "list") for (const item of b.items) expect({ item, sheet: sheetTexts.has(flat(item)) }).toEqual({ item, sheet: true });
      if (b.kind === "table") {
        for (const r of b.rows) {
          for (const c of r.cells) {
            if (c.value !== undefined) expect({ figure: c.text, sheet: sheetFigures.has(c.value) }).toEqual({ figure: c.text, sheet: true });
            else if (c.text !== "") expect({ cell: c.text, sheet: sheetTexts.has(flat(c.text)) }).toEqual({ cell: c.text, sheet: true });
          }
        }
      }
    }
    expect(sheetTexts.has(doc.title)).toBe(true);
  });

  it("puts what was guessed, out of line or not read under one heading, after the sections", () => {
    const withNotes = papers.filter((p) => p.doc.blocks.some((b) => b.kind === "heading" && b.text === HOW_READ));
    expect(withNotes.length).toBeGreaterThan(5);
    for (const { doc } of withNotes) {
      const at = doc.blocks.findIndex((b) => b.kind === "heading" && b.text === HOW_READ);
      const after = doc.blocks.slice(at + 1).filter((b) => b.kind === "heading" && b.level === 2);
      expect(after.every((b) => b.kind === "heading" && b.text === WHERE)).toBe(true);
    }
  });
});

describe("row numbers put as the lines' labels", () => {
  const labels = new Map([
    [4, "Early help"],
    [5, "Early help"],
    [7, "Post-16 pathways"],
    [12, "Inclusion quality mark"],
  ]);

  it("names one line by its label, keeping the possessive and the capital", () => {
    expect(placeRowNumbers("The £300,000 gap is row 4's £300,000.", "Plan", labels)).toEqual({
      text: "The £300,000 gap is the “Early help” line's £300,000.",
      where: ["“Early help”: row 4 of “Plan”."],
    });
    expect(placeRowNumbers("Row 12 looks shifted.", "Plan", labels).text).toBe("The “Inclusion quality mark” line looks shifted.");
  });

  it("counts several lines of one label rather than naming it again and again", () => {
    expect(placeRowNumbers("Rows 4, 5 and 7 were out of line.", "Plan", labels).text).toBe("Two lines of “Early help” and one of “Post-16 pathways” were out of line.");
    expect(placeRowNumbers("Lines 7 and 12: the copy dropped blank cells.", "Plan", labels).text).toBe("The lines “Post-16 pathways” and “Inclusion quality mark”: the copy dropped blank cells.");
  });

  it("leaves a number with no label, and a cell's own words in quotes, as they are", () => {
    expect(placeRowNumbers("Row 9 holds a note.", "Plan", labels)).toEqual({ text: "Row 9 holds a note.", where: [] });
    expect(placeRowNumbers("The cell reads “see row 4 below”.", "Plan", labels).text).toBe("The cell reads “see row 4 below”.");
  });
});
