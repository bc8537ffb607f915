"use client";

import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";

import { playChime, useNotificationPermission, useSoundAllowed, useSoundSetting } from "./alert-settings";

type PlacedOrder = { id: number; customerName: string };

const TITLE_COUNT = /^\(\d+\+?\) /;

/**
 * The owner's new-order alert on the queue page. The page re-renders on every live event (LiveRefresh) and hands
 * in its newest placed orders; an order is new when its id (ids only grow) is above the newest one the owner has
 * seen: all those on the page when it opened, and all those acknowledged since. New orders are named in a status
 * region (read out by screen readers), counted in the tab's title, chimed if the owner switched the sound on, and
 * shown as a system notification if the owner allowed them. `morePlaced`: the list stopped at its limit, so when
 * every order on it is new, more may be ("10+").
 */
export function OrderAlerts({
  restaurantName,
  newestPlaced,
  morePlaced = false,
}: {
  restaurantName: string;
  newestPlaced: PlacedOrder[];
  morePlaced?: boolean;
}) {
  const newestId = newestPlaced.reduce((max, o) => Math.max(max, o.id), 0);
  const [seenUpTo, setSeenUpTo] = useState(newestId);
  const announcedUpTo = useRef(newestId);
  const [sound, setSound] = useSoundSetting();
  const soundAllowed = useSoundAllowed(sound);
  const [permission, askPermission] = useNotificationPermission();
  // The title counts what arrived since the owner last looked at the tab: coming back to it is looking. The
  // in-page alert stays until "Mark as seen", so that nothing disappears before it has been read.
  const [viewedUpTo, setViewedUpTo] = useState(newestId);
  const unseen = newestPlaced.filter((o) => o.id > seenUpTo);
  const unviewed = unseen.filter((o) => o.id > viewedUpTo).length;
  // "10+" when every order the list holds is new and the list was cut.
  const count = (n: number) => (morePlaced && n === newestPlaced.length ? `${n}+` : String(n));
  const titleCount = unviewed > 0 ? count(unviewed) : null;

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "visible") setViewedUpTo(newestId);
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [newestId]);

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
    const fresh = newestPlaced.filter((o) => o.id > announcedUpTo.current);
    if (fresh.length === 0) return;
    announcedUpTo.current = newestId;
    if (sound) playChime();
    if (typeof Notification !== "undefined" && Notification.permission === "granted") {
      for (const order of fresh)
        new Notification(`New order #${order.id}`, {
          body: `${order.customerName} · ${restaurantName}`,
          tag: `order-${order.id}`,
        });
    }
  }, [newestPlaced, newestId, sound, restaurantName]);

  return (
    <section aria-label="New order alerts" className="space-y-3">
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
              setSeenUpTo(newestId);
              setViewedUpTo(newestId);
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
