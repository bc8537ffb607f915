import { describe, expect, it } from "vitest";

import { isConnectionError } from "./connection-errors";
import { isFailover } from "./replica-node";

describe("isConnectionError", () => {
  const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

  it("reads a socket, driver or shutdown error through the wrapping", () => {
    for (const code of [
      "ECONNREFUSED",
      "CONNECTION_CLOSED",
      "57P01",
      "08006",
      "EAI_AGAIN",
      "ENETUNREACH",
      "EHOSTDOWN",
    ]) {
      expect(isConnectionError(wrapped(Object.assign(new Error(code), { code }))), code).toBe(true);
    }
  });

  it("does not take a statement's own failure, or an error with no code, for a missing server", () => {
    for (const code of ["23505", "22P02", "57014", "40001", "57P04", "08P01", "08p01", 8006]) {
      expect(isConnectionError(wrapped(Object.assign(new Error("no"), { code }))), String(code)).toBe(false);
    }
    expect(isConnectionError(new Error("plain"))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });

  it("takes PgBouncer's FATAL 08P01 for a missing server, and PostgreSQL's ERROR 08P01 for a bad statement", () => {
    // PgBouncer sends only the localised severity; PostgreSQL sends both.
    const pgbouncer = { code: "08P01", severity_local: "FATAL", message: "query_wait_timeout" };
    const postgresql = { code: "08P01", severity: "ERROR", severity_local: "ERROR", message: "bind message supplies" };
    expect(isConnectionError(wrapped(Object.assign(new Error("x"), pgbouncer)))).toBe(true);
    expect(isConnectionError(wrapped(Object.assign(new Error("x"), postgresql)))).toBe(false);
    expect(isFailover(Object.assign(new Error("x"), pgbouncer))).toBe(true);
    expect(isFailover(Object.assign(new Error("x"), postgresql))).toBe(false);
  });

  it("ends on a cycle of causes", () => {
    const a: { cause?: unknown } = {};
    a.cause = { cause: a };
    expect(isConnectionError(a)).toBe(false);
  });
});

describe("isFailover: a replica's errors after which its read goes to the primary", () => {
  const coded = (code: unknown) => Object.assign(new Error(String(code)), { code });

  it("takes an unreachable, full or recovering replica for one to leave", () => {
    // 53300: too many clients; 40001: cancelled by a conflict with recovery; a DNS hiccup; a shutdown.
    for (const code of ["53300", "53200", "40001", "EAI_AGAIN", "ECONNRESET", "57P03"]) {
      expect(isFailover(coded(code)), code).toBe(true);
    }
  });

  it("lets a statement's own failure through", () => {
    for (const code of ["23505", "22P02", "42P01", "57014", 53300])
      expect(isFailover(coded(code)), String(code)).toBe(false);
  });
});
