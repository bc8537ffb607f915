/**
 * Every response's security headers, built in one place (proxy.ts sets them). The CSP is nonce-based, as Next.js
 * documents: Next reads the nonce from the request's Content-Security-Policy header and puts it on its own inline
 * scripts; 'strict-dynamic' lets those load the chunks they need. Decision 0008 explains each choice.
 */
export type SecurityContext = { nonce: string; https: boolean; dev: boolean };

export function contentSecurityPolicy({ nonce, https, dev }: SecurityContext): string {
  const directives = [
    "default-src 'self'",
    // React uses eval in development only (server error stacks in the browser).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Style attributes (a chart legend's colour) cannot run code; allowing them keeps style-src elements strict.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(context: SecurityContext): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(context),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only over https: a browser that gets HSTS over plain http ignores it, and localhost must stay reachable.
    ...(context.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/**
 * The visitor's scheme: the URL's own, or the first hop's x-forwarded-proto when a TLS-terminating proxy sits in
 * front (the same header Auth.js reads, with trustHost, to choose `__Secure-` cookies).
 */
export function isHttps(request: { headers: Headers; nextUrl: { protocol: string } }): boolean {
  const forwarded = forwardedProto(request.headers);
  return forwarded ? forwarded === "https" : request.nextUrl.protocol === "https:";
}

/**
 * Whether a cookie set while answering a request with these headers is marked Secure: the visitor is on https, by
 * a TLS-terminating proxy's x-forwarded-proto or by the scheme of the page that sent the action or form. Either
 * will do: `next start` fills x-forwarded-proto with "http" itself when a proxy in front did not set it, while the
 * browser's Origin still says https. Never on http://localhost, where a Secure cookie would not come back.
 */
export function cookieIsSecure(headers: Pick<Headers, "get">): boolean {
  return forwardedProto(headers) === "https" || (headers.get("origin") ?? "").startsWith("https://");
}

/** The scheme a TLS-terminating proxy says the visitor used (`next start` fills "http" when none said). */
export const forwardedProto = (headers: Pick<Headers, "get">) =>
  headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();

/** 128 random bits, base64: unguessable and fresh for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
