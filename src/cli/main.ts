/**
 * The `hnb` command line: `hnb import`, `hnb check` and `hnb calc` over files, with the same core
 * rules as the custom functions and the task pane. `main` returns the exit code instead of
 * exiting, so tests run it in-process; bin/hnb.js is the launcher.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseArgs } from "util";
import { TooLarge, daysInMonth, serialFromYmd, visibleControls } from "../core";
import { runCalc } from "./calc";
import { runCheck } from "./check";
import { runDemo } from "./demo";
import { runFix, terminalQuestion } from "./fix";
import type { FixKind } from "../core/table";
import { CALC_HELP, CHECK_HELP, COMPARE_HELP, DEMO_HELP, FIX_HELP, GENERAL_HELP, IMPORT_HELP, READ_HELP, SUMMARY_HELP } from "./help";
import { parseShapeKind, SHAPE_KINDS, type ShapeKind } from "../core/table";
import { runImport } from "./import";
import { CliError, oneLine } from "./inputs";
import { runRead } from "./read";
import { runSummary } from "./summary";
import { runCompare } from "./compare";
import { CLI_DEPS, EXIT_FAILED, EXIT_OK, type CliDeps, type CliIo, type Output } from "./io";

export { EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, type CliIo, type Output } from "./io";

const HELP = new Map([
  ["read", READ_HELP],
  ["import", IMPORT_HELP],
  ["check", CHECK_HELP],
  ["calc", CALC_HELP],
  ["summary", SUMMARY_HELP],
  ["compare", COMPARE_HELP],
  ["demo", DEMO_HELP],
  ["fix", FIX_HELP],
]);

/**
 * Runs one hnb command. `deps` are the table rules it runs (tests give their own instead of
 * replacing modules).
 */
export async function main(argv: string[], given: CliIo, deps: CliDeps = CLI_DEPS): Promise<number> {
  // Every line goes out with its control characters made visible: a file name, sheet name or cell
  // echoed back may hold a terminal escape. JSON keeps its own escapes (the \\u form is JSON's too).
  const io: CliIo = { stdout: visibleOutput(given.stdout), stderr: visibleOutput(given.stderr) };
  try {
    return await dispatch(argv, io, deps);
  } catch (caught) {
    // Input beyond the limits is the user's to cut down, said as plainly as a file that cannot be found.
    const error = caught instanceof TooLarge ? new CliError(caught.message) : caught;
    const message = error instanceof CliError ? error.message : `something went wrong: ${oneLine(error)}`;
    io.stderr.write(`hnb: ${message}\n`);
    // A stack trace helps whoever maintains hnb, not the person running it.
    if (!(error instanceof CliError) && process.env.HNB_DEBUG && error instanceof Error) {
      io.stderr.write(`${error.stack}\n`);
    }
    return error instanceof CliError ? error.exitCode : EXIT_FAILED;
  }
}

async function dispatch(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  // `npx hnb -- --version` passes the separator on (npx itself answers a bare `npx hnb --version`).
  const [command, ...rest] = argv[0] === "--" ? argv.slice(1) : argv;
  switch (command) {
    case undefined:
      throw new CliError('no command given: try "hnb check <file>", "hnb import <input>... --out <file.xlsx>", "hnb calc <file.xlsx> --out <file.xlsx>" or "hnb --help".');
    case "-h":
    case "--help":
      io.stdout.write(GENERAL_HELP);
      return EXIT_OK;
    case "help": {
      const topic = rest[0];
      const text = topic === undefined ? GENERAL_HELP : HELP.get(topic);
      if (text !== undefined) io.stdout.write(text);
      else throw new CliError(`no help on "${topic}": the commands are read, import, check, calc, summary, compare, demo and fix.`);
      return EXIT_OK;
    }
    case "-v":
    case "-V":
    case "--version":
    case "version":
      io.stdout.write(`${version()}\n`);
      return EXIT_OK;
    case "read":
      return readCommand(rest, io, deps);
    case "import":
      return importCommand(rest, io, deps);
    case "check":
      return checkCommand(rest, io, deps);
    case "calc":
      return calcCommand(rest, io);
    case "summary":
      return summaryCommand(rest, io, deps);
    case "compare":
      return compareCommand(rest, io, deps);
    case "demo":
      return demoCommand(rest, io);
    case "fix":
      return fixCommand(rest, io, deps);
    default:
      if (command.startsWith("-")) throw new CliError(`unknown option ${command}: try "hnb --help".`);
      throw new CliError(`unknown command "${command}": the commands are read, import and check for tables, calc for HNB formulas, summary, compare, demo and fix (try "hnb --help").`);
  }
}

