"use server";

import { revalidatePath } from "next/cache";

import { formAction, type ActionState } from "@/lib/action";

import { adminMessages, roleChangeRefusals } from "./messages";
import { changeUserRole, setUserDisabled, type RoleChangeResult } from "./roles";
import { disableSchema, roleChangeSchema } from "./schema";

function done(result: RoleChangeResult, message: string): ActionState {
  if (!result.ok) return roleChangeRefusals[result.reason];
  revalidatePath("/admin", "layout");
  return { ok: true, message: result.changed ? message : adminMessages.unchanged };
}

export const changeRoleAction = formAction(
  roleChangeSchema,
  async (input, viewer) => done(await changeUserRole({ viewer, ...input }), adminMessages.roleSaved),
  { roles: ["admin"] },
);

export const setDisabledAction = formAction(
  disableSchema,
  async (input, viewer) => done(await setUserDisabled({ viewer, ...input }), adminMessages.disabled(input.disabled)),
  { roles: ["admin"] },
);
