import { request, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";

import { expect, signInOverHttp, test } from "./fixtures";

/*
 * Every page's URL parameters, every id or slug in a path, and every route handler of ours, over HTTP against the
 * production build: generated values (NUL and other control characters, invalid UTF-8 and lone surrogates as
 * percent-encodings, bidi overrides, 10,000-character strings, extreme numbers, dates and cursors, repeated and
 * unknown parameters) must never get a 5xx. Signed in with the role each page is for, so that the parameters reach
 * the queries instead of a sign-in redirect.
 *
 * The event stream is opened and dropped as soon as its status arrives (a stream that opened never ends). A second
 * test posts generated bodies (any content type, text, JSON, broken multipart, bytes) to a server action and to
 * Auth.js' POST endpoints: none may get a 5xx either.
 *
 * Runs in one project only (playwright.config.ts): the server code is the same in both, and this is TARGETS.length
 * (and POST_TARGETS.length) x FUZZ_RUNS requests. The PostgreSQL one when there is one (what production runs, and
 * where NUL bytes failed). FUZZ_RUNS (default 500) inputs per target; FUZZ_SEED replays a run.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 8;

type Role = "anonymous" | "customer" | "owner" | "admin";

/**
 * A path with `{}` standing for the fuzzed path segment (if any), and the query parameters it reads. `anyAnswer`:
 * any status but a 5xx will do (no 200 required); `stream`: an event stream, dropped once its status arrives.
 */
type Target = {
  role: Role;
  path: string;
  params: string[];
  real?: Record<string, string[]>;
  anyAnswer?: boolean;
  stream?: boolean;
};
const TARGETS: Target[] = [
  {
    role: "anonymous",
    path: "/",
    params: ["q", "after", "cuisine", "open"],
    real: { q: ["pasta"], cuisine: ["Italian", "Mexican"], open: ["1"] },
  },
  {
    role: "anonymous",
    path: "/sign-in",
    params: ["callbackUrl", "reset", "signed-out"],
    real: { reset: ["done"], "signed-out": ["everywhere"] },
  },
  { role: "anonymous", path: "/sign-up", params: ["callbackUrl"], real: { callbackUrl: ["/orders"] } },
  // Auth.js' own GET endpoints (csrf, providers, session, signin, signout, error) and made-up ones, with the
  // parameters it reads: a malformed callbackUrl was 488 of the 500s that started this suite.
  {
    role: "anonymous",
    path: "/api/auth/{}",
    params: ["callbackUrl", "error"],
    real: { "{}": ["csrf", "providers", "session", "signin", "signout", "error", "signin/credentials"] },
    anyAnswer: true,
  },
  { role: "customer", path: "/api/auth/session", params: [] },
  // Pages that read no parameter: stray ones only.
  { role: "anonymous", path: "/forgot-password", params: [] },
  { role: "customer", path: "/account", params: [] },
  { role: "admin", path: "/admin/restaurants/new", params: [] },
  { role: "anonymous", path: "/api/health", params: [] },
  { role: "anonymous", path: "/api/ready", params: [] },
  // The live queue and tracking stream: a 200 is a stream that stays open, so it is dropped once its status is in.
  {
    role: "owner",
    path: "/api/live/orders",
    params: ["restaurant", "order", "after"],
    real: { restaurant: ["trattoria-luce"], order: ["1"], after: ["0", "5"] },
    anyAnswer: true,
    stream: true,
  },
  { role: "anonymous", path: "/r/{}", params: [], real: { "{}": ["trattoria-luce"] } },
  // A well-formed token that was never issued: the page looks it up (and says the link is not valid).
  { role: "anonymous", path: "/reset-password", params: ["token"], real: { token: ["A".repeat(43)] } },
  { role: "customer", path: "/cart", params: ["reorder"], real: { reorder: ["1", "2"] } },
  // Another customer's address id is refused like a deleted one ("no longer saved"): any answer but a 5xx will do.
  {
    role: "customer",
    path: "/cart/review",
    params: ["fulfilment", "addressId", "note"],
    real: { fulfilment: ["pickup", "delivery"], addressId: ["1", "2", "3"], note: ["Ring twice"] },
    anyAnswer: true,
  },
  {
    role: "customer",
    path: "/orders",
    params: ["restaurant", "from", "to", "before"],
    real: { restaurant: ["1", "2"], from: ["2025-01-01"], to: ["2026-12-31"] },
  },
  // Which order ids are Carla's depends on the seed: a 404 for every id is a fine answer here.
  { role: "customer", path: "/orders/{}", params: [], real: { "{}": ["1"] }, anyAnswer: true },
  { role: "customer", path: "/profile", params: ["before"] },
  { role: "admin", path: "/u/{}", params: ["before"], real: { "{}": ["carla", "dan"] } },
  { role: "owner", path: "/owner/{}/menu", params: [], real: { "{}": ["trattoria-luce"] } },
  { role: "owner", path: "/owner/{}/orders", params: [], real: { "{}": ["trattoria-luce"] } },
  {
    role: "owner",
    path: "/owner/{}/sales",
    params: ["from", "to"],
    real: { "{}": ["trattoria-luce"], from: ["2026-01-01"], to: ["2026-06-30"] },
  },
  { role: "owner", path: "/owner/{}/hours", params: [], real: { "{}": ["trattoria-luce"] } },
  {
    role: "owner",
    path: "/owner/{}/past-orders",
    params: ["status", "q", "from", "to", "before"],
    real: { "{}": ["trattoria-luce"], status: ["completed", "cancelled"], q: ["carla", "#1"], from: ["2025-01-01"] },
  },
  // Which order ids are Trattoria Luce's depends on the seed: a 404 for every id is a fine answer here.
  { role: "owner", path: "/owner/trattoria-luce/orders/{}/ticket", params: [], real: { "{}": ["1"] }, anyAnswer: true },
  {
    role: "admin",
    path: "/admin/users",
    params: ["q", "sort", "after"],
    real: { sort: ["total", "name"], q: ["carla"] },
  },
  { role: "admin", path: "/admin/users/{}", params: [], real: { "{}": ["carla"] } },
  {
    role: "admin",
    path: "/admin/audit",
    params: ["before", "actor", "action", "from", "to"],
    real: { action: ["user.role_change", "export.users"], from: ["2026-01-01"], actor: ["ada"] },
  },
  { role: "admin", path: "/admin/restaurants", params: ["q", "after"], real: { q: ["trattoria"] } },
  // A page past the last is a 404; the first is a 200.
  { role: "admin", path: "/admin/revenue", params: ["page"], real: { page: ["1", "2"] } },
  {
    role: "admin",
    path: "/admin/restaurants/{}",
    params: ["user"],
    real: { "{}": ["trattoria-luce"], user: ["carla"] },
  },
  {
    role: "admin",
    path: "/admin/orders",
    params: ["number", "customer", "restaurant", "status", "from", "to", "before"],
    real: { status: ["placed", "completed"], customer: ["carla"], restaurant: ["1", "2"], from: ["2025-01-01"] },
  },
  { role: "admin", path: "/admin/export/users", params: ["q"], real: { q: ["carla", "a"] } },
  {
    role: "admin",
    path: "/admin/export/orders",
    params: ["from", "to"],
    real: { from: ["2026-01-01"], to: ["2026-12-31"] },
  },
];

// ---- generated values, already percent-encoded ------------------------------------------------------------------

const wellFormed = (s: string) => !/\p{Cs}/u.test(s);
const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u202e",
  "abc\u202Egnp",
  "\u2066x\u2069",
  "\u200b",
  "\ufeff",
  "🍕",
  "e\u0301",
  "-1",
  "0",
  "1e3",
  " 12",
  "1.0",
  "0x10",
  "NaN",
  "Infinity",
  "2147483647",
  "2147483648",
  "4294967296",
  "99999999999",
  "9".repeat(40),
  "1e308",
  "0000-01-01",
  "0000-06-15",
  "0000-12-31",
  "0001-01-01",
  "9999-12-31",
  "10000-01-01",
  "2026-02-30",
  "2026-13-01",
  "-2026-01-01",
  "2026-1-1",
  "253402300799999.1",
  "253402300800000.1",
  "999999999999999.1",
  "8640000000000001.1",
  "1.0",
  "0.0",
  "1.2147483648",
  "1.-1",
  "total",
  "name",
  "TOTAL",
  "' or 1=1 --",
  "%",
  "_",
  "\\",
  "../..",
  "<script>",
  "=1+1",
  "null",
  "[]",
  "eyJ2IjoiXHUwMDAwIiwiaSI6MX0", // {"v":"\u0000","i":1}: a users cursor holding NUL
  "WyJcdTAwMDAiLDFd", // ["\u0000",1]: a restaurant cursor holding NUL
  "eyJ2IjoiMSIsImkiOjIxNDc0ODM2NDh9", // {"v":"1","i":2147483648}
];
const RAW = [
  "%00",
  "a%00b",
  "%00%00",
  "%ED%A0%80",
  "%ED%BF%BF",
  "a%ED%A0%80b",
  "%C0%80",
  "%FF",
  "%FE%FF",
  "%",
  "%2",
  "%zz",
  "%E2%80%AE",
  "%E2%81%A6",
  "%0A",
  "%0D%0A",
  "%2F",
  "%2E%2E",
  "+",
  "%2B",
  "%26",
  "%3D",
];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((c) =>
    `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase(),
  );
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 20 }), control, fc.string({ maxLength: 20 }))
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }).filter(wellFormed) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(10_000), "\u0000".repeat(2_000), "🍕".repeat(2_000)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.bigInt({ min: 0n, max: 10n ** 11n }))
      .map(([t, id]) => `${t}.${id}`),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const encoded = fc.oneof(
  { weight: 5, arbitrary: text.map(encodeURIComponent) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }).filter(wellFormed), loneSurrogate)
      .map(([a, s]) => encodeURIComponent(a) + s),
  },
);

/** One URL for a target: the path segment and each parameter absent, real, fuzzed, or repeated; sometimes a stray one. */
function urlArbitrary(target: Target): fc.Arbitrary<string> {
  const value = (name: string) =>
    target.real?.[name]
      ? fc.oneof(
          { weight: 3, arbitrary: encoded },
          { weight: 1, arbitrary: fc.constantFrom(...target.real[name]!.map(encodeURIComponent)) },
        )
      : encoded;
  const param = (name: string) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<string[]>([]) },
      { weight: 5, arbitrary: value(name).map((v) => [`${name}=${v}`]) },
      {
        weight: 1,
        arbitrary: fc.array(value(name), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${name}=${v}`)),
      },
    );
  // Undecodable percent-encodings included (/r/%FF, /u/%ED%A0%80): Next.js 16.4.6's router answered those with a bare 500.
  const segment = target.path.includes("{}")
    ? value("{}").filter((v) => v !== "" && v !== "%2E%2E" && v !== "..")
    : fc.constant("");
  const stray = fc.oneof(
    fc.constant<string[]>([]),
    fc.tuple(encoded, encoded).map(([k, v]) => [`${k || "x"}=${v}`]),
  );
  return fc.tuple(segment, fc.tuple(...target.params.map(param)), stray).map(([seg, params, more]) => {
    const query = [...params.flat(), ...more].join("&");
    return `${target.path.replace("{}", seg)}${query ? `?${query}` : ""}`;
  });
}

