import { z } from "zod";

import { MAX_LINE_QUANTITY } from "@/db/schema";
import { recordId } from "@/lib/validation";

const id = (what: string) => recordId(`Choose a valid ${what}.`);

export const quantitySchema = z.coerce
  .number({ error: "Enter a quantity from 1 to 99." })
  .int("Enter a whole quantity from 1 to 99.")
  .min(1, "Enter a quantity from 1 to 99.")
  .max(MAX_LINE_QUANTITY, "Enter a quantity from 1 to 99.");

export const addToCartSchema = z.object({
  menuItemId: id("menu item"),
  quantity: quantitySchema.default(1),
  // Set when the visitor confirmed that a cart from another restaurant may be replaced.
  replace: z.literal("1").optional(),
});

export const setQuantitySchema = z.object({ menuItemId: id("menu item"), quantity: quantitySchema });
export const removeFromCartSchema = z.object({ menuItemId: id("menu item") });
