-- The staff's account searches (lib/search.ts accountMatches: admin users, orders, audit, the owner picker) compare
-- stored text, as the restaurant search does since 0015: each profile keeps its name and each user its email as
-- search compares them (platter_search_text), in a stored generated column, and the trigram indexes of 0021 cover
-- those columns instead of the expressions. A search re-checks every row the index returns, and for a name of one
-- or two letters (no trigram to narrow by) that is every account: at 20,000 customers the admin's search for "a"
-- folded 36,000 names and emails with unaccent() to find the first 51, about half a second.
ALTER TABLE profiles ADD COLUMN search_text text GENERATED ALWAYS AS (platter_search_text(display_name)) STORED;
--> statement-breakpoint
ALTER TABLE users ADD COLUMN search_text text GENERATED ALWAYS AS (platter_search_text(email)) STORED;
--> statement-breakpoint
DROP INDEX profiles_display_name_search_idx;
--> statement-breakpoint
DROP INDEX users_email_search_idx;
--> statement-breakpoint
CREATE INDEX profiles_display_name_search_idx ON profiles USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX users_email_search_idx ON users USING gin (search_text gin_trgm_ops);
