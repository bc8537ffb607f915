import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIResponse, Page } from "@playwright/test";

import { expect, signInOverHttp, test } from "./fixtures";
import { linkedUrls, PAGES, pagesFor, VIEWERS, type Viewer } from "./pages";

/**
 * Security headers and the nonce-based CSP on every page, for every role, with the app still working under it;
 * malformed server action bodies; an admin page's 404 that names nothing.
 */

/** Collects CSP violations (from the page itself, installed before any of its scripts) and console errors. */
async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI} (${event.sample})`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return problems;
}

/** The headers every page answer carries; returns the CSP nonce. */
function expectSecurityHeaders(headers: Record<string, string>, where: string): string {
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `${where}: CSP with a nonce`).toBeTruthy();
  expect(csp, where).toMatch(/(^|; )script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(csp, where).not.toContain("unsafe-eval");
  expect(csp, where).toMatch(/(^|; )style-src 'self' 'nonce-[^']+'(;|$)/);
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp, where).toContain(directive);
  }
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  expect(headers["strict-transport-security"], `${where}: no HSTS over plain http`).toBeUndefined();
  return nonce!;
}

test("every page, for every role, carries the security headers and runs under the CSP without a single violation", async ({
  newContext,
  pageAs,
}) => {
  test.setTimeout(240_000);
  for (const role of VIEWERS) {
    const page = role === "anonymous" ? await (await newContext()).newPage() : await pageAs(role);
    const problems = await watchForProblems(page);
    const linked = await linkedUrls(page, role);
    for (const { route, url: listed } of pagesFor(role)) {
      const url = linked[route] ?? listed;
      const response = await page.goto(url, { waitUntil: "networkidle" });
      expect(response?.status(), `${role} ${url}`).toBe(200);
      const nonce = expectSecurityHeaders(await response!.allHeaders(), `${role} ${route}`);
      // Next.js put this response's nonce on every script it wrote (an inline script without it would not run).
      const scripts = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, url).toContain(`nonce="${nonce}"`);
    }
    expect(problems, `${role}: CSP violations and console errors`).toEqual([]);
    await page.context().close();
  }

  // The list above covers every page of the build: a new page must be added to it.
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "app-paths-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const routes = Object.keys(manifest)
    .filter((key) => key.endsWith("/page") && !key.startsWith("/_"))
    .map((key) => key.replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/");
  expect(routes.sort()).toEqual(Object.keys(PAGES).sort());
});

test("under the CSP the app still hydrates: client navigation, a server action form, and a fresh nonce per response", async ({
  page,
}) => {
  const problems = await watchForProblems(page);
  const first = await page.goto("/");
  const second = await page.request.get("/");
  expect(expectSecurityHeaders(await first!.allHeaders(), "first")).not.toBe(
    expectSecurityHeaders(second.headers(), "second"),
  );

  // A client-side navigation (no full page load: the marker set on window survives).
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.getByRole("link", { name: "Sakura House" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura House" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

  // A server action through a React form: the message comes from the action's state, rendered on the client.
  await page.getByRole("button", { name: "Add Edamame to cart" }).click();
  await expect(page.getByText("Added Edamame to your cart.")).toBeVisible();
  await page.getByRole("link", { name: /^Cart\b/ }).click();
  await expect(page.getByTestId("cart-line")).toContainText("Edamame");
  expect(problems).toEqual([]);

  // The watcher itself works: an image from another origin is refused and reported.
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.id = "csp-probe";
    img.alt = "";
    img.src = "https://cdn.example.test/pixel.png";
    document.body.append(img);
  });
  await expect
    .poll(() => problems.join("\n"))
    .toContain("CSP violation: img-src blocked https://cdn.example.test/pixel.png");
  // The probe is the test's, not the app's: gone before the page's final accessibility check.
  await page.evaluate(() => document.getElementById("csp-probe")?.remove());
});

test("signed in behind an https proxy, the session cookie is __Secure-, Secure and HttpOnly", async ({
  playwright,
  baseURL,
  newCustomer,
}) => {
  const account = await newCustomer("https");
  // Cookies by hand: a Secure cookie would not travel back over this plain-http test connection by itself.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const setCookies = (response: APIResponse) =>
    response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value);
  const csrf = await api.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = setCookies(csrf)
    .map((value) => value.split(";")[0])
    .join("; ");
  const signedIn = await api.post("/api/auth/callback/credentials", {
    headers: { cookie },
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: "/profile" },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(302);
  expect(signedIn.headers()["location"]).not.toContain("error=");
  const session = setCookies(signedIn).find((value) => value.startsWith("__Secure-authjs.session-token="));
  expect(session, "the session cookie").toBeTruthy();
  expect(session).toMatch(/;\s*Secure(;|$)/i);
  expect(session).toMatch(/;\s*HttpOnly(;|$)/i);
  expect(session).toMatch(/;\s*SameSite=Lax(;|$)/i);
  expect(setCookies(signedIn).some((value) => value.startsWith("authjs.session-token="))).toBe(false);
  await api.dispose();
});

test("behind an https proxy the answers add HSTS and Auth.js sets __Secure- cookies", async ({ request }) => {
  const https = await request.get("/api/auth/csrf", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  const secureCookies = https.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie");
  expect(secureCookies.length).toBeGreaterThan(0);
  for (const { value } of secureCookies) {
    expect(value).toMatch(/^__(Secure|Host)-authjs\./);
    expect(value).toMatch(/;\s*Secure/i);
  }
  const page = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");

  const plain = await request.get("/sign-in");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  expect(plain.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
});

test("a client navigation whose router state Next.js cannot parse gets a 400, not a 500; a readable one renders", async ({
  request,
}) => {
  const navigate = (state: string) =>
    request.get("/r/trattoria-luce", { headers: { rsc: "1", "next-router-state-tree": state } });
  for (const state of ["%%%", "not-json", encodeURIComponent('{"children":[]}'), encodeURIComponent('["", "x"]')]) {
    const response = await navigate(state);
    expect(response.status(), state.slice(0, 40)).toBe(400);
    expect(await response.text()).toBe("Bad request: this navigation's router state is not readable.");
  }
  // Over Next.js' 40 KB limit is over Node.js' 16 KB for all headers: refused before the app.
  expect((await navigate("x".repeat(50_000))).status()).toBe(431);
  const readable = await navigate(
    encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, 1])),
  );
  expect(readable.status()).toBe(200);
  expect(readable.headers()["content-type"]).toContain("text/x-component");
});

test("server action requests with bodies Next.js cannot decode get a 400, past its size limit a 413; real ones still work", async ({
  page,
  baseURL,
  newCustomer,
}) => {
  // A real action id and page, as the browser sends them. The sign-out form's action takes no arguments, so Next.js
  // sends it as text/plain holding a JSON array: the shape that must keep passing.
  const account = await newCustomer("actions");
  await signInOverHttp(page.request, account);
  await page.goto("/profile");
  const sent = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Sign out" }).click();
  const real = await sent;
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  const actionId = real.headers()["next-action"]!;
  const url = new URL(real.url()).pathname;
  expect(real.headers()["content-type"]).toBe("text/plain;charset=UTF-8");
  expect(Array.isArray(JSON.parse(real.postData() ?? ""))).toBe(true);

  const post = (contentType: string | undefined, data: string) =>
    page.request.post(url, {
      headers: { "next-action": actionId, origin: baseURL!, ...(contentType ? { "content-type": contentType } : {}) },
      data,
      maxRedirects: 0,
    });
  const malformed: Array<[string | undefined, string]> = [
    ["text/plain;charset=UTF-8", "garbage"],
    ["text/plain;charset=UTF-8", ""],
    ["text/plain;charset=UTF-8", '{"not":"an argument list"}'],
    ["application/json", '{"items":[1,2,3]}'],
    ["multipart/form-data; boundary=----platter", "this is not multipart"],
    ["multipart/form-data", "------platter\r\n"],
    [undefined, "garbage"],
  ];
  for (const [contentType, body] of malformed) {
    const response = await post(contentType, body);
    expect(response.status(), `${contentType} ${JSON.stringify(body)}`).toBe(400);
  }

  // Past Next.js' 1 MB limit: a 413, where Next.js answered 200 with an error digest (and logged a stack trace).
  const big = "a".repeat(1024 * 1024);
  const boundary = "----platter";
  const oversized: Array<[string, string]> = [
    ["text/plain;charset=UTF-8", `["${big}"]`],
    [
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="1_note"\r\n\r\n${big}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{},"$K1"]\r\n--${boundary}--\r\n`,
    ],
  ];
  for (const [contentType, body] of oversized) {
    const response = await post(contentType, body);
    expect(response.status(), contentType).toBe(413);
    expect(await response.text()).toContain("Payload too large");
  }

  // What Next.js itself sent passes the proxy (signing out an anonymous visitor just sends them home).
  const replayed = await post("text/plain;charset=UTF-8", real.postData()!);
  expect(replayed.status()).toBeLessThan(400);

  // And a real form (multipart): signed in again, add to cart (a useActionState form).
  await signInOverHttp(page.request, account);
  await page.goto("/r/taqueria-sol");
  await page.getByRole("button", { name: "Add Horchata to cart" }).click();
  await expect(page.getByText("Added Horchata to your cart.")).toBeVisible();
});

