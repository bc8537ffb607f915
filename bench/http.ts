/**
 * npm run bench:http [-- --duration 10 --connections 4 --warmup 5 --json out.json --only REGEX --password platter-demo]
 *
 * The pages as a browser gets them: `next start` (the production build in .next) on DATABASE_URL, signed-in
 * users through the real Auth.js credentials flow, and autocannon in the same run against every page, one page
 * at a time. DATABASE_URL is required (the scale seed: `npm run db:seed -- --scale 1000000`). Build first:
 * `npx next build` (the script refuses to run without .next/BUILD_ID, exit 2; it never builds by itself, so that
 * the build measured is the one you made).
 *
 * Order: the floor (/api/auth/session, anonymous: Next + Auth.js, no database) first, after a short unreported
 * run that warms it up; the same route signed in (Auth.js' own session read: decrypt, one statement, re-encrypt);
 * every page; the floor again last. Per row: requests/s, % of the mean floor, p50 and p99
 * latency (ms) under load; "alone ms", the median of the last warm-up requests, sent one at a time (the page
 * without concurrency, and the only latency a page too slow to answer within --duration gets); the bytes of one
 * uncompressed response (requested without accept-encoding, as autocannon does); the responses completed; the
 * status codes; and the 1-minute load average when the row started (other work on the machine is noise).
 * Any unexpected status (a non-2xx, except the layout floor's 404), error, timeout or row with fewer responses than
 * connections is printed loudly and makes the exit code 1 (after the table). Between rows it waits until the requests
 * still in flight when autocannon stopped have been served (no statement running on the database, the floor answering
 * quickly), so that they do not slow the next row down. Markdown on stdout (--json also writes every figure to a
 * file), progress on stderr.
 *
 * Users, picked by SQL (bench/subjects.ts): anon, ordinary (median order count), whale (most orders), owner (of
 * the busiest restaurant) and admin (admin@platter.test). All seeded accounts share one password (platter-demo).
 * The server gets a fresh random AUTH_SECRET, NODE_ENV=production and no PLATTER_QUERY_STATS, binds to 127.0.0.1
 * on a free port, and is killed (its whole process group) at the end, on error and on Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";

import { freePort, startNext, tail, type NextServer } from "./next-server";
import { signIn } from "./sign-in";
import { median, pickSubjects, redactUrl, type Subjects } from "./subjects";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "4" },
    warmup: { type: "string", default: "5" },
    timeout: { type: "string", default: "30" },
    password: { type: "string", default: "platter-demo" },
    only: { type: "string" },
    json: { type: "string" },
    port: { type: "string" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmups = Number(values.warmup);
const timeoutS = Number(values.timeout);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is required: bench:http measures the app on PostgreSQL (seeded with npm run db:seed -- --scale N).",
  );
  process.exit(2);
}
const buildIdFile = path.join(process.cwd(), ".next", "BUILD_ID");
if (!existsSync(buildIdFile)) {
  console.error("No production build in .next: run `npx next build` first (bench:http measures `next start`).");
  process.exit(2);
}

type Who = "anon" | "ordinary" | "whale" | "owner" | "admin";
/** `status`: the status every response must have, when it is not a 2xx (the layout floor's 404). */
type Page = { path: string; who: Who; floor?: boolean; status?: number };

const FLOOR: Page = { path: "/api/auth/session", who: "anon", floor: true };
const LAYOUT_FLOOR_PATH = "/no-such-page";

