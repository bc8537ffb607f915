import { describe, expect, it, vi } from "vitest";

import { listenOn, listenOnOwnClient } from "./client";

type Registered = { fn: (payload: string) => void; onlisten?: () => void };

/** A postgres.js client's listen as it behaves: it keeps every listener it was given, whether its LISTEN worked or not. */
function clientThat(works: boolean) {
  const registered: Registered[] = [];
  const client = {
    listen: async (_channel: string, fn: Registered["fn"], onlisten?: () => void) => {
      registered.push({ fn, onlisten });
      if (!works) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      onlisten?.();
      return {
        state: {},
        // As on a connection that broke: the UNLISTEN cannot be sent.
        unlisten: async () => Promise.reject(new Error("write CONNECTION_CLOSED 127.0.0.1:5432")),
      };
    },
  };
  const ended = vi.fn(async () => {});
  return { client: { ...client, end: ended } as unknown as Parameters<typeof listenOn>[0], registered, ended };
}

describe("listenOn", () => {
  it("hands notifications to a listener whose LISTEN worked", async () => {
    const { client, registered } = clientThat(true);
    const onPayload = vi.fn();
    const onListen = vi.fn();
    await listenOn(client)("order_events", onPayload, onListen);
    registered[0]!.fn('{"id":1}');
    expect(onPayload).toHaveBeenCalledWith('{"id":1}');
    expect(onListen).toHaveBeenCalledTimes(1);
  });

  it("leaves a listener whose LISTEN failed inert when the client listens for it again after a reconnect", async () => {
    const { client, registered } = clientThat(false);
    const onPayload = vi.fn();
    const onListen = vi.fn();
    await expect(listenOn(client)("order_events", onPayload, onListen)).rejects.toThrow(/ECONNREFUSED/);
    // postgres.js' reconnect: every listener kept is listened for again and hears what follows.
    registered[0]!.onlisten?.();
    registered[0]!.fn('{"id":1}');
    expect(onPayload).not.toHaveBeenCalled();
    expect(onListen).not.toHaveBeenCalled();
  });
});

describe("listenOnOwnClient", () => {
  it("ends the client of a LISTEN that failed, so that nothing keeps its listener or retries it", async () => {
    const clients = [clientThat(false), clientThat(false), clientThat(true)];
    const opened = [...clients];
    const listen = listenOnOwnClient("postgres://unused", {}, async () => opened.shift()!.client as never);
    const onPayload = vi.fn();
    await expect(listen("order_events", onPayload)).rejects.toThrow(/ECONNREFUSED/);
    await expect(listen("order_events", onPayload)).rejects.toThrow(/ECONNREFUSED/);
    expect(clients.map((c) => c.ended.mock.calls.length)).toEqual([1, 1, 0]);

    // The next stream's LISTEN, once the database is back, is on a client of its own, ended when it stops, even
    // when its connection broke meanwhile (its UNLISTEN would fail).
    const unlisten = await listen("order_events", onPayload);
    clients[2]!.registered[0]!.fn('{"id":1}');
    expect(onPayload).toHaveBeenCalledTimes(1);
    await unlisten();
    expect(clients.map((c) => c.ended.mock.calls.length)).toEqual([1, 1, 1]);
  });
});
