"use client";

import { createRestaurantAction } from "@/lib/admin/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** A new restaurant: the action opens its page on success, where its owners are assigned. */
export function RestaurantForm() {
  return (
    <ActionForm action={createRestaurantAction} aria-label="New restaurant" className="max-w-2xl space-y-3">
      {(state, pending) => {
        const errors = state.fieldErrors ?? {};
        return (
          <>
            <TextField name="name" label="Name" maxLength={120} required errors={errors.name} />
            <TextField
              name="slug"
              label="Web address (slug)"
              maxLength={64}
              hint="Lower-case letters, digits and dashes, like thai-corner. Leave blank to make one from the name."
              errors={errors.slug}
            />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name="cuisine" label="Cuisine" maxLength={60} required errors={errors.cuisine} />
              <TextField name="address" label="Address" maxLength={300} required errors={errors.address} />
            </div>
            <TextField name="description" label="Description" maxLength={2000} errors={errors.description} />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create restaurant"}
              </Button>
              <ActionMessage state={state} />
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
