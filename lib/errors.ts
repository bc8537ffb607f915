/**
 * The app's one vocabulary of expected failures (decision 0010). A domain function that can refuse returns
 * `Result<T, F>`: `{ ok: true, ...T }` or `{ ok: false, reason, ...facts }`, never a sentence and never a throw;
 * the domain's messages.ts turns the reason into words. Throwing stays for faults (a dropped connection, a bug)
 * and for guards no caller should ever trip (assertAdmin).
 *
 * A reason is one of five kinds, alone or with the rule that was hit after a colon, as in "conflict:price-changed"
 * (the `type:surface` codes of vercel/ai-chatbot): the kind says what sort of answer it is, the rule which words.
 */
export type ErrorKind =
  /** No such record, or not the viewer's: the same answer, so that no one learns what exists. */
  | "not-found"
  /** The viewer may see the record but not do this to it (an admin changing their own role). */
  | "forbidden"
  /** The data changed under the request, or does not fit it: a price, a status, a cart from another restaurant. */
  | "conflict"
  /** The request breaks a rule only the data can check (an owner without restaurants, a full cart). */
  | "invalid"
  /** It exists but cannot be used now: a closed restaurant, an item off the menu. */
  | "unavailable";

export type Reason = ErrorKind | `${ErrorKind}:${string}`;

/** A refusal: its reason and the facts its message needs (names, counts, a new total). */
export type Failure = { reason: Reason };

export type Result<T extends object = object, F extends Failure = Failure> = ({ ok: true } & T) | ({ ok: false } & F);

export const NOT_FOUND = { ok: false, reason: "not-found" } as const;
