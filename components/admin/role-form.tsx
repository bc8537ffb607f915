"use client";

import { changeRoleAction } from "@/lib/admin/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

const ROLES = [
  { value: "customer", label: "Customer", hint: "orders for themselves" },
  { value: "owner", label: "Owner", hint: "manages the restaurants chosen below" },
  { value: "admin", label: "Admin", hint: "everything, including this page; runs the restaurants chosen below" },
] as const;

// ActionForm, not <form action>: React resets a form after its action, which would undo the admin's choices
// exactly when an error asks them to fix one of them.
export function RoleForm({
  profileId,
  role,
  ownedIds,
  restaurants,
  disabled,
  version,
}: {
  profileId: number;
  role: string;
  ownedIds: number[];
  restaurants: { id: number; name: string }[];
  disabled: boolean;
  /** What the form shows, as the save must still find it (lib/admin/roles.ts roleFormVersion). */
  version: string;
}) {
  return (
    <ActionForm action={changeRoleAction} className="space-y-4">
      {(state, pending) => {
        const errors = state.fieldErrors ?? {};
        return (
          <>
            <input type="hidden" name="profileId" value={profileId} />
            <input type="hidden" name="version" value={version} />
            <fieldset disabled={disabled} className="space-y-2">
              <legend className="text-sm font-medium text-stone-700">Role</legend>
              {ROLES.map((r) => (
                <label key={r.value} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="role" value={r.value} defaultChecked={role === r.value} />
                  <span className="font-medium">{r.label}</span>
                  <span className="text-stone-500">{r.hint}</span>
                </label>
              ))}
              {errors.role?.map((e) => (
                <p key={e} className="text-sm text-red-600">
                  {e}
                </p>
              ))}
            </fieldset>
            <fieldset disabled={disabled} className="space-y-2" aria-describedby="restaurants-error">
              <legend className="text-sm font-medium text-stone-700">
                Restaurants owned (for an owner or an admin)
              </legend>
              <div className="grid gap-1 sm:grid-cols-2">
                {restaurants.map((r) => (
                  <label key={r.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="restaurantIds" value={r.id} defaultChecked={ownedIds.includes(r.id)} />
                    {r.name}
                  </label>
                ))}
              </div>
              <div id="restaurants-error" aria-live="polite">
                {errors.restaurantIds?.map((e) => (
                  <p key={e} className="text-sm text-red-600">
                    {e}
                  </p>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={disabled || pending}>
                {pending ? "Saving…" : "Save role"}
              </Button>
              <ActionMessage state={state} />
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
