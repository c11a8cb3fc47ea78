/*
 * A stand-in for Excel's `CustomFunctions` global, for the few tests (and the bench) that call the
 * Excel wrappers of src/functions/functions.ts themselves. Nothing else needs it: hnb calc and
 * the formula-engine tests call the implementations, which throw core's HnbError.
 */

/** The codes of `CustomFunctions.ErrorCode` this project uses, with the values Office gives them. */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
} as const;

/** `CustomFunctions.Error`: a code and a message. */
export class StubCustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    this.name = "CustomFunctions.Error";
  }
}

/** Installs the stand-in; the function returned puts back whatever was there. */
export function installCustomFunctionsStub(): () => void {
  const g = globalThis as { CustomFunctions?: unknown };
  const had = "CustomFunctions" in g;
  const saved = g.CustomFunctions;
  g.CustomFunctions = { Error: StubCustomFunctionsError, ErrorCode: { ...ERROR_CODES }, associate: () => undefined };
  return () => {
    if (had) g.CustomFunctions = saved;
    else delete g.CustomFunctions;
  };
}
