/*
 * The custom functions typed into cells of a real formula engine (HyperFormula, GPL-3.0, used in
 * tests only): arguments come from cell references and ranges, results spill, other formulas
 * read the spilled cells. See test/helpers/hyperformula-hnb.ts for how Excel's calling
 * convention is imitated and for what the engine cannot do.
 *
 * HyperFormula differences that show in the formulas below:
 * - TRUE and FALSE are functions there: write TRUE(), not TRUE.
 * - Spill sizes are fixed when a formula is entered (see the helper).
 */
import type { HyperFormula, RawCellContent } from "hyperformula";
import {
  type HnbRegistration,
  type RecordedCall,
  asText,
  asTyped,
  buildHnbEngine,
  enter,
  isCellError,
  recordCalls,
  registerHnbFunctions,
  rowValues,
  setEmptyCellValue,
  valueAt,
} from "../helpers/hyperformula-hnb";
import { generateMetadata } from "../helpers/metadata";
import { readSampleGrid } from "../helpers/samples";

let registration: HnbRegistration;
beforeAll(() => {
  registration = registerHnbFunctions();
});

/** A sample with formulas placed in rows below it (row numbers are 1-based, as in Excel). */
function sheetWith(sample: RawCellContent[][], formulas: Record<string, RawCellContent>): HyperFormula {
  const hf = buildHnbEngine(sample);
  for (const [a1, formula] of Object.entries(formulas)) enter(hf, a1, formula);
  return hf;
}

function expectError(value: unknown, code: "#VALUE!" | "#N/A" | "#SPILL!", ...fragments: string[]) {
  expect(isCellError(value)).toBe(true);
  if (!isCellError(value)) return;
  expect(value.value).toBe(code);
  for (const f of fragments) expect(value.message).toContain(f);
  expect(value.message).not.toMatch(/could not work this out/);
}

describe("HyperFormula registration", () => {
  it("registers every function of the generated metadata as HNB.<ID>", async () => {
    const { metadata } = await generateMetadata();
    expect(registration.names).toEqual(metadata.functions.map((f) => `HNB.${f.id}`));
    expect(registration.names.length).toBeGreaterThanOrEqual(19);
  });
});

describe.each([
  ["as pasted text (“(150)”, “1,082”)", asText],
  ["with numbers typed as numbers", asTyped],
])("dsg-budget.tsv %s", (_label, load) => {
  // Sample layout: row 1 years, row 2 "£000", row 3 B/Fwd, rows 4–6 movements, row 7 C/Fwd,
  // row 8 recovery-plan impact; column A labels, B:F 2023/24 … 2027/28.
  const good = () => load(readSampleGrid("dsg-budget.tsv"));
  const broken = () => load(readSampleGrid("dsg-budget-broken.tsv"));

  it("holds the sample as expected (text or numbers)", () => {
    const hf = buildHnbEngine(good());
    expect(valueAt(hf, "B1")).toBe("2023/24");
    expect(valueAt(hf, "C3")).toBe(load === asText ? "1,082" : 1082);
    expect(valueAt(hf, "B4")).toBe(load === asText ? "(150)" : -150);
  });

  it("spills the deficit path into B10:F10, and other formulas read the spilled cells", () => {
    const hf = sheetWith(good(), {
      B10: "=HNB.DEFICITPATH(B3,B4:F6)",
      B12: "=D10*2",
      C12: "=SUM(B10:F10)",
      D12: "=F10-B10",
    });
    expect(rowValues(hf, "B10", 5)).toEqual([1082, 1522, 2162, 2972, 3992]);
    expect(valueAt(hf, "G10")).toBeNull();
    expect(valueAt(hf, "B11")).toBeNull();
    expect(hf.getCellFormula({ sheet: 0, row: 9, col: 3 })).toBeUndefined(); // D10 is a spilled value
    expect(valueAt(hf, "B12")).toBe(4324);
    expect(valueAt(hf, "C12")).toBe(11730);
    expect(valueAt(hf, "D12")).toBe(2910);
  });

  it("spills the mitigated path with the recovery plan's impact row", () => {
    const hf = sheetWith(good(), { B11: "=HNB.DEFICITPATH(B3,B4:F6,B8:F8)" });
    expect(rowValues(hf, "B11", 5)).toEqual([1037, 1357, 1787, 2337, 3057]);
  });

  it("agrees with the sheet's own carried-forward row", () => {
    const hf = sheetWith(good(), {
      B10: "=HNB.DEFICITPATH(B3,B4:F6)",
      B11: "=HNB.CARRYFORWARD(B3,B4:B6)",
      B12: "=HNB.TOTALCHECK(B7,B3:B6)",
    });
    const cf = rowValues(hf, "B7", 5).map((v) => (typeof v === "number" ? v : Number(String(v).replace(/,/g, ""))));
    expect(rowValues(hf, "B10", 5)).toEqual(cf);
    expect(valueAt(hf, "B11")).toBe(1082);
    expect(valueAt(hf, "B12")).toBe(true);
  });

  it("says an impact row of the wrong width is wrong", () => {
    const hf = sheetWith(good(), { B10: "=HNB.DEFICITPATH(B3,B4:F6,B8:E8)" });
    expectError(valueAt(hf, "B10"), "#VALUE!", "4 years", "5");
  });

  it("finds the corkscrew holds together", () => {
    const hf = sheetWith(good(), { B10: "=HNB.CORKSCREW(B3:F3,B4:F6,B7:F7,B1:F1)" });
    expect(valueAt(hf, "B10")).toBe(true);
  });

  it("names 2025/26 and the gap of 30 in dsg-budget-broken.tsv", () => {
    const hf = sheetWith(broken(), { B10: "=HNB.CORKSCREW(B3:F3,B4:F6,B7:F7,B1:F1)" });
    const verdict = valueAt(hf, "B10");
    expect(typeof verdict).toBe("string");
    expect(verdict).toContain("2025/26");
    expect(verdict).toContain("gap of 30");
    expect(verdict).toContain("1,552");
  });

  it("gives the recovery year of a path, nested over a spilling function", () => {
    const hf = sheetWith(good(), {
      B10: "=HNB.RECOVERYYEAR(B7:F7,B1:F1)",
      B20: -700,
      C20: -900,
      D20: -1000,
      E20: -1000,
      F20: -1000,
      B11: "=HNB.RECOVERYYEAR(HNB.DEFICITPATH(B3,B4:F6,B20:F20),B1:F1)",
      B12: "=HNB.DEFICITPATH(B3,B4:F6,B20:F20)",
    });
    expect(valueAt(hf, "B10")).toBe("Not recovered by 2027/28");
    expect(rowValues(hf, "B12", 5)).toEqual([382, -78, -438, -628, -608]);
    expect(valueAt(hf, "B11")).toBe("2024/25");
  });

  it("reports #SPILL! when the spill range is occupied, as Excel does", () => {
    const hf = buildHnbEngine([...good(), [], [null, null, null, "in the way"]]);
    enter(hf, "B10", "=HNB.DEFICITPATH(B3,B4:F6)");
    expectError(valueAt(hf, "B10"), "#SPILL!");
  });
});

