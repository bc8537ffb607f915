-- Two live option groups of one dish with one name (ignoring case) could be saved by two requests at once. Any
-- such pair from before this index keeps its first group; the later ones get their id, "Size (#812)", for the
-- owner to rename or delete, rather than being removed from carts and menus here. The id, not a count: "Size (2)"
-- may be taken already. Names stay within their 60 characters.
UPDATE "menu_option_groups" AS g
SET "name" = left(g."name", 60 - char_length(' (#' || g."id" || ')')) || ' (#' || g."id" || ')'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "menu_item_id", lower("name") ORDER BY "id") AS rn
  FROM "menu_option_groups"
  WHERE "deleted_at" IS NULL
) AS d
WHERE d."id" = g."id" AND d.rn > 1;
--> statement-breakpoint
CREATE UNIQUE INDEX "menu_option_groups_item_name_key" ON "menu_option_groups" USING btree ("menu_item_id",lower("name")) WHERE "menu_option_groups"."deleted_at" is null;
