"use client";

import { signOutOtherSessionsAction } from "@/lib/auth/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

export function SignOutOthersForm() {
  return (
    <ActionForm action={signOutOtherSessionsAction} className="space-y-1">
      {(state, pending) => (
        <>
          <Button type="submit" variant="secondary" disabled={pending}>
            Sign out everywhere else
          </Button>
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
