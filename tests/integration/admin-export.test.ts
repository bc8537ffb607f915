import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, orders, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { orderRangeSchema } from "@/lib/admin/schema";
import { EXPORT_BATCH, exportOrdersCsv, exportUsersCsv, ORDERS_CSV_HEADER, USERS_CSV_HEADER } from "@/lib/admin/export";
import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { DRIVERS, freshDatabase } from "../fixtures/db";
import { parseCsv } from "../fixtures/csv";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";


/** Reads a streamed body chunk by chunk, as the browser's download does. */
async function readBody(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  return { rows: parseCsv(text + decoder.decode()), chunks };
}

describe.each(DRIVERS)("admin CSV exports on %s", (driver) => {
  const db = freshDatabase(driver);

  async function viewerFor(email: string): Promise<Viewer> {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    return (await findActiveViewer(row!.id))!;
  }
  const auditRows = () => db().select().from(auditLog).orderBy(sql`${auditLog.id} desc`);

  it("seeds the demo data and a user whose name would be a formula", async () => {
    await seedDemo(db());
    const sneaky = await createUser(db(), { name: '=HYPERLINK("http://x","Click, me")', email: "sneaky@example.test" });
    const { restaurant } = await createRestaurant(db());
    await createOrders(db(), { customerId: sneaky.profile.id, restaurantId: restaurant.id, count: 2, lines: [{ menuItemId: null, name: "Tea", unitPriceCents: 1250, quantity: 1 }] });
  });

  it("exports every user with the same order count and total as the users' table, and records who asked", async () => {
    const admin = await viewerFor("admin@platter.test");
    const response = await exportUsersCsv({ viewer: admin });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="platter-users-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { rows } = await readBody(response);
    expect(rows[0]).toEqual(USERS_CSV_HEADER);
    const table = (await listUserTotals({ viewer: admin })).rows;
    expect(rows.slice(1)).toEqual(
      table.map((u) => [
        u.slug,
        u.displayName.startsWith("=") ? `'${u.displayName}` : u.displayName,
        u.email,
        u.role,
        String(u.disabled),
        String(u.orderCount),
        (u.totalPurchaseCents / 100).toFixed(2),
        String(u.totalPurchaseCents),
      ]),
    );
    const sneaky = rows.find((r) => r[2] === "sneaky@example.test")!;
    expect(sneaky[1]).toBe(`'=HYPERLINK("http://x","Click, me")`);
    expect(sneaky.slice(5)).toEqual(["2", "25.00", "2500"]);

    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: "export.users", actorProfileId: admin.profileId, details: { filter: { sort: "total", search: null } } });
    expect(Date.now() - entry!.createdAt.getTime()).toBeLessThan(60_000);
  });

  it("exports the orders of a date range, whole UTC days inclusive, with their stored totals", async () => {
    const admin = await viewerFor("admin@platter.test");
    const day = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const to = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const { rows } = await readBody(await exportOrdersCsv({ viewer: admin, range: { from: day, to } }));
    expect(rows[0]).toEqual(ORDERS_CSV_HEADER);
    const expected = await db()
      .select({ id: orders.id, totalCents: orders.totalCents, status: orders.status })
      .from(orders)
      .where(sql`${orders.placedAt} >= ${`${day}T00:00:00Z`}::timestamptz and ${orders.placedAt} < (${`${to}T00:00:00Z`}::timestamptz + interval '1 day')`)
      .orderBy(orders.placedAt, orders.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [Number(r[0]), r[2], r[6], Number(r[7])])).toEqual(
      expected.map((o) => [o.id, o.status, (o.totalCents / 100).toFixed(2), o.totalCents]),
    );
    for (const r of rows.slice(1)) expect(r[1]! >= `${day}T00:00:00.000Z` && r[1]! < `${to}T23:59:59.999Z~`).toBe(true);
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: "export.orders", actorProfileId: admin.profileId, details: { filter: { from: day, to } } });
  });

  it("streams a large export in batches of a thousand rows, every order exactly once", async () => {
    const admin = await viewerFor("admin@platter.test");
    const customer = await createUser(db());
    const { restaurant } = await createRestaurant(db());
    await createOrders(db(), { customerId: customer.profile.id, restaurantId: restaurant.id, count: 2 * EXPORT_BATCH + 10, lines: [{ menuItemId: null, name: "Bun", unitPriceCents: 199, quantity: 2 }] });
    const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(orders)) as [{ n: number }];
    const { rows, chunks } = await readBody(await exportOrdersCsv({ viewer: admin, range: {} }));
    expect(rows).toHaveLength(n + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(n);
    // The header, then one chunk per batch: never the whole file at once.
    expect(chunks).toBe(1 + Math.ceil(n / EXPORT_BATCH));
  });

  it("explains a bad date range instead of exporting", () => {
    expect(orderRangeSchema.safeParse({ from: "2026-02-30", to: null }).success).toBe(false);
    expect(orderRangeSchema.safeParse({ from: "yesterday", to: null }).success).toBe(false);
    const reversed = orderRangeSchema.safeParse({ from: "2026-11-25", to: "2026-11-01" });
    expect(reversed.success ? null : reversed.error.issues[0]?.message).toBe("The start date must not be after the end date.");
    expect(orderRangeSchema.parse({ from: "", to: null })).toEqual({});
  });

  it("refuses customers and owners before writing the audit log or reading a row", async () => {
    const before = (await auditRows()).length;
    for (const email of ["dan@platter.test", "olivia@platter.test"]) {
      const viewer = await viewerFor(email);
      await expect(exportUsersCsv({ viewer })).rejects.toThrow("admin only");
      await expect(exportOrdersCsv({ viewer, range: {} })).rejects.toThrow("admin only");
    }
    expect(await auditRows()).toHaveLength(before);
  });
});
