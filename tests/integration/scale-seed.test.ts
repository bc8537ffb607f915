import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { DEMO_PASSWORD_HASH } from "@/db/seed/accounts";
import { seedDemo } from "@/db/seed/demo";
import { seedScale, type ScaleSummary } from "@/db/seed/scale";
import { executeRows } from "@/db/seed/scale/bulk";
import type { Database } from "@/db/types";

import { DRIVERS, freshDatabase } from "../fixtures/db";

const ORDERS = 20_000;

// The scale seed's orders, told apart from the demo seed's by their customers' emails.
const SCALE_ORDERS = sql`(select o.* from orders o join profiles p on p.id = o.customer_id join users u on u.id = p.user_id
  where u.email like 'scale-customer-%')`;

async function one<T>(db: Database, query: SQL): Promise<T> {
  const [row] = await executeRows<T>(db, query);
  return row!;
}

/** Every index and foreign key of the tables a bulk load fills: definition and validity. */
const loadedTablesIndexesAndKeys = (db: Database) =>
  executeRows<{ definition: string; valid: boolean }>(
    db,
    sql`select pg_get_indexdef(indexrelid) as definition, indisvalid as valid from pg_index
        where indrelid in ('orders'::regclass, 'order_lines'::regclass, 'order_status_events'::regclass)
        union all
        select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid), convalidated
        from pg_constraint
        where contype = 'f' and conrelid in ('orders'::regclass, 'order_lines'::regclass, 'order_status_events'::regclass)
        order by 1`,
  );

