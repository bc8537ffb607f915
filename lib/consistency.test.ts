import { describe, expect, it, vi } from "vitest";

import type { setConsistencyHooks } from "@/db/replicas";

type Hooks = Parameters<typeof setConsistencyHooks>[0];
const captured = vi.hoisted(() => ({ hooks: undefined as unknown }));
const jar = vi.hoisted(() => new Map<string, string>());

vi.mock("server-only", () => ({}));
vi.mock("@/db/replicas", () => ({
  lsnValue: () => BigInt(0),
  setConsistencyHooks: (hooks: unknown) => (captured.hooks = hooks),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
  }),
  headers: async () => new Headers(),
}));

describe("the read-your-writes cookie", () => {
  it("holds the writer to the primary when the WAL position cannot be read after their write", async () => {
    await import("./consistency");
    const { written } = captured.hooks as Hooks;
    await written(async () => "16/B374D848");
    expect(jar.get("platter-wal")).toBe("16/B374D848");
    // The write committed; the statement after it failed. "0/0" or the older position would let any replica
    // serve the writer's next page, from before their write.
    await written(() => Promise.reject(new Error("connection dropped")));
    expect(jar.get("platter-wal")).toBe("FFFFFFFF/FFFFFFFF");
  });
});
