"use client";

import Link from "next/link";

import type { OrderStatus } from "@/db/schema";

import { StatusBadge } from "./status-badge";

/** One order of a list, already put into words on the server (./order-row.tsx). */
export type OrderListRow = {
  id: number;
  title: string;
  /** ISO 8601, for <time datetime>. */
  placedAt: string;
  placed: string;
  status: OrderStatus;
  total: string;
  summary: string;
};

/**
 * A list of orders: a link to each, when, its status and total, and what was in it in one line ("2 × Ramen ·
 * 1 × Gyoza"). A client component although it has no state: the page sends it these rows as data, about a third
 * of the bytes the same rows cost as a server-rendered element tree in the RSC payload, which repeats the HTML for
 * the client router (issue 8: the profile under 40 KB for any customer; docs/benchmarks.md). The HTML is the same.
 * Styles are the named utilities row-head, row-meta and row-note (app/globals.css); tests find rows as the list
 * items of `testId`.
 */
export function OrderList({ rows, testId }: { rows: OrderListRow[]; testId: string }) {
  return (
    <ol className="space-y-3" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.id} className="card">
          <div className="row-head">
            <Link href={`/orders/${row.id}`}>{row.title}</Link>
            <span className="row-meta">
              <time dateTime={row.placedAt}>{row.placed}</time>
              <StatusBadge status={row.status} />
              <strong>{row.total}</strong>
            </span>
          </div>
          <p className="row-note">{row.summary}</p>
        </li>
      ))}
    </ol>
  );
}
