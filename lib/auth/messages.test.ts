import { describe, expect, it } from "vitest";

import { otherSessionsSignedOut } from "./messages";

describe("otherSessionsSignedOut", () => {
  it("says none as none, and one as one", () => {
    expect([0, 1, 2].map(otherSessionsSignedOut)).toEqual([
      "No other session was signed in.",
      "1 other session was signed out.",
      "2 other sessions were signed out.",
    ]);
  });
});
