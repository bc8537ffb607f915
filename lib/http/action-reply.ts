/**
 * Whether React can decode a server action's argument list (its "reply", the format of React's encodeReply)
 * without failing. A well-formed JSON array is not enough: a string value that starts with "$" is React's, and
 * most such strings refer to another part of the body ("$1" the model in field "1", "$@1" a promise of it, "$Q1"
 * a Map built from it, "$0:0:a" a path into the argument list itself). A reference to a part that is not there,
 * a path that leads nowhere, or a BigInt that is not one makes decodeReply throw, and Next.js answers 500.
 *
 * The rules follow parseModelString and getOutlinedModel in react-server-dom-webpack (React 19.2); the unit
 * test checks them against React's own decodeReply. Kinds that Platter's client never sends (server references
 * as arguments, Blobs, typed arrays, streams and async iterables) are refused rather than modelled.
 *
 * `parts` are the body's text fields in order: for a text/plain body, the body as field "0". Chunk ids are
 * hexadecimal in references and decimal in field names. Next.js decodes multipart bodies as they stream in
 * (decodeReplyFromBusboy): a field whose name is a number resolves that chunk, and the argument list is decoded
 * as soon as field "0" arrives, so what it refers to must come before it (React's client writes it so), and a
 * chunk's field may come only once.
 */
export function isResolvableReply(
  parts: readonly (readonly [name: string, text: string])[],
  { root = "arguments" }: { root?: "arguments" | "bound-action" } = {},
): boolean {
  const chunks = new Map<string, string>(); // the chunks there when "0" arrives
  const names = new Set<string>();
  for (const [name, text] of parts) {
    if (root === "bound-action") {
      // A no-JavaScript form's action (React's decodeAction): read from the whole form once it has arrived, each
      // chunk by its exact name, the last text of that name (React keeps them in a Map, appending in order).
      if (String(Number(name)) === name) chunks.set(name, text);
      continue;
    }
    // React reads "S<number>" as a stream's chunk: no stream is ever sent, so such a field only breaks decoding.
    if (name.startsWith("S") && !Number.isNaN(Number(name.slice(1)))) return false;
    const id = Number(name); // React's own reading of a field name, as in +name
    if (Number.isNaN(id)) continue; // the form's own fields ("_1_name" for "$K1") and others React keeps aside
    if (String(id) !== name || names.has(name)) return false; // "00", " 1", "", a repeat: not what React wrote
    names.add(name);
    if (!chunks.has("0")) chunks.set(name, text);
  }

  const models = new Map<number, unknown>();
  const pending: number[] = []; // parts read but not yet checked
  const consumed = new Set<number>(); // a Map, Set or iterator may be built from a part only once
  // React counts a referenced array again at each reference (and refuses past a million slots), and decodes
  // recursively: bodies whose references multiply their size, or that nest deeply, are refused well before that.
  let references = 0;
  let size = 0;
  const grow = (by: number) => {
    size += by;
    if (size > MAX_SIZE) throw new RangeError("too large once references are counted");
  };

  /** A part's JSON, parsed once; undefined when the body has no such part (JSON itself is never undefined). */
  const model = (id: number): unknown => {
    if (models.has(id)) return models.get(id);
    const text = chunks.get(String(id));
    if (text === undefined) return undefined;
    const value = JSON.parse(text) as unknown; // throws for a part that is not JSON: caught below
    grow(sizeOf(value));
    models.set(id, value);
    pending.push(id);
    return value;
  };

  const resolves = (reference: string, collection?: "map" | "set"): boolean => {
    const [head = "", ...path] = reference.split(":");
    if (!HEX.test(head) || ++references > MAX_REFERENCES) return false;
    const id = Number.parseInt(head, 16);
    let value = model(id);
    if (value === undefined) return false;
    for (const key of path) {
      // The path runs through what the client wrote inline; React refuses anything but plain objects and arrays,
      // and it drops "__proto__" keys and keys whose value decodes to undefined before following a path.
      if (!isPlainContainer(value) || !Object.hasOwn(value, key) || key === "__proto__") return false;
      value = (value as Record<string, unknown>)[key];
      if (typeof value === "string" && UNDEFINED.test(value)) return false;
    }
    // An array reached by reference counts its whole part again in React (which may double at each reference):
    // counted here as everything so far, more than React counts, so that what passes here passes there.
    grow(Array.isArray(value) ? size : sizeOf(value));
    if (!collection) return true;
    if (path.length > 0 || consumed.has(id) || !Array.isArray(value)) return false;
    if (collection === "map" && !value.every((entry) => Array.isArray(entry))) return false; // [key, value] pairs
    consumed.add(id);
    return true;
  };

  const isValid = (text: string): boolean => {
    if (!text.startsWith("$")) return true;
    const kind = text[1] ?? "";
    const rest = text.slice(2);
    if (SELF_CONTAINED.has(kind)) return true;
    if (kind === "n") return rest.length <= 300 && BIGINT.test(rest);
    if (kind === "@") return HEX.test(rest) && resolves(rest);
    if (kind === "Q") return resolves(rest, "map");
    if (kind === "W" || kind === "i") return resolves(rest, "set");
    if (NEVER_SENT.has(kind)) return false;
    return resolves(text.slice(1));
  };

  try {
    const top = model(0);
    if (root === "arguments" ? !Array.isArray(top) : !isBoundAction(top)) return false;
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (!everyString(models.get(id), isValid, 0)) return false;
    }
    // The bound arguments ("$@1", checked above to resolve) are an argument list, as React's client writes them.
    const bound = root === "bound-action" ? (top as BoundAction).bound : null;
    return typeof bound !== "string" || Array.isArray(model(Number.parseInt(bound.slice(2), 16)));
  } catch {
    return false; // a part that is not JSON, or nesting deeper than the stack
  }
}