async function readCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("read", args, {
    kind: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(READ_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw usage("read", "give the file to read (.xlsx, .tsv, .txt or .csv).");
  if (positionals.length > 1) throw usage("read", `reads one file at a time; got ${positionals.length}.`);
  const kind = typeof values.kind === "string" ? kindOption("read", values.kind) : undefined;
  return runRead({ file: positionals[0]!, json: values.json === true, ...(kind ? { kind } : {}) }, io, deps);
}

async function importCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("import", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    realign: { type: "boolean" },
    kind: { type: "string" },
    "no-checks": { type: "boolean" },
    "as-of": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw usage("import", "give at least one input file (.xlsx, .tsv, .txt or .csv).");
  const out = values.out;
  if (typeof out !== "string" || out === "") throw usage("import", "--out <file.xlsx> is required: the workbook to write.");
  if (!/\.xlsx$/i.test(out)) throw usage("import", `--out must name an .xlsx file, not "${out}".`);
  const kind = typeof values.kind === "string" ? kindOption("import", values.kind) : undefined;
  const rawAsOf = values["as-of"];
  const asOf = typeof rawAsOf === "string" ? parseDateOption("import", "--as-of", rawAsOf) : undefined;
  return runImport({ inputs: positionals, out, force: values.force === true, realign: values.realign === true, checks: values["no-checks"] !== true, ...(asOf !== undefined ? { asOf } : {}), ...(kind ? { kind } : {}) }, io, deps);
}

async function checkCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("check", args, {
    "as-of": { type: "string" },
    kind: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw usage("check", "give the file to check (.xlsx, .tsv, .txt or .csv).");
  if (positionals.length > 1) throw usage("check", `checks one file at a time; got ${positionals.length}.`);
  const rawAsOf = values["as-of"];
  const asOf = typeof rawAsOf === "string" ? parseAsOf(rawAsOf) : undefined;
  const kind = typeof values.kind === "string" ? kindOption("check", values.kind) : undefined;
  return runCheck({ file: positionals[0]!, asOf, json: values.json === true, ...(kind ? { kind } : {}) }, io, deps);
}

async function calcCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse("calc", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    dotted: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(CALC_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw usage("calc", "give the workbook to calculate (.xlsx).");
  if (positionals.length > 1) throw usage("calc", `calculates one workbook at a time; got ${positionals.length}.`);
  const out = values.out;
  if (typeof out !== "string" || out === "") throw usage("calc", "--out <file.xlsx> is required: the workbook to write.");
  if (!/\.xlsx$/i.test(out)) throw usage("calc", `--out must name an .xlsx file, not "${out}".`);
  return runCalc({ file: positionals[0]!, out, force: values.force === true, dotted: values.dotted === true }, io);
}

async function summaryCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("summary", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    "as-of": { type: "string" },
    "as-at": { type: "string" },
    title: { type: "string" },
    kind: { type: "string" },
    since: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(SUMMARY_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw usage("summary", "give one file to summarise (.xlsx, .tsv, .txt or .csv).");
  const out = values.out;
  if (typeof out !== "string" || out === "") throw usage("summary", "--out <paper.html | paper.md | paper.xlsx> is required.");
  // --as-of, as every command says it; --as-at, as this one first did.
  const [dateOption, rawAsAt] = typeof values["as-of"] === "string" ? ["--as-of", values["as-of"]] : ["--as-at", values["as-at"]];
  if (typeof values["as-of"] === "string" && typeof values["as-at"] === "string") throw usage("summary", "give --as-of or --as-at, not both: they are the same option.");
  return runSummary(
    {
      file: positionals[0]!,
      out,
      force: values.force === true,
      ...(typeof rawAsAt === "string" ? { asAt: parseDateOption("summary", dateOption, rawAsAt) } : {}),
      ...(typeof values.title === "string" ? { title: values.title } : {}),
      ...(typeof values.kind === "string" ? { kind: kindOption("summary", values.kind) } : {}),
      ...(typeof values.since === "string" ? { since: values.since } : {}),
    },
    io,
    deps,
  );
}

async function compareCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("compare", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    kind: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(COMPARE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw usage("compare", `give two papers, the earlier first, then the later (.xlsx, .tsv, .txt or .csv); got ${positionals.length}.`);
  const out = values.out;
  if (out === "") throw usage("compare", "--out needs a file name (.html, .md or .xlsx), or leave it out to print the Markdown.");
  return runCompare(
    {
      earlier: positionals[0]!,
      later: positionals[1]!,
      force: values.force === true,
      ...(typeof out === "string" ? { out } : {}),
      ...(typeof values.kind === "string" ? { kind: kindOption("compare", values.kind) } : {}),
    },
    io,
    deps,
  );
}

async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse("demo", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    "no-calc": { type: "boolean" },
    "as-of": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw usage("demo", `takes no files, only --out; got "${positionals[0]}".`);
  const out = values.out;
  if (typeof out !== "string" || out === "") throw usage("demo", "--out <demo.xlsx> is required: the workbook to write.");
  const rawAsOf = values["as-of"];
  return runDemo({ out, force: values.force === true, calculate: values["no-calc"] !== true, ...(typeof rawAsOf === "string" ? { reportDate: parseDateOption("demo", "--as-of", rawAsOf) } : {}) }, io);
}

async function fixCommand(args: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const { values, positionals } = parse("fix", args, {
    out: { type: "string", short: "o" },
    force: { type: "boolean", short: "f" },
    statuses: { type: "boolean" },
    "text-from-fills": { type: "boolean" },
    "fills-from-text": { type: "boolean" },
    lists: { type: "boolean" },
    yes: { type: "boolean", short: "y" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(FIX_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw usage("fix", "give one workbook to fix (.xlsx).");
  const out = values.out;
  if (typeof out !== "string" || out === "") throw usage("fix", "--out <file.xlsx> is required: the fixed copy to write.");
  if (!/\.xlsx$/i.test(out) || !/\.xlsx$/i.test(positionals[0]!)) throw usage("fix", "works on .xlsx workbooks: give an .xlsx file and an .xlsx --out.");
  const kinds: FixKind[] = [];
  if (values.statuses) kinds.push("normalise-statuses");
  if (values["text-from-fills"]) kinds.push("text-from-fills");
  if (values["fills-from-text"]) kinds.push("fills-from-text");
  if (values.lists) kinds.push("status-lists");
  if (kinds.length === 0) throw usage("fix", "say what to fix: --statuses, --text-from-fills, --fills-from-text and/or --lists.");
  const ask = terminalQuestion();
  return runFix({ file: positionals[0]!, out, force: values.force === true, kinds, yes: values.yes === true, ...(ask ? { ask } : {}) }, io, deps);
}

type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** util.parseArgs, with its errors put in a sentence and the command named. */
function parse(command: string, args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = oneLine(error);
    // "Option '-o, --out <value>' argument missing": name the long form, as the help does.
    const option = /'(?:-\w, )?(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usage(command, `unknown option ${option}.`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw usage(command, /argument missing/.test(message) ? `${option} needs a value.` : `${option} takes no value.`);
    }
    throw usage(command, message);
  }
}

/** --kind as the user typed it: one of the kinds the reader knows, or a usage error naming them. */
function kindOption(command: string, text: string): ShapeKind {
  const kind = parseShapeKind(text);
  if (!kind) throw usage(command, `--kind must be one of ${SHAPE_KINDS.join(", ")}; not "${text}".`);
  return kind;
}

function usage(command: string, problem: string): CliError {
  return new CliError(`${command}: ${problem} Try "hnb ${command} --help".`);
}

/**
 * The report date as an Excel serial: ISO (2025-04-01), or UK order (01/04/2025) as people type
 * it in this country; never US order.
 */
export function parseAsOf(text: string): number {
  return parseDateOption("check", "--as-of", text);
}

/** A date option (--as-of, --as-at) as an Excel serial: ISO or UK order, never US order. */
function parseDateOption(command: string, option: string, text: string): number {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let ymd: [number, number, number] | null = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  if (!ymd) {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (m) ymd = [Number(m[3]), Number(m[2]), Number(m[1])];
  }
  if (ymd) {
    const [year, month, day] = ymd;
    if (year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return serialFromYmd(year, month, day);
    }
  }
  throw usage(command, `${option} must be a date such as 2025-04-01 or 01/04/2025, not "${text}".`);
}

function version(): string {
  // package.json sits two folders up from both src/cli (tests) and lib/cli (the built CLI).
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string };
    return `hnb ${pkg.version ?? "(unknown version)"}`;
  } catch {
    return "hnb (unknown version)";
  }
}

function visibleOutput(output: Output): Output {
  return { write: (text: string) => output.write(visibleControls(text)) };
}
