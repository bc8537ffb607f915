/**
 * The embedded database at server start (instrumentation.ts), so that no request waits for it: open PGlite (created
 * on the first start), apply pending migrations, seed the demo data into an empty database, and say so at each step.
 * A PostgreSQL server (DATABASE_URL) is migrated and seeded by `npm run db:migrate` and `npm run db:seed` instead.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { connectPglite, openDatabase } from "./client";
import { pgliteDataDir } from "./env";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, printDemoAccounts } from "./seed/accounts";
import { seedDemoIfEmpty } from "./seed/demo";
import type { DatabaseHandle } from "./types";

type Log = (line: string) => void;

/** Opens, migrates and seeds the embedded database as the app's database; requests meanwhile wait for it. */
export async function startEmbeddedDatabase(log: Log = console.log): Promise<void> {
  await openDatabase(() => openAndSeed(log));
}

async function openAndSeed(log: Log): Promise<DatabaseHandle> {
  const started = performance.now();
  const dir = pgliteDataDir();
  const inside = path.relative(process.cwd(), dir);
  const shown = inside && !inside.startsWith("..") ? inside : dir;
  // PGlite runs initdb in WebAssembly on an empty folder: the slowest step of a first start, so it gets a warning.
  const creating = !existsSync(path.join(dir, "PG_VERSION"));
  log(
    creating
      ? ` ○ Platter: creating the embedded database in ${shown} (first start only, takes a while)`
      : ` ○ Platter: opening the embedded database in ${shown}`,
  );
  const handle = await connectPglite(dir, () => log(" ○ Platter: applying migrations"));
  let seeded: boolean;
  try {
    seeded = await seedDemoIfEmpty(handle.db, () => log(" ○ Platter: seeding demo data"));
  } catch (error) {
    await handle.close(); // the next request opens the folder again: never two PGlite instances on one folder
    throw error;
  }
  log(` ✓ Platter: embedded database ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (seeded) printDemoAccounts(log);
  else log(`   Demo data already present (accounts such as ${DEMO_ACCOUNTS[0]!.email}, password ${DEMO_PASSWORD}).`);
  return handle;
}
