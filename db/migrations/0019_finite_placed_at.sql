-- Refused if an order already has an infinite placed_at (the message names the constraint): set those rows to the
-- time they were really placed first. Checking the existing rows holds the table's lock for the migration's
-- transaction, as every other schema change here does.
ALTER TABLE "orders" ADD CONSTRAINT "orders_placed_at_finite" CHECK (isfinite("orders"."placed_at"));
