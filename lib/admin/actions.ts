"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formAction, type ActionState } from "@/lib/action";

import { adminMessages, createRestaurantRefusals, ownerChangeRefusals, roleChangeRefusals } from "./messages";
import { addRestaurantOwner, createRestaurant, removeRestaurantOwner, type OwnerChangeResult } from "./restaurants";
import { changeUserRole, setUserDisabled, type RoleChangeResult } from "./roles";
import { createRestaurantSchema, disableSchema, ownerChangeSchema, roleChangeSchema } from "./schema";

function done(result: RoleChangeResult, message: string): ActionState {
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

/** Creates the restaurant, then opens its page, where the admin assigns its owners. */
export const createRestaurantAction = formAction(
  createRestaurantSchema,
  async (restaurant, viewer) => {
    const result = await createRestaurant({ viewer, restaurant });
    if (!result.ok) return createRestaurantRefusals[result.reason];
    revalidatePath("/", "layout");
    redirect(`/admin/restaurants/${result.slug}`);
  },
  { roles: ["admin"] },
);

function ownersDone(result: OwnerChangeResult, message: string): ActionState {
  if (!result.ok) return ownerChangeRefusals[result.reason];
  revalidatePath("/admin", "layout");
  revalidatePath("/owner", "layout");
  return { ok: true, message: result.changed ? message : adminMessages.unchanged };
}

export const addOwnerAction = formAction(
  ownerChangeSchema,
  async (input, viewer) => ownersDone(await addRestaurantOwner({ viewer, ...input }), adminMessages.ownerAdded),
  { roles: ["admin"] },
);

export const removeOwnerAction = formAction(
  ownerChangeSchema,
  async (input, viewer) => ownersDone(await removeRestaurantOwner({ viewer, ...input }), adminMessages.ownerRemoved),
  { roles: ["admin"] },
);
