/**
 * A path whose percent-encoding does not decode (`/r/%zz`, a lone surrogate `/r/%ED%A0%80`, invalid UTF-8 `/r/%FF`)
 * makes Next.js throw a DecodeError while matching a dynamic route; it then looks for a /400 page, which the App
 * Router does not have, and answers a bare 500. The proxy answers 400 first.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
