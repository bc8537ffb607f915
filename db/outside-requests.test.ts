import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";

import { captureStartupContext, outsideRequests } from "./outside-requests";

describe("outsideRequests", () => {
  it("makes a timer inside a request that runs without the request's context, once start-up was captured", async () => {
    const request = new AsyncLocalStorage<string>();
    const seenBy = (made: (fn: () => void) => void) =>
      new Promise<string | undefined>((resolve) =>
        request.run("first request", () => made(() => resolve(request.getStore()))),
      );

    // Before start-up is captured (tests, scripts), it runs where it is: the timer keeps the request.
    expect(await seenBy((fn) => outsideRequests(() => setTimeout(fn, 1)))).toBe("first request");
    captureStartupContext();
    try {
      expect(await seenBy((fn) => outsideRequests(() => setTimeout(fn, 1)))).toBeUndefined();
      // What runs in there is given back.
      expect(request.run("a request", () => outsideRequests(() => 42))).toBe(42);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("platter.startupContext")];
    }
  });
});
