import { describe, expect, it } from "vitest";

import { isDecodableActionBody } from "./action-body";
import { isDecodablePath } from "./path";
import { contentSecurityPolicy, isHttps, securityHeaders } from "./security-headers";

const action = (contentType: string | null, body: BodyInit) =>
  new Request("http://localhost/r/x", {
    method: "POST",
    headers: contentType ? { "content-type": contentType, "next-action": "00ab" } : { "next-action": "00ab" },
    body,
  });

describe("server action bodies", () => {
  it("accepts what Next's client sends: a form, or text/plain holding a JSON array", async () => {
    const form = new FormData();
    form.set("menuItemId", "1");
    expect(await isDecodableActionBody(new Request("http://localhost/", { method: "POST", body: form }))).toBe(true);
    expect(await isDecodableActionBody(action("text/plain;charset=UTF-8", '[{"a":1},"$K1"]'))).toBe(true);
    expect(await isDecodableActionBody(action("text/plain;charset=UTF-8", "[]"))).toBe(true);
  });

  it("refuses everything else", async () => {
    for (const [type, body] of [
      ["text/plain;charset=UTF-8", "garbage"],
      ["text/plain;charset=UTF-8", ""],
      ["text/plain;charset=UTF-8", '{"a":1}'],
      ["application/json", "[]"],
      ["multipart/form-data; boundary=x", "not multipart"],
      ["multipart/form-data", "--x\r\n"],
      [null, new Blob(["[]"])], // a Blob without a type: no content-type header at all
    ] as const) {
      expect(await isDecodableActionBody(action(type, body)), `${type} ${String(body)}`).toBe(false);
    }
  });
});

describe("security headers", () => {
  it("are strict in production, and add HSTS and upgrade-insecure-requests only over https", () => {
    const plain = securityHeaders({ nonce: "abc", https: false, dev: false });
    expect(plain["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(plain["Content-Security-Policy"]).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    const secure = securityHeaders({ nonce: "abc", https: true, dev: false });
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc", https: false, dev: true })).toContain("'unsafe-eval'");
  });

  it("reads the scheme from the first x-forwarded-proto, else the URL", () => {
    const req = (url: string, proto?: string) => ({
      headers: new Headers(proto ? { "x-forwarded-proto": proto } : {}),
      nextUrl: new URL(url),
    });
    expect(isHttps(req("http://a/", "https"))).toBe(true);
    expect(isHttps(req("http://a/", "https, http"))).toBe(true);
    expect(isHttps(req("https://a/", "http"))).toBe(false);
    expect(isHttps(req("https://a/"))).toBe(true);
    expect(isHttps(req("http://a/"))).toBe(false);
  });
});

describe("paths", () => {
  it("refuses percent-encoding that does not decode", () => {
    expect(isDecodablePath("/r/trattoria-luce")).toBe(true);
    expect(isDecodablePath("/r/ph%E1%BB%9F")).toBe(true);
    for (const path of ["/r/%zz", "/r/%ED%A0%80", "/r/%FF", "/r/%"]) expect(isDecodablePath(path), path).toBe(false);
  });
});
