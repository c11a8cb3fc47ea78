// Types for scripts/function-registry.cjs (used by npm run registry, npm run build and the tests).

/** A function of custom-functions-metadata's output (functions.json), as far as the tests read it. */
export interface CfParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
  repeating?: boolean;
}

export interface CfFunction {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: CfParameter[];
  result: { type?: string; dimensionality?: "scalar" | "matrix" };
  options?: Record<string, unknown>;
}

export interface CfMetadata {
  functions: CfFunction[];
}

export interface CfAssociation {
  sourceFileName?: string;
  functionName: string;
  id: string;
}

export interface GeneratedMetadata {
  metadata: CfMetadata;
  associate: CfAssociation[];
  errors: string[];
}

export declare const SOURCE: string;
export declare const REGISTRY: string;
export declare function generate(): Promise<GeneratedMetadata>;
export declare function render(generated: GeneratedMetadata): string;
export declare function renderRegistry(): Promise<string>;
