"use client";

import { createCategoryAction, renameCategoryAction } from "@/lib/owner/menu-actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** Adds a category to a restaurant (category absent) or renames one. */
export function CategoryForm({
  restaurantId,
  category,
}: {
  restaurantId: number;
  category?: { id: number; name: string };
}) {
  const id = category ? `category-${category.id}-name` : "new-category-name";
  return (
    <ActionForm
      action={category ? renameCategoryAction : createCategoryAction}
      resetOnSuccess={!category}
      aria-label={category ? `Rename ${category.name}` : "Add a category"}
      className="flex flex-wrap items-end gap-3"
    >
      {(state, pending) => (
        <>
          {category ? (
            <input type="hidden" name="categoryId" value={category.id} />
          ) : (
            <input type="hidden" name="restaurantId" value={restaurantId} />
          )}
          <div className="min-w-48 flex-1">
            <TextField
              id={id}
              name="name"
              label={category ? "Category name" : "New category"}
              defaultValue={category?.name}
              maxLength={80}
              required
              errors={state.fieldErrors?.name}
            />
          </div>
          <Button type="submit" disabled={pending} variant="secondary">
            {pending ? "Saving…" : category ? "Rename" : "Add category"}
          </Button>
          <ActionMessage state={state} className="w-full" />
        </>
      )}
    </ActionForm>
  );
}
