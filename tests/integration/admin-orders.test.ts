import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { auditLog, orders } from "@/db/schema";
import { listAuditLog, recordAudit } from "@/lib/admin/audit";
import { exportOrdersCsv } from "@/lib/admin/export";
import { decodeBefore } from "@/lib/admin/filters";
import { listOrdersForAdmin, type AdminOrdersFilter } from "@/lib/admin/orders";
import { listRestaurantChoices } from "@/lib/admin/restaurants";
import { setUserDisabled } from "@/lib/admin/roles";
import { auditQuerySchema, ordersQuerySchema } from "@/lib/admin/schema";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { appDay, DAY_MS } from "@/lib/dates";
import { encodeTimeKey } from "@/lib/keyset";
import { parseFilter } from "@/lib/query-params";
import { MAX_MATCHED_CUSTOMERS } from "@/lib/search";

import { parseCsv } from "../fixtures/csv";
import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOrdersAt, createRestaurant, createUser } from "../fixtures/factory";

type Expected = { id: number; placedAt: Date; status: string; restaurantId: number; customerId: number };

describe.each(DRIVERS)("admin orders and audit filters on %s", (driver) => {
  const db = freshDatabase(driver);
  let admin: Viewer;
  let adminUserId: string;
  let all: Expected[];
  let ids: { carla: number; dan: number; thai: number; pizza: number };

  beforeAll(async () => {
    const a = await createUser(db(), { role: "admin", name: "Ada Admin" });
    adminUserId = a.user.id;
    admin = (await findActiveViewer(a.user.id))!;
    const carla = await createUser(db(), { name: "Carla Customer", email: "carla-orders@example.test" });
    const dan = await createUser(db(), { name: "Dan Diner", email: "dan-orders@example.test" });
    const thai = await createRestaurant(db());
    const pizza = await createRestaurant(db());
    const line = (r: typeof thai) => [{ menuItemId: r.items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 2 }];
    await createOrders(db(), {
      customerId: carla.profile.id,
      restaurantId: thai.restaurant.id,
      count: 9,
      lines: line(thai),
    });
    await createOrders(db(), {
      customerId: carla.profile.id,
      restaurantId: pizza.restaurant.id,
      count: 4,
      lines: line(pizza),
      status: "cancelled",
    });
    await createOrders(db(), {
      customerId: dan.profile.id,
      restaurantId: pizza.restaurant.id,
      count: 6,
      lines: line(pizza),
      status: "placed",
    });
    // Two of Dan's orders a few days back, on a day of their own.
    await db()
      .update(orders)
      .set({ placedAt: sql`${orders.placedAt} - interval '5 days'` })
      .where(sql`${orders.id} in (select id from orders where customer_id = ${dan.profile.id} order by id limit 2)`);
    ids = { carla: carla.profile.id, dan: dan.profile.id, thai: thai.restaurant.id, pizza: pizza.restaurant.id };
    all = (
      await db()
        .select({
          id: orders.id,
          placedAt: orders.placedAt,
          status: orders.status,
          restaurantId: orders.restaurantId,
          customerId: orders.customerId,
        })
        .from(orders)
    ).sort((x, y) => y.placedAt.getTime() - x.placedAt.getTime() || y.id - x.id);
  });

  /** Follows "Older" as the browser does, the cursor through the URL, and fails rather than loop. */
  async function everyPage(filter: AdminOrdersFilter, limit = 4) {
    const seen: number[] = [];
    let link: string | undefined;
    do {
      const before = decodeBefore(link);
      if (before === null) throw new Error(`the page would 404 on its own link ${link}`);
      const page = await listOrdersForAdmin({ zone: "UTC", viewer: admin, filter, before, limit });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      seen.push(...page.rows.map((r) => r.id));
      link = page.nextCursor ? encodeTimeKey(page.nextCursor) : undefined;
      if (seen.length > 1000) throw new Error("paging does not end");
    } while (link);
    return seen;
  }

  it("pages every order newest first, and each filter finds exactly its orders on every page", async () => {
    const today = appDay(new Date());
    const fiveDaysAgo = appDay(new Date(Date.now() - 5 * DAY_MS));
    const cases: [AdminOrdersFilter, (o: Expected) => boolean][] = [
      [{}, () => true],
      [{ status: "cancelled" }, (o) => o.status === "cancelled"],
      [{ restaurant: ids.pizza }, (o) => o.restaurantId === ids.pizza],
      [{ customer: "carla" }, (o) => o.customerId === ids.carla],
      [{ customer: "DAN-ORDERS@example" }, (o) => o.customerId === ids.dan],
      [{ customer: "orders@example.test", restaurant: ids.pizza }, (o) => o.restaurantId === ids.pizza],
      [{ customer: "carla", status: "cancelled" }, (o) => o.customerId === ids.carla && o.status === "cancelled"],
      [{ from: fiveDaysAgo, to: fiveDaysAgo }, (o) => appDay(o.placedAt) === fiveDaysAgo],
      [{ from: today }, (o) => appDay(o.placedAt) >= today],
      [{ to: fiveDaysAgo, customer: "dan" }, (o) => o.customerId === ids.dan && appDay(o.placedAt) <= fiveDaysAgo],
      [{ number: all[3]!.id }, (o) => o.id === all[3]!.id],
      [{ customer: "100%" }, () => false],
      [{ customer: "nobody" }, () => false],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep).map((o) => o.id);
      expect(await everyPage(filter), JSON.stringify(filter)).toEqual(expected);
    }
    expect(all).toHaveLength(19);
    const [first] = (await listOrdersForAdmin({ zone: "UTC", viewer: admin, filter: { number: all[0]!.id } })).rows;
    expect(first).toMatchObject({ id: all[0]!.id, totalCents: 1000, customerEmail: expect.stringContaining("@") });
  });

  it("asks for a narrower search when more than the customers it merges match", async () => {
    for (let i = 0; i <= MAX_MATCHED_CUSTOMERS; i++) await createUser(db(), { name: `Many Match ${i}` });
    const crowd = await listOrdersForAdmin({ zone: "UTC", viewer: admin, filter: { customer: "orders@example.test" } });
    expect(crowd.tooManyCustomers).toBe(false);
    const { restaurant, items } = await createRestaurant(db());
    const many = await createUser(db(), { name: "Many Match last" });
    await createOrders(db(), {
      customerId: many.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: [{ menuItemId: items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 1 }],
    });
    const tooMany = await listOrdersForAdmin({ zone: "UTC", viewer: admin, filter: { customer: "many match" } });
    expect(tooMany.tooManyCustomers).toBe(true);
  });

  it("answers bad filters with messages next to the fields, and foreign cursors with a 404", () => {
    const errors = (params: Record<string, unknown>) => parseFilter(ordersQuerySchema, params).errors;
    expect(errors({ from: "2026-12-01", to: "2026-11-01" })).toEqual({
      to: ["The start date must not be after the end date."],
    });
    expect(errors({ from: "2026-02-30" })).toEqual({ from: ["That date does not exist."] });
    expect(errors({ to: "0000-01-01" })).toEqual({ to: ["Use a date from the year 1 on."] });
    // One message for a malformed date: the format, not also "does not exist".
    expect(errors({ from: "+275760-09-13" })).toEqual({ from: ["Use a date like 2026-01-31."] });
    expect(errors({ to: "abc" })).toEqual({ to: ["Use a date like 2026-01-31."] });
    // Digits no order has are not a typing mistake: the owner's search says the same of them.
    expect(errors({ number: "99999999999999999999" })).toEqual({ number: ["No order has that number."] });
    expect(errors({ number: "#2147483648" })).toEqual({ number: ["No order has that number."] });
    expect(errors({ number: "0" })).toEqual({ number: ["No order has that number."] });
    expect(errors({ number: "12a" })).toEqual({ number: ["Enter an order number: digits only, like 1234."] });
    expect(errors({ number: "1e3" }).number).toHaveLength(1);
    expect(errors({ number: "-5" }).number).toHaveLength(1);
    expect(errors({ restaurant: "2147483648" })).toEqual({ restaurant: ["Choose a restaurant from the list."] });
    expect(errors({ status: "shipped" })).toEqual({ status: ["Choose a status from the list."] });
    expect(errors({ customer: "a\u0000b" })).toEqual({
      customer: ["Remove control or invisible formatting characters."],
    });
    expect(errors({ customer: "x".repeat(101) }).customer).toEqual(["Use at most 100 characters."]);
    expect(parseFilter(ordersQuerySchema, { number: "#42", status: ["placed", "ready"], from: "" }).filter).toEqual({
      number: 42,
      status: "placed",
      restaurant: undefined,
      customer: undefined,
      from: undefined,
      to: undefined,
    });
    expect(parseFilter(auditQuerySchema, { action: "user.nope", actor: "\u202e" }).errors).toEqual({
      action: ["Choose an action from the list."],
      actor: ["Remove control or invisible formatting characters."],
    });
    for (const bad of ["x", "1.2.3", "99999999999999999.1", `${8.64e15 + 1}.1`, "1.0", "1.99999999999", ["1.1", "2.2"]])
      expect(decodeBefore(bad), String(bad)).toBeNull();
    expect(decodeBefore("1000.5")).toEqual({ time: new Date(1000), id: 5 });
  });

  it("keeps the orders page within 3 statements, session check included, whatever the number of orders", async () => {
    const counts: number[] = [];
    for (const extra of [1, 40]) {
      const { restaurant, items } = await createRestaurant(db());
      await createOrders(db(), {
        customerId: ids.carla,
        restaurantId: restaurant.id,
        count: extra,
        lines: [{ menuItemId: items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 1 }],
      });
      for (const filter of [{}, { customer: "carla", status: "completed" as const }, { restaurant: restaurant.id }]) {
        const page = await countQueries(async () => {
          const viewer = (await findActiveViewer(adminUserId))!;
          return Promise.all([listRestaurantChoices({ viewer }), listOrdersForAdmin({ zone: "UTC", viewer, filter })]);
        });
        expect(page.result[1].rows.length).toBeGreaterThan(0);
        counts.push(page.count);
      }
    }
    expect(counts).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it("filters the audit log by actor, action and day, and pages it by keyset", async () => {
    const other = await createUser(db(), { role: "admin", name: "Otto Other" });
    const otto = (await findActiveViewer(other.user.id))!;
    const target = await createUser(db(), { name: "Tess Target" });
    for (let i = 0; i < 5; i++)
      await setUserDisabled({ viewer: i % 2 ? otto : admin, profileId: target.profile.id, disabled: i % 2 === 0 });
    const byOtto = await listAuditLog({ zone: "UTC", viewer: admin, filter: { actor: "otto" } });
    expect(byOtto.entries.map((e) => [e.actor?.displayName, e.action])).toEqual([
      ["Otto Other", "user.enable"],
      ["Otto Other", "user.enable"],
    ]);
    const disables = await listAuditLog({ zone: "UTC", viewer: admin, filter: { action: "user.disable" } });
    expect(disables.entries).toHaveLength(3);
    expect(disables.entries.every((e) => e.target?.displayName === "Tess Target")).toBe(true);
    const today = appDay(new Date());
    expect(
      (await listAuditLog({ zone: "UTC", viewer: admin, filter: { from: today, to: today } })).entries,
    ).toHaveLength(5);
    expect((await listAuditLog({ zone: "UTC", viewer: admin, filter: { to: "2000-01-01" } })).entries).toEqual([]);
    const audit = await countQueries(async () =>
      listAuditLog({
        zone: "UTC",
        viewer: (await findActiveViewer(adminUserId))!,
        filter: { actor: "ada", action: "user.disable", from: today },
      }),
    );
    expect(audit.count).toBe(2);
    expect(audit.result.entries).toHaveLength(3);
  });
  it("filters orders, the audit log and the orders export by whole days of the admin's zone", async () => {
    // Around 2025-07-01: the last millisecond of June 30 in Tokyo, Tokyo's midnight, the last second of June 30 in
    // New York (already July 1 in UTC), New York's midnight, and Kiritimati's July 2 (UTC+14).
    const instants = [
      "2025-06-30T14:59:59.999Z",
      "2025-06-30T15:00:00Z",
      "2025-07-01T03:59:59Z",
      "2025-07-01T04:00:00Z",
      "2025-07-01T10:00:00Z",
    ];
    const placedAt = instants.map((t) => new Date(t));
    const { restaurant } = await createRestaurant(db());
    const customer = await createUser(db(), { name: "Zoe Zone" });
    const orderIds = await createOrdersAt(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      placedAt,
    });
    const auditIds: number[] = [];
    for (const createdAt of placedAt) {
      const id = await recordAudit(db(), { actor: admin, action: "user.enable", targetProfileId: customer.profile.id });
      await db()
        .update(auditLog)
        .set({ createdAt })
        .where(sql`${auditLog.id} = ${id}`);
      auditIds.push(id);
    }
    const day = { from: "2025-07-01", to: "2025-07-01" };
    // Which of the five fall on July 1, by zone: newest first on the pages.
    const cases: [string, number[]][] = [
      ["UTC", [4, 3, 2]],
      ["Asia/Tokyo", [4, 3, 2, 1]],
      ["America/New_York", [4, 3]],
      ["Pacific/Kiritimati", [3, 2, 1, 0]],
      ["Etc/GMT+12", []],
    ];
    for (const [zone, expected] of cases) {
      const page = await listOrdersForAdmin({ viewer: admin, filter: { ...day, restaurant: restaurant.id }, zone });
      expect(
        page.rows.map((r) => r.id),
        zone,
      ).toEqual(expected.map((i) => orderIds[i]));
      const audit = await listAuditLog({ viewer: admin, filter: { ...day, action: "user.enable" }, zone });
      expect(
        audit.entries.map((e) => e.id),
        zone,
      ).toEqual(expected.map((i) => auditIds[i]));
      const csv = parseCsv(await (await exportOrdersCsv({ viewer: admin, range: day, zone })).text());
      expect(
        csv.slice(1).map((r) => Number(r[0])),
        zone,
      ).toEqual(expected.map((i) => orderIds[i]).reverse());
    }
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'export.orders'`)
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry!.details).toEqual({ filter: { ...day, zone: "Etc/GMT+12" } });
  });
});
