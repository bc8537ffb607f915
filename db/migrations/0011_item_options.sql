CREATE TABLE "menu_option_choices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "menu_option_choices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"group_id" integer NOT NULL,
	"name" text NOT NULL,
	"price_delta_cents" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "menu_option_choices_name_length" CHECK (char_length("menu_option_choices"."name") between 1 and 60),
	CONSTRAINT "menu_option_choices_delta_range" CHECK ("menu_option_choices"."price_delta_cents" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "menu_option_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "menu_option_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"menu_item_id" integer NOT NULL,
	"name" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"min_choices" integer DEFAULT 0 NOT NULL,
	"max_choices" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "menu_option_groups_name_length" CHECK (char_length("menu_option_groups"."name") between 1 and 60),
	CONSTRAINT "menu_option_groups_choice_range" CHECK ("menu_option_groups"."min_choices" >= 0 and "menu_option_groups"."max_choices" between 1 and 20 and "menu_option_groups"."min_choices" <= "menu_option_groups"."max_choices"),
	CONSTRAINT "menu_option_groups_required_min" CHECK (not "menu_option_groups"."required" or "menu_option_groups"."min_choices" >= 1)
);
--> statement-breakpoint
CREATE TABLE "order_line_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_line_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_line_id" integer NOT NULL,
	"choice_id" integer,
	"group_name" text NOT NULL,
	"choice_name" text NOT NULL,
	"price_delta_cents" integer NOT NULL,
	CONSTRAINT "order_line_options_delta_nonnegative" CHECK ("order_line_options"."price_delta_cents" >= 0),
	CONSTRAINT "order_line_options_names_length" CHECK (char_length("order_line_options"."group_name") between 1 and 60 and char_length("order_line_options"."choice_name") between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "cart_items" DROP CONSTRAINT "cart_items_cart_id_menu_item_id_pk";--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "base_price_cents" integer;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "instructions" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_items" ADD COLUMN "id" integer PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "cart_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "cart_items" ADD COLUMN "choice_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_items" ADD COLUMN "instructions" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "menu_option_choices" ADD CONSTRAINT "menu_option_choices_group_id_menu_option_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."menu_option_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menu_option_groups" ADD CONSTRAINT "menu_option_groups_menu_item_id_menu_items_id_fk" FOREIGN KEY ("menu_item_id") REFERENCES "public"."menu_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_options" ADD CONSTRAINT "order_line_options_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_options" ADD CONSTRAINT "order_line_options_choice_id_menu_option_choices_id_fk" FOREIGN KEY ("choice_id") REFERENCES "public"."menu_option_choices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "menu_option_choices_group_position_idx" ON "menu_option_choices" USING btree ("group_id","position");--> statement-breakpoint
CREATE INDEX "menu_option_groups_item_position_idx" ON "menu_option_groups" USING btree ("menu_item_id","position");--> statement-breakpoint
CREATE INDEX "order_line_options_line_idx" ON "order_line_options" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "order_line_options_choice_idx" ON "order_line_options" USING btree ("choice_id");--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_line_key" UNIQUE("cart_id","menu_item_id","choice_ids","instructions");--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_base_price_range" CHECK ("order_lines"."base_price_cents" is null or "order_lines"."base_price_cents" between 0 and "order_lines"."unit_price_cents");--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_instructions_length" CHECK (char_length("order_lines"."instructions") <= 200);--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_instructions_length" CHECK (char_length("cart_items"."instructions") <= 200);--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_choice_count" CHECK (cardinality("cart_items"."choice_ids") <= 200);