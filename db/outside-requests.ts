import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A timer or a connection keeps the async context it was created in, and a process-wide one (the order-events
 * hub's LISTEN connection, probe and prune, started by the first live stream) would then run for ever inside that
 * first request: its statements counted into that request's stats (db/query-stats.ts), which grew by one every
 * probe, and the request's state kept alive with them. So instrumentation.ts captures the server's start-up
 * context, and such things are made in it. On globalThis: Next.js loads this module once per bundle. Outside
 * Next.js (tests, scripts) nothing is captured and `fn` runs where it is.
 */
const KEY = Symbol.for("platter.startupContext");
type Holder = { [KEY]?: <R>(fn: () => R) => R };

export function captureStartupContext() {
  (globalThis as Holder)[KEY] ??= AsyncLocalStorage.snapshot();
}

export function outsideRequests<R>(fn: () => R): R {
  const startup = (globalThis as Holder)[KEY];
  return startup ? startup(fn) : fn();
}
