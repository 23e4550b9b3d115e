// Lint for toklens: typescript-eslint's recommended rules with type information, plus the checks the codebase
// relies on: every switch over a closed set handles each member, no promise is left floating, and no function in src/
// is over 80 lines.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Node's globals for plain .mjs scripts (the TypeScript files get theirs from @types/node). */
const NODE_GLOBALS = Object.fromEntries(
  ["process", "Buffer", "URL", "console", "setTimeout", "clearTimeout", "TextEncoder", "TextDecoder"].map((g) => [
    g,
    "readonly",
  ]),
);
/** What the report page's scripts (src/report/assets/*.js) may use: the browser, and the inlined vega bundles. */
const PAGE_GLOBALS = Object.fromEntries(
  [
    "window",
    "document",
    "console",
    "navigator",
    "location",
    "Blob",
    "URL",
    "Image",
    "XMLSerializer",
    "setTimeout",
    "clearTimeout",
    "requestAnimationFrame",
    "getComputedStyle",
    "CSS",
    "vegaEmbed",
    "vega",
    "vegaLite",
    "TextEncoder",
    "TextDecoder",
    "Promise",
    "Map",
    "Set",
  ].map((g) => [g, "readonly"]),
);

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "reports/**",
      "coverage/**",
      ".stryker-tmp/**",
      "test-output/**",
      "scratch/**",
      ".scratch/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    rules: {
      // a leading underscore marks a value left out on purpose (a destructured field, an unused parameter)
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // escaping control characters is what the terminal, HTML and CSV escapers are for
      "no-control-regex": "off",
    },
  },
  {
    // a function longer than a screen does several jobs: name each (issue 24); generated data tables are exempt
    files: ["src/**/*.ts", "src/**/*.js"],
    ignores: ["src/corpus/language-data.ts", "src/corpus/flores200-codes.ts", "src/report/page-assets.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80 }] },
  },
  { files: ["**/*.mjs", "*.js"], languageOptions: { globals: NODE_GLOBALS } },
  { files: ["src/report/assets/*.js"], languageOptions: { sourceType: "script", globals: PAGE_GLOBALS } },
);
