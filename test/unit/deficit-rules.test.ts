import { serialFromYmd } from "../../src/core";
import { buildSummary, checkTables, deficitRules, readTables } from "../../src/core/table";
import type { Finding } from "../../src/core/table";

/** A corkscrew in £000 as the DSG Budget template lays it out, the grant line and the blocks under it. */
function table(grant: (number | null)[], sources: number[] = [2162, 2162, 2162, 2162, 2162], grantLine = true) {
  const values: unknown[][] = [
    ["High Needs DSG (£000)", "2023/24", "2024/25", "2025/26", "2026/27", "2027/28"],
    ["High Needs DSG B/Fwd Deficit / (Surplus)", 812, 1082, 1522, 2162, 2162 - (grant[3] ? -grant[3] : 0) + 0],
    ["Transfer From Schools Block", -150, -150, -150, -150, -150],
    ["High Needs Allocation", -6120, -6430, -6690, -6950, -7210],
    ["Placement costs", 6540, 7020, 7480, 7910, 8380],
    ["High Needs Stability Grant", ...grant],
    ["High Needs DSG C/Fwd Deficit / (Surplus)", 1082, 1522, 2162, null, null],
    ["Recovery Plan Impact", -45, -120, -210, -260, -300],
    [],
    ["Less: not High Needs (early years overspend, equal pay)", null, null, 62],
    ["Share of the eligible deficit paid", null, null, 0.9],
    [],
    ["s251 outturn", null, null, sources[0]],
    ["DSG note in the accounts (draft)", null, null, sources[1]],
    ["DSG note in the accounts (published)", null, null, sources[2]],
    ["S151 officer's DSG assurance", null, null, sources[3]],
    ["Revenue outturn", null, null, sources[4]],
  ];
  // Carried forward worked out, so the corkscrew balances whatever the grant.
  const move = (c: number) => [2, 3, 4, 5].reduce((sum, r) => sum + Number(values[r]![c] ?? 0), 0);
  for (let c = 1; c <= 5; c++) {
    values[6]![c] = Number(values[1]![c]) + move(c);
    if (c < 5) values[1]![c + 1] = values[6]![c];
  }
  return readTables({ name: "DSG", values: grantLine ? values : values.filter((_, r) => r !== 5) });
}

const found = (findings: Finding[]) => findings.filter((f) => f.rule.startsWith("grant.") || f.rule === "sources.differ").map((f) => `${f.rule}@${f.location.replace(/^.*!/, "")} ${f.message}`);

describe("a deficit table against the 2026 rules", () => {
  it("reads the deficit at the cut-off, the grant, what is taken out and the deficit by source", () => {
    const [t] = table([null, null, null, -1890, null]);
    const rules = deficitRules(t!);
    expect(rules.cutOff).toMatchObject({ label: "2025/26", deficit: 2162 });
    expect(rules.grantPaid.map((g) => [g.label, g.amount])).toEqual([["2026/27", 1890]]);
    expect([rules.ineligible, rules.share, rules.expected!.grant]).toEqual([62, 0.9, 1890]);
    expect(rules.sources).toHaveLength(5);
    expect(rules.overrideEnd).toMatchObject({ label: "2027/28", unmitigated: 2102 });
    expect(found(checkTables([t!], { asOf: serialFromYmd(2026, 11, 24) }))).toEqual([]);
  });

  it("finds a grant above its share of the eligible deficit, and one in the wrong year", () => {
    const findings = checkTables(table([null, null, null, -2000, -50]), { asOf: serialFromYmd(2026, 11, 24) });
    expect(found(findings)).toEqual([
      "grant.too-large@E6 The High Needs Stability Grant (2,000) is more than 90% of the eligible deficit at 31 March 2026 (2,162 less 62 not High Needs): at most 1,890.",
      "grant.year@F6 The High Needs Stability Grant is in 2027/28; it is paid towards the deficit at 31 March 2026, so it is income in 2026/27. Check the year.",
    ]);
  });

  it("asks about the grant where a paper dated after its announcement has a deficit and no grant line", () => {
    const values = table([null, null, null, null, null], undefined, false)[0]!;
    expect(found(checkTables([values], { asOf: serialFromYmd(2026, 11, 24) }))).toEqual([
      "grant.missing@D6 A deficit of 2,162 at 31 March 2026 and no High Needs Stability Grant line: eligible for the grant? Once DfE confirms it, add it as income in 2026/27 (HNB.STABILITYGRANT works it out).",
    ]);
    expect(found(checkTables([values], { asOf: serialFromYmd(2025, 11, 1) }))).toEqual([]);
  });

  it("says which source is lowest where the sources differ", () => {
    const findings = checkTables(table([null, null, null, -1890, null], [2162, 2162, 2100, 2162, 2162]));
    expect(found(findings)).toEqual([
      "sources.differ@A1 The sources differ: the lowest is DSG note in the accounts (published) (2,100); s251 outturn is 62 above it, DSG note in the accounts (draft) is 62 above it, S151 officer's DSG assurance is 62 above it and Revenue outturn is 62 above it. DfE will use the lowest unless the difference is explained.",
    ]);
  });

  it("says in the paper what the grant would be on the lowest source", () => {
    const [summary] = buildSummary(table([null, null, null, -1890, null], [2162, 2162, 2100, 2162, 2162])).deficits;
    expect(summary!.rules2026!.sources).toMatch(/DfE will use the lowest unless the difference is explained\. On the lowest figure the grant would be 1,834\.20, 55\.80 less than shown above\.$/);
  });
});
