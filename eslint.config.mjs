import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import { defineConfig, globalIgnores } from "eslint/config";

// The layers, from the top: app → components → lib → db. A layer imports only from the layers below it.
const layers = [
  {
    target: "./db",
    from: ["./lib", "./components", "./app"],
    message: "db/ is the bottom layer: it never imports lib/, components/ or app/.",
  },
  {
    target: "./lib",
    from: ["./components", "./app"],
    message: "lib/ holds the domain: it never imports components/ or app/.",
  },
  { target: "./components", from: ["./app"], message: "components/ never import app/: pass data down as props." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without WHERE touches every row: the most expensive mistake there is.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "import/no-restricted-paths": ["error", { zones: layers }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      // Prettier wraps code at 120 but leaves strings, comments and templates whole: this catches what it cannot wrap.
      "max-len": ["error", { code: 140, tabWidth: 2, ignoreUrls: true }],
    },
    settings: {
      // Cycles and layers are the project's own concern: never parse packages (pglite's bundle overflows the parser).
      "import/ignore": ["node_modules"],
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
  },
  {
    // Browser tests take `test` from the house fixtures, which run axe on every page they visit and sign in over HTTP.
    files: ["tests/e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test", "expect"],
              message: "Import test and expect from ./fixtures: they check every visited page with axe.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    ".data/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
