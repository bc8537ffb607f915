/**
 * The client's address for throttling and the sessions list: the first hop of `x-forwarded-for`, else `x-real-ip`,
 * without a port.
 * Only trustworthy behind a proxy that sets these headers itself (overwriting what the client sent). Next.js fills
 * `x-forwarded-for` with the socket address only when the request has none, so a client talking to the app
 * directly can choose its own value: then the per-address limit is advisory, and the per-account limit is the one
 * that holds (decision 0007).
 */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim();
  if (!candidate) return null;
  // Addresses only (IPv4, IPv6, an optional port or zone): anything else is not an address we key on.
  if (!/^[0-9A-Za-z.:%[\]-]{1,100}$/.test(candidate)) return null;
  // The port is the connection's, not the client's: a proxy writing "203.0.113.9:51234" (or "[2001:db8::1]:443")
  // gave every new connection of one client a key of its own, and the per-address limit never filled. An IPv4
  // client of a dual-stack socket arrives as "::ffff:203.0.113.9": one client, one key, and the sessions list
  // shows the address people know.
  return candidate
    .toLowerCase()
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
