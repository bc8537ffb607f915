-- Search compares stored text (decision 0013, lib/restaurants/search.ts): each row keeps what search compares,
-- lower case without accents (platter_search_text, migration 0006), as a stored generated column, and the trigram
-- indexes cover that column instead of the expression. A search re-checks every candidate row the index found,
-- and computed unaccent() several times per row to do it: with 1,200 candidate dishes ("creme ramen") that was
-- most of the statement's time. PostgreSQL recomputes the column when the row itself is written; nothing else is
-- touched. If the unaccent dictionary ever changed, rewrite the rows (UPDATE ... SET name = name) to refresh it.
ALTER TABLE restaurants ADD COLUMN search_text text
  GENERATED ALWAYS AS (platter_search_text(name || ' ' || cuisine || ' ' || description)) STORED;
--> statement-breakpoint
ALTER TABLE menu_items ADD COLUMN search_text text
  GENERATED ALWAYS AS (platter_search_text(name || ' ' || description)) STORED;
--> statement-breakpoint
DROP INDEX restaurants_search_idx;
--> statement-breakpoint
DROP INDEX menu_items_search_idx;
--> statement-breakpoint
CREATE INDEX restaurants_search_idx ON restaurants USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX menu_items_search_idx ON menu_items USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;
