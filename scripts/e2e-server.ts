/**
 * Starts the production build for the browser tests on a fresh database:
 *   tsx scripts/e2e-server.ts pglite 3100    embedded PGlite in .data/e2e (migrated and seeded by the app on start)
 *   tsx scripts/e2e-server.ts postgres 3101  database platter_e2e_<port> on DATABASE_URL's server, migrated and seeded here
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

import { migrateDatabase } from "@/db/client";
import { databaseUrl, recreateDatabase } from "@/db/postgres-admin";
import { seedDemo } from "@/db/seed/demo";

const [driver, port] = process.argv.slice(2);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
  PLATTER_QUERY_STATS: "1",
};

if (driver === "pglite") {
  const dir = path.join(process.cwd(), ".data", "e2e", "pglite");
  rmSync(path.dirname(dir), { recursive: true, force: true });
  env.PGLITE_DATA_DIR = dir;
  delete env.DATABASE_URL;
} else if (driver === "postgres" && process.env.DATABASE_URL) {
  const database = `platter_e2e_${port}`;
  const url = databaseUrl(process.env.DATABASE_URL, database);
  await recreateDatabase(process.env.DATABASE_URL, database);
  await migrateDatabase(url, (db) => seedDemo(db));
  env.DATABASE_URL = url;
} else {
  console.error("usage: tsx scripts/e2e-server.ts pglite|postgres PORT (postgres needs DATABASE_URL)");
  process.exit(2);
}

const server = spawn(
  process.execPath,
  [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port ?? "3100"],
  {
    env,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
