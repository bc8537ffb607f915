import "server-only";

import { and, count, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

import { getDb } from "@/db/client";
import { menuCategories, menuItems, menuOptionGroups } from "@/db/schema";
import type { Transaction } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

import { groupFormVersion } from "./options";
import { moveOneStep } from "./positions";
import type { Direction } from "./schema";
import { lockOwnedRestaurant, ownedBy, ownedRestaurantAt } from "./scope";
import { refusingTakenName, type NameTaken } from "./taken-name";

/**
 * What an item's edit form shows (name, description, price, availability) as one text, which the form sends back
 * as its version: a save from a form drawn before another tab's or a co-owner's change would write the old values
 * back (the dish marked sold out for tonight on sale again, at its old price). A digest of those fields rather than
 * `updated_at`, which moving a neighbour also rewrites (every sibling's position is), changing nothing the form shows.
 */
const itemFormVersion = sql<string>`md5(row(${menuItems.name}, ${menuItems.description}, ${menuItems.priceCents},
  ${menuItems.available})::text)`;

/** The menu editor in one statement: the restaurant, its categories and their live items, in menu order. */
export async function getMenuForOwner({ viewer, slug }: { viewer: Viewer; slug: string }) {
  const db = await getDb();
  return db.query.restaurants.findFirst({
    where: ownedRestaurantAt(viewer, slug),
    columns: { id: true, slug: true, name: true, isOpen: true },
    with: {
      categories: {
        columns: { id: true, name: true, position: true },
        orderBy: (c, { asc }) => [asc(c.position), asc(c.id)],
        with: {
          items: {
            columns: { id: true, name: true, description: true, priceCents: true, available: true, position: true },
            extras: { version: itemFormVersion.as("version") },
            where: (i, { isNull }) => isNull(i.deletedAt),
            orderBy: (i, { asc }) => [asc(i.position), asc(i.id)],
            with: {
              optionGroups: {
                columns: { id: true, name: true, required: true, minChoices: true, maxChoices: true },
                extras: { version: groupFormVersion(menuOptionGroups.id).as("version") },
                where: (g, { isNull }) => isNull(g.deletedAt),
                orderBy: (g, { asc }) => [asc(g.position), asc(g.id)],
                with: {
                  choices: {
                    columns: { id: true, name: true, priceDeltaCents: true, available: true },
                    where: (c, { isNull }) => isNull(c.deletedAt),
                    orderBy: (c, { asc }) => [asc(c.position), asc(c.id)],
                  },
                },
              },
            },
          },
        },
      },
    },
  });
}

export type OwnerMenu = NonNullable<Awaited<ReturnType<typeof getMenuForOwner>>>;

/** Every menu write: "not-found" when the restaurant, category or item is not one of the viewer's (or is gone). */
type NotFound = { reason: "not-found" };
export type MenuWriteResult = Result<object, NotFound>;
export type MenuCreateResult = Result<{ id: number }, NotFound>;

export type ItemFields = { name: string; description: string; priceCents: number; available: boolean };

// The next position at the end of a list, computed inside the insert so that it sees committed rows.
const nextPosition = (table: typeof menuCategories | typeof menuItems, where: SQL) =>
  sql`(select coalesce(max(${table.position}) + 1, 0) from ${table} where ${where})`;

/** The same for a category of one of the viewer's restaurants: it serializes appends and moves among its items. */
async function lockOwnedCategory(tx: Transaction, viewer: Viewer, id: number | SQL) {
  const [category] = await tx
    .select({ id: menuCategories.id, restaurantId: menuCategories.restaurantId })
    .from(menuCategories)
    .where(and(eq(menuCategories.id, id), ownedBy(viewer, menuCategories.restaurantId)))
    .for("no key update");
  return category;
}

/** A category's name is its restaurant's only (ignoring case): the unique index decides, at no extra statement. */
const CATEGORY_NAME_INDEX = "menu_categories_restaurant_name_key";
export type CategoryCreateResult = Result<{ id: number }, NotFound | NameTaken>;
export type CategoryRenameResult = Result<object, NotFound | NameTaken>;

/** Adds a category at the end of the menu. */
export async function createCategory({
  viewer,
  restaurantId,
  name,
}: {
  viewer: Viewer;
  restaurantId: number;
  name: string;
}): Promise<CategoryCreateResult> {
  const db = await getDb();
  return refusingTakenName(CATEGORY_NAME_INDEX, name, () =>
    db.transaction(async (tx): Promise<MenuCreateResult> => {
      const restaurant = await lockOwnedRestaurant(tx, viewer, restaurantId);
      if (!restaurant) return NOT_FOUND;
      const [created] = await tx
        .insert(menuCategories)
        .values({
          restaurantId: restaurant.id,
          name,
          position: nextPosition(menuCategories, eq(menuCategories.restaurantId, restaurant.id)),
        })
        .returning({ id: menuCategories.id });
      return { ok: true, id: created!.id };
    }),
  );
}

export async function renameCategory({
  viewer,
  categoryId,
  name,
}: {
  viewer: Viewer;
  categoryId: number;
  name: string;
}): Promise<CategoryRenameResult> {
  const db = await getDb();
  return refusingTakenName(CATEGORY_NAME_INDEX, name, async () => {
    const updated = await db
      .update(menuCategories)
      .set({ name })
      .where(and(eq(menuCategories.id, categoryId), ownedBy(viewer, menuCategories.restaurantId)))
      .returning({ id: menuCategories.id });
    return updated.length > 0 ? { ok: true as const } : NOT_FOUND;
  });
}

export type DeleteCategoryResult = Result<object, NotFound | { reason: "conflict:has-items"; items: number }>;

/**
 * Deletes a category that holds no live items. Its soft-deleted items stay, with no category (decision 0004): their
 * order lines keep their link and their snapshots, so no past order, total or audit changes, and the delete touches
 * the menu's rows rather than their history.
 */
export async function deleteCategory({
  viewer,
  categoryId,
}: {
  viewer: Viewer;
  categoryId: number;
}): Promise<DeleteCategoryResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [category] = await tx
      .select({ id: menuCategories.id })
      .from(menuCategories)
      .where(and(eq(menuCategories.id, categoryId), ownedBy(viewer, menuCategories.restaurantId)))
      .for("update");
    if (!category) return NOT_FOUND;
    // Counted after the lock, in a statement of its own: one that waited for the lock still sees its snapshot from
    // before the wait, without the item that an add holding the lock had just committed.
    const [live] = await tx
      .select({ items: count() })
      .from(menuItems)
      .where(and(eq(menuItems.categoryId, category.id), isNull(menuItems.deletedAt)));
    if (live && live.items > 0) return { ok: false, reason: "conflict:has-items", items: live.items };
    // Its deleted dishes stay, out of the category: deleting them would set null the link of every order line
    // that ever named them (`on delete set null`), as many rows as their history, where this touches the menu's.
    await tx
      .update(menuItems)
      .set({ categoryId: null })
      .where(and(eq(menuItems.categoryId, category.id), isNotNull(menuItems.deletedAt)));
    await tx
      .delete(menuCategories)
      .where(and(eq(menuCategories.id, category.id), ownedBy(viewer, menuCategories.restaurantId)));
    return { ok: true };
  });
}

