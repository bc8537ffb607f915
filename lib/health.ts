import { isPooledProbe } from "@/db/env";
import { env } from "@/lib/env";
import { databaseState, recordDatabaseState } from "@/lib/http/database-state";

/**
 * A background probe of the database: `select 1` every second on its own one-connection client with a short
 * timeout, so that proxy.ts can answer 503 at once while PostgreSQL is away instead of letting requests wait.
 * Started from instrumentation.ts. It has its own client so that it never queues behind (or counts as) app queries.
 */
const INTERVAL_MS = 1_000;
const pooled = (url: string) => isPooledProbe(url, env());
const TIMEOUT_MS = 1_000;

type Sql = import("postgres").Sql;
type Probe = { sql: Sql; timer: ReturnType<typeof setInterval>; pooled: boolean; inFlight?: Promise<boolean> };
const KEY = Symbol.for("platter.healthProbe");
type Holder = { [KEY]?: Probe };

export async function startHealthProbe(url: string): Promise<void> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    prepare: false,
    connect_timeout: TIMEOUT_MS / 1000,
    idle_timeout: 0,
    // Reconnect at once on the next probe: postgres.js' default backoff grows to 20 s after repeated failures.
    backoff: () => 0,
    // PgBouncer refuses startup parameters it does not track (statement_timeout): the race below bounds it anyway.
    connection: { application_name: "platter-health", ...(pooled(url) ? {} : { statement_timeout: TIMEOUT_MS }) },
  });
  const timer = setInterval(() => void checkDatabase(), INTERVAL_MS);
  timer.unref();
  holder[KEY] = { sql, timer, pooled: pooled(url) };
  await checkDatabase();
}

/** Runs one probe (or joins the one in flight) and records the outcome. True when the database answered. */
export function checkDatabase(): Promise<boolean> {
  const probe = (globalThis as Holder)[KEY];
  if (!probe) return Promise.resolve(databaseState().status !== "down");
  probe.inFlight ??= runProbe(probe).finally(() => {
    probe.inFlight = undefined;
  });
  return probe.inFlight;
}

async function runProbe({ sql, pooled }: Probe): Promise<boolean> {
  const query = sql`select 1`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Error(`no answer within ${TIMEOUT_MS} ms`);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(slow), TIMEOUT_MS);
  });
  try {
    await Promise.race([query.execute(), timeout]);
    report(true);
    return true;
  } catch (error) {
    // postgres.js returns a promise here (its types say void); a dead connection cannot cancel anything.
    void Promise.resolve(query.cancel() as unknown).catch(() => {});
    // Behind PgBouncer a slow answer is the probe queued behind busy server connections, not an outage. An outage
    // shows as PgBouncer's error once its query_wait_timeout passes, not sooner (decision 0014). Nothing changes then.
    if (pooled && error === slow) return databaseState().status !== "down";
    report(false, error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function report(up: boolean, reason?: string) {
  const { changed } = recordDatabaseState(up, reason);
  if (!changed) return;
  if (up) console.info("[health] database reachable again");
  else console.error(`[health] database unreachable: ${reason}`);
}
