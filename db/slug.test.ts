import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";

import { profiles, restaurants } from "./schema";
import { SLUG_MAX, SLUG_PATTERN, slugify, withSuffix } from "./slug";

describe("slugs", () => {
  it.each([
    ["Zoë O'Brien", "zoe-o-brien"],
    ["Phở Sài Gòn", "pho-sai-gon"],
    ["Đà Nẵng Kitchen", "da-nang-kitchen"],
    ["Smørrebrød & Øl", "smorrebrod-ol"],
    ["Łódź Straße", "lodz-strasse"],
    ["Æble Œuvre", "aeble-oeuvre"],
    ["Crêperie", "creperie"],
    ["  --Hello, World!--", "hello-world"],
    ["李小龍", ""],
    ["a".repeat(70), "a".repeat(64)],
    [`${"a".repeat(63)} b`, "a".repeat(63)],
  ])("slugifies %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    if (slug) expect(slug).toMatch(SLUG_PATTERN);
  });

  it.each([
    ["zoe-o-brien", "zoe-o-brien-1a2b3c"],
    ["a".repeat(64), `${"a".repeat(57)}-1a2b3c`],
    // The cut falls just after a dash: the dash goes too, never "--".
    [`${"a".repeat(56)}-${"b".repeat(7)}`, `${"a".repeat(56)}-1a2b3c`],
    [`${"a".repeat(57)}-b`, `${"a".repeat(57)}-1a2b3c`],
  ])("suffixes %j", (slug, suffixed) => {
    expect(withSuffix(slug, "1a2b3c")).toBe(suffixed);
    expect(suffixed).toMatch(SLUG_PATTERN);
    expect(suffixed.length).toBeLessThanOrEqual(SLUG_MAX);
  });

  it.each([
    ["profiles", profiles],
    ["restaurants", restaurants],
  ] as const)("is the rule of the %s table's slug check", (name, table) => {
    const check = getTableConfig(table).checks.find((c) => c.name === `${name}_slug_shape`);
    const text = check?.value.queryChunks
      .map((chunk) => (typeof chunk === "object" && "value" in chunk ? String(chunk.value) : ""))
      .join("");
    expect(text).toContain(`<= ${SLUG_MAX} `);
    expect(text).toContain(`'${SLUG_PATTERN.source}'`);
  });
});
