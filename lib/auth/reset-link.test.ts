import { afterEach, describe, expect, it, vi } from "vitest";

/** Where reset links point: AUTH_URL, else a trusted request host, never a host the visitor made up. */
async function originFor(env: Record<string, string>, headers: Record<string, string>) {
  vi.resetModules();
  for (const name of ["AUTH_URL", "PLATTER_ALLOWED_HOSTS"]) vi.stubEnv(name, env[name] ?? "");
  const { resetLinkOrigin } = await import("./reset-link");
  return resetLinkOrigin(new Headers(headers));
}

describe("reset link origin", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is AUTH_URL's origin whenever it is set, whatever the request says", async () => {
    const env = { AUTH_URL: "https://platter.example/api/auth" };
    expect(await originFor(env, { host: "evil.example" })).toBe("https://platter.example");
    expect(await originFor(env, { host: "localhost:3000", "x-forwarded-host": "evil.example" })).toBe(
      "https://platter.example",
    );
  });

  it("without AUTH_URL, trusts loopback hosts and PLATTER_ALLOWED_HOSTS only", async () => {
    expect(await originFor({}, { host: "127.0.0.1:3800" })).toBe("http://127.0.0.1:3800");
    expect(await originFor({}, { host: "localhost:3000" })).toBe("http://localhost:3000");
    expect(await originFor({}, { host: "[::1]:3000" })).toBe("http://[::1]:3000");
    expect(await originFor({}, { host: "platter.example" })).toBeNull();
    expect(await originFor({}, { host: "127.0.0.1:3800", "x-forwarded-host": "evil.example" })).toBeNull();
    expect(await originFor({}, {})).toBeNull();

    const env = { PLATTER_ALLOWED_HOSTS: "Platter.example, www.platter.example:8443" };
    expect(await originFor(env, { host: "platter.example", "x-forwarded-proto": "https" })).toBe(
      "https://platter.example",
    );
    expect(await originFor(env, { host: "app:3000", "x-forwarded-host": "www.platter.example:8443" })).toBe(
      "http://www.platter.example:8443",
    );
    expect(await originFor(env, { host: "www.platter.example:9999" })).toBeNull();
    expect(await originFor(env, { host: "platter.example.evil.example" })).toBeNull();
  });

  it("refuses hosts that are not plain host names", async () => {
    const env = { PLATTER_ALLOWED_HOSTS: "platter.example" };
    for (const host of [
      "platter.example@evil.example",
      "evil.example/platter.example",
      "evil.example#platter.example",
      "platter.example\\@evil.example",
      "platter.example:80:80",
      " ",
    ]) {
      expect(await originFor(env, { host }), host).toBeNull();
    }
  });

  it("refuses a malformed AUTH_URL or host list at start-up, naming the variable", async () => {
    const envWith = async (values: Record<string, string>) => {
      vi.resetModules();
      for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
      return (await import("@/lib/env")).env;
    };
    expect(await envWith({ AUTH_URL: "platter.example" })).toThrow(/AUTH_URL: must be the site's address/);
    expect(await envWith({ AUTH_URL: "", PLATTER_ALLOWED_HOSTS: "platter.example/evil" })).toThrow(
      /PLATTER_ALLOWED_HOSTS: must be host names/,
    );
    expect(await envWith({ PLATTER_ALLOWED_HOSTS: "", SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL/);
    expect(await envWith({ SMTP_URL: "", MAIL_FROM: "Platter\nBcc: everyone@example.test" })).toThrow(/MAIL_FROM/);
  });
});
