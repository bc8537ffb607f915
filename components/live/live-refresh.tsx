"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Mode = "connecting" | "live" | "polling";

/**
 * Keeps the page's server components current: re-renders them whenever the live stream (`src`, Server-Sent
 * Events, decision 0015) reports a change, and falls back to re-rendering every `seconds` while the stream is
 * down, refused, or EventSource is missing. Bursts of events cost one refresh.
 */
export function LiveRefresh({ src, seconds, label }: { src: string; seconds: number; label: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("connecting");

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
    const source = new EventSource(src);
    source.onopen = () => {
      stopPolling();
      setMode("live");
    };
    source.addEventListener("order", refresh);
    source.addEventListener("reset", refresh);
    // The stream ended for good (signed out, no longer allowed): polling re-renders, and the page says why.
    source.addEventListener("end", () => {
      source.close();
      startPolling();
    });
    // While EventSource reconnects (it replays what was missed) or after it gave up (an error status), poll.
    source.onerror = () => startPolling();
    return () => {
      source.close();
      stopPolling();
      if (refreshSoon) clearTimeout(refreshSoon);
    };
  }, [router, src, seconds]);

  return (
    <p className="text-xs text-stone-500" data-testid="live-status" data-mode={mode}>
      {mode === "live" ? `${label} appear as they happen.` : `This page refreshes every ${seconds} seconds.`}
    </p>
  );
}
