import {
  DEFAULT_KEY,
  isOverdue,
  keyFromRows,
  isOpenEnded,
  leadNames,
  legendFromCells,
  parseLegend,
  parseLegendText,
  readShare,
  savingsByYear,
  savingsTotal,
  serialFromYmd,
  splitInitials,
  totalCheck,
  transpositionOf,
} from "../../src/core";

describe("savings totals", () => {
  it("adds money written as text", () => {
    expect(savingsTotal([["£40,000", "£25k", "(£10,000)", "", null, 5]])).toBe(55_005);
  });

  it("names the cell holding text that is not money, quoting it", () => {
    expect(() => savingsTotal([["£20,000"], ["Transport Manager"]])).toThrow(
      "Row 2, column 1 (“Transport Manager”) is not an amount of money.",
    );
  });

  it("passes over text when asked", () => {
    expect(savingsTotal([["£20,000"], ["Transport Manager"]], true)).toBe(20_000);
  });
});

describe("savings by year", () => {
  const amounts = [
    ["£40,000", "£95,000"],
    ["£25k", "£60k"],
    ["£150,000", "£300,000"],
  ];

  it("totals each column", () => {
    expect(savingsByYear(amounts)).toEqual([215_000, 455_000]);
  });

  it("weights each row by its status: risk-adjusted savings", () => {
    expect(savingsByYear(amounts, ["On track", "Delayed", "Requires escalation"])).toEqual([52_500, 125_000]);
  });

  it("takes overriding weights as two columns", () => {
    expect(savingsByYear(amounts, ["Green", "Amber", "Red"], [["Status", "Weight"], ["Red", "25%"]])).toEqual([
      90_000, 200_000,
    ]);
  });

  it("asks for a status on every row that has savings", () => {
    expect(() => savingsByYear(amounts, ["Green", "", "Red"])).toThrow(/Row 2 has savings but no RAG status/);
  });

  it("names a status outside the key", () => {
    expect(() => savingsByYear(amounts, ["Green", "TBC", "Red"])).toThrow(/Row 2's status “TBC” is not in the RAG key/);
  });

  it("asks for a weight for a key status that has no default", () => {
    const key = keyFromRows([["Purple", "Paused"], ["Green"]]);
    expect(() => savingsByYear(amounts, ["Purple", "Green", "Green"], null, key)).toThrow(/No weight is given for Purple/);
  });
});

describe("checking a stated total", () => {
  it("agrees when the rows add up", () => {
    expect(totalCheck(225_000, [[40_000], [25_000], [150_000], [-10_000], [20_000]]).ok).toBe(true);
  });

  it("spots two transposed digits in the stated total (the savings sample's 26/27 column)", () => {
    const v = totalCheck(657_000, [[675_000]]);
    expect(v.ok).toBe(false);
    expect(v.transposed).toBe(675_000);
    expect(v.message).toBe(
      "The rows add to 675,000 but the total says 657,000: a gap of 18,000. " +
        "Swapping two adjacent digits of the total gives 675,000, the rows' sum: it looks like a transposition.",
    );
  });

  it("points out a gap divisible by 9 even when the total's own digits are not the culprit", () => {
    expect(totalCheck(1_000, [[991]]).message).toMatch(/divides by 9/);
  });

  it("says nothing of transposition for an ordinary gap", () => {
    expect(totalCheck(1_000, [[990]]).message).toBe("The rows add to 990 but the total says 1,000: a gap of 10.");
  });

  it("finds adjacent swaps only", () => {
    expect(transpositionOf(1234, 1324, 0.5)).toBe(1324);
    expect(transpositionOf(1234, 4231, 0.5)).toBeNull();
  });
});

describe("lead legends", () => {
  const legend = parseLegend("Jane Bloggs (JB), Kamal Patel (KP), Rosa Diaz (RD), Lee Morgan (LM), Anita Thomas (AT)");

  it("reads names and initials", () => {
    expect(legend[0]).toEqual({ name: "Jane Bloggs", initials: "JB" });
    expect(legend).toHaveLength(5);
  });

  it("reads initials-first legends", () => {
    expect(parseLegend("BC - Bernadette Caffrey; AM: Andrew Merry")).toEqual([
      { initials: "BC", name: "Bernadette Caffrey" },
      { initials: "AM", name: "Andrew Merry" },
    ]);
  });

  it.each([
    ["Key: JB = Jane Bloggs, KP = Kamal Patel"],
    ["Leads: JB = Jane Bloggs; KP = Kamal Patel"],
    ["Lead officers: JB - Jane Bloggs; KP - Kamal Patel"],
    ["Legend: JB: Jane Bloggs\nKP: Kamal Patel"],
    ["KEY: JB = Jane Bloggs, KP = Kamal Patel"],
  ])("reads an initials-first legend after a label: %j", (text) => {
    expect(parseLegend(text)).toEqual([
      { initials: "JB", name: "Jane Bloggs" },
      { initials: "KP", name: "Kamal Patel" },
    ]);
  });

  it.each([["Key: Jane Bloggs (JB), Kamal Patel (KP)"], ["Lead officers: Jane Bloggs (JB), Kamal Patel (KP)"], ["Legend: Jane Bloggs (JB); Kamal Patel (KP)"]])(
    "reads a names-first legend after a label: %j",
    (text) => {
      expect(parseLegend(text)).toEqual([
        { name: "Jane Bloggs", initials: "JB" },
        { name: "Kamal Patel", initials: "KP" },
      ]);
    },
  );

  it("reads a legend spread over several cells of a row", () => {
    expect(legendFromCells([["JB = Jane Bloggs", "KP = Kamal Patel", "RD = Rosa Diaz"]])).toEqual([
      { initials: "JB", name: "Jane Bloggs" },
      { initials: "KP", name: "Kamal Patel" },
      { initials: "RD", name: "Rosa Diaz" },
    ]);
    expect(legendFromCells([["Key:", "JB = Jane Bloggs", null, "KP = Kamal Patel"]])).toHaveLength(2);
  });

  it("does not take a role's abbreviation with small letters for someone's initials", () => {
    expect(parseLegend("Jane Bloggs (JB), Head of SEND (HoS)")).toEqual([{ name: "Jane Bloggs", initials: "JB" }]);
    expect(parseLegend("JB = Jane Bloggs (SENCo); KP = Kamal Patel")).toEqual([
      { initials: "JB", name: "Jane Bloggs (SENCo)" },
      { initials: "KP", name: "Kamal Patel" },
    ]);
  });

  it("reads initials on the line below the name, and passes over lines that are not a legend", () => {
    expect(parseLegend("Jane Bloggs\n(JB), Kamal Patel (KP)")).toEqual([
      { name: "Jane Bloggs", initials: "JB" },
      { name: "Kamal Patel", initials: "KP" },
    ]);
    expect(parseLegend("Recruit specialist teachers (3); Review placements at annual review (2); Sep-26")).toEqual([]);
  });

  it("reads legend text the same under its other name", () => {
    expect(parseLegendText("Jane Bloggs (JB)")).toEqual(parseLegend("Jane Bloggs (JB)"));
  });

  it("splits lead cells however they are joined", () => {
    expect(splitInitials("LM/ AT")).toEqual(["LM", "AT"]);
    expect(splitInitials("KP & RD and jb")).toEqual(["KP", "RD", "JB"]);
  });

  it("expands initials to names", () => {
    expect(leadNames("LM/ AT", legend)).toBe("Lee Morgan and Anita Thomas");
    expect(leadNames("KP/RD/JB", legend)).toBe("Kamal Patel, Rosa Diaz and Jane Bloggs");
  });

  it("names initials the legend does not have", () => {
    expect(() => leadNames("JB/XY", legend)).toThrow("“XY” is not in the legend.");
  });

  it("names initials shared by two people", () => {
    const twoAMs = parseLegend("Andrew Merry (AM), Alice Moore (AM)");
    expect(() => leadNames("AM", twoAMs)).toThrow("“AM” could be Andrew Merry or Alice Moore.");
  });
});

describe("overdue actions", () => {
  const asOf = serialFromYmd(2025, 4, 1);
  const key3 = keyFromRows([["Green"], ["Amber"], ["Red"]]);

  it("flags an end date that has passed on an action not complete", () => {
    expect(isOverdue("Sep 24", "Green", asOf)).toBe(true);
    expect(isOverdue("Dec 24", "", asOf)).toBe(true);
  });

  it("does not flag complete actions or future deadlines", () => {
    expect(isOverdue("Sep 24", "Complete", asOf)).toBe(false);
    expect(isOverdue("Mar 26", "Red", asOf)).toBe(false);
  });

  it("judges by the date alone when the key has no complete status", () => {
    expect(isOverdue("Sep 24", "Green", asOf, key3)).toBe(true);
  });

  it("never flags ongoing, open-ended or blank deadlines", () => {
    expect(isOverdue("Ongoing", "Green", asOf)).toBe(false);
    expect(isOverdue("Sep 2024 onwards", "Green", asOf)).toBe(false);
    expect(isOverdue("", "Green", asOf)).toBe(false);
  });

  it("tells open-ended date text from a deadline", () => {
    for (const t of ["Mar 2025 onwards", "Ongoing", "on-going", "Continuous", "Rolling programme", "Business as usual", "BAU", "from April 2025 onward"]) {
      expect(isOpenEnded(t)).toBe(true);
    }
    for (const t of ["Mar 2025", "from April 2025", "Baudelaire", "Enrolling", "Sept 2024 – March 2025"]) {
      expect(isOpenEnded(t)).toBe(false);
    }
  });

  it("says when the end date cannot be read", () => {
    expect(() => isOverdue("after the election", "Green", asOf, DEFAULT_KEY)).toThrow(/is not a date/);
  });
});

describe("shares and rates", () => {
  it("reads fractions and percentages", () => {
    expect(readShare(0.05, "Growth")).toBe(0.05);
    expect(readShare("5%", "Growth")).toBe(0.05);
  });

  it("refuses a bare number above 1 rather than guess", () => {
    expect(() => readShare(5, "Growth")).toThrow("Growth is 5: write it as a percentage (5%) or a fraction (0.05).");
  });
});
