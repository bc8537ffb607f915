"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import { saveHours } from "./hours";
import { hoursSchema } from "./hours-schema";
import { ownerMessages, saveHoursRefusal } from "./messages";
import { OWNER_ROLES } from "./scope";

export const saveHoursAction = formAction(
  hoursSchema,
  async (input, viewer): Promise<ActionState> => {
    const result = await saveHours({ viewer, input });
    if (!result.ok && result.reason === "conflict") {
      // Drawn again, the form is reset to the hours as they are now, with their new version.
      revalidatePath("/owner", "layout");
      return { stale: true, message: ownerMessages.hoursChanged };
    }
    if (!result.ok) return { message: saveHoursRefusal(result) };
    revalidatePath("/owner", "layout");
    // Customers see the hours on the cards and the restaurant's page.
    revalidatePath("/", "layout");
    if (input.week.length > 0) return { ok: true, message: ownerMessages.hoursSaved };
    return { ok: true, message: ownerMessages.noHoursSaved(input.closedDays.length > 0) };
  },
  { roles: OWNER_ROLES },
);
