import { checkDatabase } from "@/lib/health";

// Readiness: 200 when the database answered a fresh `select 1` within a second, else 503 (take this instance out
// of rotation until it is back). Concurrent calls share one probe; the failure's cause is logged, not shown.
export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await checkDatabase();
  return Response.json(
    { status: ready ? "ready" : "unavailable" },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
