import type { OrderStatus } from "@/db/schema";
import { LocalTime } from "@/components/ui/local-time";

type Event = { id: number; toStatus: OrderStatus; reason: string | null; createdAt: Date };
const STEPS: OrderStatus[] = ["placed", "preparing", "ready", "completed"];

/**
 * Each step of the lifecycle with the time it was reached, the ones still to come in grey; a cancelled order shows
 * only the steps it reached, then where it stopped and why (steps it will never reach are not "to come").
 */
export function StatusTimeline({ events }: { events: Event[] }) {
  const reached = new Map(events.map((e) => [e.toStatus, e]));
  const cancelled = reached.get("cancelled");
  const steps = cancelled ? STEPS.filter((step) => reached.has(step)) : STEPS;
  return (
    <ol className="space-y-2" aria-label="Order status">
      {steps.map((step) => {
        const event = reached.get(step);
        return (
          <li key={step} className="flex items-center gap-3 text-sm">
            <span aria-hidden className={`h-3 w-3 rounded-full ${event ? "bg-emerald-600" : "bg-stone-300"}`} />
            <span className={`capitalize ${event ? "font-medium" : "text-stone-600"}`}>{step}</span>
            {event ? (
              <time dateTime={event.createdAt.toISOString()} className="text-stone-500">
                <LocalTime date={event.createdAt} />
              </time>
            ) : null}
          </li>
        );
      })}
      {cancelled ? (
        <li className="flex items-center gap-3 text-sm">
          <span aria-hidden className="h-3 w-3 rounded-full bg-red-600" />
          <span className="font-medium text-red-700">Cancelled</span>
          <time dateTime={cancelled.createdAt.toISOString()} className="text-stone-500">
            <LocalTime date={cancelled.createdAt} />
          </time>
          {cancelled.reason ? <span className="text-stone-600">— {cancelled.reason}</span> : null}
        </li>
      ) : null}
    </ol>
  );
}
