import { uniqueViolation } from "@/lib/db-errors";

/** Another live record beside this one has its name (ignoring case): customers could not tell the two apart. */
export type NameTaken = { reason: "invalid:name-taken"; name: string };

/**
 * `save`, with a unique index on names (`index`) answered as a refusal. The index decides, not a check made before
 * the write: two saves giving two records one name at once each miss the other's row, and the second write is
 * refused by the index. It also costs no statement.
 */
export async function refusingTakenName<T>(
  index: string,
  name: string,
  save: () => Promise<T>,
): Promise<T | ({ ok: false } & NameTaken)> {
  try {
    return await save();
  } catch (error) {
    if (uniqueViolation(error) === index) return { ok: false, reason: "invalid:name-taken", name };
    throw error;
  }
}
