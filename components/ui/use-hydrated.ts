"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and in the render that hydrates, true after: for what only a hydrated page may swap in. A
 * form's action is the case in point: the server renders a server action as a form a browser without JavaScript
 * can post, and a client function in its place as one that cannot be sent at all, so a client wrapper around an
 * action must wait for hydration (useActionState calls whichever action its last render gave it).
 */
export const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/**
 * `action`, calling `onAnswer` with each answer as it arrives (before the refreshed page renders), once `hydrated`
 * (useHydrated); before that, `action` itself, which the server renders as a form that posts without JavaScript.
 */
export function tapAnswers<S, F>(
  action: (state: Awaited<S>, form: F) => Promise<S>,
  hydrated: boolean,
  onAnswer: (answer: S) => void,
): (state: Awaited<S>, form: F) => Promise<S> {
  if (!hydrated) return action;
  return async (state, form) => {
    const answer = await action(state, form);
    onAnswer(answer);
    return answer;
  };
}
