import { z } from "zod";

import {
  MAX_CHOICES_PER_GROUP,
  MAX_DELIVERY_FEE_CENTS,
  MAX_MIN_ORDER_CENTS,
  MAX_OPTION_DELTA_CENTS,
  MAX_PRICE_CENTS,
  orderStatus,
} from "@/db/schema";
import { centsToDecimal, formatCents, parseMoney } from "@/lib/money";
import {
  codePoints,
  dayRangeFields,
  dayRangeInOrder,
  formVersion,
  hasUnsafeCharacters,
  hasVisibleText,
  MAX_INT4,
  NO_SUCH_ORDER_NUMBER,
  numberText,
  PLAIN_NUMBER,
  plainText,
  recordId,
  UNSAFE_TEXT_MESSAGE,
} from "@/lib/validation";

export const idSchema = recordId();

const text = (label: string, max: number, { required = true, multiline = false } = {}) =>
  plainText({ max, min: required ? 1 : 0, label, multiline });

// An unchecked checkbox sends nothing; a checked one sends "on".
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/**
 * Money typed by a person: "12.50", "12", "12.5". Each kind of mistake gets its own message, because "invalid
 * price" does not tell anyone what to fix.
 */
export const priceSchema = z.string({ error: "Enter a price." }).transform((value, ctx) => {
  const input = value.trim();
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (input === "") return fail("Enter a price.");
  if (input.startsWith("-")) return fail("A price cannot be negative.");
  if (/^\d+\.\d{3,}$/.test(input)) return fail("Use at most two decimals, like 12.50.");
  if (/^\d{10,}(\.\d{1,2})?$/.test(input)) return fail(`The highest price is ${formatCents(MAX_PRICE_CENTS)}.`);
  const cents = parseMoney(input);
  if (cents === null) return fail("Enter a price in dollars and cents, like 12.50.");
  if (cents > MAX_PRICE_CENTS) return fail(`The highest price is ${formatCents(MAX_PRICE_CENTS)}.`);
  return cents;
});

/** An optional amount of money ("", "0", "2.50"); blank means none (0). Same mistakes, same words as a price. */
const amountSchema = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .optional()
    .transform((value, ctx) => {
      const input = (value ?? "").trim();
      const fail = (message: string) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (input === "") return 0;
      if (input.startsWith("-")) return fail(`${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`);
      if (/^\d+\.\d{3,}$/.test(input)) return fail("Use at most two decimals, like 2.50.");
      const cents = parseMoney(input);
      if (cents === null) return fail("Enter an amount in dollars and cents, like 2.50.");
      if (cents > max) return fail(`The highest is ${formatCents(max)}.`);
      return cents;
    });

export const restaurantDetailsSchema = z
  .object({
    restaurantId: idSchema,
    /** The details' version the form was drawn with (lib/owner/queries.ts); absent, the save overwrites whatever is. */
    version: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/, "Reload the page and try again.")
      .optional(),
    name: text("a name", 120),
    description: text("a description", 2000, { required: false, multiline: true }),
    cuisine: text("a cuisine", 60),
    address: text("an address", 300),
    isOpen: checkbox,
    offersPickup: checkbox,
    offersDelivery: checkbox,
    deliveryFeeCents: amountSchema("a delivery fee", MAX_DELIVERY_FEE_CENTS),
    minOrderCents: amountSchema("a minimum order", MAX_MIN_ORDER_CENTS),
  })
  .refine((d) => d.offersPickup || d.offersDelivery, {
    path: ["offersPickup"],
    message: "Offer pickup, delivery or both.",
  });

export const createCategorySchema = z.object({ restaurantId: idSchema, name: text("a category name", 80) });
export const renameCategorySchema = z.object({ categoryId: idSchema, name: text("a category name", 80) });
export const categoryIdSchema = z.object({ categoryId: idSchema });

const itemFields = {
  name: text("a name", 120),
  description: text("a description", 1000, { required: false, multiline: true }),
  price: priceSchema,
  available: checkbox,
};
export const createItemSchema = z.object({ categoryId: idSchema, ...itemFields });
export const updateItemSchema = z.object({
  itemId: idSchema,
  /** The item as the form drew it (lib/owner/menu.ts itemFormVersion); absent, the save overwrites whatever is. */
  version: formVersion,
  ...itemFields,
});
export const itemIdSchema = z.object({ itemId: idSchema });
export const itemAvailabilitySchema = z.object({ itemId: idSchema, available: checkbox });

export const directionSchema = z.enum(["up", "down"], { error: "Choose up or down." });
export const moveCategorySchema = z.object({ categoryId: idSchema, direction: directionSchema });
export const moveItemSchema = z.object({ itemId: idSchema, direction: directionSchema });

const status = z.enum(orderStatus.enumValues, { error: "Unknown status." });

