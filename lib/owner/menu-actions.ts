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
import { categoryRefusal, deleteCategoryRefusal, moveRefusal, optionGroupRefusal, ownerMessages } from "./messages";
import { createOptionGroup, deleteOptionGroup, setChoiceAvailability, updateOptionGroup } from "./options";
import {
  categoryIdSchema,
  choiceAvailabilitySchema,
  createCategorySchema,
  createItemSchema,
  createOptionGroupSchema,
  itemAvailabilitySchema,
  itemIdSchema,
  moveCategorySchema,
  moveItemSchema,
  optionGroupIdSchema,
  renameCategorySchema,
  updateItemSchema,
  updateOptionGroupSchema,
} from "./schema";
import { OWNER_ROLES } from "./scope";

const options = { roles: OWNER_ROLES };

// The menu editor and the public menu both read what these write.
function refreshMenus() {
  revalidatePath("/owner", "layout");
  revalidatePath("/r", "layout");
}

/**
 * Every menu write's answer: `message` when it was done; else `refusal`, the text for why (for most writes one
 * text, since their only refusal is a record that is not the viewer's).
 */
function answer<R extends { ok: boolean }>(
  result: R,
  message: string,
  refusal: string | ((failure: Extract<R, { ok: false }>) => string),
): ActionState {
  if (!result.ok) {
    return { message: typeof refusal === "string" ? refusal : refusal(result as Extract<R, { ok: false }>) };
  }
  refreshMenus();
  return { ok: true, message };
}

function moved(result: MoveResult, notFound: string): ActionState {
  if (!result.ok) return { message: moveRefusal(result, notFound) };
  refreshMenus();
  return { ok: true, message: ownerMessages.moved };
}

export const createCategoryAction = formAction(
  createCategorySchema,
  async ({ restaurantId, name }, viewer) =>
    answer(
      await createCategory({ viewer, restaurantId, name }),
      ownerMessages.added(name),
      categoryRefusal(ownerMessages.restaurantNotFound),
    ),
  options,
);

export const renameCategoryAction = formAction(
  renameCategorySchema,
  async ({ categoryId, name }, viewer) =>
    answer(
      await renameCategory({ viewer, categoryId, name }),
      ownerMessages.saved,
      categoryRefusal(ownerMessages.categoryNotFound),
    ),
  options,
);

export const moveCategoryAction = formAction(
  moveCategorySchema,
  async ({ categoryId, direction }, viewer) =>
    moved(await moveCategory({ viewer, categoryId, direction }), ownerMessages.categoryNotFound),
  options,
);

export const deleteCategoryAction = formAction(
  categoryIdSchema,
  async ({ categoryId }, viewer) => {
    const result = await deleteCategory({ viewer, categoryId });
    if (!result.ok) return { message: deleteCategoryRefusal(result) };
    refreshMenus();
    return { ok: true, message: ownerMessages.categoryDeleted };
  },
  options,
);

export const createItemAction = formAction(
  createItemSchema,
  async ({ categoryId, price, ...rest }, viewer) =>
    answer(
      await createItem({ viewer, categoryId, fields: { ...rest, priceCents: price } }),
      ownerMessages.added(rest.name),
      ownerMessages.categoryNotFound,
    ),
  options,
);

export const updateItemAction = formAction(
  updateItemSchema,
  async ({ itemId, version, price, ...rest }, viewer) => {
    const result = await updateItem({ viewer, itemId, version, fields: { ...rest, priceCents: price } });
    if (!result.ok && result.reason === "conflict") {
      // Drawn again, the form is reset to the item as it is now, with its new version.
      refreshMenus();
      return { stale: true, message: ownerMessages.itemChanged };
    }
    return answer(result, ownerMessages.saved, ownerMessages.itemNotFound);
  },
  options,
);

export const setItemAvailabilityAction = formAction(
  itemAvailabilitySchema,
  async ({ itemId, available }, viewer) =>
    answer(
      await setItemAvailability({ viewer, itemId, available }),
      ownerMessages.availability(available),
      ownerMessages.itemNotFound,
    ),
  options,
);

export const moveItemAction = formAction(
  moveItemSchema,
  async ({ itemId, direction }, viewer) =>
    moved(await moveItem({ viewer, itemId, direction }), ownerMessages.itemNotFound),
  options,
);

export const deleteItemAction = formAction(
  itemIdSchema,
  async ({ itemId }, viewer) =>
    answer(await deleteItem({ viewer, itemId }), ownerMessages.itemDeleted, ownerMessages.itemNotFound),
  options,
);

export const createOptionGroupAction = formAction(
  createOptionGroupSchema,
  async ({ itemId, ...fields }, viewer) => {
    const result = await createOptionGroup({ viewer, itemId, fields });
    if (!result.ok) return { message: optionGroupRefusal(result) };
    refreshMenus();
    return { ok: true, message: ownerMessages.added(fields.name) };
  },
  options,
);

export const updateOptionGroupAction = formAction(
  updateOptionGroupSchema,
  async ({ groupId, version, ...fields }, viewer) => {
    const result = await updateOptionGroup({ viewer, groupId, fields, version });
    if (!result.ok && result.reason === "conflict") {
      // Drawn again, the form is reset to the group as it is now, with its new version.
      refreshMenus();
      return { stale: true, message: ownerMessages.groupChanged };
    }
    return answer(result, ownerMessages.saved, (failure) =>
      failure.reason === "not-found" ? ownerMessages.groupNotFound : optionGroupRefusal(failure),
    );
  },
  options,
);

export const deleteOptionGroupAction = formAction(
  optionGroupIdSchema,
  async ({ groupId }, viewer) =>
    answer(await deleteOptionGroup({ viewer, groupId }), ownerMessages.groupDeleted, ownerMessages.groupNotFound),
  options,
);

export const setChoiceAvailabilityAction = formAction(
  choiceAvailabilitySchema,
  async ({ choiceId, available }, viewer) =>
    answer(
      await setChoiceAvailability({ viewer, choiceId, available }),
      ownerMessages.choiceAvailability(available),
      ownerMessages.choiceNotFound,
    ),
  options,
);