test("forms posted without JavaScript get the same 400, 403 and 413 as actions; a real one still works", async ({
  browser,
  baseURL,
  newCustomer,
}) => {
  const account = await newCustomer("no-js");
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    storageState: { cookies: [], origins: [] },
  });
  await signInOverHttp(context.request, account);
  const page = await context.newPage();
  await page.goto("/r/taqueria-sol");
  // The add-to-cart form as a browser without JavaScript posts it: multipart, no Next-Action header, the action
  // named in $ACTION_REF_<n> and $ACTION_<n>:0, its bound state in $ACTION_<n>:1.
  const sent = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: "Add Horchata to cart" }).click();
  const real = await sent;
  expect((await real.response())?.status()).toBe(200);
  expect(real.headers()["next-action"]).toBeUndefined();
  await page.goto("/cart");
  await expect(page.getByText("Horchata").first()).toBeVisible();
  // The cart's quantity form too: it posted a GET to the page, which changed nothing.
  await page.getByLabel("Quantity of Horchata").fill("3");
  await page.getByRole("button", { name: "Update" }).click();
  await page.goto("/cart");
  await expect(page.getByLabel("Quantity of Horchata")).toHaveValue("3");
  // The favorite button: its click did nothing at all without JavaScript.
  await page.goto("/r/taqueria-sol");
  await page.getByRole("button", { name: "Add Taquería Sol to Favorites" }).click();
  await page.goto("/r/taqueria-sol");
  await expect(page.getByRole("button", { name: "Remove Taquería Sol from Favorites" })).toBeVisible();

  const url = new URL(real.url()).pathname;
  const actionId = /"id":"([0-9a-f]+)"/.exec(real.postData() ?? "")?.[1];
  expect(actionId).toBeDefined();
  const boundary = "----platter";
  const multipart = (fields: Array<[string, string]>) =>
    fields
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  const form = (fields: Array<[string, string]>) =>
    [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", JSON.stringify({ id: actionId, bound: "$@1" })],
      ...fields,
      ["menuItemId", "1"],
    ] as Array<[string, string]>;
  const post = (data: string, { origin = baseURL!, contentType = `multipart/form-data; boundary=${boundary}` } = {}) =>
    context.request.post(url, { headers: { origin, "content-type": contentType }, data, maxRedirects: 0 });

  // Each of these was a 500 with a stack trace in the log.
  const refused: Array<[string, Awaited<ReturnType<typeof post>>, number]> = [
    ["not multipart", await post("garbage"), 400],
    ["no boundary", await post("garbage", { contentType: "multipart/form-data" }), 400],
    ["bound arguments missing", await post(multipart(form([]))), 400],
    ["bound arguments not JSON", await post(multipart(form([["$ACTION_1:1", "not json"]]))), 400],
    ["bound arguments refer to nothing", await post(multipart(form([["$ACTION_1:1", '["$2"]']]))), 400],
    [
      "from another site",
      await post(multipart(form([["$ACTION_1:1", "[{}]"]])), { origin: "https://evil.example" }),
      403,
    ],
    [
      "past 1 MB",
      await post(
        multipart(
          form([
            ["$ACTION_1:1", "[{}]"],
            ["note", "a".repeat(1024 * 1024)],
          ]),
        ),
      ),
      413,
    ],
  ];
  for (const [what, response, status] of refused) expect(response.status(), what).toBe(status);
  // The same form, well made, passes.
  expect((await post(multipart(form([["$ACTION_1:1", "[{}]"]])))).status()).toBe(200);
  await context.close();
});

