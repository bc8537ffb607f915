"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import { moveOrder, updateRestaurantDetails } from "./queries";
import { restaurantDetailsSchema, transitionSchema } from "./schema";
import { OWNER_ROLES } from "./scope";

// Every owner page reads what these write; the dashboard, menu, queue and sales sit under one layout path.
const refreshOwnerPages = () => revalidatePath("/owner", "layout");

export const updateRestaurantAction = formAction(
  restaurantDetailsSchema,
  async ({ restaurantId, ...details }, viewer): Promise<ActionState> => {
    const updated = await updateRestaurantDetails({ viewer, restaurantId, details });
    if (!updated) return { message: "Restaurant not found." };
    refreshOwnerPages();
    return { ok: true, message: "Saved." };
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
      return { ok: true, message: to === "cancelled" ? "Order cancelled." : `Order marked ${to}.` };
    }
    if (result.reason === "not-found") return { message: "Order not found." };
    if (result.reason === "not-allowed") return { message: `An order cannot go from ${from} to ${to}.` };
    refreshOwnerPages();
    return { message: `This order is already ${result.status}. The queue has been refreshed.` };
  },
  { roles: OWNER_ROLES },
);
