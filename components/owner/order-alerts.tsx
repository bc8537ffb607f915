"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

import { Button } from "@/components/ui/button";

import { playChime, useNotificationPermission, useSoundAllowed, useSoundSetting } from "./alert-settings";

/** `seq`: its "placed" event's id, which grows in the order orders commit (order ids need not). */
type PlacedOrder = { id: number; customerName: string; seq: number };

const TITLE_COUNT = /^\(\d+\+?\) /;

/*
 * What this tab has seen and announced, per restaurant, kept in its sessionStorage: orders that arrive while the
 * owner is on another page (printing a ticket, editing the menu) are still new when they come back, and announced
 * once. Read through useSyncExternalStore, so the server render and hydration start from the page (nothing stored).
 */
type Progress = { seen: number; announced: number };
const progressKey = (restaurantId: number) => `platter:new-order-events:${restaurantId}`;
const progressListeners = new Set<() => void>();

function subscribeProgress(listener: () => void) {
  progressListeners.add(listener);
  return () => void progressListeners.delete(listener);
}

function storedProgress(restaurantId: number): string | null {
  try {
    return window.sessionStorage.getItem(progressKey(restaurantId));
  } catch {
    return null;
  }
}

function parseProgress(raw: string | null): Progress | null {
  try {
    const { seen, announced } = (JSON.parse(raw ?? "null") ?? {}) as Partial<Progress>;
    return Number.isSafeInteger(seen) && Number.isSafeInteger(announced)
      ? { seen: seen!, announced: announced! }
      : null;
  } catch {
    // A value not ours: start from the page, as without storage.
    return null;
  }
}

/** Replaces what is stored with `change` of it (null when nothing is), and re-renders the alert. */
function updateProgress(restaurantId: number, change: (stored: Progress | null) => Progress) {
  try {
    const progress = change(parseProgress(storedProgress(restaurantId)));
    window.sessionStorage.setItem(progressKey(restaurantId), JSON.stringify(progress));
  } catch {
    // Not kept (storage refused): coming back to the queue then starts from what it shows.
  }
  progressListeners.forEach((listener) => listener());
}

/**
 * The owner's new-order alert on the queue page. The page re-renders on every live event (LiveRefresh) and hands
 * in its newest placed orders; an order is new when its `seq` (in commit order) is above the newest one the owner
 * has seen: all those on the page when it opened, and all those acknowledged since. New orders are named in a status
 * region (read out by screen readers), counted in the tab's title, chimed if the owner switched the sound on, and
 * shown as a system notification if the owner allowed them. `morePlaced`: the list stopped at its limit, so when
 * every order on it is new, more may be ("10+").
 */
