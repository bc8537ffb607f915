-- Rollups kept by triggers: see db/schema/totals.ts and docs/decisions/0006-rollups.md.
-- Every trigger here is statement-level with transition tables, so a bulk statement pays once, not per row,
-- and each applies its delta in key order (customer, then restaurant, then day) so that concurrent checkouts
-- lock rollup rows in one order and cannot deadlock on them.

-- The calendar day of an instant in the app's time zone. Must match APP_TIME_ZONE in lib/dates.ts ('UTC'):
-- tests/integration/rollups.test.ts checks that the history's date filters and these days agree.
CREATE FUNCTION platter_app_day(ts timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (ts AT TIME ZONE 'UTC')::date $$;
--> statement-breakpoint

-- Applies orders leaving (removed) and entering (added) the totals: each order counts once if not cancelled,
-- with its stored total_cents, which the deferred check below keeps equal to its lines.
CREATE FUNCTION platter_apply_order_deltas(added orders[], removed orders[]) RETURNS void
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

  INSERT INTO restaurant_day_totals AS t (restaurant_id, day, order_count, total_cents)
  SELECT d.restaurant_id, d.day, sum(d.n), sum(d.cents)
  FROM (
    SELECT a.restaurant_id, platter_app_day(a.placed_at) AS day, 1 AS n, a.total_cents::bigint AS cents
    FROM unnest(added) a WHERE a.status <> 'cancelled'
    UNION ALL
    SELECT r.restaurant_id, platter_app_day(r.placed_at), -1, -r.total_cents::bigint
    FROM unnest(removed) r WHERE r.status <> 'cancelled'
  ) d
  GROUP BY d.restaurant_id, d.day
  ORDER BY d.restaurant_id, d.day
  ON CONFLICT (restaurant_id, day) DO UPDATE SET
    order_count = t.order_count + excluded.order_count,
    total_cents = t.total_cents + excluded.total_cents;
$$;
--> statement-breakpoint

-- Applies lines entering (direction 1) or leaving (direction -1) the item rollup, each with the order it belongs to as
-- that order stands (or stood) in `orders_as`. Only lines of non-cancelled orders count.
CREATE FUNCTION platter_apply_item_deltas(lines order_lines[], orders_as orders[], direction int) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO restaurant_item_day_totals AS t (restaurant_id, day, item_key, name, quantity, total_cents)
  SELECT o.restaurant_id, platter_app_day(o.placed_at), coalesce(l.menu_item_id::text, 'name:' || l.name),
         (array_agg(l.name ORDER BY o.placed_at DESC, l.id DESC))[1],
         direction * sum(l.quantity::bigint), direction * sum(l.quantity::bigint * l.unit_price_cents)
  FROM unnest(lines) l JOIN unnest(orders_as) o ON o.id = l.order_id
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

CREATE FUNCTION platter_orders_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  added orders[];
  removed orders[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new order's lines arrive in a later statement (order_lines' trigger counts them for items).
    SELECT coalesce(array_agg(n ORDER BY n.id), '{}') INTO added FROM new_rows n;
    PERFORM platter_apply_order_deltas(added, '{}');
    RETURN NULL;
  END IF;
  -- UPDATE: only orders whose counted facts changed (a move from placed to preparing changes no total).
  SELECT coalesce(array_agg(n ORDER BY n.id), '{}'), coalesce(array_agg(o ORDER BY o.id), '{}')
    INTO added, removed
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (n.status = 'cancelled') IS DISTINCT FROM (o.status = 'cancelled')
     OR n.total_cents IS DISTINCT FROM o.total_cents
     OR n.customer_id IS DISTINCT FROM o.customer_id
     OR n.restaurant_id IS DISTINCT FROM o.restaurant_id
     OR platter_app_day(n.placed_at) IS DISTINCT FROM platter_app_day(o.placed_at);
  IF cardinality(added) = 0 THEN
    RETURN NULL;
  END IF;
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

-- Lines are the source of truth: when they change, their orders' stored totals follow (which moves the
-- order-level rollups through the trigger above), and the item rollup takes the lines' own delta.
CREATE FUNCTION platter_order_lines_changed() RETURNS trigger
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
    SELECT t.id, coalesce((SELECT sum(l.quantity::bigint * l.unit_price_cents) FROM order_lines l WHERE l.order_id = t.id), 0) AS cents
    FROM unnest(touched) t
  ) s
  WHERE o.id = s.id AND o.total_cents IS DISTINCT FROM s.cents;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE TRIGGER orders_rollup_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_orders_changed();
--> statement-breakpoint
CREATE TRIGGER orders_rollup_update AFTER UPDATE ON orders
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_orders_changed();
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_insert AFTER INSERT ON order_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_order_lines_changed();
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_update AFTER UPDATE ON order_lines
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_order_lines_changed();
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_delete AFTER DELETE ON order_lines
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_order_lines_changed();
--> statement-breakpoint