/**
 * What a no-JavaScript form names its action with (`$ACTION_<n>:0`, React's encodeFormAction): the action's id and
 * its bound arguments, none or a promise of the list ("$@1"). Next.js checks the id; the rest is React's to decode.
 */
type BoundAction = { id: string; bound: null | unknown[] | string };
function isBoundAction(value: unknown): value is BoundAction {
  if (!isPlainContainer(value) || Array.isArray(value)) return false;
  const { id, bound } = value as Partial<BoundAction>;
  if (typeof id !== "string") return false;
  return bound === null || Array.isArray(bound) || (typeof bound === "string" && /^\$@[0-9a-f]+$/i.test(bound));
}

const HEX = /^[0-9a-f]+$/i;
const BIGINT = /^(-?\d+)?$/; // "$n" alone is 0n
const UNDEFINED = /^\$[uH]/; // "$undefined", and "$H…", which React also decodes to undefined
/** "$$…" an escaped "$", "$K" the form's fields, the rest constants and dates. */
const SELF_CONTAINED = new Set(["$", "K", "H", "I", "-", "N", "u", "D"]);
/** Server references, temporary references, Blobs, streams, iterables and typed arrays: never in plain data. */
const NEVER_SENT = new Set([..."hTBRrXx", ..."AOoUSsLlGgMmV"]);
/** Platter's forms send a few kilobytes; React's own limits are a million array slots and the stack. */
const MAX_REFERENCES = 16;
const MAX_SIZE = 100_000;
const MAX_DEPTH = 64;

function isPlainContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === Array.prototype;
}

/** React revives every string value (not keys) of a part's JSON. False past MAX_DEPTH levels of nesting. */
function everyString(value: unknown, test: (text: string) => boolean, depth: number): boolean {
  if (typeof value === "string") return test(value);
  if (typeof value !== "object" || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  return Object.values(value).every((item) => everyString(item, test, depth + 1));
}

/** Array slots and characters, as React counts them, plus one per value so that empty values count too. */
function sizeOf(value: unknown): number {
  if (typeof value === "string") return 1 + value.length;
  if (typeof value !== "object" || value === null) return 1;
  const items = Object.values(value);
  let size = 1 + (Array.isArray(value) ? items.length : 0);
  for (const item of items) size += sizeOf(item);
  return size;
}
