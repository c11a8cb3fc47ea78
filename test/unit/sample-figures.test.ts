import { readSampleGrid } from "../helpers/samples";
import * as hnb from "../../src/functions/functions";

describe("the DSG budget samples through the custom functions", () => {
  const good = readSampleGrid("dsg-budget.tsv");
  const broken = readSampleGrid("dsg-budget-broken.tsv");
  const rows = (g: string[][], from: number, to: number) => g.slice(from, to + 1).map((r) => r.slice(1));

  it("gives the carried-forward path of dsg-budget.tsv", () => {
    expect(hnb.deficitPath(good[2]![1], rows(good, 3, 5))).toEqual([[1082, 1522, 2162, 2972, 3992]]);
  });

  it("gives the mitigated path with the recovery plan's impact", () => {
    expect(hnb.deficitPath(good[2]![1], rows(good, 3, 5), rows(good, 7, 7))).toEqual([
      [1037, 1357, 1787, 2337, 3057],
    ]);
  });

  it("finds that dsg-budget.tsv holds together", () => {
    expect(hnb.corkscrew(rows(good, 2, 2), rows(good, 3, 5), rows(good, 6, 6), rows(good, 0, 0))).toBe(true);
  });

  it("names 2025/26 and the gap of 30 in dsg-budget-broken.tsv", () => {
    const verdict = hnb.corkscrew(rows(broken, 2, 2), rows(broken, 3, 5), rows(broken, 6, 6), rows(broken, 0, 0));
    expect(verdict).toContain("2025/26");
    expect(verdict).toContain("1,552");
    expect(verdict).toContain("1,522");
    expect(verdict).toContain("gap of 30");
    expect(verdict).toContain("2,192");
  });
});
