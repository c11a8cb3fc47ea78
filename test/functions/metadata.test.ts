/*
 * The custom functions' metadata is a contract with users' workbooks: a formula such as
 * =HNB.DEFICITPATH(B3,B4:F6,B8:F8) saved in a council's file must keep working, so function
 * names, argument names, argument order and which arguments are optional must not drift.
 *
 * Two layers:
 * 1. CONTRACT, written out by hand below: ids, argument names/order/optionality, and the
 *    functions that spill. Changing it is a breaking change for users: think before editing.
 * 2. A golden copy of the whole generated functions.json (descriptions, help URLs, types,
 *    dimensionality) in test/functions/functions.golden.json. Any change fails the test with
 *    a list of what changed; if the change is intended, refresh the golden file with
 *      UPDATE_GOLDEN=1 npx jest test/functions/metadata
 *    and commit it with the change, so the review shows the metadata diff.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import * as hnbFunctions from "../../src/functions/functions";
import { type CfFunction, type GeneratedMetadata, generateMetadata } from "../helpers/metadata";

/** id → arguments in order; a trailing "?" marks an optional argument. */
const CONTRACT: Record<string, string[]> = {
  CARRYFORWARD: ["broughtForward", "movements"],
  DEFICITPATH: ["openingBalance", "movements", "impact?"],
  CORKSCREW: ["broughtForward", "movements", "carriedForward", "yearLabels?", "tolerance?"],
  RECOVERYYEAR: ["closingBalances", "yearLabels"],
  TRANSFERCHECK: ["transfer", "schoolsBlock"],
  MONEY: ["text", "unit?"],
  SAVINGSTOTAL: ["amounts", "skipText?"],
  SAVINGSBYYEAR: ["amounts", "statuses?", "weights?", "key?"],
  TOTALCHECK: ["statedTotal", "amounts", "tolerance?"],
  RAG: ["status", "key?"],
  RAGCHECK: ["statuses", "key?", "allowBlank?"],
  RAGROLLUP: ["statuses", "method?", "key?"],
  RAGCOUNT: ["statuses", "status", "key?"],
  PARSEDATE: ["text", "bound?"],
  FYLABEL: ["date", "style?"],
  AYLABEL: ["date", "style?"],
  OVERDUE: ["endDate", "status", "asOf", "key?"],
  PROJECTCOST: ["caseload", "unitCost", "caseloadGrowth", "costInflation", "years"],
  LEAD: ["initials", "legend"],
  VARIANCE: ["budget", "outturn", "convention?"],
  CROSSFOOT: ["range", "tolerance?"],
  TARGET: ["target", "year", "baseline?"],
  KPISTATUS: ["actual", "target", "direction?", "tolerance?", "key?"],
  TRAJECTORY: ["baseline", "baselineYear", "target", "targetYear", "year"],
  TREND: ["actuals", "direction?"],
  STABILITYGRANT: ["deficitAtCutOff", "ineligible?", "share?"],
  SOURCECHECK: ["figures", "labels?", "tolerance?"],
  EHCPCHECK: ["byAge", "byNeed", "tolerance?"],
  PLACEMENTCOST: ["caseload", "unitCost", "growth?", "inflation?", "years?"],
};

/** Functions whose result spills (one row). */
const SPILLING = ["DEFICITPATH", "SAVINGSBYYEAR", "PROJECTCOST", "VARIANCE", "PLACEMENTCOST"];

const GOLDEN = join(__dirname, "functions.golden.json");
const UPDATE_COMMAND = "UPDATE_GOLDEN=1 npx jest test/functions/metadata";

let generated: GeneratedMetadata;
let functions: CfFunction[];
beforeAll(async () => {
  generated = await generateMetadata();
  functions = generated.metadata.functions;
}, 60_000);

const byId = (id: string) => functions.find((f) => f.id === id)!;

