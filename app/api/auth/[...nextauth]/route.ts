import type { NextRequest } from "next/server";

import { handlers } from "@/lib/auth/config";
import {
  authRequestProblem,
  credentialsKeys,
  malformedJsonBody,
  refusedAsThrottled,
  tooManyAttempts,
} from "@/lib/auth/route-guard";

// Auth.js' own handlers behind three checks (lib/auth/route-guard.ts): a malformed callbackUrl is a 400 instead of
// Auth.js' 500, a JSON body that does not parse is a 400 without Auth.js' stack trace in the log, and credentials
// posted while the account or the client address is locked get a 429 + Retry-After.
export async function GET(request: NextRequest) {
  return authRequestProblem(request) ?? handlers.GET(request);
}

export async function POST(request: NextRequest) {
  const problem = authRequestProblem(request) ?? (await malformedJsonBody(request));
  if (problem) return problem;
  const keys = await credentialsKeys(request);
  const locked = keys ? await tooManyAttempts(keys) : null;
  if (locked) return locked;
  const response = await handlers.POST(request);
  // authorize refused (and audited) an attempt that raced with a new lock: answer it the same way.
  if (keys && refusedAsThrottled(response)) return (await tooManyAttempts(keys, { audit: false })) ?? response;
  return response;
}