test("the role matrix: every page refuses each role below the one it is for, with a 404 or a sign-in redirect", async ({
  baseURL,
  pageAs,
  playwright,
}) => {
  // The pages without a fixed URL (an order, a ticket), read as the role they are for.
  const urls = new Map(Object.entries(PAGES).map(([route, { url }]) => [route, url]));
  for (const viewer of ["customer", "owner"] as const) {
    for (const [route, url] of Object.entries(await linkedUrls(await pageAs(viewer), viewer))) urls.set(route, url);
  }
  const api = async (who: Viewer) => {
    const context = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    if (who !== "anonymous") await signInOverHttp(context, who);
    return context;
  };
  const as = Object.fromEntries(await Promise.all(VIEWERS.map(async (who) => [who, await api(who)] as const)));
  const below: Record<Viewer, Viewer[]> = {
    anonymous: [],
    customer: ["anonymous"],
    owner: ["anonymous", "customer"],
    admin: ["anonymous", "customer", "owner"],
  };
  const failures: string[] = [];
  let checked = 0;
  for (const [route, { viewer }] of Object.entries(PAGES)) {
    const url = urls.get(route)!;
    for (const who of below[viewer]) {
      const answer = await as[who]!.get(url, { maxRedirects: 0 });
      const location = answer.headers()["location"] ?? "";
      const toSignIn = answer.status() >= 300 && answer.status() < 400 && location.startsWith("/sign-in?callbackUrl=");
      if (!(answer.status() === 404 || (who === "anonymous" && toSignIn))) {
        failures.push(`${who} ${url}: ${answer.status()} ${location}`);
      }
      checked++;
    }
  }
  for (const context of Object.values(as)) await context.dispose();
  expect(failures).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(50);
});

