import { z } from "zod";
import { exportOrdersCsv } from "@/lib/admin/export";
import { orderRangeSchema } from "@/lib/admin/schema";
import { getViewer } from "@/lib/auth/session";

// /admin/export/orders?from=YYYY-MM-DD&to=YYYY-MM-DD. Checks the role itself: non-admins get a 404.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return new Response("Not found", { status: 404 });
  const { searchParams } = new URL(request.url);
  const range = orderRangeSchema.safeParse({ from: searchParams.get("from"), to: searchParams.get("to") });
  if (!range.success) {
    const messages = Object.entries(z.flattenError(range.error).fieldErrors).map(([field, errors]) => `${field}: ${errors?.join(" ")}`);
    return new Response(`Bad date range. ${messages.join("; ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return exportOrdersCsv({ viewer, range: range.data });
}
