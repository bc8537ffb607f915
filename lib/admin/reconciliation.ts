import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { centsFromDb } from "@/lib/money";
import { assertAdmin } from "./guard";
import { executeRows } from "./rows";

/** A report lists this many mismatches of each kind at most; the counts are always complete. */
export const MISMATCHES_LISTED = 200;

export type OrderMismatch = {
  orderId: number;
  status: OrderStatus;
  placedAt: string;
  customerSlug: string;
  customerName: string;
  restaurantName: string;
  storedCents: number;
  linesCents: number;
};

export type UserMismatch = {
  profileId: number;
  slug: string;
  displayName: string;
  storedCents: number;
  linesCents: number;
  orderIds: number[];
};

export type ReconciliationReport = {
  ordersChecked: number;
  usersChecked: number;
  orderMismatchCount: number;
  userMismatchCount: number;
  orderMismatches: OrderMismatch[];
  userMismatches: UserMismatch[];
  ms: number;
};

type Raw = {
  orders_checked: number;
  users_checked: number;
  order_mismatch_count: number;
  user_mismatch_count: number;
  order_mismatches: (Omit<OrderMismatch, "storedCents" | "linesCents"> & { storedCents: string; linesCents: string })[];
  user_mismatches: (Omit<UserMismatch, "storedCents" | "linesCents"> & { storedCents: string; linesCents: string })[];
};

/**
 * Proves every total in one statement. Per order: the stored total_cents against the sum of its line snapshots
 * (every order, cancelled ones included: a cancelled order must still add up). Per user: the sum of their
 * non-cancelled orders' stored totals against the sum of those orders' lines, which is the total purchase that
 * the profile and the users' table show. Lines are summed once per order (one scan of order_lines); the
 * `checked` CTE is read several times and so is materialized once.
 */
export async function reconcileTotals({ viewer }: { viewer: Viewer }): Promise<ReconciliationReport> {
  assertAdmin(viewer);
  const db = await getDb();
  const started = performance.now();
  const [raw] = await executeRows<Raw>(
    db,
    sql`
    with line_sums as (
      select order_id, sum(quantity::bigint * unit_price_cents) as cents
      from order_lines group by order_id
    ), checked as (
      select o.id, o.customer_id, o.restaurant_id, o.status, o.placed_at, o.total_cents::bigint as stored,
             coalesce(l.cents, 0)::bigint as lines
      from orders o left join line_sums l on l.order_id = o.id
    ), order_mismatches as (
      select * from checked where stored <> lines
    ), user_sums as (
      select customer_id, sum(stored)::bigint as stored, sum(lines)::bigint as lines
      from checked where status <> 'cancelled' group by customer_id
    ), user_mismatches as (
      select * from user_sums where stored <> lines
    )
    select
      (select count(*)::int from checked) as orders_checked,
      (select count(*)::int from user_sums) as users_checked,
      (select count(*)::int from order_mismatches) as order_mismatch_count,
      (select count(*)::int from user_mismatches) as user_mismatch_count,
      (select coalesce(json_agg(m order by m."orderId"), '[]'::json) from (
         select om.id as "orderId", om.status, om.placed_at as "placedAt", p.slug as "customerSlug",
                p.display_name as "customerName", r.name as "restaurantName",
                om.stored::text as "storedCents", om.lines::text as "linesCents"
         from order_mismatches om
         join profiles p on p.id = om.customer_id
         join restaurants r on r.id = om.restaurant_id
         order by om.id limit ${MISMATCHES_LISTED}) m) as order_mismatches,
      (select coalesce(json_agg(m order by m."profileId"), '[]'::json) from (
         select um.customer_id as "profileId", p.slug, p.display_name as "displayName",
                um.stored::text as "storedCents", um.lines::text as "linesCents",
                coalesce((select json_agg(om.id order by om.id) from order_mismatches om
                          where om.customer_id = um.customer_id), '[]'::json) as "orderIds"
         from user_mismatches um join profiles p on p.id = um.customer_id
         order by um.customer_id limit ${MISMATCHES_LISTED}) m) as user_mismatches
  `,
  );
  const ms = performance.now() - started;
  return {
    ordersChecked: raw!.orders_checked,
    usersChecked: raw!.users_checked,
    orderMismatchCount: raw!.order_mismatch_count,
    userMismatchCount: raw!.user_mismatch_count,
    orderMismatches: raw!.order_mismatches.map((m) => ({
      ...m,
      storedCents: centsFromDb(m.storedCents),
      linesCents: centsFromDb(m.linesCents),
    })),
    userMismatches: raw!.user_mismatches.map((m) => ({
      ...m,
      storedCents: centsFromDb(m.storedCents),
      linesCents: centsFromDb(m.linesCents),
    })),
    ms,
  };
}
