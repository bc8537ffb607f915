"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Whether the keyboard's focus is nowhere: on the page itself, as a browser leaves it when the focused button is
 * disabled (pending) or removed (the refreshed page dropped it). The next Tab then starts again from the top.
 * Only then do the answers below take the focus: someone who moved on meanwhile keeps their place.
 */
export const focusIsLost = () => document.activeElement === null || document.activeElement === document.body;

/**
 * A region for answers whose button left the page with its form: `say(text, ok)` shows `text` there (`ok` says
 * whether it is a success, for its colour) and, with the focus lost, focuses the region (a <p> with tabIndex -1), so
 * that it is read out and the next Tab goes on from it. The same text twice is a new answer, so each is kept as a
 * new object.
 */
export function useAnswerRegion() {
  const [answer, setAnswer] = useState({ text: "", ok: false });
  const region = useRef<HTMLParagraphElement>(null);
  const say = useCallback((text: string, ok = false) => setAnswer({ text, ok }), []);
  useEffect(() => {
    if (answer.text && focusIsLost()) region.current?.focus();
  }, [answer]);
  return { region, text: answer.text, ok: answer.ok, say };
}