describe.each(DRIVERS)("scale seed on %s", (driver) => {
  const db = freshDatabase(driver);
  let summary: ScaleSummary;
  const progress: [number, number][] = [];

  it(`loads ${ORDERS.toLocaleString("en-US")} orders next to the demo data, reporting progress up to the total`, async () => {
    await seedDemo(db());
    const indexesBefore = await loadedTablesIndexesAndKeys(db());
    summary = await seedScale(db(), { orders: ORDERS, onProgress: (done, total) => progress.push([done, total]) });
    expect(summary).toMatchObject({ orders: ORDERS, customers: 400, restaurants: 20 });
    expect(progress.at(-1)).toEqual([ORDERS, ORDERS]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));

    const counts = await one<{ orders: number; customers: number; owners: number; restaurants: number }>(
      db(),
      sql`select (select count(*) from ${SCALE_ORDERS} s)::int as orders,
                 (select count(*) from users where email like 'scale-customer-%' and role = 'customer')::int as customers,
                 (select count(*) from users where email like 'scale-owner-%' and role = 'owner')::int as owners,
                 (select count(*) from restaurant_owners ro join profiles p on p.id = ro.profile_id join users u on u.id = p.user_id
                   where u.email like 'scale-owner-%')::int as restaurants`,
    );
    expect(counts).toEqual({ orders: ORDERS, customers: 400, owners: summary.owners, restaurants: 20 });
    // The load sets aside the secondary indexes and foreign keys and makes them again: every one is back, valid,
    // as it was defined.
    expect(await loadedTablesIndexesAndKeys(db())).toEqual(indexesBefore);
    expect(indexesBefore.length).toBeGreaterThanOrEqual(16);
  });

  it("gives every order 1 to 5 lines and a stored total equal to its lines plus its delivery fee", async () => {
    const shape = await one<{ fewest: number; most: number; lines: number; mismatched: number; deliveries: number }>(
      db(),
      sql`select min(n)::int as fewest, max(n)::int as most, sum(n)::int as lines,
                 count(*) filter (where total_cents <> fee + cents)::int as mismatched,
                 count(*) filter (where fulfilment = 'delivery' and fee = 299 and address is not null)::int as deliveries
          from (select s.id, s.total_cents, s.fulfilment, s.delivery_fee_cents as fee, s.delivery_address as address,
                       count(l.id) as n, coalesce(sum(l.quantity * l.unit_price_cents), 0) as cents
                from ${SCALE_ORDERS} s left join order_lines l on l.order_id = s.id
                group by s.id, s.total_cents, s.fulfilment, s.delivery_fee_cents, s.delivery_address) t`,
    );
    // Every fourth order is a delivery at the scale restaurants' fee (db/seed/scale/order-rows.ts).
    expect(shape).toEqual({
      fewest: 1,
      most: 5,
      lines: summary.lines,
      mismatched: 0,
      deliveries: Math.ceil(summary.orders / 4),
    });
  });

  it("cancels about 5% of orders, keeps a few recent ones open, and records each order's status path", async () => {
    const fullHistoryFrom = new Date(summary.anchor.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const statuses = await one<{
      cancelled: number;
      open: number;
      unplaced: number;
      unfinished: number;
      olderCompleted: number;
      olderExtra: number;
    }>(
      db(),
      sql`select (count(*) filter (where status = 'cancelled'))::float8 / count(*) as cancelled,
                 count(*) filter (where status in ('placed', 'preparing', 'ready'))::int as open,
                 count(*) filter (where not exists (select 1 from order_status_events e
                   where e.order_id = s.id and e.to_status = 'placed' and e.from_status is null
                     and e.created_at = s.placed_at))::int as unplaced,
                 count(*) filter (where (s.status <> 'completed' or s.placed_at >= ${fullHistoryFrom}::timestamptz)
                   and s.status <> (select e.to_status from order_status_events e where e.order_id = s.id
                     order by e.created_at desc, e.id desc limit 1))::int as unfinished,
                 count(*) filter (where s.status = 'completed' and s.placed_at < ${fullHistoryFrom}::timestamptz)::int as "olderCompleted",
                 count(*) filter (where s.status = 'completed' and s.placed_at < ${fullHistoryFrom}::timestamptz
                   and (select count(*) from order_status_events e where e.order_id = s.id) <> 1)::int as "olderExtra"
          from ${SCALE_ORDERS} s`,
    );
    expect(statuses.cancelled).toBeGreaterThan(0.03);
    expect(statuses.cancelled).toBeLessThan(0.07);
    expect(statuses.open).toBeGreaterThan(0);
    expect(statuses.unplaced).toBe(0);
    // Cancelled and recent orders have their whole path, ending at their status...
    expect(statuses.unfinished).toBe(0);
    // ...older completed orders only their 'placed' event (db/seed/scale/orders.ts says why).
    expect(statuses.olderCompleted).toBeGreaterThan(ORDERS / 2);
    expect(statuses.olderExtra).toBe(0);
  });

  it("follows a long tail: a whale with thousands of orders, a median customer with tens", async () => {
    const customers = await executeRows<{ email: string; orders: number }>(
      db(),
      sql`select u.email, count(*)::int as orders from ${SCALE_ORDERS} s join profiles p on p.id = s.customer_id
          join users u on u.id = p.user_id group by u.email order by orders desc, u.email`,
    );
    expect(customers).toHaveLength(400);
    expect(customers[0]).toEqual({ email: "scale-customer-00001@platter.test", orders: summary.whale.orders });
    expect(summary.whale.orders).toBeGreaterThanOrEqual(5_000);
    const median = customers[200]!.orders;
    expect(median).toBeGreaterThanOrEqual(5);
    expect(median).toBeLessThanOrEqual(100);
    expect(customers.find((c) => c.email === summary.median.email)?.orders).toBe(median);
    // Customers are numbered by rank: nobody outranks the customer numbered before them.
    const byNumber = [...customers].sort((a, b) => a.email.localeCompare(b.email));
    expect(byNumber.every((c, i) => i === 0 || c.orders <= byNumber[i - 1]!.orders)).toBe(true);
  });

  it("spreads orders over the last three years, recent days included", async () => {
    const span = await one<{ tooOld: number; future: number; lastMonth: number; years: number }>(
      db(),
      sql`select count(*) filter (where placed_at < now() - interval '3 years' - interval '1 day')::int as "tooOld",
                 count(*) filter (where placed_at > now())::int as future,
                 count(*) filter (where placed_at > now() - interval '30 days')::int as "lastMonth",
                 count(distinct extract(year from placed_at at time zone 'UTC'))::int as years
          from ${SCALE_ORDERS} s`,
    );
    expect(span.tooOld).toBe(0);
    expect(span.future).toBe(0);
    // The business grows: the last month holds more than a 36th of three years' orders.
    expect(span.lastMonth).toBeGreaterThan(ORDERS / 36);
    expect(span.years).toBeGreaterThanOrEqual(3);
  });

  it("creates menus, owners and sign-in-able accounts that the summary points at", async () => {
    const menus = await one<{ fewest: number; most: number; closed: number }>(
      db(),
      sql`select min(n)::int as fewest, max(n)::int as most, count(*) filter (where not is_open)::int as closed
          from (select r.id, r.is_open, count(m.id) as n from restaurants r join menu_items m on m.restaurant_id = r.id
                where r.id in (select restaurant_id from restaurant_owners ro join profiles p on p.id = ro.profile_id
                  join users u on u.id = p.user_id where u.email like 'scale-owner-%')
                group by r.id, r.is_open) t`,
    );
    expect(menus.fewest).toBeGreaterThanOrEqual(8);
    expect(menus.most).toBeLessThanOrEqual(20);
    expect(menus.closed).toBeGreaterThan(0);

    const passwords = await one<{ other: number }>(
      db(),
      sql`select count(*)::int as other from users where email like 'scale-%' and password_hash <> ${DEMO_PASSWORD_HASH}`,
    );
    expect(passwords.other).toBe(0);

    // The busiest restaurant is the one the summary names, owned by the owner it names.
    const busiest = await one<{ slug: string; orders: number; owner: string }>(
      db(),
      sql`select r.slug, count(*)::int as orders, min(u.email) as owner from ${SCALE_ORDERS} s join restaurants r on r.id = s.restaurant_id
          join restaurant_owners ro on ro.restaurant_id = r.id join profiles p on p.id = ro.profile_id join users u on u.id = p.user_id
          group by r.slug order by orders desc limit 1`,
    );
    expect(busiest).toEqual({
      slug: summary.busiestRestaurant.slug,
      orders: summary.busiestRestaurant.orders,
      owner: summary.busiestRestaurant.ownerEmail,
    });
  });

  it("refuses to load a second scale data set into the same database", async () => {
    await expect(seedScale(db(), { orders: 100 })).rejects.toThrow(/already loaded/);
    expect(await one<{ n: number }>(db(), sql`select count(*)::int as n from ${SCALE_ORDERS} s`)).toEqual({
      n: ORDERS,
    });
  });
});

