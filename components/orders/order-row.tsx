import Link from "next/link";

import type { OrderStatus } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { Time } from "@/components/ui/local-time";

import { StatusBadge } from "./status-badge";

export type OrderRowData = {
  id: number;
  status: OrderStatus;
  totalCents: number;
  placedAt: Date;
  restaurant: { name: string };
  lines: {
    id: number;
    name: string;
    quantity: number;
    options?: { choiceName: string }[];
    instructions?: string;
  }[];
};

/** "2 × Pizza (Large, Cheese; note: no basil)": a line's options in a few words, to fit a row. */
function lineText(line: OrderRowData["lines"][number]) {
  const details = [
    (line.options ?? []).map((o) => o.choiceName).join(", "),
    line.instructions ? `note: ${line.instructions}` : "",
  ].filter(Boolean);
  return `${line.quantity} × ${line.name}${details.length > 0 ? ` (${details.join("; ")})` : ""}`;
}

/**
 * One order in a list (the profile's recent orders, the purchase history): a link to the order, when, its status
 * and total, and what was in it in one line ("2 × Ramen · 1 × Gyoza"). Prices per line are on the order's own
 * page; a list of 20 orders does not repeat a table for each. Styles are the named utilities row-head and
 * row-meta (app/globals.css), so each row carries short class names. The list reads the viewer's time zone once
 * and passes it to every row; tests find the rows as list items of the list's test id, not one id per row.
 */
export function OrderRow({ order, zone }: { order: OrderRowData; zone: string }) {
  return (
    <li className="card">
      <div className="row-head">
        {/* One text node: JSX's pieces would each be a separate node in the HTML and in the RSC payload. */}
        <Link href={`/orders/${order.id}`}>{`Order #${order.id} · ${order.restaurant.name}`}</Link>
        <span className="row-meta">
          <Time date={order.placedAt} zone={zone} />
          <StatusBadge status={order.status} />
          <strong>{formatCents(order.totalCents)}</strong>
        </span>
      </div>
      <p className="row-note">{order.lines.map(lineText).join(" · ")}</p>
    </li>
  );
}