/** The pages measured, in order, between the two floors. */
function pagesFor(s: Subjects): Page[] {
  const shop = ["/", `/r/${s.busiest.slug}`, "/cart"];
  const account = ["/profile", "/orders"];
  return [
    // The floor again, signed in: what Auth.js' own session read costs (decrypt, one statement, re-encrypt).
    { path: "/api/auth/session", who: "ordinary" },
    // The layout floor: a page that does nothing but what every signed-in page does (the session check, the site
    // header, Next.js' HTML and RSC payload). A path that matches no route renders the root layout around the
    // not-found text, signed in, with no data of its own: no signed-in page can be faster than this.
    { path: LAYOUT_FLOOR_PATH, who: "ordinary", status: 404 },
    // The same for a visitor: no session and no statement, only Next.js rendering the root layout and the header.
    // The gap between the two rows is what the session check costs a page; the gap to the floor is the framework's.
    { path: LAYOUT_FLOOR_PATH, who: "anon", status: 404 },
    ...shop.flatMap((p) => (["anon", "ordinary", "whale"] as const).map((who) => ({ path: p, who }))),
    ...account.flatMap((p) => (["ordinary", "whale"] as const).map((who) => ({ path: p, who }))),
    { path: "/owner", who: "owner" },
    { path: `/owner/${s.busiest.slug}/orders`, who: "owner" },
    { path: `/owner/${s.busiest.slug}/sales`, who: "owner" },
    { path: "/admin/users", who: "admin" },
    { path: "/admin/users?sort=name", who: "admin" },
    { path: "/admin/revenue", who: "admin" },
  ];
}

// ---------------------------------------------------------------------------------------------- the server

let server: NextServer | undefined;
/** The bench's own connection: users, versions, and watching for in-flight statements between rows. */
let pg: postgres.Sql | undefined;

// ----------------------------------------------------------------------------------------------- measure

type Row = {
  page: string;
  who: Who;
  floor: boolean;
  reqPerSec: number;
  pctOfFloor?: number;
  p50: number;
  p99: number;
  bytes: number;
  /** Median latency of the last warm-up requests, sent one at a time: the page with no concurrency. */
  aloneMs: number;
  firstStatus: number;
  /** The status every response must have when it is not a 2xx (Page.status). */
  expectedStatus?: number;
  statuses: Record<string, number>;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  load1: number;
};

async function oneResponse(base: string, page: Page, cookie: string | undefined) {
  const t0 = performance.now();
  const res = await fetch(base + page.path, {
    redirect: "manual",
    headers: { "accept-encoding": "identity", ...(cookie ? { cookie } : {}) },
  });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.headers.get("content-encoding"))
    throw new Error(`${page.path}: got content-encoding ${res.headers.get("content-encoding")}`);
  return { status: res.status, bytes: body.byteLength, ms: performance.now() - t0 };
}

