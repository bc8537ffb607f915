"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { formAction } from "@/lib/action";
import { recordId } from "@/lib/validation";

import { setFavorite } from "./queries";

const favoriteSchema = z.object({
  restaurantId: recordId(),
  favorite: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setFavoriteAction = formAction(favoriteSchema, async (input, viewer) => {
  const found = await setFavorite({ profileId: viewer.profileId, ...input });
  if (!found) return { message: "Restaurant not found." };
  revalidatePath("/", "layout");
  return { ok: true };
});
