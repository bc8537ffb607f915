import type { OrderStatus } from "@/db/schema";

const styles: Record<OrderStatus, string> = {
  placed: "bg-sky-50 text-sky-700 ring-sky-200",
  preparing: "bg-amber-50 text-amber-800 ring-amber-200",
  ready: "bg-violet-50 text-violet-700 ring-violet-200",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  cancelled: "bg-stone-100 text-stone-500 ring-stone-200 line-through",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`badge ${styles[status]}`}>{status}</span>
  );
}
