import { and, eq, inArray } from "drizzle-orm";

import { menuItems, menuOptionChoices, menuOptionGroups, restaurants } from "../schema";
import type { Executor } from "../types";

type DemoGroup = {
  name: string;
  required: boolean;
  minChoices: number;
  maxChoices: number;
  choices: readonly (readonly [name: string, priceDeltaCents: number])[];
};

/**
 * Option groups of a few demo items, by restaurant slug and item name. Added after the menus so that the seeded
 * orders (drawn from the items) stay the same; those orders carry no options, as if placed before options existed.
 */
export const DEMO_OPTIONS: readonly { restaurant: string; item: string; groups: readonly DemoGroup[] }[] = [
  {
    restaurant: "trattoria-luce",
    item: "Tagliatelle al ragù",
    groups: [
      {
        name: "Size",
        required: true,
        minChoices: 1,
        maxChoices: 1,
        choices: [
          ["Regular", 0],
          ["Large", 200],
        ],
      },
      {
        name: "Extras",
        required: false,
        minChoices: 0,
        maxChoices: 3,
        choices: [
          ["Extra parmesan", 75],
          ["Chili flakes", 0],
          ["Burrata", 350],
        ],
      },
    ],
  },
  {
    restaurant: "trattoria-luce",
    item: "Lasagne",
    groups: [
      {
        name: "Side",
        required: false,
        minChoices: 0,
        maxChoices: 1,
        choices: [
          ["Green salad", 300],
          ["Garlic bread", 250],
        ],
      },
    ],
  },
];

export async function insertDemoOptions(db: Executor) {
  for (const { restaurant, item, groups } of DEMO_OPTIONS) {
    const [found] = await db
      .select({ id: menuItems.id })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .where(and(eq(restaurants.slug, restaurant), inArray(menuItems.name, [item])));
    if (!found) continue;
    for (const [position, group] of groups.entries()) {
      const [created] = await db
        .insert(menuOptionGroups)
        .values({
          menuItemId: found.id,
          name: group.name,
          required: group.required,
          minChoices: group.minChoices,
          maxChoices: group.maxChoices,
          position,
        })
        .returning({ id: menuOptionGroups.id });
      await db.insert(menuOptionChoices).values(
        group.choices.map(([name, priceDeltaCents], i) => ({
          groupId: created!.id,
          name,
          priceDeltaCents,
          position: i,
        })),
      );
    }
  }
}
