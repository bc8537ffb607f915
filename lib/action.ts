import "server-only";

import { notFound } from "next/navigation";
import { z } from "zod";

import type { UserRole } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { getViewer } from "@/lib/auth/session";

/** What every form action returns: a message for the form (with a link to what it made), errors next to fields, or ok. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  link?: { href: string; text: string };
  fieldErrors?: Record<string, string[] | undefined>;
  /**
   * Refused because what the form acted on has gone from the page since it was drawn (another tab removed the
   * cart line, completed the order): the page is drawn again without that form, so its message is shown above
   * the list instead (components/ui/kept-notice.tsx).
   */
  gone?: boolean;
  /**
   * Refused because the form was drawn from data that has changed since (another tab saved first): the page is
   * drawn again, and an ActionForm puts its fields back to what they now show, so that saving again cannot write
   * the old values back.
   */
  stale?: boolean;
};

/**
 * The answer to a save refused as `stale`, in one wording: what changed (`subject`, "this item" or "these hours",
 * with `plural` for the latter) and who could have changed it (`by`, "in another tab or by another owner").
 */
export const changedSinceOpened = (subject: string, by: string, plural = false) =>
  `Nothing was saved: ${subject} ${plural ? "were" : "was"} changed ${by} since you opened this page. ` +
  `The form now shows ${plural ? "them as they are" : "it as it is"}: make your changes again.`;

/**
 * FormData as a plain object for zod: repeated names become arrays; Next.js' own $ACTION fields are dropped.
 * null when the argument is not FormData at all: an action is a public endpoint, and a hand-made request (a JSON
 * or text body, an empty one, a stale client) reaches it with whatever arguments the body decodes to.
 */
export function formToObject(form: unknown): Record<string, unknown> | null {
  if (!(form instanceof FormData)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** The answer to a request whose body is not a form: nothing was done. */
export const UNREADABLE_FORM: ActionState = { message: "This form could not be read. Reload the page and try again." };
/** The answer to an action whose caller is no longer signed in (signed out elsewhere, disabled, expired). */
export const SESSION_ENDED: ActionState = { message: "Your session has ended. Please sign in again." };

const CORRECT_FIELDS = "Please correct the highlighted fields.";

/** A refusal, marked `gone` when what its form acted on has left the refreshed page (ActionState's `gone`). */
export const refusal = (message: string, { gone = false } = {}): ActionState =>
  gone ? { gone, message } : { message };

export const invalid = (error: z.ZodError): ActionState => ({
  message: CORRECT_FIELDS,
  fieldErrors: z.flattenError(error).fieldErrors as ActionState["fieldErrors"],
});

/** A refusal that belongs to one field (found by the domain, not the schema), said as a schema error is. */
export const fieldError = (field: string, error: string): ActionState => ({
  message: CORRECT_FIELDS,
  fieldErrors: { [field]: [error] },
});

/**
 * A server action is a public endpoint. This wrapper gives each one the same first lines:
 * signed in (else a message; the form is never trusted to have checked), the role if any (else a 404, so that
 * no one learns the action exists), then the input parsed with zod. The handler does the work with
 * ownership in its WHERE clauses.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, viewer: Viewer) => Promise<ActionState>,
  options: { roles?: readonly UserRole[] } = {},
) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    const viewer = await getViewer();
    if (!viewer) return SESSION_ENDED;
    if (options.roles && !options.roles.includes(viewer.role)) notFound();
    const input = formToObject(form);
    if (!input) return UNREADABLE_FORM;
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return handler(parsed.data, viewer);
  };
}