/** Writes positions 0..n-1 in the given order, in one statement. */
async function writePositions(
  tx: Transaction,
  table: typeof menuCategories | typeof menuItems,
  ids: number[],
  scope: SQL,
) {
  const cases = sql.join(
    ids.map((id, position) => sql`when ${id} then ${position}::int`),
    sql` `,
  );
  await tx
    .update(table)
    .set({ position: sql`case ${table.id} ${cases} end` })
    .where(and(inArray(table.id, ids), scope));
}

/**
 * The siblings in their current order. Callers hold the parent's lock, taken in an earlier statement: under READ
 * COMMITTED each statement reads a fresh snapshot, so a move that waited for another sees its positions. (Locking
 * the siblings themselves with ORDER BY ... FOR UPDATE would sort by the positions seen before the wait.)
 */
async function siblingIds(tx: Transaction, table: typeof menuCategories | typeof menuItems, where: SQL) {
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(where)
    .orderBy(table.position as PgColumn, table.id as PgColumn);
  return rows.map((r) => r.id);
}

/** "invalid:at-edge": already first (moving up) or last (moving down). */
export type MoveResult = Result<object, NotFound | { reason: "invalid:at-edge" }>;

async function moveAmongSiblings(
  tx: Transaction,
  table: typeof menuCategories | typeof menuItems,
  scope: SQL,
  id: number,
  direction: Direction,
): Promise<MoveResult> {
  const ids = await siblingIds(tx, table, scope);
  // Deleted while this move waited for the lock.
  if (!ids.includes(id)) return NOT_FOUND;
  const order = moveOneStep(ids, id, direction);
  if (!order) return { ok: false, reason: "invalid:at-edge" };
  await writePositions(tx, table, order, scope);
  return { ok: true };
}

