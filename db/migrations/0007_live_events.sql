CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"restaurant_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"status" "order_status" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "order_events_restaurant_idx" ON "order_events" USING btree ("restaurant_id","id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_events_created_idx" ON "order_events" USING btree ("created_at");--> statement-breakpoint
-- Live order streams (decision 0015): every order placed and every status change is logged in order_events and
-- announced with NOTIFY, in the transaction that makes the change, so the log and the announcement commit (or
-- roll back) with it. NOTIFY is delivered at commit, to every instance's LISTEN.
CREATE FUNCTION platter_order_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  event_id bigint;
BEGIN
  -- A stream resumes "after id N". Ids come from a sequence at insert but become visible at commit, so two
  -- writers of one restaurant could commit out of id order and a resuming stream would skip the slower one.
  -- Holding a per-restaurant lock from taking the id to commit makes a restaurant's ids commit in order (an order's
  -- too: it has one restaurant). Checkouts already queue on their restaurant's restaurant_day_totals row
  -- (migration 0004) and status changes are one-row transactions, so the wait is short. 1869571180: an arbitrary
  -- constant, the first key of our lock namespace. Always one restaurant per transaction, so no lock cycles.
  PERFORM pg_advisory_xact_lock(1869571180, NEW.restaurant_id);
  INSERT INTO order_events (order_id, restaurant_id, customer_id, status)
  VALUES (NEW.id, NEW.restaurant_id, NEW.customer_id, NEW.status)
  RETURNING id INTO event_id;
  PERFORM pg_notify('platter_order_events', json_build_object(
    'id', event_id, 'orderId', NEW.id, 'restaurantId', NEW.restaurant_id, 'customerId', NEW.customer_id,
    'status', NEW.status)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_live_event_insert AFTER INSERT ON orders
FOR EACH ROW EXECUTE FUNCTION platter_order_event();
--> statement-breakpoint
CREATE TRIGGER orders_live_event_update AFTER UPDATE OF status ON orders
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION platter_order_event();
