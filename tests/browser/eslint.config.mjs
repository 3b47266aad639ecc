// ESLint for every JavaScript file of the project, run from the repository root by run.sh:
//   tests/browser/node_modules/.bin/eslint --config tests/browser/eslint.config.mjs .
// The theme scripts and the preview script are plain browser scripts (no modules, no build
// step, they must work from file://); the browser tests are Node.js ES modules.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["target/**", "tests/browser/node_modules/**", "public/**", "bench-out/**"] },
  js.configs.recommended,
  {
    files: ["themes/**/*.js", "src/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // `module` only to hand search.js's text rules to the Rust/JavaScript parity test.
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used" }],
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      strict: ["error", "function"],
    },
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      // Browser globals too: page.evaluate() callbacks run inside the page.
      globals: { ...globals.node, ...globals.browser },
    },
    rules: { eqeqeq: ["error", "always"] },
  },
];
