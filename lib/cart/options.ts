import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * Options as the current menu has them, for everything that prices a line: adding to the cart, showing it,
 * checking out and reordering. The SQL fragments are correlated scalar subqueries, so each caller keeps its
 * statement count: they ride along in the statement that already reads the item or the cart line.
 */

/** A chosen choice as the menu has it now; `live` is false once it or its group was deleted, or while it is sold out. */
export type ChosenChoice = {
  id: number;
  name: string;
  priceDeltaCents: number;
  groupId: number;
  groupName: string;
  menuItemId: number;
  live: boolean;
};
/**
 * A chosen option as a line shows it ("Size: Large (+$2.00)") and an order keeps it: the cart and its review, the
 * review's digest, and the order's snapshot (order_line_options).
 */
export type LineOption = { groupName: string; choiceName: string; priceDeltaCents: number };
export const lineOption = ({
  groupName,
  name,
  priceDeltaCents,
}: Pick<ChosenChoice, "groupName" | "name" | "priceDeltaCents">): LineOption => ({
  groupName,
  choiceName: name,
  priceDeltaCents,
});

/** A group the item offers now. */
export type LiveGroup = { id: number; name: string; minChoices: number; maxChoices: number };

/** The choices (`ch`, of group `g`) that `where` keeps, as ChosenChoice json. */
export const choicesSql = (where: SQLWrapper) => sql<ChosenChoice[] | string>`(
  select coalesce(json_agg(json_build_object('id', ch.id, 'name', ch.name, 'priceDeltaCents', ch.price_delta_cents,
    'groupId', g.id, 'groupName', g.name, 'menuItemId', g.menu_item_id,
    'live', ch.deleted_at is null and g.deleted_at is null and ch.available)
    order by g.position, g.id, ch.position, ch.id), '[]'::json)
  from menu_option_choices ch join menu_option_groups g on g.id = ch.group_id where ${where})`;

/** The choices named by `choiceIds` (an int[] expression), deleted ones included so that they can be named. */
export const chosenChoicesSql = (choiceIds: SQLWrapper) => choicesSql(sql`ch.id = any(${choiceIds})`);

/**
 * Two group or choice names that a customer reads as the same: trimmed, ignoring case (as the owner's editor tells
 * choices apart). In SQL, so that reorder and the cart's notes on it compare names alike.
 */
export const sameOptionName = (a: SQLWrapper, b: SQLWrapper) => sql`lower(btrim(${a})) = lower(btrim(${b}))`;

/**
 * Whether choice `ch` (of group `g`) takes the place of the past option `past` (an order_line_options alias) by its
 * group and choice names, which reorder falls back to once the past option's own choice is gone (deleted, or its
 * group deleted and made again under the same names). Over the aliases `ch` and `g`, as in choicesSql.
 */
export const replacesByName = (past: SQLWrapper) => sql`${sameOptionName(sql`g.name`, sql`${past}.group_name`)}
  and ${sameOptionName(sql`ch.name`, sql`${past}.choice_name`)}
  and not exists (select 1 from menu_option_choices kept join menu_option_groups kg on kg.id = kept.group_id
    where kept.id = ${past}.choice_id and kept.deleted_at is null and kg.deleted_at is null)`;

/** The live groups of the item `menuItemId` (a column or expression). */
export const liveGroupsSql = (menuItemId: SQLWrapper) => sql<LiveGroup[] | string>`(
  select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'minChoices', g.min_choices,
    'maxChoices', g.max_choices) order by g.position, g.id), '[]'::json)
  from menu_option_groups g where g.menu_item_id = ${menuItemId} and g.deleted_at is null)`;

/**
 * Whether a selection that fits the item's groups can be made today: every group has at least its minimum of
 * choices that are not sold out. A required Size whose every size is sold out makes the dish unorderable for now,
 * as an unavailable item is: its options form would offer only greyed-out choices and "Choose an option for Size."
 */
export const canBeChosen = (groups: readonly { minChoices: number; choices: readonly { available: boolean }[] }[]) =>
  groups.every((group) => group.choices.filter((choice) => choice.available).length >= group.minChoices);

/** A list of ids as an int[] literal (an empty list included, which a bare parameter could not type). */
export const intArray = (ids: readonly number[]): SQL =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  )}]::int[]`;

/** json comes back parsed from both drivers in relational queries, but as text from some core selects. */
export const fromJson = <T>(value: T | string | null | undefined): T =>
  (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as T;

export type SelectionFailure =
  /** An id that is no choice of this item at all (another item's, another restaurant's, or made up). */
  | { reason: "not-found:choice" }
  /** Choices deleted from the menu (or their group) since they were picked, or sold out for now. */
  | { reason: "unavailable:choices"; choiceNames: string[] }
  | { reason: "invalid:too-few-choices"; groupName: string; minChoices: number }
  | { reason: "invalid:too-many-choices"; groupName: string; maxChoices: number };

export type Selection = { choiceIds: number[]; deltaCents: number; choices: ChosenChoice[] };

/** The sorted, distinct ids: the cart line's identity does not depend on the order the boxes were ticked. */
export const choiceKey = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

/**
 * Checks a set of choices against the item's current groups: every id is a live choice of this item, and each
 * group gets from its min to its max choices. Prices come from the menu, never from the request.
 */
export function checkSelection({
  menuItemId,
  requested,
  chosen,
  groups,
}: {
  menuItemId: number;
  requested: readonly number[];
  chosen: readonly ChosenChoice[];
  groups: readonly LiveGroup[];
}): ({ ok: true } & Selection) | ({ ok: false } & SelectionFailure) {
  const choiceIds = choiceKey(requested);
  const known = chosen.filter((c) => c.menuItemId === menuItemId);
  if (known.length !== choiceIds.length) return { ok: false, reason: "not-found:choice" };
  const gone = known.filter((c) => !c.live);
  if (gone.length > 0) return { ok: false, reason: "unavailable:choices", choiceNames: gone.map((c) => c.name) };
  for (const group of groups) {
    const picked = known.filter((c) => c.groupId === group.id).length;
    if (picked < group.minChoices) {
      return { ok: false, reason: "invalid:too-few-choices", groupName: group.name, minChoices: group.minChoices };
    }
    if (picked > group.maxChoices) {
      return { ok: false, reason: "invalid:too-many-choices", groupName: group.name, maxChoices: group.maxChoices };
    }
  }
  const deltaCents = known.reduce((sum, c) => sum + c.priceDeltaCents, 0);
  return { ok: true, choiceIds, deltaCents, choices: known };
}
