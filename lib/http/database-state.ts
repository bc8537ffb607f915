/**
 * What the health probe (lib/health.ts) last learnt about the database. Next.js loads modules once per bundle
 * (instrumentation, proxy, app), all in the one server process, so the state lives on globalThis: the probe writes
 * it, proxy.ts and the route handlers read it. No driver is imported here, so proxy.ts stays small.
 */
export type DatabaseState = {
  /** "unknown" until the first probe (and always with the embedded PGlite, which cannot go away). */
  status: "unknown" | "up" | "down";
  /** When the status last changed, and when the last probe finished (ms since epoch). */
  since: number;
  checkedAt: number;
  /** The last failure, for logs and /api/ready. */
  reason?: string;
};

const KEY = Symbol.for("platter.databaseState");
type Holder = { [KEY]?: DatabaseState };

export function databaseState(): DatabaseState {
  return ((globalThis as Holder)[KEY] ??= { status: "unknown", since: Date.now(), checkedAt: 0 });
}

export function recordDatabaseState(up: boolean, reason?: string): { changed: boolean } {
  const state = databaseState();
  const status = up ? "up" : "down";
  const changed = state.status !== status;
  const now = Date.now();
  (globalThis as Holder)[KEY] = {
    status,
    since: changed ? now : state.since,
    checkedAt: now,
    reason: up ? undefined : reason,
  };
  return { changed };
}

export const isDatabaseDown = () => databaseState().status === "down";
