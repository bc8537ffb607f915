-- Deleting a category hard-deleted its deleted dishes, and `on delete set null` then rewrote every order line
-- that ever named them: a statement as long as the dishes' history. Now such dishes stay, deleted, with no category.
ALTER TABLE "menu_items" ALTER COLUMN "category_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_live_in_category" CHECK ("menu_items"."category_id" is not null or "menu_items"."deleted_at" is not null);