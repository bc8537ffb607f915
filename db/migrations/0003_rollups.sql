CREATE TABLE "customer_day_totals" (
	"customer_id" integer NOT NULL,
	"day" date NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "customer_day_totals_customer_id_day_pk" PRIMARY KEY("customer_id","day")
);
--> statement-breakpoint
CREATE TABLE "customer_restaurant_day_totals" (
	"customer_id" integer NOT NULL,
	"restaurant_id" integer NOT NULL,
	"day" date NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "customer_restaurant_day_totals_customer_id_restaurant_id_day_pk" PRIMARY KEY("customer_id","restaurant_id","day")
);
--> statement-breakpoint
CREATE TABLE "customer_totals" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"cancelled_count" integer DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restaurant_day_totals" (
	"restaurant_id" integer NOT NULL,
	"day" date NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "restaurant_day_totals_restaurant_id_day_pk" PRIMARY KEY("restaurant_id","day")
);
--> statement-breakpoint
CREATE TABLE "restaurant_item_day_totals" (
	"restaurant_id" integer NOT NULL,
	"day" date NOT NULL,
	"item_key" text NOT NULL,
	"name" text NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "restaurant_item_day_totals_restaurant_id_day_item_key_pk" PRIMARY KEY("restaurant_id","day","item_key")
);
--> statement-breakpoint
DROP INDEX "favorites_profile_created_idx";--> statement-breakpoint
DROP INDEX "orders_customer_placed_idx";--> statement-breakpoint
DROP INDEX "orders_restaurant_placed_idx";--> statement-breakpoint
DROP INDEX "audit_log_created_idx";--> statement-breakpoint
ALTER TABLE "customer_day_totals" ADD CONSTRAINT "customer_day_totals_customer_id_profiles_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_restaurant_day_totals" ADD CONSTRAINT "customer_restaurant_day_totals_customer_id_profiles_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_restaurant_day_totals" ADD CONSTRAINT "customer_restaurant_day_totals_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_totals" ADD CONSTRAINT "customer_totals_customer_id_profiles_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_day_totals" ADD CONSTRAINT "restaurant_day_totals_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_item_day_totals" ADD CONSTRAINT "restaurant_item_day_totals_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_totals_total_idx" ON "customer_totals" USING btree ("total_cents","customer_id");--> statement-breakpoint
CREATE INDEX "restaurant_day_totals_day_idx" ON "restaurant_day_totals" USING btree ("day");--> statement-breakpoint
CREATE INDEX "profiles_lower_name_idx" ON "profiles" USING btree (lower("display_name"),"id");--> statement-breakpoint
CREATE INDEX "orders_customer_restaurant_placed_idx" ON "orders" USING btree ("customer_id","restaurant_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "favorites_profile_created_idx" ON "favorites" USING btree ("profile_id","created_at","restaurant_id");--> statement-breakpoint
CREATE INDEX "orders_customer_placed_idx" ON "orders" USING btree ("customer_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "orders_restaurant_placed_idx" ON "orders" USING btree ("restaurant_id","placed_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at","id");