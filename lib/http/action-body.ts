import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "next/dist/compiled/busboy";

import { isResolvableReply } from "./action-reply";

/**
 * Server action requests (POST with a Next-Action header) whose body Next.js cannot decode used to end in a 500.
 * Next's own client sends exactly two shapes (next/dist/server/app-render/action-handler.js):
 *   - multipart/form-data: arguments that hold files or FormData (a form), the argument list in field "0";
 *   - text/plain;charset=UTF-8: arguments that encode to a string, a JSON array (React's encodeReply), e.g. `[]`
 *     for an action called with no arguments.
 * Anything else is answered 400 before it reaches the app, as is an argument list React could not decode
 * (lib/http/action-reply.ts).
 */
export async function isDecodableActionBody(request: Request): Promise<boolean> {
  const contentType = request.headers.get("content-type") ?? "";
  // Next.js' own test, case and all (server-action-request-meta.js): anything else it reads as text.
  if (contentType.startsWith("multipart/form-data")) {
    if (!/;\s*boundary=/i.test(contentType)) return false;
    const parts = await textFields(request, contentType);
    // React's encodeReply puts the argument list in field "0" and what it refers to in the others: a form
    // without it (a no-JavaScript form post carries no Next-Action header) leaves Next.js nothing to decode.
    return parts !== null && isResolvableReply(parts);
  }
  if (contentType.toLowerCase().startsWith("text/plain")) {
    try {
      // As Next.js reads it: UTF-8, a byte-order mark kept (and then refused by JSON.parse, as by React).
      const body = Buffer.from(await request.clone().arrayBuffer()).toString("utf-8");
      return isResolvableReply([["0", body]]);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Next.js' limit on a server action's body: serverActions.bodySizeLimit, which Platter leaves at its default, 1 MB
 * (next/dist/server/app-render/action-handler.js). Past it Next.js throws its 413 inside the render: the client gets
 * a 200 whose payload is an error digest ("Something went wrong") and the log a stack trace. No form of Platter's
 * comes near it (the longest field takes 4,000 characters), so only a hand-made request is refused, with a 413.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Whether a server action's body is longer than Next.js takes (ACTION_BODY_LIMIT_BYTES), counted in bytes as Next.js
 * counts them: by its Content-Length (Node's parser holds a request to it), else by reading it, as far as the limit.
 */
export async function isOversizedActionBody(request: Request): Promise<boolean> {
  const declared = request.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared)) return Number(declared) > ACTION_BODY_LIMIT_BYTES;
  const body = request.clone().body;
  if (!body) return false;
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > ACTION_BODY_LIMIT_BYTES) return true;
    }
  } catch {
    return false; // unreadable: isDecodableActionBody refuses it
  } finally {
    void reader.cancel().catch(() => {});
  }
}

/**
 * A multipart body's text fields in order, read by the parser Next.js decodes actions with (busboy, with Next's
 * options), not by the platform's FormData: the two disagree on charsets, base64 parts, byte-order marks, parts
 * without a filename and repeated headers, and only Next's reading matters. Null when it cannot be parsed.
 */
async function textFields(request: Request, contentType: string): Promise<[string, string][] | null> {
  try {
    const parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8" });
    const fields: [string, string][] = [];
    let nameless = false;
    // A part whose Content-Disposition names no field (or name="") comes without a name, on which React's resolveField
    // throws.
    parser.on("field", (name, value) => {
      if (typeof name === "string") fields.push([name, value]);
      else nameless = true;
    });
    parser.on("file", (_name, stream) => stream.resume()); // a file is never a chunk of the argument list
    const body = request.clone().body;
    await pipeline(body ? Readable.fromWeb(body as NodeReadableStream) : Readable.from([]), parser);
    return nameless ? null : fields;
  } catch {
    return null;
  }
}

/**
 * Next.js refuses a server action posted from another site (its CSRF check: the Origin's host must equal the
 * first X-Forwarded-Host, else the Host; no allowedOrigins are configured), but answers that refusal with a 500,
 * and one with an Origin it cannot parse with a TypeError. The same rule here, so that proxy.ts answers 403 first.
 * A request with no Origin passes, as it does in Next.js: browsers send one with every POST, and a hand-made
 * request carries no cookies but its maker's.
 */
export function isCrossSiteAction(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  if (origin !== "null" && !URL.canParse(origin)) return true;
  const originHost = origin === "null" ? "null" : new URL(origin).host;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return !host || originHost !== host;
}

export function isActionRequest(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/**
 * A form posted without JavaScript (no Next-Action header): Next.js takes every multipart POST to a page for a
 * possible server action (server-action-request-meta.js), checks where it came from, reads it with the platform's
 * FormData, and decodes the action it names (`$ACTION_ID_<id>`, or `$ACTION_REF_<n>` with its bound arguments in
 * `$ACTION_<n>:…`: React's decodeAction). It answered a body FormData cannot parse, an Origin of another site, a body
 * past its size limit and bound arguments React cannot decode with a 500, so proxy.ts refuses them first, as for the
 * requests of Next's client. Route handlers (/api) are not pages: Next.js answers them itself.
 */
export function isFormActionRequest(request: Request): boolean {
  return (
    request.method === "POST" &&
    !request.headers.has("next-action") &&
    (request.headers.get("content-type") ?? "").startsWith("multipart/form-data") &&
    !new URL(request.url).pathname.startsWith("/api/")
  );
}

/** Whether Next.js can read a no-JavaScript form post (isFormActionRequest) and React decode the action it names. */
export async function isDecodableFormActionBody(request: Request): Promise<boolean> {
  let form: FormData;
  try {
    form = await request.clone().formData(); // as Next.js reads it: the platform's parser, not busboy
  } catch {
    return false;
  }
  const entries = [...form.entries()];
  for (const [key] of entries) {
    if (!key.startsWith("$ACTION_REF_")) continue;
    const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
    const parts = entries.flatMap(([name, value]): [string, string][] =>
      name.startsWith(prefix) && typeof value === "string" ? [[name.slice(prefix.length), value]] : [],
    );
    if (!isResolvableReply(parts, { root: "bound-action" })) return false;
  }
  return true;
}
