import { requestQueryStats } from "@/db/query-stats";
import { showQueryStats } from "@/lib/env";

/**
 * "2 queries · 3.1 ms": the statements this request has sent so far, and the time since the first one.
 * Rendered last in a page, after its data is read. Shown in development, or with PLATTER_QUERY_STATS=1.
 */
export function QueryStats() {
  if (!showQueryStats()) return null;
  const stats = requestQueryStats();
  // Time since this request's first statement, read once while rendering (the render is the measurement).
  // eslint-disable-next-line react-hooks/purity
  const ms = stats.firstAt === null ? 0 : performance.now() - stats.firstAt;
  return (
    <p className="mt-10 text-center font-mono text-xs text-stone-500" data-testid="query-stats">
      {stats.count} {stats.count === 1 ? "query" : "queries"} · {ms.toFixed(1)} ms
      {stats.replicaReads > 0 && ` · ${stats.replicaReads} from a replica`}
    </p>
  );
}
