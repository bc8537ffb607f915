/**
 * npm run cluster: the scale-out topology on this machine (docs/deploy.md), from the production build in .next:
 * a primary and a streaming replica (throwaway clusters, migrated and seeded), PgBouncer in transaction pooling,
 * three `next start` and nginx round-robin in front. Prints where each part is; Ctrl-C stops them all.
 * Needs the PostgreSQL server binaries, pgbouncer and nginx (Debian: apt-get install -y pgbouncer nginx).
 * Ports: CLUSTER_PG_PORT_BASE (default 5600) + 1..4, CLUSTER_APP_PORT_BASE (default 3600) + 1..3.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { Cluster } from "./topology/cluster";

if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("No production build in .next: run `npx next build` first.");
  process.exit(2);
}

const cluster = await Cluster.start({
  pgPortBase: Number(process.env.CLUSTER_PG_PORT_BASE ?? 5600),
  appPortBase: Number(process.env.CLUSTER_APP_PORT_BASE ?? 3600),
  log: (line) => console.error(`… ${line}`),
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

const p = cluster.ports;
console.log(`
Platter cluster running (demo accounts: password platter-demo)
  load balancer (nginx)  ${cluster.url}
  app instances          ${p.apps.map((port) => `http://127.0.0.1:${port}`).join("  ")}
  PgBouncer (primary)    ${cluster.pooledUrl}
  primary                ${cluster.primaryUrl}
  replica                ${cluster.replicaUrl}
  logs                   /tmp/platter-cluster
Ctrl-C stops everything.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error("\nstopping…");
    void cluster.stop().then(() => process.exit(0));
  });
}
// Keep the process alive until a signal comes.
setInterval(() => {}, 1 << 30);
