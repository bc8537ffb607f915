import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

import { databaseUrl, dropDatabase, recreateDatabase } from "@/db/postgres-admin";

const run = promisify(execFile);
const base = process.env.DATABASE_URL;

describe.runIf(base)("the database scripts on a server database", () => {
  const name = `platter_seed_cli_${process.pid}`;
  afterAll(async () => {
    await dropDatabase(base!, name);
  });

  it("ask for db:migrate on a database without tables, with exit code 2 and no stack trace", async () => {
    await recreateDatabase(base!, name);
    for (const script of ["db/seed/cli.ts", "db/reconcile.ts"]) {
      const failure = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", script], {
        env: { ...process.env, DATABASE_URL: databaseUrl(base!, name) },
      }).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code, script).toBe(2);
      expect(failure?.stderr.trim(), script).toBe(
        "This database has no tables yet. Run `npm run db:migrate` first, then try again.",
      );
      expect(failure?.stdout, script).toBe("");
    }
  });
});
