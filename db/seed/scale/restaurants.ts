/** Writes the planned restaurants with their categories and menu items: three statements for the lot. */
import type { Executor } from "../../types";
import type { Random } from "../random";
import { bool, insertColumns, int4, reserveIds, text, timestamps } from "./bulk";
import { DAY_MS } from "./calendar";
import type { PlannedRestaurant } from "./catalog";
import { SCALE_DELIVERY_FEE_CENTS } from "./shape";

/** What orders need from a menu: item ids with the name and price a line snapshots. */
export type Menu = { ids: number[]; names: string[]; prices: number[] };

export async function insertRestaurants(db: Executor, planned: PlannedRestaurant[], openedAt: number, random: Random) {
  const restaurantIds = await reserveIds(db, "restaurants", planned.length);
  const created = timestamps(planned.map(() => openedAt - random.int(0, 90) * DAY_MS));
  await insertColumns(
    db,
    "restaurants",
    {
      id: int4(restaurantIds),
      slug: text(planned.map((r) => r.slug)),
      name: text(planned.map((r) => r.name)),
      description: text(planned.map((r) => r.description)),
      cuisine: text(planned.map((r) => r.cuisine)),
      address: text(planned.map((r) => r.address)),
      is_open: bool(planned.map((r) => r.isOpen)),
      // Pickup and delivery everywhere, at the fee the seeded deliveries snapshotted.
      offers_delivery: bool(planned.map(() => true)),
      delivery_fee_cents: int4(planned.map(() => SCALE_DELIVERY_FEE_CENTS)),
      created_at: created,
      updated_at: created,
    },
    { overriding: true },
  );

  const categoryIds = await reserveIds(
    db,
    "menu_categories",
    planned.reduce((n, r) => n + r.categories.length, 0),
  );
  const firstCategory: number[] = [];
  const categories = { id: [] as number[], restaurant: [] as number[], name: [] as string[], position: [] as number[] };
  planned.forEach((r, index) => {
    firstCategory.push(categories.id.length);
    r.categories.forEach((name, position) => {
      categories.id.push(categoryIds[categories.id.length]!);
      categories.restaurant.push(restaurantIds[index]!);
      categories.name.push(name);
      categories.position.push(position);
    });
  });
  await insertColumns(
    db,
    "menu_categories",
    {
      id: int4(categories.id),
      restaurant_id: int4(categories.restaurant),
      name: text(categories.name),
      position: int4(categories.position),
      created_at: timestamps(categories.id.map(() => openedAt)),
    },
    { overriding: true },
  );

  const itemIds = await reserveIds(
    db,
    "menu_items",
    planned.reduce((n, r) => n + r.items.length, 0),
  );
  const items = {
    id: [] as number[],
    restaurant: [] as number[],
    category: [] as number[],
    name: [] as string[],
    price: [] as number[],
    position: [] as number[],
  };
  const menus: Menu[] = planned.map((r, index) => {
    const menu: Menu = { ids: [], names: [], prices: [] };
    for (const item of r.items) {
      const id = itemIds[items.id.length]!;
      items.id.push(id);
      items.restaurant.push(restaurantIds[index]!);
      items.category.push(categories.id[firstCategory[index]! + item.category]!);
      items.name.push(item.name);
      items.price.push(item.priceCents);
      items.position.push(item.position);
      menu.ids.push(id);
      menu.names.push(item.name);
      menu.prices.push(item.priceCents);
    }
    return menu;
  });
  const itemsCreated = timestamps(items.id.map(() => openedAt));
  await insertColumns(
    db,
    "menu_items",
    {
      id: int4(items.id),
      restaurant_id: int4(items.restaurant),
      category_id: int4(items.category),
      name: text(items.name),
      price_cents: int4(items.price),
      position: int4(items.position),
      created_at: itemsCreated,
      updated_at: itemsCreated,
    },
    { overriding: true },
  );
  return { restaurantIds, menus, menuItems: items.id.length };
}
