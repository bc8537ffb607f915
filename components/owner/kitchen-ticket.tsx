import type { KitchenTicket as Ticket } from "@/lib/owner/ticket";
import { counted } from "@/lib/words";
import { LineOptions } from "@/components/orders/line-options";
import { Time } from "@/components/ui/local-time";
import { Money } from "@/components/ui/money";

const ticketClass =
  "mx-auto max-w-sm rounded-xl bg-white p-5 font-mono text-stone-950 shadow-sm ring-1 ring-stone-300 " +
  "print:m-0 print:max-w-[72mm] print:rounded-none print:p-0 print:text-black print:shadow-none print:ring-0";

/**
 * A kitchen ticket: what the kitchen needs, largest first (quantities, dish names), then who and when. On paper
 * (print: variants) it is black on white, without the page around it, and about 72 mm of text wide: 80 mm receipt
 * printers print that much, and a wider sheet prints it as is.
 */
export function KitchenTicket({ ticket }: { ticket: Ticket }) {
  const items = ticket.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <article aria-labelledby="ticket-heading" className={ticketClass} data-testid="kitchen-ticket">
      <header className="border-b-2 border-dashed border-stone-950 pb-2 print:border-black">
        <p className="text-sm">{ticket.restaurant.name}</p>
        <h1 id="ticket-heading" className="text-3xl font-bold">
          Order #{ticket.id}
        </h1>
        <p className="text-sm">
          {/* The kitchen's clock: the restaurant's zone, whoever prints the ticket and wherever. */}
          <Time date={ticket.placedAt} zone={ticket.restaurant.timeZone} />
        </p>
        <p className="text-lg font-semibold">{ticket.customer.displayName}</p>
        <p className="text-sm">
          Status: <span className="font-bold uppercase">{ticket.status}</span>
        </p>
        <p className="text-lg font-bold" data-testid="ticket-fulfilment">
          {ticket.fulfilment === "delivery" ? `DELIVERY to ${ticket.deliveryAddress}` : "PICKUP"}
        </p>
        {ticket.note ? <p className="text-base italic">Note: {ticket.note}</p> : null}
      </header>
      <table className="my-2 w-full border-collapse">
        <caption className="sr-only">Dishes and quantities</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col">Dish</th>
            <th scope="col">Price each</th>
          </tr>
        </thead>
        <tbody>
          {ticket.lines.map((line) => (
            <tr
              key={line.id}
              className="border-b border-dotted border-stone-950 align-top print:border-black"
              data-testid="ticket-line"
            >
              <td className="py-1 pr-3 text-3xl font-bold tabular-nums">{line.quantity}×</td>
              <th scope="row" className="py-1 text-left text-xl font-semibold break-words">
                {line.name}
                <LineOptions
                  options={line.options}
                  instructions={line.instructions ?? undefined}
                  className="text-sm font-normal text-stone-950 print:text-black"
                />
              </th>
              <td className="py-1 pl-2 text-right text-sm">
                <Money cents={line.unitPriceCents} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ticket.deliveryFeeCents > 0 ? (
        <p className="flex justify-between text-sm" data-testid="ticket-delivery-fee">
          <span>Delivery fee</span>
          <Money cents={ticket.deliveryFeeCents} />
        </p>
      ) : null}
      <p className="flex justify-between text-sm">
        <span>{counted(items, "item", "items")}</span>
        <span>
          Total <Money cents={ticket.totalCents} className="font-bold" />
        </span>
      </p>
    </article>
  );
}
