/**
 * The words and the page shown while the database cannot be reached. Shared by proxy.ts (the 503 page and the
 * 503 answer to server actions) and the error boundaries, which recognise the action's message.
 */
export const UNAVAILABLE_TITLE = "Platter is temporarily unavailable";
export const UNAVAILABLE_MESSAGE =
  "Platter is temporarily unavailable. Nothing was changed; please try again in a minute.";
/** Seconds a client should wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page (no scripts, no database): it must render when nothing else can. */
export function unavailablePage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(UNAVAILABLE_TITLE)}</title>
<style nonce="${escape(nonce)}">
body{font-family:system-ui,sans-serif;color:#1c1917;background:#fafaf9;margin:0}
main{max-width:28rem;margin:4rem auto;padding:0 1rem;text-align:center}
h1{font-size:1.5rem}p{color:#57534e}a{color:#b45309}
</style>
</head>
<body>
<main>
<h1>${escape(UNAVAILABLE_TITLE)}</h1>
<p>${escape(UNAVAILABLE_MESSAGE.slice(UNAVAILABLE_TITLE.length + 2))}</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;
}
