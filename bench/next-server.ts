// `next start` as the HTTP benchmarks run it (bench/http.ts, bench/framework-floor.ts): its own process group, a
// log file, killed at the end, on error and on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The last lines of a file, or "(no log)". */
export const tail = (file: string, lines = 40) => {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
};

/** A port nobody listens on now (or `fixed`, when the caller was told one). */
export async function freePort(fixed?: number): Promise<number> {
  if (fixed) return fixed;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type NextServer = { base: string; logPath: string; stop: () => Promise<void> };

const running = new Set<ChildProcess>();

function kill(server: ChildProcess, signal: NodeJS.Signals) {
  if (!server.pid || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, signal); // its own process group (detached): next and anything it started
  } catch {
    try {
      server.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

process.on("exit", () => running.forEach((s) => kill(s, "SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server.`);
    running.forEach((s) => kill(s, "SIGKILL"));
    process.exit(130);
  });
}

/**
 * Starts the production build in `cwd` (`next start`, NODE_ENV=production, no telemetry) on 127.0.0.1:`port`, with
 * `env` on top of this process' environment (a key set to undefined is removed), and waits until `readyPath`
 * answers 2xx (90 s at most).
 */
export async function startNext(options: {
  cwd: string;
  port: number;
  env?: Record<string, string | undefined>;
  readyPath: string;
  logName: string;
}): Promise<NextServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const nextBin = path.join(options.cwd, "node_modules", "next", "dist", "bin", "next");
  const logPath = path.join(os.tmpdir(), `${options.logName}-${options.port}.log`);
  const log = createWriteStream(logPath);
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: options.cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(server);
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);

  const stop = async () => {
    const exited = new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve();
      else server.once("exit", () => resolve());
    });
    kill(server, "SIGTERM");
    const timer = setTimeout(() => kill(server, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    running.delete(server);
  };

  const base = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`next start exited with ${server.exitCode}; its log:\n${tail(logPath)}`);
    try {
      const res = await fetch(`${base}${options.readyPath}`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return { base, logPath, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`next start was not ready after 90 s; its log:\n${tail(logPath)}`);
}
