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
/**
 * A probe left unanswered counts as an outage only when the one before it was too: about two seconds with no answer.
 * One slow answer is as likely a busy primary, or this process busy rendering, as a database gone: under a burst
 * of requests an instance declared a healthy primary down and answered 503 to everyone (the cluster test caught
 * it). A refused or dropped connection is an outage at once.
 */
const SLOW_PROBES_FOR_OUTAGE = 2;

type Sql = import("postgres").Sql;
type Probe = {
  sql: Sql;
  timer: ReturnType<typeof setInterval>;
  pooled: boolean;
  inFlight?: Promise<boolean>;
  /** Probes in a row that got no answer in time. */
  slowInARow: number;
};
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
  holder[KEY] = { sql, timer, pooled: pooled(url), slowInARow: 0 };
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

async function runProbe(probe: Probe): Promise<boolean> {
  const query = probe.sql`select 1`;
  let answered = false;
  const execution = query.execute().then(() => {
    answered = true;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Error(`no answer within ${TIMEOUT_MS} ms`);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(slow), TIMEOUT_MS);
  });
  try {
    await Promise.race([execution, timeout]).catch(async (error: unknown) => {
      if (error !== slow) throw error;
      // After the event loop was blocked (a long render), the expired timer runs before the answer already waiting on
      // the socket is read. setImmediate runs after the I/O phase has read it.
      await new Promise((resolve) => setImmediate(resolve));
      if (!answered) throw error;
    });
    probe.slowInARow = 0;
    report(true);
    return true;
  } catch (error) {
    // postgres.js returns a promise here (its types say void); a dead connection cannot cancel anything.
    void Promise.resolve(query.cancel() as unknown).catch(() => {});
    if (error === slow) {
      // Behind PgBouncer a slow answer is the probe queued behind busy server connections, not an outage. An outage
      // shows as PgBouncer's error once its query_wait_timeout passes, not sooner (decision 0014).
      if (probe.pooled) return databaseState().status !== "down";
      probe.slowInARow += 1;
      if (probe.slowInARow < SLOW_PROBES_FOR_OUTAGE) return databaseState().status !== "down";
    } else {
      probe.slowInARow = 0;
    }
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
