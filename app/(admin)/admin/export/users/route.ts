import { z } from "zod";

import { exportUsersCsv } from "@/lib/admin/export";
import { usersExportSchema } from "@/lib/admin/schema";
import { getViewer } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/time-zone";

// Route handlers get no layout and no page guard: each one checks the role itself. Non-admins get a 404.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return new Response("Not found", { status: 404 });
  const { searchParams } = new URL(request.url);
  // The file is in account order whatever the table's sort (see exportUsersCsv); only the search applies. A search
  // that cannot be used is a 400 before anything is recorded: dropping it would export everyone.
  const parsed = usersExportSchema.safeParse({
    q: searchParams.getAll("q").length > 1 ? searchParams.getAll("q") : searchParams.get("q"),
  });
  if (!parsed.success) {
    const messages = Object.entries(z.flattenError(parsed.error).fieldErrors).map(
      ([field, errors]) => `${field}: ${errors?.join(" ")}`,
    );
    return new Response(`Bad search. ${messages.join("; ")}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return exportUsersCsv({ viewer, search: parsed.data.q, zone: await viewerTimeZone() });
}
