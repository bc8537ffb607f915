"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { formAction } from "@/lib/action";
import { recordId } from "@/lib/validation";

import { favoriteMessages } from "./messages";
import { setFavorite } from "./queries";

const favoriteSchema = z.object({
  restaurantId: recordId(),
  favorite: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setFavoriteAction = formAction(favoriteSchema, async (input, viewer) => {
  if (!(await setFavorite({ viewer, ...input })).ok) return { message: favoriteMessages.notFound };
  revalidatePath("/", "layout");
  return { ok: true };
});
