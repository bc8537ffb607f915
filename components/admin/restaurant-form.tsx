"use client";

import { createRestaurantAction } from "@/lib/admin/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { TimeZoneField } from "@/components/ui/time-zone-field";

/**
 * A new restaurant. On success the form is cleared for the next one and says what was made, with a link to its
 * page, where its owners are assigned. `zone`: the one chosen at first, the admin's own (most create restaurants
 * where they are), one of `zones`.
 */
export function RestaurantForm({ zones, zone }: { zones: string[]; zone: string }) {
  return (
    <ActionForm
      action={createRestaurantAction}
      resetOnSuccess
      aria-label="New restaurant"
      className="max-w-2xl space-y-3"
    >
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
            <TimeZoneField
              id="timeZone"
              zones={zones}
              defaultValue={zone}
              hint="The restaurant's opening hours, its days and its sales are counted in this zone."
              errors={errors.timeZone}
            />
            <div className="flex flex-wrap items-center gap-3">
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
