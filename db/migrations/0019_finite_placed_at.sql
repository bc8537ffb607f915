-- NOT VALID, then VALIDATE: the check of existing rows takes no lock that stops checkouts on a large orders table.
ALTER TABLE "orders" ADD CONSTRAINT "orders_placed_at_finite" CHECK (isfinite("orders"."placed_at")) NOT VALID;--> statement-breakpoint
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_placed_at_finite";