async function measure(base: string, page: Page, cookie: string | undefined, alone: number): Promise<Row> {
  const one = await oneResponse(base, page, cookie);
  const load1 = os.loadavg()[0]!;
  const result = await autocannon({
    url: base + page.path,
    connections,
    duration,
    timeout: timeoutS,
    headers: cookie ? { cookie } : {},
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat?.count ?? 0;
  return {
    page: page.path,
    who: page.who,
    floor: Boolean(page.floor),
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: one.bytes,
    aloneMs: alone,
    firstStatus: one.status,
    expectedStatus: page.status,
    statuses,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    load1,
  };
}

/**
 * When autocannon stops, the requests it had in flight are still being served: on a slow page, seconds of
 * statements and rendering that would land on the next row. Waits until no statement of the server is running on
 * the database (the bench database is its own) and the floor answers within 100 ms twice in a row (the server's
 * event loop is free again), then one more second.
 */
async function drain(pg: postgres.Sql, base: string): Promise<number> {
  const t0 = performance.now();
  const deadline = t0 + (timeoutS + 30) * 1000;
  let quick = 0;
  while (performance.now() < deadline && quick < 2) {
    const [{ active }] = (await pg`
      select count(*)::int as active from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`) as unknown as [
      { active: number },
    ];
    const probe = active === 0 ? (await oneResponse(base, FLOOR, undefined)).ms : Infinity;
    quick = probe < 100 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  return performance.now() - t0;
}

const cmd = (file: string, args: string[]) => {
  try {
    return execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "?";
  }
};

async function main() {
  const started = new Date();
  console.error(`Picking users on ${redactUrl(url!)} ...`);
  const subjects = await pickSubjects(url!);
  pg = postgres(url!, { max: 1, onnotice: () => {} });
  const [{ version }] = (await pg`select version()`) as unknown as [{ version: string }];
  const [{ size }] = (await pg`select pg_size_pretty(pg_database_size(current_database())) as size`) as unknown as [
    { size: string },
  ];

  const only = values.only ? new RegExp(values.only) : undefined;
  const pages = pagesFor(subjects).filter((p) => !only || only.test(`${p.who} ${p.path}`));

  const port = await freePort(values.port ? Number(values.port) : undefined);
  console.error(`Starting next start on 127.0.0.1:${port} ...`);
  server = await startNext({
    cwd: process.cwd(),
    port,
    env: {
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      PLATTER_QUERY_STATS: undefined,
      PGLITE_DATA_DIR: undefined,
    },
    readyPath: "/api/auth/csrf",
    logName: "platter-bench-http",
  });
  console.error(`Server log: ${server.logPath}`);
  const base = server.base;

  const who: Record<Who, { email?: string; cookie?: string }> = {
    anon: {},
    ordinary: { email: subjects.ordinary.email },
    whale: { email: subjects.whale.email },
    owner: { email: subjects.owner.email },
    admin: { email: subjects.admin.email },
  };
  const needed = new Set(pages.map((p) => p.who));
  for (const w of needed) {
    if (w === "anon") continue;
    const t0 = performance.now();
    who[w].cookie = await signIn(base, who[w].email!, values.password!);
    console.error(`Signed in ${w} (${who[w].email}) in ${(performance.now() - t0).toFixed(0)} ms.`);
  }

  // Warm-up: route modules load and compile, plans get cached, the buffer cache fills.
  // The last (up to) three, sent one at a time, also give each page's latency without concurrency.
  const alone = new Map<Page, number>();
  for (const page of [FLOOR, ...pages]) {
    const seen = new Set<number>();
    const times: number[] = [];
    for (let i = 0; i < Math.max(warmups, 1); i++) {
      const r = await oneResponse(base, page, who[page.who].cookie);
      seen.add(r.status);
      times.push(r.ms);
    }
    alone.set(page, median(times.slice(-3)));
    console.error(
      `Warmed ${page.who} ${page.path}: status ${[...seen].join(",")}, ${alone.get(page)!.toFixed(0)} ms alone`,
    );
  }

  // The floor is so cheap that V8 is still optimizing the server's request path after a few requests: a short,
  // unreported run first, so that the first floor row is not lower than the last for that reason alone.
  await drain(pg, base);
  await autocannon({ url: base + FLOOR.path, connections, duration: Math.min(3, duration), timeout: timeoutS });
  await drain(pg, base);

  const rows: Row[] = [];
  for (const page of [FLOOR, ...pages, FLOOR]) {
    process.stderr.write(`autocannon ${page.who} ${page.path} (${duration} s) ... `);
    const row = await measure(base, page, who[page.who].cookie, alone.get(page)!);
    rows.push(row);
    const drained = await drain(pg, base);
    console.error(
      `${row.reqPerSec.toFixed(1)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms (drained in ${drained.toFixed(0)} ms)`,
    );
  }
  await server.stop();

  const floors = rows.filter((r) => r.floor);
  const floorMean = floors.reduce((s, r) => s + r.reqPerSec, 0) / floors.length;
  for (const r of rows) r.pctOfFloor = (100 * r.reqPerSec) / floorMean;

  const statusesAsExpected = (r: Row) =>
    r.expectedStatus
      ? r.firstStatus === r.expectedStatus && Object.keys(r.statuses).every((c) => Number(c) === r.expectedStatus)
      : r.non2xx === 0 && r.firstStatus >= 200 && r.firstStatus < 300;
  const bad = rows.filter((r) => !statusesAsExpected(r) || r.errors > 0 || r.timeouts > 0 || r.requests < connections);
  const statusText = (r: Row) => {
    const codes = Object.entries(r.statuses)
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    const extra = [
      r.errors ? `errors×${r.errors}` : "",
      r.timeouts ? `timeouts×${r.timeouts}` : "",
      r.requests < connections ? `only ${r.requests} response(s) in ${duration} s` : "",
    ]
      .filter(Boolean)
      .join(" ");
    const flag = bad.includes(r) ? "**⚠ " : "";
    return `${flag}${[codes || "none", extra].filter(Boolean).join(" ")}${flag ? "**" : ""}`;
  };

  const out: string[] = [];
  out.push(`## bench:http (${started.toISOString()})`);
  out.push("");
  out.push(
    `- database: ${redactUrl(url!)} (${size}): ${subjects.totals.users.toLocaleString("en-US")} users, ` +
      `${subjects.totals.orders.toLocaleString("en-US")} orders, ` +
      `${subjects.totals.orderLines.toLocaleString("en-US")} order lines`,
  );
  out.push(
    `- ordinary: ${subjects.ordinary.email} (${subjects.ordinary.orders.toLocaleString("en-US")} orders, ` +
      `the median among ${subjects.totals.customersWithOrders.toLocaleString("en-US")} customers with orders)`,
  );
  out.push(`- whale: ${subjects.whale.email} (${subjects.whale.orders.toLocaleString("en-US")} orders)`);
  out.push(
    `- owner: ${subjects.owner.email}, of ${subjects.busiest.slug} ` +
      `(the busiest restaurant, ${subjects.busiest.orders.toLocaleString("en-US")} orders); admin: ${subjects.admin.email}`,
  );
  out.push(
    `- next start (build ${readFileSync(buildIdFile, "utf8").trim()}, ` +
      `built ${statSync(buildIdFile).mtime.toISOString()}, git ${cmd("git", ["rev-parse", "--short", "HEAD"])}), ` +
      `autocannon ${connections} connections × ${duration} s per row, ${warmups} warm-up requests per page, ` +
      `timeout ${timeoutS} s`,
  );
  out.push(
    `- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${version.split(" on ")[0]}; ` +
      `load average at start ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} ` +
      `(server, database and autocannon share these cores; other work on the machine shows up as noise)`,
  );
  out.push("");
  out.push(
    "| page | user | req/s | % of floor | p50 ms | p99 ms | alone ms | bytes/response | responses | status codes | load1 |",
  );
  out.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
  for (const r of rows) {
    out.push(
      `| ${r.floor ? `${r.page} (floor)` : r.page} | ${r.who} | ${r.reqPerSec.toFixed(1)} | ${r.pctOfFloor!.toFixed(1)}% | ` +
        `${r.requests ? r.p50 : "-"} | ${r.requests ? r.p99 : "-"} | ${r.aloneMs.toFixed(0)} | ` +
        `${r.bytes.toLocaleString("en-US")} | ${r.requests.toLocaleString("en-US")} | ${statusText(r)} | ${r.load1.toFixed(2)} |`,
    );
  }
  out.push("");
  out.push(
    `Floor: ${floors.map((f) => f.reqPerSec.toFixed(1)).join(" and ")} req/s (first and last), ` +
      `mean ${floorMean.toFixed(1)}; "% of floor" is against the mean.`,
  );
  if (bad.length) {
    out.push("");
    out.push(
      `**⚠ ${bad.length} row(s) saw a non-2xx status, an error, a timeout or fewer responses than connections:** ` +
        `${bad.map((r) => `${r.who} ${r.page}`).join(", ")}. Server log: ${server.logPath}`,
    );
  }
  const serverErrors = tail(server.logPath, 100000)
    .split("\n")
    .filter((l) => /error|exception|unhandled/i.test(l));
  if (serverErrors.length) {
    out.push("");
    out.push(
      `**⚠ The server logged ${serverErrors.length} error line(s)** (${server.logPath}), first: \`${serverErrors[0]!.slice(0, 200)}\``,
    );
  }
  console.log(out.join("\n"));

  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          startedAt: started.toISOString(),
          database: redactUrl(url!),
          size,
          postgres: version,
          node: process.version,
          cores: os.cpus().length,
          duration,
          connections,
          subjects,
          floorMean,
          rows,
        },
        null,
        2,
      ),
    );
    console.error(`Wrote ${values.json}`);
  }
  if (bad.length || serverErrors.length) {
    console.error(
      `\n⚠⚠⚠ NON-2XX / ERRORS: ` +
        `${bad.map((r) => `${r.who} ${r.page} ${JSON.stringify(r.statuses)} errors=${r.errors} timeouts=${r.timeouts}`).join("; ")}` +
        `${serverErrors.length ? `; ${serverErrors.length} server error line(s)` : ""}`,
    );
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await server?.stop();
  await pg?.end({ timeout: 5 });
}
