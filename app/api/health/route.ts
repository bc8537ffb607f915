import { databaseState } from "@/lib/http/database-state";

// Liveness: the process serves requests. 200 always (the database has its own check, /api/ready), so that a load
// balancer does not restart a healthy app because PostgreSQL is away.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(
    { status: "ok", database: databaseState().status },
    { headers: { "Cache-Control": "no-store" } },
  );
}
