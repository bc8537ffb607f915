import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * readSessionToken keeps each decrypted cookie until its own expiry (decision 0023). These check that keeping it
 * never stretches a cookie's life and never lets a cookie that does not decrypt count, the two ways such a memo
 * could go wrong. The session row is checked elsewhere (lib/auth/sessions.ts) on every request.
 */
const SECRET = "session-test-secret-session-test-secret";
const NAME = "authjs.session-token";
let jar = new Map<string, string>();
let requestHeaders = new Headers();

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => requestHeaders,
}));

const cookieFor = (ids: { sub: string; sid: string }, maxAge: number, name = NAME) =>
  encode({ token: ids, secret: SECRET, salt: name, maxAge });

describe("readSessionToken", () => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    jar = new Map();
    requestHeaders = new Headers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it("reads the same ids from a cookie it has seen before, and none once the cookie has expired", async () => {
    const { readSessionToken } = await import("./session");
    vi.useFakeTimers({ toFake: ["Date"] });
    jar.set(NAME, await cookieFor({ sub: "user-1", sid: "session-1" }, 60));
    expect(await readSessionToken()).toEqual({ userId: "user-1", sessionId: "session-1" });
    expect(await readSessionToken()).toEqual({ userId: "user-1", sessionId: "session-1" });
    // Past its expiry and Auth.js' 15 s of clock tolerance: kept or not, the cookie is worth nothing.
    vi.setSystemTime(Date.now() + 76_000);
    expect(await readSessionToken()).toBeNull();
  });

  it("reads nothing from a cookie that does not decrypt, however often it comes", async () => {
    const { readSessionToken } = await import("./session");
    const cookie = await cookieFor({ sub: "user-2", sid: "session-2" }, 60);
    jar.set(NAME, `${cookie.slice(0, -4)}AAAA`);
    expect(await readSessionToken()).toBeNull();
    expect(await readSessionToken()).toBeNull();
    jar.set(NAME, cookie);
    expect(await readSessionToken()).toEqual({ userId: "user-2", sessionId: "session-2" });
  });

  it("over https reads only the __Secure- cookie, as Auth.js does: a plain-named one could have been planted", async () => {
    const { readSessionToken } = await import("./session");
    const SECURE = `__Secure-${NAME}`;
    // Someone else's valid session, set under the plain name by a sibling subdomain or a plain-http answer.
    jar.set(NAME, await cookieFor({ sub: "attacker", sid: "session-a" }, 60));
    requestHeaders = new Headers({ "x-forwarded-proto": "https" });
    expect(await readSessionToken()).toBeNull();
    jar.set(SECURE, await cookieFor({ sub: "user-3", sid: "session-3" }, 60, SECURE));
    expect(await readSessionToken()).toEqual({ userId: "user-3", sessionId: "session-3" });
    // Behind a proxy that says nothing of https, Auth.js uses the plain name whatever the browser's Origin.
    jar.delete(SECURE);
    requestHeaders = new Headers({ "x-forwarded-proto": "http", origin: "https://platter.example" });
    expect(await readSessionToken()).toEqual({ userId: "attacker", sessionId: "session-a" });
  });

  it("with AUTH_URL on https reads only the __Secure- cookie, whatever the request says", async () => {
    vi.resetModules(); // the environment is read once per process
    vi.stubEnv("AUTH_URL", "https://platter.example");
    const { readSessionToken } = await import("./session");
    jar.set(NAME, await cookieFor({ sub: "attacker", sid: "session-a" }, 60));
    expect(await readSessionToken()).toBeNull();
  });
});
