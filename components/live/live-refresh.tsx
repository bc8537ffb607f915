"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Mode = "connecting" | "live" | "polling";

/**
 * Keeps the page's server components current: re-renders them whenever the live stream (`src`, Server-Sent
 * Events, decision 0015) reports a change, and falls back to re-rendering every `seconds` while the stream is
 * down, refused (then it opens the stream again every `seconds`), or EventSource is missing. Bursts of events cost
 * one refresh.
 *
 * `after` is the last event the page was rendered with: a stream opens from there, so that nothing committed
 * between the render and the connection is missed. A refresh renders the page with a newer one, which only a stream
 * opened later uses; the open stream stays open (it has delivered that event already). Were `after` part of what
 * the effect depends on, every event would close the stream and open another: a session check, a scope check and a
 * replay on the server per event and viewer.
 */
export function LiveRefresh({
  src,
  after,
  seconds,
  label,
}: {
  src: string;
  after: string;
  seconds: number;
  label: string;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("connecting");
  const renderedAfter = useRef(after);
  useEffect(() => {
    renderedAfter.current = after;
  }, [after]);

  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | undefined;
    let refreshSoon: ReturnType<typeof setTimeout> | undefined;
    const startPolling = () => {
      setMode("polling");
      poll ??= setInterval(() => router.refresh(), seconds * 1000);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = undefined;
    };
    if (typeof EventSource === "undefined") {
      startPolling();
      return stopPolling;
    }
    const refresh = () => {
      refreshSoon ??= setTimeout(() => {
        refreshSoon = undefined;
        router.refresh();
      }, 100);
    };
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      reopen = undefined;
      const url = new URL(src, window.location.href);
      url.searchParams.set("after", renderedAfter.current);
      const current = new EventSource(url);
      source = current;
      current.onopen = () => {
        stopPolling();
        setMode("live");
      };
      current.addEventListener("order", refresh);
      current.addEventListener("reset", refresh);
      // The stream ended for good (signed out, no longer allowed): polling re-renders, and the page says why.
      current.addEventListener("end", () => {
        current.close();
        startPolling();
      });
      current.onerror = () => {
        // While EventSource reconnects by itself (after a dropped connection; it replays what was missed), poll.
        startPolling();
        // An error status (the proxy's 503 while the database is away, a 502 while an instance restarts) makes it
        // give up for good: open a new one a poll later, so the page goes back to live once the stream answers.
        if (current.readyState === EventSource.CLOSED) reopen ??= setTimeout(open, seconds * 1000);
      };
    };
    open();
    return () => {
      source?.close();
      stopPolling();
      if (refreshSoon) clearTimeout(refreshSoon);
      if (reopen) clearTimeout(reopen);
    };
  }, [router, src, seconds]);

  return (
    <p className="text-xs text-stone-500" data-testid="live-status" data-mode={mode}>
      {mode === "live" ? `${label} appear as they happen.` : `This page refreshes every ${seconds} seconds.`}
    </p>
  );
}
