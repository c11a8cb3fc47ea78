// ESLint 9 flat config for the HNB add-in.
//
// Every rule turned off or down here says why. Layers:
//   1. @eslint/js recommended + typescript-eslint recommended, everywhere.
//   2. eslint-plugin-office-addins' Office.js rules (load/sync mistakes) on TypeScript sources.
//   3. React and hooks rules on the task pane.
//   4. Node globals and CommonJS for config files and scripts.
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import regexp from "eslint-plugin-regexp";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// The plugin's own flat configs (`officeAddins.configs.recommended`, `.react`) are not used
// whole: they register a second, older copy of @typescript-eslint/eslint-plugin (8.8, nested in
// the plugin) under the same name as typescript-eslint's, which ESLint 9 refuses ("Cannot
// redefine plugin"); they force ecmaVersion 6; and they turn on prettier/prettier as an error,
// which this project does not use. We take the plugin's office-addins/* rule settings from its
// recommended config, so they follow the plugin when it is upgraded.
const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);


// Layers, lowest first. A layer imports only from those below it, and another layer's folder only
// through its index ("../../port", never "../../port/plan"): the index is its public surface.
//   core       the domain rules, pure
//   functions  the Excel custom functions over core, their registry and calling convention
//   port       the workbook port: operations, the planner, A1 addressing
//   formulas   what an HNB formula is: finding HNB calls in a formula (the registry's functions)
//   engine     the formula engine: HNB formulas worked out in a file (Node: fast-formula-parser)
//   adapters   office, xlsx, xlsx-read, memory: the port over Excel, a file, bytes, memory
//   app        use cases over the port (templates, import, fix, paper, outputs)
//   cli, taskpane  the front ends: they compose adapters with use cases
const layerPatterns = {
  up: (layers) => ({ regex: `^(\\.\\./)+(${layers.join("|")})(/|$)`, message: "A layer imports only from the layers below it (see eslint.config.mjs and docs/development.md)." }),
  deep: { regex: "^(\\.\\./)+(port|formulas|engine|app|functions|adapters/[^/]+)/.+", message: "Import another layer through its index (its folder), not a file inside it." },
};
// The core's surface is two indexes: core (the rules) and core/table (the table rules).
const coreDeep = { regex: "^(\\.\\./)+core/(?!table$).+", message: "Import the core through its index (core, or core/table), not a file inside it." };
const layerRule = (forbidden, extra = []) => ["error", { patterns: [layerPatterns.up(forbidden), layerPatterns.deep, coreDeep, ...extra] }];
const layerConfigs = [
  // Inside the core its files import each other directly.
  { files: ["src/core/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [layerPatterns.up(["functions", "port", "formulas", "engine", "adapters", "app", "cli", "taskpane"])] }] } },
  // A kind of table (core/table/kinds/<kind>/) is a plugin over the shared table rules
  // (core/table/shape): it imports them and the core, never another kind nor the registry, so
  // that adding a kind touches its folder and the registry alone.
  {
    files: ["src/core/table/kinds/*/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layerPatterns.up(["functions", "port", "formulas", "engine", "adapters", "app", "cli", "taskpane"]),
            { regex: "^\\.\\./(?!\\.\\./)[^/]+", message: "A kind imports the shared table rules (../../shape) and the core, never another kind (see eslint.config.mjs)." },
            { regex: "^\\.\\./\\.\\./kinds(/|$)|^\\.\\./$|^\\.\\.$", message: "A kind does not import the registry of kinds: the registry imports it." },
          ],
        },
      ],
    },
  },
  { files: ["src/functions/**/*.ts"], rules: { "no-restricted-imports": layerRule(["port", "formulas", "engine", "adapters", "app", "cli", "taskpane"]) } },
  { files: ["src/port/**/*.ts"], rules: { "no-restricted-imports": layerRule(["functions", "formulas", "engine", "adapters", "app", "cli", "taskpane"]) } },
  { files: ["src/formulas/**/*.ts"], rules: { "no-restricted-imports": layerRule(["engine", "adapters", "app", "cli", "taskpane"]) } },
  { files: ["src/engine/**/*.ts"], rules: { "no-restricted-imports": layerRule(["adapters", "app", "cli", "taskpane"]) } },
  {
    files: ["src/adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": layerRule(["app", "cli", "taskpane"], [
        // One adapter may use another's public surface (xlsx reads through xlsx-read), never its insides.
        { regex: "^\\.\\./[^./][^/]*/.+", message: "Import another adapter through its index, not a file inside it." },
      ]),
    },
  },
  { files: ["src/app/**/*.ts"], rules: { "no-restricted-imports": layerRule(["engine", "adapters", "cli", "taskpane"]) } },
  { files: ["src/cli/**/*.ts"], rules: { "no-restricted-imports": layerRule(["taskpane"]) } },
  { files: ["src/taskpane/**/*.{ts,tsx}"], rules: { "no-restricted-imports": layerRule(["cli", "engine"]) } },
];

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", "lib/**", "test-results/**"],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },

  {
    // A list spread into a call's arguments overflows the stack at some 120,000 items (a report
    // of 150,000 findings did): use maxOf / minOf from the core, or a loop.
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: "No spread into Math.max/min: a long list overflows the stack. Use maxOf/minOf (core) or a loop.",
        },
        {
          selector: "CallExpression[callee.object.name='String'][callee.property.name='fromCharCode'] > SpreadElement",
          message: "No spread into String.fromCharCode: a long list overflows the stack. Build the string in a loop.",
        },
      ],
    },
  },

  {
    // exceljs code (the xlsx adapter, the CLI over it, their tests and bench) has getCell and
    // getColumn calls that the office-addins rules take for Office.js proxies needing load() and
    // sync(). There is no Office.js in these files; the office adapter keeps the rules.
    files: ["src/adapters/xlsx/**/*.ts", "src/adapters/xlsx-read/**/*.ts", "src/engine/**/*.ts", "src/cli/**/*.ts", "test/workbook/xlsx-file.test.ts", "test/workbook/xlsx-adapter.test.ts", "test/workbook/calc.test.ts", "test/cli/**/*.ts", "test/bench/cli.bench.ts"],
    rules: Object.fromEntries(Object.keys(officeAddinsRules).map((name) => [name, "off"])),
  },

  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    settings: { react: { version: "detect" } },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser },
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    ...react.configs.flat["jsx-runtime"],
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs["recommended-latest"].rules,
      // Props are typed with TypeScript interfaces; runtime PropTypes would duplicate them.
      "react/prop-types": "off",
    },
  },

  {
    files: ["src/functions/**/*.ts"],
    rules: {
      // Excel passes custom-function arguments untyped (a number, string, boolean, null for an
      // omitted optional argument, or a 2-D array from a range), and custom-functions-metadata
      // maps `any` to the "any" parameter type: wrappers must declare such parameters as `any`
      // and coerce them through one path. Core code keeps the rule.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },

  // Every pattern in the sources runs on text a user typed or pasted: one that can backtrack
  // super-linearly turns a cell of a few dozen characters into a hang (issue 22: money's note
  // pattern took 5.5 s on 32 characters). Only the two ReDoS rules: the plugin's style rules are
  // not this project's concern.
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { regexp },
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },

  ...layerConfigs,

  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: {
      // webpack.config.js, jest.config.js and scripts/*.cjs are CommonJS modules loaded by
      // webpack-cli, Jest and Node: require() is how they import.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
