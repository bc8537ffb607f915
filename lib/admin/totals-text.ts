import { counted } from "@/lib/words";

/** Words for the admin's totals and counts: pure, so that their grammar is unit-tested (totals-text.test.ts). */

/**
 * The note under the platform's totals. Counts of one happen on any real platform (the first disabled account):
 * "1 accounts are disabled" read as a slip, so the nouns and the verb follow the numbers.
 */
export function platformTotalsNote({
  cancelledOrders,
  disabledUsers,
}: {
  cancelledOrders: number;
  disabledUsers: number;
}): string {
  return (
    `Revenue and orders are of all time (a table by month counts only its months), and exclude the ` +
    `${counted(cancelledOrders, "cancelled order", "cancelled orders")}, as every user's total does; it is the sum ` +
    `of the users' totals, delivery fees included. ` +
    `${counted(disabledUsers, "account is", "accounts are")} disabled.`
  );
}