// ---- the run ----------------------------------------------------------------------------------------------------

async function signedInContext(baseURL: string, role: Role): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  if (role !== "anonymous") await signInOverHttp(api, role);
  return api;
}

/** GET a URL and read the whole answer; a stream's status only (the stream is dropped at once). */
async function answer(api: APIRequestContext, baseURL: string, target: Target, url: string) {
  if (!target.stream) {
    const response = await api.get(url, { maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 });
    return { status: response.status(), ok: response.ok(), body: (await response.body()).toString("utf8") };
  }
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const dropped = new AbortController();
  const response = await fetch(new URL(url, baseURL), {
    headers: { cookie },
    redirect: "manual",
    signal: AbortSignal.any([dropped.signal, AbortSignal.timeout(30_000)]),
  });
  dropped.abort();
  return { status: response.status, ok: response.ok, body: "" };
}

const statusList = (statuses: Map<number, number>) => [...statuses].map(([s, n]) => `${s}×${n}`).join(" ");

test.describe.configure({ mode: "serial", timeout: 15 * 60_000 });

test("no URL parameter, path id or export parameter gets a 5xx", async ({ baseURL }) => {
  console.log(`fuzz-urls: FUZZ_RUNS=${RUNS} FUZZ_SEED=${SEED}`);
  const contexts = new Map<Role, APIRequestContext>();
  for (const role of ["anonymous", "customer", "owner", "admin"] as const)
    contexts.set(role, await signedInContext(baseURL!, role));

  const failures: string[] = [];
  for (const [index, target] of TARGETS.entries()) {
    const urls = fc.sample(urlArbitrary(target), { numRuns: RUNS, seed: SEED + index });
    const api = contexts.get(target.role)!;
    const statuses = new Map<number, number>();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < urls.length) {
          const url = urls[next++]!;
          const { status, ok, body } = await answer(api, baseURL!, target, url);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(`${status} ${target.role} ${url.slice(0, 300)}`);
          // A 200 export is a whole file, never one cut short by an error.
          if (target.path.startsWith("/admin/export/") && ok && body.includes("# export failed")) {
            failures.push(`incomplete export ${url.slice(0, 300)}`);
          }
        }
      }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${target.role} ${target.path} (${seconds} s): ${statusList(statuses)}`);
    // The signed-in role must really reach the page: not every answer a sign-in redirect or a 404.
    if (!target.anyAnswer) expect(statuses.get(200) ?? 0, `${target.path} never answered 200`).toBeGreaterThan(0);
  }
  for (const api of contexts.values()) await api.dispose();
  expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
});

// ---- POST bodies ------------------------------------------------------------------------------------------------

/**
 * Where a body goes: a server action (`action`: with a Next-Action header naming one), a page as a form posted without
 * JavaScript (`form`: no header, which Next.js decodes as an action all the same), or an Auth.js endpoint.
 */
type PostTarget = { name: string; path: string; action?: boolean; form?: boolean };
const POST_TARGETS: PostTarget[] = [
  // The header's sign-out action, posted by a visitor who is not signed in: a body that decodes signs nobody out.
  { name: "a server action", path: "/", action: true },
  { name: "a form without JavaScript", path: "/r/taqueria-sol", form: true },
  { name: "Auth.js' credentials callback", path: "/api/auth/callback/credentials" },
  { name: "Auth.js' sign-out", path: "/api/auth/signout" },
];

const CONTENT_TYPES = [
  undefined,
  "text/plain;charset=UTF-8",
  "text/plain",
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=----platter",
  "multipart/form-data; boundary=",
  "application/octet-stream",
  "text/x-component",
  "image/png",
];

/** Text parts between boundaries, with the closing boundary or without it. */
const multipartBody = (boundary: string, parts: [name: string, value: string][], closed: boolean) =>
  parts
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("") + (closed ? `--${boundary}--\r\n` : "");
/** Multipart, well or badly formed: parts with nasty names and values, closed or not, the boundary declared or not. */
const multipart = fc
  .tuple(fc.constantFrom("----platter", "x", ""), fc.array(fc.tuple(text, text), { maxLength: 4 }), fc.boolean())
  .map(([boundary, parts, closed]) => multipartBody(boundary, parts, closed));
/** React's own strings in an argument list ("$1" another chunk, "$Q1" a Map of it, "$0:0" a path…), whole or not. */
const reactString = fc
  .tuple(
    fc.constantFrom(..."$@QWiKTHINuDnhBRAYZ01a", ""),
    fc.oneof(fc.constantFrom("0", "1", "2", "0:0", "0:0:a", "1:a", "zz", "12a", ""), text),
  )
  .map(([kind, rest]) => `$${kind}${rest}`);
/** What Next.js sends for an action without a form: a JSON argument list. */
const argumentList = fc
  .array(fc.oneof(text, fc.jsonValue(), reactString), { maxLength: 3 })
  .map((args) => JSON.stringify(args));
/** What it sends with a form: multipart, the argument list in field "0", its chunks and the form's fields beside. */
const replyMultipart = fc
  .array(fc.tuple(fc.constantFrom("0", "1", "2", "00", "_1_x", "_1_menuItemId"), fc.oneof(argumentList, text)), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => multipartBody("----platter", parts, true));
/** A field name: anything, or one Auth.js reads (a NUL byte in `email` was a 500 that random names never reached). */
const fieldName = fc.oneof(text, fc.constantFrom("email", "password", "csrfToken", "callbackUrl", "redirect"));
const postBody = fc.oneof(
  text,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(fieldName, fc.oneof(text, fc.jsonValue())).map((fields) => JSON.stringify(fields)),
  argumentList,
  multipart,
  replyMultipart,
  fc
    .array(fc.tuple(fieldName, text), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/**
 * A form as a page without JavaScript posts it: the action named in $ACTION_REF_1 and $ACTION_1:0 (its id and bound
 * arguments, React's encodeFormAction), the bound ones and other fields beside, whole or cut short.
 */
const formActionBody = (actionId: string) =>
  fc
    .tuple(
      fc.oneof(fc.constant(null), fc.constant("$@1"), reactString, fc.jsonValue()),
      fc.array(
        fc.tuple(
          fc.constantFrom("$ACTION_1:1", "$ACTION_1:2", "$ACTION_1:0", "$ACTION_KEY", "$ACTION_REF_2", "menuItemId"),
          fc.oneof(argumentList, text),
        ),
        { maxLength: 3 },
      ),
      fc.boolean(),
    )
    .map(([bound, more, whole]) => {
      const descriptor = JSON.stringify({ id: actionId, bound });
      return multipartBody(
        "----platter",
        [["$ACTION_REF_1", ""], ["$ACTION_1:0", whole ? descriptor : descriptor.slice(0, -1)], ...more],
        true,
      );
    });

function postArbitrary(target: PostTarget, actionId: string, origin: string) {
  const actionHeader = target.action
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constant(actionId) },
        { weight: 1, arbitrary: fc.constantFrom("", "x", "0".repeat(42), "7f".repeat(21)) },
      )
    : fc.constant(undefined);
  const formType = "multipart/form-data; boundary=----platter";
  return fc
    .tuple(
      target.form
        ? fc.oneof({ weight: 3, arbitrary: fc.constant(formType) }, fc.constantFrom(...CONTENT_TYPES))
        : fc.constantFrom(...CONTENT_TYPES),
      fc.constantFrom(origin, undefined, "https://evil.example", "null"),
      actionHeader,
      target.form ? fc.oneof({ weight: 3, arbitrary: formActionBody(actionId) }, postBody) : postBody,
    )
    .map(([contentType, from, action, data]) => ({
      headers: {
        ...(contentType ? { "content-type": contentType } : {}),
        ...(from ? { origin: from } : {}),
        ...(action !== undefined ? { "next-action": action } : {}),
      },
      data,
    }));
}

test("no generated POST body to a server action, a form without JavaScript or Auth.js gets a 5xx", async ({
  baseURL,
}) => {
  console.log(`fuzz-posts: FUZZ_RUNS=${RUNS} FUZZ_SEED=${SEED}`);
  // A real action id, from the sign-out form every signed-in page carries.
  const customer = await signedInContext(baseURL!, "customer");
  const home = await (await customer.get("/")).text();
  await customer.dispose();
  const actionId = /\$ACTION_ID_([0-9a-f]+)/.exec(home)?.[1];
  expect(actionId, "the header's sign-out form names its action").toBeTruthy();

  const anonymous = await request.newContext({ baseURL });
  const failures: string[] = [];
  for (const [index, target] of POST_TARGETS.entries()) {
    const posts = fc.sample(postArbitrary(target, actionId!, baseURL!), { numRuns: RUNS, seed: SEED + 1000 + index });
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < posts.length) {
          const { headers, data } = posts[next++]!;
          const response = await anonymous.post(target.path, {
            headers,
            data,
            maxRedirects: 0,
            failOnStatusCode: false,
            timeout: 30_000,
          });
          await response.body();
          statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
          if (response.status() >= 500) {
            const sent = typeof data === "string" ? data : `<${data.byteLength} bytes>`;
            failures.push(`${response.status()} ${target.name}: ${JSON.stringify(headers)} ${sent.slice(0, 200)}`);
          }
        }
      }),
    );
    console.log(`POST ${target.name}: ${statusList(statuses)}`);
  }
  await anonymous.dispose();
  expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
});
