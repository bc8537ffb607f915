"use client";

import { Unavailable, isUnavailableError } from "@/components/layout/unavailable";
import "./globals.css";

// The root layout itself failed (its header reads the session, so a database outage lands here): no header, the
// same plain message as app/error.tsx. Must render its own <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {isUnavailableError(error) ? (
            <Unavailable onRetry={reset} />
          ) : (
            <div className="mx-auto max-w-md py-16 text-center">
              <h1 className="text-2xl font-bold">Something went wrong</h1>
              <p className="mt-2 text-stone-600">Please try again. If it keeps happening, tell us the reference below.</p>
              {error.digest ? <p className="mt-2 font-mono text-xs text-stone-500">ref {error.digest}</p> : null}
              <button type="button" onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white">
                Try again
              </button>
            </div>
          )}
        </main>
      </body>
    </html>
  );
}
