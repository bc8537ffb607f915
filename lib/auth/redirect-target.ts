/**
 * Only same-site paths are followed after sign-in: "/orders" yes, "//evil.example" or "https://..." no. Whitespace,
 * control characters and backslashes are refused anywhere: browsers drop tabs and newlines from URLs ("/\t/evil"
 * becomes "//evil") and read "\" as "/".
 */
export function safeRedirectTarget(value: unknown, fallback = "/profile"): string {
  if (typeof value !== "string" || value.length > 500) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\s\\\p{Cc}]/u.test(value)) return fallback;
  return value;
}
