import { hostname } from "node:os";

import { env } from "@/lib/env";

/**
 * Which app process answered: PLATTER_INSTANCE_ID, or host:pid. Sent as `x-platter-instance` on every answer
 * (proxy.ts), so that operators and the cluster tests can see how a load balancer spreads requests.
 */
export const INSTANCE_HEADER = "x-platter-instance";

let id: string | undefined;

export function instanceId(): string {
  id ??= env().PLATTER_INSTANCE_ID || `${hostname()}:${process.pid}`;
  return id;
}
