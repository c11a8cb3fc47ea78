// Types for scripts/manifest-urls.cjs (used by webpack.config.js and test/manifest).
export interface BuildIdentity {
  readonly id: string;
  readonly displayName: string;
  readonly namespace: string;
  readonly groupLabel: string;
}
export declare const DEV_URL: string;
export declare const DEVELOPMENT: BuildIdentity;
export declare const PRODUCTION: BuildIdentity;
export declare const HELP_PAGE: string;
export declare const VERSIONED_FILES: readonly string[];
export declare function productionUrl(raw?: string): string;
export declare function manifestVersion(packageVersion?: string): string;
export declare function withVersion(xml: string, version: string): string;
export declare function developmentManifest(xml: string, version?: string): string;
export declare function productionManifest(xml: string, baseUrl?: string, version?: string): string;
export declare function versionedManifest(xml: string, versions: Readonly<Record<string, string>>): string;
