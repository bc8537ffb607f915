import { orderStreamResponse } from "@/lib/live/request";

// Server-Sent Events of an owner's queue or a customer's order (decision 0015); never cached, never prerendered.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return orderStreamResponse(request);
}
