"use client";

import { MAX_DELIVERY_FEE_CENTS, MAX_MIN_ORDER_CENTS } from "@/db/schema";
import { centsToDecimal } from "@/lib/money";
import { updateRestaurantAction } from "@/lib/owner/actions";
import type { RestaurantDetails } from "@/lib/owner/queries";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import { CheckboxField } from "./checkbox-field";

type Restaurant = RestaurantDetails & { id: number; detailsVersion: string };

export function RestaurantDetailsForm({ restaurant }: { restaurant: Restaurant }) {
  const id = (field: string) => `restaurant-${restaurant.id}-${field}`;
  return (
    <ActionForm action={updateRestaurantAction} aria-label={`Details of ${restaurant.name}`} className="space-y-3">
      {(state, pending) => (
        <>
          <input type="hidden" name="restaurantId" value={restaurant.id} />
          <input type="hidden" name="version" value={restaurant.detailsVersion} />
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
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-700">Orders can be</legend>
            <div className="flex flex-wrap gap-4">
              <CheckboxField
                id={id("pickup")}
                name="offersPickup"
                label="Picked up"
                defaultChecked={restaurant.offersPickup}
                aria-describedby={state.fieldErrors?.offersPickup ? id("offers-error") : undefined}
              />
              <CheckboxField
                id={id("delivery")}
                name="offersDelivery"
                label="Delivered"
                defaultChecked={restaurant.offersDelivery}
              />
            </div>
            <div id={id("offers-error")} aria-live="polite">
              {state.fieldErrors?.offersPickup?.map((error) => (
                <p key={error} className="text-sm text-red-600">
                  {error}
                </p>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              id={id("fee")}
              name="deliveryFeeCents"
              label="Delivery fee ($)"
              inputMode="decimal"
              defaultValue={centsToDecimal(restaurant.deliveryFeeCents)}
              maxLength={String(MAX_DELIVERY_FEE_CENTS).length + 2}
              errors={state.fieldErrors?.deliveryFeeCents}
            />
            <TextField
              id={id("minimum")}
              name="minOrderCents"
              label="Minimum order ($, items only)"
              inputMode="decimal"
              defaultValue={centsToDecimal(restaurant.minOrderCents)}
              maxLength={String(MAX_MIN_ORDER_CENTS).length + 2}
              errors={state.fieldErrors?.minOrderCents}
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
