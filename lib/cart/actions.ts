"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";

import { formToObject, invalid, UNREADABLE_FORM, type ActionState } from "@/lib/action";

import { cartOwnerForWrite, currentCartOwner, newAnonymousCartOwner, type CartOwner } from "./owner";
import { addToCart, removeFromCart, setCartQuantity, type CartResult } from "./queries";
import { addToCartSchema, removeFromCartSchema, setQuantitySchema } from "./schema";

export type CartActionState = ActionState & { needsReplace?: boolean };

/**
 * Cart actions are open to anonymous visitors too (their cart lives behind a cookie), so they do not use
 * formAction's sign-in guard; they follow the same order otherwise: parse, find the caller's cart, act on it.
 */
function cartAction<S extends z.ZodType>(
  schema: S,
  owner: () => Promise<CartOwner | null>,
  act: (input: z.infer<S>, owner: CartOwner) => Promise<CartResult>,
) {
  return async (_previous: CartActionState, form: FormData): Promise<CartActionState> => {
    const input = formToObject(form);
    if (!input) return UNREADABLE_FORM;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const cartOwner = await owner();
    if (!cartOwner) return { ok: false, message: "Your cart is empty." };
    let result = await act(parsed.data, cartOwner);
    // A stale cookie (its cart was adopted at sign-in) means "no cart": start a new one under a new id, once.
    if (!result.ok && result.staleAnonymousId) result = await act(parsed.data, await newAnonymousCartOwner());
    if (result.ok) revalidatePath("/", "layout");
    return result;
  };
}

export const addToCartAction = cartAction(addToCartSchema, cartOwnerForWrite, (input, owner) =>
  addToCart({ owner, menuItemId: input.menuItemId, quantity: input.quantity, replace: input.replace === "1" }),
);

export const setQuantityAction = cartAction(setQuantitySchema, currentCartOwner, (input, owner) =>
  setCartQuantity({ owner, menuItemId: input.menuItemId, quantity: input.quantity }),
);

export const removeFromCartAction = cartAction(removeFromCartSchema, currentCartOwner, (input, owner) =>
  removeFromCart({ owner, menuItemId: input.menuItemId }),
);
