-- An option choice can be marked sold out, as an item can: it stays on the menu and cannot be ordered meanwhile
-- (lib/cart/options.ts counts it as not live). See docs/decisions/0020-item-options.md.
ALTER TABLE "menu_option_choices" ADD COLUMN "available" boolean DEFAULT true NOT NULL;