export async function moveCategory({
  viewer,
  categoryId,
  direction,
}: {
  viewer: Viewer;
  categoryId: number;
  direction: Direction;
}): Promise<MoveResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<MoveResult> => {
    const restaurant = await lockOwnedRestaurant(
      tx,
      viewer,
      sql`(select mc.restaurant_id from menu_categories mc where mc.id = ${categoryId})`,
    );
    if (!restaurant) return NOT_FOUND;
    return moveAmongSiblings(tx, menuCategories, eq(menuCategories.restaurantId, restaurant.id), categoryId, direction);
  });
}

/** Adds an item at the end of a category. */
export async function createItem({
  viewer,
  categoryId,
  fields,
}: {
  viewer: Viewer;
  categoryId: number;
  fields: ItemFields;
}): Promise<MenuCreateResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<MenuCreateResult> => {
    const category = await lockOwnedCategory(tx, viewer, categoryId);
    if (!category) return NOT_FOUND;
    const [created] = await tx
      .insert(menuItems)
      .values({
        ...fields,
        categoryId: category.id,
        restaurantId: category.restaurantId,
        position: nextPosition(menuItems, and(eq(menuItems.categoryId, category.id), isNull(menuItems.deletedAt))!),
      })
      .returning({ id: menuItems.id });
    return { ok: true, id: created!.id };
  });
}

// Soft-deleted items are history: nothing edits them.
const liveOwnedItem = (viewer: Viewer, itemId: number) =>
  and(eq(menuItems.id, itemId), isNull(menuItems.deletedAt), ownedBy(viewer, menuItems.restaurantId));

/** "conflict": the item has changed since the form was drawn (its `version`); nothing was written. */
export type ItemUpdateResult = Result<object, NotFound | { reason: "conflict" }>;

/**
 * Edits an item. A new price applies to new orders only: order lines carry their own price snapshot, so past
 * totals never move. With `version` (the form's itemFormVersion), an item changed since is not written: "conflict",
 * told apart from "not-found" by a second statement on that path only (as restaurant details do).
 */
export async function updateItem({
  viewer,
  itemId,
  fields,
  version,
}: {
  viewer: Viewer;
  itemId: number;
  fields: ItemFields;
  version?: string;
}): Promise<ItemUpdateResult> {
  const db = await getDb();
  const updated = await db
    .update(menuItems)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(liveOwnedItem(viewer, itemId), version === undefined ? undefined : sql`${itemFormVersion} = ${version}`))
    .returning({ id: menuItems.id });
  if (updated.length > 0) return { ok: true };
  if (version === undefined) return NOT_FOUND;
  const [exists] = await db.select({ id: menuItems.id }).from(menuItems).where(liveOwnedItem(viewer, itemId));
  return exists ? { ok: false, reason: "conflict" } : NOT_FOUND;
}

export async function setItemAvailability({
  viewer,
  itemId,
  available,
}: {
  viewer: Viewer;
  itemId: number;
  available: boolean;
}): Promise<MenuWriteResult> {
  const db = await getDb();
  const updated = await db
    .update(menuItems)
    .set({ available, updatedAt: new Date() })
    .where(liveOwnedItem(viewer, itemId))
    .returning({ id: menuItems.id });
  return updated.length > 0 ? { ok: true } : NOT_FOUND;
}

/**
 * Always a soft delete: the item leaves the menu (and can no longer be ordered) but its row stays, so past orders
 * keep their link to it and nothing about them changes.
 */
export async function deleteItem({ viewer, itemId }: { viewer: Viewer; itemId: number }): Promise<MenuWriteResult> {
  const db = await getDb();
  const updated = await db
    .update(menuItems)
    .set({ deletedAt: new Date(), available: false, updatedAt: new Date() })
    .where(liveOwnedItem(viewer, itemId))
    .returning({ id: menuItems.id });
  return updated.length > 0 ? { ok: true } : NOT_FOUND;
}

export async function moveItem({
  viewer,
  itemId,
  direction,
}: {
  viewer: Viewer;
  itemId: number;
  direction: Direction;
}): Promise<MoveResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<MoveResult> => {
    const category = await lockOwnedCategory(
      tx,
      viewer,
      sql`(select mi.category_id from menu_items mi where mi.id = ${itemId} and mi.deleted_at is null)`,
    );
    if (!category) return NOT_FOUND;
    const scope = and(eq(menuItems.categoryId, category.id), isNull(menuItems.deletedAt))!;
    return moveAmongSiblings(tx, menuItems, scope, itemId, direction);
  });
}
