import {
  carryForward,
  corkscrewBreaks,
  corkscrewVerdict,
  deficitPath,
  projectCost,
  recoveryYear,
  transferCheck,
} from "../../src/core";

describe("carrying a deficit forward", () => {
  it("adds every movement to the brought-forward balance (DOMAIN's example, £000)", () => {
    expect(carryForward(457, [[-126], [-4224], [4468]])).toBe(575);
  });

  it("loses no float noise on decimals", () => {
    expect(carryForward(0.1, [[0.2]])).toBe(0.3);
  });
});

describe("the deficit path", () => {
  const movements = [
    [-150, -150],
    [-6120, -6430],
    [6540, 7020],
  ];

  it("carries each year's balance into the next", () => {
    expect(deficitPath(812, movements)).toEqual([1082, 1522]);
  });

  it("accumulates the recovery plan's in-year impact: the mitigated path", () => {
    expect(deficitPath(812, movements, [-45, -120])).toEqual([1037, 1357]);
  });

  it("refuses an impact row of a different length", () => {
    expect(() => deficitPath(812, movements, [-45])).toThrow("The impact row has 1 year but the movements have 2.");
  });
});

describe("checking a corkscrew", () => {
  const labels = ["2023/24", "2024/25", "2025/26"];
  const movements = [
    [-150, -150, -150],
    [-6120, -6430, -6690],
    [6540, 7020, 7480],
  ];

  it("finds nothing wrong in a corkscrew that holds", () => {
    expect(corkscrewBreaks([812, 1082, 1522], movements, [1082, 1522, 2162], labels)).toEqual([]);
  });

  it("names the year whose brought forward differs, and its column, with figures and gaps", () => {
    const breaks = corkscrewBreaks([812, 1082, 1552], movements, [1082, 1522, 2162], labels);
    expect(breaks.map((b) => [b.label, b.kind, b.expected, b.actual, b.gap])).toEqual([
      ["2025/26", "balance", 1522, 1552, 30],
      ["2025/26", "column", 2192, 2162, -30],
    ]);
    expect(corkscrewVerdict(breaks)).toBe(
      "2025/26 brought forward is 1,552 but 2024/25 carried forward 1,522: a gap of 30. " +
        "2025/26 lines add to 2,192 but carried forward says 2,162: a gap of 30.",
    );
  });

  it("allows rounding within the tolerance", () => {
    expect(corkscrewBreaks([812, 1083], movements.map((r) => r.slice(0, 2)), [1082, 1522], [], 1)).toEqual([]);
    expect(corkscrewBreaks([812, 1083], movements.map((r) => r.slice(0, 2)), [1082, 1522], [], 0.5)).toHaveLength(2);
  });

  it("names years by position when no labels are given, and counts later breaks", () => {
    const verdict = corkscrewVerdict(corkscrewBreaks([800, 1082, 1552], movements, [1082, 1522, 2162]));
    expect(verdict).toMatch(/^year 1 lines add to 1,070/);
    expect(verdict).toMatch(/2 more breaks in later years\.$/);
  });

  it("refuses rows of different lengths", () => {
    expect(() => corkscrewBreaks([1, 2], [[1, 2]], [1, 2, 3])).toThrow(/same years/);
  });
});

describe("the recovery year", () => {
  it("is the first year that is no longer a deficit", () => {
    expect(recoveryYear([300, 120, 0, -50], ["2024/25", "2025/26", "2026/27", "2027/28"])).toBe("2026/27");
  });

  it("says when the plan does not recover by its last year", () => {
    expect(recoveryYear([1082, 1522, 3992], ["2025/26", "2026/27", "2027/28"])).toBe("Not recovered by 2027/28");
  });

  it("names a year by its position when its label cell is blank", () => {
    expect(recoveryYear([5, -1], ["2024/25", ""])).toBe("year 2");
  });

  it("needs one label per balance", () => {
    expect(() => recoveryYear([1, 2], ["2024/25"])).toThrow(/2 balances but 1 year label:/);
  });
});

describe("transfers from the Schools Block", () => {
  it("lets Schools Forum approve up to 0.5%", () => {
    const v = transferCheck(-150, 40_000);
    expect(v.approver).toBe("Schools Forum");
    expect(v.message).toBe("0.38% of the Schools Block: within the 0.5% limit, so Schools Forum may approve it.");
  });

  it("counts exactly 0.5% as within the limit", () => {
    expect(transferCheck(200, 40_000).approver).toBe("Schools Forum");
  });

  it("sends anything above 0.5% to the Secretary of State, showing enough digits to see why", () => {
    const v = transferCheck(201, 40_000);
    expect(v.approver).toBe("Secretary of State");
    expect(v.message).toMatch(/^0\.502% of the Schools Block: above the 0\.5% limit/);
  });

  it("needs a positive Schools Block", () => {
    expect(() => transferCheck(100, 0)).toThrow(/must be a positive amount/);
  });
});

describe("projecting costs from caseload and unit cost", () => {
  it("keeps the base year as given and grows both drivers after it", () => {
    expect(projectCost(100, 20_000, 0.1, 0.05, 3)).toEqual([2_000_000, 2_310_000, 2_668_050]);
  });

  it("refuses a number of years that is not whole", () => {
    expect(() => projectCost(1, 1, 0, 0, 2.5)).toThrow(/whole number/);
  });
});
