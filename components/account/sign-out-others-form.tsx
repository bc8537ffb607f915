"use client";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { signOutOtherSessionsAction } from "@/lib/auth/actions";

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
