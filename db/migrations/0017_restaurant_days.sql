-- Hand-written (decision 0006, "Restaurant days"): a restaurant's sales days are calendar days in its own time zone
-- (restaurants.time_zone), as its opening hours are, so that an owner in New York sees tonight's dinner under
-- today rather than tomorrow (UTC). The customers' rollups keep the app's day (platter_app_day): a customer's
-- history is not one restaurant's. Every mechanism that keys restaurant_day_totals and restaurant_item_day_totals
-- follows: the triggers' deltas, the reconciliation's expected rows, the full rebuild, and a new rebuild of one
-- restaurant's days when its zone changes.

-- The calendar day of an instant in a restaurant's zone.
CREATE FUNCTION platter_zone_day(ts timestamptz, zone text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (ts AT TIME ZONE zone)::date $$;
--> statement-breakpoint

-- A writer that counts orders of these restaurants first takes a shared lock per restaurant, which a zone change
-- takes exclusively before it rebuilds (below): a writer that read the old zone commits before the rebuild reads
-- the orders, and one that comes after waits for the new zone to commit. Writers do not wait for each other
-- (shared), nor for an owner's edits to the restaurant row: an advisory lock, not a row lock. 1869571181: the
-- second key of our lock namespace (migration 0007 has the first). Taken in id order, before any rollup row.
CREATE FUNCTION platter_lock_restaurant_zones(ids integer[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  rid integer;
BEGIN
  FOREACH rid IN ARRAY ARRAY(SELECT DISTINCT unnest(ids) ORDER BY 1) LOOP
    PERFORM pg_advisory_xact_lock_shared(1869571181, rid);
  END LOOP;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION platter_apply_order_deltas(added orders[], removed orders[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO customer_totals AS t (customer_id, order_count, cancelled_count, total_cents)
  SELECT d.customer_id, sum(d.n), sum(d.c), sum(d.cents)
  FROM (
    SELECT a.customer_id, (a.status <> 'cancelled')::int AS n, (a.status = 'cancelled')::int AS c,
           CASE WHEN a.status <> 'cancelled' THEN a.total_cents::bigint ELSE 0 END AS cents
    FROM unnest(added) a
    UNION ALL
    SELECT r.customer_id, -(r.status <> 'cancelled')::int, -(r.status = 'cancelled')::int,
           CASE WHEN r.status <> 'cancelled' THEN -r.total_cents::bigint ELSE 0 END
    FROM unnest(removed) r
  ) d
  GROUP BY d.customer_id
  ORDER BY d.customer_id
  ON CONFLICT (customer_id) DO UPDATE SET
    order_count = t.order_count + excluded.order_count,
    cancelled_count = t.cancelled_count + excluded.cancelled_count,
    total_cents = t.total_cents + excluded.total_cents;

  INSERT INTO customer_day_totals AS t (customer_id, day, order_count, total_cents)
  SELECT d.customer_id, d.day, sum(d.n), sum(d.cents)
  FROM (
    SELECT a.customer_id, platter_app_day(a.placed_at) AS day, 1 AS n, a.total_cents::bigint AS cents
    FROM unnest(added) a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT r.customer_id, platter_app_day(r.placed_at), -1, -r.total_cents::bigint
    FROM unnest(removed) r WHERE r.status <> 'cancelled'
  ) d
  GROUP BY d.customer_id, d.day
  ORDER BY d.customer_id, d.day
  ON CONFLICT (customer_id, day) DO UPDATE SET
    order_count = t.order_count + excluded.order_count,
    total_cents = t.total_cents + excluded.total_cents;

  INSERT INTO customer_restaurant_day_totals AS t (customer_id, restaurant_id, day, order_count, total_cents)
  SELECT d.customer_id, d.restaurant_id, d.day, sum(d.n), sum(d.cents)
  FROM (
    SELECT a.customer_id, a.restaurant_id, platter_app_day(a.placed_at) AS day, 1 AS n, a.total_cents::bigint AS cents
    FROM unnest(added) a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT r.customer_id, r.restaurant_id, platter_app_day(r.placed_at), -1, -r.total_cents::bigint
    FROM unnest(removed) r WHERE r.status <> 'cancelled'
  ) d
  GROUP BY d.customer_id, d.restaurant_id, d.day
  ORDER BY d.customer_id, d.restaurant_id, d.day
  ON CONFLICT (customer_id, restaurant_id, day) DO UPDATE SET
    order_count = t.order_count + excluded.order_count,
    total_cents = t.total_cents + excluded.total_cents;

  -- The restaurant's own day: its zone, read under the lock its caller holds (platter_lock_restaurant_zones).
  INSERT INTO restaurant_day_totals AS t (restaurant_id, day, order_count, total_cents)
  SELECT d.restaurant_id, platter_zone_day(d.placed_at, z.time_zone), sum(d.n), sum(d.cents)
  FROM (
    SELECT a.restaurant_id, a.placed_at, 1 AS n, a.total_cents::bigint AS cents
    FROM unnest(added) a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT r.restaurant_id, r.placed_at, -1, -r.total_cents::bigint
    FROM unnest(removed) r WHERE r.status <> 'cancelled'
  ) d
  JOIN restaurants z ON z.id = d.restaurant_id
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (restaurant_id, day) DO UPDATE SET
    order_count = t.order_count + excluded.order_count,
    total_cents = t.total_cents + excluded.total_cents;
$$;
--> statement-breakpoint

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
    -- The latest name sold under the key; a removal keeps the name it finds.
    name = CASE WHEN direction > 0 THEN excluded.name ELSE t.name END,
    quantity = t.quantity + excluded.quantity,
    total_cents = t.total_cents + excluded.total_cents;
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION platter_orders_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  added orders[];
  removed orders[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new order's lines arrive in a later statement (order_lines' trigger counts them for items).
    SELECT coalesce(array_agg(n ORDER BY n.id), '{}') INTO added FROM new_rows n;
    PERFORM platter_lock_restaurant_zones(ARRAY(SELECT (unnest(added)).restaurant_id));
    PERFORM platter_apply_order_deltas(added, '{}');
    RETURN NULL;
  END IF;
  -- UPDATE: only orders whose counted facts changed (a move from placed to preparing changes no total). Any move
  -- of placed_at counts: the app's day and the restaurant's day can change apart.
  SELECT coalesce(array_agg(n ORDER BY n.id), '{}'), coalesce(array_agg(o ORDER BY o.id), '{}')
    INTO added, removed
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (n.status = 'cancelled') IS DISTINCT FROM (o.status = 'cancelled')
     OR n.total_cents IS DISTINCT FROM o.total_cents
     OR n.customer_id IS DISTINCT FROM o.customer_id
     OR n.restaurant_id IS DISTINCT FROM o.restaurant_id
     OR n.placed_at IS DISTINCT FROM o.placed_at;
  IF cardinality(added) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM platter_lock_restaurant_zones(
    ARRAY(SELECT (unnest(added)).restaurant_id UNION SELECT (unnest(removed)).restaurant_id));
  PERFORM platter_apply_order_deltas(added, removed);
  -- The same orders' lines move in the item rollup: out as the orders were, in as they are.
  PERFORM platter_apply_item_deltas(
    (SELECT coalesce(array_agg(l ORDER BY l.id), '{}') FROM order_lines l WHERE l.order_id = ANY (SELECT (unnest(added)).id)),
    removed, -1);
  PERFORM platter_apply_item_deltas(
    (SELECT coalesce(array_agg(l ORDER BY l.id), '{}') FROM order_lines l WHERE l.order_id = ANY (SELECT (unnest(added)).id)),
    added, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint

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
  -- The orders as they stand, locked: a status change (a cancel) committing meanwhile would otherwise leave these
  -- lines counted by the status read here, and the cancel's own trigger counting them by the lines it read
  -- (a review found the item rollup one unit off after a cancel and a line rename raced). In id order.
  SELECT coalesce(array_agg(o ORDER BY o.id), '{}') INTO touched
  FROM (
    SELECT * FROM orders o
    WHERE o.id IN (SELECT (unnest(added)).order_id UNION SELECT (unnest(removed)).order_id)
    ORDER BY o.id
    FOR NO KEY UPDATE
  ) o;
  PERFORM platter_lock_restaurant_zones(ARRAY(SELECT (unnest(touched)).restaurant_id));
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

-- What each rollup must hold: the customers' rollups by the app's day, the restaurants' by the restaurant's day.
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
       jsonb_build_array(sum(l.quantity::bigint)::text, sum(l.quantity::bigint * l.unit_price_cents)::text)
FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN restaurants z ON z.id = o.restaurant_id
WHERE o.status <> 'cancelled'
GROUP BY o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name);
--> statement-breakpoint

-- One restaurant's rows of the two restaurant rollups, rebuilt from its orders and lines (in its current zone).
-- Called when the zone changes, inside that UPDATE: O(the restaurant's history), for a setting changed rarely.
CREATE FUNCTION platter_rebuild_restaurant_days(rid integer) RETURNS void
LANGUAGE sql
AS $$
  DELETE FROM restaurant_day_totals WHERE restaurant_id = rid;
  DELETE FROM restaurant_item_day_totals WHERE restaurant_id = rid;
  INSERT INTO restaurant_day_totals (restaurant_id, day, order_count, total_cents)
  SELECT o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), count(*), sum(o.total_cents::bigint)
  FROM orders o JOIN restaurants z ON z.id = o.restaurant_id
  WHERE o.restaurant_id = rid AND o.status <> 'cancelled'
  GROUP BY 1, 2;
  INSERT INTO restaurant_item_day_totals (restaurant_id, day, item_key, name, quantity, total_cents)
  SELECT o.restaurant_id, platter_zone_day(o.placed_at, z.time_zone), coalesce(l.menu_item_id::text, 'name:' || l.name),
         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1],
         sum(l.quantity::bigint), sum(l.quantity::bigint * l.unit_price_cents)
  FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN restaurants z ON z.id = o.restaurant_id
  WHERE o.restaurant_id = rid AND o.status <> 'cancelled'
  GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint

CREATE FUNCTION platter_restaurant_zone_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1869571181, NEW.id);
  PERFORM platter_rebuild_restaurant_days(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER restaurants_zone_days AFTER UPDATE OF time_zone ON restaurants
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION platter_restaurant_zone_changed();
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
  LOCK TABLE orders, order_lines IN SHARE MODE;
  DELETE FROM customer_totals;
  DELETE FROM customer_day_totals;
  DELETE FROM customer_restaurant_day_totals;
  DELETE FROM restaurant_day_totals;
  DELETE FROM restaurant_item_day_totals;
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
  PERFORM set_config('platter.rebuilding_rollups', 'off', true);
END
$$;
--> statement-breakpoint

-- Existing restaurant rows move to their restaurants' days.
SELECT platter_rebuild_rollups(false);
