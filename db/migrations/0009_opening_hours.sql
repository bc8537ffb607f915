CREATE TABLE "restaurant_closed_days" (
	"restaurant_id" integer NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "restaurant_closed_days_restaurant_id_day_pk" PRIMARY KEY("restaurant_id","day")
);
--> statement-breakpoint
CREATE TABLE "restaurant_hours" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "restaurant_hours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"restaurant_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	CONSTRAINT "restaurant_hours_weekday" CHECK ("restaurant_hours"."weekday" between 0 and 6),
	CONSTRAINT "restaurant_hours_not_empty" CHECK ("restaurant_hours"."opens_at" <> "restaurant_hours"."closes_at"),
	CONSTRAINT "restaurant_hours_opens_before_midnight" CHECK ("restaurant_hours"."opens_at" < time '24:00')
);
--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurant_closed_days" ADD CONSTRAINT "restaurant_closed_days_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_hours" ADD CONSTRAINT "restaurant_hours_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "restaurant_hours_restaurant_idx" ON "restaurant_hours" USING btree ("restaurant_id","weekday");--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_time_zone_length" CHECK (char_length("restaurants"."time_zone") between 1 and 64);