import { TABLE_RULES, type TableRules } from "../app";

/** Where output goes: process.stdout and process.stderr, or a test's capture. */
export interface Output {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
}

/** Done; for check, no error-severity findings. */
export const EXIT_OK = 0;
/** check found error-severity findings. */
export const EXIT_FINDINGS = 1;
/** Unreadable input or bad usage: one line on stderr, and no output file. */
export const EXIT_FAILED = 2;

/** What the command line runs on besides its input and output: the table rules, which tests replace. */
export interface CliDeps {
  rules: TableRules;
  /** The clock progress is timed by (tests give one that runs fast). */
  now?: () => number;
}

export const CLI_DEPS: CliDeps = { rules: TABLE_RULES };
