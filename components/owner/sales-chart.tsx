import { formatCents } from "@/lib/money";
import type { SalesDay } from "@/lib/owner/sales";
import { counted } from "@/lib/words";

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/**
 * Revenue per day as server-rendered SVG bars: no client JavaScript. The table below it carries the same numbers
 * for screen readers, so the picture itself is one labelled image with a title per bar for pointer users.
 */
export function SalesChart({ days }: { days: SalesDay[] }) {
  const max = Math.max(1, ...days.map((d) => d.revenueCents));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, step * 0.7);
  // About eight day labels, whatever the range (every fifth day of a month; one in 46 of a year), so that they
  // never overlap; the last day is labelled when it is not too close to the one before.
  const every = Math.max(5, Math.ceil(days.length / 8));
  const best = days.reduce<SalesDay | undefined>(
    (top, d) => (!top || d.revenueCents > top.revenueCents ? d : top),
    undefined,
  );
  const label =
    best && best.revenueCents > 0
      ? `Revenue per day; best day ${best.day} with ${formatCents(best.revenueCents)}`
      : "Revenue per day: no sales in this period";
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      className="h-auto w-full"
      data-testid="sales-chart"
    >
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={PAD.top + plotHeight}
        y2={PAD.top + plotHeight}
        className="stroke-stone-300"
      />
      {days.map((d, i) => {
        const labelled = i % every === 0 || (i === days.length - 1 && i % every >= every / 2);
        const height = (d.revenueCents / max) * plotHeight;
        const x = PAD.left + i * step + (step - barWidth) / 2;
        return (
          <g key={d.day}>
            <rect
              x={x}
              y={PAD.top + plotHeight - height}
              width={barWidth}
              height={height}
              rx={2}
              className="fill-brand-600"
            >
              <title>{`${d.day}: ${formatCents(d.revenueCents)}, ${counted(d.orders, "order", "orders")}`}</title>
            </rect>
            {labelled ? (
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-stone-500 text-[10px]">
                {shortDay(d.day)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