describe("money and savings", () => {
  const savings = () => asText(readSampleGrid("savings-plan-messy.tsv"));
  // savings-plan-messy.tsv: F RAG, H 24/25, I 25/26, J 26/27; rows 2–12 initiatives (row 12 is
  // shifted two columns right), row 13 the stated totals.

  it('reads =HNB.MONEY("£1.2m","£000") as 1200', () => {
    const hf = buildHnbEngine([[]]);
    expect(enter(hf, "A1", '=HNB.MONEY("£1.2m","£000")')).toBe(1200);
    expect(enter(hf, "A2", '=HNB.MONEY("(£10,000)")')).toBe(-10000);
    expect(enter(hf, "A3", '=HNB.MONEY("£25k","£m")')).toBe(0.025);
    expect(enter(hf, "A4", "=HNB.MONEY(B4)")).toBe(0);
    expectError(enter(hf, "A5", '=HNB.MONEY("twelve")'), "#VALUE!", "“twelve”");
    expectError(enter(hf, "A6", '=HNB.MONEY("£5","dollars")'), "#VALUE!", "“dollars”");
  });

  it("totals text money, and a bad cell is #VALUE! naming its row and column and quoting it", () => {
    const hf = buildHnbEngine(
      asText([["£1,000"], ["(£200)"], ["£2.5k"], ["1,028"], ["see note"], [""], ["£7"]]).concat([
        ["=HNB.SAVINGSTOTAL(A1:A4)", "=HNB.SAVINGSTOTAL(A1:A7)", "=HNB.SAVINGSTOTAL(A1:A7,TRUE())"],
      ]),
    );
    expect(valueAt(hf, "A8")).toBe(4328);
    expectError(valueAt(hf, "B8"), "#VALUE!", "Row 5", "column 1", "“see note”");
    expect(valueAt(hf, "C8")).toBe(4335);
  });

  it("finds the shifted row's text in the 25/26 savings of savings-plan-messy.tsv", () => {
    const hf = sheetWith(savings(), {
      A20: "=HNB.SAVINGSTOTAL(I2:I12)",
      B20: "=HNB.SAVINGSTOTAL(H2:H12)",
      C20: "=HNB.SAVINGSTOTAL(I2:I12,TRUE())",
    });
    expectError(valueAt(hf, "A20"), "#VALUE!", "Row 11", "column 1", "“Transport Manager”");
    expect(valueAt(hf, "B20")).toBe(205000);
    expect(valueAt(hf, "C20")).toBe(550000);
  });

  it("checks stated totals against their rows", () => {
    const hf = sheetWith(savings(), {
      A20: "=HNB.TOTALCHECK(H13,H2:H12)",
      B20: "=HNB.TOTALCHECK(225000,H2:H12,20000)",
    });
    const verdict = valueAt(hf, "A20");
    expect(verdict).toContain("205,000");
    expect(verdict).toContain("225,000");
    expect(verdict).toContain("gap of 20,000");
    expect(valueAt(hf, "B20")).toBe(true);
  });

  it("spills savings by year, plain and risk-adjusted by RAG status", () => {
    const hf = sheetWith(savings(), {
      H15: "=HNB.SAVINGSBYYEAR(H2:J11)",
      H16: "=HNB.SAVINGSBYYEAR(H2:J11,F2:F11)",
      H17: "=H15-H16",
      K15: "=SUM(H15:J15)",
    });
    expect(rowValues(hf, "H15", 3)).toEqual([205000, 550000, 645000]);
    // On track and Complete 100%, Delayed/Amber 50%, Requires escalation and Not started 0%.
    expect(rowValues(hf, "H16", 3)).toEqual([47500, 147500, 182500]);
    expect(valueAt(hf, "H17")).toBe(157500);
    expect(valueAt(hf, "K15")).toBe(1400000);
  });

  it("checks a Schools Block transfer against the 0.5% limit", () => {
    const hf = buildHnbEngine([[]]);
    expect(enter(hf, "A1", '=HNB.TRANSFERCHECK("(1,500)","250,000")')).toContain("Secretary of State");
    expect(enter(hf, "A2", '=HNB.TRANSFERCHECK("(150)","250,000")')).toContain("Schools Forum");
  });
});

