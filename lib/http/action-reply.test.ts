import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { isResolvableReply } from "./action-reply";

/**
 * React itself is the oracle: the server half of react-server-dom-webpack, as Next.js bundles it, only loads under
 * the "react-server" condition, so it runs in a child process that decodes every body and reports what failed.
 * The client half (encodeReply) loads here and makes the bodies a real browser sends.
 */
const REACT = "next/dist/compiled/react-server-dom-webpack";
const require = createRequire(import.meta.url);
const { encodeReply } = require(`${REACT}/client.node.js`) as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

/** A text/plain body, or a multipart body's text fields in order. */
type Body = string | [name: string, text: string][];

const DECODE = `
const { Readable } = require("node:stream");
const { pipeline } = require("node:stream/promises");
const busboy = require(${JSON.stringify(require.resolve("next/dist/compiled/busboy"))});
const react = require(${JSON.stringify(require.resolve(`${REACT}/server.node.js`))});
const bodies = JSON.parse(require("node:fs").readFileSync(0, "utf8"));

// As next/dist/server/app-render/action-handler.js does: text/plain through decodeReply, multipart streamed
// through busboy into decodeReplyFromBusboy.
async function decode(body) {
  const options = { temporaryReferences: react.createTemporaryReferenceSet() };
  if (typeof body === "string") return react.decodeReply(body, {}, options);
  const form = new FormData();
  for (const [name, text] of body) form.append(name, text);
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const parser = busboy({ headers: { "content-type": request.headers.get("content-type") } });
  const bytes = Buffer.from(await request.arrayBuffer());
  const [, args] = await Promise.all([pipeline(Readable.from([bytes]), parser), react.decodeReplyFromBusboy(parser, {}, options)]);
  return args;
}

(async () => {
  const results = [];
  for (const body of bodies) {
    const late = new Promise((resolve) => setTimeout(() => resolve("no answer"), 1000));
    const decoded = decode(body).then(() => "decoded", (error) => String(error && error.message));
    results.push(await Promise.race([decoded, late]));
  }
  process.stdout.write(JSON.stringify(results));
})();`;

/** What React, as Next.js calls it, says of each body: "decoded" or why not. */
function decodeWithReact(bodies: Body[]): string[] {
  const output = execFileSync(process.execPath, ["--conditions=react-server", "-e", DECODE], {
    input: JSON.stringify(bodies),
    env: { ...process.env, NODE_ENV: "production" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString()) as string[];
}

const asBody = (encoded: string | FormData): Body =>
  typeof encoded === "string"
    ? encoded
    : [...encoded.entries()].flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      );

const resolvable = (body: Body) => isResolvableReply(typeof body === "string" ? [["0", body]] : body);

/** Arguments such as Platter's actions take, with the repeats and types that make React write references. */
const shared = { id: 7, name: "shared" };
const { value: argument } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown), // plain prototypes
    fc.string().map((text) => `$${text}`),
    fc.constantFrom(shared, undefined, Number.NaN, -0, Number.POSITIVE_INFINITY, 10n ** 20n, new Date(0)),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 3, noNullPrototype: true }),
    fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 2 }).map((entries) => new Map(entries)),
    fc.array(tie("value"), { maxLength: 2 }).map((items) => new Set(items)),
    fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.string()), { maxLength: 3 }).map((fields) => {
      const form = new FormData();
      for (const [name, text] of fields) form.append(name, text);
      return form;
    }),
  ),
}));

/** Strings that look like React's: every kind letter, ids that exist and ids that do not, paths, junk. */
const reactString = fc.oneof(
  fc.constantFrom("$1", "$2", "$a", "$@1", "$@2", "$Q1", "$W2", "$i1", "$0:0", "$1:0", "$1:a", "$K1", "$n12", "$D2020"),
  fc
    .tuple(
      fc.constantFrom(..."$@QWiKTHIN-uDnhBRrXxAOoUSsLlGgMmVYZ0129ab", ""),
      fc.oneof(fc.constantFrom("0", "1", "2", "0:0", "0:1", "0:0:a", "1:a", "1:0", "zz", "-1", "12a", ""), fc.string()),
    )
    .map(([kind, rest]) => `$${kind}${rest}`),
);
const { value: replyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    reactString,
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "0"), tie("value"), { maxKeys: 2 }),
  ),
}));
const rootValue = fc.oneof({ weight: 3, arbitrary: reactString }, { weight: 2, arbitrary: replyValue });
const field = fc.oneof(
  replyValue.map((value) => JSON.stringify(value)),
  fc.string(),
);
const craftedBody: fc.Arbitrary<Body> = fc.oneof(
  fc.array(rootValue, { maxLength: 3 }).map((root) => JSON.stringify(root)),
  // Multipart: the argument list anywhere among other chunks, odd names and repeats.
  fc
    .tuple(
      fc.array(rootValue, { maxLength: 3 }),
      fc.array(fc.tuple(fc.constantFrom("1", "2", "10", "0", "00", "1.0", "", "_1_x"), field), { maxLength: 3 }),
      fc.nat(),
    )
    .map(([root, others, at]) => {
      const fields: [string, string][] = [...others];
      fields.splice(at % (fields.length + 1), 0, ["0", JSON.stringify(root)]);
      return fields;
    }),
);

