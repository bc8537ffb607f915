import { describe, expect, it } from "vitest";

import { databaseEnvSchema, parseEnv, withDatabaseRules } from "./env";

describe("the database settings' rules across variables", () => {
  const parse = (env: Record<string, string>) =>
    parseEnv(withDatabaseRules(databaseEnvSchema), env as unknown as NodeJS.ProcessEnv);
  const primary = "postgres://app@10.0.0.5:5432/platter";
  const pooler = "postgres://app@10.0.0.9:6432/platter";

  it("refuses a transaction-mode pooler without a direct address for LISTEN, which live updates need", () => {
    expect(() => parse({ DATABASE_URL: pooler, DATABASE_POOLER: "pgbouncer" })).toThrow(
      /DATABASE_LISTEN_URL: is needed/,
    );
    expect(() => parse({ DATABASE_URL: `${pooler}?prepare=false` })).toThrow(/DATABASE_LISTEN_URL/);
    expect(parse({ DATABASE_URL: pooler, DATABASE_POOLER: "pgbouncer", DATABASE_LISTEN_URL: primary })).toMatchObject({
      DATABASE_LISTEN_URL: primary,
    });
    expect(parse({ DATABASE_URL: primary })).toMatchObject({ DATABASE_URL: primary });
  });

  it("refuses replicas without a primary", () => {
    expect(() => parse({ DATABASE_REPLICA_URLS: primary })).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
  });
});
