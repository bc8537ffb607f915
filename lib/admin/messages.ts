import { fieldError, type ActionState } from "@/lib/action";
import { UNKNOWN_ZONE_MESSAGE } from "@/lib/restaurants/time-zones";

import type { CreateRestaurantResult, OwnerChangeFailure } from "./restaurants";
import type { RoleChangeFailure } from "./roles";

/** The admin actions' words, in one place. */
export const adminMessages = {
  roleSaved: "Role saved. It applies from the user's next request.",
  disabled: (disabled: boolean) =>
    disabled ? "Account disabled. The user is signed out on their next request." : "Account enabled.",
  unchanged: "Nothing to change.",
  ownerAdded: "Owner added. The owner tools show this restaurant from their next page.",
  ownerRemoved: "Owner removed.",
  alreadyRemoved:
    "That user was no longer an owner: removed in another tab or by another admin. The list is up to date.",
  /** Admin-created restaurants start closed (lib/admin/restaurants.ts): say so, or the admin expects it on sale. */
  restaurantCreated: (name: string) =>
    `Created ${name}. It starts closed: customers cannot order until one of its owners opens it in the owner tools.`,
  manageRestaurant: (name: string) => `Manage ${name} and assign its owners`,
};

type CreateRestaurantFailure = Extract<CreateRestaurantResult, { ok: false }>["reason"];

export const createRestaurantRefusals: Record<CreateRestaurantFailure, ActionState> = {
  "conflict:slug-taken": fieldError("slug", "Another restaurant already uses this web address: choose another."),
  "not-found": { message: "Nothing was created: you are no longer an active admin." },
  "invalid:time-zone": fieldError("timeZone", UNKNOWN_ZONE_MESSAGE),
};

const DISABLED_USER_MESSAGE = "Nothing was changed: this account is disabled. Enable it first.";

/** Each refusal of addRestaurantOwner and removeRestaurantOwner. */
export const ownerChangeRefusals: Record<OwnerChangeFailure["reason"], ActionState> = {
  "not-found": { message: "Nothing was changed: that user no longer exists, or you are no longer an active admin." },
  "invalid:unknown-restaurant": { message: "Nothing was changed: this restaurant no longer exists." },
  "invalid:disabled-user": { message: DISABLED_USER_MESSAGE },
};

/** Each refusal of changeUserRole and setUserDisabled: a form message, or an error next to the restaurants field. */
export const roleChangeRefusals: Record<RoleChangeFailure["reason"], ActionState> = {
  "forbidden:self": {
    message:
      "You cannot change your own role or disable your own account: ask another admin. This keeps at least one admin able to sign in.",
  },
  // Also the answer when another admin demoted or disabled the caller meanwhile: nothing was changed either way.
  "not-found": { message: "Nothing was changed: that user no longer exists, or you are no longer an active admin." },
  "conflict:last-admin": { message: "Nothing was changed: the platform must keep at least one active admin." },
  "invalid:unknown-restaurant": { fieldErrors: { restaurantIds: ["One of the chosen restaurants no longer exists."] } },
  "invalid:owner-needs-restaurant": {
    fieldErrors: { restaurantIds: ["Choose at least one restaurant for an owner."] },
  },
  // Ticked boxes for a customer were dropped without a word ("Nothing to change.").
  "invalid:customer-owns-none": fieldError(
    "restaurantIds",
    "A customer owns no restaurant: choose Owner or Admin, or untick the restaurants.",
  ),
  "invalid:disabled-user": { message: DISABLED_USER_MESSAGE },
  "conflict:changed": {
    stale: true,
    message:
      "Nothing was changed: this user's role or restaurants were changed since you opened this page. " +
      "The form now shows them as they are: make your changes again.",
  },
};
