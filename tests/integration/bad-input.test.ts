import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import UserProfilePage from "@/app/(account)/u/[slug]/page";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { cookieJar } from "../fixtures/next-headers";

/*
 * Bad input in a page's dynamic segment must end in Next's notFound() (404) or a redirect to sign in, never in an
 * exception Next.js would answer with a 500. The session module keeps its real redirect/404 behaviour here, with
 * the test choosing who is signed in.
 */
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", async () => {
  const { notFound, redirect } = await import("next/navigation");
  return {
    getViewer: async () => session.viewer,
    requireUser: async (returnTo = "/") => {
      if (!session.viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
      return session.viewer;
    },
    requireRole: async (roles: readonly string[], returnTo = "/") => {
      if (!session.viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
      if (!roles.includes(session.viewer!.role)) notFound();
      return session.viewer;
    },
  };
});
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

const digestOf = (error: unknown) =>
  error && typeof error === "object" && "digest" in error ? String((error as { digest: unknown }).digest) : "";

/** How a page call ended: "404", "redirect <url>", "rendered", or the exception a 500 would carry. */
async function outcome(render: () => unknown): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = digestOf(error);
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    return `500: ${(error as Error).message}`;
  }
}

describe.each(DRIVERS)("bad input in page addresses on %s", (driver) => {
  const db = freshDatabase(driver);
  let carla: Viewer;
  beforeAll(async () => {
    await seedDemo(db());
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, "carla@platter.test"));
    carla = (await findActiveViewer(row!.id))!;
  });
  beforeEach(() => {
    session.viewer = null;
    cookieJar.clear();
  });

  // /u/[slug] builds the sign-in return address with encodeURIComponent before it checks the slug, and
  // encodeURIComponent throws URIError ("URI malformed") on a lone UTF-16 surrogate. Every other [slug] page checks
  // the slug (pathSlug) first. Over HTTP Next.js and proxy.ts refuse a path that does not decode (a lone surrogate
  // cannot come out of UTF-8), so this is defence in depth: the page's own guard does not hold for such a slug.
  it("answers a profile slug holding a lone surrogate with a 404, or sign-in for a visitor, not a URIError", async () => {
    const page = (slug: string) => () =>
      UserProfilePage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) } as never);
    // The baseline: an ordinary bad slug is a 404 signed in, and sign-in for a visitor.
    session.viewer = carla;
    expect(await outcome(page("no-such-person"))).toBe("404");
    expect(await outcome(page("\u0000"))).toBe("404");
    for (const slug of ["\uD800", "carla\uDFFF", "\uDC00\uD800"]) {
      session.viewer = carla;
      expect(await outcome(page(slug)), JSON.stringify(slug)).toBe("404");
      session.viewer = null;
      expect(await outcome(page(slug)), JSON.stringify(slug)).toMatch(/^(404|redirect \/sign-in\?callbackUrl=)/);
    }
  });
});