describe("server action argument lists", () => {
  it("accepts every body React's client writes, and React decodes them", async () => {
    const values = fc.sample(fc.array(argument, { maxLength: 3 }), { numRuns: 300, seed: 20261128 });
    const bodies = await Promise.all(values.map(async (args) => asBody(await encodeReply(args))));
    expect(bodies.some((body) => typeof body !== "string")).toBe(true); // Maps, Sets and forms made multipart bodies
    expect(bodies.filter((body) => !resolvable(body))).toEqual([]);
    const decoded = decodeWithReact(bodies);
    expect(bodies.filter((_, i) => decoded[i] !== "decoded")).toEqual([]);
  });

  it("accepts only bodies that React decodes, however they are crafted", () => {
    const bodies = fc.sample(craftedBody, { numRuns: 3000, seed: 20261128 });
    const decoded = decodeWithReact(bodies);
    const wronglyAccepted = bodies.flatMap((body, i) =>
      resolvable(body) && decoded[i] !== "decoded" ? [[body, decoded[i]]] : [],
    );
    expect(wronglyAccepted).toEqual([]);
    // Not a validator that refuses everything: most crafted bodies that React decodes are accepted (the rest are
    // promises of chunks that come later, and kinds Platter never sends).
    const acceptedByReact = bodies.filter((_, i) => decoded[i] === "decoded");
    expect(acceptedByReact.filter(resolvable).length).toBeGreaterThan(acceptedByReact.length * 0.6);
  });

  it("refuses the references that made Next.js answer 500", () => {
    for (const body of [
      '["$Y"]',
      '["$1"]',
      '["$@1"]',
      '["$Q1"]',
      '["$h1"]',
      '["$B1"]',
      '["$n12a"]',
      '["$0:0:c"]',
      '["$"]',
    ]) {
      expect(resolvable(body), body).toBe(false);
    }
    for (const body of ['["$$Y"]', '[{"a":1},"$0:0"]', '["$undefined","$NaN","$D2020","$n-12","$K1"]']) {
      expect(resolvable(body), body).toBe(true);
    }
    expect(
      resolvable([
        ["1", "[[1,2]]"],
        ["0", '["$Q1"]'],
      ]),
    ).toBe(true);
    expect(
      resolvable([
        ["0", '["$Q1"]'],
        ["1", "[[1,2]]"],
      ]),
    ).toBe(false); // decoded before its chunk arrived
    expect(
      resolvable([
        ["1", "[[1,2]]"],
        ["0", '["$Q1","$W1"]'],
      ]),
    ).toBe(false); // one collection per chunk
    expect(
      resolvable([
        ["1", "[1]"],
        ["0", '["$Q1"]'],
      ]),
    ).toBe(false); // a Map is built from [key, value] pairs
    expect(
      resolvable([
        ["1", "not json"],
        ["0", '["$1"]'],
      ]),
    ).toBe(false);
    expect(
      resolvable([
        ["0", "[]"],
        ["00", "[]"],
      ]),
    ).toBe(false); // "00" is chunk 0 again to React
    expect(
      resolvable([
        ["0", "[]"],
        ["S0", "[]"],
      ]),
    ).toBe(false); // and "S0" its stream
  });

  it("refuses what React drops, and bodies that grow past React's limits once references are counted", () => {
    expect(resolvable('[{"__proto__":1},"$0:0:__proto__"]')).toBe(false); // React deletes "__proto__" keys
    expect(resolvable('[{"a":"$undefined"},"$0:0:a"]')).toBe(false); // and keys whose value is undefined
    expect(resolvable('[{"a:b":"$T"}]')).toBe(false); // a temporary reference: never in plain data
    const amplified = [
      JSON.stringify([Array(10_000).fill("a"), ...Array(100).fill("$0:0")]),
      JSON.stringify([Array(60).fill(1), ...Array(16).fill("$0:0")]), // React doubles its count at each one
      JSON.stringify(Array(25).fill("$0")),
      "[".repeat(12_000) + "]".repeat(12_000),
    ];
    expect(amplified.filter(resolvable)).toEqual([]);
    expect(decodeWithReact(amplified).filter((answer) => answer === "decoded")).toEqual([]);
  });
});

