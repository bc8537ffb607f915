/**
 * DATABASE_URL=... npm run bench:checkout [-- --runs 200]
 *
 * The write side of the rollups, on an existing scale-seeded PostgreSQL database: an ordinary customer's checkout
 * (two items added to the cart, then the order placed: one transaction) and the customer's cancel, timed through
 * the app's own functions, median and p95 in milliseconds. The same script runs against code without rollups to
 * compare. Every order it places is cancelled again, so totals end where they started (orders are never deleted:
 * the database keeps `runs` more cancelled orders).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";

import { closeDb, getScriptDb } from "@/db/client";
import { executeRows } from "@/db/rows";
import { findActiveViewer } from "@/lib/auth/queries";
import { addToCart } from "@/lib/cart/queries";
import { cancelOwnOrder } from "@/lib/orders/cancel";
import { placeOrder } from "@/lib/orders/checkout";

import { median, p95 } from "./subjects";

const { values } = parseArgs({ options: { runs: { type: "string", default: "200" } } });
const runs = Number(values.runs);
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is required.");
  process.exit(2);
}

const db = await getScriptDb();
// The customer at the median order count, and two items of an open restaurant they have ordered from.
const [subject] = await executeRows<{ user_id: string; item_a: number; item_b: number; cents: number }>(
  db,
  sql`with counts as (select customer_id, count(*) as n from orders group by customer_id),
      median as (select customer_id from counts order by n, customer_id offset (select count(*) / 2 from counts) limit 1),
      menu as (
        select m.restaurant_id, array_agg(m.id order by m.id) as ids, array_agg(m.price_cents order by m.id) as prices
        from menu_items m join restaurants r on r.id = m.restaurant_id
        where r.is_open and m.available and m.deleted_at is null group by m.restaurant_id having count(*) >= 2)
      select (select p.user_id from profiles p where p.id = (select customer_id from median)) as user_id,
        ids[1] as item_a, ids[2] as item_b, prices[1] + 2 * prices[2] as cents
      from menu order by restaurant_id limit 1`,
);
if (!subject) throw new Error("no open restaurant with two available items: seed with --scale first");
const viewer = await findActiveViewer(subject.user_id);
if (!viewer) throw new Error("the median customer is disabled: pick another database");
const holder = { profileId: viewer.profileId };

const place: number[] = [];
const cancel: number[] = [];
for (let i = 0; i < runs + 5; i++) {
  const startedPlace = performance.now();
  await addToCart({ holder, menuItemId: subject.item_a, quantity: 1 });
  await addToCart({ holder, menuItemId: subject.item_b, quantity: 2 });
  const result = await placeOrder({
    viewer,
    idempotencyKey: `bench-checkout-${Date.now()}-${i}`,
    expectedTotalCents: subject.cents,
  });
  const placed = performance.now() - startedPlace;
  if (!result.ok) throw new Error(`checkout refused: ${result.reason}`);
  const startedCancel = performance.now();
  if (!(await cancelOwnOrder({ viewer, orderId: result.orderId })).ok) throw new Error("cancel refused");
  const cancelled = performance.now() - startedCancel;
  if (i >= 5) {
    // The first five warm plans and connections.
    place.push(placed);
    cancel.push(cancelled);
  }
}
await closeDb();

const stat = (xs: number[]) => `${median(xs).toFixed(2)} | ${p95(xs).toFixed(2)}`;
console.log(`| write (${runs} runs, profile ${viewer.profileId}) | median ms | p95 ms |`);
console.log("|---|---:|---:|");
console.log(`| add 2 items + place order | ${stat(place)} |`);
console.log(`| cancel own order | ${stat(cancel)} |`);
