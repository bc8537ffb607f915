/**
 * npm run bench:cluster [-- --duration 15 --connections 12]
 *
 * Requests/s of /profile (a signed-in customer, no recent write: reads may go to the replica) and /r/[slug]
 * (anonymous) through nginx in front of 1, then 3 `next start` of the production build (npm run cluster's topology,
 * tests/fixtures/cluster.ts), with the replica's lag sampled during each run and the share of reads the replica
 * answered: transactions committed on each node during the run (pg_stat_database.xact_commit; every statement the
 * app sends outside a transaction is one, and the health probes, one a second per instance, are noise). Build first.
 * Markdown on stdout, progress on stderr.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";

import { Cluster, CLUSTER_DATABASE } from "../scripts/topology/cluster";
import { signIn } from "./sign-in";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "12" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("No production build in .next: run `npx next build` first.");
  process.exit(2);
}

type Row = {
  instances: number;
  page: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  maxLagBytes: number;
  maxLagMs: number;
  replicaShare: number;
};

async function commits(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<
      { n: string }[]
    >`select xact_commit::text as n from pg_stat_database where datname = ${CLUSTER_DATABASE}`;
    return Number(row!.n);
  } finally {
    await sql.end();
  }
}

async function run(cluster: Cluster, instances: number, page: string, cookie?: string): Promise<Row> {
  const primary = postgres(cluster.primaryUrl, { max: 1, onnotice: () => {} });
  let maxLagBytes = 0;
  let maxLagMs = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await primary<{ bytes: string | null; ms: number | null }[]>`
        select pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text as bytes,
               (extract(epoch from replay_lag) * 1000)::float8 as ms
        from pg_stat_replication limit 1`;
      maxLagBytes = Math.max(maxLagBytes, Number(row?.bytes ?? 0));
      maxLagMs = Math.max(maxLagMs, row?.ms ?? 0);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  // Warm every instance (and its connections) first.
  await autocannon({ url: cluster.url + page, connections, duration: 3, headers: cookie ? { cookie } : {} });
  // pg_stat_database is flushed by each backend about once a second: settle, count, run, settle, count.
  await new Promise((r) => setTimeout(r, 1_500));
  const [p0, r0] = await Promise.all([commits(cluster.primaryUrl), commits(cluster.replicaUrl)]);
  const result = await autocannon({
    url: cluster.url + page,
    connections,
    duration,
    headers: cookie ? { cookie } : {},
  });
  await new Promise((r) => setTimeout(r, 1_500));
  const [p1, r1] = await Promise.all([commits(cluster.primaryUrl), commits(cluster.replicaUrl)]);
  sampling = false;
  await sampler;
  await primary.end();
  const onReplica = r1 - r0;
  const onPrimary = p1 - p0;
  return {
    instances,
    page,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    maxLagBytes,
    maxLagMs,
    replicaShare: onReplica / Math.max(1, onReplica + onPrimary),
  };
}

const rows: Row[] = [];
for (const instances of [1, 3]) {
  console.error(`starting a cluster with ${instances} instance(s)…`);
  const cluster = await Cluster.start({
    instances,
    pgPortBase: Number(process.env.CLUSTER_PG_PORT_BASE ?? 5600),
    appPortBase: Number(process.env.CLUSTER_APP_PORT_BASE ?? 3600),
    log: (line) => console.error(`  … ${line}`),
  });
  try {
    await cluster.waitForReplica();
    const cookie = await signIn(cluster.url, "carla@platter.test", "platter-demo");
    for (const [page, who] of [
      ["/profile", cookie],
      ["/r/taqueria-sol", undefined],
    ] as const) {
      console.error(`  ${page} with ${instances} instance(s)`);
      rows.push(await run(cluster, instances, page, who));
    }
  } finally {
    await cluster.stop();
  }
}

console.log(
  `${os.cpus().length} cores, ${duration} s per row, ${connections} connections, load average ${os.loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log("| instances | page | req/s | p50 ms | p99 ms | non-2xx | max replica lag | reads on the replica |");
console.log("|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.instances} | ${r.page} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ` +
      `${r.maxLagBytes} bytes, ${r.maxLagMs.toFixed(1)} ms | ${(r.replicaShare * 100).toFixed(0)}% |`,
  );
}
if (rows.some((r) => r.non2xx > 0)) process.exitCode = 1;
