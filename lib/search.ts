/**
 * A "contains" pattern for (I)LIKE that matches the text literally: LIKE treats % and _ as wildcards and \ as its
 * escape, so a search for "50%_off" escapes all three. Used by every search box (restaurants, admin users).
 */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A customer search (admin orders, an owner's past orders) reads each matching customer's newest orders through
 * their own index, so its cost is this many customers times a page, whatever their histories (one customer may
 * have 100,000 orders). More matches than this and the page asks for a narrower search instead of reading
 * everyone's orders.
 */
export const MAX_MATCHED_CUSTOMERS = 50;
