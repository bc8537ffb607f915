/**
 * Server action requests (POST with a Next-Action header) whose body Next.js cannot decode used to end in a 500.
 * Next's own client sends exactly two shapes (next/dist/server/app-render/action-handler.js):
 *   - multipart/form-data: a form, or arguments that hold files or FormData;
 *   - text/plain;charset=UTF-8: arguments that encode to a string, a JSON array (React's encodeReply), e.g. `[]`
 *     for an action called with no arguments.
 * Anything else is answered 400 before it reaches the app.
 */
export async function isDecodableActionBody(request: Request): Promise<boolean> {
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  if (contentType.startsWith("multipart/form-data")) {
    if (!/;\s*boundary=/.test(contentType)) return false;
    try {
      await request.clone().formData();
      return true;
    } catch {
      return false;
    }
  }
  if (contentType.startsWith("text/plain")) {
    try {
      return Array.isArray(JSON.parse(await request.clone().text()));
    } catch {
      return false;
    }
  }
  return false;
}

export function isActionRequest(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}
