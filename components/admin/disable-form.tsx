"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/action";
import { setDisabledAction } from "@/lib/admin/actions";

export function DisableForm({ profileId, isDisabled, locked }: { profileId: number; isDisabled: boolean; locked: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setDisabledAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="profileId" value={profileId} />
      <input type="hidden" name="disabled" value={isDisabled ? "false" : "true"} />
      <Button type="submit" variant={isDisabled ? "primary" : "secondary"} disabled={locked || pending}>
        {isDisabled ? "Enable account" : "Disable account"}
      </Button>
      <p aria-live="polite" role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
        {state.message}
      </p>
    </form>
  );
}
