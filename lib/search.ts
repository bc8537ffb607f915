/**
 * A "contains" pattern for (I)LIKE that matches the text literally: LIKE treats % and _ as wildcards and \ as its
 * escape, so a search for "50%_off" escapes all three. Used by every search box (restaurants, admin users).
 */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
