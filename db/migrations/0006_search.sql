-- Search that finds food: restaurants by name, cuisine, description and by their dishes, ignoring accents and case,
-- tolerating typos. See docs/decisions/0013-search-times-and-details.md and lib/restaurants/search.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint

-- What search compares: lower case without accents ("Crème Brûlée" -> "creme brulee"). unaccent() is only STABLE
-- (its dictionary could change), so indexes go through this IMMUTABLE wrapper naming the dictionary explicitly;
-- if the dictionary ever changes, reindex the two indexes below.
CREATE FUNCTION platter_search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
--> statement-breakpoint

-- Trigram indexes serve both the substring match (LIKE) and the typo-tolerant one (strict word similarity, <<%).
-- The expressions must stay exactly what lib/restaurants/search.ts writes, or the planner cannot use them.
CREATE INDEX restaurants_search_idx ON restaurants
  USING gin (platter_search_text(name || ' ' || cuisine || ' ' || description) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX menu_items_search_idx ON menu_items
  USING gin (platter_search_text(name || ' ' || description) gin_trgm_ops)
  WHERE deleted_at IS NULL;
