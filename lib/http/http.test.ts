import { describe, expect, it } from "vitest";

import {
  ACTION_BODY_LIMIT_BYTES,
  isCrossSiteAction,
  isDecodableActionBody,
  isDecodableFormActionBody,
  isFormActionRequest,
  isOversizedActionBody,
} from "./action-body";
import { isDecodablePath } from "./path";
import { isReadableRouterState } from "./router-state";
import { contentSecurityPolicy, cookieIsSecure, isHttps, securityHeaders } from "./security-headers";

const action = (contentType: string | null, body: BodyInit) =>
  new Request("http://localhost/r/x", {
    method: "POST",
    headers: contentType ? { "content-type": contentType, "next-action": "00ab" } : { "next-action": "00ab" },
    body,
  });

describe("server action bodies", () => {
  const multipart = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return new Request("http://localhost/", { method: "POST", headers: { "next-action": "00ab" }, body: form });
  };

  it("accepts what Next's client sends: a form's arguments, or text/plain holding a JSON array", async () => {
    // useActionState's (state, form): React's encodeReply, the argument list in "0" and the form's fields after it.
    expect(await isDecodableActionBody(multipart({ "0": '[{},"$K1"]', "1_menuItemId": "1" }))).toBe(true);
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
    // Well-formed multipart that is not an argument list: no field "0" (it was a 500), or one that is not an array.
    expect(await isDecodableActionBody(multipart({ "0x10": "2639594251172616.4" }))).toBe(false);
    expect(await isDecodableActionBody(multipart({ "0": '{"a":1}' }))).toBe(false);
  });

  it("reads a body as Next.js does, not as the platform's FormData and text() would", async () => {
    const raw = (headers: string, value: string) =>
      `--b\r\nContent-Disposition: form-data; name="0"\r\n${headers}\r\n${value}\r\n--b--\r\n`;
    const multipartType = "multipart/form-data; boundary=b";
    expect(await isDecodableActionBody(action(multipartType, raw("", "[]")))).toBe(true);
    // FormData decodes base64 parts and drops a byte-order mark; busboy, and so React, gets the raw text.
    expect(
      await isDecodableActionBody(action(multipartType, raw("Content-Transfer-Encoding: base64\r\n", "W10="))),
    ).toBe(false);
    expect(await isDecodableActionBody(action(multipartType, raw("", "\uFEFF[]")))).toBe(false);
    // A part with a content type but no filename is a file to busboy: no argument list at all.
    expect(
      await isDecodableActionBody(action(multipartType, raw("Content-Type: application/octet-stream\r\n", "[]"))),
    ).toBe(false);
    expect(await isDecodableActionBody(action("text/plain;charset=UTF-8", "\uFEFF[]"))).toBe(false);
    // A part whose Content-Disposition names no field: busboy hands it over with no name, on which React's
    // decodeReplyFromBusboy throws a TypeError (found by the HTTP fuzz, seed 877171928; it was a 500 here too).
    for (const disposition of ["form-data", 'form-data; name=""']) {
      const nameless =
        `--b\r\nContent-Disposition: ${disposition}\r\n\r\nx\r\n` +
        `--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--b--\r\n`;
      expect(await isDecodableActionBody(action(multipartType, nameless)), disposition).toBe(false);
    }
    // Next.js tests "multipart/form-data" case-sensitively and reads anything else as text.
    expect(await isDecodableActionBody(action("Multipart/Form-Data; boundary=b", raw("", "[]")))).toBe(false);
  });
});

describe("server action bodies past Next.js' limit", () => {
  const sized = (bytes: number, { declared = true, type = "text/plain;charset=UTF-8" } = {}) => {
    const body = `["${"a".repeat(bytes - 4)}"]`;
    const headers: Record<string, string> = { "content-type": type, "next-action": "00ab" };
    if (declared) headers["content-length"] = String(Buffer.byteLength(body));
    // Without a Content-Length, as a chunked upload arrives: a stream, which only reading can measure.
    const stream = new Blob([body]).stream();
    // A stream body needs `duplex`, which Node.js requires and the DOM typings do not know.
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers,
      body: declared ? body : stream,
      duplex: "half",
    };
    return new Request("http://localhost/", init);
  };

  it("are those longer than 1 MB in bytes, with or without a Content-Length", async () => {
    for (const declared of [true, false]) {
      expect(await isOversizedActionBody(sized(ACTION_BODY_LIMIT_BYTES, { declared })), `${declared}`).toBe(false);
      expect(await isOversizedActionBody(sized(ACTION_BODY_LIMIT_BYTES + 1, { declared })), `${declared}`).toBe(true);
    }
    // Bytes, not characters: 600,000 two-byte characters are 1.2 MB.
    const wide = `["${"é".repeat(600_000)}"]`;
    expect(await isOversizedActionBody(action("text/plain;charset=UTF-8", wide))).toBe(true);
  });

  it("leave the body for what comes next: the request still reads whole", async () => {
    const request = sized(1000, { declared: false });
    expect(await isOversizedActionBody(request)).toBe(false);
    expect(await isDecodableActionBody(request)).toBe(true);
    expect((await request.text()).length).toBe(1000);
  });
});

