/*
 * The templates evaluated for real: their operations replayed into a formula engine (HyperFormula,
 * with every HNB function of the registry registered), so each formula is computed as Excel
 * would and the master check must come to 0. The table reader and checks must find nothing wrong
 * in the sheets either.
 */
import { HyperFormula } from "hyperformula";
import { checkTables, readTables } from "../../src/core/table";
import { ALL_TEMPLATES, NAMES, buildTemplates } from "../../src/app/templates";
import type { WorkbookOperation } from "../../src/port/port";
import { ENGINE_CONFIG, at, registerHnbFunctions } from "../helpers/hyperformula-hnb";

beforeAll(() => {
  registerHnbFunctions();
});

function replay(operations: WorkbookOperation[]): HyperFormula {
  const hf = HyperFormula.buildEmpty({ ...ENGINE_CONFIG });
  const ids = new Map<string, number>();
  for (const op of operations) if (op.kind === "addSheet") ids.set(op.name, hf.getSheetId(hf.addSheet(op.name))!);
  const writes = operations.filter((op): op is Extract<WorkbookOperation, { kind: "write" }> => op.kind === "write");
  // Values first, then formulas, as a workbook holds both before it calculates.
  for (const pass of ["values", "formulas"] as const) {
    for (const w of writes) {
      const origin = at(w.at, ids.get(w.sheet)!);
      w.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const isFormula = w.formulas === true && typeof v === "string" && v.startsWith("=");
          if ((pass === "formulas") !== isFormula) return;
          // A text-formatted cell keeps what is typed as text (a line code "1.2.3" is not a date), as Excel does.
          const format = typeof w.numberFormats === "string" ? w.numberFormats : w.numberFormats?.[c];
          const typed = format === "@" && typeof v === "string" && !isFormula ? `'${v}` : v;
          hf.setCellContents({ ...origin, row: origin.row + r, col: origin.col + c }, [[typed as never]]);
        }),
      );
    }
    if (pass === "values") {
      for (const op of operations) {
        if (op.kind !== "namedRange") continue;
        const [from, to] = op.range.split(":");
        const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
        hf.addNamedExpression(op.name, `='${op.sheet}'!${abs(from!)}${to ? `:${abs(to)}` : ""}`);
      }
    }
  }
  return hf;
}

const value = (hf: HyperFormula, sheet: string, a1: string) => hf.getCellValue(at(a1, hf.getSheetId(sheet)!));

