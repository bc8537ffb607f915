import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { getKitchenTicket } from "@/lib/owner/ticket";
import { pathSlug, recordId } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { KitchenTicket } from "@/components/owner/kitchen-ticket";
import { PrintButton } from "@/components/owner/print-button";

const orderId = recordId();

export async function generateMetadata({ params }: PageProps<"/owner/[slug]/orders/[id]/ticket">): Promise<Metadata> {
  const { id } = await params;
  return orderId.safeParse(id).success ? { title: `Kitchen ticket #${id}` } : {};
}

/** The printable ticket of one order, for the owners of its restaurant only (anyone else: sign in, or a 404). */
export default async function KitchenTicketPage({ params }: PageProps<"/owner/[slug]/orders/[id]/ticket">) {
  const { slug, id } = await params;
  const parsedId = orderId.safeParse(id);
  if (!pathSlug.safeParse(slug).success || !parsedId.success) notFound();
  const viewer = await requireRole(OWNER_ROLES, `/owner/${slug}/orders/${id}/ticket`);
  const ticket = await getKitchenTicket({ viewer, slug, orderId: parsedId.data });
  if (!ticket) notFound();
  return (
    <>
      <nav aria-label="Ticket" className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/owner/${slug}/orders`} className="text-sm font-medium text-brand-700 hover:underline">
          ← Order queue
        </Link>
        <PrintButton />
      </nav>
      <KitchenTicket ticket={ticket} />
      <div className="print:hidden">
        <QueryStats />
      </div>
    </>
  );
}
