import type { OrderStatus } from "@/db/schema";
import { changedSinceOpened } from "@/lib/action";
import { isOpenStatus } from "@/lib/orders/status";
import { UNKNOWN_ZONE_MESSAGE } from "@/lib/restaurants/time-zones";
import { counted } from "@/lib/words";

import type { SaveHoursResult } from "./hours";
import type { CategoryCreateResult, CategoryRenameResult, DeleteCategoryResult, MoveResult } from "./menu";
import type { OptionGroupCreateResult } from "./options";
import type { MoveOrderResult } from "./queries";

type Refusal<R> = Extract<R, { ok: false }>;

/** Who may have saved a restaurant's form first. */
const ELSEWHERE = "in another tab or by another owner";

/** The owner tools' words, in one place: what the menu, details and queue actions say for each result. */
export const ownerMessages = {
  restaurantNotFound: "Restaurant not found.",
  categoryNotFound: "Category not found.",
  itemNotFound: "Item not found.",
  groupNotFound: "Option group not found.",
  choiceNotFound: "Choice not found.",
  groupDeleted: "Option group removed.",
  saved: "Saved.",
  detailsChanged: changedSinceOpened("these details", ELSEWHERE, true),
  itemChanged: changedSinceOpened("this item", ELSEWHERE),
  groupChanged: changedSinceOpened("this option group", ELSEWHERE),
  hoursSaved: "Opening hours saved.",
  hoursChanged: changedSinceOpened("these hours", ELSEWHERE, true),
  // Each empty day reads "Closed" while other days have hours; with none at all there are no hours to keep.
  noHoursSaved: (closedDays: boolean) =>
    "Saved with no weekly hours: customers can order whenever “Open for orders” is on" +
    (closedDays ? ", except on the closed days listed." : ".") +
    " To close on some days, give the others their hours.",
  added: (name: string) => `Added ${name}.`,
  moved: "Moved.",
  categoryDeleted: "Category deleted.",
  itemDeleted: "Item deleted.",
  availability: (available: boolean) => (available ? "Available again." : "Marked unavailable."),
  choiceAvailability: (available: boolean) => (available ? "Available again." : "Marked sold out."),
  orderMoved: (to: OrderStatus) => (to === "cancelled" ? "Order cancelled." : `Order marked ${to}.`),
};

/** `notFound`: which record the move was about ("Category not found." or "Item not found."). */
export function moveRefusal(failure: Refusal<MoveResult>, notFound: string): string {
  switch (failure.reason) {
    case "not-found":
      return notFound;
    case "invalid:at-edge":
      return "It is already at that end of the list.";
  }
}

export function deleteCategoryRefusal(failure: Refusal<DeleteCategoryResult>): string {
  switch (failure.reason) {
    case "not-found":
      return ownerMessages.categoryNotFound;
    case "conflict:has-items": {
      const items = counted(failure.items, "item", "items");
      return `This category still has ${items}. Delete them first; only empty categories can be deleted.`;
    }
  }
}

export function moveOrderRefusal(
  failure: Refusal<MoveOrderResult>,
  { orderId, from, to }: { orderId: number; from: OrderStatus; to: OrderStatus },
): string {
  switch (failure.reason) {
    case "not-found":
      return "Order not found.";
    case "invalid:transition":
      return `An order cannot go from ${from} to ${to}.`;
    case "conflict":
      // Read above the queue when the order has left it (lib/action.ts, `gone`): it names the order.
      return isOpenStatus(failure.status)
        ? `This order is already ${failure.status}. The queue has been refreshed.`
        : `Order #${orderId} is already ${failure.status}, so it has left the queue.`;
  }
}

export function saveHoursRefusal(failure: Refusal<SaveHoursResult>): string {
  switch (failure.reason) {
    case "not-found":
      return ownerMessages.restaurantNotFound;
    case "invalid:time-zone":
      return UNKNOWN_ZONE_MESSAGE;
    case "conflict":
      return ownerMessages.hoursChanged;
  }
}

/** A category's add or rename refused: `notFound` is what a record that is not the viewer's is called. */
export const categoryRefusal =
  (notFound: string) =>
  (failure: Refusal<CategoryCreateResult | CategoryRenameResult>): string =>
    failure.reason === "not-found"
      ? notFound
      : `This menu already has a category named "${failure.name}": give this one another name.`;

export function optionGroupRefusal(failure: Refusal<OptionGroupCreateResult>): string {
  switch (failure.reason) {
    case "not-found":
      return ownerMessages.itemNotFound;
    case "invalid:too-many-groups":
      return `An item has at most ${failure.max} option groups.`;
    case "invalid:name-taken":
      return `This item already has a group named "${failure.name}": give this one another name.`;
  }
}
