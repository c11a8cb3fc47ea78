/**
 * The `CustomFunctions` global outside Excel. Excel's custom-functions runtime provides it to the
 * add-in; the HNB functions (src/functions) use it to throw `CustomFunctions.Error` with a code
 * and a message. `hnb calc` calls those same functions in Node, so it installs a stand-in of the
 * same shape first: an `Error` class with `code` and `message`, the `ErrorCode` values as Excel's
 * error texts, and an `associate` that does nothing. An existing global (Excel's, or the test
 * set-up's) is left alone.
 */

/** The error codes of `CustomFunctions.ErrorCode`, with the values Office gives them. */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** `CustomFunctions.Error`: what a function throws to show an error value, with its message. */
export class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    this.name = "CustomFunctions.Error";
  }
}

/** Installs the stand-in unless a `CustomFunctions` global exists. Returns whether it did. */
export function installCustomFunctionsGlobal(): boolean {
  const g = globalThis as { CustomFunctions?: unknown };
  if (g.CustomFunctions !== undefined) return false;
  g.CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode: { ...ERROR_CODES },
    associate: () => undefined,
  };
  return true;
}
