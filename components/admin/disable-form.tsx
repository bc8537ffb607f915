"use client";

import { setDisabledAction } from "@/lib/admin/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

// ActionForm keeps the form as it was when the action refuses (React's <form action> resets it).
export function DisableForm({
  profileId,
  isDisabled,
  locked,
}: {
  profileId: number;
  isDisabled: boolean;
  locked: boolean;
}) {
  return (
    <ActionForm action={setDisabledAction} className="flex flex-wrap items-center gap-3">
      {(state, pending) => (
        <>
          <input type="hidden" name="profileId" value={profileId} />
          <input type="hidden" name="disabled" value={isDisabled ? "false" : "true"} />
          <Button type="submit" variant={isDisabled ? "primary" : "secondary"} disabled={locked || pending}>
            {isDisabled ? "Enable account" : "Disable account"}
          </Button>
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
