import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and resolves its files at run time; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "drizzle-orm", "postgres", "zod"],
  poweredByHeader: false,
  // Several instances behind one load balancer run ONE build (decision 0015). The deployment id (set per release
  // at build time) lets a browser holding an older release's pages reload instead of mixing versions; unset, one
  // instance needs none. Server action ids and closures are sealed with NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, which
  // Next.js reads at build time: set it when several builds must accept each other's actions.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  // `npm run dev` opened at 127.0.0.1 rather than localhost: without this, Next.js blocks its own live reload.
  allowedDevOrigins: ["127.0.0.1"],
  // Lets proxy.ts see a client navigation's own headers (RSC, Next-Router-State-Tree), which Next.js otherwise hides
  // from it, so that it can answer an unreadable router state with a 400 where Next.js would throw a 500
  // (lib/http/router-state.ts). The URL normalization this also skips is for the Pages Router's data routes, which
  // this app does not have.
  skipProxyUrlNormalize: true,
};

export default nextConfig;
