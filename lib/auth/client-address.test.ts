import { describe, expect, it } from "vitest";

import { clientAddress } from "./client-address";

const from = (headers: Record<string, string>) => clientAddress(new Headers(headers));

describe("clientAddress", () => {
  it("takes the first forwarded hop without its port, an IPv4 client of a dual-stack socket as its IPv4 address", () => {
    expect(from({ "x-forwarded-for": "::ffff:203.0.113.9, 10.0.0.1" })).toBe("203.0.113.9");
    expect(from({ "x-forwarded-for": "2001:DB8::1" })).toBe("2001:db8::1");
    expect(from({ "x-real-ip": "198.51.100.7" })).toBe("198.51.100.7");
    // A port is the connection's: every connection of one client is one key.
    expect(from({ "x-forwarded-for": "203.0.113.9:51234" })).toBe("203.0.113.9");
    expect(from({ "x-forwarded-for": "203.0.113.9:51235, 10.0.0.1" })).toBe("203.0.113.9");
    expect(from({ "x-forwarded-for": "[2001:DB8::1]:443" })).toBe("2001:db8::1");
    expect(from({ "x-forwarded-for": "[::ffff:203.0.113.9]:8080" })).toBe("203.0.113.9");
    expect(from({ "x-real-ip": "[fe80::1%eth0]" })).toBe("fe80::1%eth0");
    // Not an address: no key, rather than a key the client wrote.
    expect(from({ "x-forwarded-for": "<script>" })).toBeNull();
    expect(from({})).toBeNull();
  });
});
