"use client";

import { centsToDecimal } from "@/lib/money";
import { createOptionGroupAction, updateOptionGroupAction } from "@/lib/owner/menu-actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import { CheckboxField } from "./checkbox-field";

type Group = {
  id: number;
  name: string;
  required: boolean;
  minChoices: number;
  maxChoices: number;
  choices: { id: number; name: string; priceDeltaCents: number }[];
  version: string;
};

const choicesClass =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 font-mono text-sm " +
  "placeholder:text-stone-500 aria-invalid:border-red-500";

/** The choices as the owner typed them: "Large +2.00", or the bare name for no extra price. */
const choicesText = (group?: Group) =>
  (group?.choices ?? [])
    .map((c) => (c.priceDeltaCents > 0 ? `${c.name} +${centsToDecimal(c.priceDeltaCents)}` : c.name))
    .join("\n");

/** Adds an option group to an item (group absent) or edits one with its whole list of choices. */
export function OptionGroupForm({ itemId, itemName, group }: { itemId: number; itemName: string; group?: Group }) {
  const prefix = group ? `group-${group.id}` : `new-group-${itemId}`;
  return (
    <ActionForm
      action={group ? updateOptionGroupAction : createOptionGroupAction}
      resetOnSuccess={!group}
      aria-label={group ? `Edit option group ${group.name} of ${itemName}` : `Add an option group to ${itemName}`}
      className="grid gap-3 sm:grid-cols-2 sm:items-start"
    >
      {(state, pending) => (
        <>
          {group ? (
            <>
              <input type="hidden" name="groupId" value={group.id} />
              {/* A save from a form drawn before another change is refused rather than replacing it. */}
              <input type="hidden" name="version" value={group.version} />
            </>
          ) : (
            <input type="hidden" name="itemId" value={itemId} />
          )}
          <TextField
            id={`${prefix}-name`}
            name="name"
            label="Group name"
            placeholder="Size"
            defaultValue={group?.name}
            maxLength={60}
            required
            errors={state.fieldErrors?.name}
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              id={`${prefix}-min`}
              name="minChoices"
              label="Pick at least"
              type="number"
              min={0}
              max={20}
              defaultValue={group?.minChoices ?? 1}
              errors={state.fieldErrors?.minChoices}
            />
            <TextField
              id={`${prefix}-max`}
              name="maxChoices"
              label="Pick at most"
              type="number"
              min={1}
              max={20}
              defaultValue={group?.maxChoices ?? 1}
              errors={state.fieldErrors?.maxChoices}
            />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor={`${prefix}-choices`} className="block text-sm font-medium text-stone-700">
              Choices, one per line
            </label>
            <textarea
              id={`${prefix}-choices`}
              name="choices"
              rows={4}
              defaultValue={choicesText(group)}
              placeholder={"Regular\nLarge +2.00"}
              aria-describedby={`${prefix}-choices-hint ${prefix}-choices-error`}
              aria-invalid={state.fieldErrors?.choices ? true : undefined}
              className={choicesClass}
            />
            <p id={`${prefix}-choices-hint`} className="text-xs text-stone-500">
              Add an extra price after a plus sign, like &quot;Large +2.00&quot;. Up to 20 choices.
            </p>
            <div id={`${prefix}-choices-error`} aria-live="polite">
              {state.fieldErrors?.choices?.map((error) => (
                <p key={error} className="text-sm text-red-600">
                  {error}
                </p>
              ))}
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
            <CheckboxField
              id={`${prefix}-required`}
              name="required"
              label="Required"
              defaultChecked={group?.required ?? true}
            />
            <Button type="submit" disabled={pending} variant={group ? "secondary" : "primary"}>
              {pending ? "Saving…" : group ? "Save group" : "Add group"}
            </Button>
          </div>
          <ActionMessage state={state} className="sm:col-span-2" />
        </>
      )}
    </ActionForm>
  );
}
