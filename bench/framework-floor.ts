/**
 * npm run bench:framework-floor [-- --rounds 4 --duration 10 --connections 4 --cache-components]
 *
 * What Next.js itself costs a dynamic page on this machine, with no app around it. Issue 8 asks `/profile` to serve
 * 40% of the requests/s of a route handler that answers `null`; this measures the most any page can reach. It writes
 * a throw-away app to a temporary directory (an empty root layout; `/p`, a dynamic page that renders `<p>hello</p>`;
 * `/api/floor`, a dynamic route handler that answers `null`), builds it with this project's Next.js, React and
 * settings' defaults, starts it, and runs autocannon on the two alternately, `--rounds` times, after a warm-up of
 * both. No database, no Auth.js, no CSS: whatever the page reaches is the framework's own ceiling.
 * `--cache-components` builds it with Next.js' Cache Components (partial prerendering): the page becomes a
 * prerendered shell with the paragraph in a Suspense boundary, rendered per request.
 *
 * Markdown on stdout, progress on stderr. The temporary app is removed at the end.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

import { freePort, startNext } from "./next-server";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "4" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "4" },
    "cache-components": { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const cacheComponents = values["cache-components"]!;

// The whole app. `connection()` makes both dynamic: rendered on every request, as every page of Platter is.
const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "framework-floor", private: true, type: "module" }),
  // node_modules is a link into this project; Turbopack resolves only below its root, so the root is "/".
  "next.config.mjs": `export default { turbopack: { root: "/" }${cacheComponents ? ", cacheComponents: true" : ""} };\n`,
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "esnext"],
      strict: true,
      module: "esnext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
      esModuleInterop: true,
    },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
  "app/layout.tsx": [
    `import type { ReactNode } from "react";`,
    `export default function RootLayout({ children }: { children: ReactNode }) {`,
    `  return (<html lang="en"><body>{children}</body></html>);`,
    `}`,
  ].join("\n"),
  "app/p/page.tsx": cacheComponents
    ? [
        `import { Suspense } from "react";`,
        `import { connection } from "next/server";`,
        `async function Hello() {`,
        `  await connection();`,
        `  return <p>hello</p>;`,
        `}`,
        `export default function Page() {`,
        `  return <Suspense><Hello /></Suspense>;`,
        `}`,
      ].join("\n")
    : [
        `import { connection } from "next/server";`,
        `export default async function Page() {`,
        `  await connection();`,
        `  return <p>hello</p>;`,
        `}`,
      ].join("\n"),
  "app/api/floor/route.ts": [
    `import { connection } from "next/server";`,
    `export async function GET() {`,
    `  await connection();`,
    `  return Response.json(null);`,
    `}`,
  ].join("\n"),
};

const nextVersion = () =>
  (JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/next/package.json"), "utf8")) as { version: string })
    .version;

async function load(base: string, pathname: string) {
  const result = await autocannon({ url: base + pathname, connections, duration });
  if (result.non2xx || result.errors || result.timeouts)
    throw new Error(`${pathname}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "platter-framework-floor-"));
  try {
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    symlinkSync(path.join(process.cwd(), "node_modules"), path.join(dir, "node_modules"));
    console.error(`Building the bare app in ${dir} ...`);
    execFileSync(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
      cwd: dir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });

    const server = await startNext({
      cwd: dir,
      port: await freePort(),
      readyPath: "/api/floor",
      logName: "framework-floor",
    });
    try {
      const bytes = (await (await fetch(`${server.base}/p`)).arrayBuffer()).byteLength;
      console.error("Warming up both routes ...");
      await load(server.base, "/api/floor");
      await load(server.base, "/p");

      const rows: string[] = [];
      for (let round = 1; round <= rounds; round++) {
        const floor = await load(server.base, "/api/floor");
        const page = await load(server.base, "/p");
        const share = (100 * page.reqPerSec) / floor.reqPerSec;
        console.error(`round ${round}: floor ${floor.reqPerSec.toFixed(1)}, page ${page.reqPerSec.toFixed(1)} req/s`);
        rows.push(
          `| ${round} | ${floor.reqPerSec.toFixed(1)} | ${floor.p50} / ${floor.p99} | ${page.reqPerSec.toFixed(1)} | ` +
            `${page.p50} / ${page.p99} | ${share.toFixed(1)}% |`,
        );
      }
      console.log(`## bench:framework-floor (${new Date().toISOString()})`);
      console.log("");
      console.log(
        `- Next.js ${nextVersion()}, ` +
          `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); autocannon ` +
          `${connections} connections × ${duration} s per row, route handler first in each round; ` +
          `${cacheComponents ? "Cache Components on (a prerendered shell, the paragraph in Suspense); " : ""}the page is ` +
          `${bytes.toLocaleString("en-US")} bytes`,
      );
      console.log("");
      console.log(
        "| round | route handler req/s | p50 / p99 ms | `<p>hello</p>` page req/s | p50 / p99 ms | page / handler |",
      );
      console.log("|---:|---:|---:|---:|---:|---:|");
      for (const row of rows) console.log(row);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
