/**
 * The scale seed's orders as rows, generated a chunk at a time in time order. Pure computation: the database
 * only appears as the ids handed in, so the same plan and generator give the same rows on any driver.
 */
import { OPEN_STATUSES, orderTotalCents, type OrderStatus } from "../../schema";
import type { Random } from "../random";
import { DAY_MS, orderClock } from "./calendar";
import type { Menu } from "./restaurants";
import { SCALE_DELIVERY_FEE_CENTS } from "./shape";
import type { createTastes } from "./tastes";

const CANCELLED_SHARE = 0.05;
// Lines per order 1..5 and quantities 1..3, as cumulative probabilities: mostly one or two of each.
const LINE_COUNTS = [0.28, 0.58, 0.8, 0.92, 1];
const QUANTITIES = [0.72, 0.93, 1];
// Menus get dearer: a dish cost 4% less for every year back, and that older price is what its lines snapshot.
const YEARLY_PRICE_RISE = 0.04;
/** How many status steps after 'placed' each final status took (db/seed/orders.ts's paths). */
export const LAST_STEP: Record<OrderStatus, number> = { placed: 0, preparing: 1, ready: 2, completed: 3, cancelled: 1 };
export const STEP_MS = 4 * 60_000;
// Every DELIVERY_EVERY-th order is a delivery, at the fee every scale restaurant charges.
const DELIVERY_EVERY = 4;

const draw = (cumulative: number[], u: number) => cumulative.findIndex((p) => u < p);

export type OrderPlan = {
  counts: Int32Array;
  customerIds: number[];
  restaurantIds: number[];
  isOpen: boolean[];
  menus: Menu[];
  tastes: ReturnType<typeof createTastes>;
  anchor: number;
};

export type OrderChunk = {
  orders: {
    id: number[];
    customer: number[];
    restaurant: number[];
    status: OrderStatus[];
    total: number[];
    /** "pickup" or "delivery"; the fee and the address text ("" for a pickup, stored as null). */
    fulfilment: string[];
    fee: number[];
    address: string[];
    key: string[];
    placed: number[];
    updated: number[];
  };
  lines: { order: number[]; item: number[]; name: string[]; price: number[]; quantity: number[] };
};

export function createOrderRows(plan: OrderPlan, random: Random) {
  const total = plan.counts.reduce((a, b) => a + b, 0);
  // Who placed order j, for j in time order: each customer's orders are spread over the whole three years.
  // The only per-order state kept for the whole run: 4 bytes an order.
  const sequence = new Int32Array(total);
  for (let c = 0, j = 0; c < plan.counts.length; c++) sequence.fill(c, j, (j += plan.counts[c]!));
  for (let i = total - 1; i > 0; i--) {
    const k = random.int(0, i);
    [sequence[i], sequence[k]] = [sequence[k]!, sequence[i]!];
  }
  // Items by popularity, per restaurant: the first of the list is the best seller.
  const itemRank = plan.menus.map((menu) => {
    const order = menu.ids.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const k = random.int(0, i);
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    return order;
  });
  // The most recent orders are still open, so that owners' queues have something in them.
  const activeFrom = total - Math.min(300, Math.max(10, Math.round(total / 5_000)));
  const clock = orderClock(plan.anchor, total, random);
  const stats = { total, lines: 0, cancelled: 0, perRestaurant: new Int32Array(plan.restaurantIds.length) };

  /** Orders start .. start + ids.length - 1, with these ids. Must be called for consecutive ranges. */
  function chunk(start: number, ids: number[]): OrderChunk {
    const o: OrderChunk["orders"] = {
      id: ids,
      customer: [],
      restaurant: [],
      status: [],
      total: [],
      fulfilment: [],
      fee: [],
      address: [],
      key: [],
      placed: [],
      updated: [],
    };
    const l: OrderChunk["lines"] = { order: [], item: [], name: [], price: [], quantity: [] };
    for (let i = 0; i < ids.length; i++) {
      const j = start + i;
      const customer = sequence[j]!;
      const r = plan.tastes.pick(customer);
      const placedAt = clock();
      const menu = plan.menus[r]!;
      const rank = itemRank[r]!;
      const priceFactor = 1 - (YEARLY_PRICE_RISE * (plan.anchor - placedAt)) / (365 * DAY_MS);
      const wanted = Math.min(1 + draw(LINE_COUNTS, random.next()), menu.ids.length);
      const lines: { item: number; quantity: number; unitPriceCents: number }[] = [];
      while (lines.length < wanted) {
        // Skewed towards the best sellers; a repeat is drawn again (menus have at least 8 items).
        const item = rank[Math.floor(menu.ids.length * random.next() ** 1.6)]!;
        if (lines.some((line) => line.item === item)) continue;
        lines.push({
          item,
          quantity: 1 + draw(QUANTITIES, random.next()),
          unitPriceCents: Math.round((menu.prices[item]! * priceFactor) / 5) * 5,
        });
      }
      const status: OrderStatus =
        random.next() < CANCELLED_SHARE
          ? "cancelled"
          : j >= activeFrom && plan.isOpen[r]
            ? random.pick(OPEN_STATUSES)
            : "completed";
      for (const line of lines) {
        l.order.push(ids[i]!);
        l.item.push(menu.ids[line.item]!);
        l.name.push(menu.names[line.item]!);
        l.price.push(line.unitPriceCents);
        l.quantity.push(line.quantity);
      }
      o.customer.push(plan.customerIds[customer]!);
      o.restaurant.push(plan.restaurantIds[r]!);
      o.status.push(status);
      // By position, not drawn: the random stream (and so every other figure of the seed) stays as it was.
      const delivery = j % DELIVERY_EVERY === 0;
      const fee = delivery ? SCALE_DELIVERY_FEE_CENTS : 0;
      o.fulfilment.push(delivery ? "delivery" : "pickup");
      o.fee.push(fee);
      o.address.push(delivery ? `${(customer % 900) + 1} Scale Street, District ${(customer % 20) + 1}` : "");
      o.total.push(orderTotalCents(lines, fee));
      // Unique across the whole run, hence unique per customer as the schema asks.
      o.key.push(`scale-${String(j + 1).padStart(8, "0")}`);
      o.placed.push(placedAt);
      o.updated.push(placedAt + LAST_STEP[status] * STEP_MS);
      stats.perRestaurant[r]! += 1;
      if (status === "cancelled") stats.cancelled += 1;
    }
    stats.lines += l.order.length;
    return { orders: o, lines: l };
  }

  return { chunk, stats };
}
