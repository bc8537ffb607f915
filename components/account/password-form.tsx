"use client";

import { changePasswordAction } from "@/lib/auth/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** Current, new and repeated password; on success the other sessions are signed out and the fields cleared. */
export function PasswordForm() {
  return (
    <ActionForm action={changePasswordAction} resetOnSuccess className="space-y-4">
      {(state, pending) => (
        <>
          <TextField
            name="currentPassword"
            type="password"
            label="Current password"
            autoComplete="current-password"
            required
            errors={state.fieldErrors?.currentPassword}
          />
          <TextField
            name="newPassword"
            type="password"
            label="New password"
            autoComplete="new-password"
            hint="At least 8 characters."
            required
            errors={state.fieldErrors?.newPassword}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label="Repeat new password"
            autoComplete="new-password"
            required
            errors={state.fieldErrors?.confirmPassword}
          />
          <ActionMessage state={state} />
          <Button type="submit" disabled={pending}>
            {pending ? "Changing…" : "Change password"}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