describe("RAG statuses", () => {
  const savings = () => asText(readSampleGrid("savings-plan-messy.tsv"));
  const actions = () => asText(readSampleGrid("action-plan-messy.tsv"));

  it('=HNB.RAG("On track") is Green; =HNB.RAG("TBC") is #N/A with a message', () => {
    const hf = buildHnbEngine([[]]);
    expect(enter(hf, "A1", '=HNB.RAG("On track")')).toBe("Green");
    expect(enter(hf, "A2", '=HNB.RAG("on-track")')).toBe("Green");
    expect(enter(hf, "A3", '=HNB.RAG("Requires escalation")')).toBe("Red");
    expect(enter(hf, "A4", '=HNB.RAG("Complete")')).toBe("Blue");
    expect(enter(hf, "A5", "=HNB.RAG(B5)")).toBe("");
    expectError(enter(hf, "A6", '=HNB.RAG("TBC")'), "#N/A", "“TBC”", "not in the RAG key");
  });

  it("uses a key range from the sheet", () => {
    // action-plan-messy.tsv: G RAG, A14:B16 the three-line key (Green, Amber, Red).
    const hf = sheetWith(actions(), {
      J1: "=HNB.RAG(G10,A14:B16)",
      J2: '=HNB.RAG("Grey",A14:B16)',
      J3: "=HNB.RAGCHECK(G3:G12,A14:B16)",
      J4: '=HNB.RAGCOUNT(G3:G12,"Amber",A14:B16)',
    });
    expect(valueAt(hf, "J1")).toBe("Green");
    expectError(valueAt(hf, "J2"), "#N/A", "“Grey”");
    const check = valueAt(hf, "J3");
    expect(check).toContain("“Grey”");
    expect(check).toContain("blank");
    expect(valueAt(hf, "J4")).toBe(3);
  });

  it("rolls statuses up: worst by default, or average; statuses outside the key are #N/A", () => {
    const hf = sheetWith(savings(), {
      A20: "=HNB.RAGROLLUP(F2:F7)",
      B20: "=HNB.RAGROLLUP(F2:F6)",
      C20: '=HNB.RAGROLLUP(F2:F6,"average")',
      D20: "=HNB.RAGROLLUP(F2:F12)",
      E20: '=HNB.RAGCOUNT(F2:F12,"Green")',
      F20: "=HNB.RAGCHECK(F2:F12)",
    });
    expect(valueAt(hf, "A20")).toBe("Red");
    expect(valueAt(hf, "B20")).toBe("Amber");
    expect(valueAt(hf, "C20")).toBe("Green");
    expectError(valueAt(hf, "D20"), "#N/A", "“TBC”", "“Awaiting funding”");
    expect(valueAt(hf, "E20")).toBe(3);
    expect(valueAt(hf, "F20")).toContain("2 statuses are outside the key");
  });
});

