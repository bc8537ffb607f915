/**
 * DATABASE_URL=... npm run bench:scale [-- --runs 7 --only REGEX --json out.json --plans --sql]
 *
 * SQL-level timings of the pages on an existing (scale-seeded) PostgreSQL database. For each case of
 * bench/scale-pages.ts (page x user: ordinary, whale, owner, admin), the app's own lib functions are called with a
 * Viewer, as the page calls them, through a Drizzle client whose logger captures every statement with its
 * parameters. Then each captured statement is run again, as sent:
 *   - `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`, one warm-up plus --runs times: median execution and planning time,
 *     shared buffers hit+read (of the median run), sequential scans (⚠ on orders / order_lines) and JIT time;
 *   - plain, --runs times through postgres.js (a prepared statement, as the app sends it): the median wall time
 *     including the round trip ("driver ms");
 * and the lib call as a whole is timed --runs times ("call ms": every statement, round trips and JavaScript).
 * Each statement runs in a READ ONLY transaction, so a case that writes fails instead of writing.
 * Targets from the issue are printed beside the numbers and judged on the sum of a case's median execution times.
 * Read-only: it never seeds, migrates or changes the database. Markdown on stdout, progress on stderr.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Logger } from "drizzle-orm/logger";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import { setDatabase } from "@/db/client";
import * as schema from "@/db/schema";
import type { Database } from "@/db/types";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";

import { CASES, type Who } from "./scale-pages";
import { median, pickSubjects, redactUrl } from "./subjects";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    only: { type: "string" },
    json: { type: "string" },
    plans: { type: "boolean", default: false },
    sql: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is required: bench:scale explains the pages' statements on a seeded PostgreSQL database.",
  );
  process.exit(2);
}

type Captured = { query: string; params: unknown[] };
let capturing: Captured[] | undefined;
const logger: Logger = {
  logQuery(query, params) {
    capturing?.push({ query, params: [...params] });
  },
};

const client = postgres(url, { max: 2, onnotice: () => {} });
const db = drizzle({ client, schema, logger }) as unknown as Database;
setDatabase({ db, driver: "postgres", close: () => client.end({ timeout: 5 }) });

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};
type Explained = {
  Plan: PlanNode;
  "Planning Time": number;
  "Execution Time": number;
  JIT?: { Timing?: { Total?: number } };
};

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan") found.push(node["Relation Name"] ?? "?");
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

async function explain(statement: Captured): Promise<Explained> {
  return client.begin("read only", async (tx) => {
    const [row] = await tx.unsafe(
      `explain (analyze, buffers, format json) ${statement.query}`,
      statement.params as never[],
    );
    const plan = row!["QUERY PLAN"];
    return (typeof plan === "string" ? JSON.parse(plan) : plan)[0] as Explained;
  });
}

async function timePlain(statement: Captured): Promise<number[]> {
  return client.begin("read only", async (tx) => {
    const times: number[] = [];
    await tx.unsafe(statement.query, statement.params as never[]); // prepares it on this connection
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await tx.unsafe(statement.query, statement.params as never[]);
      times.push(performance.now() - t0);
    }
    return times;
  });
}

type StatementResult = {
  index: number;
  query: string;
  params: unknown[];
  execMs: number;
  planMs: number;
  driverMs: number;
  hit: number;
  read: number;
  seqScans: string[];
  jitMs?: number;
  plan?: PlanNode;
};
type CaseResult = {
  page: string;
  variant: string;
  who: Who;
  target?: { ms: number; text: string };
  notes: string[];
  callMs: number;
  statements: StatementResult[];
  error?: string;
};

async function runCase(
  c: (typeof CASES)[number],
  who: Who,
  viewer: Viewer,
  subjects: Awaited<ReturnType<typeof pickSubjects>>,
): Promise<CaseResult> {
  const notes: string[] = [];
  let captured: Captured[] = [];
  let callTimes: number[] = [];
  let timing = false;
  const measure = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (timing) {
      const t0 = performance.now();
      const result = await fn();
      callTimes.push(performance.now() - t0);
      return result;
    }
    capturing = captured;
    try {
      return await fn();
    } finally {
      capturing = undefined;
    }
  };
  const ctx = { who, viewer, subjects, measure, note: (t: string) => notes.includes(t) || notes.push(t) };
  await c.run(ctx); // captures
  if (captured.length === 0) notes.push("sent no statement");
  timing = true;
  await c.run(ctx); // warm-up of the whole call
  callTimes = [];
  for (let i = 0; i < runs; i++) await c.run(ctx);

  const statements: StatementResult[] = [];
  for (const [index, statement] of captured.entries()) {
    await explain(statement); // warm-up: caches, catalog
    const explained: Explained[] = [];
    for (let i = 0; i < runs; i++) explained.push(await explain(statement));
    const byExec = [...explained].sort((a, b) => a["Execution Time"] - b["Execution Time"]);
    const mid = byExec[Math.floor(byExec.length / 2)]!;
    const jit = explained.map((e) => e.JIT?.Timing?.Total).filter((t): t is number => t !== undefined);
    statements.push({
      index,
      query: statement.query,
      params: statement.params,
      execMs: median(explained.map((e) => e["Execution Time"])),
      planMs: median(explained.map((e) => e["Planning Time"])),
      driverMs: median(await timePlain(statement)),
      hit: mid.Plan["Shared Hit Blocks"] ?? 0,
      read: mid.Plan["Shared Read Blocks"] ?? 0,
      seqScans: [...new Set(seqScans(mid.Plan))],
      jitMs: jit.length ? median(jit) : undefined,
      plan: values.plans ? mid.Plan : undefined,
    });
  }
  captured = [];
  return { page: c.page, variant: c.variant, who, target: c.target, notes, callMs: median(callTimes), statements };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const BIG_TABLES = new Set(["orders", "order_lines"]);

async function main() {
  const started = new Date();
  console.error(`Picking users on ${redactUrl(url!)} ...`);
  const subjects = await pickSubjects(url!);
  const viewers = {} as Record<Who, Viewer>;
  for (const who of ["ordinary", "whale", "owner", "admin"] as const) {
    const viewer = await findActiveViewer(subjects[who].userId);
    if (!viewer) throw new Error(`${who} ${subjects[who].email} is not an active user`);
    viewers[who] = viewer;
  }
  const [{ version }] = (await client`select version()`) as unknown as [{ version: string }];
  const [{ size }] = (await client`select pg_size_pretty(pg_database_size(current_database())) as size`) as unknown as [
    { size: string },
  ];
  const [{ jit }] = (await client`select current_setting('jit') as jit`) as unknown as [{ jit: string }];

  const only = values.only ? new RegExp(values.only) : undefined;
  const results: CaseResult[] = [];
  for (const c of CASES) {
    for (const who of c.who) {
      const label = `${c.page} ${c.variant} ${who}`;
      if (only && !only.test(label)) continue;
      process.stderr.write(`${label} ... `);
      const t0 = performance.now();
      try {
        const result = await runCase(c, who, viewers[who], subjects);
        results.push(result);
        console.error(
          `${result.statements.length} statement(s), exec ${result.statements.map((s) => fmt(s.execMs)).join(" + ")} ms ` +
            `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (error) {
        capturing = undefined;
        console.error(`FAILED: ${String(error)}`);
        results.push({
          page: c.page,
          variant: c.variant,
          who,
          target: c.target,
          notes: [],
          callMs: NaN,
          statements: [],
          error: String(error),
        });
      }
    }
  }

  const out: string[] = [];
  out.push(`## bench:scale (${started.toISOString()})`);
  out.push("");
  out.push(
    `- database: ${redactUrl(url!)} (${size}): ${subjects.totals.users.toLocaleString("en-US")} users, ` +
      `${subjects.totals.orders.toLocaleString("en-US")} orders, ` +
      `${subjects.totals.orderLines.toLocaleString("en-US")} order lines; ${version.split(" on ")[0]}, jit=${jit}`,
  );
  out.push(
    `- ordinary: ${subjects.ordinary.email} (${subjects.ordinary.orders.toLocaleString("en-US")} orders, ` +
      `the median among ${subjects.totals.customersWithOrders.toLocaleString("en-US")} customers with orders); ` +
      `whale: ${subjects.whale.email} (${subjects.whale.orders.toLocaleString("en-US")} orders)`,
  );
  out.push(
    `- owner: ${subjects.owner.email}, of ${subjects.busiest.slug} ` +
      `(the busiest restaurant, ${subjects.busiest.orders.toLocaleString("en-US")} orders); admin: ${subjects.admin.email}; ` +
      `restaurant filters: ${subjects.favoriteRestaurant.ordinary} (ordinary), ${subjects.favoriteRestaurant.whale} (whale), ` +
      `each one's most ordered-from`,
  );
  out.push(
    `- ${runs} runs per statement after one warm-up; machine: ${os.cpus().length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
      `load average at start ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  out.push(
    "- exec/plan ms: medians of EXPLAIN ANALYZE's Execution and Planning Time " +
      "(custom plans; per-node timing adds some overhead). " +
      "driver ms: median wall time of the plain statement through postgres.js (prepared, round trip included). " +
      "call ms: the whole lib call as the page makes it. buffers: shared hit+read of the median run. " +
      "target: the issue's budget for the case, judged on the sum of its statements' exec ms.",
  );
  out.push("");
  out.push(
    "| page | case | user | stmt | exec ms | plan ms | driver ms | call ms | buffers hit+read | seq scans | target | ok |",
  );
  out.push("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|");
  const over: string[] = [];
  const seqOnBig: string[] = [];
  for (const r of results) {
    if (r.error) {
      out.push(
        `| ${r.page} | ${r.variant} | ${r.who} | - | - | - | - | - | - | - | ${r.target?.text ?? ""} | ` +
          `**⚠ error: ${r.error.replace(/\|/g, "\\|").slice(0, 200)}** |`,
      );
      over.push(`${r.page} ${r.variant} (${r.who}): error`);
      continue;
    }
    const sum = r.statements.reduce((s, st) => s + st.execMs, 0);
    const ok = r.target ? (sum < r.target.ms ? "✅" : `**❌ ${fmt(sum)} ms**`) : "";
    if (r.target && sum >= r.target.ms)
      over.push(`${r.page} ${r.variant} (${r.who}): ${fmt(sum)} ms, target ${r.target.text}`);
    const notes = r.notes.length ? ` (${r.notes.join("; ")})` : "";
    r.statements.forEach((st, i) => {
      const big = st.seqScans.some((t) => BIG_TABLES.has(t));
      if (big) seqOnBig.push(`${r.page} ${r.variant} (${r.who}) stmt ${i + 1}`);
      const scans = st.seqScans.length ? `${big ? "**⚠ " : ""}${st.seqScans.join(", ")}${big ? "**" : ""}` : "none";
      const jit = st.jitMs !== undefined ? ` (JIT ${fmt(st.jitMs)})` : "";
      const first = i === 0;
      out.push(
        `| ${first ? r.page : ""} | ${first ? r.variant + notes : ""} | ${first ? r.who : ""} | ` +
          `${i + 1}/${r.statements.length} | ${fmt(st.execMs)}${jit} | ${fmt(st.planMs)} | ${fmt(st.driverMs)} | ` +
          `${first ? fmt(r.callMs) : ""} | ${st.hit.toLocaleString("en-US")}+${st.read.toLocaleString("en-US")} | ${scans} | ` +
          `${i === r.statements.length - 1 ? (r.target?.text ?? "") : ""} | ${i === r.statements.length - 1 ? ok : ""} |`,
      );
    });
    if (r.statements.length === 0)
      out.push(
        `| ${r.page} | ${r.variant}${notes} | ${r.who} | 0 | - | - | - | ${fmt(r.callMs)} | - | - | ${r.target?.text ?? ""} | |`,
      );
  }
  out.push("");
  out.push(
    over.length ? `**Over budget (${over.length}):** ${over.join("; ")}.` : "Every case with a target is within it.",
  );
  out.push(
    seqOnBig.length
      ? `**Sequential scans of orders/order_lines (${seqOnBig.length}):** ${seqOnBig.join("; ")}.`
      : "No sequential scan of orders or order_lines.",
  );
  if (values.sql) {
    out.push("");
    out.push("### Statements");
    for (const r of results) {
      for (const st of r.statements) {
        out.push("");
        out.push(`${r.page} ${r.variant} (${r.who}), statement ${st.index + 1}, params ${JSON.stringify(st.params)}:`);
        out.push("```sql");
        out.push(st.query);
        out.push("```");
      }
    }
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
          runs,
          subjects,
          results,
        },
        null,
        2,
      ),
    );
    console.error(`Wrote ${values.json}`);
  }
  if (results.some((r) => r.error)) process.exitCode = 1;
}

try {
  await main();
} finally {
  await client.end({ timeout: 5 });
}
