/**
 * Who and what the HTTP and SQL benchmarks (bench/http.ts, bench/scale.ts) measure, picked by SQL rather than
 * hard-coded, so that the same scripts run on the demo data (+ --heavy) and on the scale seed:
 *   whale     the customer with the most orders
 *   ordinary  a customer at the median order count, among customers with at least one order
 *   owner     an owner of the restaurant with the most orders (that restaurant: `busiest`)
 *   admin     admin@platter.test, else the first enabled admin
 * Plain postgres.js (no app code), so that it loads with or without the react-server condition.
 */
import postgres from "postgres";

export type Subject = {
  email: string;
  userId: string;
  profileId: number;
  slug: string;
  displayName: string;
  orders: number;
};
export type Subjects = {
  ordinary: Subject;
  whale: Subject;
  owner: Subject;
  admin: Subject;
  busiest: { id: number; slug: string; name: string; orders: number };
  /** The restaurant each customer ordered from most (for the history's restaurant filter). */
  favoriteRestaurant: { ordinary: number; whale: number };
  totals: { users: number; customersWithOrders: number; orders: number; orderLines: number };
};

export async function pickSubjects(url: string): Promise<Subjects> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const perCustomer = sql`
      select o.customer_id as profile_id, count(*)::int as orders
      from orders o join profiles p on p.id = o.customer_id join users u on u.id = p.user_id
      where u.role = 'customer' and not u.disabled
      group by o.customer_id`;
    const subject = (row: postgres.Row | undefined, what: string): Subject => {
      if (!row) throw new Error(`no ${what} found: seed the database first (npm run db:seed, then --heavy or --scale)`);
      return {
        email: row.email,
        userId: row.user_id,
        profileId: row.profile_id,
        slug: row.slug,
        displayName: row.display_name,
        orders: row.orders,
      };
    };
    const withUser = (inner: postgres.PendingQuery<postgres.Row[]>) => sql`
      select u.email, u.id as user_id, p.id as profile_id, p.slug, p.display_name, c.orders
      from (${inner}) c join profiles p on p.id = c.profile_id join users u on u.id = p.user_id`;

    const [whale] = await withUser(sql`select * from (${perCustomer}) t order by orders desc, profile_id limit 1`);
    const [ordinary] = await withUser(sql`
      select t.* from (${perCustomer}) t,
        (select percentile_disc(0.5) within group (order by orders) as median from (${perCustomer}) m) med
      order by abs(t.orders - med.median), t.profile_id limit 1`);
    const [busiest] = await sql`
      select r.id, r.slug, r.name, b.orders from (
        select restaurant_id, count(*)::int as orders from orders group by restaurant_id order by 2 desc, 1 limit 1
      ) b join restaurants r on r.id = b.restaurant_id`;
    if (!busiest) throw new Error("no orders found: seed the database first");
    const [owner] = await sql`
      select u.email, u.id as user_id, p.id as profile_id, p.slug, p.display_name, 0 as orders
      from restaurant_owners ro join profiles p on p.id = ro.profile_id join users u on u.id = p.user_id
      where ro.restaurant_id = ${busiest.id} and u.role in ('owner', 'admin') and not u.disabled
      order by (u.role = 'owner') desc, p.id limit 1`;
    const [admin] = await sql`
      select u.email, u.id as user_id, p.id as profile_id, p.slug, p.display_name, 0 as orders
      from users u join profiles p on p.user_id = u.id
      where u.role = 'admin' and not u.disabled
      order by (lower(u.email) = 'admin@platter.test') desc, p.id limit 1`;
    const favorite = async (profileId: number) => {
      const [row] = await sql`
        select restaurant_id from orders where customer_id = ${profileId}
        group by restaurant_id order by count(*) desc, restaurant_id limit 1`;
      return row!.restaurant_id as number;
    };
    const w = subject(whale, "customer with orders");
    const o = subject(ordinary, "customer with orders");
    const [totals] = await sql`
      select (select count(*)::int from users) as users,
             (select count(*)::int from (${perCustomer}) t) as customers_with_orders,
             (select count(*)::int from orders) as orders,
             (select count(*)::int from order_lines) as order_lines`;
    return {
      whale: w,
      ordinary: o,
      owner: subject(owner, `owner of ${busiest.slug}`),
      admin: subject(admin, "admin"),
      busiest: { id: busiest.id, slug: busiest.slug, name: busiest.name, orders: busiest.orders },
      favoriteRestaurant: { ordinary: await favorite(o.profileId), whale: await favorite(w.profileId) },
      totals: {
        users: totals!.users,
        customersWithOrders: totals!.customers_with_orders,
        orders: totals!.orders,
        orderLines: totals!.order_lines,
      },
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** "postgres://postgres@127.0.0.1:5432/platter_bench" without a password, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/** The 95th percentile: the value 95% of the sorted samples reach (nearest rank). */
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

export const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
