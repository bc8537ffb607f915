import { z } from "zod";

import { exportOrdersCsv } from "@/lib/admin/export";
import { orderRangeSchema } from "@/lib/admin/schema";
import { getViewer } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/time-zone";

/** Where the export's form is (the revenue page): a browser sent back there sees each date's message next to it. */
const FORM_PAGE = "/admin/revenue";

// /admin/export/orders?from=YYYY-MM-DD&to=YYYY-MM-DD, days of the admin's own zone (the page's). Checks the role
// itself: non-admins get a 404. A bad range exports and records nothing.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return new Response("Not found", { status: 404 });
  const { searchParams } = new URL(request.url);
  // A repeated parameter is refused (an array is not a date) rather than silently taking one of the values.
  const param = (name: string) =>
    searchParams.getAll(name).length > 1 ? searchParams.getAll(name) : searchParams.get(name);
  const range = orderRangeSchema.safeParse({ from: param("from"), to: param("to") });
  // A browser's navigation (the form's submit, an address opened) goes back to the form, the dates as given, where
  // the page shows what is wrong with them: a bare text/plain 400 was a blank page with one line. Scripts, which
  // send no Sec-Fetch-Mode, keep the 400 they rely on.
  if (!range.success && request.headers.get("sec-fetch-mode") === "navigate") {
    const back = new URLSearchParams();
    for (const name of ["from", "to"]) for (const value of searchParams.getAll(name)) back.append(name, value);
    return new Response(null, { status: 303, headers: { Location: `${FORM_PAGE}?${back}#orders-export` } });
  }
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