/** One md5 per table over every column that the seed writes, timestamps as epoch milliseconds. */
async function digest(db: Database) {
  const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::bigint`);
  const tables: Record<string, SQL> = {
    users: sql`select concat_ws(',', id, name, email, role, password_hash, ${ms("created_at")}, ${ms("updated_at")}) as r,
      id::text as k from users`,
    profiles: sql`select concat_ws(',', id, user_id, slug, display_name, ${ms("created_at")}) as r, lpad(id::text, 12) as k from profiles`,
    restaurants: sql`select concat_ws(',', id, slug, name, cuisine, description, address, is_open, ${ms("created_at")}) as r,
      lpad(id::text, 12) as k from restaurants`,
    menus: sql`select concat_ws(',', id, restaurant_id, category_id, name, price_cents, position) as r,
      lpad(id::text, 12) as k from menu_items`,
    owners: sql`select concat_ws(',', profile_id, restaurant_id) as r, lpad(restaurant_id::text, 12) as k from restaurant_owners`,
    favorites: sql`select concat_ws(',', profile_id, restaurant_id, ${ms("created_at")}) as r,
      concat(lpad(profile_id::text, 12), lpad(restaurant_id::text, 12)) as k from favorites`,
    orders: sql`select concat_ws(',', id, customer_id, restaurant_id, status, total_cents, idempotency_key,
      ${ms("placed_at")}, ${ms("updated_at")}) as r, lpad(id::text, 12) as k from orders`,
    lines: sql`select concat_ws(',', id, order_id, menu_item_id, name, unit_price_cents, quantity) as r,
      lpad(id::text, 12) as k from order_lines`,
    events: sql`select concat_ws(',', id, order_id, from_status, to_status, ${ms("created_at")}) as r,
      lpad(id::text, 12) as k from order_status_events`,
  };
  const digests: Record<string, string> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const row = await one<{ md5: string }>(
      db,
      sql`select md5(string_agg(t.r, '|' order by t.k)) as md5 from (${rows}) t`,
    );
    digests[name] = row.md5;
  }
  return digests;
}

describe("scale seed determinism", () => {
  const first = freshDatabase("pglite");
  // PostgreSQL when there is one: the rows must not depend on the driver either.
  const second = freshDatabase(DRIVERS.at(-1)!);
  const reseeded = freshDatabase("pglite");

  it("writes identical rows for the same size, seed and day, and different ones for another seed", async () => {
    const now = new Date("2026-01-15T12:00:00Z");
    await seedScale(first(), { orders: 3_000, seed: 11, now });
    await seedScale(second(), { orders: 3_000, seed: 11, now: new Date("2026-01-15T23:59:59Z") });
    const expected = await digest(first());
    expect(await digest(second())).toEqual(expected);

    await seedScale(reseeded(), { orders: 3_000, seed: 12, now });
    const other = await digest(reseeded());
    expect(other.orders).not.toBe(expected.orders);
    expect(other.lines).not.toBe(expected.lines);
  });
});
