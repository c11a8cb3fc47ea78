// Types for scripts/manifest-urls.cjs (used by webpack.config.js and test/manifest).
export declare const DEV_URL: string;
export declare const DEFAULT_PRODUCTION_URL: string;
export declare function productionUrl(raw?: string): string;
export declare function productionManifest(xml: string, baseUrl?: string): string;
export declare const VERSIONED_FILES: readonly string[];
export declare function versionedManifest(xml: string, versions: Readonly<Record<string, string>>): string;
