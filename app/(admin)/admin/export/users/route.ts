import { exportUsersCsv } from "@/lib/admin/export";
import { usersQuerySchema } from "@/lib/admin/schema";
import { getViewer } from "@/lib/auth/session";

// Route handlers get no layout and no page guard: each one checks the role itself. Non-admins get a 404.
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return new Response("Not found", { status: 404 });
  const { searchParams } = new URL(request.url);
  // The file is in account order whatever the table's sort (see exportUsersCsv); only the search applies.
  const { q } = usersQuerySchema.parse(Object.fromEntries(searchParams));
  return exportUsersCsv({ viewer, search: q });
}
