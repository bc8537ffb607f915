"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";

import { addToCartAction, type CartActionState } from "@/lib/cart/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Money } from "@/components/ui/money";

type Choice = { id: number; name: string; priceDeltaCents: number; available: boolean };
type Group = { id: number; name: string; minChoices: number; maxChoices: number; choices: Choice[] };

/** "choose 1", "choose up to 3", "choose 1 to 3", "optional": the group's rule in the customer's words. */
function rule({ minChoices, maxChoices }: Group) {
  if (minChoices === maxChoices) return `choose ${minChoices}`;
  if (minChoices === 0) return maxChoices === 1 ? "optional" : `choose up to ${maxChoices}`;
  return `choose ${minChoices} to ${maxChoices}`;
}

/**
 * Adding an item that has options: one fieldset per group (radios where one choice is allowed, checkboxes
 * otherwise) and a note for the kitchen. Each input is named `choice.<groupId>`; the server checks every choice
 * against the current menu and prices it there (lib/cart/options.ts), so nothing here is trusted. With no groups it
 * is the note alone, for an item without options (its one-click add stays next to it).
 *
 * An ActionForm, not <form action>: React resets a form after its action, so "Start a new cart" (asked when the
 * cart holds another restaurant's items) sent the default choices and no note, and a refusal wiped the note.
 * It clears once the item is added, ready for the next one.
 */
export function ItemOptionsForm({ menuItemId, name, groups }: { menuItemId: number; name: string; groups: Group[] }) {
  const prefix = `item-${menuItemId}`;
  const noteOnly = groups.length === 0;
  const submitTone = (state: CartActionState) =>
    state.needsReplace ? "bg-amber-800 hover:bg-amber-900" : "bg-brand-600 hover:bg-brand-700";
  return (
    <ActionForm<CartActionState>
      action={addToCartAction}
      resetOnSuccess
      aria-label={noteOnly ? `Note for ${name}` : `Options for ${name}`}
      className="basis-full space-y-3 rounded-lg bg-stone-50 p-3"
    >
      {(state, pending) => (
        <>
          <input type="hidden" name="menuItemId" value={menuItemId} />
          {groups.map((group) => (
            <OptionGroup key={group.id} group={group} />
          ))}
          <div className="space-y-1">
            <label htmlFor={`${prefix}-instructions`} className="block text-sm font-medium text-stone-700">
              Special instructions <span className="font-normal text-stone-600">(optional)</span>
            </label>
            <input
              id={`${prefix}-instructions`}
              name="instructions"
              maxLength={200}
              placeholder="No onions, please"
              aria-describedby={`${prefix}-status`}
              className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm placeholder:text-stone-500"
            />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {state.needsReplace ? (
              <>
                <input type="hidden" name="replace" value="1" />
                {state.replacing !== undefined ? (
                  <input type="hidden" name="replacing" value={state.replacing} />
                ) : null}
              </>
            ) : null}
            <button
              type="submit"
              disabled={pending}
              aria-label={
                state.needsReplace ? undefined : noteOnly ? `Add ${name} with this note` : `Add ${name} to cart`
              }
              className={`rounded-lg px-3 py-1.5 text-sm font-semibold text-white disabled:bg-stone-400 ${submitTone(state)}`}
            >
              {state.needsReplace ? "Start a new cart" : pending ? "Adding…" : "Add"}
            </button>
            <p
              id={`${prefix}-status`}
              role="status"
              className={`text-sm ${state.ok ? "text-emerald-700" : state.needsReplace ? "text-amber-800" : "text-red-600"}`}
            >
              {state.fieldErrors
                ? (Object.values(state.fieldErrors).flat()[0] ?? state.message)
                : (state.message ?? "")}
            </p>
          </div>
        </>
      )}
    </ActionForm>
  );
}

/**
 * One group's choices. Where several may be picked, the unticked boxes are disabled once `maxChoices` are ticked,
 * as delivery apps do: a fourth tick of "choose up to 3" was only refused by the server after "Add", and the
 * customer had to find which box to untick. The server still checks every rule (lib/cart/options.ts).
 */
function OptionGroup({ group }: { group: Group }) {
  const single = group.maxChoices === 1;
  // A required single choice starts on the first one that can be ordered; sold-out ones show, greyed out.
  const preselected = single && group.minChoices > 0 ? group.choices.find((c) => c.available)?.id : undefined;
  // The ids of the ticked boxes, read from the (uncontrolled) inputs on every change.
  const [ticked, setTicked] = useState<number[]>([]);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    // The form resets after an add (resetOnSuccess), to no box ticked: a checkbox group has no default.
    const form = fieldset.current?.form;
    if (single || !form) return;
    const onReset = () => setTicked([]);
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [single]);
  const onChange = (event: FormEvent<HTMLFieldSetElement>) =>
    setTicked(
      [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map((input) =>
        Number(input.value),
      ),
    );
  const full = !single && ticked.length >= group.maxChoices;
  return (
    <fieldset ref={fieldset} className="space-y-1" onChange={single ? undefined : onChange}>
      <legend className="text-sm font-semibold text-stone-800">
        {group.name} <span className="font-normal text-stone-600">({rule(group)})</span>
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {single && group.minChoices === 0 ? (
          <label className="inline-flex min-h-6 items-center gap-2 text-sm text-stone-800">
            <input type="radio" name={`choice.${group.id}`} value="" defaultChecked className="size-4" />
            No {group.name.toLowerCase()}
          </label>
        ) : null}
        {group.choices.map((choice) => (
          <label key={choice.id} className="inline-flex min-h-6 items-center gap-2 text-sm text-stone-800">
            <input
              type={single ? "radio" : "checkbox"}
              name={`choice.${group.id}`}
              value={choice.id}
              defaultChecked={choice.id === preselected}
              disabled={!choice.available || (full && !ticked.includes(choice.id))}
              className="size-4"
            />
            {choice.name}
            {choice.available ? null : <span className="text-stone-600">(sold out)</span>}
            {choice.priceDeltaCents > 0 ? (
              <span className="text-stone-600">
                +<Money cents={choice.priceDeltaCents} />
              </span>
            ) : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
