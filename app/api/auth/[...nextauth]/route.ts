import { NextRequest } from "next/server";

import { handlers } from "@/lib/auth/config";
import {
  authRequestProblem,
  credentialsKeys,
  malformedJsonBody,
  refusedAsThrottled,
  tooManyAttempts,
  unservedAuthEndpoint,
} from "@/lib/auth/route-guard";

// Auth.js' own handlers behind four checks (lib/auth/route-guard.ts): an endpoint this app does not serve is a 404
// (or 405) instead of Auth.js' 500 "Configuration" page, a malformed callbackUrl is a 400 instead of Auth.js' 500, a
// JSON body that does not parse is a 400 without Auth.js' stack trace in the log, and credentials posted while the
// account or the client address is locked get a 429 + Retry-After.
export async function GET(request: NextRequest) {
  // Next.js answers HEAD with this handler (and drops the body); Auth.js knows only GET and POST, and the guard's 405
  // told a HEAD of /api/auth/session to use GET.
  const get = request.method === "HEAD" ? new NextRequest(request, { method: "GET" }) : request;
  return unservedAuthEndpoint(get) ?? authRequestProblem(get) ?? handlers.GET(get);
}

export async function POST(request: NextRequest) {
  const problem = unservedAuthEndpoint(request) ?? authRequestProblem(request) ?? (await malformedJsonBody(request));
  if (problem) return problem;
  const keys = await credentialsKeys(request);
  const locked = keys ? await tooManyAttempts(keys) : null;
  if (locked) return locked;
  const response = await handlers.POST(request);
  // authorize refused (and audited) an attempt that raced with a new lock: answer it the same way.
  if (keys && refusedAsThrottled(response)) return (await tooManyAttempts(keys, { audit: false })) ?? response;
  return response;
}
