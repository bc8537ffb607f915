-- Hand-written (decision 0019): an order's total purchase is its lines plus its snapshotted delivery fee, and every
-- mechanism that keeps total_cents true follows: the lines' trigger, the deferred check, the reconciliation's
-- expected rollups and the rebuild. The item rollup (restaurant_item_day_totals) stays lines only: a fee sells no
-- item. Orders placed before this migration have delivery_fee_cents = 0, so their stored totals already hold and
-- nothing needs a backfill; the rebuild at the end re-proves it.

-- Lines are the source of truth for the items; the order's total is their sum plus its own fee.
CREATE OR REPLACE FUNCTION platter_order_lines_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  added order_lines[] := '{}';
  removed order_lines[] := '{}';
  touched orders[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(n ORDER BY n.id), '{}') INTO added FROM new_rows n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(o ORDER BY o.id), '{}') INTO removed FROM old_rows o;
  END IF;
  SELECT coalesce(array_agg(o ORDER BY o.id), '{}') INTO touched
  FROM orders o
  WHERE o.id IN (SELECT (unnest(added)).order_id UNION SELECT (unnest(removed)).order_id);
  PERFORM platter_apply_item_deltas(removed, touched, -1);
  PERFORM platter_apply_item_deltas(added, touched, 1);
  UPDATE orders o SET total_cents = s.cents
  FROM (
    SELECT t.id, t.delivery_fee_cents
                 + coalesce((SELECT sum(l.quantity::bigint * l.unit_price_cents) FROM order_lines l WHERE l.order_id = t.id), 0) AS cents
    FROM unnest(touched) t
  ) s
  WHERE o.id = s.id AND o.total_cents IS DISTINCT FROM s.cents;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- At commit, every order written in the transaction must equal its lines plus its delivery fee.
CREATE OR REPLACE FUNCTION platter_check_order_total() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  cents bigint;
  current_total int;
  fee int;
BEGIN
  SELECT o.total_cents, o.delivery_fee_cents INTO current_total, fee FROM orders o WHERE o.id = NEW.id;
  SELECT fee + coalesce(sum(l.quantity::bigint * l.unit_price_cents), 0) INTO cents FROM order_lines l WHERE l.order_id = NEW.id;
  IF current_total IS DISTINCT FROM cents THEN
    RAISE EXCEPTION 'order % total_cents % does not equal its lines plus its delivery fee (%)', NEW.id, current_total, cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_equals_lines';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- A constraint trigger cannot be replaced in place; it now also watches the fee, so that changing a fee without
-- its total is refused too.
DROP TRIGGER orders_total_equals_lines ON orders;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER orders_total_equals_lines AFTER INSERT OR UPDATE OF total_cents, delivery_fee_cents ON orders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION platter_check_order_total();
--> statement-breakpoint

-- What each order-level rollup must hold: lines plus fee per order. Items: lines only.
CREATE OR REPLACE VIEW platter_expected_order_rollups AS
WITH counted AS (
  SELECT o.id, o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day, o.status,
         coalesce(l.cents, 0) + o.delivery_fee_cents AS cents
  FROM orders o
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
SELECT 'restaurant_day_totals', jsonb_build_array(restaurant_id, day), jsonb_build_array(count(*), sum(cents)::text)
FROM counted WHERE status <> 'cancelled' GROUP BY restaurant_id, day
UNION ALL
SELECT 'restaurant_item_day_totals', jsonb_build_array(o.restaurant_id, platter_app_day(o.placed_at), coalesce(l.menu_item_id::text, 'name:' || l.name)),
       jsonb_build_array(sum(l.quantity::bigint)::text, sum(l.quantity::bigint * l.unit_price_cents)::text)
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.status <> 'cancelled'
GROUP BY o.restaurant_id, platter_app_day(o.placed_at), coalesce(l.menu_item_id::text, 'name:' || l.name);
--> statement-breakpoint

-- The rebuild, with the same rule: order-level rollups count lines plus fee, the item rollup lines only.
CREATE OR REPLACE FUNCTION platter_rebuild_rollups(report boolean DEFAULT true) RETURNS TABLE (rollup_name text, rows_fixed bigint)
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
BEGIN
  IF report THEN
    RETURN QUERY SELECT d.rollup, count(*) FROM platter_rollup_drift() d GROUP BY d.rollup ORDER BY d.rollup;
  END IF;
  PERFORM set_config('platter.rebuilding_rollups', 'on', true);
  -- Lock in the triggers' order (orders before lines, then the rollups) so a concurrent checkout waits.
  LOCK TABLE orders, order_lines IN SHARE MODE;
  DELETE FROM customer_totals;
  DELETE FROM customer_day_totals;
  DELETE FROM customer_restaurant_day_totals;
  DELETE FROM restaurant_day_totals;
  DELETE FROM restaurant_item_day_totals;
  -- Every order with its lines' sum plus its fee, once (the view would compute it again for each rollup).
  CREATE TEMP TABLE platter_counted ON COMMIT DROP AS
  SELECT o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day, o.status,
         coalesce(l.cents, 0) + o.delivery_fee_cents AS cents
  FROM orders o
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
  SELECT restaurant_id, day, count(*), sum(cents) FROM platter_counted WHERE status <> 'cancelled' GROUP BY restaurant_id, day;
  DROP TABLE platter_counted;
  INSERT INTO restaurant_item_day_totals (restaurant_id, day, item_key, name, quantity, total_cents)
  SELECT o.restaurant_id, platter_app_day(o.placed_at), coalesce(l.menu_item_id::text, 'name:' || l.name),
         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1],
         sum(l.quantity::bigint), sum(l.quantity::bigint * l.unit_price_cents)
  FROM order_lines l JOIN orders o ON o.id = l.order_id
  WHERE o.status <> 'cancelled'
  GROUP BY 1, 2, 3;
  PERFORM set_config('platter.rebuilding_rollups', 'off', true);
END
$$;
--> statement-breakpoint

SELECT platter_rebuild_rollups(false);