/**
 * `from` is the status the owner saw when they clicked: it goes into the WHERE clause, so a click on a card that
 * someone else has already moved changes nothing instead of skipping a step.
 */
export const transitionSchema = z
  .object({
    orderId: idSchema,
    from: status,
    to: status,
    reason: plainText({ max: 500, multiline: true }),
  })
  .superRefine((input, ctx) => {
    if (input.to === "cancelled" && input.reason === "") {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Tell the customer why the order is cancelled." });
    }
  });

export type Direction = z.infer<typeof directionSchema>;
export type TransitionInput = z.infer<typeof transitionSchema>;

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The longest sales range: a year and a day, so that a range read stays a page of days (the rollups are per day). */
export const MAX_SALES_RANGE_DAYS = 366;

const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** /owner/[slug]/sales?from=&to=: both or neither (then the last SALES_DAYS days), in order, at most a year long. */
export const salesRangeSchema = z
  .object(dayRangeFields)
  .refine(...dayRangeInOrder)
  .superRefine((range, ctx) => {
    if (Boolean(range.from) !== Boolean(range.to)) {
      ctx.addIssue({
        code: "custom",
        path: [range.from ? "to" : "from"],
        message: "Choose both a start and an end date.",
      });
    } else if (
      range.from &&
      range.to &&
      range.from <= range.to &&
      dayCount(range.from, range.to) > MAX_SALES_RANGE_DAYS
    ) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_SALES_RANGE_DAYS} days.` });
    }
  });

export type SalesRange = z.infer<typeof salesRangeSchema>;

/** "#1234" or "1234": the order with that number; anything else is part of a customer's name. */
const ORDER_NUMBER = /^#?\s*(\d+)$/;

/**
 * /owner/[slug]/past-orders filters, from the URL: a status (or all), a search (an order number or part of a
 * customer's name), a day range. Every field optional; a bad one gets a message rather than being ignored.
 */
export const pastOrdersFilterSchema = z
  .object({
    status: z.preprocess(emptyToUndefined, status.optional()),
    q: plainText({ max: 100 }).transform((q, ctx) => {
      if (q === "") return undefined;
      const number = ORDER_NUMBER.exec(q)?.[1];
      if (number === undefined) return { name: q };
      const orderId = Number(number);
      if (!/^\d{1,10}$/.test(number) || orderId < 1 || orderId > MAX_INT4) {
        ctx.addIssue({ code: "custom", message: NO_SUCH_ORDER_NUMBER });
        return z.NEVER;
      }
      return { orderId };
    }),
    ...dayRangeFields,
    // Judged by decodeCursor (a cursor that is not ours is a 404); only its size is bounded here.
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine(...dayRangeInOrder);

export type PastOrdersFilter = z.infer<typeof pastOrdersFilterSchema>;

// ---- item options -----------------------------------------------------------------------------------------------

export type ChoiceInput = { name: string; priceDeltaCents: number };

/** A name, then maybe " +" and what starts like an amount ("Salt + Pepper" is a name; "Large +2,50" a bad price). */
const CHOICE_LINE = /^(.*?\S)(?:\s+\+\s*\$?([\d.,]\S*))?$/;
/**
 * A name ending in a minus and an amount written as money (cents, or a $): "Small -1.00", "Small - .50",
 * "Small −1,50", "Small -$1". Whole numbers alone are names: "Wings - 6", "Ages 3 -5", "Coke - 330".
 */
const DISCOUNT = /\s[-\u2212\u2013]\s*(?:\$\s*\d*[.,]?\d+|\d*[.,]\d+)$/;
/**
 * An amount left inside the name, where it would be part of the name at no extra price: "Large+2.00" (no space
 * before the plus), "Large+2", "Big (+2)", "Huge +2 extra", "Tall +.50 cup", "Mega $2.00", "Mega €2". A plus
 * between numbers stays a name ("2+1 deal"), as does a plus before words ("Salt + Pepper").
 */
const PRICE_IN_NAME = /(?<!\d\s*)\+\s*[$€£]?\s*[\d.,]*\d|[$€£]\s*[\d.,]*\d/;

/**
 * An option group's choices as an owner types them, one per line: "Large +2.00" (a name, then the extra price
 * after " +"), or "Regular" for no extra. One field for the whole list keeps a group one form: saving it
 * replaces the list, and a choice keeps its identity (so carts holding it stay valid) as long as its name does.
 */
export const choicesSchema = plainText({ max: 4000, label: "the choices, one per line", min: 1, multiline: true })
  .transform((text, ctx): ChoiceInput[] => {
    const lines = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
    const choices: ChoiceInput[] = [];
    for (const [index, line] of lines.entries()) {
      const match = CHOICE_LINE.exec(line);
      const where = `Line ${index + 1} ("${line.slice(0, 30)}")`;
      const name = match?.[1]?.trim() ?? "";
      if (!hasVisibleText(name)) {
        ctx.addIssue({ code: "custom", message: `${where}: give the choice a name, like "Large +2.00".` });
        return z.NEVER;
      }
      // One line of the menu, the cart and the ticket: the textarea's tabs (which the whole text may hold) are not
      // part of a name, as they are refused in every other one-line name.
      if (hasUnsafeCharacters(name)) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: ${UNSAFE_TEXT_MESSAGE}` });
        return z.NEVER;
      }
      // In characters, as menu_option_choices_name_length's char_length counts them (and plainText every other name).
      if (codePoints(name) > 60) {
        ctx.addIssue({ code: "custom", message: `${where}: a choice name has at most 60 characters.` });
        return z.NEVER;
      }
      // "Small -1.00" would otherwise be a choice named so, at no difference: a choice only adds to the price.
      if (DISCOUNT.test(line)) {
        ctx.addIssue({
          code: "custom",
          message:
            `${where}: a choice can only add to the item's price ("Large +2.00"). ` +
            "For a cheaper choice, lower the item's price and add the difference to the others.",
        });
        return z.NEVER;
      }
      if (PRICE_IN_NAME.test(name)) {
        ctx.addIssue({
          code: "custom",
          message: `${where}: put the extra price at the end, after a space and a plus, like "Large +2.00".`,
        });
        return z.NEVER;
      }
      const price = match?.[2];
      const cents = price === undefined ? 0 : parseMoney(price);
      if (cents === null || cents > MAX_OPTION_DELTA_CENTS) {
        ctx.addIssue({
          code: "custom",
          message: `${where}: write the extra price like "Large +2.00", at most +${centsToDecimal(MAX_OPTION_DELTA_CENTS)}.`,
        });
        return z.NEVER;
      }
      choices.push({ name, priceDeltaCents: cents });
    }
    return choices;
  })
  .refine((choices) => choices.length <= MAX_CHOICES_PER_GROUP, `A group has at most ${MAX_CHOICES_PER_GROUP} choices.`)
  .refine(
    (choices) => new Set(choices.map((c) => c.name.toLowerCase())).size === choices.length,
    "Give each choice a different name.",
  );

