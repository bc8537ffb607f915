// The Auth.js credentials flow for the HTTP benchmarks (bench/http.ts, bench/cluster.ts).

/** name=value pairs of Set-Cookie headers, without the ones being deleted. */
function cookiesFrom(res: Response, jar: Map<string, string>) {
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (!value || /max-age=0/i.test(header)) jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** The Auth.js credentials flow a browser goes through: csrf token, then the callback; returns a Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
  });
  cookiesFrom(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(
      `signing in ${email} gave no session cookie (status ${res.status}, location ${res.headers.get("location")})`,
    );
  }
  // Only the session: what a returning browser sends (the csrf and callback cookies change nothing on a GET).
  const session = new Map([...jar].filter(([k]) => k.includes("session-token")));
  const check = await fetch(`${base}/api/auth/session`, { headers: { cookie: cookieHeader(session) } });
  const body = (await check.json()) as { user?: { email?: string } } | null;
  if (body?.user?.email?.toLowerCase() !== email.toLowerCase())
    throw new Error(`session check for ${email} returned ${JSON.stringify(body)}`);
  return cookieHeader(session);
}
