/*
 * The section 251 High Needs lines are one list (src/core/s251.ts), in DfE's published words:
 * the HN Monitoring template, the budget reader and the paper all name lines from it.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { S251_LINES, s251Label, s251LineByCode, s251LineByWords } from "../../src/core";
import { buildSummary, readTables } from "../../src/core/table";
import { buildTemplates } from "../../src/app/templates";

const DOMAIN = join(__dirname, "..", "..", "..", "shared", "DOMAIN.md");

/** DOMAIN.md's list: "1.0.2 High needs place funding…; 1.2.1 Top-up funding – maintained schools; …". */
function domainLines(): { code: string; name: string }[] {
  const text = readFileSync(DOMAIN, "utf8").replace(/\s+/g, " ");
  const start = text.indexOf("published words**:");
  const end = text.indexOf("(no 1.2.12", start);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start + "published words**:".length, end)
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const m = /^(\d+\.\d+\.\d+) (.+)$/.exec(part)!;
      return { code: m[1]!, name: m[2]!.trim() };
    });
}

describe("the section 251 High Needs lines", () => {
  (existsSync(DOMAIN) ? it : it.skip)("are DOMAIN.md's list: the same codes in the same order, each in DfE's words", () => {
    const domain = domainLines();
    expect(S251_LINES.map((l) => l.code)).toEqual(domain.map((l) => l.code));
    S251_LINES.forEach((line, i) => {
      const { name } = domain[i]!;
      // DOMAIN.md shortens 1.0.2's long name with an ellipsis: the start must agree.
      if (name.endsWith("…")) expect(line.name.startsWith(name.slice(0, -1))).toBe(true);
      else expect(line.name).toBe(name);
    });
  });

  it("have no 1.2.12, and DfE's wording for 1.2.3 and 1.2.10", () => {
    expect(s251LineByCode("1.2.12")).toBeNull();
    expect(s251LineByCode("1.2.3")!.name).toBe("Top-up and other funding – non-maintained and independent providers");
    expect(s251LineByCode("1.2.10")!.name).toBe("PFI/ BSF costs at special schools, AP/ PRUs and Post 16 institutions only");
    expect(s251LineByCode("1.2.03.")!.code).toBe("1.2.3");
  });

  it("know the short forms councils write", () => {
    expect(s251LineByWords("Top-up: independent and non-maintained special schools")!.code).toBe("1.2.3");
    expect(s251LineByWords("PFI/BSF")!.code).toBe("1.2.10");
    expect(s251LineByWords("Therapies")!.code).toBe("1.2.13");
    expect(s251LineByWords("Direct payments")!.code).toBe("1.2.11");
    expect(s251LineByWords("Hospital education")!.code).toBe("1.2.6");
    expect(s251LineByWords("Transport")).toBeNull();
    // Whole words only: "pfizer" is not PFI.
    expect(s251LineByWords("Pfizer vaccines")).toBeNull();
  });

  it("name the HN Monitoring template's lines, in DfE's order", () => {
    const writes = buildTemplates(["hn-monitoring"], []).operations.flatMap((op) => (op.kind === "write" ? op.values : []));
    const lines = writes.filter((row) => typeof row[0] === "string" && /^\d+\.\d+\.\d+$/.test(row[0]));
    expect(lines.map((row) => `${row[0]} ${row[1]}`)).toEqual(S251_LINES.map(s251Label));
  });

  it("name a line the reader finds by its code alone in DfE's words, in the paper", () => {
    const tables = readTables({
      name: "Lines",
      values: [
        ["Line", "Budget", "Forecast", "Variance"],
        ["1.2.3", 1650, 1820, 170],
        ["1.2.10", 55, 55, 0],
        ["1.2.11 Direct payments", 70, 82, 12],
      ],
    });
    const [budget] = buildSummary(tables).budgets;
    expect(budget!.lines.map((l) => l.label)).toEqual([
      "1.2.3 Top-up and other funding – non-maintained and independent providers",
      "1.2.10 PFI/ BSF costs at special schools, AP/ PRUs and Post 16 institutions only",
      "1.2.11 Direct payments",
    ]);
  });
});