const choiceCount = (what: string) =>
  numberText(
    PLAIN_NUMBER,
    z.coerce
      .number({ error: `Enter the ${what} number of choices.` })
      .int(`Enter the ${what} number of choices as a whole number.`)
      .min(0, `The ${what} number of choices cannot be negative.`)
      .max(MAX_CHOICES_PER_GROUP, `A group has at most ${MAX_CHOICES_PER_GROUP} choices.`),
  );

const optionGroupFields = {
  name: text("a group name", 60),
  required: checkbox,
  minChoices: choiceCount("smallest"),
  maxChoices: choiceCount("largest"),
  choices: choicesSchema,
};

type GroupInput = { required: boolean; minChoices: number; maxChoices: number; choices: ChoiceInput[] };

/** The rules between fields, each message on the field to change. */
function groupRules(input: GroupInput, ctx: z.RefinementCtx) {
  if (input.maxChoices < 1) {
    ctx.addIssue({ code: "custom", path: ["maxChoices"], message: "Allow at least 1 choice." });
  }
  if (input.minChoices > input.maxChoices) {
    ctx.addIssue({
      code: "custom",
      path: ["minChoices"],
      message: "The smallest number of choices cannot be above the largest.",
    });
  }
  if (input.maxChoices > input.choices.length) {
    ctx.addIssue({
      code: "custom",
      path: ["maxChoices"],
      message: `Customers cannot pick ${input.maxChoices} of ${input.choices.length} choices: lower the largest number or add choices.`,
    });
  }
  if (!input.required && input.minChoices > 0) {
    // Customers would have to choose anyway: the form said optional while the menu says "(choose 1)".
    ctx.addIssue({
      code: "custom",
      path: ["minChoices"],
      message: "An optional group's smallest number is 0: set it to 0, or tick Required.",
    });
  }
  if (input.required && input.minChoices < 1) {
    ctx.addIssue({
      code: "custom",
      path: ["minChoices"],
      message: "A required group needs a smallest number of at least 1.",
    });
  }
}

export const createOptionGroupSchema = z.object({ itemId: idSchema, ...optionGroupFields }).superRefine(groupRules);
export const updateOptionGroupSchema = z
  .object({
    groupId: idSchema,
    /** The group as the form drew it (lib/owner/options.ts groupFormVersion); absent, the save overwrites whatever is. */
    version: formVersion,
    ...optionGroupFields,
  })
  .superRefine(groupRules);
export const optionGroupIdSchema = z.object({ groupId: idSchema });
export const choiceAvailabilitySchema = z.object({ choiceId: idSchema, available: checkbox });
export type OptionGroupFields = Omit<z.infer<typeof createOptionGroupSchema>, "itemId">;
