/**
 * What webpack tells the task pane about the build it is part of (DefinePlugin in
 * webpack.config.js). Outside webpack (the tests) the constants are undefined and the
 * production values stand.
 */
declare const __HNB_NAMESPACE__: string | undefined;
declare const __HNB_DEVELOPMENT__: boolean | undefined;

/**
 * The namespace this build's functions are registered under (the manifest's Functions.Namespace):
 * "HNB" in production, "HNBDEV" in a development build, so both can be installed side by side.
 */
export const FUNCTION_NAMESPACE: string = typeof __HNB_NAMESPACE__ === "string" ? __HNB_NAMESPACE__ : "HNB";

/** Whether this is a development build (npm start, npm run dev-server, npm run build:dev). */
export const DEVELOPMENT_BUILD: boolean = typeof __HNB_DEVELOPMENT__ === "boolean" ? __HNB_DEVELOPMENT__ : false;
