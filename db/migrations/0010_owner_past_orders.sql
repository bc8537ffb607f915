DROP INDEX "orders_restaurant_placed_idx";--> statement-breakpoint
CREATE INDEX "orders_restaurant_status_placed_idx" ON "orders" USING btree ("restaurant_id","status","placed_at","id");--> statement-breakpoint
CREATE INDEX "orders_restaurant_placed_idx" ON "orders" USING btree ("restaurant_id","placed_at","id");