"use client";

import { CheckingFailure, Unavailable, useDatabaseUnavailable } from "@/components/layout/unavailable";

// Unexpected failures are logged on the server with their cause; the visitor sees a plain message only. "Try again"
// is retry(), which fetches the segment from the server again: reset() alone re-renders the payload that failed.
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const unavailable = useDatabaseUnavailable(error);
  if (unavailable === undefined) return <CheckingFailure />;
  if (unavailable) return <Unavailable onRetry={retry} />;
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      {/* The page's own title came from the render that failed (React puts this one in <head>). */}
      <title>Something went wrong · Platter</title>
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">Please try again. If it keeps happening, tell us the reference below.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-stone-500">ref {error.digest}</p> : null}
      <button type="button" onClick={retry} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
