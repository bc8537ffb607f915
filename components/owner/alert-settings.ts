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

/*
 * The chime: two notes made with the Web Audio API, nothing to download or license. Browsers keep an AudioContext
 * suspended until the page has had a click or a key press (their autoplay policy): an owner who switched the sound
 * on yesterday and opened the queue this morning without touching it would otherwise hear nothing, every chime
 * silently queued. So the context is made when the sound is on, its state is shown (useSoundAllowed), and the
 * page's first click or key resumes it.
 */
let audio: AudioContext | undefined;
const audioListeners = new Set<() => void>();

function audioContext(): AudioContext | undefined {
  const Context = typeof window === "undefined" ? undefined : window.AudioContext;
  if (!Context) return undefined;
  if (!audio) {
    audio = new Context();
    audio.addEventListener("statechange", () => audioListeners.forEach((listener) => listener()));
  }
  return audio;
}

function subscribeAudio(listener: () => void) {
  audioListeners.add(listener);
  audioContext();
  const resume = () => void audio?.resume();
  document.addEventListener("pointerdown", resume, true);
  document.addEventListener("keydown", resume, true);
  return () => {
    audioListeners.delete(listener);
    document.removeEventListener("pointerdown", resume, true);
    document.removeEventListener("keydown", resume, true);
  };
}

const noAudio = () => () => {};

/**
 * Whether the browser lets the page play the chime now: true while the sound is off (nothing to allow), without Web
 * Audio, and on the server; false while the browser waits for a click or a key on the page.
 */
export function useSoundAllowed(soundOn: boolean): boolean {
  return useSyncExternalStore(
    soundOn ? subscribeAudio : noAudio,
    () => !soundOn || !audioContext() || audio!.state === "running",
    () => true,
  );
}

const CHIME_LATE_MS = 2_000;

/** Plays the chime, or, while the browser holds the sound back, once it lets it within a moment, never later. */
export function playChime() {
  const context = audioContext();
  if (!context) return;
  if (context.state === "running") return notes(context);
  const asked = performance.now();
  void context.resume().then(() => {
    if (performance.now() - asked < CHIME_LATE_MS) notes(context);
  });
}

function notes(context: AudioContext) {
  const start = context.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.25, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + i * 0.18);
    oscillator.stop(start + i * 0.18 + 0.17);
  }
}
