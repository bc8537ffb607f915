import type { OrderStatus } from "@/db/schema";

// Written out in full so that Tailwind finds each name; the colours live in app/globals.css (short names,
// because lists repeat a badge per row).
const styles: Record<OrderStatus, string> = {
  placed: "badge badge-placed",
  preparing: "badge badge-preparing",
  ready: "badge badge-ready",
  completed: "badge badge-completed",
  cancelled: "badge badge-cancelled",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={styles[status]}>{status}</span>;
}
