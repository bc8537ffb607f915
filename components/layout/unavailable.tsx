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
const isUnavailableError = (error: unknown) => error instanceof Error && error.message === UNAVAILABLE_MESSAGE;

/** How long the boundary waits for /api/ready (whose probe gives up after 1 s) before the plain message. */
const READY_WAIT_MS = 2_000;

/**
 * Whether the failure that reached an error boundary was the database going away: true or false, or undefined
 * while that is being found out. proxy.ts answers 503 only to requests that arrive once the health probe has seen
 * the outage; a request already waiting on the database when it went away fails inside the render, and in
 * production its error reaches the browser as a bare digest. So unless the error says so itself, ask /api/ready (a
 * probe, never cached): a 503 there means this was the outage. Until the answer (at most READY_WAIT_MS) the
 * boundary shows neither message, so that no one reads, or hears, "something went wrong" and then something else.
 */
export function useDatabaseUnavailable(error: unknown): boolean | undefined {
  const [answer, setAnswer] = useState<{ error: unknown; down: boolean } | null>(null);
  const known = isUnavailableError(error);
  useEffect(() => {
    if (known) return;
    const request = new AbortController();
    const settle = (down: boolean) => setAnswer((current) => (current?.error === error ? current : { error, down }));
    const giveUp = setTimeout(() => settle(false), READY_WAIT_MS);
    fetch("/api/ready", { cache: "no-store", signal: request.signal })
      .then((response) => {
        void response.body?.cancel();
        settle(response.status === 503);
      })
      .catch(() => settle(false)); // the app itself is unreachable: the plain message
    return () => {
      clearTimeout(giveUp);
      request.abort();
    };
  }, [error, known]);
  if (known) return true;
  return answer && answer.error === error ? answer.down : undefined;
}

/** What an error boundary shows while useDatabaseUnavailable finds out which message is true. */
export function CheckingFailure() {
  return (
    <div className="mx-auto max-w-md py-16 text-center" aria-busy="true">
      <title>Platter</title>
    </div>
  );
}
