import { env } from "@/lib/env";

import { RESET_TOKEN_MINUTES } from "./reset-schema";

/** A developer's own machine: a link there can only reach the person who asked from it. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const HOST_SHAPE = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

/**
 * The origin that reset links point to: AUTH_URL when set. Otherwise the request's own origin, but only when its
 * host is a loopback name or listed in PLATTER_ALLOWED_HOSTS. The Host (and X-Forwarded-Host) header is the
 * visitor's to choose: trusting it would let anyone have the app mail a victim a genuine reset link that points at
 * the attacker's site, which then receives the token (Host header injection, decision 0017). null when no origin
 * may be used: then no link is made and the caller logs why.
 */
export function resetLinkOrigin(headers: Pick<Headers, "get">): string | null {
  const { AUTH_URL, PLATTER_ALLOWED_HOSTS = [] } = env();
  if (AUTH_URL) return AUTH_URL;
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim().toLowerCase() || undefined;
  const host = first("x-forwarded-host") ?? first("host");
  if (!host || !HOST_SHAPE.test(host)) return null;
  const url = new URL(`${first("x-forwarded-proto") === "https" ? "https" : "http"}://${host}`);
  const allowed = LOOPBACK.has(url.hostname) || PLATTER_ALLOWED_HOSTS.some((h) => h === host || h === url.hostname);
  return allowed ? url.origin : null;
}

export const resetLink = (origin: string, token: string) => `${origin}/reset-password?token=${token}`;

/** The mail's words: what happened, the link, how long it works, and what to do if it was not you. */
export function resetMail({ to, link }: { to: string; link: string }) {
  return {
    to,
    subject: "Reset your Platter password",
    text: [
      "Hello,",
      "",
      "Someone (hopefully you) asked to reset the password of the Platter account for this address.",
      `To choose a new password, open this link within ${RESET_TOKEN_MINUTES} minutes:`,
      "",
      link,
      "",
      "The link works once. Setting a new password signs the account out everywhere.",
      "If you did not ask for this, ignore this mail: your password stays as it is.",
      "",
      "Platter",
    ].join("\n"),
  };
}
