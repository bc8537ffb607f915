import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkDatabase, startHealthProbe } from "@/lib/health";
import { databaseState } from "@/lib/http/database-state";

import { freezableProxy } from "../fixtures/freezable-proxy";

/*
 * The health probe (lib/health.ts) decides when the proxy answers every request with 503 "temporarily unavailable",
 * so a false "down" takes a whole instance out of service. Under a burst of requests in the cluster test, an instance
 * marked a healthy primary down after one probe went unanswered for a second and answered 503s. Here the probe
 * talks to PostgreSQL through a relay whose connection can be frozen. PostgreSQL only: PGlite cannot go away.
 */
const url = process.env.DATABASE_URL;

/** Keeps the event loop busy, as a long server render does. */
function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe.runIf(url)("the database health probe", () => {
  let proxy: Awaited<ReturnType<typeof freezableProxy>>;
  let probeUrl: string;
  beforeAll(async () => {
    const target = new URL(url!);
    proxy = await freezableProxy(Number(target.port || 5432));
    target.hostname = "127.0.0.1";
    target.port = String(proxy.port);
    probeUrl = target.toString();
  });
  afterAll(() => proxy.close());

  it("reads an answer that waited on the socket while the event loop was blocked past the probe's timeout", async () => {
    await startHealthProbe(probeUrl);
    expect(databaseState().status).toBe("up");
    // The query is on its way: its answer arrives within milliseconds, while the loop is blocked past the 1 s timeout.
    const probed = checkDatabase();
    blockEventLoop(1_500);
    expect(await probed).toBe(true);
    expect(databaseState().status).toBe("up");
  });

  it("takes two unanswered probes in a row for an outage, and is back at the first answer after it", async () => {
    expect(await checkDatabase()).toBe(true);
    proxy.freeze();
    expect(await checkDatabase(), "one probe without an answer").toBe(true);
    expect(databaseState().status).toBe("up");
    expect(await checkDatabase(), "the second in a row").toBe(false);
    expect(databaseState()).toMatchObject({ status: "down", reason: "no answer within 1000 ms" });

    // Connections that pass again: the next probe reconnects and the database is back.
    proxy.drop();
    await expect.poll(checkDatabase, { timeout: 10_000, interval: 100 }).toBe(true);
    expect(databaseState().status).toBe("up");
  });
});
