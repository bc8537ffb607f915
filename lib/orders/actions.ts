"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formAction, refusal } from "@/lib/action";

import { cancelOwnOrder } from "./cancel";
import { placeOrder } from "./checkout";
import { cancelRefusal, checkoutRefusal, orderMessages, reorderRefusal } from "./messages";
import { reorder } from "./reorder";
import { checkoutSchema, orderIdSchema, reorderSchema } from "./schema";

export const checkoutAction = formAction(checkoutSchema, async (input, viewer) => {
  const result = await placeOrder({ viewer, ...input });
  if (!result.ok) {
    // The review re-renders with what is true now (a new total, the minimum, what is still offered) and a new
    // idempotency key, so that "place the order again" can succeed without a reload; the message stays with it.
    revalidatePath("/cart/review");
    // Emptied meanwhile, the review re-renders as the empty cart, without this form: the answer goes above it.
    return refusal(checkoutRefusal(result), { gone: result.reason === "invalid:empty-cart" });
  }
  revalidatePath("/", "layout");
  redirect(`/orders/${result.orderId}`);
});

export const cancelOrderAction = formAction(orderIdSchema, async ({ orderId }, viewer) => {
  const result = await cancelOwnOrder({ viewer, orderId });
  // Refused or not, the page re-renders with the order as it is now: a stale tab stops offering the button.
  revalidatePath("/", "layout");
  // A conflict re-renders the order past "placed", without the button that would show the answer (`gone`).
  if (!result.ok) return refusal(cancelRefusal(result), { gone: result.reason === "conflict" });
  return { ok: true, message: orderMessages.cancelled };
});

export const reorderAction = formAction(reorderSchema, async ({ orderId, replace }, viewer) => {
  const result = await reorder({ viewer, orderId, replace });
  if (!result.ok) {
    const needsReplace = result.reason === "conflict:cart-not-empty";
    return { message: reorderRefusal(result, orderId), ...(needsReplace ? { needsReplace } : {}) };
  }
  revalidatePath("/", "layout");
  redirect(`/cart?reorder=${orderId}`);
});
