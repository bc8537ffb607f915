"use client";

import { centsToDecimal } from "@/lib/money";
import { createItemAction, updateItemAction } from "@/lib/owner/menu-actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import { CheckboxField } from "./checkbox-field";

type Item = { id: number; name: string; description: string; priceCents: number; available: boolean; version: string };

/** Adds an item to a category (item absent) or edits one. Errors sit next to their fields. */
export function ItemForm({
  categoryId,
  categoryName,
  item,
}: {
  categoryId: number;
  categoryName: string;
  item?: Item;
}) {
  const prefix = item ? `item-${item.id}` : `new-item-${categoryId}`;
  return (
    <ActionForm
      action={item ? updateItemAction : createItemAction}
      resetOnSuccess={!item}
      aria-label={item ? `Edit ${item.name}` : `Add an item to ${categoryName}`}
      className="grid gap-3 sm:grid-cols-[2fr_1fr] sm:items-start"
    >
      {(state, pending) => (
        <>
          {item ? (
            <>
              <input type="hidden" name="itemId" value={item.id} />
              {/* A save from a form drawn before another change is refused rather than writing it over. */}
              <input type="hidden" name="version" value={item.version} />
            </>
          ) : (
            <input type="hidden" name="categoryId" value={categoryId} />
          )}
          <TextField
            id={`${prefix}-name`}
            name="name"
            label="Name"
            defaultValue={item?.name}
            maxLength={120}
            required
            errors={state.fieldErrors?.name}
          />
          <TextField
            id={`${prefix}-price`}
            name="price"
            label="Price"
            inputMode="decimal"
            placeholder="12.50"
            hint="In dollars, like 12.50"
            defaultValue={item ? centsToDecimal(item.priceCents) : undefined}
            required
            errors={state.fieldErrors?.price}
          />
          <TextField
            id={`${prefix}-description`}
            name="description"
            label="Description"
            defaultValue={item?.description}
            maxLength={1000}
            errors={state.fieldErrors?.description}
          />
          <div className="flex flex-wrap items-center gap-3 sm:pt-7">
            <CheckboxField
              id={`${prefix}-available`}
              name="available"
              label="Available"
              defaultChecked={item?.available ?? true}
            />
            <Button type="submit" disabled={pending} variant={item ? "secondary" : "primary"}>
              {pending ? "Saving…" : item ? "Save item" : "Add item"}
            </Button>
          </div>
          <ActionMessage state={state} className="sm:col-span-2" />
        </>
      )}
    </ActionForm>
  );
}
