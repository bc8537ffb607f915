import type { RevenueByMonth } from "@/lib/admin/revenue";
import { formatCents } from "@/lib/money";
import { counted } from "@/lib/words";

// One hue per restaurant the chart names (CHART_RESTAURANTS), and grey for all the others together.
const OTHERS_COLOR = "#475569";
const COLORS = ["#c2410c", "#0369a1", "#15803d", "#7e22ce", "#b45309", "#be123c", "#0f766e", "#4338ca", "#a16207"];

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 16, right: 8, bottom: 28, left: 72 };

/**
 * Stacked monthly bars drawn on the server (no chart library, no client JavaScript): one colour for each of the
 * highest-earning restaurants, and one for all the others, so that the chart stays ten series at any scale.
 */
export function RevenueChart({ data }: { data: RevenueByMonth }) {
  const monthTotals = data.monthTotalsCents;
  const series = [
    ...data.chart.restaurants.map((r, j) => ({
      key: String(r.restaurantId),
      name: r.name,
      color: COLORS[j % COLORS.length]!,
      cents: data.months.map((m) => r.byMonth[m]?.revenueCents ?? 0),
    })),
    ...(data.chart.otherCount > 0
      ? [
          {
            key: "others",
            color: OTHERS_COLOR,
            name: counted(data.chart.otherCount, "other restaurant", "other restaurants"),
            cents: data.chart.otherCents,
          },
        ]
      : []),
  ];
  const max = Math.max(1, ...monthTotals);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / data.months.length;
  const barW = slot * 0.7;
  const y = (cents: number) => (cents / max) * plotH;
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  return (
    <figure className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="revenue-chart-title"
        className="h-auto w-full"
      >
        <title id="revenue-chart-title">Revenue by month, stacked by restaurant</title>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={PAD.top + plotH - y(t)}
              y2={PAD.top + plotH - y(t)}
              stroke="#e7e5e4"
            />
            <text x={PAD.left - 6} y={PAD.top + plotH - y(t) + 4} textAnchor="end" fontSize="11" fill="#78716c">
              {formatCents(t).replace(/\.\d\d$/, "")}
            </text>
          </g>
        ))}
        {data.months.map((month, i) => {
          let base = PAD.top + plotH;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={month}>
              {series.map((s) => {
                const cents = s.cents[i] ?? 0;
                if (cents === 0) return null;
                const h = y(cents);
                base -= h;
                return (
                  <rect key={s.key} x={x} y={base} width={barW} height={h} fill={s.color}>
                    <title>{`${s.name}, ${month}: ${formatCents(cents)}`}</title>
                  </rect>
                );
              })}
              <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="11" fill="#78716c">
                {month.slice(2)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
