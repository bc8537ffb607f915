"use client";

import { useSyncExternalStore } from "react";

/*
 * The new-order alert's browser-side settings: the sound switch (localStorage, off until the owner turns it on)
 * and the Notification permission (asked only when the owner presses the button). Both read through
 * useSyncExternalStore, so the server render (no window) and the first client render agree: "off", "unsupported".
 */

const SOUND_KEY = "platter:new-order-sound";
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab of the queue switching the sound counts too.
  const onStorage = (event: StorageEvent) => event.key === SOUND_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function readSound(): boolean {
  try {
    return window.localStorage.getItem(SOUND_KEY) === "on";
  } catch {
    // Storage refused (private mode, a policy): the sound stays off, as it starts.
    return false;
  }
}

export function useSoundSetting(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, readSound, () => false);
  const set = (value: boolean) => {
    try {
      window.localStorage.setItem(SOUND_KEY, value ? "on" : "off");
    } catch {
      // Not remembered, but the owner's click still plays the test chime below.
    }
    notify();
  };
  return [on, set];
}

export type Permission = NotificationPermission | "unsupported";

const readPermission = (): Permission =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

export function useNotificationPermission(): [Permission, () => Promise<void>] {
  const permission = useSyncExternalStore(subscribe, readPermission, () => "unsupported" as const);
  const ask = async () => {
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission();
    notify();
  };
  return [permission, ask];
}

/**
 * A short two-note chime made with the Web Audio API: nothing to download, nothing to license. Browsers start an
 * AudioContext only after a user gesture; the switch is one, and later chimes reuse that context.
 */
let audio: AudioContext | undefined;
export function playChime() {
  const Context = typeof window === "undefined" ? undefined : window.AudioContext;
  if (!Context) return;
  audio ??= new Context();
  const start = audio.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + i * 0.18);
    oscillator.stop(start + i * 0.18 + 0.17);
  }
}