describe("dates, years, leads and overdue actions", () => {
  const actions = () => asText(readSampleGrid("action-plan-messy.tsv"));

  it('=HNB.PARSEDATE("Sep-24") is 45565, the serial of 30 Sep 2024 (as DATE gives it)', () => {
    const hf = buildHnbEngine([[]]);
    expect(enter(hf, "A1", '=HNB.PARSEDATE("Sep-24")')).toBe(45565);
    expect(enter(hf, "A2", "=DATE(2024,9,30)")).toBe(45565);
    expect(enter(hf, "A3", '=HNB.PARSEDATE("Sep-24","start")')).toBe(45536); // 1 Sep 2024
    expect(enter(hf, "A4", '=HNB.PARSEDATE("01/09/2024")=DATE(2024,9,1)')).toBe(true);
    expect(enter(hf, "A5", '=HNB.PARSEDATE("Academic Year 2025-26")=DATE(2026,8,31)')).toBe(true);
    expect(enter(hf, "A6", '=HNB.PARSEDATE("")')).toBe("");
    expectError(enter(hf, "A7", '=HNB.PARSEDATE("Sep-24","middle")'), "#VALUE!", "“middle”");
  });

  it("labels financial (April–March) and academic (September–August) years", () => {
    const hf = buildHnbEngine([[]]);
    expect(enter(hf, "A1", "=HNB.FYLABEL(DATE(2025,3,31))")).toBe("2024/25");
    expect(enter(hf, "A2", "=HNB.FYLABEL(DATE(2025,4,1))")).toBe("2025/26");
    expect(enter(hf, "A3", '=HNB.FYLABEL("01/09/2024","short")')).toBe("24/25");
    expect(enter(hf, "A4", '=HNB.FYLABEL(HNB.PARSEDATE("Sep-24"))')).toBe("2024/25");
    expect(enter(hf, "A5", "=HNB.AYLABEL(DATE(2024,8,31))")).toBe("2023/24");
    expect(enter(hf, "A6", '=HNB.AYLABEL("01/09/2024")')).toBe("2024/25");
    expectError(enter(hf, "A7", "=HNB.FYLABEL(B7)"), "#VALUE!", "Give a date");
  });

  it('resolves leads: =HNB.LEAD("LM/ AT", legend) names both', () => {
    // action-plan-messy.tsv: D Lead, A13 the legend line.
    const hf = sheetWith(actions(), {
      J1: '=HNB.LEAD("LM/ AT",A13)',
      J2: "=HNB.LEAD(D5,$A$13)",
      J3: '=HNB.LEAD("SW",A13)',
    });
    expect(valueAt(hf, "J1")).toBe("Lee Morgan and Anita Thomas");
    expect(valueAt(hf, "J2")).toBe("Kamal Patel and Rosa Diaz");
    expectError(valueAt(hf, "J3"), "#N/A", "“SW”");
  });

  it("lists overdue actions as of a report date", () => {
    const rows = [3, 4, 5, 6, 7, 9, 10, 11, 12];
    const formulas: Record<string, string> = { L1: "=DATE(2025,3,31)", L2: "=DATE(2025,5,1)", L3: "=DATE(2025,4,1)" };
    for (const r of rows) {
      formulas[`J${r}`] = `=HNB.OVERDUE(F${r},G${r},$L$1)`;
      formulas[`K${r}`] = `=HNB.OVERDUE(F${r},G${r},$L$2)`;
      formulas[`M${r}`] = `=HNB.OVERDUE(F${r},G${r},$L$3)`;
    }
    const hf = sheetWith(actions(), formulas);
    const overdue = (col: string) => rows.filter((r) => valueAt(hf, `${col}${r}`) === true);
    for (const r of rows) expect(typeof valueAt(hf, `J${r}`)).toBe("boolean");
    // As of 31 March 2025: the front door (Sep 24), response timescales (Dec 24, no status)
    // and the resourced provision (Aug 24) — the three the samples README lists.
    expect(overdue("J")).toEqual([3, 4, 9]);
    // On 1 April the two actions ending "Mar 25" (31 March 2025) have only just passed their
    // deadline, as hnb check says (within OVERDUE_GRACE_DAYS, a month); by 1 May they are overdue.
    expect(overdue("M")).toEqual([3, 4, 9]);
    expect(overdue("K")).toEqual([3, 4, 5, 9, 10]);
  });

  it("never counts a complete action, a blank or an Ongoing end date as overdue", () => {
    const hf = buildHnbEngine([["'Sep 24", "'Complete", "'Ongoing", null]]);
    expect(enter(hf, "A2", "=HNB.OVERDUE(A1,B1,DATE(2025,4,1))")).toBe(false);
    expect(enter(hf, "A3", '=HNB.OVERDUE(C1,"Red",DATE(2025,4,1))')).toBe(false);
    expect(enter(hf, "A4", '=HNB.OVERDUE(D1,"Red",DATE(2025,4,1))')).toBe(false);
    expect(enter(hf, "A5", '=HNB.OVERDUE(A1,"Red","01/04/2025")')).toBe(true);
    expectError(enter(hf, "A6", '=HNB.OVERDUE(A1,"Red",D1)'), "#VALUE!", "as-of date");
  });
});

describe("PROJECTCOST", () => {
  const forecast = [10000, 10815, 11696.42, 12649.68];

  it("spills when years is a number in the formula", () => {
    const hf = buildHnbEngine([["=HNB.PROJECTCOST(10,1000,5%,3%,4)", null, null, null, null]]);
    expect(rowValues(hf, "A1", 5)).toEqual([...forecast, null]);
  });

  it("spills when years is a constant in a referenced cell, with shares as text", () => {
    const hf = buildHnbEngine([[10, 1000, "'5%", 0.03, 4, "=HNB.PROJECTCOST(A1,B1,C1,D1,E1)"]]);
    expect(rowValues(hf, "F1", 5)).toEqual([...forecast, null]);
    expectError(enter(hf, "A3", "=HNB.PROJECTCOST(10,1000,5%,3%,0)"), "#VALUE!", "Years");
  });

  it("spills when years is computed in a cell entered before it", () => {
    const hf = buildHnbEngine([["=2+2", "=HNB.PROJECTCOST(10,1000,5%,3%,A1)"]]);
    expect(rowValues(hf, "B1", 5)).toEqual([...forecast, null]);
  });

  // Engine limitations, not the add-in's: Excel sizes a spill from the result every time.
  it("cannot size a spill whose years is not known when the formula is entered", () => {
    const hf = buildHnbEngine([["=HNB.PROJECTCOST(10,1000,5%,3%,B1)", "=2+2"]]);
    expectError(valueAt(hf, "A1"), "#VALUE!", "Test engine limitation", "1×4", "1×1");
  });

  it("keeps the spill size of the formula's entry when years changes afterwards", () => {
    const hf = buildHnbEngine([[4, "=HNB.PROJECTCOST(10,1000,5%,3%,A1)"]]);
    enter(hf, "A1", 3);
    expect(rowValues(hf, "B1", 5)).toEqual([...forecast.slice(0, 3), null, null]);
    enter(hf, "A1", 6);
    expectError(valueAt(hf, "B1"), "#VALUE!", "Test engine limitation", "1×6", "1×4");
  });
});

