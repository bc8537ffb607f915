"use client";

import type { HoursEditor } from "@/lib/owner/hours";
import { saveHoursAction } from "@/lib/owner/hours-actions";
import { WEEK } from "@/lib/owner/hours-week";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { TimeZoneField } from "@/components/ui/time-zone-field";

/** "09:00" from PostgreSQL's "09:00:00" (24:00:00 stays 24:00). */
const hhmm = (time: string) => time.slice(0, 5);

/**
 * The week as one line of intervals per day, the zone and the closed days: typed text rather than a grid of
 * pickers, so that two shifts or a night past midnight are as quick to enter as one (lib/owner/hours-schema.ts
 * says what each mistake means).
 */
export function HoursForm({ hours, timeZones }: { hours: HoursEditor; timeZones: string[] }) {
  const day = (dow: number) =>
    hours.hours
      .filter((h) => h.weekday === dow)
      .map((h) => `${hhmm(h.opensAt)}-${hhmm(h.closesAt)}`)
      .join(", ");
  return (
    <ActionForm
      action={saveHoursAction}
      aria-label={`Opening hours of ${hours.name}`}
      className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
    >
      {(state, pending) => (
        <>
          <input type="hidden" name="restaurantId" value={hours.id} />
          {/* A save from a form drawn before another change is refused rather than replacing it. */}
          <input type="hidden" name="version" value={hours.version} />
          <p className="text-sm text-stone-600">
            {hours.isOpen
              ? "Customers can order within these hours while “Open for orders” is on."
              : "“Open for orders” is off on your dashboard: the restaurant stays closed whatever the hours say."}{" "}
            Leave every day empty to let that switch alone decide.
          </p>
          <TimeZoneField
            id="hours-time-zone"
            zones={timeZones}
            defaultValue={hours.timeZone}
            errors={state.fieldErrors?.timeZone}
          />
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-medium text-stone-700">
              Weekly hours, like 09:00-14:00, 18:00-02:00 (an end before the start runs past midnight)
            </legend>
            {WEEK.map(({ field, label, dow }) => (
              <TextField
                key={field}
                id={`hours-${field}`}
                name={field}
                label={label}
                defaultValue={day(dow)}
                maxLength={200}
                placeholder="Closed"
                errors={state.fieldErrors?.[field]}
              />
            ))}
          </fieldset>
          <TextField
            id="hours-closed-days"
            name="closedDays"
            label="Closed days"
            hint={
              "Today or later (yesterday too when its hours run past midnight), in the restaurant's time zone, " +
              "like 2026-12-25, 2027-01-01. Past days leave the list."
            }
            defaultValue={hours.closedDays.join(", ")}
            maxLength={2000}
            errors={state.fieldErrors?.closedDays}
          />
          <div className="flex items-center justify-between gap-3">
            <ActionMessage state={state} />
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save hours"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
