"use client";

import { signOutOtherSessionsAction } from "@/lib/auth/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/**
 * The button shows while another session is open. The form stays when there is none, so the message of the sign-out
 * that just ended them ("2 other sessions were signed out.") is still there to read: unmounting the form with the
 * button lost it, and the button simply vanished.
 */
export function SignOutOthersForm({ others }: { others: number }) {
  return (
    <ActionForm action={signOutOtherSessionsAction} className="space-y-1">
      {(state, pending) => (
        <>
          {others > 0 ? (
            <Button type="submit" variant="secondary" disabled={pending}>
              Sign out everywhere else
            </Button>
          ) : null}
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