/**
 * A form posted without JavaScript names its action in `$ACTION_<n>:0` (its id and bound arguments, React's
 * encodeFormAction) beside `$ACTION_REF_<n>`. React's decodeFormState reads that descriptor and its bound arguments
 * exactly as decodeAction does (decodeBoundActionMetaData), without loading the action: the oracle here.
 */
const FORM_STATE = `
const react = require(${JSON.stringify(require.resolve(`${REACT}/server.node.js`))});
const bodies = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
(async () => {
  const results = [];
  for (const fields of bodies) {
    const form = new FormData();
    form.append("$ACTION_REF_1", "");
    for (const [name, text] of fields) form.append("$ACTION_1:" + name, text);
    form.append("$ACTION_KEY", "k0");
    const late = new Promise((resolve) => setTimeout(() => resolve("no answer"), 1000));
    let decoded;
    try {
      decoded = react.decodeFormState("result", form, {}).then(() => "decoded", (error) => String(error && error.message));
    } catch (error) {
      decoded = Promise.resolve(String(error && error.message));
    }
    results.push(await Promise.race([decoded, late]));
  }
  process.stdout.write(JSON.stringify(results));
})();`;

type FormFields = [name: string, text: string][];

function decodeFormStateWithReact(bodies: FormFields[]): string[] {
  const output = execFileSync(process.execPath, ["--conditions=react-server", "-e", FORM_STATE], {
    input: JSON.stringify(bodies),
    env: { ...process.env, NODE_ENV: "production" },
  });
  return JSON.parse(output.toString()) as string[];
}

const boundAction = (fields: FormFields) => isResolvableReply(fields, { root: "bound-action" });
const ID = "7f197c1c995ca31e284940250c9bee9db21d831b03";

describe("no-JavaScript form actions", () => {
  it("accepts what React's client writes (the review's checkout form), and React decodes it", () => {
    const written: FormFields[] = [
      [
        ["0", JSON.stringify({ id: ID, bound: "$@1" })],
        ["1", "[{}]"],
      ],
      [["0", JSON.stringify({ id: ID, bound: null })]],
      [
        ["0", JSON.stringify({ id: ID, bound: "$@1" })],
        ["1", JSON.stringify([{ message: "$$5 off", when: "$D2026-11-30T00:00:00.000Z" }, 7])],
      ],
    ];
    expect(written.filter((fields) => !boundAction(fields))).toEqual([]);
    expect(decodeFormStateWithReact(written)).toEqual(written.map(() => "decoded"));
  });

  it("refuses the descriptors that made Next.js answer 500", () => {
    const crafted: FormFields[] = [
      [["0", JSON.stringify({ id: ID, bound: "$@1" })]], // its arguments are missing: "Connection closed"
      [["0", JSON.stringify({ id: ID, bound: "$Q2" })]], // a Map of nothing: "Invalid reference"
      [["0", `{"id":"${ID}",`]], // Next.js checks only that it starts with the id
      [
        ["0", JSON.stringify({ id: ID, bound: "$@1" })],
        ["1", "not json"],
      ],
      [
        ["0", JSON.stringify({ id: ID, bound: "$@1" })],
        ["1", '["$2"]'],
      ],
      [["0", JSON.stringify({ id: ID, bound: "$1:x:y" })]],
    ];
    expect(crafted.filter(boundAction)).toEqual([]);
    expect(decodeFormStateWithReact(crafted).filter((answer) => answer === "decoded")).toEqual([]);
  });

  it("accepts only descriptors that React decodes, however they are crafted", () => {
    const bound = fc.oneof(fc.constant(null), reactString, replyValue);
    const bodies = fc.sample(
      fc
        .tuple(
          fc.oneof(
            bound.map((value) => JSON.stringify({ id: ID, bound: value })),
            field.map((text) => `{"id":"${ID}",${text}`),
          ),
          fc.array(fc.tuple(fc.constantFrom("1", "2", "0", "01", "a"), field), { maxLength: 3 }),
        )
        .map(([descriptor, others]): FormFields => [["0", descriptor], ...others]),
      { numRuns: 1000, seed: 20261130 },
    );
    const decoded = decodeFormStateWithReact(bodies);
    const wronglyAccepted = bodies.flatMap((fields, i) =>
      boundAction(fields) && decoded[i] !== "decoded" ? [[fields, decoded[i]]] : [],
    );
    expect(wronglyAccepted).toEqual([]);
    expect(bodies.filter(boundAction).length).toBeGreaterThan(50);
  });
});