describe("forms posted without JavaScript", () => {
  const posted = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    new Request(`http://localhost${path}`, { method: "POST", headers, body });
  const form = (fields: [string, string][]) => {
    const data = new FormData();
    for (const [name, value] of fields) data.append(name, value);
    return data;
  };
  const descriptor = JSON.stringify({ id: "7f95213e04135639c1c9179f0cbf0f2823f42e3fa0", bound: "$@1" });

  it("are multipart POSTs to a page without a Next-Action header, which Next.js decodes as actions", () => {
    expect(isFormActionRequest(posted("/r/x", form([["a", "1"]])))).toBe(true);
    expect(isFormActionRequest(posted("/r/x", form([["a", "1"]]), { "next-action": "00ab" }))).toBe(false);
    expect(isFormActionRequest(posted("/r/x", "a=1", { "content-type": "application/x-www-form-urlencoded" }))).toBe(
      false,
    );
    expect(isFormActionRequest(posted("/api/auth/callback/credentials", form([["a", "1"]])))).toBe(false);
    expect(isFormActionRequest(new Request("http://localhost/r/x"))).toBe(false);
  });

  it("pass when FormData reads them and React can decode the action they name", async () => {
    // As the menu's add-to-cart form writes itself into the page (React's encodeFormAction).
    const real = form([
      ["$ACTION_REF_14", ""],
      ["$ACTION_14:0", descriptor],
      ["$ACTION_14:1", "[{}]"],
      ["$ACTION_KEY", "k1"],
      ["menuItemId", "20"],
    ]);
    expect(await isDecodableFormActionBody(posted("/r/x", real))).toBe(true);
    expect(await isDecodableFormActionBody(posted("/r/x", form([["$ACTION_ID_00ab", ""]])))).toBe(true);
    expect(await isDecodableFormActionBody(posted("/r/x", form([["note", "no action at all"]])))).toBe(true);
  });

  it("are refused when FormData cannot read them or the action's bound arguments do not decode", async () => {
    const type = { "content-type": "multipart/form-data; boundary=x" };
    expect(await isDecodableFormActionBody(posted("/r/x", "garbage", type))).toBe(false);
    for (const bound of [[], [["$ACTION_14:1", "not json"]], [["$ACTION_14:1", '["$2"]']], [["$ACTION_14:1", "{}"]]]) {
      const fields: [string, string][] = [
        ["$ACTION_REF_14", ""],
        ["$ACTION_14:0", descriptor],
        ...(bound as [string, string][]),
      ];
      expect(await isDecodableFormActionBody(posted("/r/x", form(fields))), JSON.stringify(bound)).toBe(false);
    }
  });
});

describe("server actions from another site", () => {
  const posted = (headers: Record<string, string>) =>
    new Request("http://shop.example/r/x", { method: "POST", headers: { "next-action": "00ab", ...headers } });

  it("are the ones Next.js refuses: an Origin whose host is not the forwarded host, else the Host", () => {
    expect(isCrossSiteAction(posted({ host: "shop.example", origin: "https://shop.example" }))).toBe(false);
    expect(isCrossSiteAction(posted({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(isCrossSiteAction(posted({ host: "shop.example" }))).toBe(false); // no Origin: let through, as Next.js does
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "shop.example, other.example" };
    expect(isCrossSiteAction(posted({ ...proxied, origin: "https://shop.example" }))).toBe(false);
    expect(isCrossSiteAction(posted({ ...proxied, origin: "http://10.0.0.5:3000" }))).toBe(true);
    for (const origin of ["https://evil.example", "null", "abc", "https://shop.example.evil.example"]) {
      expect(isCrossSiteAction(posted({ host: "shop.example", origin })), origin).toBe(true);
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

  it("marks the app's own cookies (cart, read-your-writes) Secure for a visitor on https, and only then", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    expect(cookieIsSecure(headers({ "x-forwarded-proto": "https", origin: "http://a" }))).toBe(true);
    // A TLS proxy that sets no x-forwarded-proto: next start says "http", the page's Origin says https.
    expect(cookieIsSecure(headers({ "x-forwarded-proto": "http", origin: "https://a" }))).toBe(true);
    expect(cookieIsSecure(headers({ "x-forwarded-proto": "http", origin: "http://localhost:3000" }))).toBe(false);
    expect(cookieIsSecure(headers({ origin: "https://platter.example" }))).toBe(true);
    expect(cookieIsSecure(headers({ origin: "http://localhost:3000" }))).toBe(false);
    expect(cookieIsSecure(headers({}))).toBe(false);
  });
});

describe("client navigations' router state", () => {
  const navigation = (state?: string, rsc = "1") =>
    new Headers({ rsc, ...(state === undefined ? {} : { "next-router-state-tree": state }) });
  const encoded = (value: unknown) => encodeURIComponent(JSON.stringify(value));

  it("passes what Next.js can parse, and anything that is no client navigation", () => {
    expect(isReadableRouterState(navigation(encoded(["", { children: ["__PAGE__", {}] }, null, null, 1])))).toBe(true);
    expect(isReadableRouterState(navigation())).toBe(true);
    expect(isReadableRouterState(navigation("%%%", "0"))).toBe(true);
  });

  it("refuses what Next.js would throw on while rendering (a 500 otherwise)", () => {
    for (const state of ["%%%", "not json", encoded({ children: [] }), encoded(["", "x"])]) {
      expect(isReadableRouterState(navigation(state)), state).toBe(false);
    }
    expect(isReadableRouterState(navigation(encoded(["x".repeat(40_001), {}])))).toBe(false);
  });
});

describe("paths", () => {
  it("refuses percent-encoding that does not decode", () => {
    expect(isDecodablePath("/r/trattoria-luce")).toBe(true);
    expect(isDecodablePath("/r/ph%E1%BB%9F")).toBe(true);
    for (const path of ["/r/%zz", "/r/%ED%A0%80", "/r/%FF", "/r/%"]) expect(isDecodablePath(path), path).toBe(false);
  });
});
