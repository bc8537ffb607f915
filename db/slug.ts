/**
 * The web-address names of profiles and restaurants (/u/<slug>, /r/<slug>): lower-case ASCII words joined by single
 * dashes, at most SLUG_MAX characters. The tables' *_slug_shape checks (db/schema) say the same in SQL, and
 * db/slug.test.ts holds the two together.
 */
export const SLUG_MAX = 64;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A slug made from a name: "Zoë O'Brien" → "zoe-o-brien", "Phở Sài Gòn" → "pho-sai-gon". Accents are dropped (and
 * Vietnamese đ, a letter of its own, becomes d), anything else between words becomes one dash, and the result is
 * cut to SLUG_MAX. A name with no Latin letters or digits gives "", which the caller must handle.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}
