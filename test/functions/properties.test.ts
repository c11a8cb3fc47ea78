import fc from "fast-check";
import * as wrappers from "../../src/functions/functions";
import * as hnb from "../../src/functions/implementations";
import { run } from "../../src/functions/args";
import { StubCustomFunctionsError, installCustomFunctionsStub } from "../helpers/custom-functions-stub";
import {
  HnbError,
  formatMoney,
  parseYearLabel,
  readAmount,
  readDateRange,
  serialFromYmd,
  yearLabel,
  daysInMonth,
  statusCharactersNormalised,
} from "../../src/core";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

describe("money parsing, for any input", () => {
  it("never throws, and gives a number, NaN or null", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.anything()), (raw) => {
        const v = readAmount(raw);
        expect(v === null || typeof v === "number").toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back every whole amount it formats, brackets and all", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(readAmount(formatMoney(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it("reads pence as written", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (pence) => {
        const text = `£${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
        expect(readAmount(text)).toBeCloseTo(pence / 100, 6);
      }),
    );
  });

  it("scales k and m suffixes exactly to the penny", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom("k", "m"), (tenths, suffix) => {
        const value = tenths / 10;
        const expected = Math.round(value * (suffix === "k" ? 1e3 : 1e6) * 100) / 100;
        expect(readAmount(`£${value}${suffix}`)).toBe(expected);
      }),
    );
  });
});

describe("date parsing, for any input", () => {
  it("never throws, and any range it gives runs forwards", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.double()), (raw) => {
        const r = readDateRange(raw);
        if (r) expect(r.start).toBeLessThanOrEqual(r.end);
      }),
      { numRuns: 2000 },
    );
  });

  const day = fc
    .record({ y: fc.integer({ min: 1970, max: 2069 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= daysInMonth(y, m));

  it("reads UK day/month/year in any padding", () => {
    fc.assert(
      fc.property(day, fc.boolean(), fc.constantFrom("/", ".", "-"), ({ y, m, d }, pad, sep) => {
        const p = (n: number) => (pad ? String(n).padStart(2, "0") : String(n));
        const s = serialFromYmd(y, m, d);
        expect(readDateRange(`${p(d)}${sep}${p(m)}${sep}${y}`)).toEqual({ start: s, end: s });
      }),
    );
  });

  it("reads month-and-year forms as the whole month", () => {
    fc.assert(
      fc.property(day, fc.constantFrom("%M %Y", "%M-%y", "%M%Y", "%M %y", "%F %Y"), ({ y, m }, pattern) => {
        const full = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
        const text = pattern
          .replace("%M", MONTHS[m - 1]!)
          .replace("%F", full)
          .replace("%Y", String(y))
          .replace("%y", String(y % 100).padStart(2, "0"));
        expect(readDateRange(text)).toEqual({
          start: serialFromYmd(y, m, 1),
          end: serialFromYmd(y, m, daysInMonth(y, m)),
        });
      }),
    );
  });

  it("reads back every financial year label it writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2068 }), fc.constantFrom("long", "short") as fc.Arbitrary<"long" | "short">, (y, style) => {
        expect(parseYearLabel(yearLabel(y, style))).toBe(y);
      }),
    );
  });
});

function checkResult(value: unknown): void {
  if (Array.isArray(value)) {
    expect(value.length).toBeGreaterThan(0);
    for (const row of value) {
      expect(Array.isArray(row)).toBe(true);
      for (const cell of row as unknown[]) checkResult(cell);
    }
    return;
  }
  expect(["number", "string", "boolean"]).toContain(typeof value);
  if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
  if (typeof value === "string") {
    expect(value.length).toBeLessThanOrEqual(32_767);
    expect(value).not.toMatch(/Infinity|NaN/);
  }
}

const cell = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1e300, Number.MIN_VALUE),
  fc.boolean(),
  fc.string(),
  fc.constantFrom("£1,200", "(£10,000)", "On track", "TBC", "Sep-24", "2024/25", "Jane Bloggs (JB)", "JB/KP", "5%", "£000", "Red"),
);
const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }).chain((rows) => {
  const width = rows[0]!.length;
  return fc.constant(rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)));
});
const argument = fc.oneof(cell, range);

describe("every custom function, for any arguments", () => {
  const functions = Object.entries(hnb).filter(([, f]) => typeof f === "function") as [string, (...a: unknown[]) => unknown][];

  it("covers the twenty-nine functions of the contract", () => {
    expect(functions).toHaveLength(29);
  });

  it.each(functions)("%s gives a value or core's HnbError, never anything else", (_, fn) => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: fn.length, maxLength: fn.length }), (args) => {
        let result: unknown;
        try {
          result = fn(...args);
        } catch (error) {
          expect(error).toBeInstanceOf(HnbError);
          const e = error as HnbError;
          expect(["value", "na"]).toContain(e.kind);
          expect(e.message.length).toBeGreaterThan(0);
          expect(e.message.length).toBeLessThanOrEqual(1_000);
          expect(e.message).not.toMatch(/HNB could not work this out/);
          return;
        }
        checkResult(result);
      }),
      { numRuns: 400 },
    );
  });
});

describe("every Excel wrapper, for any arguments", () => {
  const exported = wrappers as unknown as Record<string, (...a: unknown[]) => unknown>;
  const functions = Object.entries(hnb).filter(([, f]) => typeof f === "function") as [string, (...a: unknown[]) => unknown][];
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installCustomFunctionsStub();
  });
  afterAll(() => uninstall());

  it("wraps each implementation, and nothing else", () => {
    expect(Object.keys(wrappers).sort()).toEqual(functions.map(([name]) => name).sort());
  });

  it.each(functions)("%s gives what its implementation gives, its HnbError as a CustomFunctions.Error", (name, implementation) => {
    const wrapper = exported[name]!;
    expect(wrapper.length).toBe(implementation.length);
    const outcome = (fn: (...a: unknown[]) => unknown, args: unknown[]) => {
      try {
        const value = fn(...args);
        // Office shows a returned CustomFunctions.Error as it shows a thrown one (TARGET returns its).
        if (value instanceof StubCustomFunctionsError) return { code: value.code, message: value.message };
        return { value };
      } catch (error) {
        if (error instanceof HnbError) return { code: error.kind === "na" ? "#N/A" : "#VALUE!", message: error.message };
        if (error instanceof StubCustomFunctionsError) return { code: error.code, message: error.message };
        return { thrown: error };
      }
    };
    fc.assert(
      fc.property(fc.array(argument, { minLength: implementation.length, maxLength: implementation.length }), (args) => {
        expect(outcome(wrapper, args)).toEqual(outcome(implementation, args));
      }),
      { numRuns: 100 },
    );
  });

  it("RAGCHECK names each status by its cell where Excel says where the range is, and by its row of the range where not", () => {
    const statuses = [["Green"], ["Purple"], ["Amber"]];
    const invocation = { parameterAddresses: ["'Savings plan'!H21:H23", null, null] } as unknown as CustomFunctions.Invocation;
    expect(wrappers.ragCheck(statuses, undefined, undefined, invocation)).toMatch(/“Purple” \(H22\)/);
    expect(wrappers.ragCheck(statuses)).toMatch(/“Purple” \(row 2\)/);
  });

  it("shows a bad argument as #VALUE! and a date that is not one as #N/A, with the message", () => {
    expect(() => wrappers.money("plenty")).toThrow(StubCustomFunctionsError);
    expect(() => wrappers.money("plenty")).toThrow(expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/plenty/) }));
    expect(() => wrappers.fyLabel("not a date")).toThrow(expect.objectContaining({ code: "#N/A" }));
  });
});

/** A plain cell value as Excel passes it when the cell holds a data type (allowCustomDataForDataTypeAny). */
function asDataType(v: unknown, variant: number): unknown {
  if (typeof v === "number") return variant % 2 === 0 ? { type: "Double", basicValue: v, basicType: "Double" } : { type: "FormattedNumber", basicValue: v, numberFormat: "£#,##0;(£#,##0)", basicType: "Double" };
  if (typeof v === "string") return variant % 2 === 0 ? { type: "String", basicValue: v, basicType: "String" } : { type: "Entity", text: v, properties: { Source: { type: "String", basicValue: "Council" } } };
  if (typeof v === "boolean") return { type: "Boolean", basicValue: v, basicType: "Boolean" };
  return v;
}

function outcome(fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    return { value: fn(...args) };
  } catch (error) {
    return { error: error instanceof HnbError ? [error.kind, error.message] : String(error) };
  }
}

describe("every custom function, for cells holding data types", () => {
  const functions = Object.entries(hnb).filter(([, f]) => typeof f === "function") as [string, (...a: unknown[]) => unknown][];

  it.each(functions)("%s gives the same for a formatted number or an entity as for its plain value, in single cells and in ranges", (_, fn) => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: fn.length, maxLength: fn.length }), fc.nat(), (args, variant) => {
        const wrapped = args.map((a, i) => (Array.isArray(a) ? (a as unknown[][]).map((row, r) => row.map((c, k) => asDataType(c, variant + i + r + k))) : asDataType(a, variant + i)));
        expect(outcome(fn, wrapped)).toEqual(outcome(fn, args));
      }),
      { numRuns: 200 },
    );
  });

  it("reads an error held in a data type, or an array, as a message rather than a crash", () => {
    expect(() => hnb.savingsTotal([[{ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" }]])).toThrow(/A cell holds an error \(#DIV\/0!\)/);
    expect(() => hnb.money({ type: "Array", elements: [[1]] })).toThrow(/array of values/);
    expect(hnb.money({ type: "LinkedEntity", text: "£1.2m", id: { culture: "en-GB" } }, "£000")).toBe(1200);
  });
});

describe("results and messages a cell can hold", () => {
  it("TRANSFERCHECK of a transfer no percentage can show says the figures are in different units, not Infinity%", () => {
    expect(() => hnb.transferCheck(1e308, 0.5)).toThrow(/far larger than the Schools Block: check both figures are in the same unit/);
  });

  it("an infinite number from a host other than Excel is refused as a number no cell holds, never printed as Infinity", () => {
    expect(() => hnb.recoveryYear(0, Number.POSITIVE_INFINITY)).toThrow(/beyond the largest Excel can hold/);
    expect(() => hnb.ragCheck([[Number.MAX_VALUE, Number.POSITIVE_INFINITY]], [[null]])).toThrow(/beyond the largest Excel can hold/);
    expect(() => hnb.deficitPath(0, { type: "Double", basicValue: Number.NEGATIVE_INFINITY }, [[""]])).toThrow(/beyond the largest Excel can hold/);
  });

  it("a text result longer than a cell holds is cut, saying so; a message quoting a huge cell is cut too", () => {
    const text = run(() => "x".repeat(40_000));
    expect(text.length).toBe(32_767);
    expect(text).toMatch(/… \(7,2\d\d more characters\)$/);
    const huge = "x".repeat(1_000_000);
    let message = "";
    try {
      hnb.money(huge);
    } catch (error) {
      message = (error as HnbError).message;
    }
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(1_000);
  });
});

describe("every custom function, for a key cell as long as Excel allows and a row as wide", () => {
  const functions = Object.entries(hnb).filter(([, f]) => typeof f === "function") as [string, (...a: unknown[]) => unknown][];
  const longKey = [["Green"], ["Amber"], ["k".repeat(30_000)], ["Red"]];
  // Excel's widest row, statuses naming colours the key lacks, each different so no memo helps.
  const wideRow = [Array.from({ length: 16_384 }, (_, i) => (i % 3 === 0 ? `Blue ${i}` : i % 3 === 1 ? `Grey (${i})` : `Green/on track ${i}`))];
  const charactersIn = (v: unknown): number =>
    Array.isArray(v) ? (v as unknown[]).reduce<number>((n, x) => n + charactersIn(x), 0) : typeof v === "string" ? v.length : 8;
  const big = fc.oneof(fc.constant<unknown>(longKey), fc.constant<unknown>(wideRow), cell);

  it.each(functions)("%s answers within its cell, normalising each character it is given a bounded number of times", (_, fn) => {
    fc.assert(
      fc.property(fc.array(big, { minLength: fn.length, maxLength: fn.length }), (args) => {
        const before = statusCharactersNormalised();
        try {
          checkResult(fn(...args));
        } catch (error) {
          expect(error).toBeInstanceOf(HnbError);
          expect((error as HnbError).message.length).toBeLessThanOrEqual(1_000);
        }
        const given = args.reduce<number>((n, a) => n + charactersIn(a), 0);
        expect(statusCharactersNormalised() - before).toBeLessThanOrEqual(8 * given + 100_000);
      }),
      { numRuns: 25 },
    );
  });
});

/** The message of the HnbError a call throws, or null when it returns. */
function refusal(call: () => unknown): string | null {
  try {
    run(call);
    return null;
  } catch (error) {
    if (error instanceof HnbError) return error.message;
    throw error;
  }
}

describe("no figure a function returns is impossible", () => {
  it("STABILITYGRANT is never above the eligible deficit nor below nothing, for any deficit, amounts taken out and share it accepts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: -600, max: 600 }).map((n) => `${n}%`)),
        (deficit, ineligible, share) => {
          let grant: number | null = null;
          const why = refusal(() => (grant = hnb.stabilityGrant(deficit, [[ineligible]], share)));
          if (why !== null) return;
          expect(grant).not.toBeNull();
          expect(grant!).toBeGreaterThanOrEqual(0);
          expect(grant!).toBeLessThanOrEqual(Math.max(0, deficit - ineligible) + 1e-6);
        },
      ),
    );
  });

  it("STABILITYGRANT refuses amounts taken out that are negative and a share above 100%, saying which", () => {
    expect(refusal(() => hnb.stabilityGrant(1000, [["(5,000)"]]))).toMatch(/^The amounts taken out as not High Needs add to \(5,000\): .*positive figures\.$/);
    expect(refusal(() => hnb.stabilityGrant(1000, null, "500%"))).toBe("The share paid is 500%: give a share from 0% to 100% (90% as announced on 9 February 2026).");
    expect(refusal(() => hnb.stabilityGrant(1000, null, "-10%"))).toMatch(/^The share paid is -10%/);
    expect(hnb.stabilityGrant(1000, null, "100%")).toBe(1000);
  });

  it("KPISTATUS compares only like with like: a count against a percentage is refused, a fraction against a percentage is read", () => {
    expect(refusal(() => hnb.kpiStatus(55, "60%"))).toBe('The actual (“55”) is a count or an amount but the target (“60%”) is a percentage: give the actual as a percentage too.');
    expect(refusal(() => hnb.kpiStatus("55%", 60))).toBe('The actual (“55%”) is a percentage but the target (“60”) is a count or an amount: give the target as a percentage too.');
    expect(hnb.kpiStatus(0.55, "60%")).toBe(hnb.kpiStatus("55%", "60%"));
    expect(hnb.kpiStatus(55, 60)).toBe(hnb.kpiStatus(0.55, 0.6));
  });

  it("KPISTATUS gives a status from the key whatever the figures, or refuses", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), fc.string()), fc.oneof(fc.double({ noNaN: true }), fc.string()), (actual, target) => {
        let status: string | null = null;
        if (refusal(() => (status = hnb.kpiStatus(actual, target))) !== null) return;
        expect(["Blue", "Green", "Amber", "Red", "Grey"]).toContain(status);
      }),
      { numRuns: 500 },
    );
  });

  it("a number of 309 digits is not a figure: SOURCECHECK and CROSSFOOT refuse it rather than read it as infinity", () => {
    const huge = "9".repeat(309);
    expect(refusal(() => hnb.sourceCheck([[100, huge]]))).toMatch(/is not an amount of money\.$/);
    expect(refusal(() => hnb.crossFoot([[1, 2, 3]], huge))).toMatch(/^The tolerance \(.*\) is not an amount of money\.$/);
    expect(readAmount(huge)).toBeNaN();
    expect(readAmount(`£${huge}`)).toBeNaN();
  });

  it("a tolerance below nothing is refused: it would pass a table that does not add", () => {
    expect(refusal(() => hnb.crossFoot([[1, 2, 4]], -5))).toBe("The tolerance (“-5”) must be zero or more and a figure a cell can hold: give the largest difference treated as rounding, such as 0.5.");
    expect(refusal(() => hnb.totalCheck(10, [[4, 5]], "-1"))).toMatch(/^The tolerance \(“-1”\) must be zero or more/);
    expect(refusal(() => hnb.kpiStatus(50, 60, "higher", "-5%"))).toMatch(/^The tolerance \(“-5%”\) is below nothing/);
  });

  it("SAVINGSTOTAL is never more than the amounts' size added up, and CARRYFORWARD is the opening balance plus the movements", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom("TBC", null, "£1,000", "(£2,500)")), { minLength: 1, maxLength: 12 }), (cells) => {
        let total: number | null = null;
        if (refusal(() => (total = hnb.savingsTotal([cells], true))) !== null) return;
        const size = cells.reduce<number>((sum, c) => sum + Math.abs(typeof c === "number" ? c : c === "£1,000" ? 1000 : c === "(£2,500)" ? 2500 : 0), 0);
        expect(Math.abs(total!)).toBeLessThanOrEqual(size + 1e-6);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 8 }), (opening, moves) => {
        expect(hnb.carryForward(opening, [moves])).toBe(opening + moves.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("RAG and RAGROLLUP give a status of the key or refuse, for any status typed", () => {
    const KEY = ["Blue", "Green", "Amber", "Red", "Grey"];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("green", "AMBER ", "R", "On track", "Complete", "Amber/Green")), { minLength: 1, maxLength: 6 }), (statuses) => {
        for (const s of statuses) {
          let status: string | null = null;
          if (refusal(() => (status = hnb.rag(s))) === null) expect([...KEY, ""]).toContain(status);
        }
        let rolled: string | null = null;
        if (refusal(() => (rolled = hnb.ragRollup([statuses]))) === null) expect([...KEY, ""]).toContain(rolled);
      }),
    );
  });

  it("TRAJECTORY stays between the baseline and the target for any year between theirs", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), (baseline, goal, from, span, step) => {
        const year = from + Math.min(step, span);
        const value = hnb.trajectory(baseline, from, goal, from + span, year);
        expect(value).toBeGreaterThanOrEqual(Math.min(baseline, goal) - 1e-6);
        expect(value).toBeLessThanOrEqual(Math.max(baseline, goal) + 1e-6);
      }),
    );
  });

  it("CROSSFOOT and TOTALCHECK never pass a table whose gap is larger than the tolerance given", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 0.49, noNaN: true }), (amounts, gap, tolerance) => {
        const sum = amounts.reduce((a, b) => a + b, 0);
        expect(hnb.totalCheck(sum + gap, [amounts], tolerance)).not.toBe(true);
      }),
    );
  });
});
