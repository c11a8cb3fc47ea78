import fc from "fast-check";
import { readFileSync } from "fs";
import { join } from "path";
import { decodeText, decodeWindows1252, gridFromFile, gridFromText, parseDelimited, sniffDelimiter, type Delimiter } from "../../src/core/table/delimited";
import { readSampleGrid, SAMPLES_DIR } from "../helpers/samples";

describe("reading text pasted from Excel or Word (tab-separated)", () => {
  it("splits rows on line breaks and cells on tabs", () => {
    expect(parseDelimited("Initiative\tRAG\nAutism outreach\tGreen", "\t")).toEqual([
      ["Initiative", "RAG"],
      ["Autism outreach", "Green"],
    ]);
  });

  it("drops the line break Excel puts after the last row", () => {
    expect(parseDelimited("a\tb\r\nc\td\r\n", "\t")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("keeps blank cells as empty strings, including at the ends of a row", () => {
    expect(parseDelimited("\ta\t\t\n\t\t", "\t")).toEqual([
      ["", "a", "", ""],
      ["", "", ""],
    ]);
  });

  it("keeps a blank line inside the table as a row of one empty cell", () => {
    expect(parseDelimited("a\n\nb", "\t")).toEqual([["a"], [""], ["b"]]);
  });

  it("reads a cell Excel quoted because it holds a line break (Alt+Enter), a tab or quotes", () => {
    const clipboard = 'Autism outreach\t"Recruit 2 teachers\nand a lead"\t"Say ""yes"""\t"a\tb"\r\n';
    expect(parseDelimited(clipboard, "\t")).toEqual([
      ["Autism outreach", "Recruit 2 teachers\nand a lead", 'Say "yes"', "a\tb"],
    ]);
  });

  it("keeps quotes in a cell Word put on the clipboard unquoted", () => {
    expect(parseDelimited('"Inclusion" pilot\tGreen\n6" pipes\tAmber', "\t")).toEqual([
      ['"Inclusion" pilot', "Green"],
      ['6" pipes', "Amber"],
    ]);
  });

  it("does not let a quote that never closes swallow the rest of the table", () => {
    expect(parseDelimited('"TBC\tRed\nnext\trow', "\t")).toEqual([
      ['"TBC', "Red"],
      ["next", "row"],
    ]);
  });

  it("reads CRLF, LF and old Mac CR line endings alike", () => {
    const expected = [["a", "b"], ["c", "d"], ["e", "f"]];
    expect(parseDelimited("a\tb\r\nc\td\re\tf", "\t")).toEqual(expected);
    expect(parseDelimited("a\tb\nc\td\ne\tf\n", "\t")).toEqual(expected);
  });

  it("drops a UTF-8 byte-order mark at the start", () => {
    expect(parseDelimited("\uFEFFInitiative\tRAG\n", "\t")).toEqual([["Initiative", "RAG"]]);
  });

  it("gives no rows for empty text", () => {
    expect(parseDelimited("", "\t")).toEqual([]);
    expect(parseDelimited("\uFEFF", "\t")).toEqual([]);
  });

  it("reads every shared sample as the test helper's plain split does (they hold no quoting)", () => {
    for (const name of ["savings-plan-messy.tsv", "action-plan-messy.tsv", "dsg-budget.tsv", "dsg-budget-broken.tsv"]) {
      const text = readFileSync(join(SAMPLES_DIR, name), "utf8");
      expect(parseDelimited(text)).toEqual(readSampleGrid(name));
    }
  });
});

describe("reading CSV (RFC 4180)", () => {
  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    const csv = 'Initiative,Savings,Note\r\n"Post-16, pathways","£50,000","He said ""no""\r\nthen yes"\r\n';
    expect(parseDelimited(csv, ",")).toEqual([
      ["Initiative", "Savings", "Note"],
      ["Post-16, pathways", "£50,000", 'He said "no"\r\nthen yes'],
    ]);
  });

  it("reads an empty quoted field as blank", () => {
    expect(parseDelimited('a,"",c', ",")).toEqual([["a", "", "c"]]);
  });

  it("reads a trailing delimiter as a final blank cell", () => {
    expect(parseDelimited("a,b,\n", ",")).toEqual([["a", "b", ""]]);
  });

  it("reads semicolon-separated CSV with decimal commas", () => {
    expect(parseDelimited("Year;Amount\n2024/25;1,5\n", ";")).toEqual([
      ["Year", "Amount"],
      ["2024/25", "1,5"],
    ]);
  });
});

describe("choosing the delimiter", () => {
  it("chooses tab when any tab sits outside quotes", () => {
    expect(sniffDelimiter("a,b,c\nd\te,f")).toBe("\t");
  });

  it("ignores tabs inside quoted CSV fields", () => {
    expect(sniffDelimiter('a,"b\tc",d\ne,f,g')).toBe(",");
  });

  it("chooses comma for ordinary CSV", () => {
    expect(sniffDelimiter('Initiative,RAG,24/25\n"Autism outreach, phase 1",Green,"£40,000"\n')).toBe(",");
  });

  it("chooses semicolon when commas sit inside text but semicolons split every line", () => {
    expect(sniffDelimiter("Initiative;Note\nAutism;Recruit, train, review\nPost-16;None\n")).toBe(";");
  });

  it("chooses semicolon when the commas are decimal marks and both split lines evenly", () => {
    expect(sniffDelimiter("Year;A;B\n2024;1,5;2,5\n2025;3,5;4,5")).toBe(";");
  });

  it("chooses comma when both split evenly and the commas are not decimal marks", () => {
    expect(sniffDelimiter("a,b;c\nd,e;f")).toBe(",");
  });

  it("chooses tab for a single column with no delimiter at all", () => {
    expect(sniffDelimiter("Initiative\nAutism outreach\n")).toBe("\t");
  });

  it("still finds tabs when a stray quote is never closed", () => {
    expect(sniffDelimiter('6" pipes\tAmber\nnext\trow')).toBe("\t");
  });

  it("is used by parseDelimited when no delimiter is given", () => {
    expect(parseDelimited("a;b\nc;d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("a grid from text", () => {
  it("names the grid and places it at A1", () => {
    expect(gridFromText("Savings plan", "Initiative\tRAG\n")).toEqual({
      name: "Savings plan",
      values: [["Initiative", "RAG"]],
      origin: { row: 0, column: 0 },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** How a careful writer (Excel, RFC 4180) would serialise cells: quote only when needed. */
function serialise(grid: string[][], delimiter: Delimiter, eol: string, trailing: boolean): string {
  const needsQuotes = (cell: string) =>
    cell.includes(delimiter) || /["\r\n]/.test(cell) || cell.startsWith("\uFEFF");
  const field = (cell: string) => (needsQuotes(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const line = (row: string[]) => (row.length === 1 && row[0] === "" ? '""' : row.map(field).join(delimiter));
  const text = grid.map(line).join(eol);
  return trailing && grid.length > 0 ? text + eol : text;
}

const delimiterArb = fc.constantFrom<Delimiter>("\t", ",", ";");
const cellArb = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.stringMatching(/^[a-z"\t,;\r\n £()]{0,8}$/),
);
const gridArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

describe("parsing, for any text", () => {
  it("reads back any grid of strings written with proper quoting", () => {
    fc.assert(
      fc.property(gridArb, delimiterArb, fc.constantFrom("\n", "\r\n", "\r"), fc.boolean(), (grid, d, eol, trailing) => {
        expect(parseDelimited(serialise(grid, d, eol, trailing), d)).toEqual(grid);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws, and gives rows of at least one string cell", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^[ab"\t,;\r\n\uFEFF]{0,40}$/)),
        fc.option(delimiterArb, { nil: undefined }),
        (text, d) => {
          const rows = parseDelimited(text, d);
          for (const row of rows) {
            expect(row.length).toBeGreaterThan(0);
            for (const cell of row) expect(typeof cell).toBe("string");
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("splits text without quotes exactly as a plain split on lines and delimiters would", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab£ \t,;\r\n]{0,40}$/), delimiterArb, (text, d) => {
        const lines = text.split(/\r\n|\r|\n/);
        if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
        const expected = text === "" ? [] : lines.map((l) => l.split(d));
        expect(parseDelimited(text, d)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("always chooses one of the three delimiters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(["\t", ",", ";"]).toContain(sniffDelimiter(text));
      }),
    );
  });
});

describe("decodeText: text as Windows saves it", () => {
  it("reads Windows-1252's euro, smart quotes and dashes (0x80–0x9F) as themselves, never as control characters", () => {
    // "–£5,000 “Delayed” … €" as Excel on Windows saves a CSV.
    const bytes = Uint8Array.from([0x96, 0xa3, 0x35, 0x2c, 0x30, 0x30, 0x30, 0x20, 0x93, 0x44, 0x65, 0x6c, 0x61, 0x79, 0x65, 0x64, 0x94, 0x20, 0x85, 0x20, 0x80]);
    const text = decodeText(bytes);
    expect(text).toBe("–£5,000 “Delayed” … €");
    expect(text).not.toMatch(/[\u0080-\u009f]/);
    expect(decodeWindows1252(Uint8Array.from([0x81, 0x8d, 0x9f, 0xe9]))).toBe("\ufffd\ufffdŸé");
  });

  it("reads UTF-16 saved without a byte-order mark, little- and big-endian, as the table it is", () => {
    const text = "Initiative\tRAG\tLead\nAutism outreach\tGreen\tJB\n";
    const le = Uint8Array.from(Buffer.from(text, "utf16le"));
    const be = Uint8Array.from(Buffer.from(text, "utf16le").swap16());
    expect(decodeText(le)).toBe(text);
    expect(decodeText(be)).toBe(text);
    expect(gridFromFile("plan.txt", le).values[1]).toEqual(["Autism outreach", "Green", "JB"]);
    // Plain UTF-8 and Windows-1252 are not mistaken for it.
    expect(decodeText(Uint8Array.from(Buffer.from(text, "utf8")))).toBe(text);
  });
});
