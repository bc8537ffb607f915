-- A repair that cannot fail on a sign-up, and order lines that cannot be emptied behind the rollups' back
-- (found by a review, 2026-12-01; decision 0006).
--
-- 1. platter_rebuild_rollups locks the whole profiles table (SHARE) instead of its existing rows: a profile
--    inserted while it rebuilt made it fail on customer_totals' primary key. Otherwise unchanged from 0025.
-- 2. TRUNCATE of order_lines (directly, or cascaded from menu_items or orders) is refused, as TRUNCATE of orders
--    and of every rollup already is: it fires no row trigger, so stored totals and rollups would keep counting
--    lines that are gone.
CREATE OR REPLACE FUNCTION platter_rebuild_rollups(report boolean DEFAULT true) RETURNS TABLE (rollup_name text, rows_fixed bigint)
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
BEGIN
  IF report THEN
    RETURN QUERY SELECT d.rollup, count(*) FROM platter_rollup_drift() d GROUP BY d.rollup ORDER BY d.rollup;
  END IF;
  PERFORM set_config('platter.rebuilding_rollups', 'on', true);
  -- The restaurants first, as a zone change does (it holds its restaurant's row, then reads orders): taken after
  -- the orders, a zone change waiting on them and this waiting on its row deadlocked. Then orders before lines,
  -- so that a concurrent checkout waits.
  PERFORM 1 FROM restaurants ORDER BY id FOR SHARE;
  -- The profiles too, the whole table: a rename committing during the rebuild would refold restaurant_customers
  -- rows the rebuild is replacing, and a sign-up committing between the deletes and the inserts below would give
  -- its profile a customer_totals row (its own trigger's) before the rebuild inserts one for every profile it
  -- sees: a duplicate key, and db:reconcile failed. Row locks held the renames only; SHARE holds both.
  LOCK TABLE profiles IN SHARE MODE;
  LOCK TABLE orders, order_lines IN SHARE MODE;
  DELETE FROM customer_totals;
  DELETE FROM customer_day_totals;
  DELETE FROM customer_restaurant_day_totals;
  DELETE FROM restaurant_day_totals;
  DELETE FROM restaurant_item_day_totals;
  DELETE FROM restaurant_customers;
  -- Every order with its lines' sum plus its fee, once (the view would compute it again for each rollup).
  CREATE TEMP TABLE platter_counted ON COMMIT DROP AS
  SELECT o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day,
         platter_zone_day(o.placed_at, z.time_zone) AS restaurant_day, o.status,
         coalesce(l.cents, 0) + o.delivery_fee_cents AS cents
  FROM orders o
  JOIN restaurants z ON z.id = o.restaurant_id
  LEFT JOIN (SELECT order_id, sum(quantity::bigint * unit_price_cents) AS cents FROM order_lines GROUP BY order_id) l
    ON l.order_id = o.id;
  INSERT INTO customer_totals (customer_id, order_count, cancelled_count, total_cents)
  SELECT p.id, count(c.customer_id) FILTER (WHERE c.status <> 'cancelled'), count(c.customer_id) FILTER (WHERE c.status = 'cancelled'),
         coalesce(sum(c.cents) FILTER (WHERE c.status <> 'cancelled'), 0)
  FROM profiles p LEFT JOIN platter_counted c ON c.customer_id = p.id
  GROUP BY p.id;
  INSERT INTO customer_day_totals (customer_id, day, order_count, total_cents)
  SELECT customer_id, day, count(*), sum(cents) FROM platter_counted WHERE status <> 'cancelled' GROUP BY customer_id, day;
  INSERT INTO customer_restaurant_day_totals (customer_id, restaurant_id, day, order_count, total_cents)
  SELECT customer_id, restaurant_id, day, count(*), sum(cents) FROM platter_counted WHERE status <> 'cancelled'
  GROUP BY customer_id, restaurant_id, day;
  INSERT INTO restaurant_day_totals (restaurant_id, day, order_count, total_cents)
  SELECT restaurant_id, restaurant_day, count(*), sum(cents) FROM platter_counted WHERE status <> 'cancelled'
  GROUP BY restaurant_id, restaurant_day;
  DROP TABLE platter_counted;
  INSERT INTO restaurant_item_day_totals (restaurant_id, day, item_key, name, quantity, total_cents)
  SELECT o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name),
         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1],
         sum(l.quantity::bigint), sum(l.quantity::bigint * l.unit_price_cents)
  FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN restaurants z ON z.id = o.restaurant_id
  WHERE o.status <> 'cancelled'
  GROUP BY 1, 2, 3;
  INSERT INTO restaurant_customers (restaurant_id, customer_id, search_name)
  SELECT o.restaurant_id, o.customer_id, platter_search_text(p.display_name)
  FROM (SELECT DISTINCT restaurant_id, customer_id FROM orders) o JOIN profiles p ON p.id = o.customer_id;
  PERFORM set_config('platter.rebuilding_rollups', 'off', true);
END
$$;
--> statement-breakpoint
CREATE FUNCTION platter_refuse_line_truncate() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'order lines are never truncated: their orders'' totals and the rollups would not follow'
    USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER order_lines_refuse_truncate BEFORE TRUNCATE ON order_lines
  FOR EACH STATEMENT EXECUTE FUNCTION platter_refuse_line_truncate();
