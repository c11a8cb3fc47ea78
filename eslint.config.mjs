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
    // exceljs code (the xlsx adapter, the CLI over it, their tests and bench) has getCell and
    // getColumn calls that the office-addins rules take for Office.js proxies needing load() and
    // sync(). There is no Office.js in these files; the office adapter keeps the rules.
    files: ["src/workbook/xlsx-file.ts", "src/workbook/xlsx.ts", "src/workbook/calc.ts", "src/cli/**/*.ts", "test/workbook/xlsx-file.test.ts", "test/workbook/xlsx-adapter.test.ts", "test/workbook/calc.test.ts", "test/cli/**/*.ts", "test/bench/cli.bench.ts"],
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
