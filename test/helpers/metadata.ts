/*
 * custom-functions-metadata's output for src/functions/functions.ts, from the same generator run
 * as webpack's plugin (dist/functions.json) and scripts/function-registry.cjs (the registry).
 */
import { type GeneratedMetadata, generate } from "../../scripts/function-registry.cjs";

export type { CfAssociation, CfFunction, CfMetadata, CfParameter, GeneratedMetadata } from "../../scripts/function-registry.cjs";

let generated: Promise<GeneratedMetadata> | undefined;

/** The generator's output, worked out once per test file. */
export function generateMetadata(): Promise<GeneratedMetadata> {
  generated ??= generate();
  return generated;
}
