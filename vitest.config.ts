import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server build; the data layer is exercised directly here.
      "server-only": path.resolve(import.meta.dirname, "tests/fixtures/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/integration/**/*.test.ts", "tests/first-run/**/*.test.ts", "lib/**/*.test.ts", "db/**/*.test.ts"],
    environment: "node",
    // next-auth imports "next/server", which Node's own ESM resolution cannot find (next has no exports map): Vite
    // resolves it when it transforms the package. Tests reach next-auth through the auth actions (fuzz-actions).
    server: { deps: { inline: ["next-auth"] } },
    globalSetup: ["tests/fixtures/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores here: each file opens its own databases, so two files at a time is the sweet spot.
    maxWorkers: 2,
  },
});
