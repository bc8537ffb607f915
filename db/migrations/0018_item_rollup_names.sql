-- Hand-written (decision 0006, "Item names"): the owner's sales page shows each top item under the latest name it
-- was sold under, read from restaurant_item_day_totals.name. Until now that column followed the last write, not
-- the lines: a cancel kept the name of the order it removed, and a checkout that committed after a later-placed
-- one named the row after itself. Now the column is, at every commit, the name of the latest counted line under
-- its key that day (orders.placed_at, then line id, as the rebuild orders them), and the reconciliation proves it
-- with the quantities and cents.

-- The latest counted line's name under `key` on restaurant `rid`'s day `d` (its zone's day), or null when none is
-- left. Reads one restaurant's orders of about that day through orders_restaurant_placed_idx (the range is widened
-- by a day each side so that a day a zone transition made shorter or longer is covered; the exact day is then
-- compared), never anyone's whole history. VOLATILE: under READ COMMITTED it sees what committed before it runs,
-- which the caller needs (it runs while holding the rollup row, after a concurrent writer of that row committed).
CREATE FUNCTION platter_item_day_name(rid integer, d date, key text) RETURNS text
LANGUAGE sql VOLATILE
AS $$
  SELECT l.name
  FROM restaurants z
  JOIN orders o ON o.restaurant_id = z.id
  JOIN order_lines l ON l.order_id = o.id
  WHERE z.id = rid
    AND o.placed_at >= (d::timestamp AT TIME ZONE z.time_zone) - interval '1 day'
    AND o.placed_at < ((d + 1)::timestamp AT TIME ZONE z.time_zone) + interval '1 day'
    AND platter_zone_day(o.placed_at, z.time_zone) = d
    AND o.status <> 'cancelled'
    AND coalesce(l.menu_item_id::text, 'name:' || l.name) = key
  ORDER BY o.placed_at DESC, l.id DESC
  LIMIT 1
$$;
--> statement-breakpoint

-- The row's name stays what it was only where that is provably still the latest: lines added under the name it
-- already has (the latest of the others and of the new ones is then that name either way). Any other addition,
-- and every removal (the removed line may have been the latest), looks the name up again; a row whose lines are
-- all gone keeps its last name without looking (it adds up to nothing: it counts as no row, and the sales page
-- takes no name from it).
CREATE OR REPLACE FUNCTION platter_apply_item_deltas(lines order_lines[], orders_as orders[], direction int) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO restaurant_item_day_totals AS t (restaurant_id, day, item_key, name, quantity, total_cents)
  SELECT o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name),
         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1],
         direction * sum(l.quantity::bigint), direction * sum(l.quantity::bigint * l.unit_price_cents)
  FROM unnest(lines) l JOIN unnest(orders_as) o ON o.id = l.order_id
  JOIN restaurants z ON z.id = o.restaurant_id
  WHERE o.status <> 'cancelled'
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (restaurant_id, day, item_key) DO UPDATE SET
    name = CASE
      WHEN direction > 0 AND excluded.name = t.name THEN t.name
      -- Nothing left to name it: no lookup (a menu item deleted for good moves its whole history this way).
      WHEN t.quantity + excluded.quantity = 0 THEN t.name
      ELSE coalesce(platter_item_day_name(t.restaurant_id, t.day, t.item_key), t.name)
    END,
    quantity = t.quantity + excluded.quantity,
    total_cents = t.total_cents + excluded.total_cents;
$$;
--> statement-breakpoint

-- The item rollup's value now carries its name, stored and expected alike.
CREATE OR REPLACE VIEW platter_stored_rollups AS
SELECT 'customer_totals'::text AS rollup, jsonb_build_array(customer_id) AS key,
       jsonb_build_array(order_count, cancelled_count, total_cents::text) AS value
FROM customer_totals
UNION ALL
SELECT 'customer_day_totals', jsonb_build_array(customer_id, day), jsonb_build_array(order_count, total_cents::text)
FROM customer_day_totals WHERE order_count <> 0 OR total_cents <> 0
UNION ALL
SELECT 'customer_restaurant_day_totals', jsonb_build_array(customer_id, restaurant_id, day), jsonb_build_array(order_count, total_cents::text)
FROM customer_restaurant_day_totals WHERE order_count <> 0 OR total_cents <> 0
UNION ALL
SELECT 'restaurant_day_totals', jsonb_build_array(restaurant_id, day), jsonb_build_array(order_count, total_cents::text)
FROM restaurant_day_totals WHERE order_count <> 0 OR total_cents <> 0
UNION ALL
SELECT 'restaurant_item_day_totals', jsonb_build_array(restaurant_id, day, item_key), jsonb_build_array(quantity::text, total_cents::text, name)
FROM restaurant_item_day_totals WHERE quantity <> 0 OR total_cents <> 0;
--> statement-breakpoint

CREATE OR REPLACE VIEW platter_expected_order_rollups AS
WITH counted AS (
  SELECT o.id, o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day,
         platter_zone_day(o.placed_at, z.time_zone) AS restaurant_day, o.status,
         coalesce(l.cents, 0) + o.delivery_fee_cents AS cents
  FROM orders o
  JOIN restaurants z ON z.id = o.restaurant_id
  LEFT JOIN (SELECT order_id, sum(quantity::bigint * unit_price_cents) AS cents FROM order_lines GROUP BY order_id) l
    ON l.order_id = o.id
)
SELECT 'customer_totals'::text AS rollup, jsonb_build_array(p.id) AS key,
       jsonb_build_array(count(c.id) FILTER (WHERE c.status <> 'cancelled'), count(c.id) FILTER (WHERE c.status = 'cancelled'),
                         (coalesce(sum(c.cents) FILTER (WHERE c.status <> 'cancelled'), 0))::text) AS value
FROM profiles p LEFT JOIN counted c ON c.customer_id = p.id
GROUP BY p.id
UNION ALL
SELECT 'customer_day_totals', jsonb_build_array(customer_id, day), jsonb_build_array(count(*), sum(cents)::text)
FROM counted WHERE status <> 'cancelled' GROUP BY customer_id, day
UNION ALL
SELECT 'customer_restaurant_day_totals', jsonb_build_array(customer_id, restaurant_id, day), jsonb_build_array(count(*), sum(cents)::text)
FROM counted WHERE status <> 'cancelled' GROUP BY customer_id, restaurant_id, day
UNION ALL
SELECT 'restaurant_day_totals', jsonb_build_array(restaurant_id, restaurant_day), jsonb_build_array(count(*), sum(cents)::text)
FROM counted WHERE status <> 'cancelled' GROUP BY restaurant_id, restaurant_day
UNION ALL
SELECT 'restaurant_item_day_totals',
       jsonb_build_array(o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name)),
       jsonb_build_array(sum(l.quantity::bigint)::text, sum(l.quantity::bigint * l.unit_price_cents)::text,
                         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1])
FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN restaurants z ON z.id = o.restaurant_id
WHERE o.status <> 'cancelled'
GROUP BY o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name);
--> statement-breakpoint

-- Names written the old way are put right once; the quantities and cents were already exact.
SELECT platter_rebuild_rollups(false);
