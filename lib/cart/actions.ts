"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";

import { formToObject, invalid, UNREADABLE_FORM, type ActionState } from "@/lib/action";

import type { CartHolder } from "./cookie";
import { cartHolderForWrite, currentCartHolder, newAnonymousCartHolder } from "./holder";
import { addToCartRefusal, cartMessages } from "./messages";
import { addToCart, removeFromCart, setCartQuantity } from "./queries";
import { addToCartSchema, removeFromCartSchema, setQuantitySchema } from "./schema";

/** `replacing`: with `needsReplace`, the restaurant whose cart the question is about; the form sends it back. */
export type CartActionState = ActionState & { needsReplace?: boolean; replacing?: number };

/**
 * Cart actions are open to anonymous visitors too (their cart lives behind a cookie), so they do not use
 * formAction's sign-in guard; they follow the same order otherwise: parse, find the caller's cart, act on it.
 */
function cartAction<S extends z.ZodType>(
  schema: S,
  findHolder: () => Promise<CartHolder | null>,
  act: (input: z.infer<S>, holder: CartHolder) => Promise<CartActionState>,
) {
  return async (_previous: CartActionState, form: FormData): Promise<CartActionState> => {
    const input = formToObject(form);
    if (!input) return UNREADABLE_FORM;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const holder = await findHolder();
    if (!holder) return { ok: false, gone: true, message: cartMessages.notInCart };
    const state = await act(parsed.data, holder);
    // A line gone since the page was drawn (removed or ordered in another tab): the page is out of date too.
    if (state.ok || state.gone) revalidatePath("/", "layout");
    return state;
  };
}

async function add(holder: CartHolder, input: z.infer<typeof addToCartSchema>) {
  return addToCart({
    holder,
    menuItemId: input.menuItemId,
    quantity: input.quantity,
    choiceIds: input.choiceIds,
    instructions: input.instructions,
    replace: input.replace,
    replacing: input.replacing,
  });
}

export const addToCartAction = cartAction(addToCartSchema, cartHolderForWrite, async (input, holder) => {
  let result = await add(holder, input);
  // A stale cookie (its cart was adopted at sign-in) means "no cart": start a new one under a new id, once.
  if (!result.ok && result.reason === "conflict:stale-cart") result = await add(await newAnonymousCartHolder(), input);
  if (result.ok) {
    const message = result.capped ? cartMessages.addedUpToLimit(result.itemName) : cartMessages.added(result.itemName);
    return { ok: true, message };
  }
  return {
    ok: false,
    message: addToCartRefusal(result),
    ...(result.reason === "conflict:other-restaurant"
      ? { needsReplace: true, replacing: result.cartRestaurantId }
      : {}),
  };
});

export const setQuantityAction = cartAction(setQuantitySchema, currentCartHolder, async (input, holder) =>
  (await setCartQuantity({ holder, lineId: input.lineId, quantity: input.quantity })).ok
    ? { ok: true, message: cartMessages.quantityUpdated }
    : { ok: false, gone: true, message: cartMessages.notInCart },
);

export const removeFromCartAction = cartAction(removeFromCartSchema, currentCartHolder, async (input, holder) =>
  (await removeFromCart({ holder, lineId: input.lineId })).ok
    ? { ok: true, message: cartMessages.removed }
    : { ok: false, gone: true, message: cartMessages.notInCart },
);
