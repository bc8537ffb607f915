CREATE TYPE "public"."fulfilment" AS ENUM('pickup', 'delivery');--> statement-breakpoint
CREATE TABLE "customer_addresses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_addresses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"profile_id" integer NOT NULL,
	"label" text NOT NULL,
	"address" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_addresses_label_length" CHECK (char_length("customer_addresses"."label") between 1 and 40),
	CONSTRAINT "customer_addresses_address_length" CHECK (char_length("customer_addresses"."address") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "offers_pickup" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "offers_delivery" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "delivery_fee_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "min_order_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fulfilment" "fulfilment" DEFAULT 'pickup' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_fee_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_address" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_addresses_profile_idx" ON "customer_addresses" USING btree ("profile_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_addresses_one_default" ON "customer_addresses" USING btree ("profile_id") WHERE "customer_addresses"."is_default";--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_offers_something" CHECK ("restaurants"."offers_pickup" or "restaurants"."offers_delivery");--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_delivery_fee_range" CHECK ("restaurants"."delivery_fee_cents" between 0 and 50000);--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_min_order_range" CHECK ("restaurants"."min_order_cents" between 0 and 1000000);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_fee_nonnegative" CHECK ("orders"."delivery_fee_cents" >= 0);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_fulfilment_shape" CHECK (case when "orders"."fulfilment" = 'delivery' then "orders"."delivery_address" is not null
          else "orders"."delivery_address" is null and "orders"."delivery_fee_cents" = 0 end);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_address_length" CHECK ("orders"."delivery_address" is null or char_length("orders"."delivery_address") between 1 and 300);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_note_length" CHECK (char_length("orders"."note") <= 500);