-- Two categories of one restaurant with one name (ignoring case) made two menu sections no one could tell apart,
-- in the menu or in the editor. Any such pair from before this index keeps its first category; the later ones get
-- their id, "Desserts (#812)", for the owner to rename or delete, as 0022 did for option groups. Names stay within
-- their 80 characters.
UPDATE "menu_categories" AS c
SET "name" = left(c."name", 80 - char_length(' (#' || c."id" || ')')) || ' (#' || c."id" || ')'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "restaurant_id", lower("name") ORDER BY "id") AS rn
  FROM "menu_categories"
) AS d
WHERE d."id" = c."id" AND d.rn > 1;
--> statement-breakpoint
CREATE UNIQUE INDEX "menu_categories_restaurant_name_key" ON "menu_categories" USING btree ("restaurant_id",lower("name"));
