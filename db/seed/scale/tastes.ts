/**
 * Where each customer orders from. Restaurants have a Zipf-shaped popularity; each customer has a few "home"
 * restaurants drawn from it (more for customers who order more: an office account feeds many teams) and places
 * most orders there, so a restaurant's customers are loyal regulars plus a trickle of everyone else.
 */
import type { Random } from "../random";

const POPULARITY_EXPONENT = 0.9;
const HOME_SHARE = 0.8;

/** Index of the first cumulative weight above `target` (weights are positive, `cumulative` ascending). */
function search(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function createTastes(counts: Int32Array, restaurants: number, random: Random) {
  // Popularity rank k gets weight 1/(k+1)^s; which restaurant holds which rank is shuffled.
  const rankOf = Array.from({ length: restaurants }, (_, i) => i);
  for (let i = restaurants - 1; i > 0; i--) {
    const j = random.int(0, i);
    [rankOf[i], rankOf[j]] = [rankOf[j]!, rankOf[i]!];
  }
  const cumulative = new Float64Array(restaurants);
  let total = 0;
  for (let r = 0; r < restaurants; r++) {
    total += 1 / (rankOf[r]! + 1) ** POPULARITY_EXPONENT;
    cumulative[r] = total;
  }
  const popular = () => search(cumulative, random.next() * total);

  // Three homes, plus one for every doubling of orders beyond 50; stored flat, customer c at homeStart[c].
  const homeStart = new Int32Array(counts.length + 1);
  for (let c = 0; c < counts.length; c++) {
    const homes = Math.min(restaurants, 3 + Math.max(0, Math.floor(Math.log2(counts[c]! / 50))));
    homeStart[c + 1] = homeStart[c]! + homes;
  }
  const homes = new Int32Array(homeStart[counts.length]!);
  for (let k = 0; k < homes.length; k++) homes[k] = popular();

  return {
    /** The restaurant (by index) of one order of customer `c`: mostly a home, the first home most of all. */
    pick(c: number): number {
      const u = random.next();
      if (u >= HOME_SHARE) return popular();
      const start = homeStart[c]!;
      const span = homeStart[c + 1]! - start;
      return homes[start + Math.floor(span * (u / HOME_SHARE) ** 2)]!;
    },
    /** A customer's favorites: their first one to three homes, without repeats. */
    favorites(c: number): number[] {
      const start = homeStart[c]!;
      const wanted = 1 + (c % 3);
      return [...new Set(homes.subarray(start, start + wanted))];
    },
  };
}
