-- Hand-written below the generated table (decision 0021, "Name search"): restaurant_customers holds each
-- restaurant's customers (anyone with an order there, cancelled or not) with their names folded as search compares
-- them. The owner's past-orders name search read every profile of the platform whose name matched, folding each
-- (unaccent) and probing its orders at the restaurant: a one-letter name took 160-220 ms at 20,000 customers, at a
-- restaurant with 7 customers as at the busiest. It now reads the restaurant's own rows, in customer order, and
-- stops at the page's limit. The key INCLUDEs the folded name (written by hand into the generated table: Drizzle
-- has no INCLUDE), so the search is an index-only scan: the busiest restaurant's 12,000 customers in 1.7 ms.
--
-- Kept like the rollups: statement triggers on orders add (and, were an order ever moved, remove) pairs; a rename
-- refolds the customer's rows; direct writes are refused (platter_guard_rollups); the drift views and the rebuild
-- cover it, so `npm run db:reconcile` and the admin's reconciliation prove it equal to the orders.
CREATE TABLE "restaurant_customers" (
	"restaurant_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"search_name" text NOT NULL,
	CONSTRAINT "restaurant_customers_restaurant_id_customer_id_pk" PRIMARY KEY("restaurant_id","customer_id") INCLUDE ("search_name")
);
--> statement-breakpoint
ALTER TABLE "restaurant_customers" ADD CONSTRAINT "restaurant_customers_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_customers" ADD CONSTRAINT "restaurant_customers_customer_id_profiles_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "restaurant_customers_customer_idx" ON "restaurant_customers" USING btree ("customer_id");
--> statement-breakpoint

CREATE FUNCTION platter_orders_customers_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  added restaurant_customers[];
BEGIN
  -- The pairs that may be new: every inserted order's; of an update, only an order moved to another customer or
  -- restaurant (the app never moves one; a status change, the usual update, moves nothing and costs nothing here).
  IF TG_OP = 'INSERT' THEN
    SELECT coalesce(array_agg(DISTINCT ROW(n.restaurant_id, n.customer_id, '')::restaurant_customers), '{}')
      INTO added FROM new_rows n;
  ELSE
    SELECT coalesce(array_agg(DISTINCT ROW(n.restaurant_id, n.customer_id, '')::restaurant_customers), '{}')
      INTO added FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.restaurant_id, n.customer_id) IS DISTINCT FROM (o.restaurant_id, o.customer_id);
    IF cardinality(added) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  -- The names are read under a share lock: a rename committing meanwhile would otherwise refold the customer's
  -- existing rows but not this one, which it cannot see yet. With the lock, one waits for the other, and the later
  -- of the two reads the committed name.
  PERFORM 1 FROM profiles p WHERE p.id IN (SELECT (unnest(added)).customer_id) ORDER BY p.id FOR SHARE;
  INSERT INTO restaurant_customers (restaurant_id, customer_id, search_name)
  SELECT a.restaurant_id, a.customer_id, platter_search_text(p.display_name)
  FROM unnest(added) a JOIN profiles p ON p.id = a.customer_id
  ORDER BY 1, 2
  ON CONFLICT (restaurant_id, customer_id) DO NOTHING;
  IF TG_OP = 'UPDATE' THEN
    -- The pair a moved order leaves goes once no order backs it (orders_customer_restaurant_placed_idx).
    DELETE FROM restaurant_customers t
    USING (SELECT DISTINCT o.restaurant_id, o.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (n.restaurant_id, n.customer_id) IS DISTINCT FROM (o.restaurant_id, o.customer_id)) o
    WHERE t.restaurant_id = o.restaurant_id AND t.customer_id = o.customer_id
      AND NOT EXISTS (SELECT 1 FROM orders x WHERE x.customer_id = o.customer_id AND x.restaurant_id = o.restaurant_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_customers_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_orders_customers_changed();
--> statement-breakpoint
CREATE TRIGGER orders_customers_update AFTER UPDATE ON orders
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_orders_customers_changed();
--> statement-breakpoint

-- A renamed customer is found under the new name at every restaurant they ordered from.
CREATE FUNCTION platter_profile_renamed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE restaurant_customers SET search_name = platter_search_text(NEW.display_name) WHERE customer_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_renamed AFTER UPDATE OF display_name ON profiles
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION platter_profile_renamed();
--> statement-breakpoint
CREATE TRIGGER restaurant_customers_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON restaurant_customers
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint

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
FROM restaurant_item_day_totals WHERE quantity <> 0 OR total_cents <> 0
UNION ALL
SELECT 'restaurant_customers', jsonb_build_array(restaurant_id, customer_id), jsonb_build_array(search_name)
FROM restaurant_customers;
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
GROUP BY o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name)
UNION ALL
SELECT 'restaurant_customers', jsonb_build_array(o.restaurant_id, o.customer_id), jsonb_build_array(platter_search_text(p.display_name))
FROM (SELECT DISTINCT restaurant_id, customer_id FROM orders) o JOIN profiles p ON p.id = o.customer_id;
--> statement-breakpoint

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
  -- The profiles too, for the names restaurant_customers folds: a rename committing during the rebuild would
  -- refold rows the rebuild is replacing, and miss the new ones.
  PERFORM 1 FROM profiles ORDER BY id FOR SHARE;
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

-- The pairs of the orders already placed (only these: a whole rebuild would recount every other rollup too).
SELECT set_config('platter.rebuilding_rollups', 'on', true);
--> statement-breakpoint
INSERT INTO restaurant_customers (restaurant_id, customer_id, search_name)
SELECT o.restaurant_id, o.customer_id, platter_search_text(p.display_name)
FROM (SELECT DISTINCT restaurant_id, customer_id FROM orders) o JOIN profiles p ON p.id = o.customer_id;
--> statement-breakpoint
SELECT set_config('platter.rebuilding_rollups', 'off', true);
