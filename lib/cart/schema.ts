import { z } from "zod";

import {
  MAX_CHOICES_PER_GROUP,
  MAX_INSTRUCTIONS_LENGTH,
  MAX_LINE_QUANTITY,
  MAX_OPTION_GROUPS_PER_ITEM,
} from "@/db/schema";
import { numberText, PLAIN_NUMBER, plainText, recordId, replaceConfirmed } from "@/lib/validation";

const id = (what: string) => recordId(`Choose a valid ${what}.`);

/** A quantity as people type one: a fraction or a number out of range each get their own message. */
export const quantitySchema = numberText(
  PLAIN_NUMBER,
  z.coerce
    .number({ error: "Enter a quantity from 1 to 99." })
    .int("Enter a whole quantity from 1 to 99.")
    .min(1, "Enter a quantity from 1 to 99.")
    .max(MAX_LINE_QUANTITY, "Enter a quantity from 1 to 99."),
);

/** At most every choice of every group: more ids than an item can offer is no honest form. */
const MAX_CHOICE_IDS = MAX_OPTION_GROUPS_PER_ITEM * MAX_CHOICES_PER_GROUP;

/**
 * The options form names each group's inputs `choice.<groupId>` (radios of one group must share a name); a
 * one-click add sends none. They are gathered into one list of ids: which group each belongs to is for the menu
 * to say, not the form.
 */
function gatherChoices(input: unknown) {
  if (typeof input !== "object" || input === null) return input;
  const rest: Record<string, unknown> = {};
  const choiceIds: unknown[] = [];
  for (const [key, value] of Object.entries(input)) {
    // An optional single-choice group's "none" radio sends an empty value: no choice.
    if (key === "choiceId" || key.startsWith("choice.")) {
      choiceIds.push(...(Array.isArray(value) ? value : [value]).filter((v) => v !== ""));
    } else rest[key] = value;
  }
  return { ...rest, choiceIds };
}

// One line of text: runs of spaces are one space, or "No garlic" and "No   garlic" made two lines that read alike.
export const instructionsSchema = plainText({ max: MAX_INSTRUCTIONS_LENGTH }).transform((note) =>
  note.replace(/\s+/g, " "),
);

export const addToCartSchema = z.preprocess(
  gatherChoices,
  z.object({
    menuItemId: id("menu item"),
    quantity: quantitySchema.default(1),
    choiceIds: z
      .array(id("choice"), { error: "Choose valid options." })
      .max(MAX_CHOICE_IDS, "Choose fewer options.")
      .default([]),
    instructions: instructionsSchema,
    // Set when the visitor confirmed that a cart from another restaurant may be replaced.
    replace: replaceConfirmed,
    // The restaurant whose cart that confirmation was about (the question named it): a yes to losing one cart is no
    // yes to losing another that a second tab started since.
    replacing: recordId("Choose a valid restaurant.").optional(),
  }),
);

export const setQuantitySchema = z.object({ lineId: id("cart line"), quantity: quantitySchema });
export const removeFromCartSchema = z.object({ lineId: id("cart line") });
