/** Only same-site paths are followed after sign-in: "/orders" yes, "//evil.example" or "https://..." no. */
export function safeRedirectTarget(value: unknown, fallback = "/profile"): string {
  if (typeof value !== "string" || value.length > 500) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
