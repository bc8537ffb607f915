/** "Zoë O'Brien" -> "zoe-o-brien": ASCII, lower case, dashes, at most 64 characters (the profiles_slug_shape check). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}
