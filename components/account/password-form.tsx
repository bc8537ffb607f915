"use client";

import { changePasswordAction } from "@/lib/auth/actions";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
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
          <NewPasswordFields name="newPassword" errors={state.fieldErrors} />
          <ActionMessage state={state} />
          <Button type="submit" disabled={pending}>
            {pending ? "Changing…" : "Change password"}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
