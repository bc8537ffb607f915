/**
 * How big a scale data set is and how its orders are shared out. Pure arithmetic, no randomness: the same
 * `orders` always gives the same sizes and the same per-customer counts.
 */

/** The production ratios the shape is built from: 1,000,000 orders, 20,000 customers, 200 restaurants. */
const ORDERS_PER_CUSTOMER = 50;
const ORDERS_PER_RESTAURANT = 5_000;
// Small runs still need a browsable world: enough restaurants for a home page, enough customers for a median.
const MIN_CUSTOMERS = 20;
const MIN_RESTAURANTS = 20;

/** Every scale restaurant delivers for this fee, and the seeded deliveries (every fourth order) snapshot it. */
export const SCALE_DELIVERY_FEE_CENTS = 299;

export type ScaleSizes = { customers: number; restaurants: number };

export function scaleSizes(orders: number): ScaleSizes {
  if (!Number.isInteger(orders) || orders < 1)
    throw new RangeError(`a scale seed needs at least one order, got ${orders}`);
  return {
    // Never more customers than orders: every customer has at least one.
    customers: Math.min(orders, Math.max(MIN_CUSTOMERS, Math.round(orders / ORDERS_PER_CUSTOMER))),
    restaurants: Math.max(MIN_RESTAURANTS, Math.round(orders / ORDERS_PER_RESTAURANT)),
  };
}

/*
 * Orders per customer: a few accounts that order for whole offices ("whales") on top of a Pareto-shaped crowd.
 * A plain Zipf law cannot give both at once: at 1M orders and 20,000 customers, a Zipf that gives three
 * customers 100,000+ orders leaves the median with one or two. So the three whales take fixed shares, and the
 * crowd follows the quantiles of a shifted Pareto (Lomax, alpha 1.6, floor 0.5): at 1M orders the median customer
 * has 15 orders, one in ten has 50+, the crowd's head about 10,000 and the quietest a handful.
 *
 * The top share shrinks slowly as the data set grows (30% at 20,000 orders, 16% at 1M) and the second and third
 * whales only reach their full size on big runs: at 20,000 orders the top customer still has thousands of
 * orders to page through while the crowd keeps tens each; at 1M three customers pass 100,000.
 */
const TOP_SHARE_AT_20K = 0.3;
const TOP_SHARE_DECAY = 0.16;
const RUNNER_UP_RATIOS = [0.8, 0.68];
const PARETO_ALPHA = 1.6;
const PARETO_FLOOR = 0.5;

function whaleShares(orders: number, customers: number): number[] {
  if (customers < 2) return [];
  const top = Math.min(0.4, Math.max(0.1, TOP_SHARE_AT_20K * (20_000 / orders) ** TOP_SHARE_DECAY));
  if (customers < 30) return [top];
  // How grown-up the runners-up are: a quarter of their full size up to about 9,500 orders, all of it from 1M.
  const growth = Math.min(1, Math.max(0.25, Math.log(orders / 2_000) / Math.log(500)));
  return [top, ...RUNNER_UP_RATIOS.map((ratio) => top * ratio * growth)];
}

/**
 * Orders per customer, biggest first, summing to exactly `orders`; every customer has at least one.
 * Index 0 is customer 1 (the biggest whale).
 */
export function orderCounts(orders: number, customers: number): Int32Array {
  if (customers < 1 || customers > orders)
    throw new RangeError(`cannot share ${orders} orders among ${customers} customers`);
  const extra = orders - customers;
  const whales = whaleShares(orders, customers);
  const crowd = customers - whales.length;
  const crowdExtra = extra * (1 - whales.reduce((a, b) => a + b, 0));
  const weights = Array.from(
    { length: crowd },
    (_, i) => ((i + 0.5) / crowd) ** (-1 / PARETO_ALPHA) - 1 + PARETO_FLOOR,
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const targets = [...whales.map((share) => share * extra), ...weights.map((w) => (crowdExtra * w) / weightSum)];

  // Largest remainder rounding: floors first, then the biggest fractions get the leftover orders.
  const counts = new Int32Array(customers);
  let assigned = 0;
  for (let i = 0; i < customers; i++) {
    counts[i] = 1 + Math.floor(targets[i]!);
    assigned += counts[i]!;
  }
  const byFraction = targets.map((t, i) => [t - Math.floor(t), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; assigned < orders; k++, assigned++) counts[byFraction[k % customers]![1]]! += 1;
  // On tiny runs the crowd's head can outgrow a whale: customer 1 must be the biggest whatever the size.
  return counts.sort().reverse();
}