-- Orders are records: they are cancelled, never deleted (a delete would also cascade their lines away).
CREATE FUNCTION platter_refuse_order_delete() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'orders are never deleted: cancel the order instead' USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER orders_refuse_delete BEFORE DELETE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION platter_refuse_order_delete();
--> statement-breakpoint
CREATE TRIGGER orders_refuse_truncate BEFORE TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION platter_refuse_order_delete();
--> statement-breakpoint

-- At commit, every order written in the transaction must equal the sum of its lines: a stored total can never
-- disagree with its lines, whoever writes it (the lines' trigger recomputes it; a hand-written total is refused).
CREATE FUNCTION platter_check_order_total() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  cents bigint;
  current_total int;
BEGIN
  SELECT o.total_cents INTO current_total FROM orders o WHERE o.id = NEW.id;
  SELECT coalesce(sum(l.quantity::bigint * l.unit_price_cents), 0) INTO cents FROM order_lines l WHERE l.order_id = NEW.id;
  IF current_total IS DISTINCT FROM cents THEN
    RAISE EXCEPTION 'order % total_cents % does not equal its lines (%)', NEW.id, current_total, cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_total_equals_lines';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER orders_total_equals_lines AFTER INSERT OR UPDATE OF total_cents ON orders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION platter_check_order_total();
--> statement-breakpoint

-- Every profile has its totals row from the start, so the admin's "sorted by total" reads one index.
CREATE FUNCTION platter_profiles_created() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO customer_totals (customer_id) SELECT n.id FROM new_rows n ORDER BY n.id ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_totals_row AFTER INSERT ON profiles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION platter_profiles_created();
--> statement-breakpoint

-- Rollups are written by the triggers above (depth > 1) and by platter_rebuild_rollups() only.
CREATE FUNCTION platter_guard_rollups() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF pg_trigger_depth() <= 1 AND current_setting('platter.rebuilding_rollups', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION '% is maintained by triggers: write orders and order lines instead, or run npm run db:reconcile', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER customer_totals_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_totals
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint
CREATE TRIGGER customer_day_totals_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_day_totals
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint
CREATE TRIGGER customer_restaurant_day_totals_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_restaurant_day_totals
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint
CREATE TRIGGER restaurant_day_totals_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON restaurant_day_totals
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint
CREATE TRIGGER restaurant_item_day_totals_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON restaurant_item_day_totals
  FOR EACH STATEMENT EXECUTE FUNCTION platter_guard_rollups();
--> statement-breakpoint

-- What each rollup must hold, computed afresh from the lines (the source of truth), zero rows omitted.
CREATE VIEW platter_expected_order_rollups AS
WITH counted AS (
  SELECT o.id, o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day, o.status,
         coalesce(l.cents, 0) AS cents
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

-- What each rollup holds, in the same shape; rows that add up to nothing are the same as no row.
CREATE VIEW platter_stored_rollups AS
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
SELECT 'restaurant_item_day_totals', jsonb_build_array(restaurant_id, day, item_key), jsonb_build_array(quantity::text, total_cents::text)
FROM restaurant_item_day_totals WHERE quantity <> 0 OR total_cents <> 0;
--> statement-breakpoint

-- Every rollup row that disagrees with the lines: stored or expected is null where the row is missing.
CREATE FUNCTION platter_rollup_drift() RETURNS TABLE (rollup text, key jsonb, stored jsonb, expected jsonb)
LANGUAGE sql STABLE
SET work_mem = '256MB'
AS $$
  SELECT coalesce(s.rollup, e.rollup), coalesce(s.key, e.key), s.value, e.value
  FROM platter_stored_rollups s
  FULL JOIN platter_expected_order_rollups e ON e.rollup = s.rollup AND e.key = s.key
  WHERE s.value IS DISTINCT FROM e.value
$$;
--> statement-breakpoint

-- Rebuilds every rollup from the lines; returns how many rows of each were wrong (before the rebuild) when
-- `report` is true. Runs inside the caller's transaction, so readers see the old or the new rollups, never half.
CREATE FUNCTION platter_rebuild_rollups(report boolean DEFAULT true) RETURNS TABLE (rollup_name text, rows_fixed bigint)
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
  -- Every order with its lines' sum, once (the view would compute it again for each rollup).
  CREATE TEMP TABLE platter_counted ON COMMIT DROP AS
  SELECT o.customer_id, o.restaurant_id, platter_app_day(o.placed_at) AS day, o.status, coalesce(l.cents, 0) AS cents
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

-- The rollups of the data already here.
SELECT platter_rebuild_rollups(false);