test("the app's icons and manifest are served and linked from every page", async ({ request }) => {
  for (const [path, type] of [
    ["/favicon.ico", "image/x-icon"],
    ["/icon.svg", "image/svg+xml"],
    ["/apple-icon.png", "image/png"],
    ["/manifest.webmanifest", "application/manifest+json"],
  ]) {
    const response = await request.get(path!);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { name: string; icons: unknown[] };
  expect(manifest).toMatchObject({ name: "Platter", start_url: "/" });
  expect(manifest.icons).toHaveLength(2);
  const home = await (await request.get("/")).text();
  expect(home).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
  expect(home).toMatch(/<link rel="apple-touch-icon" href="\/apple-icon\.png/);
  expect(home).toMatch(/<link rel="icon" href="\/favicon\.ico/);
});

test("a path that does not percent-decode is a 400 with the security headers, not a 500", async ({ request }) => {
  for (const path of ["/r/%zz", "/r/%ED%A0%80", "/u/%FF", "/orders/%E0%A4%A"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("an admin page's 404 does not carry the page's title, in the HTML or in the RSC payload", async ({ pageAs }) => {
  const page = await pageAs("customer");
  const titles: Array<[string, string]> = [
    ["/admin/reconciliation", "Reconciliation"],
    ["/admin/audit", "Audit log"],
    ["/admin/revenue", "Revenue"],
    ["/admin/users/dan", "Manage user"],
    ["/admin/users", "Users&#x27; totals"],
    // /admin/restaurants and /admin/orders are 404s like these, but their titles are words every header shows.
    ["/admin/restaurants/new", "New restaurant"],
    ["/admin/restaurants/trattoria-luce", "Manage restaurant"],
  ];
  for (const [url, title] of titles) {
    const html = await page.request.get(url);
    expect(html.status(), url).toBe(404);
    const body = await html.text();
    expect(body, `${url} HTML`).toContain("Page not found");
    expect(body, `${url} HTML`).not.toContain(title);
    expect(body, `${url} HTML`).not.toContain(title.replace("&#x27;", "'"));
    // The payload of a client-side navigation to the page (Next answers it with status 200 and the not-found tree).
    const rsc = await page.request.get(url, { headers: { RSC: "1" } });
    const payload = await rsc.text();
    expect(rsc.headers()["content-type"], `${url} RSC`).toContain("text/x-component");
    expect(payload, `${url} RSC`).toContain("Page not found");
    expect(payload, `${url} RSC`).not.toContain(title.replace("&#x27;", "'"));
  }
  // An admin still gets the title.
  const admin = await pageAs("admin");
  await admin.goto("/admin/reconciliation");
  await expect(admin).toHaveTitle(/^Reconciliation/);
});
