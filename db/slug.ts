/**
 * The web-address names of profiles and restaurants (/u/<slug>, /r/<slug>): lower-case ASCII words joined by single
 * dashes, at most SLUG_MAX characters. The tables' *_slug_shape checks (db/schema) say the same in SQL, and
 * db/slug.test.ts holds the two together.
 */
export const SLUG_MAX = 64;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Latin letters that are letters of their own, not a base letter with an accent, so NFKD leaves them whole. */
const OWN_LETTERS: Record<string, string> = { ß: "ss", ø: "o", ł: "l", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th" };

/**
 * A slug made from a name: "Zoë O'Brien" → "zoe-o-brien", "Phở Sài Gòn" → "pho-sai-gon", "Smørrebrød" →
 * "smorrebrod". Accents are dropped (and letters of their own such as ø, ł, ß and đ are spelled in plain Latin),
 * anything else between words becomes one dash, and the result is cut to SLUG_MAX. A name with no Latin letters or
 * digits gives "", which the caller must handle.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßøłæœđðþ]/g, (letter) => OWN_LETTERS[letter]!)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

/**
 * `slug` with "-suffix" on the end (a suffix of lower-case letters and digits), still within SLUG_MAX: the slug is
 * cut to make room, and a dash the cut leaves at its end goes, so that the two never meet as "--".
 */
export function withSuffix(slug: string, suffix: string): string {
  const room = SLUG_MAX - suffix.length - 1;
  const head = slug.slice(0, room).replace(/-+$/g, "");
  return head ? `${head}-${suffix}` : suffix;
}
