import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/db/types";
import { listAuditLog } from "@/lib/admin/audit";
import { ADMIN_ORDERS_PAGE_SIZE, listOrdersForAdmin, type AdminOrdersFilter } from "@/lib/admin/orders";
import {
  getRestaurantForAdmin,
  listRestaurantChoices,
  listRestaurantsForAdmin,
  searchOwnerCandidates,
} from "@/lib/admin/restaurants";
import { getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { getUserForRoles } from "@/lib/admin/roles";
import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { findSessionViewer } from "@/lib/auth/sessions";
import { getCart } from "@/lib/cart/queries";
import { appDay, DAY_MS } from "@/lib/dates";
import type { TimeKey } from "@/lib/keyset";
import { decodeCursor } from "@/lib/orders/cursor";
import { getOrderForViewer, getOrderHistory, HISTORY_PAGE_SIZE } from "@/lib/orders/queries";
import { getMenuForOwner } from "@/lib/owner/menu";
import { listPastOrders, PAST_ORDERS_PAGE_SIZE } from "@/lib/owner/past-orders";
import { getOrderQueue, listOwnedRestaurants, QUEUE_LIMIT } from "@/lib/owner/queries";
import { getSalesReport } from "@/lib/owner/sales";
import { getKitchenTicket } from "@/lib/owner/ticket";
import { getProfileForViewer, RECENT_ORDERS } from "@/lib/profile/queries";
import { browseRestaurants, getRestaurantPage } from "@/lib/restaurants/queries";

import { freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant } from "../fixtures/factory";
import { openSession } from "../fixtures/open-session";
import {
  captureStatements,
  explainGenericStatements,
  explainStatements,
  pageProblems,
  postgresClientOf,
} from "../fixtures/plans";

/*
 * Every page's statements, for an ordinary customer next to a whale and for the whale itself, on a skewed database:
 * no sequential scan of orders or order_lines, and rows of those tables touched bounded by what the page shows,
 * not by anyone's history. Each page's data calls run as the page makes them (the session check included); every
 * statement they send is EXPLAIN (ANALYZE)-ed with its own parameters (a custom plan for the real values) and its
 * plan walked (tests/fixtures/plans.ts). The test checks plans of whatever statements the pages send, not their text.
 *
 * PostgreSQL only, a documented exception to "every integration test runs on PGlite too": PGlite has the same
 * planner, but this test is about the plans a server chooses from its statistics on a realistically skewed table
 * (after ANALYZE), and about the real row counts EXPLAIN ANALYZE reports there.
 *
 * Left out on purpose: /admin/reconciliation (it re-sums every order's lines against the stored totals: O(data) by
 * design) and the CSV exports (/admin/export/*: every row of a range, read in keyset batches). Sign-in and sign-up
 * read one user. Pages that show no orders (home, restaurant, menu editor, audit log, roles) are checked all the same.
 */

/** Tables whose size grows with the order history. */
const HISTORY_TABLES = ["orders", "order_lines"] as const;
/** Where a customer name search matches names. */
const CUSTOMER_TABLES = ["profiles", "restaurant_customers"] as const;

/** The seed's orders have 1 to 5 lines (mostly 3). */
const MAX_LINES = 5;
/** One page of orders with their lines: HISTORY_PAGE_SIZE (= RECENT_ORDERS) plus the look-ahead row, each with its lines. */
const ORDER_PAGE_ROWS = (Math.max(HISTORY_PAGE_SIZE, RECENT_ORDERS) + 1) * (1 + MAX_LINES);

/**
 * The most rows of orders + order_lines a page's statements may touch together (returned, or read and filtered
 * away, over all loops). Sized from what the page shows, with slack; for scale, the whale alone has 25,000 orders and
 * 75,000 lines, the busiest restaurant ~15,000 orders, the platform ~35,000 orders and ~105,000 lines.
 */
const BOUNDS = {
  /** /profile, /u/[slug], /orders: one page of orders with their lines is 126 rows; twice that leaves room for the
   *  keyset look-ahead and the filter menu's probes. The page's counts and totals must come from somewhere that does
   *  not grow with the history: even the ordinary customer's 60 orders (~240 rows with lines) do not fit. */
  orderPage: 2 * ORDER_PAGE_ROWS,
  /** /orders/[id], /cart?reorder=: one order and its lines. */
  oneOrder: 50,
  /** Home, restaurant, menu editor, admin audit and roles pages: they show no orders. */
  noOrders: 100,
  /** /owner: today's orders of the owner's two restaurants (~16 here) and the open ones (counted through the open
   *  queue's partial index): bounded by a day's business, never by the restaurants' history. */
  ownerDashboard: 500,
  /** /owner/[slug]/orders: the oldest QUEUE_LIMIT open orders with their lines (600 rows), and the open count. */
  ownerQueue: QUEUE_LIMIT * (1 + MAX_LINES) + 400,
  /** /owner/[slug]/sales: 30 daily figures and 10 top items. The busiest restaurant's last 30 days alone are ~420
   *  orders and ~1,100 lines here (its history ~15,000 orders): a page this size reads per-day figures, not orders. */
  ownerSales: 500,
  /** /owner/[slug]/past-orders: one page of orders with their lines (156 rows), with or without a filter; twice that
   *  leaves room for the look-ahead and a name search's matching customers. The busiest restaurant has ~15,000. */
  ownerPastOrders: 2 * (PAST_ORDERS_PAGE_SIZE + 1) * (1 + MAX_LINES),
  /** /admin/users: 50 users with their order count and total purchase, sorted by total or name: not everyone's orders. */
  adminUsers: 500,
  /** /admin and /admin/revenue: platform totals and restaurants x 12 months: not the platform's orders. */
  adminRevenue: 500,
  /** /admin/orders: one page of 50 orders (no lines), found by walking an index from the cursor (cancelled ones,
   *  1 in 20 here, by their own partial indexes, alone or with a customer); a customer search reads at most a page
   *  from each of the (at most 50) matching customers. */
  adminOrders: 2_500,
} as const;

const WHALE_ORDERS = 25_000;
const ORDINARY_CUSTOMERS = 300;
const RESTAURANTS = 36;
/** Ordinary customer g has 5 to 60 orders. */
const ordinaryOrders = (g: number) => 5 + ((g * 37) % 56);
/** The ordinary customer shown next to the whale: one with 60 orders, so that their history has a second page. */
const ORDINARY = Array.from({ length: ORDINARY_CUSTOMERS }, (_, i) => i + 1).find((g) => ordinaryOrders(g) === 60)!;

const userId = (key: string) => `plan-${key}`;
const BUSIEST = "plan-resto-1";

/**
 * A skewed platform in set-based SQL: the whale's orders (60% of them at restaurant 1, the busiest), ~9,800 orders of
 * 300 ordinary customers, 36 restaurants with 8 dishes each, 1–5 lines per order (mostly 3), one order in 20 cancelled,
 * the last day's orders still open, placed_at spread over three years. Orders and their lines go in one transaction,
 * each order's total_cents equal to its lines (the rollup triggers and the deferred total check see them at commit).
 */
async function seedSkewedPlatform(db: Database) {
  await db.transaction(async (tx) => {
    const run = (text: string) => tx.execute(sql.raw(text));
    await run(`
      insert into users (id, email, name, role)
      select 'plan-' || k, 'plan-' || k || '@example.test', name, role::user_role
      from (
        select 'whale' as k, 'Wanda Whale' as name, 'customer' as role
        union all select 'admin', 'Ada Admin', 'admin'
        union all select 'customer-' || g, 'Customer ' || lpad(g::text, 3, '0'), 'customer' from generate_series(1, ${ORDINARY_CUSTOMERS}) g
        union all select 'owner-' || g, 'Owner ' || lpad(g::text, 2, '0'), 'owner' from generate_series(1, ${RESTAURANTS}) g
      ) u`);
    await run(
      `insert into profiles (user_id, slug, display_name) select id, id, name from users where id like 'plan-%' order by id`,
    );
    await run(`
      insert into restaurants (slug, name, cuisine, address)
      select 'plan-resto-' || g, 'Resto ' || lpad(g::text, 2, '0'),
             (array['Thai', 'Pizza', 'Sushi', 'Tacos', 'Curry', 'Burgers'])[1 + g % 6],
             g || ' Plan Street'
      from generate_series(1, ${RESTAURANTS}) g order by g`);
    await run(`
      insert into menu_categories (restaurant_id, name, position)
      select r.id, c.name, c.position from restaurants r cross join (values ('Mains', 0), ('Sides', 1)) c(name, position)`);
    await run(`
      insert into menu_items (restaurant_id, category_id, name, price_cents, position)
      select c.restaurant_id, c.id, c.name || ' ' || i, 350 + (c.restaurant_id * 97 + c.position * 31 + i * 211) % 2400, i
      from menu_categories c cross join generate_series(0, 3) i`);
    // Owner g runs restaurant g; owner 1 also runs restaurant 2 (a dashboard of two).
    await run(`
      insert into restaurant_owners (profile_id, restaurant_id)
      select p.id, r.id from profiles p join restaurants r on r.slug = 'plan-resto-' || substring(p.slug from '^plan-owner-([0-9]+)$')
      union all
      select p.id, r.id from profiles p, restaurants r where p.slug = 'plan-owner-1' and r.slug = 'plan-resto-2'`);

    await run(`
      create temp table plan_items on commit drop as
      select restaurant_id, (row_number() over (partition by restaurant_id order by id) - 1)::int as idx, id, name, price_cents
      from menu_items`);
    // Customer k's order n (0 = newest) is placed n/count of the way back over three years, jittered; the whale is k = 0.
    await run(`
      create temp table plan_orders on commit drop as
      with customers as (
        select p.id as customer_id, 0 as k, ${WHALE_ORDERS} as n_orders from profiles p where p.slug = 'plan-whale'
        union all
        select p.id, g, 5 + (g * 37) % 56 from generate_series(1, ${ORDINARY_CUSTOMERS}) g join profiles p on p.slug = 'plan-customer-' || g
      ), restos as (
        select id, (row_number() over (order by id) - 1)::int as idx from restaurants
      ), planned as (
        select c.customer_id, c.k, n,
               (n + ((c.k * 37 + n * 61) % 100) / 100.0) * (3 * 365 * 86400.0) / c.n_orders + 60 as age_seconds,
               case when c.k = 0 then (case when n % 5 < 3 then 0 else 1 + (n * 7) % ${RESTAURANTS - 1} end)
                    else (case when n % 2 = 0 then c.k % ${RESTAURANTS} else (c.k * 13 + n * 7) % ${RESTAURANTS} end) end as resto_idx,
               (c.k * 131 + n * 17) % 20 as h,
               (c.k * 7 + n * 3) % 10 as l
        from customers c cross join generate_series(0, c.n_orders - 1) n
      )
      select p.customer_id, p.k, p.n, r.id as restaurant_id, now() - make_interval(secs => p.age_seconds) as placed_at,
             case when p.h = 0 then 'cancelled'
                  when p.age_seconds < 86400 then (array['placed', 'preparing', 'ready'])[1 + p.n % 3]
                  else 'completed' end as status,
             case when p.l = 0 then 1 when p.l = 1 then 2 when p.l < 8 then 3 when p.l = 8 then 4 else 5 end as n_lines,
             'plan-' || p.k || '-' || p.n as idempotency_key
      from planned p join restos r on r.idx = p.resto_idx`);
    await run(`
      create temp table plan_lines on commit drop as
      select o.customer_id, o.idempotency_key, j, i.id as menu_item_id, i.name, i.price_cents as unit_price_cents,
             1 + (o.n + j + o.k) % 3 as quantity
      from plan_orders o cross join generate_series(1, o.n_lines) j
      join plan_items i on i.restaurant_id = o.restaurant_id and i.idx = (o.n + j * 3 + o.k) % 8`);
    // Ids follow placed_at, as they would in production.
    await run(`
      insert into orders (customer_id, restaurant_id, status, total_cents, idempotency_key, placed_at, updated_at)
      select o.customer_id, o.restaurant_id, o.status::order_status, t.cents, o.idempotency_key, o.placed_at, o.placed_at
      from plan_orders o
      join (select customer_id, idempotency_key, sum(quantity * unit_price_cents)::int as cents from plan_lines group by 1, 2) t
        using (customer_id, idempotency_key)
      order by o.placed_at`);
    await run(`
      insert into order_lines (order_id, menu_item_id, name, unit_price_cents, quantity)
      select o.id, l.menu_item_id, l.name, l.unit_price_cents, l.quantity
      from plan_lines l join orders o on o.customer_id = l.customer_id and o.idempotency_key = l.idempotency_key
      order by o.id, l.j`);

    // Carts (the whale's at the busiest restaurant) and favorites.
    await run(`
      insert into carts (profile_id, restaurant_id)
      select p.id, r.id from profiles p, restaurants r
      where (p.slug, r.slug) in (('plan-whale', '${BUSIEST}'), ('plan-customer-${ORDINARY}', 'plan-resto-3'))`);
    await run(`
      insert into cart_items (cart_id, menu_item_id, quantity)
      select c.id, i.id, 1 + i.position from carts c join menu_items i on i.restaurant_id = c.restaurant_id where i.position < 2`);
    await run(`
      insert into favorites (profile_id, restaurant_id)
      select p.id, r.id from profiles p join restaurants r on r.slug in ('${BUSIEST}', 'plan-resto-2', 'plan-resto-3')
      where p.slug in ('plan-whale', 'plan-customer-${ORDINARY}')`);
  });
  // The statistics the planner reads (and a visibility map, as autovacuum would leave).
  await postgresClientOf(db).unsafe("vacuum analyze");
}

type Subjects = {
  whale: { id: number; slug: string };
  busiest: { id: number; slug: string };
  /** A keyset position deep in the whale's history (order 12,345 from the newest). */
  whaleDeepCursor: { placedAt: Date; id: number };
  whaleOrderId: number;
  ordinaryOrderId: number;
  /** A keyset position deep in the busiest restaurant's orders, and one of its orders. */
  busiestDeepCursor: { placedAt: Date; id: number };
  busiestOrderId: number;
};

type PageCase = {
  page: string;
  who: string;
  bound: number;
  /** What the request carries in (a cursor from the previous page): worked out before the capture, not checked. */
  prepare?: () => Promise<unknown>;
  /** The page's data calls, made as the page makes them; returns what the page would render. */
  run: (prepared: unknown) => Promise<unknown>;
  /** A sanity check of that result, so that a page cannot pass by finding nothing. */
  expectResult: (result: unknown) => void;
};

/** A page reached through a link from another one: `prepare` follows the link, `run` is the page. */
function linked<C>(
  page: Omit<PageCase, "prepare" | "run"> & { prepare: () => Promise<C>; run: (prepared: C) => Promise<unknown> },
): PageCase {
  return { ...page, run: (prepared) => page.run(prepared as C) };
}

describe.runIf(Boolean(process.env.DATABASE_URL))("page plans on a skewed PostgreSQL database", () => {
  const db = freshDatabase("postgres");
  let subjects: Subjects;

  beforeAll(async () => {
    await seedSkewedPlatform(db());
    const pg = postgresClientOf(db());
    const [whale] = await pg<{ id: number; slug: string }[]>`select id, slug from profiles where slug = 'plan-whale'`;
    const [busiest] = await pg<
      { id: number; slug: string }[]
    >`select id, slug from restaurants where slug = ${BUSIEST}`;
    const [deep] = await pg<{ iso: string; id: number }[]>`
      select to_json(placed_at) #>> '{}' as iso, id from orders where customer_id = ${whale!.id}
      order by placed_at desc, id desc offset 12344 limit 1`;
    const [orderIds] = await pg<{ whale: number; ordinary: number }[]>`
      select (select id from orders where customer_id = ${whale!.id} order by placed_at desc, id desc offset 5000 limit 1) as whale,
             (select max(o.id) from orders o join profiles p on p.id = o.customer_id
               where p.slug = ${`plan-customer-${ORDINARY}`}) as ordinary`;
    const [busiestOrders] = await pg<{ iso: string; id: number; recent: number }[]>`
      select to_json(placed_at) #>> '{}' as iso, id,
             (select id from orders where restaurant_id = ${busiest!.id} order by placed_at desc, id desc offset 3000 limit 1) as recent
      from orders where restaurant_id = ${busiest!.id} order by placed_at desc, id desc offset 12344 limit 1`;
    subjects = {
      busiestDeepCursor: { placedAt: new Date(busiestOrders!.iso), id: busiestOrders!.id },
      busiestOrderId: busiestOrders!.recent,
      whale: whale!,
      busiest: busiest!,
      whaleDeepCursor: { placedAt: new Date(deep!.iso), id: deep!.id },
      whaleOrderId: orderIds!.whale,
      ordinaryOrderId: orderIds!.ordinary,
    };
  });

  /** A signed-in request: the session check (findActiveViewer), then the page's data calls. */
  async function as<T>(key: string, fn: (viewer: Viewer) => Promise<T>): Promise<T> {
    const viewer = await findActiveViewer(userId(key));
    if (!viewer) throw new Error(`${key} should be an active user`);
    return fn(viewer);
  }

  const ordinary = `customer-${ORDINARY}`;
  const hasOrders = (n: number) => (result: unknown) =>
    expect((result as { orders: unknown[] } | null)?.orders).toHaveLength(n);
  const truthy = (result: unknown) => expect(result).toBeTruthy();
  const today = new Date();
  const daysAgo = (n: number) => appDay(new Date(today.getTime() - n * DAY_MS));
  const customerPages = (who: string, key: string): PageCase[] => [
    {
      page: "/profile",
      who,
      bound: BOUNDS.orderPage,
      run: () => as(key, (viewer) => getProfileForViewer({ viewer })),
      expectResult: hasOrders(RECENT_ORDERS),
    },
    linked({
      page: "/profile?before= (second page)",
      who,
      bound: BOUNDS.orderPage,
      prepare: () =>
        as(key, async (viewer) => decodeCursor((await getProfileForViewer({ viewer }))?.nextCursor) ?? undefined),
      run: (cursor) => as(key, (viewer) => getProfileForViewer({ viewer, cursor })),
      expectResult: hasOrders(RECENT_ORDERS),
    }),
    {
      page: "/orders",
      who,
      bound: BOUNDS.orderPage,
      run: () => as(key, (viewer) => getOrderHistory({ viewer })),
      expectResult: hasOrders(HISTORY_PAGE_SIZE),
    },
    {
      page: "/orders?restaurant= (the busiest restaurant)",
      who,
      bound: BOUNDS.orderPage,
      run: () => as(key, (viewer) => getOrderHistory({ viewer, restaurantId: subjects.busiest.id })),
      expectResult: truthy,
    },
    {
      page: "/orders?from= (last 90 days)",
      who,
      bound: BOUNDS.orderPage,
      run: () => as(key, (viewer) => getOrderHistory({ viewer, from: daysAgo(90) })),
      expectResult: truthy,
    },
    {
      page: "/orders?to= (until two years ago)",
      who,
      bound: BOUNDS.orderPage,
      run: () => as(key, (viewer) => getOrderHistory({ viewer, to: daysAgo(730) })),
      expectResult: truthy,
    },
    {
      page: "/orders?from=&to= in Tokyo (a year ago, 100 days: whole UTC days from the rollup, the ends from orders)",
      who,
      bound: BOUNDS.orderPage,
      run: () =>
        as(key, (viewer) => getOrderHistory({ viewer, from: daysAgo(400), to: daysAgo(300), zone: "Asia/Tokyo" })),
      expectResult: truthy,
    },
    {
      page: "/orders?restaurant=&from= in New York (the busiest restaurant, last 90 days)",
      who,
      bound: BOUNDS.orderPage,
      run: () =>
        as(key, (viewer) =>
          getOrderHistory({
            viewer,
            restaurantId: subjects.busiest.id,
            from: daysAgo(90),
            zone: "America/New_York",
          }),
        ),
      expectResult: truthy,
    },
    {
      page: "/orders?restaurant=&from=&to= (a year ago, 100 days)",
      who,
      bound: BOUNDS.orderPage,
      run: () =>
        as(key, (viewer) =>
          getOrderHistory({ viewer, restaurantId: subjects.busiest.id, from: daysAgo(400), to: daysAgo(300) }),
        ),
      expectResult: truthy,
    },
    linked({
      page: "/orders?before= (second page)",
      who,
      bound: BOUNDS.orderPage,
      prepare: () =>
        as(key, async (viewer) => decodeCursor((await getOrderHistory({ viewer }))?.nextCursor) ?? undefined),
      run: (cursor) => as(key, (viewer) => getOrderHistory({ viewer, cursor })),
      expectResult: hasOrders(HISTORY_PAGE_SIZE),
    }),
  ];

  /** The busiest restaurant's past orders: ~15,000, of which the whale placed 60%. */
  const pastOrderPages = (): PageCase[] => {
    const pastOrders = (filter: Omit<Parameters<typeof listPastOrders>[0], "viewer" | "slug">) =>
      as("owner-1", (viewer) => listPastOrders({ viewer, slug: subjects.busiest.slug, ...filter }));
    const fullPage = hasOrders(PAST_ORDERS_PAGE_SIZE);
    const page = (name: string, filter: Parameters<typeof pastOrders>[0], expectResult = fullPage): PageCase => ({
      page: `/owner/[slug]/past-orders${name}`,
      who: "the busiest restaurant's owner",
      bound: BOUNDS.ownerPastOrders,
      run: () => pastOrders(filter),
      expectResult,
    });
    return [
      page("", {}),
      page("?status=cancelled (one order in 20)", { status: "cancelled" }),
      page("?status=completed", { status: "completed" }),
      page("?status=placed (the last day's only)", { status: "placed" }, truthy),
      page(
        "?q= (an ordinary customer's name)",
        { search: { name: `Customer ${String(ORDINARY).padStart(3, "0")}` } },
        truthy,
      ),
      page("?q= (the whale's name)", { search: { name: "Wanda" } }),
      page("?q= (the whale's name)&status=cancelled", { search: { name: "Wanda" }, status: "cancelled" }),
      page(
        "?q= (an ordinary customer's name)&status=cancelled",
        { search: { name: `Customer ${String(ORDINARY).padStart(3, "0")}` }, status: "cancelled" },
        truthy,
      ),
      page("?q= (a name no one has)", { search: { name: "Nobody Here" } }, hasOrders(0)),
      page("?q= (a name every ordinary customer has)", { search: { name: "Customer" } }, truthy),
      {
        ...page("?q= (an order number)", {}, truthy),
        // subjects exist only once beforeAll has run: the order number is read when the case runs.
        run: () => pastOrders({ search: { orderId: subjects.busiestOrderId } }),
        expectResult: hasOrders(1),
      },
      page("?from=&to= (a year ago, 100 days)", { from: daysAgo(400), to: daysAgo(300) }),
      page("?status=&from= (cancelled, last 90 days)", { status: "cancelled", from: daysAgo(90) }, truthy),
      linked({
        page: "/owner/[slug]/past-orders?before= (deep: order 12,345 from the newest)",
        who: "the busiest restaurant's owner",
        bound: BOUNDS.ownerPastOrders,
        prepare: async () => subjects.busiestDeepCursor,
        run: (cursor) => pastOrders({ cursor }),
        expectResult: fullPage,
      }),
      linked({
        page: "/owner/[slug]/past-orders?status=cancelled&before= (second page)",
        who: "the busiest restaurant's owner",
        bound: BOUNDS.ownerPastOrders,
        prepare: async () => decodeCursor((await pastOrders({ status: "cancelled" }))?.nextCursor) ?? undefined,
        run: (cursor) => pastOrders({ status: "cancelled", cursor }),
        expectResult: fullPage,
      }),
    ];
  };

  const pages: PageCase[] = [
    ...customerPages("an ordinary customer", ordinary),
    ...customerPages("the whale", "whale"),
    {
      page: "/profile?before= (deep in the history)",
      who: "the whale",
      bound: BOUNDS.orderPage,
      run: () => as("whale", (viewer) => getProfileForViewer({ viewer, cursor: subjects.whaleDeepCursor })),
      expectResult: hasOrders(RECENT_ORDERS),
    },
    {
      page: "/orders?before= (deep in the history)",
      who: "the whale",
      bound: BOUNDS.orderPage,
      run: () => as("whale", (viewer) => getOrderHistory({ viewer, cursor: subjects.whaleDeepCursor })),
      expectResult: hasOrders(HISTORY_PAGE_SIZE),
    },
    {
      page: "/u/[slug] (the whale's profile)",
      who: "an admin",
      bound: BOUNDS.orderPage,
      run: () => as("admin", (viewer) => getProfileForViewer({ viewer, slug: subjects.whale.slug })),
      expectResult: hasOrders(RECENT_ORDERS),
    },
    {
      page: "/orders/[id]",
      who: "an ordinary customer",
      bound: BOUNDS.oneOrder,
      run: () => as(ordinary, (viewer) => getOrderForViewer({ viewer, orderId: subjects.ordinaryOrderId })),
      expectResult: truthy,
    },
    {
      page: "/orders/[id]",
      who: "the whale",
      bound: BOUNDS.oneOrder,
      run: () => as("whale", (viewer) => getOrderForViewer({ viewer, orderId: subjects.whaleOrderId })),
      expectResult: truthy,
    },
    {
      page: "/ (home, with favorites)",
      who: "the whale",
      bound: BOUNDS.noOrders,
      run: () => as("whale", (viewer) => browseRestaurants({ viewer })),
      expectResult: (result) => expect((result as { favorites: unknown[] }).favorites).toHaveLength(3),
    },
    {
      page: "/?q= (search)",
      who: "an ordinary customer",
      bound: BOUNDS.noOrders,
      run: () => as(ordinary, (viewer) => browseRestaurants({ q: "sushi", viewer })),
      expectResult: truthy,
    },
    {
      page: "/r/[slug] (the busiest restaurant)",
      who: "the whale",
      bound: BOUNDS.noOrders,
      run: () =>
        as("whale", (viewer) =>
          getRestaurantPage({
            slug: subjects.busiest.slug,
            viewer,
            cartHolder: { profileId: viewer.profileId },
          }),
        ),
      expectResult: truthy,
    },
    {
      page: "/cart",
      who: "the whale",
      bound: BOUNDS.oneOrder,
      run: () => as("whale", (viewer) => getCart({ holder: { profileId: viewer.profileId } })),
      expectResult: truthy,
    },
    {
      page: "/cart?reorder=",
      who: "the whale",
      bound: BOUNDS.oneOrder,
      run: () =>
        as("whale", (viewer) => getCart({ holder: { profileId: viewer.profileId }, reorderOf: subjects.whaleOrderId })),
      expectResult: truthy,
    },
    {
      page: "/cart",
      who: "an ordinary customer",
      bound: BOUNDS.oneOrder,
      run: () => as(ordinary, (viewer) => getCart({ holder: { profileId: viewer.profileId } })),
      expectResult: truthy,
    },
    {
      page: "/owner (dashboard)",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.ownerDashboard,
      run: () => as("owner-1", (viewer) => listOwnedRestaurants({ viewer })),
      expectResult: (result) => expect(result).toHaveLength(2),
    },
    {
      page: "/owner/[slug]/orders (queue)",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.ownerQueue,
      run: () => as("owner-1", (viewer) => getOrderQueue({ viewer, slug: subjects.busiest.slug })),
      expectResult: (result) => expect((result as { orders: unknown[] } | null)?.orders.length).toBeGreaterThan(0),
    },
    {
      page: "/owner/[slug]/sales",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.ownerSales,
      run: () => as("owner-1", (viewer) => getSalesReport({ viewer, slug: subjects.busiest.slug })),
      expectResult: (result) => expect((result as { totalOrders: number } | null)?.totalOrders).toBeGreaterThan(0),
    },
    {
      page: "/owner/[slug]/sales?from=&to= (a year)",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.ownerSales,
      run: () =>
        as("owner-1", (viewer) =>
          getSalesReport({ viewer, slug: subjects.busiest.slug, range: { from: daysAgo(365), to: daysAgo(0) } }),
        ),
      expectResult: (result) => expect((result as { totalOrders: number } | null)?.totalOrders).toBeGreaterThan(0),
    },
    ...pastOrderPages(),
    {
      page: "/owner/[slug]/orders/[id]/ticket",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.oneOrder,
      run: () =>
        as("owner-1", (viewer) =>
          getKitchenTicket({ viewer, slug: subjects.busiest.slug, orderId: subjects.busiestOrderId }),
        ),
      expectResult: truthy,
    },
    {
      page: "/owner/[slug]/menu",
      who: "the busiest restaurant's owner",
      bound: BOUNDS.noOrders,
      run: () => as("owner-1", (viewer) => getMenuForOwner({ viewer, slug: subjects.busiest.slug })),
      expectResult: truthy,
    },
    {
      page: "/admin/users (by total)",
      who: "an admin",
      bound: BOUNDS.adminUsers,
      run: () => as("admin", (viewer) => listUserTotals({ viewer, sort: "total" })),
      expectResult: (result) =>
        expect((result as { rows: { slug: string }[] }).rows[0]?.slug).toBe(subjects.whale.slug),
    },
    linked({
      page: "/admin/users?after= (by total, second page)",
      who: "an admin",
      bound: BOUNDS.adminUsers,
      prepare: () => as("admin", async (viewer) => (await listUserTotals({ viewer, sort: "total" })).nextCursor),
      run: (after) => as("admin", (viewer) => listUserTotals({ viewer, sort: "total", after })),
      expectResult: (result) => expect((result as { rows: unknown[] }).rows.length).toBeGreaterThan(0),
    }),
    {
      page: "/admin/users?sort=name",
      who: "an admin",
      bound: BOUNDS.adminUsers,
      run: () => as("admin", (viewer) => listUserTotals({ viewer, sort: "name" })),
      expectResult: (result) => expect((result as { rows: unknown[] }).rows.length).toBeGreaterThan(0),
    },
    {
      page: "/admin/users?q= (search)",
      who: "an admin",
      bound: BOUNDS.adminUsers,
      run: () => as("admin", (viewer) => listUserTotals({ viewer, sort: "total", search: "customer 1" })),
      expectResult: (result) => expect((result as { rows: unknown[] }).rows.length).toBeGreaterThan(0),
    },
    {
      page: "/admin (overview)",
      who: "an admin",
      bound: BOUNDS.adminRevenue,
      run: () => as("admin", (viewer) => getPlatformTotals({ viewer })),
      expectResult: truthy,
    },
    {
      page: "/admin/revenue",
      who: "an admin",
      bound: BOUNDS.adminRevenue,
      run: () => as("admin", (viewer) => Promise.all([getPlatformTotals({ viewer }), getRevenueByMonth({ viewer })])),
      expectResult: truthy,
    },
    {
      page: "/admin/users/[slug] (roles)",
      who: "an admin",
      bound: BOUNDS.noOrders,
      run: () => as("admin", (viewer) => getUserForRoles({ viewer, slug: subjects.whale.slug })),
      expectResult: truthy,
    },
    {
      page: "/admin/audit",
      who: "an admin",
      bound: BOUNDS.noOrders,
      run: () => as("admin", (viewer) => listAuditLog({ zone: "UTC", viewer })),
      expectResult: truthy,
    },
    {
      page: "/admin/audit?actor=&action=&from= (filtered)",
      who: "an admin",
      bound: BOUNDS.noOrders,
      run: () =>
        as("admin", (viewer) =>
          listAuditLog({
            zone: "UTC",
            viewer,
            filter: { actor: "ada", action: "user.role_change", from: daysAgo(30) },
          }),
        ),
      expectResult: truthy,
    },
    {
      page: "/admin/restaurants",
      who: "an admin",
      bound: BOUNDS.noOrders,
      run: () => as("admin", (viewer) => listRestaurantsForAdmin({ viewer })),
      expectResult: (result) => expect((result as { rows: unknown[] }).rows).toHaveLength(RESTAURANTS),
    },
    {
      page: "/admin/restaurants/[slug]?user= (owners and the owner picker)",
      who: "an admin",
      bound: BOUNDS.noOrders,
      run: () =>
        as("admin", (viewer) =>
          Promise.all([
            getRestaurantForAdmin({ viewer, slug: subjects.busiest.slug }),
            searchOwnerCandidates({ viewer, search: "customer 1" }),
          ]),
        ),
      expectResult: truthy,
    },
    ...adminOrderPages(),
  ];

  /** /admin/orders as the page reads it: the restaurants for the filter, then one page of orders. */
  function adminOrders(filter: AdminOrdersFilter, before?: TimeKey) {
    return as("admin", (viewer) =>
      Promise.all([listRestaurantChoices({ viewer }), listOrdersForAdmin({ zone: "UTC", viewer, filter, before })]),
    );
  }
  function adminOrderPages(): PageCase[] {
    const fullPage = (result: unknown) =>
      expect((result as [unknown, { rows: unknown[] }])[1].rows).toHaveLength(ADMIN_ORDERS_PAGE_SIZE);
    const filters: [string, () => AdminOrdersFilter][] = [
      ["/admin/orders", () => ({})],
      ["/admin/orders?status=cancelled", () => ({ status: "cancelled" })],
      ["/admin/orders?restaurant= (the busiest)", () => ({ restaurant: subjects.busiest.id })],
      [
        "/admin/orders?restaurant= (a quiet one)&status=completed",
        () => ({ restaurant: subjects.busiest.id + 20, status: "completed" }),
      ],
      ["/admin/orders?customer= (the whale)", () => ({ customer: "wanda" })],
      ["/admin/orders?customer= (the whale)&status=cancelled", () => ({ customer: "wanda", status: "cancelled" })],
      [
        "/admin/orders?customer= (an ordinary customer)",
        () => ({ customer: `customer ${String(ORDINARY).padStart(3, "0")}` }),
      ],
      ["/admin/orders?customer= (many customers)", () => ({ customer: "customer 1" })],
      ["/admin/orders?from=&to= (a month two years ago)", () => ({ from: daysAgo(760), to: daysAgo(730) })],
    ];
    return [
      ...filters.map(([page, filter]): PageCase => ({
        page,
        who: "an admin",
        bound: BOUNDS.adminOrders,
        run: () => adminOrders(filter()),
        expectResult: fullPage,
      })),
      {
        // A few orders, of which one in 20 or none cancelled: the page is short, and must not cost the whale's.
        page: "/admin/orders?customer= (an ordinary customer)&status=cancelled",
        who: "an admin",
        bound: BOUNDS.adminOrders,
        run: () => adminOrders({ customer: `customer ${String(ORDINARY).padStart(3, "0")}`, status: "cancelled" }),
        expectResult: (result) =>
          expect((result as [unknown, { rows: unknown[] }])[1].rows.length).toBeLessThan(ADMIN_ORDERS_PAGE_SIZE),
      },
      linked({
        page: "/admin/orders?before= (second page)",
        who: "an admin",
        bound: BOUNDS.adminOrders,
        prepare: async () => (await adminOrders({}))[1].nextCursor,
        run: (before) => adminOrders({}, before),
        expectResult: fullPage,
      }),
      {
        page: "/admin/orders?number=",
        who: "an admin",
        bound: BOUNDS.oneOrder,
        run: () => adminOrders({ number: subjects.whaleOrderId }),
        expectResult: (result) => expect((result as [unknown, { rows: unknown[] }])[1].rows).toHaveLength(1),
      },
    ];
  }

  it("seeds the skew the plans are checked against", async () => {
    type Facts = {
      whale: number;
      ordinary: number;
      customers: number;
      orders: number;
      lines: number;
      cancelled: number;
      mismatched: number;
    };
    const [facts] = await postgresClientOf(db())<Facts[]>`select
        (select count(*)::int from orders where customer_id = ${subjects.whale.id}) as whale,
        (select count(*)::int from orders o join profiles p on p.id = o.customer_id
          where p.slug = ${`plan-customer-${ORDINARY}`}) as ordinary,
        (select count(distinct customer_id)::int from orders) as customers,
        (select count(*)::int from orders) as orders,
        (select count(*)::int from order_lines) as lines,
        (select count(*)::int from orders where status = 'cancelled') as cancelled,
        (select count(*)::int from orders o
          where o.total_cents <> (select sum(l.quantity * l.unit_price_cents) from order_lines l where l.order_id = o.id))
          as mismatched`;
    expect(facts).toMatchObject({
      whale: WHALE_ORDERS,
      ordinary: 60,
      customers: ORDINARY_CUSTOMERS + 1,
      mismatched: 0,
    });
    expect(facts!.orders).toBeGreaterThan(WHALE_ORDERS + 9_000);
    expect(facts!.lines / facts!.orders).toBeCloseTo(3, 0);
    expect(facts!.cancelled / facts!.orders).toBeCloseTo(0.05, 2);
  });

  it.each(pages)(
    "$page as $who: no sequential scan of orders or order_lines, at most $bound of their rows touched",
    async (page) => {
      const prepared = await page.prepare?.();
      const { result, queries } = await captureStatements(() => page.run(prepared));
      page.expectResult(result);
      const explained = await explainStatements(postgresClientOf(db()), queries);
      expect(explained.length).toBeGreaterThan(0);
      const problems = pageProblems(explained, { tables: HISTORY_TABLES, maxRowsTouched: page.bound });
      expect(problems.length, `${page.page} as ${page.who}:\n\n${problems.join("\n\n")}\n`).toBe(0);
    },
  );

  /**
   * The statements prepared on purpose (db/prepared.ts) may be planned once, without their values, and that one
   * plan then serves the whale and everyone else. Each is checked as PostgreSQL runs it generically, for both.
   */
  it.each([
    ["the whale", "whale"],
    ["an ordinary customer", `customer-${ORDINARY}`],
  ])("prepared statements keep their plans when planned once for everyone: %s", async (_who, key) => {
    const sessionId = await openSession(userId(key));
    const admin = await findActiveViewer(userId("admin"));
    const { result, queries } = await captureStatements(async () => {
      const viewer = await findSessionViewer({ userId: userId(key), sessionId });
      if (!viewer) throw new Error(`${key} should have a live session`);
      const first = await getProfileForViewer({ viewer });
      const cursor = decodeCursor(first?.nextCursor) ?? undefined;
      return {
        first,
        second: await getProfileForViewer({ viewer, cursor }),
        bySlug: await getProfileForViewer({ viewer: admin!, slug: viewer.slug }),
        cart: await getCart({ holder: { profileId: viewer.profileId } }),
        restaurant: await getRestaurantPage({ slug: BUSIEST, viewer, cartHolder: { profileId: viewer.profileId } }),
        home: await browseRestaurants({ viewer }),
        homeOpenNow: await browseRestaurants({ filters: { openNow: true, cuisine: "thai" } }),
      };
    });
    expect(result.first?.orders).toHaveLength(RECENT_ORDERS);
    expect(result.second?.orders).toHaveLength(RECENT_ORDERS);
    expect(result.bySlug?.id).toBe(result.first?.id);
    expect(result.restaurant?.slug).toBe(BUSIEST);
    expect(result.home.restaurants.length).toBeGreaterThan(0);
    expect(result.homeOpenNow.restaurants.map((r) => r.cuisine)).toContain("Thai");
    // The session check, the profile's first page, its second page, a profile by slug, the cart, a restaurant, and
    // two home pages (with favorites; filtered).
    expect(queries).toHaveLength(8);
    const explained = await explainGenericStatements(postgresClientOf(db()), queries);
    expect(explained.map((e) => e.generic)).toEqual(queries.map(() => true));
    for (const statement of explained) {
      const problems = pageProblems([statement], { tables: HISTORY_TABLES, maxRowsTouched: BOUNDS.orderPage });
      expect(problems.length, problems.join("\n\n")).toBe(0);
    }
  });
  /**
   * An owner's past-orders search by a name that hundreds of the platform's customers bear, at a restaurant only
   * three of them ordered from: it reads that restaurant's customers (restaurant_customers), not every matching
   * profile. It ran last: the restaurant and its orders are added to the skewed platform here.
   */
  it("a past-orders name search reads the restaurant's customers, not every profile with the name", async () => {
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    const regulars = await postgresClientOf(db())<{ id: number; name: string }[]>`
      select id, display_name as name from profiles where slug in ('plan-customer-1', 'plan-customer-2', 'plan-customer-3') order by id`;
    for (const { id } of regulars) {
      await createOrders(db(), {
        customerId: id,
        restaurantId: restaurant.id,
        count: 2,
        lines: [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 1 }],
      });
    }
    await postgresClientOf(db()).unsafe("vacuum analyze restaurant_customers");
    const viewer = (await findActiveViewer(owner.user.id))!;
    // "Customer": 300 profiles; "e": nearly every one (and no trigram for an index to narrow it down with).
    for (const name of ["Customer", "e"]) {
      const { result, queries } = await captureStatements(() =>
        listPastOrders({ viewer, slug: restaurant.slug, search: { name } }),
      );
      expect(result?.orders.map((o) => o.customer.displayName).sort()).toEqual(
        regulars.flatMap(({ name }) => [name, name]),
      );
      expect(result?.tooManyCustomers).toBe(false);
      const explained = await explainStatements(postgresClientOf(db()), queries);
      // The restaurant's three customers, for the page and for the count of matches, and the page's orders' customers.
      const bound = 2 * regulars.length + 2 * (PAST_ORDERS_PAGE_SIZE + 1);
      const problems = pageProblems(explained, { tables: CUSTOMER_TABLES, maxRowsTouched: bound });
      expect(problems.length, `?q=${name}:\n\n${problems.join("\n\n")}\n`).toBe(0);
    }
  });
});
