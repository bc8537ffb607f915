"use client";

import { useEffect, useState } from "react";

import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/http/unavailable";

/** The error boundaries' words for a database outage (proxy.ts serves the same as a 503 page). */
export function Unavailable({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      {/* The page's own title came from the render that failed (React puts this one in <head>). */}
      <title>{UNAVAILABLE_TITLE}</title>
      <h1 className="text-2xl font-bold">{UNAVAILABLE_TITLE}</h1>
      <p className="mt-2 text-stone-600">{UNAVAILABLE_MESSAGE.slice(UNAVAILABLE_TITLE.length + 2)}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white"
      >
        Try again
      </button>
    </div>
  );
}

/** An action answered 503 by proxy.ts: Next's client throws an Error carrying the answer's text. */
const isUnavailableError = (error: Error) => error.message === UNAVAILABLE_MESSAGE;

/**
 * Whether the failure that reached an error boundary was the database going away. proxy.ts answers 503 only to
 * requests that arrive once the health probe has seen the outage; a request already waiting on the database when
 * it went away fails inside the render, and in production its error reaches the browser as a bare digest. So
 * unless the error says so itself, ask /api/ready (a fresh probe, never cached): a 503 there means this was the
 * outage, and the visitor is told so rather than "something went wrong".
 */
export function useDatabaseUnavailable(error: Error): boolean {
  const [readyAnswer, setReadyAnswer] = useState<{ error: Error; down: boolean } | null>(null);
  const known = isUnavailableError(error);
  useEffect(() => {
    if (known) return;
    const request = new AbortController();
    fetch("/api/ready", { cache: "no-store", signal: request.signal })
      .then((response) => setReadyAnswer({ error, down: response.status === 503 }))
      .catch(() => {}); // the app itself is unreachable, or the boundary went away: the plain message stands
    return () => request.abort();
  }, [error, known]);
  return known || (readyAnswer?.error === error && readyAnswer.down);
}
