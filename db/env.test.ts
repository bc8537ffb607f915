import { describe, expect, it } from "vitest";

import { databaseEnvSchema, healthProbeUrl, isPooledProbe, parseEnv, withDatabaseRules } from "./env";

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

  it("points the health probe past a pooler at the primary: its own URL, else the LISTEN one, else DATABASE_URL", () => {
    const health = "postgres://probe@10.0.0.5:5432/platter";
    expect(healthProbeUrl({ DATABASE_URL: pooler, DATABASE_POOLER: "pgbouncer", DATABASE_LISTEN_URL: primary })).toBe(
      primary,
    );
    expect(healthProbeUrl({ DATABASE_URL: `${pooler}?prepare=false`, DATABASE_LISTEN_URL: primary })).toBe(primary);
    expect(
      healthProbeUrl({
        DATABASE_URL: pooler,
        DATABASE_POOLER: "pgbouncer",
        DATABASE_LISTEN_URL: primary,
        DATABASE_HEALTH_URL: health,
      }),
    ).toBe(health);
    // Not pooled: the probe asks the server the app talks to, whatever LISTEN uses.
    expect(healthProbeUrl({ DATABASE_URL: primary, DATABASE_LISTEN_URL: "postgres://x@10.0.0.7/platter" })).toBe(
      primary,
    );
  });

  it("refuses replicas without a primary", () => {
    expect(() => parse({ DATABASE_REPLICA_URLS: primary })).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
  });
});

describe("the health probe's reading of a slow answer", () => {
  const pooler = "postgres://app@10.0.0.9:6432/platter";
  const primary = "postgres://app@10.0.0.5:5432/platter";

  it("takes it for load only where the probe itself goes through the pooler", () => {
    // Behind PgBouncer the probe asks the primary directly (DATABASE_HEALTH_URL or DATABASE_LISTEN_URL): a primary
    // that stops answering is down, not busy.
    expect(isPooledProbe(primary, { DATABASE_URL: pooler, DATABASE_POOLER: "pgbouncer" })).toBe(false);
    // Probing through the pooler itself (DATABASE_URL, or any ?prepare=false address): queued, so not down.
    expect(isPooledProbe(pooler, { DATABASE_URL: pooler, DATABASE_POOLER: "pgbouncer" })).toBe(true);
    expect(isPooledProbe(`${pooler}?prepare=false`, { DATABASE_URL: primary })).toBe(true);
    // No pooler anywhere.
    expect(isPooledProbe(primary, { DATABASE_URL: primary })).toBe(false);
  });
});
