-- The staff's searches by name and email (admin users, orders, audit, owner picker; an owner's past orders by
-- customer name) compare text as the restaurant search does, without case or accents (lib/search.ts
-- containsText). Trigram indexes on the same expressions keep them from reading every account.
CREATE INDEX profiles_display_name_search_idx ON profiles USING gin (platter_search_text(display_name) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX users_email_search_idx ON users USING gin (platter_search_text(email) gin_trgm_ops);