export function OrderAlerts({
  restaurantId,
  restaurantName,
  newestPlaced,
  morePlaced = false,
}: {
  restaurantId: number;
  restaurantName: string;
  newestPlaced: PlacedOrder[];
  morePlaced?: boolean;
}) {
  const newestSeq = newestPlaced.reduce((max, o) => Math.max(max, o.seq), 0);
  // Without anything stored (the tab's first visit), everything on the page when it opened counts as seen.
  const [openedWith] = useState(newestSeq);
  const progress = parseProgress(
    useSyncExternalStore(
      subscribeProgress,
      () => storedProgress(restaurantId),
      () => null,
    ),
  );
  const seenUpTo = progress?.seen ?? openedWith;
  const announcedUpTo = useRef<number | null>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    updateProgress(restaurantId, (stored) => stored ?? { seen: openedWith, announced: openedWith });
  }, [restaurantId, openedWith]);
  const [sound, setSound] = useSoundSetting();
  const soundAllowed = useSoundAllowed(sound);
  const [permission, askPermission] = useNotificationPermission();
  // The title counts what arrived since the owner last looked at the tab: coming back to it is looking. The
  // in-page alert stays until "Mark as seen", so that nothing disappears before it has been read.
  const [viewedUpTo, setViewedUpTo] = useState(newestSeq);
  const unseen = newestPlaced.filter((o) => o.seq > seenUpTo);
  const unviewed = unseen.filter((o) => o.seq > viewedUpTo).length;
  // "10+" when every order the list holds is new and the list was cut.
  const count = (n: number) => (morePlaced && n === newestPlaced.length ? `${n}+` : String(n));
  const titleCount = unviewed > 0 ? count(unviewed) : null;

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "visible") setViewedUpTo(newestSeq);
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [newestSeq]);

  // The tab's title: "(2) Order queue · …" while orders wait. Next.js rewrites the title on navigation and
  // refresh, so the count is put back whenever the <title> changes.
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(TITLE_COUNT, "");
      const wanted = titleCount ? `(${titleCount}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(TITLE_COUNT, "");
    };
  }, [titleCount]);

  // Sound and system notification once per new order, however many times the page re-renders.
  useEffect(() => {
    const announced = (announcedUpTo.current ??= parseProgress(storedProgress(restaurantId))?.announced ?? openedWith);
    const fresh = newestPlaced.filter((o) => o.seq > announced);
    if (fresh.length === 0) return;
    announcedUpTo.current = newestSeq;
    updateProgress(restaurantId, (stored) => ({ seen: stored?.seen ?? openedWith, announced: newestSeq }));
    if (sound) playChime();
    if (typeof Notification !== "undefined" && Notification.permission === "granted") {
      for (const order of fresh)
        new Notification(`New order #${order.id}`, {
          body: `${order.customerName} · ${restaurantName}`,
          tag: `order-${order.id}`,
        });
    }
  }, [newestPlaced, newestSeq, sound, restaurantName, restaurantId, openedWith]);

  return (
    <section ref={section} aria-label="New order alerts" className="space-y-3">
      {/* Always in the page, so that assistive technology hears what is put in it. */}
      <div
        className={
          unseen.length > 0
            ? "flex flex-wrap items-center justify-between gap-3 rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-300"
            : ""
        }
      >
        <p role="status" aria-live="polite" aria-atomic="true" className="font-semibold" data-testid="new-order-alert">
          {unseen.length === 0
            ? ""
            : `${unseen.length === 1 ? "New order" : `${count(unseen.length)} new orders`}: ${unseen
                .map((o) => `#${o.id} from ${o.customerName}`)
                .join(", ")}.`}
        </p>
        {unseen.length > 0 ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setViewedUpTo(newestSeq);
              updateProgress(restaurantId, (stored) => ({
                seen: newestSeq,
                announced: Math.max(stored?.announced ?? 0, newestSeq),
              }));
              // The button goes with the alert, and a removed button leaves the focus on the page itself: the next
              // Tab started again at the top. Focus goes to the control that came after it.
              requestAnimationFrame(() => section.current?.querySelector<HTMLElement>("button[aria-pressed]")?.focus());
            }}
          >
            Mark as seen
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm text-stone-700">
        <Button
          type="button"
          variant="secondary"
          aria-pressed={sound}
          onClick={() => {
            setSound(!sound);
            // The click is the user gesture that lets the page make sound later, and a sample of it.
            if (!sound) playChime();
          }}
        >
          Sound for new orders: {sound ? "on" : "off"}
        </Button>
        {soundAllowed ? null : (
          <span data-testid="sound-blocked">
            Your browser plays the sound only once you click or press a key on this page.
          </span>
        )}
        {permission === "default" ? (
          <Button type="button" variant="secondary" onClick={() => void askPermission()}>
            Allow desktop notifications
          </Button>
        ) : permission === "granted" ? (
          <span>Desktop notifications are on.</span>
        ) : permission === "denied" ? (
          <span>Desktop notifications are blocked in this browser&apos;s settings.</span>
        ) : null}
      </div>
    </section>
  );
}
