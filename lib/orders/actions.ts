"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formAction } from "@/lib/action";

import { cancelOwnOrder } from "./cancel";
import { placeOrder } from "./checkout";
import { reorder } from "./reorder";
import { checkoutSchema, orderIdSchema } from "./schema";

export const checkoutAction = formAction(checkoutSchema, async (input, viewer) => {
  const result = await placeOrder({ profileId: viewer.profileId, ...input });
  if (!result.ok) return { message: result.message };
  revalidatePath("/", "layout");
  redirect(`/orders/${result.orderId}`);
});

export const cancelOrderAction = formAction(orderIdSchema, async ({ orderId }, viewer) => {
  if (!(await cancelOwnOrder({ profileId: viewer.profileId, orderId }))) {
    return { message: "This order can no longer be cancelled: the restaurant has started on it." };
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Your order is cancelled." };
});

export const reorderAction = formAction(orderIdSchema, async ({ orderId }, viewer) => {
  const result = await reorder({ profileId: viewer.profileId, orderId });
  if (!result.ok) return { message: result.message };
  revalidatePath("/", "layout");
  redirect(`/cart?reorder=${orderId}`);
});
