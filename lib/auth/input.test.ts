import { describe, expect, it } from "vitest";

import { safeRedirectTarget, sameSiteRedirect } from "./redirect-target";
import { signInSchema, signUpSchema } from "./schema";

describe("sign-up input", () => {
  const valid = { name: "Ana", email: "ana@example.test", password: "long enough" };
  const errorsFor = (input: object) => {
    const result = signUpSchema.safeParse({ ...valid, ...input });
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("normalizes email case and name spacing", () => {
    expect(signUpSchema.parse({ ...valid, email: " Ana@Example.TEST ", name: "  Ana   Lopez " })).toMatchObject({
      email: "ana@example.test",
      name: "Ana Lopez",
    });
  });

  it.each([
    [{ email: "" }, "email", "Enter your email address."],
    [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
    [{ email: `${"a".repeat(250)}@x.io` }, "email", "That email address is too long."],
    [{ password: "short" }, "password", "Use at least 8 characters."],
    [{ password: "x".repeat(201) }, "password", "Use at most 200 characters."],
    [{ name: "   " }, "name", "Enter your name."],
    [{ name: "x".repeat(81) }, "name", "Use at most 80 characters."],
    [{ name: "Eve\u202Eevil" }, "name", "Remove invisible or control characters."],
    [{ name: "zero\u200Bwidth" }, "name", "Remove invisible or control characters."],
  ])("explains %j", (input, field, message) => expect(errorsFor(input)[field]).toBe(message));

  it("accepts names in any script", () => {
    expect(errorsFor({ name: "李小龍" })).toEqual({});
    expect(errorsFor({ name: "Zoë 🍜" })).toEqual({});
    expect(errorsFor({ name: "🍜".repeat(80) })).toEqual({});
  });

  it("sign-in gives no hint beyond a missing field", () => {
    expect(signInSchema.safeParse({ email: "a@b.io", password: "" }).success).toBe(false);
    expect(signInSchema.safeParse({ email: "a@b.io", password: "x" }).success).toBe(true);
  });
});

describe("redirects", () => {
  it.each([
    ["/orders?x=1", "/orders?x=1"],
    ["//evil.example", "/profile"],
    ["https://evil.example", "/profile"],
    ["/\\evil.example", "/profile"],
    [undefined, "/profile"],
  ])("follows %j to %j", (input, target) => expect(safeRedirectTarget(input)).toBe(target));

  const base = "https://platter.example";
  it.each([
    ["/orders", `${base}/orders`],
    [`${base}/cart?x=1#y`, `${base}/cart?x=1#y`],
    ["https://evil.example/orders", `${base}/`],
    // What a JSON body's callbackUrl can be: Auth.js hands it on as it came.
    [5, `${base}/`],
    [["/orders"], `${base}/`],
    [null, `${base}/`],
  ])("Auth.js' redirect callback sends %j to %j", (url, target) =>
    expect(sameSiteRedirect({ url, baseUrl: base })).toBe(target),
  );
});
