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

/**
 * Auth.js' redirect callback: where it sends the browser after sign-in or sign-out, kept to same-site paths
 * whatever it was handed. Its types say `url` is a string, but it is what the request carried: a JSON body's
 * `"callbackUrl": 5` arrived as a number, and `url.startsWith` threw (logged with its stack, answered as an error).
 */
export function sameSiteRedirect({ url, baseUrl }: { url: unknown; baseUrl: string }): string {
  let path: string | undefined;
  if (typeof url === "string" && url.startsWith("/")) path = url;
  else if (typeof url === "string" && URL.canParse(url) && new URL(url).origin === baseUrl) {
    const parsed = new URL(url);
    path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  }
  return `${baseUrl}${safeRedirectTarget(path, "/")}`;
}
