import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { auditLog, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { requireAdmin } from "@/lib/admin/page-guard";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { TIME_ZONE_COOKIE } from "@/lib/time-zone";
import AuditPage from "@/app/(admin)/admin/audit/page";
import { GET as exportOrders } from "@/app/(admin)/admin/export/orders/route";
import { GET as exportUsers } from "@/app/(admin)/admin/export/users/route";
import AdminOrdersPage from "@/app/(admin)/admin/orders/page";
import AdminRestaurantPage from "@/app/(admin)/admin/restaurants/[slug]/page";
import NewRestaurantPage from "@/app/(admin)/admin/restaurants/new/page";
import AdminRestaurantsPage from "@/app/(admin)/admin/restaurants/page";
import RevenuePage from "@/app/(admin)/admin/revenue/page";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { cookieJar } from "../fixtures/next-headers";
import { elementsOf } from "../fixtures/page-tree";

// Route handlers and pages read the signed-in user from the Auth.js cookie, and the viewer's zone from its own
// cookie; here the test chooses both.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

describe.each(DRIVERS)("admin routes on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => {
    session.viewer = null;
    cookieJar.clear();
  });

  async function viewerFor(email: string) {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    return (await findActiveViewer(row!.id))!;
  }
  const auditCount = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
    )[0]!.n;

  beforeAll(async () => {
    await seedDemo(db());
  });

  /** The new admin pages as Next.js renders them, with a filter each, so that a filter never opens a way in. */
  const adminPages = () => {
    const search = (params: Record<string, string>) => ({ searchParams: Promise.resolve(params) }) as never;
    return [
      () => AdminRestaurantsPage(search({ q: "a" })),
      () => NewRestaurantPage(),
      () =>
        AdminRestaurantPage({
          params: Promise.resolve({ slug: "trattoria-luce" }),
          searchParams: Promise.resolve({ user: "carla" }),
        } as never),
      () => AdminOrdersPage(search({ customer: "carla", status: "placed" })),
      () => AuditPage(search({ action: "user.role_change" })),
      () => RevenuePage(search({ page: "1" })),
    ];
  };

  it("renders the new admin pages for an admin, a bad filter as a message and a foreign cursor as a 404", async () => {
    session.viewer = await viewerFor("admin@platter.test");
    for (const page of adminPages()) expect(await page()).toBeTruthy();
    const search = (params: Record<string, string>) => ({ searchParams: Promise.resolve(params) }) as never;
    await expect(AdminOrdersPage(search({ before: "junk" }))).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(AdminRestaurantsPage(search({ after: "-1" }))).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    // The demo's restaurants fit one page of the revenue table: a page past it, or no page number, is not found.
    for (const page of ["2", "0", "1.5", "9".repeat(30), "\u0000"])
      await expect(RevenuePage(search({ page }))).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(
      AdminRestaurantPage({
        params: Promise.resolve({ slug: "no-such-place" }),
        searchParams: Promise.resolve({}),
      } as never),
    ).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    // Reversed and impossible dates, NUL bytes and huge numbers render the page with messages, not a 500.
    expect(
      await AdminOrdersPage(search({ from: "2026-12-01", to: "2026-01-01", number: "9".repeat(30) })),
    ).toBeTruthy();
    expect(await AuditPage(search({ from: "2026-02-30", actor: "\u0000" }))).toBeTruthy();
  });

  it("answers 404 to anonymous visitors, customers and owners, and records nothing", async () => {
    const before = await auditCount();
    for (const who of [null, "dan@platter.test", "olivia@platter.test"]) {
      session.viewer = who ? await viewerFor(who) : null;
      expect((await exportUsers(new Request("http://test/admin/export/users"))).status).toBe(404);
      expect(
        (await exportOrders(new Request("http://test/admin/export/orders?from=2026-01-01&to=2026-12-31"))).status,
      ).toBe(404);
      await expect(requireAdmin()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
      for (const page of adminPages()) await expect(page()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    expect(await auditCount()).toBe(before);
  });

  it("streams CSV to an admin, and explains a bad date range with a 400", async () => {
    session.viewer = await viewerFor("admin@platter.test");
    expect((await requireAdmin()).email).toBe("admin@platter.test");
    const users = await exportUsers(new Request("http://test/admin/export/users?q=carla&sort=name"));
    expect(users.status).toBe(200);
    const text = await users.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(text).toContain("carla@platter.test");

    const bad = await exportOrders(new Request("http://test/admin/export/orders?from=2026-12-01&to=2026-11-01"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/start date must not be after the end date/);
    cookieJar.set(TIME_ZONE_COOKIE, "Asia/Tokyo");
    const orders = await exportOrders(new Request("http://test/admin/export/orders?from=2000-01-01&to=2100-12-31"));
    expect(orders.status).toBe(200);
    expect((await orders.text()).split("\r\n").filter(Boolean).length).toBeGreaterThan(300);
    // The range's days are the admin's own, and the audit entry says whose.
    const [entry] = await db()
      .select()
      .from(auditLog)
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry!.details).toEqual({ filter: { from: "2000-01-01", to: "2100-12-31", zone: "Asia/Tokyo" } });
  });

  it("sends a browser back to the export's form with a refused range's messages, exporting and recording nothing", async () => {
    session.viewer = await viewerFor("admin@platter.test");
    const before = await auditCount();
    const navigate = { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" };
    const exportForm = async (params: Record<string, string | string[]>) => {
      const page = await RevenuePage({ searchParams: Promise.resolve(params) } as never);
      return [...elementsOf(page)].find((e) => e.props.errors !== undefined && e.props.values !== undefined)!.props;
    };
    for (const [query, errors] of [
      ["from=2026-05-01&to=2026-04-01", { to: ["The start date must not be after the end date."] }],
      ["from=garbage", { from: ["Use a date like 2026-01-31."] }],
      [
        "from=2026-02-30&to=2026-03-01&to=2026-03-02",
        { from: ["That date does not exist."], to: ["Use a date like 2026-01-31."] },
      ],
    ] as const) {
      const answer = await exportOrders(new Request(`http://test/admin/export/orders?${query}`, { headers: navigate }));
      expect(answer.status, query).toBe(303);
      const location = answer.headers.get("location")!;
      expect(location, query).toBe(`/admin/revenue?${query}#orders-export`);
      // The page the browser lands on (a repeated parameter as a list, as Next.js passes it) shows the dates as
      // given, each with what is wrong with it.
      const landed = new URL(location, "http://test").searchParams;
      const values = (key: string) => (landed.getAll(key).length > 1 ? landed.getAll(key) : landed.get(key)!);
      const form = await exportForm(Object.fromEntries([...new Set(landed.keys())].map((key) => [key, values(key)])));
      expect(form.errors, query).toEqual(errors);
      expect(form.values, query).toMatchObject({ from: landed.get("from") });
      // A script (no Sec-Fetch-Mode) still gets the 400 it relies on.
      const scripted = await exportOrders(new Request(`http://test/admin/export/orders?${query}`));
      expect(scripted.status, query).toBe(400);
    }
    // Without a refused range the form starts with the last 30 days and no message.
    expect((await exportForm({})).errors).toEqual({});
    expect(await auditCount()).toBe(before);
  });
});
