"use client";

import { updateRestaurantAction } from "@/lib/owner/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import { CheckboxField } from "./checkbox-field";

type Restaurant = { id: number; name: string; description: string; cuisine: string; address: string; isOpen: boolean };

export function RestaurantDetailsForm({ restaurant }: { restaurant: Restaurant }) {
  const id = (field: string) => `restaurant-${restaurant.id}-${field}`;
  return (
    <ActionForm action={updateRestaurantAction} aria-label={`Details of ${restaurant.name}`} className="space-y-3">
      {(state, pending) => (
        <>
          <input type="hidden" name="restaurantId" value={restaurant.id} />
          <TextField
            id={id("name")}
            name="name"
            label="Name"
            defaultValue={restaurant.name}
            maxLength={120}
            errors={state.fieldErrors?.name}
          />
          <TextField
            id={id("description")}
            name="description"
            label="Description"
            defaultValue={restaurant.description}
            maxLength={2000}
            errors={state.fieldErrors?.description}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              id={id("cuisine")}
              name="cuisine"
              label="Cuisine"
              defaultValue={restaurant.cuisine}
              maxLength={60}
              errors={state.fieldErrors?.cuisine}
            />
            <TextField
              id={id("address")}
              name="address"
              label="Address"
              defaultValue={restaurant.address}
              maxLength={300}
              errors={state.fieldErrors?.address}
            />
          </div>
          <div className="flex items-center justify-between gap-3">
            <CheckboxField id={id("open")} name="isOpen" label="Open for orders" defaultChecked={restaurant.isOpen} />
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save details"}
            </Button>
          </div>
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
