/**
 * When the scale seed's orders were placed: three years ending at the anchor, busier at lunch and dinner,
 * on weekends and as the business grows, and handed out in time order so that order ids rise with placed_at
 * as they do in production (the planner sees the same physical correlation as on a real orders table).
 */
import type { Random } from "../random";

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
export const SPAN_DAYS = 3 * 365;

/**
 * The instant the data set ends: midnight UTC starting the day of `now`. Tying it to the day rather than to the
 * second makes reruns on the same day produce identical rows, and nothing is ever placed in the future. The
 * price: the current UTC day itself has no orders; yesterday and every day before it do.
 */
export const anchorOf = (now: Date) => Math.floor(now.getTime() / DAY_MS) * DAY_MS;

// Relative order volume per UTC hour of the day: quiet nights, a lunch peak and a bigger dinner peak.
const HOUR_WEIGHTS = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1, 1, 1.4, 2.6, 3.2, 2.4, 1.4, 1.1, 1.5, 2.6, 3.4, 3.2, 2.4, 1.5, 0.9, 0.5,
];
// Sunday first, as Date#getUTCDay counts: busier Friday to Sunday.
const WEEKDAY_WEIGHTS = [1.1, 0.9, 0.9, 0.95, 1, 1.2, 1.3];
// Three years ago the platform took a third of today's volume.
const GROWTH = 2;

/**
 * Returns a clock whose successive calls give the placed_at (epoch ms) of orders 0, 1, ..., total - 1,
 * never decreasing. Order j lands at quantile (j + u) / total of the volume curve with u uniform in [0, 1):
 * stratified sampling, so times are sorted without storing or sorting them, and still jittered.
 */
export function orderClock(anchor: number, total: number, random: Random) {
  const start = anchor - SPAN_DAYS * DAY_MS;
  const hours = SPAN_DAYS * 24;
  const cumulative = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++) {
    const at = new Date(start + h * HOUR_MS);
    const weight = (1 + (GROWTH * h) / hours) * HOUR_WEIGHTS[at.getUTCHours()]! * WEEKDAY_WEIGHTS[at.getUTCDay()]!;
    cumulative[h + 1] = cumulative[h]! + weight;
  }
  const volume = cumulative[hours]!;
  let hour = 0;
  let j = 0;
  return () => {
    const target = ((Math.min(j++, total - 1) + random.next()) / total) * volume;
    while (hour < hours - 1 && cumulative[hour + 1]! <= target) hour++;
    const within = (target - cumulative[hour]!) / (cumulative[hour + 1]! - cumulative[hour]!);
    return start + hour * HOUR_MS + Math.min(HOUR_MS - 1, Math.floor(within * HOUR_MS));
  };
}