describe("the templates, calculated", () => {
  const { operations, sheets } = buildTemplates(ALL_TEMPLATES, []);
  let hf: HyperFormula;
  beforeAll(() => {
    hf = replay(operations);
  });

  it("pass every check: the master check is 0", () => {
    expect(value(hf, sheets.checks!, "B1")).toBe(0);
    for (let row = 5; row <= 20; row++) expect(value(hf, sheets.checks!, `B${row}`)).toBe("Passes");
    expect(value(hf, sheets.checks!, "A14")).toBe("DSG budget: the deficit at 31 March 2026 is the same in every source");
    expect(value(hf, sheets.checks!, "A16")).toBe("EHCP numbers: each category's EHCPs by age group and by primary need agree (forecasts to within 1)");
  });

  it("carry the DSG deficit forward and draw both paths, the Stability Grant taken off in 2026/27", () => {
    const dsg = sheets["dsg-budget"]!;
    // The grant: 90% of the deficit at 31 March 2026 (2,162) less 62 not High Needs, income in 2026/27.
    expect(["D12", "D13", "D14", "D15", "D16", "D17"].map((c) => value(hf, dsg, c))).toEqual([2162, 62, 0.9, 2100, 1890, 272]);
    expect(["B7", "C7", "D7", "E7", "F7"].map((c) => value(hf, dsg, c))).toEqual([null, null, null, -1890, null]);
    expect(["B8", "C8", "D8", "E8", "F8"].map((c) => value(hf, dsg, c))).toEqual([1082, 1522, 2162, 1082, 2102]);
    expect(["B27", "C27", "D27", "E27", "F27"].map((c) => value(hf, dsg, c))).toEqual([1082, 1522, 2162, 1082, 2102]);
    expect(["B28", "C28", "D28", "E28", "F28"].map((c) => value(hf, dsg, c))).toEqual([1037, 1357, 1787, 447, 1167]);
    // The deficit at the end of the statutory override, and the sources agreeing.
    expect(["F32", "F33", "D25"].map((c) => value(hf, dsg, c))).toEqual([2102, 1167, true]);
  });

  it("total the savings plainly and by risk", () => {
    expect(value(hf, sheets.checks!, "B23")).toBe("Not recovered by 2027/28");
    expect(value(hf, sheets.checks!, "B24")).toMatch(/^0\.37% of the Schools Block: within the 0\.5% limit/);
    expect(value(hf, sheets.checks!, "B25")).toBe(1167);
    expect(["B28", "C28", "D28"].map((c) => value(hf, sheets.checks!, c))).toEqual([225_000, 580_000, 675_000]);
    expect(["B29", "C29", "D29"].map((c) => value(hf, sheets.checks!, c))).toEqual([67_500, 177_500, 212_500]);
  });

  it("monitor High Needs by section 251 line, and feed the forecast into the DSG budget's year", () => {
    const hn = sheets["hn-monitoring"]!;
    expect(value(hf, hn, "A3")).toBe("Line");
    expect(["A9", "B9", "C9", "D9", "E9"].map((c) => value(hf, hn, c))).toEqual(["1.2.3", "Top-up and other funding – non-maintained and independent providers", 1650, 1820, 170]);
    expect(["B10", "C10", "D10", "E10"].map((c) => value(hf, hn, c))).toEqual(["Subtotal top-up funding", 4050, 4380, 330]);
    expect(["B21", "C21", "D21", "E21"].map((c) => value(hf, hn, c))).toEqual(["Total High Needs expenditure", 7120, 7480, 360]);
    expect(["B23", "C23", "D23", "E23"].map((c) => value(hf, hn, c))).toEqual(["In-year High Needs overspend / (underspend)", 430, 790, 360]);
    expect(value(hf, hn, "F9")).toBeCloseTo(170 / 1650, 10);
    // 2025/26 placement costs are the monitoring's forecast; the corkscrew's figures stand.
    expect(value(hf, sheets["dsg-budget"]!, "D6")).toBe(7480);
    const codes = [5, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((r) => value(hf, hn, `A${r}`));
    expect(codes).toEqual(["1.0.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.2.10", "1.2.11", "1.2.13"]);
  });

  it("leave the row under each table blank (Excel would take anything written there into the table)", () => {
    const sp = sheets["savings-plan"]!;
    expect(["A10", "F10", "H10"].map((c) => value(hf, sp, c))).toEqual([null, null, null]);
    expect(value(hf, sp, "A11")).toBe("Total savings projection");
    for (const op of operations) {
      if (op.kind !== "addTable") continue;
      const bottom = Number(/\d+$/.exec(op.range)![0]);
      for (const c of ["A", "B", "C", "D"]) expect([op.name, value(hf, op.sheet, `${c}${bottom + 1}`)]).toEqual([op.name, null]);
    }
  });

  it("the DSG budget alone keeps its own 2025/26 figure", () => {
    const alone = buildTemplates(["dsg-budget"], []).operations.flatMap((op) => (op.kind === "write" ? op.values : []));
    expect(alone.find((row) => row[0] === "Placement costs")).toEqual(["Placement costs", 6540, 7020, 7480, 7910, 8380]);
  });

  it("mark overdue actions against the report date", () => {
    const overdue = [4, 5, 6, 7, 8, 9, 10, 11].map((r) => value(hf, sheets["action-plan"]!, `J${r}`));
    expect(overdue).toEqual(["No", "No", "No", "No", "No", "No", "No", "No"]);
  });

  it("score each indicator of the scorecard: its targets by year, the target for the year, status and trend", () => {
    const sheet = sheets.scorecard!;
    const column = (letter: string) => [2, 3, 4, 5, 6, 7, 8, 9].map((r) => value(hf, sheet, `${letter}${r}`));
    const rounded = (values: unknown[]) => values.map((v) => (typeof v === "number" ? Number(v.toFixed(6)) : v));
    // Target 2026/27: S3's 50% reduction on 14 is 7; F1's 5% off £9.6m is £9,120,000; I3 and F2 set none for it.
    expect(rounded(column("I"))).toEqual([0.18, 0.8, 7, 0.15, 0.3, "", 9_120_000, ""]);
    expect(rounded(column("Q"))).toEqual([0.15, 0.65, 11, 0.12, 0.38, 0.7, 9_400_000, 0.1]);
    expect(column("R")).toEqual(["Red", "Amber", "Green", "Red", "Amber", "Green", "Amber", "Green"]);
    expect(column("S")).toEqual(["worse", "improving", "improving", "improving", "improving", "improving", "improving", "improving"]);
  });

  it("count EHCPs by placement, age group and primary need, in DfE's words and order, and cost them", () => {
    const ehcp = sheets["ehcp-numbers"]!;
    expect(["A4", "B4", "C4", "D4", "F4"].map((c) => value(hf, ehcp, c))).toEqual(["EHCPs by age group", "January 2024", "January 2025", "January 2026 (forecast)", "January 2028 (forecast)"]);
    expect(["A5", "A6", "A10", "A40", "A41", "A42", "A43"].map((c) => value(hf, ehcp, c))).toEqual([
      "Mainstream schools or academies",
      "Under 5",
      "Age 20 to 25",
      "Post 16 and further education (FE)",
      "Age 16 to 19",
      "Age 20 to 25",
      "Total",
    ]);
    expect(["A52", "A53", "A54", "A66", "A67"].map((c) => value(hf, ehcp, c))).toEqual(["EHCPs by primary need", "Mainstream schools or academies", "Autistic Spectrum Disorder", "SEN support but no specialist assessment of type of need", "Total"]);
    // The summary by category, the unit costs, and caseload × unit cost spilled by HNB.PLACEMENTCOST.
    expect(["B163", "D163", "F163"].map((c) => value(hf, ehcp, c))).toEqual([32, 35, 39]);
    expect(["B167", "C167", "D167", "E167", "F167"].map((c) => value(hf, ehcp, c))).toEqual([250, 276, 300, 320, 341]);
    expect(["D173", "D182"].map((c) => value(hf, ehcp, c))).toEqual([52_000, 1_820_000]);
    expect(["B186", "C186", "D186", "E186", "F186"].map((c) => value(hf, ehcp, c))).toEqual([3_930_000, 4_413_800, 4_859_200, 5_289_200, 5_759_200]);
    // 1.2.3's forecast is the independent placements' cost for 2025/26; the DSG budget's later years move with the total cost.
    expect(value(hf, sheets["hn-monitoring"]!, "D9")).toBe(1820);
    expect(["E6", "F6"].map((c) => value(hf, sheets["dsg-budget"]!, c))).toEqual([7910, 8380]);
  });

  it("move the cost, the HN Monitoring forecast and the deficit path when one caseload cell changes, and the check says which breakdown no longer agrees", () => {
    const { operations: ops, sheets: names } = buildTemplates(ALL_TEMPLATES, []);
    const engine = replay(ops);
    const ehcp = engine.getSheetId(names["ehcp-numbers"]!)!;
    const dsg = names["dsg-budget"]!;
    const before = ["D8", "E8", "F8"].map((c) => value(engine, dsg, c) as number);
    // Five more EHCPs aged 11 to 15 in NMSS or independent placements at January 2026.
    engine.setCellContents(at("D29", ehcp), [[24]]);
    expect(value(engine, names["ehcp-numbers"]!, "D163")).toBe(40);
    expect(value(engine, names["ehcp-numbers"]!, "D182")).toBe(2_080_000);
    expect(value(engine, names["hn-monitoring"]!, "D9")).toBe(2080);
    expect(value(engine, names["hn-monitoring"]!, "D21")).toBe(7740);
    expect(value(engine, dsg, "D6")).toBe(7740);
    expect(value(engine, dsg, "D8")).toBe(before[0]! + 260);
    expect(value(engine, dsg, "D27")).toBe(before[0]! + 260);
    // A forecast caseload for January 2027 moves 2026/27's spending.
    engine.setCellContents(at("E29", ehcp), [[23]]);
    expect(value(engine, dsg, "E6")).toBe(7910 + 2 * 54);
    expect(value(engine, dsg, "F8")).not.toBe(before[2]);
    expect(value(engine, names.checks!, "B16")).toBe(
      "Non-maintained special schools or independent (NMSS or independent), January 2026: 40 by age group but 35 by primary need, a difference of 5. Non-maintained special schools or independent (NMSS or independent), January 2027: 39 by age group but 37 by primary need, a difference of 2.",
    );
    expect(value(engine, names.checks!, "B1")).toBeGreaterThanOrEqual(1);
  });

  it("give the table reader nothing to find", () => {
    const tables = Object.values(sheets).flatMap((name) => {
      const id = hf.getSheetId(name)!;
      return readTables({ name, values: hf.getSheetValues(id) as unknown[][] });
    });
    expect(tables.map((t) => `${t.sheet}:${t.kind}`).sort()).toEqual([
      "Action Plan:action-plan",
      "Checks:deficit", // the savings figures by year
      "DSG Budget:deficit",
      "HN Monitoring:budget",
      "Savings Plan:savings-plan",
      "Scorecard:scorecard",
    ]);
    expect(checkTables(tables)).toEqual([]);
  });
});

describe("inserting templates", () => {
  it("never reuses a sheet name, and the formulas follow the renamed sheets", () => {
    const { sheets, operations } = buildTemplates(["checks"], ["Savings Plan", "checks"]);
    expect(sheets["savings-plan"]).toBe("Savings Plan (2)");
    expect(sheets.checks).toBe("Checks (2)");
    const formulas = operations.flatMap((op) => (op.kind === "write" ? op.values.flat() : [])).filter((v) => typeof v === "string" && v.includes("HNB.TOTALCHECK("));
    expect(formulas[0]).toContain("'Savings Plan (2)'!");
  });

  it("uses the workbook's RAG key when it has one, rather than adding a second", () => {
    const { sheets, operations } = buildTemplates(["action-plan", "rag-key"], ["RAG Key"]);
    expect(Object.keys(sheets)).toEqual(["action-plan"]);
    expect(operations.some((op) => op.kind === "namedRange" && op.name === NAMES.key)).toBe(false);
  });

  it("brings the RAG key with any template that uses it", () => {
    expect(Object.keys(buildTemplates(["action-plan"], []).sheets).sort()).toEqual(["action-plan", "rag-key"]);
    expect(buildTemplates(["rag-key"], []).operations.filter((op) => op.kind === "namedRange").map((op) => (op as { name: string }).name)).toEqual([
      NAMES.key,
      NAMES.statuses,
      NAMES.weights,
    ]);
  });
});
