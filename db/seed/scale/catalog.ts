/**
 * The scale seed's restaurants, planned in memory before anything is inserted: names, addresses, opening state
 * and a menu of 8 to 20 dishes drawn from the cuisine, priced at the restaurant's own level.
 */
import { slugify } from "../../slug";
import type { Random } from "../random";
import { CUISINES, DISTRICTS, STREETS } from "./cuisines";

export type PlannedRestaurant = {
  slug: string;
  name: string;
  cuisine: string;
  description: string;
  address: string;
  isOpen: boolean;
  categories: string[];
  /** In menu order; `category` indexes `categories`, `position` counts within the category. */
  items: { category: number; position: number; name: string; priceCents: number }[];
};

// Kinds that read before the name ("Trattoria Luce"); the rest follow it ("Saigon Kitchen").
const LEADING_KINDS = new Set([
  "Trattoria",
  "Osteria",
  "Pizzeria",
  "Cucina",
  "Taquería",
  "Cantina",
  "Cocina",
  "Taverna",
]);
// One restaurant in twelve is closed (the 12th, the 24th, ...): even a small run has one to show.
const CLOSED_EVERY = 12;

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function planRestaurants(count: number, random: Random): PlannedRestaurant[] {
  const usedNames = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const cuisine = random.pick(CUISINES);
    const kind = random.pick(cuisine.kinds);
    const base = random.pick(cuisine.names);
    const district = random.pick(DISTRICTS);
    let name = LEADING_KINDS.has(kind) ? `${kind} ${base}` : `${base} ${kind}`;
    // Past a few hundred restaurants names repeat, as branches do: the district tells them apart.
    if (usedNames.has(name)) name = `${name} ${district}`;
    usedNames.add(name);

    // Each restaurant is cheaper or dearer than the cuisine's list; prices end in 45 or 95 cents.
    const level = 0.85 + random.next() * 0.45;
    const wanted = random.int(
      8,
      Math.min(
        20,
        cuisine.menu.reduce((n, c) => n + c.dishes.length, 0),
      ),
    );
    const chosen = new Set(
      shuffled(
        cuisine.menu.flatMap((c) => c.dishes.map((dish) => dish[0])),
        random,
      ).slice(0, wanted),
    );
    const categories: string[] = [];
    const items: PlannedRestaurant["items"] = [];
    for (const { category, dishes } of cuisine.menu) {
      const kept = dishes.filter(([dish]) => chosen.has(dish));
      if (kept.length === 0) continue;
      categories.push(category);
      kept.forEach(([dish, cents], position) => {
        items.push({
          category: categories.length - 1,
          position,
          name: dish,
          priceCents: Math.max(95, Math.round((cents * level) / 50) * 50 - 5),
        });
      });
    }
    return {
      // The running number keeps slugs unique among themselves and apart from the demo's (which have none).
      slug: `${slugify(name)}-${index + 1}`,
      name,
      cuisine: cuisine.cuisine,
      description: cuisine.blurb,
      address: `${random.int(1, 400)} ${random.pick(STREETS)}, ${district}`,
      isOpen: (index + 1) % CLOSED_EVERY !== 0,
      categories,
      items,
    };
  });
}
