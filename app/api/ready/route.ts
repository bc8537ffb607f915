import { checkDatabase } from "@/lib/health";

// Readiness: a fresh `select 1`, 503 when it finds the database down (refused, or unanswered twice in a row:
// lib/health.ts), so take this instance out of rotation until it is back; else 200. Concurrent calls share one
// probe; the failure's cause is logged, not shown.
export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await checkDatabase();
  return Response.json(
    { status: ready ? "ready" : "unavailable" },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