describe("the calling convention", () => {
  let calls: RecordedCall[] = [];
  beforeEach(() => {
    calls = [];
    recordCalls((c) => calls.push(c));
  });
  afterEach(() => recordCalls(undefined));

  it("passes ranges as 2-D arrays (empty cells null), scalars as values, omitted optionals as null", () => {
    const hf = buildHnbEngine([
      [1, "'£2", null],
      [true, 4.5, "'x"],
    ]);
    enter(hf, "E1", "=HNB.SAVINGSBYYEAR(A1:C2)");
    enter(hf, "E3", "=HNB.MONEY(B1)");
    enter(hf, "E4", "=HNB.MONEY(C1,)");
    enter(hf, "E5", "=HNB.LEAD(A1,B2)");
    const byId = (id: string) => calls.filter((c) => c.id === id).map((c) => c.args);
    expect(byId("SAVINGSBYYEAR")).toContainEqual([
      [
        [1, "£2", null],
        [true, 4.5, "x"],
      ],
      null,
      null,
      null,
      // Where each argument is: this engine does not say, so none is known.
      [undefined, undefined, undefined, undefined],
    ]);
    expect(byId("MONEY")).toContainEqual(["£2", null]);
    expect(byId("MONEY")).toContainEqual([null, null]);
    expect(byId("LEAD")).toContainEqual([1, [[4.5]]]); // a one-cell matrix argument is still 2-D
  });

  it("returns an error in an argument without calling the function", () => {
    const hf = buildHnbEngine([["=1/0", "=HNB.MONEY(A1)", "=HNB.SAVINGSTOTAL(A1:A2)"]]);
    expect((valueAt(hf, "B1") as { value: string }).value).toBe("#DIV/0!");
    expect((valueAt(hf, "C1") as { value: string }).value).toBe("#DIV/0!");
    expect(calls).toEqual([]);
  });

  it("answers a wrong number of arguments with #N/A", () => {
    const hf = buildHnbEngine([[]]);
    expectError(enter(hf, "A1", '=HNB.RAG("Red",A2:B3,"extra")'), "#N/A", "1 to 2 arguments");
    expectError(enter(hf, "A2", "=HNB.CORKSCREW(B1:C1)"), "#N/A", "3 to 5 arguments");
  });
});

