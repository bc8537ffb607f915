"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import {
  createCategory,
  createItem,
  deleteCategory,
  deleteItem,
  moveCategory,
  moveItem,
  renameCategory,
  setItemAvailability,
  updateItem,
  type MoveResult,
} from "./menu";
import {
  categoryIdSchema,
  createCategorySchema,
  createItemSchema,
  itemAvailabilitySchema,
  itemIdSchema,
  moveCategorySchema,
  moveItemSchema,
  renameCategorySchema,
  updateItemSchema,
} from "./schema";
import { OWNER_ROLES } from "./scope";

const options = { roles: OWNER_ROLES };

// The menu editor and the public menu both read what these write.
function refreshMenus() {
  revalidatePath("/owner", "layout");
  revalidatePath("/r", "layout");
}

const done = (message: string): ActionState => {
  refreshMenus();
  return { ok: true, message };
};

const CATEGORY_NOT_FOUND: ActionState = { message: "Category not found." };
const ITEM_NOT_FOUND: ActionState = { message: "Item not found." };

function moved(result: MoveResult, notFound: ActionState): ActionState {
  if (result === "not-found") return notFound;
  if (result === "at-edge") return { message: "It is already at that end of the list." };
  return done("Moved.");
}

export const createCategoryAction = formAction(
  createCategorySchema,
  async ({ restaurantId, name }, viewer) =>
    (await createCategory({ viewer, restaurantId, name })) === null
      ? { message: "Restaurant not found." }
      : done(`Added ${name}.`),
  options,
);

export const renameCategoryAction = formAction(
  renameCategorySchema,
  async ({ categoryId, name }, viewer) =>
    (await renameCategory({ viewer, categoryId, name })) ? done("Saved.") : CATEGORY_NOT_FOUND,
  options,
);

export const moveCategoryAction = formAction(
  moveCategorySchema,
  async ({ categoryId, direction }, viewer) =>
    moved(await moveCategory({ viewer, categoryId, direction }), CATEGORY_NOT_FOUND),
  options,
);

export const deleteCategoryAction = formAction(
  categoryIdSchema,
  async ({ categoryId }, viewer) => {
    const result = await deleteCategory({ viewer, categoryId });
    if (result.ok) return done("Category deleted.");
    if (result.reason === "not-found") return CATEGORY_NOT_FOUND;
    const items = result.items === 1 ? "1 item" : `${result.items} items`;
    return { message: `This category still has ${items}. Delete them first; only empty categories can be deleted.` };
  },
  options,
);

export const createItemAction = formAction(
  createItemSchema,
  async ({ categoryId, price, ...rest }, viewer) =>
    (await createItem({ viewer, categoryId, fields: { ...rest, priceCents: price } })) === null
      ? CATEGORY_NOT_FOUND
      : done(`Added ${rest.name}.`),
  options,
);

export const updateItemAction = formAction(
  updateItemSchema,
  async ({ itemId, price, ...rest }, viewer) =>
    (await updateItem({ viewer, itemId, fields: { ...rest, priceCents: price } })) ? done("Saved.") : ITEM_NOT_FOUND,
  options,
);

export const setItemAvailabilityAction = formAction(
  itemAvailabilitySchema,
  async ({ itemId, available }, viewer) =>
    (await setItemAvailability({ viewer, itemId, available }))
      ? done(available ? "Available again." : "Marked unavailable.")
      : ITEM_NOT_FOUND,
  options,
);

export const moveItemAction = formAction(
  moveItemSchema,
  async ({ itemId, direction }, viewer) => moved(await moveItem({ viewer, itemId, direction }), ITEM_NOT_FOUND),
  options,
);

export const deleteItemAction = formAction(
  itemIdSchema,
  async ({ itemId }, viewer) => ((await deleteItem({ viewer, itemId })) ? done("Item deleted.") : ITEM_NOT_FOUND),
  options,
);
