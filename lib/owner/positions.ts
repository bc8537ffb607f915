import type { Direction } from "./schema";

/**
 * The sibling ids in their new order after moving `id` one step, or null when it cannot move (first up, last
 * down, or not among the siblings). Callers then write positions 0..n-1, which also repairs ties and gaps.
 */
export function moveOneStep(ids: readonly number[], id: number, direction: Direction): number[] | null {
  const from = ids.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
