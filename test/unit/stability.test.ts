import { OVERRIDE_END, STABILITY_GRANT_CUT_OFF, formatDate, sourceCheck, stabilityGrant } from "../../src/core";

describe("the High Needs Stability Grant", () => {
  it("is the share of the deficit less what is not High Needs, leaving the residual", () => {
    expect(stabilityGrant(12_345, 345)).toMatchObject({ eligible: 12_000, grant: 10_800, residual: 1_545, why: "" });
  });

  it("is never negative, and says why there is none", () => {
    expect(stabilityGrant(-500)).toMatchObject({ grant: 0, residual: -500, why: "There is no deficit at the cut-off (a surplus of 500), so there is no grant." });
    expect(stabilityGrant(100, 250).why).toBe("The amounts taken out (250) are as large as the deficit (100): nothing is eligible, so there is no grant.");
  });

  it("keeps the announced dates as parameters: the cut-off and the end of the override", () => {
    expect(formatDate(STABILITY_GRANT_CUT_OFF)).toBe("31 March 2026");
    expect(formatDate(OVERRIDE_END)).toBe("31 March 2028");
  });
});

describe("the deficit across the council's sources", () => {
  it("agrees within the tolerance, and otherwise names the lowest and each gap, largest first", () => {
    expect(sourceCheck([{ label: "a", value: 100 }, { label: "b", value: 100.4 }]).agree).toBe(true);
    const v = sourceCheck([{ label: "s251 outturn", value: 12_345 }, { label: "DSG note", value: 12_300 }, { label: "S151 assurance", value: 12_400 }]);
    expect(v.lowest.label).toBe("DSG note");
    expect(v.message).toBe("The sources differ: the lowest is DSG note (12,300); S151 assurance is 100 above it and s251 outturn is 45 above it. DfE will use the lowest unless the difference is explained.");
  });
});
