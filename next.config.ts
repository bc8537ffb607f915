import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and resolves its files at run time; bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "drizzle-orm", "postgres", "zod"],
  poweredByHeader: false,
  // `npm run dev` opened at 127.0.0.1 rather than localhost: without this, Next.js blocks its own live reload.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
