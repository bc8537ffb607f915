-- Full-text ranking for search (decision 0013, lib/restaurants/search.ts): the words of the text search compares,
-- as a tsvector ('simple': no language, no stemming), kept by PostgreSQL as a stored generated column. Ranking then
-- reads it for the rows the trigram indexes found, instead of parsing each one's text again on every search (a
-- quarter of the slowest search's time). Recomputed when the row itself is written; nothing else is touched. No
-- index: it is never searched, only read. The expressions are migration 0006's, so it sees what the indexes see.
ALTER TABLE restaurants ADD COLUMN search_words tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', platter_search_text(name || ' ' || cuisine || ' ' || description))) STORED;
--> statement-breakpoint
ALTER TABLE menu_items ADD COLUMN search_words tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', platter_search_text(name || ' ' || description))) STORED;
