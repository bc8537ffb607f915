"use server";

import { revalidatePath } from "next/cache";

import { formAction, refusal, type ActionState } from "@/lib/action";
import { isOpenStatus } from "@/lib/orders/status";

import { moveOrderRefusal, ownerMessages } from "./messages";
import { moveOrder, updateRestaurantDetails } from "./queries";
import { restaurantDetailsSchema, transitionSchema } from "./schema";
import { OWNER_ROLES } from "./scope";

// Every owner page reads what these write; the dashboard, menu, queue and sales sit under one layout path.
const refreshOwnerPages = () => revalidatePath("/owner", "layout");

export const updateRestaurantAction = formAction(
  restaurantDetailsSchema,
  async ({ restaurantId, version, ...details }, viewer): Promise<ActionState> => {
    const result = await updateRestaurantDetails({ viewer, restaurantId, details, version });
    if (!result.ok && result.reason === "conflict") {
      // Drawn again, the form is reset to the details as they are now, with their new version.
      refreshOwnerPages();
      return { stale: true, message: ownerMessages.detailsChanged };
    }
    if (!result.ok) return { message: ownerMessages.restaurantNotFound };
    refreshOwnerPages();
    return { ok: true, message: ownerMessages.saved };
  },
  { roles: OWNER_ROLES },
);

export const transitionOrderAction = formAction(
  transitionSchema,
  async ({ orderId, from, to, reason }, viewer): Promise<ActionState> => {
    const result = await moveOrder({ viewer, orderId, from, to, reason });
    if (result.ok) {
      refreshOwnerPages();
      // The customer's order page and history show the new status too.
      revalidatePath("/orders", "layout");
      return { ok: true, message: ownerMessages.orderMoved(to) };
    }
    // Someone moved it first: the queue this owner sees is out of date.
    if (result.reason === "conflict") refreshOwnerPages();
    // Completed or cancelled meanwhile: the refreshed queue no longer shows it, nor this answer beside it.
    const gone = result.reason === "conflict" && !isOpenStatus(result.status);
    return refusal(moveOrderRefusal(result, { orderId, from, to }), { gone });
  },
  { roles: OWNER_ROLES },
);
