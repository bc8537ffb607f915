import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { auditLog, orders, profiles, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { EXPORT_BATCH, exportOrdersCsv, exportUsersCsv, ORDERS_CSV_HEADER, USERS_CSV_HEADER } from "@/lib/admin/export";
import { orderRangeSchema } from "@/lib/admin/schema";
import { listUserTotals, type UserTotalsRow } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { APP_TIME_ZONE, appDay } from "@/lib/dates";

import { parseCsv } from "../fixtures/csv";
import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";

/** Reads a streamed body chunk by chunk, as the browser's download does; fails rather than reading forever. */
async function readBody(response: Response, { maxChunks = 10_000 } = {}) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (++chunks > maxChunks) {
      await reader.cancel();
      throw new Error("the export does not end");
    }
    text += decoder.decode(value, { stream: true });
  }
  return { rows: parseCsv(text + decoder.decode()), chunks };
}

const csvUser = (u: UserTotalsRow) => [
  String(u.profileId),
  u.slug,
  u.displayName.startsWith("=") ? `'${u.displayName}` : u.displayName,
  u.email,
  u.role,
  String(u.disabled),
  String(u.orderCount),
  (u.totalPurchaseCents / 100).toFixed(2),
  String(u.totalPurchaseCents),
];

describe.each(DRIVERS)("admin CSV exports on %s", (driver) => {
  const db = freshDatabase(driver);

  async function viewerFor(email: string): Promise<Viewer> {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    return (await findActiveViewer(row!.id))!;
  }
  const auditRows = () =>
    db()
      .select()
      .from(auditLog)
      .orderBy(sql`${auditLog.id} desc`);

  beforeAll(async () => {
    await seedDemo(db());
    const sneaky = await createUser(db(), { name: '=HYPERLINK("http://x","Click, me")', email: "sneaky@example.test" });
    const { restaurant } = await createRestaurant(db());
    await createOrders(db(), {
      customerId: sneaky.profile.id,
      restaurantId: restaurant.id,
      count: 2,
      lines: [{ menuItemId: null, name: "Tea", unitPriceCents: 1250, quantity: 1 }],
    });
    // The longest name the database allows in emoji: its sort-by-name cursor is the longest there is.
    const pizza = await createUser(db(), { name: "🍕".repeat(75), email: "pizza@example.test" });
    await createOrders(db(), {
      customerId: pizza.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: [{ menuItemId: null, name: "Pie", unitPriceCents: 900, quantity: 3 }],
    });
  });

  /** Every page of the users' table, following its cursors to the end. */
  async function wholeTable(viewer: Viewer, sort: "total" | "name") {
    const rows: UserTotalsRow[] = [];
    let after: Awaited<ReturnType<typeof listUserTotals>>["nextCursor"];
    do {
      const page = await listUserTotals({ viewer, sort, after, limit: 4 });
      rows.push(...page.rows);
      after = page.nextCursor;
    } while (after && rows.length < 10_000);
    return rows;
  }

  it(
    "exports every user once, in account order, with the same order count and total as the users' table, " +
      "and records who asked",
    async () => {
      const admin = await viewerFor("admin@platter.test");
      const response = await exportUsersCsv({ zone: "UTC", viewer: admin, batchSize: 3 });
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="platter-users-by-account-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const { rows } = await readBody(response);
      expect(rows[0]).toEqual(USERS_CSV_HEADER);
      for (const sort of ["total", "name"] as const) {
        const table = await wholeTable(admin, sort);
        expect(rows.slice(1)).toEqual(table.map(csvUser).sort((a, b) => Number(a[0]) - Number(b[0])));
      }
      const [{ n }] = (await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(profiles)) as [{ n: number }];
      expect(rows).toHaveLength(n + 1);
      const sneaky = rows.find((r) => r[3] === "sneaky@example.test")!;
      expect(sneaky[2]).toBe(`'=HYPERLINK("http://x","Click, me")`);
      expect(sneaky.slice(6)).toEqual(["2", "25.00", "2500"]);
      const pizza = rows.find((r) => r[3] === "pizza@example.test")!;
      expect([pizza[2], ...pizza.slice(6)]).toEqual(["🍕".repeat(75), "1", "27.00", "2700"]);

      const [entry] = await auditRows();
      expect(entry).toMatchObject({
        action: "export.users",
        actorProfileId: admin.profileId,
        details: { filter: { search: null }, order: "account" },
      });
      expect(Date.now() - entry!.createdAt.getTime()).toBeLessThan(60_000);
    },
  );

  it("ends an export whose search matches the long emoji name", async () => {
    const admin = await viewerFor("admin@platter.test");
    const { rows } = await readBody(await exportUsersCsv({ zone: "UTC", viewer: admin, search: "🍕", batchSize: 1 }), {
      maxChunks: 10,
    });
    expect(rows.slice(1).map((r) => r[3])).toEqual(["pizza@example.test"]);
  });

  it("exports a user exactly once even when totals change between batches", async () => {
    const admin = await viewerFor("admin@platter.test");
    const { restaurant } = await createRestaurant(db());
    const tag = `batchy-${Date.now()}`;
    const created = [];
    for (let i = 0; i < 10; i++) {
      const u = await createUser(db(), { name: `${tag} ${i}` });
      await createOrders(db(), {
        customerId: u.profile.id,
        restaurantId: restaurant.id,
        count: 1,
        lines: [{ menuItemId: null, name: "Dish", unitPriceCents: 100 * (i + 1), quantity: 1 }],
      });
      created.push(u);
    }
    const reader = (await exportUsersCsv({ zone: "UTC", viewer: admin, search: tag, batchSize: 2 })).body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const next = async () => {
      const { done, value } = await reader.read();
      if (!done) text += decoder.decode(value, { stream: true });
      return done;
    };
    await next(); // header
    await next(); // first batch
    const seen = new Set(
      parseCsv(text)
        .slice(1)
        .map((r) => r[3]),
    );
    expect(seen.size).toBe(2);
    // One user already written drops to nothing; one not yet written (nor in the batch being read ahead) jumps to the top.
    const written = created.find((u) => seen.has(u.user.email))!;
    const pending = created.filter((u) => !seen.has(u.user.email)).at(0)!;
    await db().update(orders).set({ status: "cancelled" }).where(eq(orders.customerId, written.profile.id));
    await createOrders(db(), {
      customerId: pending.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: [{ menuItemId: null, name: "Feast", unitPriceCents: 1_000_000, quantity: 1 }],
    });
    for (let reads = 0; !(await next()); reads++) if (reads > 50) throw new Error("the export does not end");
    const emails = parseCsv(text + decoder.decode())
      .slice(1)
      .map((r) => r[3]);
    expect(emails.sort()).toEqual(created.map((u) => u.user.email).sort());
  });

  it("exports the orders of a date range, whole days of the app's time zone inclusive, with their stored totals", async () => {
    const admin = await viewerFor("admin@platter.test");
    const day = appDay(new Date(Date.now() - 10 * 24 * 3600 * 1000));
    const to = appDay(new Date(Date.now() - 2 * 24 * 3600 * 1000));
    const { rows } = await readBody(await exportOrdersCsv({ zone: "UTC", viewer: admin, range: { from: day, to } }));
    expect(rows[0]).toEqual(ORDERS_CSV_HEADER);
    const expected = await db()
      .select({
        id: orders.id,
        totalCents: orders.totalCents,
        status: orders.status,
        fulfilment: orders.fulfilment,
        deliveryFeeCents: orders.deliveryFeeCents,
      })
      .from(orders)
      .where(sql`(${orders.placedAt} at time zone ${APP_TIME_ZONE})::date between ${day}::date and ${to}::date`)
      .orderBy(orders.placedAt, orders.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((o) => o.deliveryFeeCents > 0)).toBe(true);
    expect(rows.slice(1).map((r) => [Number(r[0]), r[2], r[6], Number(r[7]), r[8], Number(r[9])])).toEqual(
      expected.map((o) => [
        o.id,
        o.status,
        (o.totalCents / 100).toFixed(2),
        o.totalCents,
        o.fulfilment,
        o.deliveryFeeCents,
      ]),
    );
    // placed_at is written as an instant in UTC ("Z"), whatever the app's time zone.
    for (const r of rows.slice(1)) expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const [entry] = await auditRows();
    expect(entry).toMatchObject({
      action: "export.orders",
      actorProfileId: admin.profileId,
      details: { filter: { from: day, to } },
    });
  });

  it("streams a large export in batches of a thousand rows, every order exactly once", async () => {
    const admin = await viewerFor("admin@platter.test");
    const customer = await createUser(db());
    const { restaurant } = await createRestaurant(db());
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 2 * EXPORT_BATCH + 10,
      lines: [{ menuItemId: null, name: "Bun", unitPriceCents: 199, quantity: 2 }],
    });
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)) as [{ n: number }];
    const { rows, chunks } = await readBody(await exportOrdersCsv({ zone: "UTC", viewer: admin, range: {} }));
    expect(rows).toHaveLength(n + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(n);
    // The header, then one chunk per batch: never the whole file at once.
    expect(chunks).toBe(1 + Math.ceil(n / EXPORT_BATCH));
  });

  it("explains a bad date range instead of exporting", () => {
    expect(orderRangeSchema.safeParse({ from: "2026-02-30", to: null }).success).toBe(false);
    expect(orderRangeSchema.safeParse({ from: "yesterday", to: null }).success).toBe(false);
    const reversed = orderRangeSchema.safeParse({ from: "2026-11-25", to: "2026-11-01" });
    expect(reversed.success ? null : reversed.error.issues[0]?.message).toBe(
      "The start date must not be after the end date.",
    );
    expect(orderRangeSchema.parse({ from: "", to: null })).toEqual({});
  });

  it("refuses customers and owners before writing the audit log or reading a row", async () => {
    const before = (await auditRows()).length;
    for (const email of ["dan@platter.test", "olivia@platter.test"]) {
      const viewer = await viewerFor(email);
      await expect(exportUsersCsv({ zone: "UTC", viewer })).rejects.toThrow("admin only");
      await expect(exportOrdersCsv({ zone: "UTC", viewer, range: {} })).rejects.toThrow("admin only");
    }
    expect(await auditRows()).toHaveLength(before);
  });
});
