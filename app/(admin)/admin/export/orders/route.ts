import { z } from "zod";

import { exportOrdersCsv } from "@/lib/admin/export";
import { orderRangeSchema } from "@/lib/admin/schema";
import { getViewer } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/time-zone";

// /admin/export/orders?from=YYYY-MM-DD&to=YYYY-MM-DD, days of the admin's own zone (the page's). Checks the role
// itself: non-admins get a 404.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return new Response("Not found", { status: 404 });
  const { searchParams } = new URL(request.url);
  // A repeated parameter is refused (an array is not a date) rather than silently taking one of the values.
  const param = (name: string) =>
    searchParams.getAll(name).length > 1 ? searchParams.getAll(name) : searchParams.get(name);
  const range = orderRangeSchema.safeParse({ from: param("from"), to: param("to") });
  if (!range.success) {
    const messages = Object.entries(z.flattenError(range.error).fieldErrors).map(
      ([field, errors]) => `${field}: ${errors?.join(" ")}`,
    );
    return new Response(`Bad date range. ${messages.join("; ")}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return exportOrdersCsv({ viewer, range: range.data, zone: await viewerTimeZone() });
}
