"use client";

import { isUnavailableError, Unavailable } from "@/components/layout/unavailable";

// Unexpected failures are logged on the server with their cause; the visitor sees a plain message only.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (isUnavailableError(error)) return <Unavailable onRetry={reset} />;
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">Please try again. If it keeps happening, tell us the reference below.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-stone-500">ref {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
