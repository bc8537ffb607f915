import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

/**
 * A client navigation (`RSC: 1`) sends the router's state in `Next-Router-State-Tree`; Next.js parses it while
 * rendering and, when it cannot (not URI-encoded JSON of the router's shape, or over 40 KB), throws, which answers
 * a 500. The proxy asks Next.js' own parser first, so that the rule is exactly Next.js', and answers 400 instead.
 */
export function isReadableRouterState(headers: Pick<Headers, "get">): boolean {
  const state = headers.get("next-router-state-tree");
  if (headers.get("rsc") !== "1" || state === null) return true;
  try {
    parseAndValidateFlightRouterState(state);
    return true;
  } catch {
    return false;
  }
}