describe("generated custom-function metadata", () => {
  it("generates without errors", () => {
    expect(generated.errors).toEqual([]);
  });

  it("holds exactly the contract's functions", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it("has no duplicate ids and shows each function under its id", () => {
    expect(new Set(functions.map((f) => f.id)).size).toBe(functions.length);
    for (const f of functions) expect({ id: f.id, name: f.name }).toEqual({ id: f.id, name: f.id });
  });

  it.each(Object.entries(CONTRACT))("%s keeps its argument names, order and optionality", (id, contract) => {
    const fn = byId(id);
    expect(fn).toBeDefined();
    const actual = fn.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`);
    expect(actual).toEqual(contract);
  });

  it("describes every function, with a help URL", () => {
    for (const f of functions) {
      expect({ id: f.id, description: f.description?.trim() }).toEqual({
        id: f.id,
        description: expect.stringMatching(/\S/),
      });
      expect({ id: f.id, helpUrl: f.helpUrl }).toEqual({ id: f.id, helpUrl: expect.stringMatching(/^https:\/\/\S+$/) });
    }
  });

  it("describes every parameter", () => {
    for (const f of functions) {
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, description: p.description?.trim() }).toEqual({
          fn: f.id,
          param: p.name,
          description: expect.stringMatching(/\S/),
        });
      }
    }
  });

  it("spills the results of DEFICITPATH, SAVINGSBYYEAR, PROJECTCOST, VARIANCE and PLACEMENTCOST (dimensionality matrix), and only those", () => {
    for (const id of SPILLING) expect({ id, result: byId(id).result.dimensionality }).toEqual({ id, result: "matrix" });
    const others = functions.filter((f) => !SPILLING.includes(f.id) && f.result.dimensionality === "matrix");
    expect(others.map((f) => f.id)).toEqual([]);
  });

  it("associates every id with a function that src/functions/functions.ts exports", () => {
    const exported = hnbFunctions as unknown as Record<string, unknown>;
    expect(generated.associate.map((a) => a.id).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const a of generated.associate) {
      expect({ id: a.id, exported: typeof exported[a.functionName] }).toEqual({ id: a.id, exported: "function" });
    }
  });

  it(`matches the golden functions.json (update: ${UPDATE_COMMAND})`, () => {
    const current = stableJson(generated.metadata);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, current);
      if (process.env.UPDATE_GOLDEN !== "1") {
        throw new Error(`Wrote a new golden file ${GOLDEN}: review and commit it, then run the tests again.`);
      }
      return;
    }
    const golden = readFileSync(GOLDEN, "utf8");
    if (golden.replace(/\r\n/g, "\n") === current) return;
    const changes = diffJson(JSON.parse(golden), JSON.parse(current));
    throw new Error(
      [
        "The custom-function metadata differs from test/functions/functions.golden.json:",
        ...changes.slice(0, 40).map((c) => `  ${c}`),
        ...(changes.length > 40 ? [`  … and ${changes.length - 40} more`] : []),
        "",
        "Function names, argument names and argument order are a contract with users' workbooks.",
        `If the change is intended, update the golden file: ${UPDATE_COMMAND}`,
      ].join("\n"),
    );
  });
});

/** JSON with object keys sorted at every level (array order kept), two-space indent, final newline. */
function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + "\n";
}

/** Readable differences, functions matched by id rather than position: "DEFICITPATH.parameters[2].name: …". */
function diffJson(expected: unknown, actual: unknown, at = ""): string[] {
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
  const keyed = (list: unknown[]) =>
    list.every((x) => x && typeof x === "object" && typeof (x as { id?: unknown }).id === "string")
      ? new Map(list.map((x) => [(x as { id: string }).id, x]))
      : null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const e = keyed(expected);
    const a = keyed(actual);
    if (e && a) {
      const out: string[] = [];
      for (const id of new Set([...e.keys(), ...a.keys()])) {
        const where = at.endsWith("functions") ? id : `${at}[${id}]`;
        if (!a.has(id)) out.push(`${where}: removed`);
        else if (!e.has(id)) out.push(`${where}: added`);
        else out.push(...diffJson(e.get(id), a.get(id), where));
      }
      const order = (m: Map<string, unknown>) => [...m.keys()].filter((k) => e.has(k) && a.has(k)).join(",");
      if (order(e) !== order(a)) out.push(`${at}: order changed`);
      return out;
    }
    const out: string[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      out.push(...diffJson(expected[i], actual[i], `${at}[${i}]`));
    }
    return out;
  }
  if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const out: string[] = [];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of [...keys].sort()) {
      out.push(
        ...diffJson(
          (expected as Record<string, unknown>)[k],
          (actual as Record<string, unknown>)[k],
          at ? `${at}.${k}` : k,
        ),
      );
    }
    return out;
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${at}: was ${show(expected)}, now ${show(actual)}`];
}
