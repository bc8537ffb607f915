import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { orderStatus, type OrderStatus } from "@/db/schema";
import { insertOrders, type SeedOrder } from "@/db/seed/orders";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { decodeCursor, type OrderCursor } from "@/lib/orders/cursor";
import { transitionOrder } from "@/lib/orders/status";
import { listPastOrders, PAST_ORDERS_PAGE_SIZE, type PastOrdersSearch } from "@/lib/owner/past-orders";
import { getOrderQueue, NEWEST_PLACED } from "@/lib/owner/queries";
import { pastOrdersFilterSchema } from "@/lib/owner/schema";
import { getKitchenTicket } from "@/lib/owner/ticket";
import { MAX_MATCHED_CUSTOMERS } from "@/lib/search";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";

/*
 * The owner's kitchen ticket and past orders: only for the owners of the order's restaurant, paged by keyset with
 * no order twice or missing, filtered and searched as a hand-written SQL query over the raw tables says, in a
 * constant number of statements, and never a thrown error for anything a URL can carry.
 */

const STATUSES = orderStatus.enumValues;
const DAY_MS = 86_400_000;

describe.each(DRIVERS)("owner tickets and past orders on %s", (driver) => {
  const db = freshDatabase(driver);
  let keys = 0;

  async function viewerOf(userId: string): Promise<Viewer> {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return viewer;
  }

  /**
   * Restaurant A with 140 orders of three customers over 70 days (statuses in turn, pairs placed at the same
   * instant so that the keyset's tie-break on id is exercised), restaurant B of another owner with a few orders,
   * a customer, an admin who owns nothing.
   */
  async function setup() {
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const ownerA = await createOwner(db(), [a.restaurant.id]);
    const ownerB = await createOwner(db(), [b.restaurant.id]);
    const admin = await createUser(db(), { role: "admin" });
    const alice = await createUser(db(), { name: `Alice Aster ${++keys}` });
    const bob = await createUser(db(), { name: `Bob 50%_off ${++keys}` });
    const carol = await createUser(db(), { name: `Carol Cress ${++keys}` });
    const customers = [alice, bob, carol];
    const start = Date.UTC(2026, 8, 1, 11, 0, 0);
    const rows: SeedOrder[] = Array.from({ length: 140 }, (_, i) => ({
      customerId: customers[i % 3]!.profile.id,
      restaurantId: a.restaurant.id,
      status: STATUSES[i % STATUSES.length]!,
      // Two orders per instant: (placed_at, id) must be the order, not placed_at alone.
      placedAt: new Date(start + Math.floor(i / 2) * DAY_MS),
      idempotencyKey: `past-${process.pid}-${++keys}`,
      lines: [
        { menuItemId: null, name: "Soup", unitPriceCents: 500 + i, quantity: 1 + (i % 4) },
        { menuItemId: null, name: "Bread", unitPriceCents: 250, quantity: 2 },
      ],
    }));
    rows.push(
      ...Array.from({ length: 5 }, (_, i) => ({
        customerId: alice.profile.id,
        restaurantId: b.restaurant.id,
        status: "completed" as const,
        placedAt: new Date(start + i * DAY_MS),
        idempotencyKey: `past-b-${process.pid}-${++keys}`,
        lines: [{ menuItemId: null, name: "Other", unitPriceCents: 999, quantity: 1 }],
      })),
    );
    await insertOrders(db(), rows);
    return {
      a,
      b,
      alice,
      bob,
      carol,
      ownerA: await viewerOf(ownerA.user.id),
      ownerB: await viewerOf(ownerB.user.id),
      admin: await viewerOf(admin.user.id),
      customer: await viewerOf(alice.user.id),
    };
  }

  /** The same list written independently: plain SQL over orders and profiles, newest first. */
  async function expectedIds(
    restaurantId: number,
    where: { status?: OrderStatus; name?: string; orderId?: number; from?: string; to?: string } = {},
  ) {
    const rows = await db().execute<{ id: number }>(sql`
      select o.id from orders o join profiles p on p.id = o.customer_id
      where o.restaurant_id = ${restaurantId}
        and (${where.status ?? null}::order_status is null or o.status = ${where.status ?? null}::order_status)
        and (${where.name ?? null}::text is null or strpos(lower(p.display_name), lower(${where.name ?? null}::text)) > 0)
        and (${where.orderId ?? null}::int is null or o.id = ${where.orderId ?? null}::int)
        and (${where.from ?? null}::date is null or o.placed_at >= (${where.from ?? null}::date)::timestamp at time zone 'UTC')
        and (${where.to ?? null}::date is null or o.placed_at < (${where.to ?? null}::date + 1)::timestamp at time zone 'UTC')
      order by o.placed_at desc, o.id desc`);
    return (Array.isArray(rows) ? rows : (rows as unknown as { rows: { id: number }[] }).rows).map((r) => Number(r.id));
  }

  /** Follows "Older orders" links to the end; returns every id shown, in order, and how many pages it took. */
  async function allPages(
    viewer: Viewer,
    slug: string,
    filter: Omit<Parameters<typeof listPastOrders>[0], "viewer" | "slug"> = {},
  ) {
    const ids: number[] = [];
    let cursor: OrderCursor | undefined;
    let pages = 0;
    for (;;) {
      const page = await listPastOrders({ viewer, slug, ...filter, cursor });
      expect(page).not.toBeNull();
      pages++;
      expect(page!.orders.length).toBeLessThanOrEqual(PAST_ORDERS_PAGE_SIZE);
      ids.push(...page!.orders.map((o) => o.id));
      if (!page!.nextCursor) break;
      cursor = decodeCursor(page!.nextCursor) ?? undefined;
      expect(cursor).toBeDefined();
    }
    return { ids, pages };
  }

  it("pages through every order of the restaurant, newest first, none twice or missing, with lines and names", async () => {
    const { a, ownerA, alice } = await setup();
    const expected = await expectedIds(a.restaurant.id);
    expect(expected).toHaveLength(140);
    const { ids, pages } = await allPages(ownerA, a.restaurant.slug);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(140 / PAST_ORDERS_PAGE_SIZE));

    const first = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug });
    const newest = first!.orders[0]!;
    expect(newest.lines.map((l) => [l.name, l.quantity])).toEqual([
      ["Soup", 1 + (139 % 4)],
      ["Bread", 2],
    ]);
    expect(newest.totalCents).toBe((500 + 139) * (1 + (139 % 4)) + 500);
    expect(first!.orders.some((o) => o.customer.displayName === alice.profile.displayName)).toBe(true);
  });

  it.each<[string, { status?: OrderStatus; search?: PastOrdersSearch; from?: string; to?: string }]>([
    ["status cancelled", { status: "cancelled" }],
    ["status completed", { status: "completed" }],
    ["a customer's name, any case", { search: { name: "alice aster" } }],
    ["a name with LIKE wildcards, matched literally", { search: { name: "50%_off" } }],
    ["days 2026-09-10 to 2026-09-30", { from: "2026-09-10", to: "2026-09-30" }],
    ["from a day only", { from: "2026-10-25" }],
    ["to a day only", { to: "2026-09-03" }],
    [
      "status placed, Carol, in September",
      { status: "placed", search: { name: "carol" }, from: "2026-09-01", to: "2026-09-30" },
    ],
  ])("filters by %s exactly as hand-written SQL does, across pages", async (_label, filter) => {
    const { a, ownerA } = await setup();
    const name = filter.search && "name" in filter.search ? filter.search.name : undefined;
    const expected = await expectedIds(a.restaurant.id, {
      status: filter.status,
      name,
      from: filter.from,
      to: filter.to,
    });
    expect(expected.length).toBeGreaterThan(0);
    const { ids } = await allPages(ownerA, a.restaurant.slug, filter);
    expect(ids).toEqual(expected);
  });

  it("finds one order by its number, only in the restaurant it belongs to", async () => {
    const { a, b, ownerA } = await setup();
    const [someId] = await expectedIds(a.restaurant.id, { status: "ready" });
    const found = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug, search: { orderId: someId! } });
    expect(found!.orders.map((o) => o.id)).toEqual([someId]);
    const [foreignId] = await expectedIds(b.restaurant.id);
    const none = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug, search: { orderId: foreignId! } });
    expect(none!.orders).toEqual([]);
  });

  it("carries why an order was cancelled, as its customer sees it; other orders carry nothing", async () => {
    const { a, ownerA } = await setup();
    const [placedId] = await expectedIds(a.restaurant.id, { status: "placed" });
    const [completedId] = await expectedIds(a.restaurant.id, { status: "completed" });
    await db().transaction((tx) =>
      transitionOrder(tx, {
        orderId: placedId!,
        from: "placed",
        to: "cancelled",
        actorProfileId: ownerA.profileId,
        reason: "Out of saffron, sorry!",
      }),
    );
    const read = async (orderId: number) =>
      (await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug, search: { orderId } }))!.orders[0]!;
    expect(await read(placedId!)).toMatchObject({
      status: "cancelled",
      statusEvents: [{ reason: "Out of saffron, sorry!" }],
    });
    expect((await read(completedId!)).statusEvents).toEqual([]);
  });

  it("reads at most MAX_MATCHED_CUSTOMERS of the restaurant's customers for a broad name, and says so", async () => {
    const { a, alice, ownerA } = await setup();
    const tag = `Crowd ${++keys}`;
    const member = (i: number) => createUser(db(), { name: `${tag} member ${i}` });
    const orderAtA = (customerId: number) =>
      createOrders(db(), {
        customerId,
        restaurantId: a.restaurant.id,
        count: 1,
        lines: [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 1 }],
      });
    // More namesakes than the limit who never ordered here, then one who did: found, and no "too many".
    for (let i = 0; i <= MAX_MATCHED_CUSTOMERS; i++) await member(i);
    const regular = await member(MAX_MATCHED_CUSTOMERS + 1);
    const [regularOrder] = await orderAtA(regular.profile.id);
    const found = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug, search: { name: tag } });
    expect(found!.orders.map((o) => o.id)).toEqual([regularOrder]);
    expect(found!.tooManyCustomers).toBe(false);
    // More of the restaurant's own customers than the limit: said.
    for (let i = 0; i < MAX_MATCHED_CUSTOMERS; i++) await orderAtA((await member(100 + i)).profile.id);
    const broad = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug, search: { name: tag } });
    expect(broad!.tooManyCustomers).toBe(true);

    const narrow = await listPastOrders({
      viewer: ownerA,
      slug: a.restaurant.slug,
      search: { name: alice.profile.displayName },
    });
    expect(narrow!.tooManyCustomers).toBe(false);
    expect(narrow!.orders.map((o) => o.id)).toEqual(
      (await expectedIds(a.restaurant.id, { name: alice.profile.displayName })).slice(0, PAST_ORDERS_PAGE_SIZE),
    );
    const unfiltered = await listPastOrders({ viewer: ownerA, slug: a.restaurant.slug });
    expect(unfiltered!.tooManyCustomers).toBe(false);
  });

  it(
    "shows past orders and tickets to the restaurant's owners only: " +
      "not another owner, an admin who does not own it, or a customer",
    async () => {
      const { a, ownerA, ownerB, admin, customer } = await setup();
      const [orderId] = await expectedIds(a.restaurant.id, { status: "preparing" });
      for (const viewer of [ownerB, admin, customer]) {
        expect(await listPastOrders({ viewer, slug: a.restaurant.slug })).toBeNull();
        // Even the customer whose order it is: the ticket is the kitchen's.
        expect(await getKitchenTicket({ viewer, slug: a.restaurant.slug, orderId: orderId! })).toBeNull();
      }
      const ticket = await getKitchenTicket({ viewer: ownerA, slug: a.restaurant.slug, orderId: orderId! });
      expect(ticket).toMatchObject({ id: orderId, status: "preparing", restaurant: { slug: a.restaurant.slug } });
      expect(ticket!.lines.map((l) => l.name)).toEqual(["Soup", "Bread"]);
      expect(ticket!.totalCents).toBe(ticket!.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0));
    },
  );

  it("shows a delivery's fee on its ticket, in past orders and in the queue: lines and fee add up to the total", async () => {
    const { restaurant } = await createRestaurant(db());
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    const customer = await createUser(db());
    const [orderId] = await insertOrders(db(), [
      {
        customerId: customer.profile.id,
        restaurantId: restaurant.id,
        status: "placed",
        placedAt: new Date(),
        idempotencyKey: `past-delivery-${process.pid}-${++keys}`,
        lines: [{ menuItemId: null, name: "Soup", unitPriceCents: 650, quantity: 2 }],
        delivery: { feeCents: 299, address: "42 Harbour Road" },
      },
    ]);
    const ticket = await getKitchenTicket({ viewer: owner, slug: restaurant.slug, orderId: orderId! });
    expect(ticket).toMatchObject({ deliveryFeeCents: 299, totalCents: 2 * 650 + 299 });
    const past = await listPastOrders({ viewer: owner, slug: restaurant.slug });
    expect(past!.orders.map((o) => [o.id, o.deliveryFeeCents, o.totalCents])).toEqual([[orderId, 299, 1599]]);
    const queue = await getOrderQueue({ viewer: owner, slug: restaurant.slug });
    const queued = queue!.orders.find((o) => o.id === orderId);
    expect(queued).toMatchObject({ deliveryFeeCents: 299, totalCents: 1599 });
  });

  it("answers no ticket for an order of another restaurant, even one the viewer also owns, or an unknown number", async () => {
    const { a, b, ownerA } = await setup();
    const both = await createOwner(db(), [a.restaurant.id, b.restaurant.id]);
    const viewer = await viewerOf(both.user.id);
    const [orderOfB] = await expectedIds(b.restaurant.id);
    expect(await getKitchenTicket({ viewer, slug: b.restaurant.slug, orderId: orderOfB! })).not.toBeNull();
    expect(await getKitchenTicket({ viewer, slug: a.restaurant.slug, orderId: orderOfB! })).toBeNull();
    expect(await getKitchenTicket({ viewer: ownerA, slug: a.restaurant.slug, orderId: 2_147_483_647 })).toBeNull();
    expect(await getKitchenTicket({ viewer: ownerA, slug: "no-such-place", orderId: orderOfB! })).toBeNull();
  });

  it.each([3, 60])(
    "reads a ticket and a past-orders page in 2 statements each, session check included (%i orders)",
    async (count) => {
      const { restaurant } = await createRestaurant(db());
      const owner = await createOwner(db(), [restaurant.id]);
      const customer = await createUser(db());
      const ids = await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: restaurant.id,
        count,
        lines: [
          { menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 2 },
          { menuItemId: null, name: "Bread", unitPriceCents: 250, quantity: 1 },
        ],
      });
      const ticket = await countQueries(async () => {
        const viewer = await findActiveViewer(owner.user.id);
        return getKitchenTicket({ viewer: viewer!, slug: restaurant.slug, orderId: ids[0]! });
      });
      expect(ticket.count).toBe(2);
      expect(ticket.result?.lines).toHaveLength(2);
      for (const filter of [
        {},
        { status: "completed" as const, search: { name: "user" }, from: "2000-01-01", to: "2999-12-31" },
      ]) {
        const page = await countQueries(async () => {
          const viewer = await findActiveViewer(owner.user.id);
          return listPastOrders({ viewer: viewer!, slug: restaurant.slug, ...filter });
        });
        expect(page.count).toBe(2);
        expect(page.result?.orders).toHaveLength(Math.min(count, PAST_ORDERS_PAGE_SIZE));
        expect(page.result?.orders.every((o) => o.lines.length === 2)).toBe(true);
      }
    },
  );

  it("hands the queue's newest placed orders to the new-order alert, newest first, in the same statement", async () => {
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    const customer = await createUser(db(), { name: "Nadia New" });
    const lines = [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 1 }];
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 2,
      lines,
      status: "preparing",
    });
    const placed = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 3,
      lines,
      status: "placed",
    });
    const { result, count } = await countQueries(async () => {
      const viewer = await findActiveViewer(owner.user.id);
      return getOrderQueue({ viewer: viewer!, slug: restaurant.slug });
    });
    expect(count).toBe(2);
    // createOrders places each next order a minute earlier: the first id is the newest.
    expect(result?.newestPlaced).toEqual(
      placed.map((id) => ({ id, customerName: "Nadia New", seq: expect.any(Number) as number })),
    );
    expect(result?.morePlaced).toBe(false);
    // Each carries its "placed" event's id, which grows in commit order: the alert compares those, not order ids.
    // An order that committed after a later-numbered one (its checkout waited after drawing its id) has the
    // greater one, as its event is made under the restaurant's lock at commit time; replayed here by hand.
    const [lower, higher] = [...placed].sort((a, b) => a - b);
    await db().execute(sql`delete from order_events where order_id = ${lower!}`);
    await db().execute(sql`insert into order_events (order_id, restaurant_id, customer_id, status)
      values (${lower!}, ${restaurant.id}, ${customer.profile.id}, 'placed')`);
    const reread = await getOrderQueue({ viewer: (await findActiveViewer(owner.user.id))!, slug: restaurant.slug });
    const seqOf = (id: number) => reread!.newestPlaced.find((o) => o.id === id)!.seq;
    expect(seqOf(lower!)).toBeGreaterThan(seqOf(higher!));

    // Exactly as many placed orders as the alert is handed: all of them, and no word of more.
    const toTheLimit = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: NEWEST_PLACED - placed.length,
      lines,
      status: "placed",
    });
    const viewer = (await findActiveViewer(owner.user.id))!;
    const exactly = await getOrderQueue({ viewer, slug: restaurant.slug });
    expect(exactly?.newestPlaced).toHaveLength(NEWEST_PLACED);
    expect(exactly?.newestPlaced[0]?.id).toBe(toTheLimit[0]);
    expect(exactly?.morePlaced).toBe(false);

    // One more: the newest NEWEST_PLACED, and word that there are more.
    const [newest] = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines,
      status: "placed",
    });
    const full = await getOrderQueue({ viewer, slug: restaurant.slug });
    expect(full?.newestPlaced).toHaveLength(NEWEST_PLACED);
    expect(full?.newestPlaced[0]?.id).toBe(newest);
    expect(full?.morePlaced).toBe(true);
  });

  describe("filters from the URL", () => {
    const parse = (input: Record<string, unknown>) => {
      const parsed = pastOrdersFilterSchema.safeParse(input);
      return parsed.success
        ? { ok: true as const, data: parsed.data }
        : { ok: false as const, issues: parsed.error.issues };
    };

    it.each<[Record<string, unknown>, string]>([
      [{ q: "99999999999" }, "No order has that number."],
      [{ q: "#2147483648" }, "No order has that number."],
      [{ q: "a\u0000b" }, "Remove control or invisible formatting characters."],
      [{ q: "x".repeat(101) }, "Use at most 100 characters."],
      [{ status: "lost" }, "Unknown status."],
      [{ from: "2026-02-30" }, "That date does not exist."],
      [{ from: "0000-01-01" }, "Use a date from the year 1 on."],
      [{ to: "10000-01-01" }, "Use a date like 2026-01-31."],
      [{ from: "2026-12-01", to: "2026-11-01" }, "The start date must not be after the end date."],
    ])("explains %j: %s", (input, message) => {
      const result = parse(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.issues.map((i) => i.message)).toContain(message);
    });

    it("reads an order number with or without #, and anything else as a name", () => {
      expect(parse({ q: "#42" })).toMatchObject({ ok: true, data: { q: { orderId: 42 } } });
      expect(parse({ q: " 42 " })).toMatchObject({ ok: true, data: { q: { orderId: 42 } } });
      expect(parse({ q: "Alice" })).toMatchObject({ ok: true, data: { q: { name: "Alice" } } });
      expect(parse({ q: "", status: "", from: "", to: "" })).toMatchObject({ ok: true, data: { q: undefined } });
    });

    it("never throws on generated input, and a filter it accepts reads a page without a database error", async () => {
      const { restaurant } = await createRestaurant(db());
      const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
      const nasty = fc.oneof(
        fc.string(),
        fc.string({ unit: "binary" }),
        fc.constantFrom(
          "",
          "\u0000",
          "0",
          "-1",
          "2147483647",
          "#2147483647",
          "9".repeat(40),
          "%",
          "_",
          "\\",
          "' or 1=1 --",
        ),
        fc.constantFrom("0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "1970-01-01"),
        fc.constantFrom(...STATUSES),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record({ q: nasty, status: nasty, from: nasty, to: nasty, before: nasty }),
          async (input) => {
            const parsed = pastOrdersFilterSchema.safeParse(input);
            if (!parsed.success) {
              expect(parsed.error.issues.every((i) => i.message.length > 0)).toBe(true);
              return;
            }
            const cursor = decodeCursor(parsed.data.before);
            if (cursor === null) return; // the page answers 404
            const { q, status, from, to } = parsed.data;
            const page = await listPastOrders({
              viewer: owner,
              slug: restaurant.slug,
              search: q,
              status,
              from,
              to,
              cursor,
            });
            expect(page?.orders).toEqual([]);
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
      );
    });
  });
});