describe("every function is callable from a cell", () => {
  it("with blank arguments, and with only the required ones, gives a value or a deliberate error", () => {
    const hf = buildHnbEngine([[]]);
    let row = 1;
    for (const fn of registration.functions) {
      const blank = (p: { dimensionality?: string }) => (p.dimensionality === "matrix" ? "Z1:Z3" : "Z1");
      const required = fn.parameters.filter((p) => !p.optional);
      const variants = [
        `=HNB.${fn.id}(${required.map(blank).join(",")})`,
        `=HNB.${fn.id}(${fn.parameters.map(blank).join(",")})`,
        `=HNB.${fn.id}(${fn.parameters.map((p) => (p.dimensionality === "matrix" ? '{"1","x"}' : "1")).join(",")})`,
      ];
      for (const formula of variants) {
        const value = enter(hf, `A${row++}`, formula);
        if (isCellError(value)) {
          expect({ formula, code: value.value }).toEqual({
            formula,
            code: expect.stringMatching(/^#(VALUE!|N\/A)$/),
          });
          expect({ formula, message: value.message }).toEqual({
            formula,
            message: expect.not.stringMatching(/could not work this out|^$/),
          });
        } else {
          expect(["number", "string", "boolean"]).toContain(typeof value);
        }
      }
    }
    // The engine still calculates afterwards.
    expect(enter(hf, `A${row}`, "=HNB.DEFICITPATH(100,{10,20})")).toBe(110);
    expect(valueAt(hf, `B${row}`)).toBe(130);
  });
});

/*
 * Excel on Windows desktop has been reported to pass an empty cell as 0 rather than null
 * (OfficeDev/office-js#4702, #5262; #1951 for repeating matrix arguments). Microsoft's docs do
 * not settle it. Arguments that hold text or dates (statuses, units, end dates, initials, keys)
 * therefore read 0 as an empty cell (src/functions/args.ts, text and textGrid).
 */
describe("if Excel passes empty cells as 0 (reported for Windows desktop)", () => {
  let previous: ReturnType<typeof setEmptyCellValue>;
  beforeEach(() => {
    previous = setEmptyCellValue(0);
  });
  afterEach(() => setEmptyCellValue(previous));

  const actions = () => asText(readSampleGrid("action-plan-messy.tsv"));

  it("still reads blank amounts as nothing", () => {
    const hf = buildHnbEngine([[1, null, 3], ["=HNB.SAVINGSTOTAL(A1:C1)", "=HNB.DEFICITPATH(0,A1:C1)"]]);
    expect(valueAt(hf, "A2")).toBe(4);
    expect(rowValues(hf, "B2", 3)).toEqual([1, 1, 4]);
  });

  it("gives a blank status the blank RAG", () => {
    const hf = sheetWith(actions(), { J1: "=HNB.RAG(G4)" });
    expect(valueAt(hf, "J1")).toBe("");
  });

  it("counts blank statuses as blank in RAGCHECK, not as “0” outside the key", () => {
    const hf = sheetWith(actions(), { J1: "=HNB.RAGCHECK(G3:G12,A14:B16)" });
    expect(valueAt(hf, "J1")).not.toContain("“0”");
  });

  it("treats an empty optional-argument cell as omitted", () => {
    const hf = buildHnbEngine([['=HNB.MONEY("£5",B1)', null]]);
    expect(valueAt(hf, "A1")).toBe(5);
  });

  it("never counts a blank end date as overdue", () => {
    const hf = buildHnbEngine([['=HNB.OVERDUE(B1,"Red",DATE(2025,4,1))', null]]);
    expect(valueAt(hf, "A1")).toBe(false);
  });
});

describe("budget tables: VARIANCE and CROSSFOOT in cells", () => {
  // hnb-budget-monitoring.tsv (£000): C Budget, D Forecast Outturn, E Variance; 1.2.3 on row 10.
  const monitoring = () => asText(readSampleGrid("hnb-budget-monitoring.tsv"));
  // dsg-outturn-by-block.tsv: B–E the blocks, F "Total all Blocks", rows 5–7 lines, row 8 Total.
  const byBlock = () => asText(readSampleGrid("dsg-outturn-by-block.tsv"));

  it("=HNB.VARIANCE(C10,D10) is outturn less budget: 1,715 where the paper says 1,751", () => {
    const hf = sheetWith(monitoring(), { H10: "=HNB.VARIANCE(C10,D10)", I10: '=HNB.VARIANCE(C10,D10,"budget - outturn")', J10: "=HNB.MONEY(E10)-H10" });
    expect(valueAt(hf, "H10")).toBe(1715);
    expect(valueAt(hf, "I10")).toBe(-1715);
    expect(valueAt(hf, "J10")).toBe(36);
  });

  it("=HNB.VARIANCE over two columns spills one variance a line, brackets read as negative", () => {
    const hf = sheetWith(monitoring(), { H12: "=HNB.VARIANCE(C12:C13,D12:D13)" });
    expect(valueAt(hf, "H12")).toBe(-60);
    expect(valueAt(hf, "H13")).toBe(-52);
  });

  it("=HNB.VARIANCE refuses ranges of different shapes and a convention it cannot read", () => {
    const hf = sheetWith(monitoring(), { H1: "=HNB.VARIANCE(C7:C9,D7:D8)", J1: '=HNB.VARIANCE(C7,D7,"sideways")' });
    expectError(valueAt(hf, "H1"), "#VALUE!", "same shape");
    expectError(valueAt(hf, "J1"), "#VALUE!", "not a variance convention");
  });

  it("=HNB.CROSSFOOT names Delegated expenditure's transposed total, and passes once it is put right", () => {
    const hf = sheetWith(byBlock(), { H1: "=HNB.CROSSFOOT(B5:F8)", H2: "=HNB.CROSSFOOT(B6:F8)" });
    const first = valueAt(hf, "H1");
    expect(first).toMatch(/^Row 1 adds across to 2,423 but its total says 2,432: a gap of 9\. Swapping two adjacent digits of 2,432 gives 2,423/);
    expect(first).toContain("1 other row or column does not add either");
    hf.setCellContents({ sheet: 0, row: 4, col: 5 }, [["2,423"]]);
    expect(valueAt(hf, "H1")).toBe(true);
    // Without the first line, the Total row no longer totals the lines above it.
    expect(valueAt(hf, "H2")).toMatch(/^Column 1 adds down/);
  });
});

describe("strategy scorecards: TARGET, KPISTATUS, TRAJECTORY and TREND in cells", () => {
  // strategy-scorecard.tsv: A ref, B objective, C Current Perf, D Target; S1–S3 on rows 3–5, I1–I2 on 9–11, F1–F2 on 15–16.
  const scorecard = () => asText(readSampleGrid("strategy-scorecard.tsv"));

  it("gives the issue's examples as typed", () => {
    const hf = sheetWith(scorecard(), {
      H1: '=HNB.TARGET("65% 2026; 80% 2027", 2027)',
      H2: '=HNB.TARGET("2026: 15%; 2027: 18%", 2026)',
      H3: '=HNB.TARGET("50% reduction by 2026-27", "2026/27", 14)',
      H4: '=HNB.TARGET("5% reduction 2026-27", "2026/27", 9600000)',
      H5: "=HNB.KPISTATUS(62%, 65%)",
      H6: "=HNB.KPISTATUS(50%, 65%)",
      H7: '=HNB.KPISTATUS(6, 7, "lower")',
      H8: "=HNB.TRAJECTORY(52%, 2025, 80%, 2027, 2026)",
    });
    expect(valueAt(hf, "H1")).toBeCloseTo(0.8, 12);
    expect(valueAt(hf, "H2")).toBeCloseTo(0.15, 12);
    expect(valueAt(hf, "H3")).toBe(7);
    expect(valueAt(hf, "H4")).toBe(9_120_000);
    expect(valueAt(hf, "H5")).toBe("Amber");
    expect(valueAt(hf, "H6")).toBe("Red");
    expect(valueAt(hf, "H7")).toBe("Green");
    expect(valueAt(hf, "H8")).toBeCloseTo(0.66, 12);
  });

  it("reads the sample's own cells: targets by year, baselines written as text, and a status against them", () => {
    const hf = sheetWith(scorecard(), {
      H3: "=HNB.TARGET(D3, 2027)",
      H4: '=HNB.TARGET(D4, "2026")',
      H5: '=HNB.TARGET(D5, "2026/27", C5)',
      H15: '=HNB.TARGET(D15, "2026-27", C15)',
      H16: '=HNB.TARGET(D16, "2027/28")',
      I4: "=HNB.KPISTATUS(C4, H4)",
      I5: '=HNB.KPISTATUS(12, H5, "lower")',
    });
    expect(valueAt(hf, "H3")).toBeCloseTo(0.18, 12);
    expect(valueAt(hf, "H4")).toBeCloseTo(0.65, 12);
    expect(valueAt(hf, "H5")).toBe(7);
    expect(valueAt(hf, "H15")).toBe(9_120_000);
    expect(valueAt(hf, "H16")).toBeCloseTo(0.25, 12);
    // Satisfaction 52% against 65%: 13 points short, more than 10% of the target.
    expect(valueAt(hf, "I4")).toBe("Red");
    expect(valueAt(hf, "I5")).toBe("Red");
  });

  it("says which years a target has, and refuses a cell holding two measures rather than guessing", () => {
    const hf = sheetWith(scorecard(), {
      H3: "=HNB.TARGET(D3, 2028)",
      H10: '=HNB.TARGET(D10, "2026/27")',
      H5: '=HNB.TARGET(D5, "2026/27")',
      H6: '=HNB.KPISTATUS("", 65%)',
    });
    expectError(valueAt(hf, "H3"), "#N/A", "No target for 2028", "2026 and 2027");
    expectError(valueAt(hf, "H10"), "#VALUE!", "different measures", "new placements within 20 miles");
    expectError(valueAt(hf, "H5"), "#VALUE!", "baseline");
    expectError(valueAt(hf, "H6"), "#N/A", "no actual yet");
  });

  it("gives the trend in words and a status in the key's own words", () => {
    const hf = sheetWith(
      [
        ["Status", "Description"],
        ["On track", "Green"],
        ["At risk", "Amber"],
        ["Off track", "Red"],
        [0.52, 0.55, 0.58],
        [14, 12, 13],
      ],
      { E5: "=HNB.TREND(A5:C5)", E6: '=HNB.TREND(A6:C6, "lower")', F5: "=HNB.KPISTATUS(A5:C5, 0.6, , , A2:B4)", F6: '=HNB.KPISTATUS(A6:C6, 7, "lower", , A2:B4)' },
    );
    expect(valueAt(hf, "E5")).toBe("improving");
    expect(valueAt(hf, "E6")).toBe("worse");
    expect(valueAt(hf, "F5")).toBe("At risk");
    expect(valueAt(hf, "F6")).toBe("Off track");
  });
});

describe("the 2026 deficit rules: STABILITYGRANT and SOURCECHECK in cells", () => {
  const sources = (): RawCellContent[][] => [
    ["s251 outturn", 12345],
    ["DSG note (draft)", 12345],
    ["DSG note (published)", 12300],
    ["S151 assurance", 12345],
    ["Revenue outturn", null],
  ];

  it("gives the grant on the eligible deficit, 90% unless told otherwise, and never a negative grant", () => {
    const hf = sheetWith(sources(), {
      D1: "=HNB.STABILITYGRANT(12345, 345)",
      D2: "=HNB.STABILITYGRANT(12345, 345, 85%)",
      D3: "=HNB.STABILITYGRANT(-500)",
      D4: "=HNB.STABILITYGRANT(100, 250)",
      D5: '=HNB.STABILITYGRANT("£12,345", B1:B2)',
      D6: '=HNB.STABILITYGRANT(B1, , "plenty")',
    });
    expect(valueAt(hf, "D1")).toBe(10_800);
    expect(valueAt(hf, "D2")).toBe(10_200);
    expect(valueAt(hf, "D3")).toBe(0);
    expect(valueAt(hf, "D4")).toBe(0);
    // Two cells taken out are added: 12,345 − 24,690 leaves nothing eligible.
    expect(valueAt(hf, "D5")).toBe(0);
    expectError(valueAt(hf, "D6"), "#VALUE!", "share");
  });

  it("names the lowest source and how far each other is above it; agreeing sources are TRUE", () => {
    const hf = sheetWith(sources(), { D1: "=HNB.SOURCECHECK(B1:B5, A1:A5)", D2: "=HNB.SOURCECHECK(B1:B2, A1:A2)", D3: "=HNB.SOURCECHECK(B5)", D4: "=HNB.SOURCECHECK(B1:B4, , 50)" });
    expect(valueAt(hf, "D1")).toBe(
      "The sources differ: the lowest is DSG note (published) (12,300); s251 outturn is 45 above it, DSG note (draft) is 45 above it and S151 assurance is 45 above it. DfE will use the lowest unless the difference is explained.",
    );
    expect(valueAt(hf, "D2")).toBe(true);
    expectError(valueAt(hf, "D3"), "#N/A", "No source gives a figure yet");
    expect(valueAt(hf, "D4")).toBe(true);
  });
});

describe("targets as councils write them, in cells (issue 23)", () => {
  it("pairs each figure with its own year, reads 'to' as a level and a label as the measure's name", () => {
    const hf = sheetWith(
      [
        ["70% by 2025, 85% by 2026"],
        ["85% by 2026, 70% by 2025"],
        ["Increase to 15% by 2017, 18% by 2018"],
        ["Reduce to 10 by 2026/27 and 8 by 2027/28"],
        ["Satisfaction: 70% 2025; 85% 2026"],
        ["Good by 2/2017 Outstanding by 2/2018"],
        ["below the target of 18 per cent"],
      ],
      {
        B1: "=HNB.TARGET(A1, 2026)",
        C1: "=HNB.TARGET(A1, 2025)",
        B2: "=HNB.TARGET(A2, 2025)",
        B3: "=HNB.TARGET(A3, 2018)",
        B4: '=HNB.TARGET(A4, "2027/28")',
        B5: "=HNB.TARGET(A5, 2026)",
        B6: "=HNB.TARGET(A6, 2017)",
        B7: '=HNB.TARGET(A7, "2021/22")',
      },
    );
    expect(valueAt(hf, "B1")).toBeCloseTo(0.85);
    expect(valueAt(hf, "C1")).toBeCloseTo(0.7);
    expect(valueAt(hf, "B2")).toBeCloseTo(0.7);
    expect(valueAt(hf, "B3")).toBeCloseTo(0.18);
    expect(valueAt(hf, "B4")).toBe(8);
    expect(valueAt(hf, "B5")).toBeCloseTo(0.85);
    expectError(valueAt(hf, "B6"), "#N/A", "sets no figure");
    expect(valueAt(hf, "B7")).toBeCloseTo(0.18);
  });
});

describe("PLACEMENTCOST", () => {
  it("spills cost by category (rows) and year (columns), and a total row reads the spilled cells", () => {
    const hf = buildHnbEngine([
      [10, 12, 1000, 1100, "=HNB.PLACEMENTCOST(A1:B2,C1:D2)", null],
      [3, 4, 50000, 52000, null, null],
      [null, null, null, null, "=SUM(E1:E2)", "=SUM(F1:F2)"],
    ]);
    expect(rowValues(hf, "E1", 2)).toEqual([10_000, 13_200]);
    expect(rowValues(hf, "E2", 2)).toEqual([150_000, 208_000]);
    expect(rowValues(hf, "E3", 2)).toEqual([160_000, 221_200]);
  });

  it("carries a base year on with growth and inflation over `years`, as PROJECTCOST does for one category", () => {
    const hf = buildHnbEngine([[10, 1000, "=HNB.PLACEMENTCOST(A1,B1,5%,3%,4)", null, null, null], [null, null, "=HNB.PROJECTCOST(10,1000,5%,3%,4)", null, null, null]]);
    expect(rowValues(hf, "C1", 4)).toEqual(rowValues(hf, "C2", 4));
  });

  it("says plainly when the unit costs do not fit the caseload, or a rate is not one", () => {
    const hf = buildHnbEngine([[1, 100, null], [2, 200, null], [3, null, null]]);
    expectError(enter(hf, "D1", "=HNB.PLACEMENTCOST(A1:A3,B1:B2)"), "#VALUE!", "The unit costs must be a row per category (3 rows, as the caseload), or one row for every category: they have 2 rows.");
    expectError(enter(hf, "D5", '=HNB.PLACEMENTCOST(A1,B1,"lots")'), "#VALUE!", "Growth (“lots”) is not a percentage.");
  });
});

describe("EHCPCHECK", () => {
  /** One category's EHCPs by age group and by primary need, with labels and the years on top. */
  const sheet = (): RawCellContent[][] => [
    ["EHCPs by age group", "January 2024", "January 2025", "January 2026 (forecast)"],
    ["Mainstream schools or academies", null, null, null],
    ["Age 5 to 10", 100, 110, 121],
    ["Age 11 to 15", 50, 55, 60],
    ["Post 16 and further education (FE)", null, null, null],
    ["Age 16 to 19", 40, 42, 44],
    ["EHCPs by primary need", "January 2024", "January 2025", "January 2026 (forecast)"],
    ["Mainstream schools or academies", null, null, null],
    ["Autistic Spectrum Disorder", 90, 100, 110],
    ["Social, Emotional and Mental Health", 60, 65, 72],
    ["Post 16 and further education (FE)", null, null, null],
    ["Moderate Learning Difficulty", 40, 42, 44],
  ];

  it("is TRUE when each category's breakdowns agree, and a forecast within the tolerance passes", () => {
    const hf = buildHnbEngine(sheet());
    expect(enter(hf, "F1", "=HNB.EHCPCHECK(A1:D6,A7:D12,1)")).toBe(true);
    // Without the tolerance the forecast's difference of 1 is a difference.
    expect(enter(hf, "F2", "=HNB.EHCPCHECK(A1:D6,A7:D12)")).toBe("Mainstream schools or academies, January 2026: 181 by age group but 182 by primary need, a difference of 1.");
  });

  it("names the category and year that disagree, and follows an edit", () => {
    const hf = buildHnbEngine(sheet());
    enter(hf, "F1", "=HNB.EHCPCHECK(A1:D6,A7:D12,1)");
    enter(hf, "C9", 101);
    expect(valueAt(hf, "F1")).toBe("Mainstream schools or academies, January 2025: 165 by age group but 166 by primary need, a difference of 1.");
  });

  it("finds post-16 EHCPs under 16", () => {
    const rows = sheet();
    rows[5] = ["Age 11 to 15", 2, 0, 0];
    rows.splice(6, 0, ["Age 16 to 19", 38, 42, 44]);
    const hf = buildHnbEngine(rows);
    expect(enter(hf, "F1", "=HNB.EHCPCHECK(A1:D7,A8:D13,1)")).toBe(
      "Post 16 and further education (FE) has 2 EHCPs in “Age 11 to 15” in January 2024: Post 16 and further education (FE) is for ages 16 to 19 and 20 to 25 only.",
    );
  });

  it("checks one category's counts alone, and refuses breakdowns of different years", () => {
    const hf = buildHnbEngine([
      [10, 11, 6, 7],
      [5, 6, 9, 9],
    ]);
    expect(enter(hf, "A4", "=HNB.EHCPCHECK(A1:B2,C1:D2)")).toBe("Year 2 (column 2 of the counts): 17 by age group but 16 by primary need, a difference of 1.");
    expectError(enter(hf, "A5", "=HNB.EHCPCHECK(A1:B2,C1:C2)"), "#VALUE!", "byAge has 2 years of counts but byNeed 1 year: select the same years in both.");
  });
});
