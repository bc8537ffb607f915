"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import { adminMessages, createRestaurantRefusals, ownerChangeRefusals, roleChangeRefusals } from "./messages";
import { addRestaurantOwner, createRestaurant, removeRestaurantOwner, type OwnerChangeResult } from "./restaurants";
import { changeUserRole, setUserDisabled, type RoleChangeResult } from "./roles";
import { createRestaurantSchema, disableSchema, ownerChangeSchema, roleChangeSchema } from "./schema";

function done(result: RoleChangeResult, message: string): ActionState {
  // A form drawn before another change is drawn again, showing it.
  if (!result.ok && result.reason === "conflict:changed") revalidatePath("/admin", "layout");
  if (!result.ok) return roleChangeRefusals[result.reason];
  revalidatePath("/admin", "layout");
  return { ok: true, message: result.changed ? message : adminMessages.unchanged };
}

export const changeRoleAction = formAction(
  roleChangeSchema,
  async (input, viewer) => done(await changeUserRole({ viewer, ...input }), adminMessages.roleSaved),
  { roles: ["admin"] },
);

export const setDisabledAction = formAction(
  disableSchema,
  async (input, viewer) => done(await setUserDisabled({ viewer, ...input }), adminMessages.disabled(input.disabled)),
  { roles: ["admin"] },
);

/**
 * Creates the restaurant and says so on the form, naming it, with a link to its page, where the admin assigns its
 * owners. Opening that page instead said nothing of what had happened, nor that the restaurant starts closed.
 */
export const createRestaurantAction = formAction(
  createRestaurantSchema,
  async (restaurant, viewer): Promise<ActionState> => {
    const result = await createRestaurant({ viewer, restaurant });
    if (!result.ok) return createRestaurantRefusals[result.reason];
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: adminMessages.restaurantCreated(restaurant.name),
      link: { href: `/admin/restaurants/${result.slug}`, text: adminMessages.manageRestaurant(restaurant.name) },
    };
  },
  { roles: ["admin"] },
);

/** `unchanged`: what an ownership change that found nothing to do says (by default, adminMessages.unchanged). */
function ownersDone(result: OwnerChangeResult, message: string, unchanged: ActionState = {}): ActionState {
  if (!result.ok) return ownerChangeRefusals[result.reason];
  revalidatePath("/admin", "layout");
  revalidatePath("/owner", "layout");
  return result.changed ? { ok: true, message } : { ok: true, message: adminMessages.unchanged, ...unchanged };
}

export const addOwnerAction = formAction(
  ownerChangeSchema,
  async (input, viewer) => ownersDone(await addRestaurantOwner({ viewer, ...input }), adminMessages.ownerAdded),
  { roles: ["admin"] },
);

export const removeOwnerAction = formAction(
  ownerChangeSchema,
  // Removed already (another tab, another admin): the refreshed list has no row left to say so beside (`gone`).
  async (input, viewer) =>
    ownersDone(await removeRestaurantOwner({ viewer, ...input }), adminMessages.ownerRemoved, {
      gone: true,
      message: adminMessages.alreadyRemoved,
    }),
  { roles: ["admin"] },
);
