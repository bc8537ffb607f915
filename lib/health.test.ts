import { describe, expect, it } from "vitest";

import { isPooledProbe } from "./health";

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
