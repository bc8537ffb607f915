"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import { changeUserRole, setUserDisabled, type RoleChangeResult } from "./roles";
import { disableSchema, roleChangeSchema } from "./schema";

const refusals: Record<Exclude<RoleChangeResult, { ok: true }>["reason"], ActionState> = {
  self: {
    message:
      "You cannot change your own role or disable your own account: ask another admin. This keeps at least one admin able to sign in.",
  },
  // Also the answer when another admin demoted or disabled the caller meanwhile: nothing was changed either way.
  "not-found": { message: "Nothing was changed: that user no longer exists, or you are no longer an active admin." },
  "last-admin": { message: "Nothing was changed: the platform must keep at least one active admin." },
  "unknown-restaurant": { fieldErrors: { restaurantIds: ["One of the chosen restaurants no longer exists."] } },
  "owner-needs-restaurant": { fieldErrors: { restaurantIds: ["Choose at least one restaurant for an owner."] } },
};

function done(result: RoleChangeResult, message: string): ActionState {
  if (!result.ok) return refusals[result.reason];
  revalidatePath("/admin", "layout");
  return { ok: true, message: result.changed ? message : "Nothing to change." };
}

export const changeRoleAction = formAction(
  roleChangeSchema,
  async (input, viewer) =>
    done(await changeUserRole({ viewer, ...input }), "Role saved. It applies from the user's next request."),
  { roles: ["admin"] },
);

export const setDisabledAction = formAction(
  disableSchema,
  async (input, viewer) =>
    done(
      await setUserDisabled({ viewer, ...input }),
      input.disabled ? "Account disabled. The user is signed out on their next request." : "Account enabled.",
    ),
  { roles: ["admin"] },
);
