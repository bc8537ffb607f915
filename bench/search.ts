/**
 * npm run bench:search: the home page's search (lib/restaurants/search.ts) on the catalogue size issue 11 names,
 * 200 restaurants and 10,000 dishes (db/seed/search-catalogue.ts), after ANALYZE, in a database of its own
 * (platter_bench_search on DATABASE_URL's server). Times the app's own function, one statement per call: median and
 * 95th percentile over 200 calls per query, after 20 warm-up calls. A search that finds nothing runs its
 * did-you-mean statement too (lib/restaurants/suggest.ts), timed with it. Markdown on stdout.
 */
import os from "node:os";

import { connectPostgres, migratePostgres, setDatabase } from "@/db/client";
import { databaseUrl, recreateDatabase } from "@/db/postgres-admin";
import { insertSearchCatalogue } from "@/db/seed/search-catalogue";
import { browseRestaurants, type RestaurantFilters } from "@/lib/restaurants/queries";
import { suggestSwappedQuery } from "@/lib/restaurants/suggest";
import { swappedLetterVariants } from "@/lib/restaurants/swaps";

import { median, p95, redactUrl } from "./subjects";

const base = process.env.DATABASE_URL;
if (!base) throw new Error("bench:search needs DATABASE_URL (a PostgreSQL server; it creates platter_bench_search)");
const url = databaseUrl(base, "platter_bench_search");
await recreateDatabase(base, "platter_bench_search");
const handle = await connectPostgres(url, { max: 2 });
setDatabase(handle);
await migratePostgres(handle.db);
await insertSearchCatalogue(handle.db);
await handle.db.execute("vacuum analyze");

const CASES: { q: string; filters?: RestaurantFilters; what: string }[] = [
  { q: "sushi", what: "a dish on many menus" },
  { q: "pizzza", what: "a typo" },
  { q: "creme ramen", what: "accents, two words" },
  { q: "pad thai", what: "a two-word dish" },
  { q: "kitchen 042", what: "a restaurant's name" },
  { q: "zzqxv", what: "nothing matches (then did-you-mean: 3 swaps, none found)" },
  { q: "suhsi", what: "swapped letters (nothing, then did-you-mean finds the 3rd swap)" },
  { q: "psata", what: "swapped letters (nothing, then did-you-mean finds the 2nd swap)" },
  { q: "qwzxv bnjkl ptmrd", what: "nothing matches, 12 swaps tried (the cap)" },
  { q: "a", what: "one letter" },
  { q: "ph", what: "two letters" },
  { q: "sushi", filters: { cuisine: "Japanese", openNow: true }, what: "with cuisine and open-now filters" },
];
const WARM_UP = 20;
const RUNS = 200;

console.log(
  `Search over 200 restaurants and 10,000 dishes, PostgreSQL ${redactUrl(url)}, ${os.cpus().length} cores.\n`,
);
console.log("| query | case | results on the page | median ms | p95 ms |");
console.log("|---|---|---|---|---|");
for (const { q, filters, what } of CASES) {
  const times: number[] = [];
  let found = "";
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = performance.now();
    const page = await browseRestaurants({ q, filters });
    const ms = performance.now() - start;
    found = `${page.restaurants.length}${page.suggestion ? `, did you mean “${page.suggestion}”` : ""}`;
    if (i >= WARM_UP) times.push(ms);
  }
  console.log(`| \`${q}\` | ${what} | ${found} | ${median(times).toFixed(2)} | ${p95(times).toFixed(2)} |`);
}

// The did-you-mean statement alone (lib/restaurants/suggest.ts), without the search before it.
console.log("\n| did-you-mean alone | swaps | suggestion | median ms | p95 ms |");
console.log("|---|---|---|---|---|");
for (const q of ["zzqxv", "suhsi", "psata", "qwzxv bnjkl ptmrd"]) {
  const times: number[] = [];
  let suggestion: string | undefined;
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = performance.now();
    suggestion = await suggestSwappedQuery(handle.db, q, undefined);
    const ms = performance.now() - start;
    if (i >= WARM_UP) times.push(ms);
  }
  const swaps = swappedLetterVariants(q).length;
  console.log(
    `| \`${q}\` | ${swaps} | ${suggestion ?? "none"} | ${median(times).toFixed(2)} | ${p95(times).toFixed(2)} |`,
  );
}
await handle.close();
